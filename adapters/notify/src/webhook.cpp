// webhook.cpp — a notice POSTed as JSON to an HTTP or HTTPS endpoint
// (Boost.Beast, OpenSSL), signed with HMAC-SHA256. The only file of
// alur_notify that includes Beast.
#include "alur/notify/channels.hpp"

#include "alur/engine/clock.hpp"

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
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>
#include <type_traits>

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

std::string webhook_signature(std::string_view secret, std::string_view timestamp, std::string_view body) {
    std::string message;
    message.reserve(timestamp.size() + 1 + body.size());
    message.append(timestamp).append(".").append(body);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "sha256=";
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[mac[i] >> 4];
        out += hex[mac[i] & 0xf];
    }
    return out;
}

struct WebhookChannel::Tls {
    net::ssl::context context{net::ssl::context::tls_client};
};

namespace {

/// How many PEM certificates `text` holds.
int count_certificates(const std::string& text) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())),
                                                  &BIO_free);
    int n = 0;
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509_free(cert);
        ++n;
    }
    ERR_clear_error();
    return n;
}

/// The client context: TLS 1.2 at least, the peer's certificate verified
/// against `ca_file` (or the system's CAs).
Result<std::shared_ptr<WebhookChannel::Tls>> client_tls(const std::filesystem::path& ca_file) {
    auto tls = std::make_shared<WebhookChannel::Tls>();
    SSL_CTX_set_min_proto_version(tls->context.native_handle(), TLS1_2_VERSION);
    tls->context.set_verify_mode(net::ssl::verify_peer);
    beast::error_code ec;
    if (ca_file.empty()) {
        tls->context.set_default_verify_paths(ec);
        if (ec) return make_error(errc::io, "webhook: cannot read the system's CA certificates: " + ec.message());
        return tls;
    }
    const std::string name = "webhook ca_file " + ca_file.string();
    std::error_code fs_ec;
    if (std::filesystem::is_directory(ca_file, fs_ec))
        return make_error(errc::invalid_input, name + ": is a directory, not a PEM file", "ca_file");
    std::ifstream in(ca_file, std::ios::binary);
    if (!in) return make_error(errc::invalid_input, name + ": cannot be read: " + std::strerror(errno), "ca_file");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (count_certificates(text) == 0)
        return make_error(errc::invalid_input,
                          name + ": holds no PEM certificate (expected \"-----BEGIN CERTIFICATE-----\")", "ca_file");
    tls->context.add_certificate_authority(net::buffer(text), ec);  // every certificate of the file
    if (ec) return make_error(errc::invalid_input, name + ": " + ec.message(), "ca_file");
    return tls;
}

}  // namespace

WebhookChannel::WebhookChannel(std::string url, std::string host, std::string port, std::string target,
                               WebhookOptions options, std::shared_ptr<Tls> tls)
    : url_(std::move(url)), host_(std::move(host)), port_(std::move(port)), target_(std::move(target)),
      options_(std::move(options)), tls_(std::move(tls)) {
    if (!options_.clock) options_.clock = std::make_shared<SystemClock>();
}

Result<std::shared_ptr<WebhookChannel>> WebhookChannel::make(std::string url, std::chrono::milliseconds timeout) {
    WebhookOptions options;
    options.timeout = timeout;
    return make(std::move(url), std::move(options));
}

Result<std::shared_ptr<WebhookChannel>> WebhookChannel::make(std::string url, WebhookOptions options) {
    auto bad = [&](const std::string& why) {
        return make_error(errc::invalid_input, "webhook URL '" + url + "': " + why, "url");
    };
    const auto timeout = options.timeout;
    if (timeout.count() <= 0)
        return make_error(errc::invalid_input,
                          "webhook timeout must be positive (got " + std::to_string(timeout.count()) + " ms)",
                          "timeout");

    const auto sep = url.find("://");
    if (sep == std::string::npos) return bad("expected https://host[:port]/path or http://...");
    const std::string scheme = lower(url.substr(0, sep));
    if (scheme != "http" && scheme != "https") return bad("the scheme must be https or http (got '" + scheme + "')");

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
        port_text = scheme == "https" ? "443" : "80";
    }
    std::shared_ptr<Tls> tls;
    if (scheme == "https") {
        auto made = client_tls(options.ca_file);
        if (!made) return made.error();
        tls = std::move(*made);
    }
    return std::shared_ptr<WebhookChannel>(new WebhookChannel(std::move(url), std::move(host), std::move(port_text),
                                                              std::move(target), std::move(options), std::move(tls)));
}

namespace {

/// One POST of one notice: resolve, connect, (TLS handshake,) write, read,
/// all under one deadline. Its handlers run on the caller's executor (one at
/// a time); it keeps itself alive through them and calls `done` exactly once.
template <bool Tls>
class Attempt : public std::enable_shared_from_this<Attempt<Tls>> {
    using Stream = std::conditional_t<Tls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

public:
    Attempt(const WebhookChannel& channel, net::ssl::context* tls, net::any_io_executor ex, http::request<http::string_body> request,
            AsyncNoticeChannel::Handler done)
        requires(!Tls)
        : url_(channel.url()), host_(channel.host()), port_(channel.port()), timeout_(channel.timeout()),
          resolver_(ex), stream_(ex), deadline_(ex), request_(std::move(request)), done_(std::move(done)) {
        (void)tls;
        parser_.body_limit(1024 * 1024);
    }
    Attempt(const WebhookChannel& channel, net::ssl::context* tls, net::any_io_executor ex, http::request<http::string_body> request,
            AsyncNoticeChannel::Handler done)
        requires Tls
        : url_(channel.url()), host_(channel.host()), port_(channel.port()), timeout_(channel.timeout()),
          resolver_(ex), stream_(ex, *tls), deadline_(ex), request_(std::move(request)), done_(std::move(done)) {
        parser_.body_limit(1024 * 1024);
    }

