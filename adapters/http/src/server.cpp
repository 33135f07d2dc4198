// The Beast side of the API: the acceptor and one Session per connection,
// over plain TCP or over TLS (Session<true>: Beast's ssl_stream on OpenSSL).
// The only translation unit of alur_http that includes Beast (tls.cpp reads
// the certificate).
//
// Threads: the acceptor and its back-off timer live on one strand; each
// Session on its own (the socket's executor). The bookkeeping they share
// (the connection counts and the list stop() walks) is under Impl::mutex.
#include "alur/http/server.hpp"

#include "beast_request.hpp"
#include "tls.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <spdlog/logger.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

namespace alur::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Connection;

namespace {

/// Connections being answered 503 and closed, at most: beyond it a
/// connection over the limits is closed without an answer.
constexpr std::size_t max_rejecting = 64;

/// accept() failed for want of descriptors or memory: waiting helps, retrying at once does not.
bool out_of_resources(const beast::error_code& ec) {
    if (ec.category() != boost::system::system_category()) return false;
    const int v = ec.value();
    return v == EMFILE || v == ENFILE || v == ENOBUFS || v == ENOMEM;
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
    Impl(net::io_context& i, Api& a, std::shared_ptr<spdlog::logger> l, Options o)
        : io(i), api(a), logger(std::move(l)), options(o), strand(net::make_strand(i)), acceptor(strand),
          backoff_timer(strand) {}

    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);
    void admit(tcp::socket socket);
    void fail(beast::error_code ec, const char* what) const {
        if (logger) logger->debug("http {}: {}", what, ec.message());
    }

    net::io_context& io;
    std::shared_ptr<net::ssl::context> tls;  ///< set by use_tls() before listen(): every connection is TLS
    Api& api;
    std::shared_ptr<spdlog::logger> logger;
    const Options options;
    net::strand<net::io_context::executor_type> strand;  ///< the acceptor's
    tcp::acceptor acceptor;
    net::steady_timer backoff_timer;
    /// Where streamed bodies are produced (BodySource::next may block on the
    /// journal): never on the io_context's threads. Joined by ~Server.
    net::thread_pool workers{2};
    std::chrono::milliseconds backoff{0};  ///< the current wait; 0 while accepting works
    std::atomic<bool> stopping{false};

    std::mutex mutex;  ///< guards what follows
    std::list<std::weak_ptr<Connection>> sessions;  ///< the admitted ones, for stop()
    std::size_t open = 0;
    std::map<net::ip::address, std::size_t> per_peer;
    std::size_t rejecting = 0;
};

/// A connection's share of the server's bookkeeping: counted while it lives.
class Connection {
public:
    /// `admitted`: counted in the limits, else answered 503 and closed.
    Connection(std::shared_ptr<Server::Impl> server, net::ip::address peer, bool admitted)
        : server_(std::move(server)), peer_(std::move(peer)), admitted_(admitted) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    virtual ~Connection() {
        if (admitted_ && server_->options.metrics) server_->options.metrics->connection(-1);
        std::lock_guard lock(server_->mutex);
        if (!admitted_) {
            --server_->rejecting;
            return;
        }
        --server_->open;
        if (auto it = server_->per_peer.find(peer_); it != server_->per_peer.end() && --it->second == 0)
            server_->per_peer.erase(it);
        if (registered_) server_->sessions.erase(slot_);
    }

    /// Called once, under the server's mutex, by the acceptor.
    void registered(std::list<std::weak_ptr<Connection>>::iterator slot) {
        slot_ = slot;
        registered_ = true;
    }

    virtual void run() = 0;
    /// Closes the connection if it is waiting for a request (stop()), on its strand.
    virtual void close_if_idle() = 0;

protected:
    std::shared_ptr<Server::Impl> server_;
    const net::ip::address peer_;
    const bool admitted_;

private:
    bool registered_ = false;
    std::list<std::weak_ptr<Connection>>::iterator slot_;
};

/// One connection: plain TCP, or TLS (`Tls`) with its handshake first.
template <bool Tls>
class Session final : public Connection, public std::enable_shared_from_this<Session<Tls>> {
    using Stream = std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

public:
    Session(tcp::socket&& socket, std::shared_ptr<Server::Impl> server, net::ip::address peer, bool admitted)
        requires(!Tls)
        : Connection(std::move(server), std::move(peer), admitted), stream_(std::move(socket)) {}
    Session(tcp::socket&& socket, std::shared_ptr<Server::Impl> server, net::ip::address peer, bool admitted)
        requires Tls
        : Connection(server, std::move(peer), admitted), stream_(std::move(socket), *server->tls) {}

