// webhook.cpp — a notice POSTed as JSON to an HTTP endpoint (Boost.Beast).
// The only file of alur_notify that includes Beast.
#include "alur/notify/channels.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <memory>
#include <optional>

namespace alur::notify {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

/// At most `max` characters of a response body, on one line, for an error message.
std::string snippet(std::string_view body, std::size_t max = 200) {
    std::string out;
    for (char c : body.substr(0, max)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (body.size() > max) out += "...";
    return out;
}

}  // namespace

WebhookChannel::WebhookChannel(std::string url, std::string host, std::string port, std::string target,
                               std::chrono::milliseconds timeout)
    : url_(std::move(url)), host_(std::move(host)), port_(std::move(port)), target_(std::move(target)),
      timeout_(timeout) {}

Result<std::shared_ptr<WebhookChannel>> WebhookChannel::make(std::string url, std::chrono::milliseconds timeout) {
    auto bad = [&](const std::string& why) {
        return make_error(errc::invalid_input, "webhook URL '" + url + "': " + why, "url");
    };
    if (timeout.count() <= 0)
        return make_error(errc::invalid_input,
                          "webhook timeout must be positive (got " + std::to_string(timeout.count()) + " ms)",
                          "timeout");

    const auto sep = url.find("://");
    if (sep == std::string::npos) return bad("expected http://host[:port]/path");
    const std::string scheme = lower(url.substr(0, sep));
    if (scheme == "https") return bad("https is not supported yet; use http://");
    if (scheme != "http") return bad("the scheme must be http (got '" + scheme + "')");

    const std::string rest = url.substr(sep + 3);
    const auto end_of_authority = rest.find_first_of("/?#");
    const std::string authority = rest.substr(0, end_of_authority);
    std::string target = end_of_authority == std::string::npos ? "/" : rest.substr(end_of_authority);
    if (const auto hash = target.find('#'); hash != std::string::npos) target.erase(hash);  // never sent
    if (target.empty() || target.front() != '/') target.insert(target.begin(), '/');
    if (std::any_of(target.begin(), target.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; }))
        return bad("the path contains a space or control character (percent-encode it)");

    if (authority.find('@') != std::string::npos) return bad("user information (user@host) is not supported");
    std::string host;
    std::string port_text;
    if (!authority.empty() && authority.front() == '[') {  // an IPv6 literal: [::1]:8080
        const auto close = authority.find(']');
        if (close == std::string::npos) return bad("an IPv6 address needs its closing ']'");
        host = authority.substr(1, close - 1);
        const std::string after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') return bad("expected ':port' after the IPv6 address");
        if (!after.empty()) port_text = after.substr(1);
        if (after == ":") return bad("the port is empty");
    } else {
        const auto colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string::npos) {
            port_text = authority.substr(colon + 1);
            if (port_text.empty()) return bad("the port is empty");
        }
    }
    if (host.empty()) return bad("no host");
    if (!port_text.empty()) {
        if (!all_digits(port_text) || port_text.size() > 5 || std::stoi(port_text) < 1 || std::stoi(port_text) > 65535)
            return bad("the port must be a number from 1 to 65535 (got '" + port_text + "')");
        port_text = std::to_string(std::stoi(port_text));
    } else {
        port_text = "80";
    }
    return std::shared_ptr<WebhookChannel>(
        new WebhookChannel(std::move(url), std::move(host), std::move(port_text), std::move(target), timeout));
}

namespace {

/// One POST of one notice: resolve, connect, write, read, all under one
/// deadline. Its handlers run on the caller's executor (one at a time); it
/// keeps itself alive through them and calls `done` exactly once.
class Attempt : public std::enable_shared_from_this<Attempt> {
public:
    Attempt(const WebhookChannel& channel, net::any_io_executor ex, std::string body, std::int64_t notice_id,
            AsyncNoticeChannel::Handler done)
        : url_(channel.url()), host_(channel.host()), port_(channel.port()), timeout_(channel.timeout()),
          resolver_(ex), stream_(ex), deadline_(ex), done_(std::move(done)) {
        request_ = {http::verb::post, channel.target(), 11};
        const bool ipv6 = host_.find(':') != std::string::npos;
        std::string host_header = ipv6 ? "[" + host_ + "]" : host_;
        if (port_ != "80") host_header += ":" + port_;
        request_.set(http::field::host, host_header);
        request_.set(http::field::user_agent, "alur-notify");
        request_.set(http::field::content_type, "application/json");
        request_.set("Idempotency-Key", "alur-notice-" + std::to_string(notice_id));
        request_.keep_alive(false);
        request_.body() = std::move(body);
        request_.prepare_payload();
        parser_.body_limit(1024 * 1024);
    }