    void start() {
        deadline_.expires_after(timeout_);
        deadline_.async_wait([self = this->shared_from_this()](const beast::error_code& ec) {
            if (ec || self->finished_) return;
            self->timed_out_ = true;  // every operation still running completes with an error
            self->resolver_.cancel();
            self->layer().cancel();
            beast::error_code ignored;
            self->layer().socket().close(ignored);
        });
        resolver_.async_resolve(host_, port_, [self = this->shared_from_this()](const beast::error_code& ec,
                                                                                tcp::resolver::results_type results) {
            self->on_resolve(ec, std::move(results));
        });
    }

private:
    beast::tcp_stream& layer() { return beast::get_lowest_layer(stream_); }

    void on_resolve(const beast::error_code& ec, tcp::resolver::results_type results) {
        if (timed_out_) return finish(timed_out("resolving " + host_));
        if (ec) return finish(failed("cannot resolve " + host_ + ": " + ec.message()));
        layer().async_connect(results, [self = this->shared_from_this()](const beast::error_code& e, const tcp::endpoint&) {
            self->on_connect(e);
        });
    }

    void on_connect(const beast::error_code& ec) {
        if (ec) return finish(describe("connecting", ec));
        if constexpr (Tls) {
            SSL* ssl = stream_.native_handle();
            beast::error_code ip_ec;
            const auto ip = net::ip::make_address(host_, ip_ec);
            // The name checked in the certificate (OpenSSL's X509_VERIFY_PARAM:
            // "hostname mismatch" names the failure); SNI for a host name only.
            X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            const bool named = ip_ec ? X509_VERIFY_PARAM_set1_host(param, host_.c_str(), host_.size()) == 1
                                     : X509_VERIFY_PARAM_set1_ip_asc(param, ip.to_string().c_str()) == 1;
            if (!named) return finish(failed("cannot check the certificate's name against " + host_));
            if (ip_ec && SSL_set_tlsext_host_name(ssl, host_.c_str()) != 1)
                return finish(failed("cannot send the host name " + host_ + " (SNI)"));
            stream_.async_handshake(net::ssl::stream_base::client,
                                    [self = this->shared_from_this()](const beast::error_code& e) { self->on_handshake(e); });
        } else {
            send();
        }
    }

    void on_handshake(const beast::error_code& ec) {
        if constexpr (Tls) {
            if (ec) {
                if (timed_out_) return finish(timed_out("the TLS handshake"));
                std::string why = ec.message();
                const long verify = SSL_get_verify_result(stream_.native_handle());
                if (verify != X509_V_OK) why += std::string(": ") + X509_verify_cert_error_string(verify);
                return finish(failed("TLS handshake failed: " + why));
            }
        }
        send();
    }

    void send() {
        http::async_write(stream_, request_, [self = this->shared_from_this()](const beast::error_code& e, std::size_t) {
            self->on_write(e);
        });
    }

    void on_write(const beast::error_code& ec) {
        if (ec) return finish(describe("sending the request", ec));
        http::async_read(stream_, buffer_, parser_,
                         [self = this->shared_from_this()](const beast::error_code& e, std::size_t) { self->on_read(e); });
    }

    void on_read(const beast::error_code& ec) {
        if (ec) return finish(describe("waiting for the answer", ec));
        const auto& response = parser_.get();
        const unsigned status = response.result_int();
        // 409: the receiver already has this notice id (a redelivery): delivered.
        if ((status >= 200 && status < 300) || status == 409) return finish({});
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
        // The answer is in (or the attempt failed): no TLS close_notify
        // exchange, which could wait on the receiver; a reset is ignored.
        layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
        layer().socket().close(ignored);
        auto done = std::move(done_);
        done(std::move(result));
    }

    const std::string url_, host_, port_;
    const std::chrono::milliseconds timeout_;
    tcp::resolver resolver_;
    Stream stream_;
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
    http::request<http::string_body> request{http::verb::post, target_, 11};
    try {
        request.body() = notice_record(notice);
    } catch (const std::exception& e) {
        auto error = make_error(errc::io, "webhook " + url_ + ": " + e.what());
        net::post(executor, [done = std::move(done), error] { done(error); });
        return;
    }
    const bool ipv6 = host_.find(':') != std::string::npos;
    std::string host_header = ipv6 ? "[" + host_ + "]" : host_;
    if (port_ != (https() ? "443" : "80")) host_header += ":" + port_;
    request.set(http::field::host, host_header);
    request.set(http::field::user_agent, "alur-notify");
    request.set(http::field::content_type, "application/json");
    request.set("Idempotency-Key", "alur-notice-" + std::to_string(notice.id));
    request.set("X-Alur-Notice-Id", std::to_string(notice.id));
    const auto seconds = std::chrono::floor<std::chrono::seconds>(options_.clock->now()).time_since_epoch().count();
    const std::string timestamp = std::to_string(seconds);
    request.set("X-Alur-Timestamp", timestamp);
    if (!options_.secret.empty())
        request.set("X-Alur-Signature", webhook_signature(options_.secret, timestamp, request.body()));
    request.keep_alive(false);
    request.prepare_payload();
    if (tls_)
        std::make_shared<Attempt<true>>(*this, &tls_->context, executor, std::move(request), std::move(done))->start();
    else
        std::make_shared<Attempt<false>>(*this, nullptr, executor, std::move(request), std::move(done))->start();
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
