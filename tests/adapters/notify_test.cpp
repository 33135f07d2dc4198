// Tests for adapters/notify: the log, JSON Lines file and webhook channels.
// The webhook is tested against a real HTTP server on 127.0.0.1 (an ephemeral
// port) run by the test on its own thread; nothing sleeps: the test waits on
// the server's futures, and only the channel's own timeout is a real timer.
#include "alur/engine/json.hpp"
#include "alur/engine/time.hpp"
#include "alur/notify/channels.hpp"

#include "result_printing.hpp"
#include "test_support.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono;
using alur::errc;
using alur::Notice;
using alur::test::failed;
using alur::test::ok;
namespace notify = alur::notify;
namespace json = boost::json;
namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

const alur::TimePoint kCreated = alur::parse_utc("2024-04-18T02:00:00.000Z").value();

Notice make_notice(std::int64_t id, std::string channel, std::string recipient = "role:admin") {
    json::object message;
    message["id"] = "Batas waktu tahap rekam jejak kasus MUT-2024-0001 jatuh pada 23 April 2024 (3 hari kerja lagi).";
    message["en"] = "The record_gathering deadline of case MUT-2024-0001 falls due on 23 April 2024 (3 working days left).";
    json::object payload;
    payload["case"] = "MUT-2024-0001";
    payload["workflow"] = "mutation";
    payload["state"] = "record_gathering";
    payload["kind"] = "reminder";
    payload["subject"] = "199001012015031001";
    payload["due_at"] = "2024-04-23T10:00:00.000Z";
    payload["working_days_left"] = 3;
    payload["message"] = std::move(message);

    Notice n;
    n.id = id;
    n.event_global_seq = 40 + id;
    n.case_id = "MUT-2024-0001";
    n.channel = std::move(channel);
    n.recipient = std::move(recipient);
    n.payload = alur::canonical_json(payload);
    n.created_at = kCreated;
    n.next_attempt_at = kCreated;
    return n;
}

std::vector<std::string> read_lines(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

void check_record(const std::string& line, const Notice& n) {
    INFO(line);
    const json::value v = json::parse(line);
    REQUIRE(v.is_object());
    const auto& o = v.get_object();
    CHECK(o.at("notice_id").to_number<std::int64_t>() == n.id);
    CHECK(o.at("case").as_string() == n.case_id);
    CHECK(o.at("recipient").as_string() == n.recipient);
    CHECK(o.at("channel").as_string() == n.channel);
    CHECK(o.at("created_at").as_string() == "2024-04-18T02:00:00.000Z");
    REQUIRE(o.at("payload").is_object());
    CHECK(alur::canonical_json(o.at("payload")) == n.payload);
}

// --- a real HTTP server for the webhook -------------------------------------

struct Received {
    std::string method;
    std::string target;
    std::string host;
    std::string content_type;
    std::string idempotency_key;
    std::string body;
};

enum class Reply { ok, server_error, hang };

/// Accepts one connection per planned reply, records each request (available
/// through request(i) as soon as it is read) and answers 200, 500, or nothing
/// until release() (or its destructor) lets the connection close.
class TestServer {
public:
    explicit TestServer(std::vector<Reply> plan)
        : plan_(std::move(plan)), received_(plan_.size()), acceptor_(ioc_, {net::ip::make_address("127.0.0.1"), 0}),
          released_(release_.get_future().share()) {
        accept_next();
        thread_ = std::thread([this] { ioc_.run(); });
    }
    ~TestServer() {
        release();
        net::post(ioc_, [this] { acceptor_.close(); });
        thread_.join();
    }
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port()) + path; }

    /// The i-th request; call once per index.
    std::future<Received> request(std::size_t i) { return received_.at(i).get_future(); }

    void release() {
        if (!released_called_) {
            released_called_ = true;
            release_.set_value();
        }
    }

