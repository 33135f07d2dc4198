// alur/http/server.hpp — the HTTP/1.1 server of `alur serve` (Boost.Beast).
//
// Accepts connections on an io_context and hands each parsed request to an
// Api. Keep-alive; a timeout per read and write (Options::timeout); a request
// body over Options::body_limit is answered 413 and the connection closed;
// malformed requests get 400. stop() stops accepting, closes idle
// connections and lets a request being answered finish, so io_context::run()
// returns once the in-flight answers are written.
//
// Not thread-safe: call from the io_context's thread.
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
