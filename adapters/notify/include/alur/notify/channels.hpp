// alur/notify/channels.hpp — the channels that deliver notices from the outbox.
//
// Three implementations of alur::NoticeChannel, each named by the `channel`
// column of an outbox row:
//   "log"      one info line per notice on a spdlog logger;
//   "file"     one JSON object per line (JSON Lines), appended and fsynced;
//   "webhook"  an HTTP(S) POST of the same JSON object to a configured URL, signed.
// Delivery is at least once (the OutboxDispatcher retries, and redelivers after
// a crash between delivering and recording it): readers of the file and
// receivers of the webhook deduplicate on "notice_id" (for the webhook also
// the Idempotency-Key header, "alur-notice-<id>", and X-Alur-Notice-Id).
//
// No exception leaves these classes; every failure is an alur::Error with
// errc::io whose message names the destination (path or URL) and what
// happened (invalid_input where the configuration is wrong: a notice file
// path that holds no regular file, a bad webhook URL). Thread-safety: a channel holds only its configuration, so one
// instance may deliver from several threads at once (the file channel's lines
// stay whole: each is one O_APPEND write).
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/notice.hpp"
#include "alur/engine/outbox.hpp"
#include "alur/engine/result.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace alur::notify {

/// The JSON object written for a notice, as one line of canonical JSON (no
/// newline): {"case","channel","created_at","notice_id","payload","recipient"}.
/// "payload" is the notice's payload as an object; a payload that is not valid
/// JSON is carried as a string rather than lost.
std::string notice_record(const Notice& notice);

/// Logs "notice <id> for case <case> to <recipient>: <Indonesian message>" at
/// info level. The message is the payload's message.id (else message.en,
/// else the kind and state); never fails. A null logger discards everything.
class LogChannel final : public NoticeChannel {
public:
    explicit LogChannel(std::shared_ptr<spdlog::logger> logger);
    std::string name() const override { return "log"; }
    Result<void> deliver(const Notice& notice) override;

private:
    std::shared_ptr<spdlog::logger> logger_;
};

/// Appends notice_record(notice) and a newline to `path` (created if missing,
/// mode 0600 less the umask; its directory must exist): opened with O_APPEND,
/// the line written with one write(), then fsynced and closed, so ok means the
/// line is on disk. Errors: io naming the path and the system's reason;
/// invalid_input if something other than a regular file is at the path (a
/// directory, a FIFO, a device such as /dev/null): nothing is written there.
class FileChannel final : public NoticeChannel {
public:
    explicit FileChannel(std::filesystem::path path);
    std::string name() const override { return "file"; }
    Result<void> deliver(const Notice& notice) override;
    /// ok if the path holds a regular file or nothing yet; invalid_input
    /// "notice file <path> is a directory, not a regular file" otherwise.
    Result<void> check() const;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// The signature of one webhook delivery: "sha256=" and the lower-case hex of
/// HMAC-SHA256(secret, timestamp + "." + body), as sent in X-Alur-Signature.
std::string webhook_signature(std::string_view secret, std::string_view timestamp, std::string_view body);

/// How a WebhookChannel delivers (each has a default).
struct WebhookOptions {
    /// One attempt at most, as a whole (`[notify.webhook] timeout_ms`).
    std::chrono::milliseconds timeout{5000};
    /// https: a PEM file of the CA certificates the receiver's certificate
    /// must chain to (`[notify.webhook] ca_file`); empty: the system's
    /// (/etc/ssl/certs, OpenSSL's default paths).
    std::filesystem::path ca_file;
    /// The HMAC-SHA256 key every delivery is signed with (`[notify.webhook]
    /// secret`); empty: deliveries go unsigned (no X-Alur-Signature).
    std::string secret;
    /// The time of X-Alur-Timestamp; null: the system clock. (Not the engine's
    /// clock: `serve --now` must not send receivers a timestamp they refuse.)
    std::shared_ptr<const Clock> clock;
};

/// POSTs notice_record(notice) to `http[s]://host[:port]/path` on a fresh
/// connection per notice, with these headers:
///   Content-Type: application/json
///   Idempotency-Key: alur-notice-<id>
///   X-Alur-Notice-Id: <id>          the outbox row's id: the same on every redelivery
///   X-Alur-Timestamp: <unix seconds> when this attempt was made
///   X-Alur-Signature: sha256=<hex>  webhook_signature(secret, timestamp, body), when a secret is set
/// https: TLS 1.2 or newer, the receiver's certificate verified against the
/// system's CAs or WebhookOptions::ca_file, and its name against the URL's
/// host (SNI sent for a host name; an IP address must be in the certificate's
/// subjectAltName). A 2xx answer is delivered; so is 409 Conflict, which a
/// receiver answers to a notice id it already has (a redelivery after a crash,
/// docs/OPERATIONS.md "Webhooks"): the notice is there, sending it again would
/// not help. Anything else (another status, a refused connection, a failed
/// certificate check, a timeout) is errc::io naming the URL and what happened
/// ("TLS handshake failed: certificate verify failed: self-signed
/// certificate"). One attempt — resolving, connecting, the TLS handshake,
/// writing the request and reading the answer — is bounded as a whole by the
/// timeout ("waiting for the answer timed out after 5000 ms" names the step
/// it was in). deliver_async() runs the attempt on the caller's executor
/// without blocking it (a receiver that accepts and never answers holds only
/// its socket); deliver() runs the same attempt on its own io_context and waits.
class WebhookChannel final : public AsyncNoticeChannel {
public:
    static constexpr std::chrono::milliseconds default_timeout{5000};

    /// Parses `url` once: the scheme must be http or https, the port 1-65535
    /// (default 80 or 443), the path defaults to "/" and may carry a query;
    /// for https the CA file is read now. Errors: invalid_input naming the URL
    /// and what is wrong (or the CA file and why it holds no certificate),
    /// also for a timeout that is not positive.
    static Result<std::shared_ptr<WebhookChannel>> make(std::string url, WebhookOptions options);
    static Result<std::shared_ptr<WebhookChannel>> make(std::string url,
                                                        std::chrono::milliseconds timeout = default_timeout);

    std::string name() const override { return "webhook"; }
    Result<void> deliver(const Notice& notice) override;
    void deliver_async(const Notice& notice, boost::asio::any_io_executor executor, Handler done) override;

    const std::string& url() const { return url_; }
    bool https() const { return tls_ != nullptr; }
    const std::string& host() const { return host_; }
    const std::string& port() const { return port_; }
    /// The request target: the URL's path and query ("/hooks/alur?x=1").
    const std::string& target() const { return target_; }
    std::chrono::milliseconds timeout() const { return options_.timeout; }
    bool signs() const { return !options_.secret.empty(); }

    struct Tls;  ///< the client TLS context (webhook.cpp)

private:
    WebhookChannel(std::string url, std::string host, std::string port, std::string target, WebhookOptions options,
                   std::shared_ptr<Tls> tls);

    std::string url_;
    std::string host_;  ///< without brackets for an IPv6 literal
    std::string port_;  ///< decimal
    std::string target_;
    WebhookOptions options_;
    std::shared_ptr<Tls> tls_;  ///< null for http
};

}  // namespace alur::notify
