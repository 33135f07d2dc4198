// The webhook over real channels (adapters/notify/src/webhook.cpp): every
// delivery signed (X-Alur-Timestamp, X-Alur-Signature: sha256=HMAC-SHA256 of
// "timestamp.body", X-Alur-Notice-Id), checked by a receiver that does what
// docs/OPERATIONS.md "Webhooks" tells a receiver to do (recompute the HMAC,
// compare in constant time, refuse a timestamp more than 5 minutes off and a
// notice id already seen); and HTTPS with the receiver's certificate verified
// (a self-signed one: delivered with ca_file, refused and retried without).
// Real sockets on 127.0.0.1; nothing sleeps: the time of a stale signature
// comes from a ManualClock given to the channel.
#include "mutation_fixture.hpp"

#include "alur/engine/clock.hpp"
#include "alur/engine/outbox.hpp"
#include "alur/engine/time.hpp"
#include "alur/notify/channels.hpp"
#include "alur/sqlite/journal.hpp"
#include "result_printing.hpp"
#include "test_support.hpp"
#include "tls_support.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <catch2/catch.hpp>
#include <openssl/crypto.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <condition_variable>
#include <cstdlib>
#include <optional>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

using namespace alur;
using alur::test::ok;
using alur::test::failed;
using namespace std::chrono;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

const std::string kSecret = "rahasia-webhook-bkpsdm-2026-0123456789";

/// What the receiver saw of one request and what it answered.
struct Seen {
    int status = 0;
    std::string why;
    std::string notice_id, timestamp, signature, idempotency_key, body;
};

/// A webhook receiver on 127.0.0.1 (HTTP, or HTTPS with `tls`): verifies each
/// request as docs/OPERATIONS.md says and answers 200, 400 (missing or stale
/// timestamp), 401 (bad signature) or 409 (a notice id it already has).
class Receiver {
public:
    explicit Receiver(const test::SelfSigned* tls = nullptr) : acceptor_(io_, {net::ip::make_address("127.0.0.1"), 0}) {
        if (tls) {
            tls_.emplace(ssl::context::tls_server);
            tls_->use_certificate_chain(net::buffer(tls->cert_pem));
            tls_->use_private_key(net::buffer(tls->key_pem), ssl::context::pem);
        }
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~Receiver() {
        net::post(io_, [this] { acceptor_.close(); });
        thread_.join();
    }
    Receiver(const Receiver&) = delete;
    Receiver& operator=(const Receiver&) = delete;

    std::string url(const std::string& path = "/hooks/alur") const {
        return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
               path;
    }

    /// The requests answered so far (waits up to 30 s for at least `n`).
    std::vector<Seen> seen(std::size_t n) {
        std::unique_lock lock(mutex_);
        REQUIRE(changed_.wait_for(lock, seconds(30), [&] { return seen_.size() >= n; }));
        return seen_;
    }
    std::size_t handshakes_failed() {
        std::lock_guard lock(mutex_);
        return handshakes_failed_;
    }

private:
    void accept() {
        acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
            if (ec) return;
            if (tls_) {
                ssl::stream<tcp::socket> stream(std::move(socket), *tls_);
                boost::system::error_code hs;
                stream.handshake(ssl::stream_base::server, hs);
                if (hs) {
                    std::lock_guard lock(mutex_);
                    ++handshakes_failed_;
                } else {
                    serve(stream);
                }
            } else {
                serve(socket);
            }
            accept();
        });
    }

    template <class Stream>
    void serve(Stream& stream) {
        boost::system::error_code ec;
        boost::beast::flat_buffer buffer;
        http::request<http::string_body> req;
        http::read(stream, buffer, req, ec);
        if (ec) return;
        Seen s;
        s.notice_id = std::string(req["X-Alur-Notice-Id"]);
        s.timestamp = std::string(req["X-Alur-Timestamp"]);
        s.signature = std::string(req["X-Alur-Signature"]);
        s.idempotency_key = std::string(req["Idempotency-Key"]);
        s.body = req.body();
        verify(s);
        http::response<http::string_body> res{static_cast<http::status>(s.status), 11};
        res.set(http::field::content_type, "text/plain");
        res.body() = s.why;
        res.prepare_payload();
        http::write(stream, res, ec);
        std::lock_guard lock(mutex_);
        seen_.push_back(std::move(s));
        changed_.notify_all();
    }

    /// The receiver's checks, in the order docs/OPERATIONS.md gives them.
    void verify(Seen& s) {
        auto answer = [&](int status, std::string why) {
            s.status = status;
            s.why = std::move(why);
        };
        if (s.timestamp.empty() || s.signature.empty() || s.notice_id.empty())
            return answer(400, "missing signature headers");
        const std::string expected = test::receiver_signature(kSecret, s.timestamp, s.body);
        if (expected.size() != s.signature.size() ||
            CRYPTO_memcmp(expected.data(), s.signature.data(), expected.size()) != 0)
            return answer(401, "bad signature");
        const long long now = duration_cast<std::chrono::seconds>(system_clock::now().time_since_epoch()).count();
        if (std::llabs(now - std::stoll(s.timestamp)) > 300) return answer(400, "stale timestamp");
        std::lock_guard lock(mutex_);
        if (!ids_.insert(s.notice_id).second) return answer(409, "notice " + s.notice_id + " already received");
        answer(200, "ok");
    }

    net::io_context io_;
    tcp::acceptor acceptor_;
    std::optional<ssl::context> tls_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Seen> seen_;
    std::set<std::string> ids_;
    std::size_t handshakes_failed_ = 0;
    std::thread thread_;
};