    void start() {
        deadline_.expires_after(timeout_);
        deadline_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
            if (ec || self->finished_) return;
            self->timed_out_ = true;  // every operation still running completes with an error
            self->resolver_.cancel();
            self->stream_.cancel();
            beast::error_code ignored;
            self->stream_.socket().close(ignored);
        });
        resolver_.async_resolve(host_, port_, [self = shared_from_this()](const beast::error_code& ec,
                                                                          tcp::resolver::results_type results) {
            self->on_resolve(ec, std::move(results));
        });
    }

private:
    void on_resolve(const beast::error_code& ec, tcp::resolver::results_type results) {
        if (timed_out_) return finish(timed_out("resolving " + host_));
        if (ec) return finish(failed("cannot resolve " + host_ + ": " + ec.message()));
        stream_.async_connect(results, [self = shared_from_this()](const beast::error_code& e, const tcp::endpoint&) {
            self->on_connect(e);
        });
    }

    void on_connect(const beast::error_code& ec) {
        if (ec) return finish(describe("connecting", ec));
        http::async_write(stream_, request_, [self = shared_from_this()](const beast::error_code& e, std::size_t) {
            self->on_write(e);
        });
    }

    void on_write(const beast::error_code& ec) {
        if (ec) return finish(describe("sending the request", ec));
        http::async_read(stream_, buffer_, parser_, [self = shared_from_this()](const beast::error_code& e, std::size_t) {
            self->on_read(e);
        });
    }

    void on_read(const beast::error_code& ec) {
        if (ec) return finish(describe("waiting for the answer", ec));
        const auto& response = parser_.get();
        const unsigned status = response.result_int();
        if (status >= 200 && status < 300) return finish({});
        std::string what = "answered " + std::to_string(status);
        if (!response.reason().empty()) what += " " + std::string(response.reason());
        if (!response.body().empty()) what += ": " + snippet(response.body());
        finish(failed(what));
    }

    Error failed(const std::string& what) const { return make_error(errc::io, "webhook " + url_ + ": " + what); }
    Error timed_out(const std::string& step) const {
        return failed(step + " timed out after " + std::to_string(timeout_.count()) + " ms");
    }
    Error describe(const char* step, const beast::error_code& ec) const {
        if (timed_out_) return timed_out(step);
        return failed(std::string(step) + " failed: " + ec.message());
    }

    void finish(Result<void> result) {
        if (finished_) return;
        finished_ = true;
        deadline_.cancel();
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);  // the answer is in; ignore a reset
        stream_.socket().close(ignored);
        auto done = std::move(done_);
        done(std::move(result));
    }

    const std::string url_, host_, port_;
    const std::chrono::milliseconds timeout_;
    tcp::resolver resolver_;
    beast::tcp_stream stream_;
    net::steady_timer deadline_;
    http::request<http::string_body> request_;
    beast::flat_buffer buffer_;
    http::response_parser<http::string_body> parser_;
    AsyncNoticeChannel::Handler done_;
    bool timed_out_ = false;
    bool finished_ = false;
};

}  // namespace

void WebhookChannel::deliver_async(const Notice& notice, net::any_io_executor executor, Handler done) {
    std::string body;
    try {
        body = notice_record(notice);
    } catch (const std::exception& e) {
        auto error = make_error(errc::io, "webhook " + url_ + ": " + e.what());
        net::post(executor, [done = std::move(done), error] { done(error); });
        return;
    }
    std::make_shared<Attempt>(*this, executor, std::move(body), notice.id, std::move(done))->start();
}

Result<void> WebhookChannel::deliver(const Notice& notice) {
    try {
        net::io_context ioc;
        std::optional<Result<void>> outcome;
        deliver_async(notice, ioc.get_executor(), [&outcome](Result<void> r) { outcome = std::move(r); });
        ioc.run();
        if (!outcome) return make_error(errc::io, "webhook " + url_ + ": the attempt ended without an outcome");
        return *outcome;
    } catch (const std::exception& e) {
        return make_error(errc::io, "webhook " + url_ + ": " + e.what());
    }
}

}  // namespace alur::notify
