// email.cpp — the email channel: one SMTP transaction per notice with
// libcurl's easy interface, on the caller's thread (deliver) or on the
// channel's worker thread (deliver_async).
#include "alur/notify/email.hpp"
#include "alur/notify/url.hpp"

#include <boost/asio/execution/context.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/query.hpp>
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace alur::notify {
namespace {

/// Ties a worker's completions to an io_context's lifetime: once the context
/// shuts down (it is being destroyed), nothing more is posted to it.
class Link final : public boost::asio::execution_context::service {
public:
    struct State {
        std::mutex mutex;
        bool alive = true;
    };
    using key_type = Link;
    static inline boost::asio::execution_context::id id;

    explicit Link(boost::asio::execution_context& context)
        : boost::asio::execution_context::service(context), state(std::make_shared<State>()) {}
    void shutdown() override {
        const std::lock_guard lock(state->mutex);
        state->alive = false;
    }
    std::shared_ptr<State> state;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

/// Why `url` is not "smtp[s]://host[:port][/domain]", or empty if it is.
std::string check_smtp_url(std::string_view url) {
    const auto sep = url.find("://");
    if (sep == std::string_view::npos) return "expected smtp://host[:port] or smtps://host[:port]";
    const std::string scheme = lower(std::string(url.substr(0, sep)));
    if (scheme != "smtp" && scheme != "smtps") return "the scheme must be smtp or smtps (got '" + scheme + "')";
    if (std::any_of(url.begin(), url.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; }))
        return "must not contain spaces or control characters";
    const std::string_view rest = url.substr(sep + 3);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos)
        return "must not hold a user name or password (use username and password_file)";
    return check_authority(authority);
}

void global_init() {
    static const CURLcode once = curl_global_init(CURL_GLOBAL_DEFAULT);
    (void)once;
}

struct Upload {
    std::string_view data;
    std::size_t sent = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, up->data.size() - up->sent);
    std::memcpy(buffer, up->data.data() + up->sent, n);
    up->sent += n;
    return n;
}

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* abort = static_cast<const std::atomic<bool>*>(user);
    return abort != nullptr && abort->load() ? 1 : 0;
}

/// One SMTP transaction: MAIL FROM, RCPT TO, DATA, with STARTTLS and AUTH as configured.
Result<void> send(const Notice& notice, const EmailSettings& s, const std::atomic<bool>* abort) {
    const std::string where = "e-mail via " + s.url + " to " + notice.recipient;
    auto message = compose_mail(notice, s);
    if (!message) return make_error(errc::io, where + ": " + message.error().message);
    global_init();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return make_error(errc::io, where + ": libcurl could not start a transfer");
    CURL* h = curl.get();
    struct Slist {
        curl_slist* list = nullptr;
        ~Slist() { curl_slist_free_all(list); }
    } rcpt;
    const std::string to = "<" + notice.recipient + ">";
    rcpt.list = curl_slist_append(nullptr, to.c_str());
    const std::string from = "<" + s.from + ">";
    Upload upload{*message};
    char error[CURL_ERROR_SIZE] = {};
    const long use_ssl = s.starttls == "off" ? CURLUSESSL_NONE : s.starttls == "opportunistic" ? CURLUSESSL_TRY
                                                                                               : CURLUSESSL_ALL;
    curl_easy_setopt(h, CURLOPT_URL, s.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.list);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, &read_message);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message->size()));
    curl_easy_setopt(h, CURLOPT_USE_SSL, use_ssl);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(s.timeout.count()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.timeout.count()));
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(abort));
    if (!s.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, s.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, s.password.c_str());
    }
    if (!s.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_file.c_str());

    const CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK) return {};
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    std::string why = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
    while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
    if (rc == CURLE_OPERATION_TIMEDOUT) why += " (timeout " + std::to_string(s.timeout.count()) + " ms)";
    if (rc == CURLE_ABORTED_BY_CALLBACK) why = "stopped: the server is shutting down";
    if (reply != 0) why += " (server replied " + std::to_string(reply) + ")";
    return make_error(errc::io, where + ": " + why);
}

}  // namespace

struct EmailChannel::Worker {
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::function<void()>> jobs;
    bool stopping = false;
    std::atomic<bool> abort{false};
    std::thread thread;

    Worker() : thread([this] { run(); }) {}
    ~Worker() {
        {
            const std::lock_guard lock(mutex);
            stopping = true;
        }
        abort = true;  // an attempt under way ends at libcurl's next progress call
        wake.notify_all();
        thread.join();
    }
    void push(std::function<void()> job) {
        {
            const std::lock_guard lock(mutex);
            jobs.push_back(std::move(job));
        }
        wake.notify_one();
    }
    void run() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return stopping || !jobs.empty(); });
                if (stopping) return;  // queued attempts are dropped: their notices stay pending
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            job();
        }
    }
};

EmailChannel::EmailChannel(EmailSettings settings) : settings_(std::move(settings)) {}

EmailChannel::~EmailChannel() = default;

Result<void> check_email_settings(const EmailSettings& s) {
    auto bad = [](const std::string& key, const std::string& why) {
        return make_error(errc::invalid_input, "notify.email." + key + ": " + why, "notify.email." + key);
    };
    if (auto why = check_smtp_url(s.url); !why.empty()) return bad("url", "'" + s.url + "': " + why);
    if (!is_mail_address(s.from)) return bad("from", "'" + s.from + "' is not an e-mail address (name@example.go.id)");
    if (has_line_break(s.from_name)) return bad("from", "the sender's name (the agency's) must be one line");
    if (s.starttls != "required" && s.starttls != "opportunistic" && s.starttls != "off")
        return bad("starttls", "expected \"required\", \"opportunistic\" or \"off\" (got \"" + s.starttls + "\")");
    if (s.language != "id" && s.language != "en")
        return bad("language", "expected \"id\" or \"en\" (got \"" + s.language + "\")");
    if (s.timeout.count() <= 0) return bad("timeout_ms", "must be positive");
    if (has_line_break(s.username) || has_line_break(s.password))
        return bad("username", "the user name and password must not hold a line break");
    if (s.username.empty() && !s.password.empty()) return bad("username", "a password is given without a user name");
    return {};
}

Result<std::shared_ptr<EmailChannel>> EmailChannel::make(EmailSettings s) {
    if (auto ok = check_email_settings(s); !ok) return ok.error();
    global_init();
    auto channel = std::shared_ptr<EmailChannel>(new EmailChannel(std::move(s)));
    channel->worker_ = std::make_unique<Worker>();
    return channel;
}

Result<void> EmailChannel::deliver(const Notice& notice) { return send(notice, settings_, nullptr); }

void EmailChannel::deliver_async(const Notice& notice, boost::asio::any_io_executor executor, Handler done) {
    auto& context = boost::asio::query(executor, boost::asio::execution::context);
    std::shared_ptr<Link::State> link = boost::asio::use_service<Link>(context).state;
    worker_->push([this, notice, executor = std::move(executor), done = std::move(done), link]() mutable {
        Result<void> result = send(notice, settings_, &worker_->abort);
        const std::lock_guard lock(link->mutex);
        if (!link->alive) return;  // the loop is gone: the notice stays pending and is delivered later
        boost::asio::post(executor, [done = std::move(done), result = std::move(result)]() mutable {
            done(std::move(result));
        });
    });
}

}  // namespace alur::notify
