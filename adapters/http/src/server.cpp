// The Beast side of the API: the acceptor and one Session per connection.
// The only translation unit of alur_http that includes Beast.
#include "alur/http/server.hpp"

#include "beast_request.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/logger.h>

#include <array>
#include <list>
#include <optional>

namespace alur::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session;

struct Server::Impl {
    Impl(net::io_context& i, Api& a, std::shared_ptr<spdlog::logger> l, Options o)
        : io(i), api(a), logger(std::move(l)), options(o), acceptor(i) {}

    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);
    void fail(beast::error_code ec, const char* what) const {
        if (logger) logger->debug("http {}: {}", what, ec.message());
    }

    net::io_context& io;
    Api& api;
    std::shared_ptr<spdlog::logger> logger;
    Options options;
    tcp::acceptor acceptor;
    bool stopping = false;
    std::list<std::weak_ptr<Session>> sessions;
    std::weak_ptr<Impl> self;
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, std::shared_ptr<Server::Impl> server)
        : stream_(std::move(socket)), server_(std::move(server)) {}

    void run() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this())); }

    /// Closes the connection if it is waiting for a request (stop()).
    void close_if_idle() {
        if (reading_) {
            beast::error_code ec;
            stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
            stream_.close();
        }
    }

private:
    void do_read() {
        if (server_->stopping) return do_close();
        parser_.emplace();
        parser_->body_limit(server_->options.body_limit);
        reading_ = true;
        stream_.expires_after(server_->options.timeout);
        bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        reading_ = false;
        if (ec == bhttp::error::end_of_stream) return do_close();
        if (ec == bhttp::error::body_limit) {
            drain_ = true;
            return send(Response{413, "application/json",
                                 error_body("payload_too_large", "the request body is over " +
                                                                     std::to_string(server_->options.body_limit) +
                                                                     " bytes"),
                                 {}, {}},
                        false, 11);
        }
        if (ec == beast::error::timeout || ec == net::error::operation_aborted || ec == net::error::bad_descriptor)
            return do_close();
        if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
            drain_ = true;
            return send(Response{400, "application/json", error_body("invalid_input", "malformed HTTP request"), {}, {}},
                        false, 11);
        }
        if (ec) return fail(ec, "read");

        const auto& req = parser_->get();
        send(server_->api.handle(detail::to_request(req)), req.keep_alive(), req.version());
    }

    void send(Response r, bool keep_alive, unsigned version) {
        res_ = {};
        res_.version(version);
        res_.result(static_cast<unsigned>(r.status));
        res_.set(bhttp::field::server, "alur");
        res_.set(bhttp::field::content_type, r.content_type);
        if (!r.allow.empty()) res_.set(bhttp::field::allow, r.allow);
        if (!r.cache_control.empty()) res_.set(bhttp::field::cache_control, r.cache_control);
        res_.body() = std::move(r.body);
        res_.keep_alive(keep_alive && !server_->stopping);
        res_.prepare_payload();
        stream_.expires_after(server_->options.timeout);
        bhttp::async_write(stream_, res_,
                           beast::bind_front_handler(&Session::on_write, shared_from_this(), !res_.keep_alive()));
    }

    void on_write(bool close, beast::error_code ec, std::size_t) {
        if (ec) return fail(ec, "write");
        if (close && drain_) return do_drain();
        if (close) return do_close();
        do_read();
    }

    void fail(beast::error_code ec, const char* what) {
        server_->fail(ec, what);
        do_close();
    }

    /// After an error answer: stop sending, read and drop what the client
    /// still sends (so closing does not reset the connection before it has
    /// read the answer), then close.
    void do_drain() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.expires_after(std::chrono::seconds(5));
        stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this()](beast::error_code e, std::size_t) {
            if (e) return self->stream_.close();
            self->do_drain();
        });
    }

    void do_close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.close();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bhttp::response<bhttp::string_body> res_;
    std::shared_ptr<Server::Impl> server_;
    bool reading_ = false;
    bool drain_ = false;
    std::array<char, 4096> scratch_{};
};

void Server::Impl::do_accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        on_accept(ec, std::move(socket));
    });
}

void Server::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (ec) {
        fail(ec, "accept");
    } else {
        sessions.remove_if([](const std::weak_ptr<Session>& s) { return s.expired(); });
        // Impl is owned by a shared_ptr held by Server; sessions share it.
        auto session = std::make_shared<Session>(std::move(socket), self.lock());
        sessions.push_back(session);
        session->run();
    }
    do_accept();
}

Server::Server(net::io_context& io, Api& api, std::shared_ptr<spdlog::logger> logger, Options options)
    : impl_(std::make_shared<Impl>(io, api, std::move(logger), options)) {
    impl_->self = impl_;
}

Server::~Server() {
    beast::error_code ec;
    impl_->acceptor.close(ec);
}

Result<std::string> Server::listen(const std::string& address) {
    const auto colon = address.rfind(':');
    if (colon == std::string::npos)
        return make_error(errc::invalid_input, "listen address must be ADDRESS:PORT, not " + address, "listen");
    beast::error_code ec;
    const auto ip = net::ip::make_address(address.substr(0, colon), ec);
    if (ec) return make_error(errc::invalid_input, "not an IP address: " + address.substr(0, colon), "listen");
    unsigned long port = 0;
    try {
        std::size_t used = 0;
        port = std::stoul(address.substr(colon + 1), &used);
        if (used != address.size() - colon - 1 || port > 65535) throw std::out_of_range("port");
    } catch (const std::exception&) {
        return make_error(errc::invalid_input, "not a port: " + address.substr(colon + 1), "listen");
    }
    const tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        beast::error_code ignored;
        acceptor.close(ignored);
        return make_error(errc::io, address + ": " + ec.message(), "listen");
    }
    const auto bound = acceptor.local_endpoint(ec);
    impl_->do_accept();
    return bound.address().to_string() + ":" + std::to_string(bound.port());
}

void Server::stop() {
    impl_->stopping = true;
    beast::error_code ec;
    impl_->acceptor.close(ec);
    for (auto& weak : impl_->sessions)
        if (auto s = weak.lock()) s->close_if_idle();
}

}  // namespace alur::http
