// alur/http/server.hpp — the HTTP/1.1 server of `alur serve` (Boost.Beast).
//
// Beast's advanced server: run the io_context on N threads; each connection
// has its own strand, so its reads, its answer and its writes never run at
// once while other connections proceed on the other threads. Each parsed
// request goes to Api::handle_async: a write is submitted without blocking
// the thread and its answer is written when the commit completes, on the
// connection's strand. Keep-alive; a timeout per read and write
// (Options::timeout); a request body over Options::body_limit is answered 413
// and the connection closed; malformed requests get 400.
//
// Connections are limited in total and per peer address (Options): one over
// a limit is answered 503 {"error": {"code": "busy"}} and closed. When accept
// fails for want of descriptors (EMFILE, ENFILE) or memory, the acceptor
// waits (accept_backoff_first, doubling up to accept_backoff_max) before it
// accepts again instead of spinning, while the open connections are served.
//
// HTTPS: use_tls() before listen() makes every connection TLS (OpenSSL,
// TLS 1.2 or newer). The handshake is bounded by Options::handshake_timeout,
// so a client that connects and stalls holds only its own connection; a
// request in plain HTTP on the TLS port is answered 400 in plain HTTP ("this
// port speaks HTTPS") and closed; requests over TLS carry Request::tls (the
// session cookie is Secure). Keep-alive, the limits, the timeouts and streamed
// bodies are the same as over plain HTTP; a connection over the limits is
// closed without an answer (answering 503 would cost a handshake).
//
// stop() stops accepting, closes idle connections and lets a request being
// answered finish, so io_context::run() returns on every thread once the
// in-flight answers are written.
//
// Thread-safety: listen() before the io_context runs; stop() from any thread.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/http/api.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace alur::http {

/// `[http] tls_cert`, `tls_key`, `tls_min_version`: PEM files of the
/// certificate (its chain: the server's certificate first, then the
/// intermediates) and of its unencrypted private key.
struct TlsSettings {
    std::filesystem::path cert;
    std::filesystem::path key;
    std::string min_version = "1.2";  ///< "1.2" or "1.3"
};

/// What use_tls() read: for the start-up log line.
struct TlsCertificate {
    std::string subject;    ///< "CN = alur.bkpsdm.example.go.id"
    std::string issuer;
    std::string not_after;  ///< "2027-12-01T00:00:00Z"
    bool expired = false;
};

class Server {
public:
    struct Options {
        std::size_t body_limit = 64 * 1024;
        std::chrono::seconds timeout{30};
        /// Open connections at most (`[server] max_connections`).
        std::size_t max_connections = 1024;
        /// Open connections from one IP address at most (`[server] max_connections_per_peer`).
        std::size_t max_connections_per_peer = 512;
        /// The acceptor's first wait after running out of descriptors, and its longest.
        std::chrono::milliseconds accept_backoff_first{10};
        std::chrono::milliseconds accept_backoff_max{1000};
        /// The longest a TLS handshake may take (use_tls()); then the connection is closed.
        std::chrono::seconds handshake_timeout{10};
        /// Counts connections, refusals and back-offs (`/metrics`); may be null.
        Metrics* metrics = nullptr;
    };

    /// `api` must outlive the server and its connections; `logger` may be null.
    Server(boost::asio::io_context& io, Api& api, std::shared_ptr<spdlog::logger> logger, Options options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Serves HTTPS from now on: reads and checks the certificate and key
    /// (detail in tls.hpp). invalid_input naming the file and what is wrong
    /// (unreadable, not PEM, the key does not match); the server is unchanged then.
    Result<TlsCertificate> use_tls(const TlsSettings& settings);

    /// Binds "ADDRESS:PORT" (port 0: any free one) and starts accepting.
    /// Returns the address bound ("127.0.0.1:43125"); invalid_input for a bad
    /// address, io if it cannot be bound.
    Result<std::string> listen(const std::string& address);

    /// Stops accepting and closes idle connections; answers being written finish.
    void stop();

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace alur::http