    void run() override {
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::start, this->self()));
    }

    void close_if_idle() override {
        net::dispatch(stream_.get_executor(), [self = this->self()] {
            if (!self->reading_) return;
            beast::error_code ec;
            self->layer().socket().shutdown(tcp::socket::shutdown_both, ec);
            self->layer().close();
        });
    }

private:
    beast::tcp_stream& layer() { return beast::get_lowest_layer(stream_); }
    std::shared_ptr<Session> self() { return this->shared_from_this(); }

    void start() {
        if constexpr (Tls) {
            if (!admitted_) return close_now();  // a 503 would cost a handshake
            return do_detect();
        }
        if (admitted_) return do_read();
        drain_ = true;
        const auto& o = server_->options;
        send(Response{503, "application/json",
                      error_body("busy", "too many connections (at most " + std::to_string(o.max_connections) +
                                             ", " + std::to_string(o.max_connections_per_peer) +
                                             " from one address); try again later"),
                      {}, {}},
             false, 11);
    }

    // --- TLS: the first bytes say whether the client speaks TLS, then the handshake
    void do_detect() {
        reading_ = true;  // stop() may close a connection that has not finished its handshake
        layer().expires_after(server_->options.handshake_timeout);
        beast::async_detect_ssl(layer(), buffer_, beast::bind_front_handler(&Session::on_detect, self()));
    }

    void on_detect(beast::error_code ec, bool is_tls) {
        reading_ = false;
        if (ec) return close_now();
        if (!is_tls) return refuse_plain();
        if constexpr (Tls) {
            reading_ = true;
            layer().expires_after(server_->options.handshake_timeout);
            stream_.async_handshake(net::ssl::stream_base::server, buffer_.data(),
                                    beast::bind_front_handler(&Session::on_handshake, self()));
        }
    }

    void on_handshake(beast::error_code ec, std::size_t used) {
        reading_ = false;
        if (ec) {
            server_->fail(ec, "tls handshake");
            return close_now();
        }
        handshaken_ = true;
        buffer_.consume(used);
        do_read();
    }

    /// Plain HTTP on the TLS port: one answer in plain HTTP, then closed.
    void refuse_plain() {
        plain_ = {};
        plain_.version(11);
        plain_.result(bhttp::status::bad_request);
        plain_.set(bhttp::field::server, "alur");
        plain_.set(bhttp::field::content_type, "application/json");
        plain_.body() = error_body("invalid_input", "this port speaks HTTPS: use https:// in the address");
        plain_.keep_alive(false);
        plain_.prepare_payload();
        layer().expires_after(server_->options.timeout);
        bhttp::async_write(layer(), plain_, [self = self()](beast::error_code, std::size_t) {
            beast::error_code ignored;
            self->layer().socket().shutdown(tcp::socket::shutdown_send, ignored);
            self->layer().expires_after(std::chrono::seconds(1));
            self->drain_plain();
        });
    }

    void drain_plain() {
        layer().async_read_some(net::buffer(scratch_), [self = self()](beast::error_code e, std::size_t) {
            if (e) return self->layer().close();
            self->drain_plain();
        });
    }

    void do_read() {
        if (server_->stopping) return do_close();
        parser_.emplace();
        // Beast checks a Content-Length against the limit while it parses the
        // header: no limit until on_header knows the route's.
        parser_->body_limit(boost::none);
        reading_ = true;
        layer().expires_after(server_->options.timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_header, self()));
    }

    /// The headers are in: the route says how large its body may be (an upload).
    void on_header(beast::error_code ec, std::size_t bytes) {
        if (ec) return on_read(ec, bytes);
        const auto& req = parser_->get();
        std::size_t limit = server_->options.body_limit;
        if (const std::size_t l = server_->api.body_limit(req.method_string(), req.target())) limit = l;
        if (const auto length = parser_->content_length(); length && *length > limit)
            return on_read(bhttp::error::body_limit, bytes);
        parser_->body_limit(limit);  // a chunked body is counted as it comes
        bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, self()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        reading_ = false;
        if (ec == bhttp::error::end_of_stream || ec == net::ssl::error::stream_truncated) return do_close();
        if (ec == bhttp::error::body_limit) {
            drain_ = true;
            std::size_t limit = server_->options.body_limit;
            if (parser_->is_header_done()) {
                const auto& req = parser_->get();
                if (const std::size_t l = server_->api.body_limit(req.method_string(), req.target())) limit = l;
            }
            return send(Response{413, "application/json",
                                 error_body("payload_too_large",
                                            "the request body is over " + std::to_string(limit) + " bytes"),
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
        const bool keep_alive = req.keep_alive();
        const unsigned version = req.version();
        auto request = detail::to_request(req);
        beast::error_code peer_ec;
        request.peer = peer_.to_string(peer_ec);
        request.tls = Tls;
        // Reads answer at once; a write answers on this strand once committed.
        server_->api.handle_async(std::move(request), stream_.get_executor(),
                                  [self = self(), keep_alive, version](Response r) {
                                      self->send(std::move(r), keep_alive, version);
                                  });
    }

    template <class Message>
    static void set_headers(Message& m, const Response& r, unsigned version) {
        m.version(version);
        m.result(static_cast<unsigned>(r.status));
        m.set(bhttp::field::server, "alur");
        m.set(bhttp::field::content_type, r.content_type);
        if (!r.allow.empty()) m.set(bhttp::field::allow, r.allow);
        if (!r.cache_control.empty()) m.set(bhttp::field::cache_control, r.cache_control);
        for (const auto& [name, value] : r.headers) m.insert(name, value);
    }

    void send(Response r, bool keep_alive, unsigned version) {
        if (r.stream) return send_stream(std::move(r), keep_alive, version);
        res_ = {};
        set_headers(res_, r, version);
        res_.body() = std::move(r.body);
        res_.keep_alive(keep_alive && !server_->stopping);
        res_.prepare_payload();
        layer().expires_after(server_->options.timeout);
        bhttp::async_write(stream_, res_,
                           beast::bind_front_handler(&Session::on_write, self(), !res_.keep_alive()));
    }

    // --- a streamed body: the head, then one chunk per BodySource::next() -----
    void send_stream(Response r, bool keep_alive, unsigned version) {
        source_ = std::move(r.stream);
        head_ = {};
        set_headers(head_, r, version);
        head_.chunked(true);
        head_.keep_alive(keep_alive && !server_->stopping);
        serializer_.emplace(head_);
        layer().expires_after(server_->options.timeout);
        bhttp::async_write_header(stream_, *serializer_, [self = self()](beast::error_code ec, std::size_t) {
            if (ec) return self->fail(ec, "write");
            self->next_chunk();
        });
    }

    /// Produces the next chunk on a worker, then writes it on this strand.
    void next_chunk() {
        net::post(server_->workers, [self = self()] {
            std::optional<std::string> chunk;
            bool failed = false;
            try {
                chunk = self->source_->next();
            } catch (const std::exception& e) {
                failed = true;
                if (self->server_->logger) self->server_->logger->warn("http stream: {}", e.what());
            }
            net::dispatch(self->stream_.get_executor(), [self, chunk = std::move(chunk), failed]() mutable {
                self->write_chunk(std::move(chunk), failed);
            });
        });
    }

    void write_chunk(std::optional<std::string> chunk, bool failed) {
        if (failed || server_->stopping) {  // the client sees a truncated body (no last chunk)
            source_.reset();
            return do_close();
        }
        layer().expires_after(server_->options.timeout);
        if (!chunk) {
            source_.reset();
            return net::async_write(stream_, bhttp::make_chunk_last(),
                                    beast::bind_front_handler(&Session::on_write, self(),
                                                              !head_.keep_alive()));
        }
        if (chunk->empty()) return next_chunk();  // an empty chunk would end the body
        chunk_ = std::move(*chunk);
        net::async_write(stream_, bhttp::make_chunk(net::buffer(chunk_)),
                         [self = self()](beast::error_code ec, std::size_t) {
                             if (ec) {
                                 self->source_.reset();
                                 return self->fail(ec, "write");
                             }
                             self->next_chunk();
                         });
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
    /// read the answer), then close. Over TLS the reads go through the TLS
    /// layer (a half-close of the TCP side would cut TLS short).
    void do_drain() {
        beast::error_code ec;
        if constexpr (!Tls) layer().socket().shutdown(tcp::socket::shutdown_send, ec);
        layer().expires_after(std::chrono::seconds(admitted_ ? 5 : 1));
        stream_.async_read_some(net::buffer(scratch_), [self = self()](beast::error_code e, std::size_t) {
            if (e) return self->close_now();
            self->do_drain();
        });
    }

    /// The end of a connection; over TLS with a close_notify first (bounded).
    void do_close() {
        if constexpr (Tls) {
            if (handshaken_) {
                handshaken_ = false;
                layer().expires_after(std::chrono::seconds(2));
                return stream_.async_shutdown([self = self()](beast::error_code) { self->close_now(); });
            }
        }
        close_now();
    }

    void close_now() {
        beast::error_code ec;
        layer().socket().shutdown(tcp::socket::shutdown_send, ec);
        layer().close();
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    bhttp::response<bhttp::string_body> plain_;  ///< refuse_plain()'s answer
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bhttp::response<bhttp::string_body> res_;
    // a streamed answer (send_stream)
    std::shared_ptr<BodySource> source_;
    bhttp::response<bhttp::empty_body> head_;
    std::optional<bhttp::response_serializer<bhttp::empty_body>> serializer_;
    std::string chunk_;
    bool reading_ = false;
    bool handshaken_ = false;
    bool drain_ = false;
    std::array<char, 4096> scratch_{};
};

void Server::Impl::do_accept() {
    acceptor.async_accept(net::make_strand(io), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
        self->on_accept(ec, std::move(socket));
    });
}

void Server::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
    if (stopping || ec == net::error::operation_aborted) return;
    if (ec && out_of_resources(ec)) {
        // Out of descriptors: the pending connections stay in the listen
        // queue; the open ones are served meanwhile. Try again later.
        backoff = backoff.count() == 0 ? options.accept_backoff_first
                                       : std::min(backoff * 2, options.accept_backoff_max);
        if (logger) logger->warn("http accept: {}; accepting again in {} ms", ec.message(), backoff.count());
        if (options.metrics) options.metrics->accept_backoff();
        backoff_timer.expires_after(backoff);
        backoff_timer.async_wait([self = shared_from_this()](beast::error_code e) {
            if (!e && !self->stopping) self->do_accept();
        });
        return;
    }
    if (ec) {
        fail(ec, "accept");  // the peer gave up before it was accepted: go on
    } else {
        backoff = std::chrono::milliseconds{0};
        admit(std::move(socket));
    }
    do_accept();
}

void Server::Impl::admit(tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;  // reset before we looked: the socket closes here
    socket.set_option(tcp::no_delay(true), ec);
    std::shared_ptr<Connection> session;
    auto make = [&](bool admitted) -> std::shared_ptr<Connection> {
        if (tls) return std::make_shared<Session<true>>(std::move(socket), shared_from_this(), peer.address(), admitted);
        return std::make_shared<Session<false>>(std::move(socket), shared_from_this(), peer.address(), admitted);
    };
    {
        std::lock_guard lock(mutex);
        auto& from_peer = per_peer[peer.address()];
        if (open < options.max_connections && from_peer < options.max_connections_per_peer) {
            ++open;
            ++from_peer;
            session = make(true);
            session->registered(sessions.insert(sessions.end(), session));
            if (options.metrics) options.metrics->connection(+1);
        } else {
            if (options.metrics) options.metrics->connection_refused();
            if (from_peer == 0) per_peer.erase(peer.address());
            if (logger) logger->debug("http: connection from {} over the limits", peer.address().to_string());
            if (rejecting >= max_rejecting) return;  // the socket closes here
            ++rejecting;
            session = make(false);
        }
    }
    session->run();
}

Server::Server(net::io_context& io, Api& api, std::shared_ptr<spdlog::logger> logger, Options options)
    : impl_(std::make_shared<Impl>(io, api, std::move(logger), options)) {}

Server::~Server() {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    // No worker may drop the last reference to Impl (whose destructor would join the pool from inside it).
    impl_->workers.join();
}

Result<TlsCertificate> Server::use_tls(const TlsSettings& settings) {
    TlsCertificate info;
    auto context = detail::make_server_context(settings, info);
    if (!context) return context.error();
    impl_->tls = std::move(*context);
    return info;
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
    net::dispatch(impl_->strand, [impl = impl_] { impl->do_accept(); });
    return bound.address().to_string() + ":" + std::to_string(bound.port());
}

void Server::stop() {
    impl_->stopping = true;
    net::dispatch(impl_->strand, [impl = impl_] {
        beast::error_code ec;
        impl->acceptor.close(ec);
        impl->backoff_timer.cancel();
    });
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(impl_->mutex);
        for (auto& weak : impl_->sessions)
            if (auto s = weak.lock()) open.push_back(std::move(s));
    }
    // Outside the lock: the last reference to a session may go here, and its destructor takes the lock.
    for (auto& s : open) s->close_if_idle();
}

}  // namespace alur::http