private:
    void accept_next() {
        if (served_ == plan_.size()) return;
        acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
            if (ec) return;
            serve(std::move(socket), served_);
            ++served_;
            accept_next();
        });
    }

    void serve(tcp::socket socket, std::size_t i) {
        boost::system::error_code ec;
        boost::beast::flat_buffer buffer;
        http::request<http::string_body> req;
        http::read(socket, buffer, req, ec);
        Received r;
        if (ec) {
            r.method = "unreadable: " + ec.message();
        } else {
            r.method = std::string(req.method_string());
            r.target = std::string(req.target());
            r.host = std::string(req[http::field::host]);
            r.content_type = std::string(req[http::field::content_type]);
            r.idempotency_key = std::string(req["Idempotency-Key"]);
            r.body = req.body();
        }
        received_[i].set_value(std::move(r));

        if (plan_[i] == Reply::hang) {
            released_.wait();  // the client gives up first
            return;
        }
        const bool good = plan_[i] == Reply::ok;
        http::response<http::string_body> res{good ? http::status::ok : http::status::internal_server_error, 11};
        res.set(http::field::content_type, "text/plain");
        res.body() = good ? "ok" : "database down\n";
        res.prepare_payload();
        http::write(socket, res, ec);
        socket.shutdown(tcp::socket::shutdown_send, ec);
    }

    std::vector<Reply> plan_;
    std::vector<std::promise<Received>> received_;
    std::size_t served_ = 0;
    net::io_context ioc_;
    tcp::acceptor acceptor_;
    std::promise<void> release_;
    std::shared_future<void> released_;
    bool released_called_ = false;
    std::thread thread_;
};

/// A port on 127.0.0.1 that nobody listens on (bound, then closed).
unsigned short closed_port() {
    net::io_context ioc;
    tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

template <class T>
T wait(std::future<T> f) {
    REQUIRE(f.wait_for(seconds(10)) == std::future_status::ready);
    return f.get();
}

}  // namespace

// --- log --------------------------------------------------------------------

TEST_CASE("the log channel writes one info line with the case, recipient and Indonesian text", "[notify]") {
    std::ostringstream out;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    sink->set_pattern("%l %v");
    auto logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_level(spdlog::level::debug);
    notify::LogChannel channel(logger);
    CHECK(channel.name() == "log");

    REQUIRE(ok(channel.deliver(make_notice(7, "log", "kepala.bkd@example.go.id"))));
    CHECK(out.str() ==
          "info notice 7 for case MUT-2024-0001 to kepala.bkd@example.go.id: Batas waktu tahap rekam jejak kasus "
          "MUT-2024-0001 jatuh pada 23 April 2024 (3 hari kerja lagi).\n");

    SECTION("missing fields are tolerated") {
        out.str("");
        Notice bare;
        bare.id = 8;
        bare.payload = R"({"kind":"escalation","message":{"en":"Overdue"}})";
        REQUIRE(ok(channel.deliver(bare)));
        bare.payload = R"({"kind":"escalation","state":"scoring"})";
        REQUIRE(ok(channel.deliver(bare)));
        bare.payload = "not json";
        REQUIRE(ok(channel.deliver(bare)));
        CHECK(out.str() ==
              "info notice 8 for case - to -: Overdue\n"
              "info notice 8 for case - to -: escalation in scoring\n"
              "info notice 8 for case - to -: not json\n");
    }
}

TEST_CASE("a log channel without a logger discards its lines", "[notify]") {
    notify::LogChannel channel(nullptr);
    CHECK(ok(channel.deliver(make_notice(1, "log"))));
}

// --- file -------------------------------------------------------------------

TEST_CASE("the file channel appends one JSON object per notice, one per line", "[notify]") {
    alur::test::TempDir dir;
    const auto path = dir / "notices.jsonl";
    notify::FileChannel channel(path);
    CHECK(channel.name() == "file");

    const Notice first = make_notice(1, "file");
    const Notice second = make_notice(2, "file", "role:ppk");
    REQUIRE(ok(channel.deliver(first)));
    REQUIRE(ok(channel.deliver(second)));

    const auto lines = read_lines(path);
    REQUIRE(lines.size() == 2);
    check_record(lines[0], first);
    check_record(lines[1], second);
    CHECK(lines[0] == notify::notice_record(first));

    SECTION("a redelivery after a crash appends the same record again; readers deduplicate on notice_id") {
        REQUIRE(ok(channel.deliver(second)));
        const auto again = read_lines(path);
        REQUIRE(again.size() == 3);
        CHECK(again[2] == again[1]);
    }

    SECTION("a line left unfinished by a crash cannot swallow the next one") {
        {
            std::ofstream out(path, std::ios::app);
            out << R"({"notice_id":3,"ca)";
        }
        const Notice fourth = make_notice(4, "file");
        REQUIRE(ok(channel.deliver(fourth)));
        const auto repaired = read_lines(path);
        REQUIRE(repaired.size() == 4);
        CHECK(repaired[2] == R"({"notice_id":3,"ca)");
        check_record(repaired[3], fourth);
    }
}

