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
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace alur::http {

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
        /// Counts connections, refusals and back-offs (`/metrics`); may be null.
        Metrics* metrics = nullptr;
    };

    /// `api` must outlive the server and its connections; `logger` may be null.
    Server(boost::asio::io_context& io, Api& api, std::shared_ptr<spdlog::logger> logger, Options options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

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
