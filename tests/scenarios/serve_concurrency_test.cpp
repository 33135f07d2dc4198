// `alur serve` when something is slow or scarce, against the real binary on
// loopback with real sockets: a webhook receiver that accepts and never
// answers (before delivery was asynchronous it froze every HTTP request for
// the webhook's timeout), the connection limits, and running out of file
// descriptors. Times are measured with steady_clock around real requests;
// every wait is for a line, a future or a condition polled up to a generous
// timeout, never a fixed sleep.
#include "hanging_receiver.hpp"
#include "scenario_cli.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>

#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <future>

using alur::scenario::Cli;
using alur::scenario::eventually;
using alur::scenario::Server;
namespace json = boost::json;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using namespace std::chrono;

namespace {

/// One keep-alive connection whose every step is bounded (a server out of
/// descriptors may leave a connection unaccepted): nullopt on a timeout or error.
class TimedClient {
public:
    struct Reply {
        int status = 0;
        std::string body;
        std::string code() const { return std::string(json::parse(body).at("error").at("code").as_string()); }
    };

    /// Connects from `from` (any 127.x.y.z address is loopback on Linux).
    TimedClient(unsigned short port, const std::string& from = "127.0.0.1") : stream_(io_) {
        boost::system::error_code ec;
        stream_.socket().open(net::ip::tcp::v4(), ec);
        if (!ec) stream_.socket().bind({net::ip::make_address(from), 0}, ec);
        if (!ec) stream_.socket().connect({net::ip::make_address("127.0.0.1"), port}, ec);
        connected_ = !ec;
    }

    bool connected() const { return connected_; }
    void close() {
        stream_.close();
        connected_ = false;
    }

    std::optional<Reply> request(bhttp::verb method, const std::string& target, const std::string& token = {},
                                 const std::string& body = {}, milliseconds timeout = milliseconds(10000)) {
        if (!send(method, target, token, body, timeout)) return std::nullopt;
        return receive(timeout);
    }

