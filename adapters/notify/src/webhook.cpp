// webhook.cpp — a notice POSTed as JSON to an HTTP endpoint (Boost.Beast).
// The only file of alur_notify that includes Beast.
#include "alur/notify/channels.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cctype>
#include <exception>

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

Result<void> WebhookChannel::deliver(const Notice& notice) {
    try {
        return post(notice_record(notice), notice.id);
    } catch (const std::exception& e) {
        return make_error(errc::io, "webhook " + url_ + ": " + e.what());
    }
}

Result<void> WebhookChannel::post(const std::string& body, std::int64_t notice_id) const {
    auto failed = [&](const std::string& what) { return make_error(errc::io, "webhook " + url_ + ": " + what); };
    auto describe = [&](const char* step, const beast::error_code& ec) {
        if (ec == beast::error::timeout)
            return failed(std::string(step) + " timed out after " + std::to_string(timeout_.count()) + " ms");
        return failed(std::string(step) + " failed: " + ec.message());
    };

    net::io_context ioc;
    beast::error_code ec;

    tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(host_, port_, ec);
    if (ec) return failed("cannot resolve " + host_ + ": " + ec.message());

    // A beast::tcp_stream applies expires_after to asynchronous operations
    // only, so each step below is started asynchronously and run to its end on
    // this call's own io_context: synchronous for the caller, yet bounded.
    beast::tcp_stream stream(ioc);
    auto run = [&] {
        ioc.run();
        ioc.restart();
    };

    stream.expires_after(timeout_);
    stream.async_connect(endpoints, [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
    run();
    if (ec) return describe("connecting", ec);

    http::request<http::string_body> request{http::verb::post, target_, 11};
    const bool ipv6 = host_.find(':') != std::string::npos;
    std::string host_header = ipv6 ? "[" + host_ + "]" : host_;
    if (port_ != "80") host_header += ":" + port_;
    request.set(http::field::host, host_header);
    request.set(http::field::user_agent, "alur-notify");
    request.set(http::field::content_type, "application/json");
    request.set("Idempotency-Key", "alur-notice-" + std::to_string(notice_id));
    request.keep_alive(false);
    request.body() = body;
    request.prepare_payload();

    stream.expires_after(timeout_);
    http::async_write(stream, request, [&](const beast::error_code& e, std::size_t) { ec = e; });
    run();
    if (ec) return describe("sending the request", ec);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1024 * 1024);
    stream.expires_after(timeout_);
    http::async_read(stream, buffer, parser, [&](const beast::error_code& e, std::size_t) { ec = e; });
    run();
    if (ec) return describe("waiting for the answer", ec);

    stream.socket().shutdown(tcp::socket::shutdown_both, ec);  // the answer is in; ignore a reset

    const auto& response = parser.get();
    const unsigned status = response.result_int();
    if (status >= 200 && status < 300) return {};
    std::string what = "answered " + std::to_string(status);
    if (!response.reason().empty()) what += " " + std::string(response.reason());
    if (!response.body().empty()) what += ": " + snippet(response.body());
    return failed(what);
}

}  // namespace alur::notify
