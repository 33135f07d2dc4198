// `alur serve` over HTTPS ([http] tls_cert, tls_key) as a real process, with
// a certificate made by the command docs/OPERATIONS.md gives (`openssl req`)
// and a real HTTPS client (Beast on OpenSSL, verifying the certificate and
// the host name): /healthz, a sign-in whose cookie is Secure, a write with it,
// keep-alive on one TLS connection, a streamed (chunked) export; plain HTTP to
// the TLS port answered 400 and closed; a client that connects and never
// finishes its handshake holds nobody up; a certificate or key that cannot be
// used refuses the start (exit 2) naming the file. Nothing sleeps: the test
// waits for the server's lines.
#include "scenario_cli.hpp"
#include "tls_support.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>
#include <openssl/ssl.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <map>

using alur::scenario::Cli;
using alur::scenario::Server;
namespace json = boost::json;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

const std::string tls_config = std::string(alur::scenario::file_channel_config) + R"(
[http]
tls_cert = "tls/cert.pem"
tls_key = "tls/key.pem"
)";

/// The command of docs/OPERATIONS.md "Serving over TLS", in `dir`.
void openssl_req(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir / "tls");
    const auto r = alur::test::run(
        "cd " + alur::test::shell_quote(dir.string()) +
        " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 "
        "-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 "
        "-keyout tls/key.pem -out tls/cert.pem 2>&1");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
}

using Reply = bhttp::response<bhttp::string_body>;

/// One keep-alive HTTPS connection that trusts `ca` and checks the name "localhost".
class TlsClient {
public:
    TlsClient(unsigned short port, const std::filesystem::path& ca) : context_(ssl::context::tls_client) {
        context_.load_verify_file(ca.string());
        context_.set_verify_mode(ssl::verify_peer);
        stream_.emplace(io_, context_);
        SSL_set_tlsext_host_name(stream_->native_handle(), "localhost");
        stream_->set_verify_callback(ssl::host_name_verification("localhost"));
        stream_->next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        stream_->handshake(ssl::stream_base::client);
    }

