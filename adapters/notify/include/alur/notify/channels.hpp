// alur/notify/channels.hpp — the channels that deliver notices from the outbox.
//
// Three implementations of alur::NoticeChannel, each named by the `channel`
// column of an outbox row:
//   "log"      one info line per notice on a spdlog logger;
//   "file"     one JSON object per line (JSON Lines), appended and fsynced;
//   "webhook"  an HTTP POST of the same JSON object to a configured URL.
// Delivery is at least once (the OutboxDispatcher retries, and redelivers after
// a crash between delivering and recording it): readers of the file and
// receivers of the webhook deduplicate on "notice_id" (for the webhook also
// the Idempotency-Key header, "alur-notice-<id>").
//
// No exception leaves these classes; every failure is an alur::Error with
// errc::io whose message names the destination (path or URL) and what
// happened (invalid_input where the configuration is wrong: a notice file
// path that holds no regular file, a bad webhook URL). Thread-safety: a channel holds only its configuration, so one
// instance may deliver from several threads at once (the file channel's lines
// stay whole: each is one O_APPEND write).
#pragma once

#include "alur/engine/notice.hpp"
#include "alur/engine/outbox.hpp"
#include "alur/engine/result.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

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

/// POSTs notice_record(notice) to `http://host[:port]/path` with
/// Content-Type: application/json and Idempotency-Key: alur-notice-<id>, on a
/// fresh connection per notice. A 2xx answer is delivered; anything else (a
/// non-2xx status, a refused connection, a timeout) is errc::io naming the URL
/// and what happened. One attempt — resolving, connecting, writing the
/// request and reading the answer — is bounded as a whole by the timeout
/// ("waiting for the answer timed out after 5000 ms" names the step it was in).
/// deliver_async() runs the attempt on the caller's executor without blocking
/// it (a receiver that accepts and never answers holds only its socket);
/// deliver() runs the same attempt on its own io_context and waits.
class WebhookChannel final : public AsyncNoticeChannel {
public:
    static constexpr std::chrono::milliseconds default_timeout{5000};

    /// Parses `url` once: the scheme must be http (https is not supported
    /// yet), the port 1-65535 (default 80), the path defaults to "/" and may
    /// carry a query. Errors: invalid_input naming the URL and what is wrong,
    /// also for a timeout that is not positive.
    static Result<std::shared_ptr<WebhookChannel>> make(std::string url,
                                                        std::chrono::milliseconds timeout = default_timeout);

    std::string name() const override { return "webhook"; }
    Result<void> deliver(const Notice& notice) override;
    void deliver_async(const Notice& notice, boost::asio::any_io_executor executor, Handler done) override;

    const std::string& url() const { return url_; }
    const std::string& host() const { return host_; }
    const std::string& port() const { return port_; }
    /// The request target: the URL's path and query ("/hooks/alur?x=1").
    const std::string& target() const { return target_; }
    std::chrono::milliseconds timeout() const { return timeout_; }

private:
    WebhookChannel(std::string url, std::string host, std::string port, std::string target,
                   std::chrono::milliseconds timeout);

    std::string url_;
    std::string host_;  ///< without brackets for an IPv6 literal
    std::string port_;  ///< decimal
    std::string target_;
    std::chrono::milliseconds timeout_;
};

}  // namespace alur::notify