/// Replays a request the receiver saw, byte for byte (an attacker's copy).
int replay(const std::string& url, const Seen& s) {
    const auto port = static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)));
    net::io_context io;
    tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> req{http::verb::post, "/hooks/alur", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/json");
    req.set("X-Alur-Notice-Id", s.notice_id);
    req.set("X-Alur-Timestamp", s.timestamp);
    req.set("X-Alur-Signature", s.signature);
    req.body() = s.body;
    req.prepare_payload();
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    return static_cast<int>(res.result_int());
}

Notice notice(std::int64_t id) {
    Notice n;
    n.id = id;
    n.case_id = "MUT-2026-0007";
    n.channel = "webhook";
    n.recipient = "role:admin";
    n.payload = R"({"kind":"reminder","message":{"en":"due soon","id":"segera jatuh tempo"},"state":"scoring"})";
    n.created_at = parse_utc("2026-12-01T02:00:00.000Z").value();
    n.next_attempt_at = n.created_at;
    return n;
}

std::shared_ptr<notify::WebhookChannel> channel(const std::string& url, const std::string& secret = kSecret,
                                                std::filesystem::path ca_file = {},
                                                std::shared_ptr<const Clock> clock = nullptr) {
    notify::WebhookOptions o;
    o.timeout = seconds(10);
    o.secret = secret;
    o.ca_file = std::move(ca_file);
    o.clock = std::move(clock);
    auto made = notify::WebhookChannel::make(url, std::move(o));
    REQUIRE(ok(made));
    return *made;
}

}  // namespace

TEST_CASE("every webhook delivery is signed and the receiver refuses a forgery, a stale timestamp and a replay",
          "[notify][webhook][signature]") {
    Receiver receiver;
    auto hook = channel(receiver.url());
    CHECK(hook->signs());

    REQUIRE(ok(hook->deliver(notice(7))));
    auto seen = receiver.seen(1);
    CHECK(seen[0].status == 200);
    CHECK(seen[0].notice_id == "7");
    CHECK(seen[0].idempotency_key == "alur-notice-7");
    CHECK(seen[0].signature == notify::webhook_signature(kSecret, seen[0].timestamp, seen[0].body));
    CHECK(seen[0].signature.starts_with("sha256="));
    CHECK(seen[0].signature.size() == 7 + 64);
    std::cout << "webhook: X-Alur-Notice-Id " << seen[0].notice_id << ", X-Alur-Timestamp " << seen[0].timestamp
              << ", X-Alur-Signature " << seen[0].signature << " -> " << seen[0].status << "\n";

    // An attacker's copy of the same request: refused as a replay.
    CHECK(replay(receiver.url(), seen[0]) == 409);
    // Alur delivering notice 7 again (a crash between delivering and recording
    // it): a new timestamp and signature, the same id; the receiver answers
    // 409 and the channel counts it delivered, so it is not retried for ever.
    REQUIRE(ok(hook->deliver(notice(7))));
    seen = receiver.seen(3);
    CHECK(seen[2].status == 409);
    CHECK(seen[2].notice_id == "7");

    // Signed with another secret: 401, a failed delivery naming the status.
    auto forged = channel(receiver.url(), "not-the-agency-secret-0123456789")->deliver(notice(8));
    REQUIRE(failed(forged));
    CHECK_THAT(forged.error().message, Catch::Contains("answered 401") && Catch::Contains("bad signature"));

    // A signature made 10 minutes ago (the channel's clock): refused as stale.
    auto clock = std::make_shared<ManualClock>(time_point_cast<milliseconds>(system_clock::now()) - minutes(10));
    auto stale = channel(receiver.url(), kSecret, {}, clock)->deliver(notice(9));
    REQUIRE(failed(stale));
    CHECK_THAT(stale.error().message, Catch::Contains("answered 400") && Catch::Contains("stale timestamp"));
    seen = receiver.seen(5);
    CHECK(seen[4].timestamp == std::to_string(duration_cast<std::chrono::seconds>(clock->now().time_since_epoch()).count()));

    // Without a secret: no signature header, which this receiver refuses.
    auto unsigned_hook = channel(receiver.url(), "");
    CHECK_FALSE(unsigned_hook->signs());
    REQUIRE(failed(unsigned_hook->deliver(notice(10))));
    CHECK(receiver.seen(6)[5].signature.empty());
    CHECK(receiver.seen(6)[5].status == 400);
}