    Reply request(bhttp::verb method, const std::string& target, const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {}) {
        bhttp::request<bhttp::string_body> req{method, target, 11};
        req.set(bhttp::field::host, "localhost");
        for (const auto& [k, v] : headers) req.set(k, v);
        if (!body.empty()) {
            req.set(bhttp::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        bhttp::write(*stream_, req);
        Reply res;
        bhttp::read(*stream_, buffer_, res);
        return res;
    }

    std::string protocol() { return SSL_get_version(stream_->native_handle()); }

private:
    net::io_context io_;
    ssl::context context_;
    std::optional<ssl::stream<tcp::socket>> stream_;
    boost::beast::flat_buffer buffer_;
};

unsigned short port_of(const std::string& line) {
    return static_cast<unsigned short>(std::stoi(line.substr(line.rfind(':') + 1)));
}

alur::test::RunResult with_stdin(const Cli& cli, const std::vector<std::string>& args, const std::string& input) {
    const auto file = cli.dir / "stdin.txt";
    std::ofstream(file) << input;
    return alur::test::run(cli.line(args) + " < " + alur::test::shell_quote(file.string()));
}

}  // namespace

TEST_CASE("alur serve speaks HTTPS with a self-signed certificate: healthz, a signed-in write, keep-alive, a stream",
          "[scenario][serve][tls]") {
    Cli cli(tls_config);
    openssl_req(cli.dir.path());
    REQUIRE(cli({"init"}).exit_code == 0);
    REQUIRE(with_stdin(cli, {"user", "add", "ani", "--role", "admin"}, "kata-sandi-ani-1\n").exit_code == 0);

    Server server(cli, {"--listen", "127.0.0.1:0"}, "serve");
    const auto listening = server.wait_line("alur serve: https ");
    INFO(server.log());
    REQUIRE(listening);
    REQUIRE(server.wait_line("alur serve: "));  // the ready line: timers armed
    const unsigned short port = port_of(*listening);
    const auto ca = cli.dir / "tls" / "cert.pem";

    // A client that connects and never starts its handshake (held up to the handshake timeout).
    net::io_context idle_io;
    tcp::socket stalled(idle_io);
    stalled.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));

    TlsClient c(port, ca);
    const auto health = c.request(bhttp::verb::get, "/healthz");
    CHECK(health.result_int() == 200);
    std::cout << "GET https://localhost:" << port << "/healthz over " << c.protocol() << ": " << health.result_int()
              << " " << health.body() << "\n";

    const auto signin = c.request(bhttp::verb::post, "/api/session",
                                  json::serialize(json::object{{"name", "ani"}, {"password", "kata-sandi-ani-1"}}));
    REQUIRE(signin.result_int() == 200);
    const std::string cookie_header(signin[bhttp::field::set_cookie]);
    CHECK_THAT(cookie_header, Catch::Contains("alur_session=") && Catch::Contains("; Secure") &&
                                  Catch::Contains("HttpOnly"));
    const std::string cookie = cookie_header.substr(0, cookie_header.find(';'));
    const std::string csrf(json::parse(signin.body()).at("csrf").as_string());

    const json::object open_body{{"workflow", "mutation"},
                                 {"nip", "197603152005011002"},
                                 {"name", "Drs. Hendra Gunawan, M.Si."},
                                 {"grade", "jpt_pratama"},
                                 {"post", "Kepala Dinas Pendidikan"},
                                 {"unit", "Dinas Pendidikan"},
                                 {"inaugurated_at", "2021-03-08"},
                                 {"reason", "usulan mutasi"}};
    // Without the CSRF token the cookie's write is refused; with it, the case opens.
    CHECK(c.request(bhttp::verb::post, "/api/cases", json::serialize(open_body), {{"Cookie", cookie}}).result_int() ==
          403);
    const auto opened = c.request(bhttp::verb::post, "/api/cases", json::serialize(open_body),
                                  {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    INFO(opened.body());
    REQUIRE(opened.result_int() == 201);
    const std::string id(json::parse(opened.body()).at("id").as_string());
    std::cout << "POST /api/cases over TLS, signed in as ani: " << opened.result_int() << " " << id << "\n";

    // The same connection still (keep-alive), and a chunked body over TLS.
    const auto read_back = c.request(bhttp::verb::get, "/api/cases/" + id, {}, {{"Cookie", cookie}});
    CHECK(read_back.result_int() == 200);
    const auto exported = c.request(bhttp::verb::get, "/api/export?format=jsonl", {}, {{"Cookie", cookie}});
    CHECK(exported.result_int() == 200);
    CHECK(exported.chunked());
    CHECK_THAT(exported.body(), Catch::Contains(id));

    // Plain HTTP to the TLS port: a plain 400 saying so, then the connection closes.
    {
        net::io_context io;
        tcp::socket plain(io);
        plain.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/healthz", 11};
        req.set(bhttp::field::host, "127.0.0.1");
        bhttp::write(plain, req);
        boost::beast::flat_buffer buffer;
        Reply res;
        bhttp::read(plain, buffer, res);
        CHECK(res.result_int() == 400);
        CHECK_THAT(res.body(), Catch::Contains("this port speaks HTTPS"));
        CHECK_FALSE(res.keep_alive());
        std::cout << "plain HTTP to the TLS port: " << res.result_int() << " " << res.body() << "\n";
    }
    // A client that does not trust the certificate gives up in the handshake.
    {
        net::io_context io;
        ssl::context untrusting(ssl::context::tls_client);
        untrusting.set_default_verify_paths();
        untrusting.set_verify_mode(ssl::verify_peer);
        ssl::stream<tcp::socket> s(io, untrusting);
        s.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        boost::system::error_code ec;
        s.handshake(ssl::stream_base::client, ec);
        CHECK(ec);
    }
    CHECK(TlsClient(port, ca).request(bhttp::verb::get, "/healthz").result_int() == 200);

    CHECK(server.stop(SIGTERM) == 0);
    CHECK_THAT(server.log(), Catch::Contains("https: certificate CN = localhost"));
}

TEST_CASE("alur serve refuses a certificate or key it cannot use, naming the file", "[scenario][serve][tls]") {
    Cli cli(tls_config);
    openssl_req(cli.dir.path());
    REQUIRE(cli({"init"}).exit_code == 0);
    const auto tls = cli.dir / "tls";
    auto refused = [&](const std::string& why) {
        auto r = cli({"--lang", "en", "serve", "--listen", "127.0.0.1:0"});
        INFO(r.out << r.err);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains(why));
        CHECK(r.out.find("alur serve: http") == std::string::npos);  // nothing was served
    };
    SECTION("the key of another certificate") {
        alur::test::make_self_signed().write(tls, "other-");
        std::filesystem::rename(tls / "other-key.pem", tls / "key.pem");
        refused("tls/key.pem: does not match the certificate in");
    }
    SECTION("a certificate file that holds no PEM certificate") {
        std::ofstream(tls / "cert.pem") << "not a certificate\n";
        refused("tls/cert.pem: holds no PEM certificate");
    }
    SECTION("a key file that cannot be read") {
        std::filesystem::remove(tls / "key.pem");
        refused("tls/key.pem: cannot be read: No such file or directory");
    }
    SECTION("a certificate without its key") {
        std::ofstream(cli.config()) << alur::scenario::file_channel_config << "\n[http]\ntls_cert = \"tls/cert.pem\"\n";
        refused("http.tls_key: missing: [http] tls_cert needs tls_key");
    }
}
