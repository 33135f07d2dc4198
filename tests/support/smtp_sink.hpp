// A real SMTP server on 127.0.0.1 for the email channel's tests: Debian's
// python3-aiosmtpd, run by tests/support/smtp_sink.py. The constructor
// returns once the server listens (the script reports its port), so no test
// waits by sleeping. messages() reads what it received, as Python's own
// e-mail parser decoded it. The server is stopped (SIGTERM) when the object
// goes. available() is false when python3-aiosmtpd is not installed: the
// tests then print SKIP_MARK, which ctest reports as skipped.
#pragma once

#include "test_support.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/types.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace alur::test {

/// ctest marks a test whose output holds this as skipped (tests/CMakeLists.txt).
inline constexpr const char* skip_mark = "[alur-skip]";

/// Debian's interpreter: the one python3-aiosmtpd is installed for.
inline std::string system_python() {
    return std::ifstream("/usr/bin/python3").good() ? "/usr/bin/python3" : "python3";
}

struct SmtpSinkOptions {
    std::string user, password;  ///< AUTH required when user is set
    std::string cert, key;       ///< STARTTLS offered, then required, when set
    int port = 0;                ///< 0: any free port
};

class SmtpSink {
public:
    using Options = SmtpSinkOptions;

    static bool available() {
        static const bool yes = run(system_python() + " -c 'import aiosmtpd' >/dev/null").exit_code == 0;
        return yes;
    }

    explicit SmtpSink(std::filesystem::path dir, const Options& o = Options()) : dir_(std::move(dir)) {
        std::string cmd = system_python() + " " + shell_quote(std::string(ALUR_SOURCE_DIR) + "/tests/support/smtp_sink.py") +
                          " --dir " + shell_quote(dir_.string());
        if (o.port != 0) cmd += " --port " + std::to_string(o.port);
        if (!o.user.empty()) cmd += " --user " + shell_quote(o.user) + " --password " + shell_quote(o.password);
        if (!o.cert.empty()) cmd += " --cert " + shell_quote(o.cert) + " --key " + shell_quote(o.key);
        const RunResult r = run(cmd);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        std::istringstream in(r.out);
        in >> pid_ >> port_;
        REQUIRE(pid_ > 0);
        REQUIRE(port_ > 0);
    }
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    void stop() {
        if (pid_ > 0) ::kill(pid_, SIGTERM);
        pid_ = 0;
    }
    int port() const { return port_; }
    std::string url(const std::string& scheme = "smtp") const {
        return scheme + "://127.0.0.1:" + std::to_string(port_);
    }

    /// What the server received, oldest first: {"mail_from", "rcpt_tos", "tls",
    /// "authenticated", "headers": {...}, "content_type", "charset", "body"}.
    std::vector<boost::json::object> messages() const {
        std::vector<boost::json::object> out;
        for (int n = 1;; ++n) {
            std::ifstream in(dir_ / (std::to_string(n) + ".json"));
            if (!in) break;
            std::stringstream text;
            text << in.rdbuf();
            out.push_back(boost::json::parse(text.str()).as_object());
        }
        return out;
    }
    /// The n-th message (from 1) as the server received it, bytes unchanged.
    std::string raw(int n) const {
        std::ifstream in(dir_ / (std::to_string(n) + ".eml"), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }
    /// The server's log of the SMTP sessions (aiosmtpd's debug lines).
    std::string log() const {
        std::ifstream in(dir_ / "server.log");
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

private:
    std::filesystem::path dir_;
    pid_t pid_ = 0;
    int port_ = 0;
};

/// A self-signed certificate for 127.0.0.1 and localhost (openssl), as cert.pem and key.pem in `dir`.
inline void make_certificate(const std::filesystem::path& dir) {
    const RunResult r = run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
                            "-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
                            shell_quote((dir / "key.pem").string()) + " -out " +
                            shell_quote((dir / "cert.pem").string()) + " 2>&1");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
}

}  // namespace alur::test

/// Ends the test, reported as skipped by ctest, when python3-aiosmtpd is missing.
#define ALUR_REQUIRE_SMTP_SINK()                                                                              \
    do {                                                                                                      \
        if (!::alur::test::SmtpSink::available()) {                                                           \
            std::cout << ::alur::test::skip_mark                                                              \
                      << " python3-aiosmtpd is not installed (scripts/setup.sh installs it): SMTP test skipped" \
                      << std::endl;                                                                           \
            WARN("python3-aiosmtpd is not installed: skipped");                                               \
            return;                                                                                           \
        }                                                                                                     \
    } while (false)