TEST_CASE("an https webhook verifies the receiver's certificate: a self-signed one needs ca_file",
          "[notify][webhook][tls]") {
    const test::SelfSigned cert = test::make_self_signed();
    test::TempDir dir;
    cert.write(dir.path(), "receiver-");
    const auto ca_file = dir / "receiver-cert.pem";
    Receiver receiver(&cert);
    REQUIRE(receiver.url().starts_with("https://127.0.0.1:"));

    SECTION("delivered with the receiver's certificate as ca_file") {
        auto hook = channel(receiver.url(), kSecret, ca_file);
        CHECK(hook->https());
        REQUIRE(ok(hook->deliver(notice(21))));
        const auto seen = receiver.seen(1);
        CHECK(seen[0].status == 200);
        CHECK(seen[0].signature == notify::webhook_signature(kSecret, seen[0].timestamp, seen[0].body));
        std::cout << "webhook over TLS to " << receiver.url() << " with ca_file: answered " << seen[0].status << "\n";
    }
    SECTION("refused with the system's CAs, naming the verify failure") {
        auto r = channel(receiver.url())->deliver(notice(22));
        REQUIRE(failed(r));
        CHECK(r.error().code == errc::io);
        CHECK_THAT(r.error().message, Catch::Contains(receiver.url()) && Catch::Contains("TLS handshake failed") &&
                                          Catch::Contains("certificate verify failed") &&
                                          Catch::Contains("self-signed certificate"));
        std::cout << "webhook over TLS without ca_file: " << r.error().message << "\n";
    }
    SECTION("refused when the certificate names another host") {
        const test::SelfSigned other = test::make_self_signed("notices.example.go.id", "DNS:notices.example.go.id");
        other.write(dir.path(), "other-");
        Receiver elsewhere(&other);
        auto r = channel(elsewhere.url(), kSecret, dir / "other-cert.pem")->deliver(notice(23));
        REQUIRE(failed(r));
        CHECK_THAT(r.error().message, Catch::Contains("certificate verify failed") && Catch::Contains("IP address mismatch"));
    }
    SECTION("a CA file that is missing or holds no certificate is refused when the channel is made") {
        notify::WebhookOptions o;
        o.ca_file = dir / "missing.pem";
        auto missing = notify::WebhookChannel::make(receiver.url(), o);
        REQUIRE(failed(missing));
        CHECK(missing.error().code == errc::invalid_input);
        CHECK_THAT(missing.error().message, Catch::Contains("missing.pem") && Catch::Contains("cannot be read"));
        o.ca_file = dir / "receiver-key.pem";
        auto not_cert = notify::WebhookChannel::make(receiver.url(), o);
        REQUIRE(failed(not_cert));
        CHECK_THAT(not_cert.error().message, Catch::Contains("holds no PEM certificate"));
    }
}

TEST_CASE("an https delivery that fails the certificate check stays in the outbox and is retried",
          "[outbox][webhook][tls]") {
    test::TempDir dir;
    auto journal = sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
    EngineOptions options;
    options.deadline_clock.calendar = Calendar(Calendar::shipped());
    options.channels = {"webhook"};
    options.recipients = [](std::string_view, std::string_view) { return std::vector<std::string>{"role:admin"}; };
    test::MutationFixture f(mutation::Settings{}, journal, options);
    const auto id = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
    f.clock->set(test::at("2024-04-18T16:00"));
    REQUIRE(f.engine->fire_due(f.clock->now()).value().fired == 1);

    const test::SelfSigned cert = test::make_self_signed();
    cert.write(dir.path());
    Receiver receiver(&cert);
    auto quiet = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());

    OutboxDispatcher without(journal, f.clock, {channel(receiver.url())}, quiet, Backoff{seconds(5), seconds(60)});
    auto first = without.deliver_pending();
    REQUIRE(ok(first));
    CHECK(first->failed == 1);
    CHECK(first->delivered == 0);
    auto notices = journal->case_notices(id).value();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].attempts == 1);
    CHECK(notices[0].delivered_at == std::nullopt);
    CHECK(notices[0].next_attempt_at > f.clock->now());  // retried after the back-off
    CHECK_THAT(notices[0].last_error, Catch::Contains("certificate verify failed") &&
                                          Catch::Contains("self-signed certificate"));
    std::cout << "outbox last_error: " << notices[0].last_error << "\n";

    f.clock->advance(seconds(5));
    OutboxDispatcher with(journal, f.clock, {channel(receiver.url(), kSecret, dir / "cert.pem")}, quiet,
                          Backoff{seconds(5), seconds(60)});
    auto second = with.deliver_pending();
    REQUIRE(ok(second));
    CHECK(second->delivered == 1);
    notices = journal->case_notices(id).value();
    CHECK(notices[0].delivered_at != std::nullopt);
    CHECK(receiver.seen(1)[0].status == 200);
    CHECK(receiver.handshakes_failed() == 1);
}
