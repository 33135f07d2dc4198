// [http] tls_cert, tls_key, tls_min_version and [notify.webhook] ca_file,
// secret, secret_file, secret_env (adapters/config/src/http.cpp, notify.cpp):
// paths resolved against the file's directory, both-or-neither, one secret
// source, secrets long enough; every refusal names the file, line and key.
#include "alur/config/config.hpp"

#include "result_printing.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using alur::errc;
using alur::test::failed;
using alur::test::ok;
namespace config = alur::config;

TEST_CASE("the http section names the certificate and key of HTTPS, both or neither", "[config][tls]") {
    SECTION("defaults: plain HTTP") {
        auto c = config::load_string("", "alur.toml");
        REQUIRE(ok(c));
        CHECK(c->http.tls_cert.empty());
        CHECK(c->http.tls_key.empty());
        CHECK(c->http.tls_min_version == "1.2");
    }
    SECTION("relative paths are taken from the file's directory") {
        auto c = config::load_string("[http]\ntls_cert = \"tls/cert.pem\"\ntls_key = \"/etc/alur/key.pem\"\n"
                                     "tls_min_version = \"1.3\"\n",
                                     "alur.toml", "/etc/alur");
        REQUIRE(ok(c));
        CHECK(c->http.tls_cert == "/etc/alur/tls/cert.pem");
        CHECK(c->http.tls_key == "/etc/alur/key.pem");
        CHECK(c->http.tls_min_version == "1.3");
    }
    SECTION("refused") {
        const std::vector<std::pair<std::string, std::string>> bad = {
            {"[http]\ntls_cert = \"cert.pem\"\n", "http.tls_key: missing: [http] tls_cert needs tls_key"},
            {"[http]\ntls_key = \"key.pem\"\n", "http.tls_cert: missing: [http] tls_key needs tls_cert"},
            {"[http]\ntls_cert = \"c\"\ntls_key = \"k\"\ntls_min_version = \"1.1\"\n",
             "http.tls_min_version: expected \"1.2\" or \"1.3\" (got \"1.1\")"},
            {"[http]\ntls_certificate = \"c\"\n", "tls_certificate"},
            {"[http]\ntls_cert = 5\ntls_key = \"k\"\n", "http.tls_cert"},
        };
        for (const auto& [toml, why] : bad) {
            INFO(toml);
            auto c = config::load_string(toml, "alur.toml");
            REQUIRE(failed(c));
            CHECK(c.error().code == errc::invalid_input);
            CHECK_THAT(c.error().message, Catch::Contains(why));
        }
    }
}

TEST_CASE("the webhook's CA file and its signing secret, from the file, a file or the environment",
          "[config][webhook]") {
    alur::test::TempDir dir;
    const std::string head = "[notify]\nchannels = [\"webhook\"]\n[notify.webhook]\nurl = \"https://notices.example.go.id/alur\"\n";
    SECTION("https is accepted; ca_file is resolved against the file's directory") {
        auto c = config::load_string(head + "ca_file = \"ca.pem\"\n", "alur.toml", dir.path());
        REQUIRE(ok(c));
        CHECK(c->notify.webhook_url == "https://notices.example.go.id/alur");
        CHECK(c->notify.webhook_ca_file == dir / "ca.pem");
        CHECK(c->notify.webhook_secret.empty());
    }
    SECTION("secret") {
        auto c = config::load_string(head + "secret = \"0123456789abcdef0123\"\n", "alur.toml");
        REQUIRE(ok(c));
        CHECK(c->notify.webhook_secret == "0123456789abcdef0123");
        CHECK(c->notify.webhook_secret_source == "secret");
    }
    SECTION("secret_file: its first line") {
        std::ofstream(dir / "webhook.secret") << "5f2b8c0e4a7d9e1f3b6c8a0d2e4f6a8b\n";
        auto c = config::load_string(head + "secret_file = \"webhook.secret\"\n", "alur.toml", dir.path());
        REQUIRE(ok(c));
        CHECK(c->notify.webhook_secret == "5f2b8c0e4a7d9e1f3b6c8a0d2e4f6a8b");
        CHECK(c->notify.webhook_secret_source == "secret_file " + (dir / "webhook.secret").string());
    }
    SECTION("secret_env") {
        ::setenv("ALUR_TEST_WEBHOOK_SECRET", "from-the-environment-0123456789", 1);
        auto c = config::load_string(head + "secret_env = \"ALUR_TEST_WEBHOOK_SECRET\"\n", "alur.toml");
        ::unsetenv("ALUR_TEST_WEBHOOK_SECRET");
        REQUIRE(ok(c));
        CHECK(c->notify.webhook_secret == "from-the-environment-0123456789");
    }
    SECTION("refused") {
        std::ofstream(dir / "short.secret") << "pendek\n";
        const std::vector<std::pair<std::string, std::string>> bad = {
            {"secret = \"short\"\n", "notify.webhook.secret: the secret (secret) is 5 bytes; give at least 16"},
            {"secret = \"0123456789abcdef0123\"\nsecret_env = \"X\"\n",
             "notify.webhook.secret_env: give one of secret, secret_file and secret_env (secret is given too)"},
            {"secret_file = \"missing.secret\"\n", "notify.webhook.secret_file"},
            {"secret_file = \"short.secret\"\n", "is 6 bytes"},
            {"secret_env = \"ALUR_TEST_NO_SUCH_VARIABLE\"\n", "the environment variable ALUR_TEST_NO_SUCH_VARIABLE is not set"},
        };
        for (const auto& [extra, why] : bad) {
            INFO(extra);
            auto c = config::load_string(head + extra, "alur.toml", dir.path());
            REQUIRE(failed(c));
            CHECK(c.error().code == errc::invalid_input);
            CHECK_THAT(c.error().message, Catch::Contains(why));
        }
        auto ftp = config::load_string("[notify.webhook]\nurl = \"ftp://example.org/\"\n", "alur.toml");
        REQUIRE(failed(ftp));
        CHECK_THAT(ftp.error().message, Catch::Contains("https://host[:port][/path]"));
    }
}