    /// The request alone: true once it is written.
    bool send(bhttp::verb method, const std::string& target, const std::string& token = {},
              const std::string& body = {}, milliseconds timeout = milliseconds(10000)) {
        if (!connected_) return false;
        bhttp::request<bhttp::string_body> req{method, target, 11};
        req.set(bhttp::field::host, "127.0.0.1");
        if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
        if (!body.empty()) {
            req.set(bhttp::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        boost::system::error_code ec;
        stream_.expires_after(timeout);
        bhttp::async_write(stream_, req, [&](const boost::system::error_code& e, std::size_t) { ec = e; });
        run();
        return !ec;
    }

    /// The answer to the request sent.
    std::optional<Reply> receive(milliseconds timeout = milliseconds(10000)) {
        boost::system::error_code ec;
        bhttp::response<bhttp::string_body> res;
        stream_.expires_after(timeout);
        bhttp::async_read(stream_, buffer_, res, [&](const boost::system::error_code& e, std::size_t) { ec = e; });
        run();
        if (ec) return std::nullopt;
        return Reply{static_cast<int>(res.result_int()), res.body()};
    }

    std::optional<Reply> get(const std::string& target, milliseconds timeout = milliseconds(10000)) {
        return request(bhttp::verb::get, target, {}, {}, timeout);
    }

    /// Status of GET /healthz, 0 if none came.
    int healthz(milliseconds timeout = milliseconds(10000)) {
        auto r = get("/healthz", timeout);
        return r ? r->status : 0;
    }

private:
    void run() {
        io_.run();
        io_.restart();
    }

    net::io_context io_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    bool connected_ = false;
};

/// The port of "alur serve: http 127.0.0.1:PORT", after waiting for the ready line.
unsigned short start(Server& server) { return alur::scenario::ready_port(server); }

std::string add_token(const Cli& cli, const std::string& name, const std::string& role) {
    auto r = cli({"token", "add", name, "--role", role});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string token = r.out.substr(r.out.find('\n') + 1);
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
}

/// How many times `needle` occurs in `text`.
std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
    return n;
}

/// The CPU time (user + system) a process has used, from /proc/PID/stat.
milliseconds cpu_time(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
    std::string field;
    long long ticks = 0;
    for (int i = 3; fields >> field; ++i)
        if (i == 14 || i == 15) ticks += std::stoll(field);  // utime, stime
    return milliseconds(ticks * 1000 / ::sysconf(_SC_CLK_TCK));
}

milliseconds since(steady_clock::time_point t) { return duration_cast<milliseconds>(steady_clock::now() - t); }

json::object open_body(int i) {
    return {{"workflow", "mutation"},
            {"nip", "19760315200501" + std::to_string(1001 + i)},
            {"name", "Drs. Hendra Gunawan, M.Si."},
            {"grade", "jpt_pratama"},
            {"post", "Kepala Dinas Pendidikan"},
            {"unit", "Dinas Pendidikan"},
            {"inaugurated_at", "2021-03-08"},
            {"reason", "usulan mutasi"}};
}

}  // namespace

TEST_CASE("alur serve answers healthz and a POST in under 50 ms while a webhook receiver hangs",
          "[scenario][http][webhook]") {
    alur::test::HangingReceiver receiver;
    // The attempt may take 10 minutes: longer than the test, so it hangs throughout.
    Cli cli(R"(
[notify]
channels = ["webhook"]

[notify.webhook]
url = ")" + receiver.url() + R"("
timeout_ms = 600000
)");
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string admin = add_token(cli, "sari", "admin");
    // Opened in 2024: its reminders and deadline are long overdue, fired at
    // start, and their notices go to the receiver that never answers.
    const std::string overdue = cli.open_case("2024-04-01 09:00");

    Server server(cli, {"--listen", "127.0.0.1:0", "--threads", "2"}, "hung");
    const auto port = start(server);  // ready although the catch-up's delivery hangs
    INFO(server.log());
    REQUIRE(receiver.accepted().wait_for(seconds(30)) == std::future_status::ready);
    CHECK(cli.count_events(overdue, "reminder_due") >= 1);

    TimedClient client(port);
    REQUIRE(client.connected());
    milliseconds worst_get{0}, worst_post{0};
    for (int i = 0; i < 10; ++i) {
        auto t = steady_clock::now();
        auto health = client.get("/healthz");
        worst_get = std::max(worst_get, since(t));
        REQUIRE(health);
        CHECK(health->status == 200);

        t = steady_clock::now();
        auto opened = client.request(bhttp::verb::post, "/api/cases", admin, json::serialize(open_body(i)));
        worst_post = std::max(worst_post, since(t));
        REQUIRE(opened);
        INFO(opened->body);
        CHECK(opened->status == 201);
    }
    INFO("slowest GET /healthz " << worst_get.count() << " ms, slowest POST /api/cases " << worst_post.count()
                                 << " ms");
    CHECK(worst_get < milliseconds(50));
    CHECK(worst_post < milliseconds(50));
    // A fresh connection is accepted and answered as quickly.
    const auto t = steady_clock::now();
    CHECK(TimedClient(port).healthz() == 200);
    CHECK(since(t) < milliseconds(50));

    // Timers keep firing: a case another process opens, overdue too, is
    // noticed by the poll and its timers fire while the delivery still hangs.
    const std::string later = cli.open_case("2024-04-01 09:00", "198001012006041001");
    CHECK(eventually([&] { return cli.count_events(later, "reminder_due") >= 1; }));
    CHECK(receiver.connections() == 1);  // one attempt at a time, still waiting

    // Stopping does not wait for the attempt either.
    const auto stopping = steady_clock::now();
    CHECK(server.stop(SIGTERM) == 0);
    CHECK(since(stopping) < milliseconds(10000));
    CHECK(server.output().find("alur serve: berhenti") != std::string::npos);
}

TEST_CASE("alur serve limits connections in total and per peer address", "[scenario][http][limits]") {
    Cli cli(alur::scenario::file_channel_config + R"(
[server]
max_connections = 3
max_connections_per_peer = 2
)");
    REQUIRE(cli({"init"}).exit_code == 0);
    Server server(cli, {"--listen", "127.0.0.1:0"}, "limits");
    const auto port = start(server);
    INFO(server.log());

    TimedClient a1(port), a2(port);
    CHECK(a1.healthz() == 200);
    CHECK(a2.healthz() == 200);
    {
        TimedClient a3(port);  // a third from 127.0.0.1: over the per-peer limit
        auto r = a3.get("/healthz");
        REQUIRE(r);
        CHECK(r->status == 503);
        CHECK(r->code() == "busy");
    }
    TimedClient b1(port, "127.0.0.2");  // another peer: admitted, 3 in all
    CHECK(b1.healthz() == 200);
    {
        TimedClient c1(port, "127.0.0.3");  // over the total
        auto r = c1.get("/healthz");
        REQUIRE(r);
        CHECK(r->status == 503);
    }
    // The admitted ones are served on, and counted.
    CHECK(a1.healthz() == 200);
    CHECK(a2.healthz() == 200);
    CHECK(b1.healthz() == 200);
    {
        auto metrics = a1.get("/metrics");
        REQUIRE(metrics);
        CHECK(metrics->body.find("\nalur_http_connections 3\n") != std::string::npos);
        CHECK(metrics->body.find("\nalur_http_connections_refused_total 2\n") != std::string::npos);
    }

    // A connection that closes frees its place.
    a1.close();
    CHECK(eventually([&] { return TimedClient(port).healthz() == 200; }));
    CHECK(server.stop(SIGTERM) == 0);
}

TEST_CASE("alur serve out of file descriptors backs off and keeps serving its open connections",
          "[scenario][http][limits]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    Server server(cli, {"--listen", "127.0.0.1:0", "--threads", "2"}, "emfile", {}, 48);
    const auto port = start(server);
    INFO(server.log());
    TimedClient old(port);
    REQUIRE(old.healthz() == 200);

    // More connections than the server has descriptors left: the kernel
    // queues them; accept() fails with EMFILE once the descriptors are gone.
    std::vector<std::unique_ptr<TimedClient>> flood;
    for (int i = 0; i < 60; ++i) flood.push_back(std::make_unique<TimedClient>(port));
    const std::string backing_off = "accepting again in";
    REQUIRE(eventually([&] { return server.log().find(backing_off) != std::string::npos; }));

    // While it waits to accept again it does not spin: over six back-offs
    // (at least 10 + 20 + 40 + 80 + 160 ms) it uses little CPU.
    const auto cpu_before = cpu_time(server.pid());
    const auto wall_before = steady_clock::now();
    const auto seen = occurrences(server.log(), backing_off);
    REQUIRE(eventually([&] { return occurrences(server.log(), backing_off) >= seen + 5; }));
    const auto wall = since(wall_before);
    const auto cpu = cpu_time(server.pid()) - cpu_before;
    INFO("CPU " << cpu.count() << " ms in " << wall.count() << " ms of back-off");
    CHECK(cpu * 2 < wall);

    // The connection it had is served meanwhile, at once.
    const auto t = steady_clock::now();
    CHECK(old.healthz() == 200);
    CHECK(since(t) < milliseconds(1000));
    {
        auto metrics = old.get("/metrics");
        REQUIRE(metrics);
        CHECK(metrics->body.find("\nalur_http_accept_backoffs_total 0\n") == std::string::npos);
        CHECK(metrics->body.find("\nalur_http_accept_backoffs_total ") != std::string::npos);
    }

    // Descriptors come back: it accepts again and answers a new client.
    flood.clear();
    CHECK(eventually([&] { return TimedClient(port).healthz(milliseconds(2000)) == 200; }));
    CHECK(occurrences(server.log(), backing_off) < 100);
    CHECK(server.stop(SIGTERM) == 0);
}

TEST_CASE("alur serve answers while another process holds the database's write lock", "[scenario][http][lock]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string admin = add_token(cli, "sari", "admin");
    Server server(cli, {"--listen", "127.0.0.1:0", "--threads", "2"}, "lock");
    const auto port = start(server);
    INFO(server.log());
    TimedClient client(port);
    auto opened = client.request(bhttp::verb::post, "/api/cases", admin, json::serialize(open_body(0)));
    REQUIRE(opened);
    REQUIRE(opened->status == 201);
    const std::string id(json::parse(opened->body).at("id").as_string());
    const std::string events = "/api/cases/" + id + "/events";
    const std::string record = R"({"event":"record_added","payload":{"item":"skp","value":"91"},"reason":"uji kunci"})";

    // Another process takes the write lock and keeps it (well within the
    // journal's 5 s busy timeout); four writes arrive, more than the threads.
    SQLite::Database other(cli.db(), SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    std::vector<std::unique_ptr<TimedClient>> writers;
    for (int i = 0; i < 4; ++i) {
        writers.push_back(std::make_unique<TimedClient>(port));
        REQUIRE(writers.back()->send(bhttp::verb::post, events, admin, record));
    }
    std::vector<std::future<int>> answers;
    for (auto& w : writers)
        answers.push_back(std::async(std::launch::async, [&w] {
            auto r = w->receive(milliseconds(20000));
            return r ? r->status : 0;
        }));

    // No thread waits for those commits: the server answers at once. (A read
    // of the journal, GET /api/cases/{id}, still waits behind the writer's
    // connection while it waits for the lock: that needs the journal's own
    // read connection.)
    milliseconds worst{0};
    for (int i = 0; i < 10; ++i) {
        auto t = steady_clock::now();
        CHECK(client.healthz() == 200);
        worst = std::max(worst, since(t));
    }
    INFO("slowest healthz " << worst.count() << " ms under the lock");
    CHECK(worst < milliseconds(50));
    for (auto& a : answers) CHECK(a.wait_for(milliseconds(0)) == std::future_status::timeout);  // still waiting

    other.exec("ROLLBACK");  // the lock goes: every write commits and is answered
    for (auto& a : answers) CHECK(a.get() == 200);
    auto shown = client.request(bhttp::verb::get, "/api/cases/" + id, admin);
    REQUIRE(shown);
    CHECK(json::parse(shown->body).at("version").as_int64() == 5);
    CHECK(server.stop(SIGTERM) == 0);
}