TEST_CASE("the file channel reports an unwritable path as an io error naming it", "[notify]") {
    alur::test::TempDir dir;
    const auto path = dir / "no-such-dir" / "notices.jsonl";
    notify::FileChannel channel(path);
    const auto r = channel.deliver(make_notice(1, "file"));
    REQUIRE(failed(r));
    CHECK(r.error().code == errc::io);
    CHECK_THAT(r.error().message, Catch::Contains(path.string()) && Catch::Contains("No such file or directory"));
}

TEST_CASE("the notice file must be a regular file or absent: a directory, a FIFO or a device is refused",
          "[notify][files]") {
    alur::test::TempDir dir;
    REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);  // nobody reads it: a blocking open would hang
    std::filesystem::create_directory(dir / "sub");
    struct Case {
        std::filesystem::path path;
        const char* what;
    };
    for (const Case& c : {Case{dir / "sub", "a directory"}, Case{dir / "pipe", "a FIFO"},
                          Case{"/dev/null", "a character device"}}) {
        INFO(c.path.string());
        notify::FileChannel channel(c.path);
        const std::string message = "notice file " + c.path.string() + " is " + c.what + ", not a regular file";
        const auto checked = channel.check();
        REQUIRE(failed(checked));
        CHECK(checked.error().code == errc::invalid_input);
        CHECK(checked.error().message == message);
        const auto delivered = channel.deliver(make_notice(1, "file"));
        REQUIRE(failed(delivered));
        CHECK(delivered.error().code == errc::invalid_input);
        CHECK(delivered.error().message == message);
    }

    notify::FileChannel absent(dir / "notices.jsonl");
    CHECK(ok(absent.check()));
    REQUIRE(ok(absent.deliver(make_notice(1, "file"))));
    CHECK(ok(absent.check()));  // now a regular file
    CHECK(read_lines(dir / "notices.jsonl").size() == 1);
}

TEST_CASE("a payload that is not JSON is kept as a string in the record", "[notify]") {
    Notice n = make_notice(5, "file");
    n.payload = "{broken";
    const json::value v = json::parse(notify::notice_record(n));
    CHECK(v.at("payload").as_string() == "{broken");
}

// --- webhook ----------------------------------------------------------------

