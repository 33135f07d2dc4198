// The receiver of docs/OPERATIONS.md "Webhooks" — its Python, taken from the
// document itself — receives a real delivery of `alur run-due` (signed with
// [notify.webhook] secret_file) and answers 200; the same request replayed
// answers 409, one signed with another secret 401, one whose timestamp is
// 10 minutes old 400. So the document's example and Alur's signature agree.
// Needs python3 (scripts/setup.sh installs it).
#include "scenario_cli.hpp"
#include "tls_support.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <fstream>
#include <iostream>
#include <regex>

using alur::scenario::Cli;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;

namespace {

const std::string kSecret = "3f1c9a7e5b2d4f6a8c0e1b3d5f7a9c2e";

/// The ```python block of the "Webhooks" section, made to listen on a free
/// loopback port (printed) and to read the secret from `secret_file`.
std::string receiver_from_docs(const std::string& secret_file) {
    std::ifstream in(ALUR_SOURCE_DIR "/docs/OPERATIONS.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    const auto section = doc.find("## Webhooks");
    REQUIRE(section != std::string::npos);
    const auto start = doc.find("```python\n", section);
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("```", start + 10);
    std::string code = doc.substr(start + 10, end - start - 10);
    const std::string secret_path = "/etc/receiver/webhook.secret";
    const std::string serve = "HTTPServer((\"0.0.0.0\", 9000), Hook).serve_forever()";
    REQUIRE(code.find(secret_path) != std::string::npos);
    REQUIRE(code.find(serve) != std::string::npos);
    code.replace(code.find(secret_path), secret_path.size(), secret_file);
    code.replace(code.find(serve), serve.size(),
                 "server = HTTPServer((\"127.0.0.1\", 0), Hook)\nprint(server.server_port, flush=True)\n"
                 "server.serve_forever()");
    return code;
}

/// POSTs `body` with the three headers; the status.
int post(unsigned short port, const std::string& id, const std::string& timestamp, const std::string& sig,
         const std::string& body) {
    net::io_context io;
    net::ip::tcp::socket s(io);
    s.connect({net::ip::make_address("127.0.0.1"), port});
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/alur", 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set("X-Alur-Notice-Id", id);
    req.set("X-Alur-Timestamp", timestamp);
    req.set("X-Alur-Signature", sig);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(s, req);
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s, buffer, res);
    return static_cast<int>(res.result_int());
}

std::string now_seconds(std::chrono::seconds shift = {}) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch() + shift)
            .count());
}

}  // namespace

TEST_CASE("the Python receiver of the operations guide accepts a signed delivery and refuses replays and forgeries",
          "[scenario][webhook][signature]") {
    Cli probe;
    if (alur::test::run("command -v python3").exit_code != 0) {
        WARN("python3 is not installed: the documented receiver is not checked (scripts/setup.sh installs it)");
        CHECK(alur::test::run("command -v python3").exit_code != 0);
        return;
    }
    const auto dir = probe.dir.path();
    std::ofstream(dir / "webhook.secret") << kSecret << "\n";
    std::ofstream(dir / "receiver.py") << receiver_from_docs((dir / "webhook.secret").string());

    // The receiver: its port on stdout (read from a file), its request log on stderr.
    const std::string port_file = (dir / "receiver.port").string();
    const std::string log_file = (dir / "receiver.log").string();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int out = ::open(port_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        const std::string script = (dir / "receiver.py").string();
        ::execlp("python3", "python3", script.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    struct Kill {
        pid_t pid;
        ~Kill() {
            ::kill(pid, SIGTERM);
            ::waitpid(pid, nullptr, 0);
        }
    } kill{pid};
    std::string port_text;
    REQUIRE(alur::scenario::eventually([&] {
        std::ifstream in(port_file);
        return static_cast<bool>(std::getline(in, port_text)) && !port_text.empty();
    }));
    const auto port = static_cast<unsigned short>(std::stoi(port_text));

    Cli cli(std::string(R"(
[agency]
timezone = "WIB"
[notify]
channels = ["webhook"]
[notify.webhook]
url = "http://127.0.0.1:)") + port_text + R"(/alur"
secret_file = ")" + (dir / "webhook.secret").string() + "\"\n");
    REQUIRE(cli({"init"}).exit_code == 0);
    cli.open_case("2024-04-01 08:00");
    const auto due = cli({"--lang", "en", "run-due", "--now", "2024-04-18 16:30"});
    INFO(due.out << due.err);
    CHECK(due.exit_code == 0);
    CHECK_THAT(due.out, Catch::Contains("1 notices delivered, 0 failed"));
    std::string log;
    REQUIRE(alur::scenario::eventually([&] {
        std::ifstream in(log_file);
        std::stringstream ss;
        ss << in.rdbuf();
        log = ss.str();
        return log.find("\"POST /alur HTTP/1.1\" 200") != std::string::npos;
    }));
    std::cout << "documented receiver: " << log.substr(log.find("\"POST")) ;

    // The same body again, as a replay would send it: 409; forged: 401; stale: 400.
    const std::string body = R"({"notice_id":1})";
    const std::string ts = now_seconds();
    CHECK(post(port, "1", ts, alur::test::receiver_signature(kSecret, ts, body), body) == 409);
    CHECK(post(port, "2", ts, alur::test::receiver_signature("another-secret-0123456789abcdef", ts, body), body) == 401);
    const std::string old = now_seconds(std::chrono::minutes(-10));
    CHECK(post(port, "3", old, alur::test::receiver_signature(kSecret, old, body), body) == 400);
    CHECK(post(port, "4", ts, alur::test::receiver_signature(kSecret, ts, body), body) == 200);
}