TEST_CASE("webhook URLs are parsed once, when the channel is made", "[notify][webhook]") {
    SECTION("accepted") {
        auto c = notify::WebhookChannel::make("http://127.0.0.1:8080/hooks/alur?src=bkd#frag");
        REQUIRE(ok(c));
        CHECK((*c)->host() == "127.0.0.1");
        CHECK((*c)->port() == "8080");
        CHECK((*c)->target() == "/hooks/alur?src=bkd");
        CHECK((*c)->timeout() == notify::WebhookChannel::default_timeout);
        CHECK((*c)->name() == "webhook");

        auto plain = notify::WebhookChannel::make("HTTP://notices.example.go.id", milliseconds(250));
        REQUIRE(ok(plain));
        CHECK((*plain)->host() == "notices.example.go.id");
        CHECK((*plain)->port() == "80");
        CHECK((*plain)->target() == "/");
        CHECK((*plain)->timeout() == milliseconds(250));

        auto secure = notify::WebhookChannel::make("https://notices.example.go.id/alur");
        REQUIRE(ok(secure));
        CHECK((*secure)->https());
        CHECK((*secure)->port() == "443");
        CHECK_FALSE((*plain)->https());

        auto v6 = notify::WebhookChannel::make("http://[::1]:9000/x");
        REQUIRE(ok(v6));
        CHECK((*v6)->host() == "::1");
        CHECK((*v6)->port() == "9000");
    }
    SECTION("refused") {
        const std::vector<std::pair<std::string, std::string>> bad = {
            {"ftp://example.org/hook", "scheme must be http"},
            {"example.org/hook", "expected https://host[:port]/path"},
            {"http:///hook", "no host"},
            {"http://example.org:/hook", "port is empty"},
            {"http://example.org:0/hook", "1 to 65535"},
            {"http://example.org:65536/hook", "1 to 65535"},
            {"http://example.org:80a/hook", "1 to 65535"},
            {"http://user@example.org/hook", "user information"},
            {"http://example.org/a hook", "space or control character"},
            {"http://[::1/hook", "closing ']'"},
        };
        for (const auto& [url, why] : bad) {
            INFO(url);
            const auto r = notify::WebhookChannel::make(url);
            REQUIRE(failed(r));
            CHECK(r.error().code == errc::invalid_input);
            CHECK_THAT(r.error().message, Catch::Contains(url) && Catch::Contains(why));
        }
        const auto r = notify::WebhookChannel::make("http://example.org/", milliseconds(0));
        REQUIRE(failed(r));
        CHECK(r.error().code == errc::invalid_input);
        CHECK(r.error().field == "timeout");
    }
}

TEST_CASE("the webhook POSTs the record with an idempotency key, and 200 is delivered", "[notify][webhook]") {
    TestServer server({Reply::ok});
    auto channel = notify::WebhookChannel::make(server.url("/hooks/alur"));
    REQUIRE(ok(channel));

    const Notice n = make_notice(42, "webhook");
    REQUIRE(ok((*channel)->deliver(n)));

    const Received r = wait(server.request(0));
    CHECK(r.method == "POST");
    CHECK(r.target == "/hooks/alur");
    CHECK(r.host == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(r.content_type == "application/json");
    CHECK(r.idempotency_key == "alur-notice-42");
    CHECK(r.body == notify::notice_record(n));
    check_record(r.body, n);
}

TEST_CASE("the webhook reports a non-2xx answer with the URL and status", "[notify][webhook]") {
    TestServer server({Reply::server_error});
    const std::string url = server.url("/hooks/alur");
    auto channel = notify::WebhookChannel::make(url);
    REQUIRE(ok(channel));

    const auto r = (*channel)->deliver(make_notice(43, "webhook"));
    REQUIRE(failed(r));
    CHECK(r.error().code == errc::io);
    CHECK_THAT(r.error().message,
               Catch::Contains(url) && Catch::Contains("500 Internal Server Error") && Catch::Contains("database down"));
    CHECK(wait(server.request(0)).idempotency_key == "alur-notice-43");
}

TEST_CASE("the webhook reports a refused connection with the URL", "[notify][webhook]") {
    const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/hooks/alur";
    auto channel = notify::WebhookChannel::make(url);
    REQUIRE(ok(channel));

    const auto r = (*channel)->deliver(make_notice(44, "webhook"));
    REQUIRE(failed(r));
    CHECK(r.error().code == errc::io);
    CHECK_THAT(r.error().message, Catch::Contains(url) && Catch::Contains("connecting failed"));
}

TEST_CASE("the webhook gives up on a server that does not answer within the timeout", "[notify][webhook]") {
    TestServer server({Reply::hang});
    const std::string url = server.url("/slow");
    auto channel = notify::WebhookChannel::make(url, milliseconds(200));
    REQUIRE(ok(channel));

    const auto started = steady_clock::now();
    const auto r = (*channel)->deliver(make_notice(45, "webhook"));
    const auto took = steady_clock::now() - started;
    REQUIRE(failed(r));
    CHECK(r.error().code == errc::io);
    CHECK_THAT(r.error().message, Catch::Contains(url) && Catch::Contains("waiting for the answer timed out after 200 ms"));
    CHECK(took >= milliseconds(200));
    CHECK(took < seconds(5));
    CHECK(wait(server.request(0)).target == "/slow");  // the request itself went through
    server.release();
}
