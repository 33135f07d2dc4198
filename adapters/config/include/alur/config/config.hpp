// alur/config/config.hpp — an agency's settings, read from a TOML file.
//
// `load_file` reads a file such as examples/alur.toml (docs/configuration.md
// lists every key with its type, default and meaning); keys left out keep the
// defaults of `defaults()`. Nothing is half-applied: a file with any unknown
// key, wrong type or impossible value is refused as a whole with
// errc::invalid_input and a message naming the file, line and key:
//
//   alur.toml:12: scoring.profiles.x.weights: weights must sum to 100 (got 90)
//
// `Error::field` holds the key ("scoring.profiles.x.weights"). No exception
// escapes. Relative paths in the file (calendar.holiday_files,
// notify.file.path, notify.webhook.ca_file and secret_file, http.tls_cert and
// tls_key) are taken relative to the file's directory. Safe to call
// from any thread (the only side effect is reading the file and the holiday
// files it names).
#pragma once

#include "alur/engine/calendar.hpp"
#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"
#include "alur/engine/timers.hpp"
#include "alur/notify/email.hpp"
#include "alur/workflows/development.hpp"
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/mutation.hpp"
#include "alur/workflows/open_selection.hpp"
#include "alur/workflows/performance_review.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace alur::config {

/// The largest configuration file, and the largest holiday file, read: 1 MiB.
inline constexpr std::size_t max_file_bytes = std::size_t{1} << 20;

/// [notify]: which channels notices are written for, their settings, and who
/// is notified for which state.
struct Notify {
    /// [notify] channels: any of "log", "file", "webhook", "email", each at most once, at least one.
    std::vector<std::string> channels = {"log"};
    /// [notify.file] path: the JSON Lines file of the file channel. A relative
    /// path in the file is resolved against the file's directory; the default
    /// is relative to the working directory.
    std::string file_path = "alur-notices.jsonl";
    /// [notify.webhook] url: "http://host[:port][/path]"; required when
    /// channels has "webhook".
    std::string webhook_url;
    /// [notify.webhook] timeout_ms: how long one delivery may take.
    std::chrono::milliseconds webhook_timeout{5000};
    /// [notify.email] url, from, starttls, username, password, ca_file,
    /// timeout_ms, language (docs/configuration.md); `from_name` and
    /// `timezone` are left for the caller (the agency's). Required (url and
    /// from) when channels has "email"; ca_file is resolved like file_path.
    notify::EmailSettings email;
    /// [notify.email] password_file: the file whose first line is the
    /// password (read by the commands that deliver, not here); resolved like
    /// file_path. Empty: none.
    std::string email_password_file;
    /// [notify.webhook] ca_file: a PEM file of the CA certificates an https
    /// receiver's certificate is checked against, instead of the system's
    /// (/etc/ssl/certs). Resolved against the file's directory.
    std::filesystem::path webhook_ca_file;
    /// The secret every delivery is signed with (HMAC-SHA256): [notify.webhook]
    /// secret, or the first line of secret_file (resolved against the file's
    /// directory, read when the configuration is loaded), or the environment
    /// variable named by secret_env. At most one of the three. Empty: unsigned
    /// (`serve` warns).
    std::string webhook_secret;
    /// Where webhook_secret came from, for messages: "secret", "secret_file
    /// PATH", "secret_env NAME", or empty.
    std::string webhook_secret_source;
    /// [notify.recipients] default: for every state without its own list.
    std::vector<std::string> default_recipients{"role:admin"};
    /// [notify.recipients.<workflow>] <state> = [...]: workflow -> state -> recipients.
    std::map<std::string, std::map<std::string, std::vector<std::string>>> recipients;

    /// Who is notified when a timer of `state` of `workflow` fires: the
    /// state's own list if the file gives one (possibly empty), else
    /// default_recipients. Roles as "role:NAME", anything else an address.
    std::vector<std::string> recipients_for(std::string_view workflow, std::string_view state) const;
};

/// [cli]: how the `alur` command line may write.
struct CliSettings {
    /// [cli] require_token: the writing commands need --token / $ALUR_TOKEN (a
    /// granted, unrevoked API token) and take actor and role from it, exactly
    /// as the HTTP API does; --actor and --role are then refused. Default false.
    bool require_token = false;
};

/// [server]: how `alur serve` runs its HTTP API.
struct ServerSettings {
    static constexpr int max_threads = 256;
    static constexpr int max_connections_limit = 1000000;
    /// [server] threads: the HTTP threads; 0 (default): one per core.
    unsigned threads = 0;
    /// [server] max_connections: open HTTP connections at most; one more is
    /// answered 503 and closed. Default 1024.
    std::size_t max_connections = 1024;
    /// [server] max_connections_per_peer: open connections from one IP address
    /// at most. Default 512.
    std::size_t max_connections_per_peer = 512;
    /// [server] session_minutes: a web page session ends this long after
    /// sign-in. Default 480 (a working day).
    int session_minutes = 480;
    /// [server] session_idle_minutes: ... or this long after its last request. Default 60.
    int session_idle_minutes = 60;
    /// [server] secure_cookies: mark the session cookie Secure even on plain
    /// HTTP (TLS ended by a reverse proxy). Default false.
    bool secure_cookies = false;
    /// [server] signin_failures_per_name / signin_failures_per_address: failed
    /// sign-ins allowed in signin_window_minutes before further attempts are
    /// answered 429 until the window ends. Defaults 5, 20 and 15.
    int signin_failures_per_name = 5;
    int signin_failures_per_address = 20;
    int signin_window_minutes = 15;
    static constexpr int min_upload_bytes = 64 * 1024;
    static constexpr int max_upload_limit = 1024 * 1024 * 1024;
    /// [server] max_upload_bytes: the largest request body (a roster CSV of
    /// POST /api/roster/import); a larger one is answered 413. Default 8 MiB.
    std::size_t max_upload_bytes = 8 * 1024 * 1024;
};

/// [log]: how `alur` (the CLI and `alur serve`) writes its log lines on stderr.
struct LogSettings {
    /// [log] format: "text" (default: `TIME LEVEL MESSAGE`) or "json" (one
    /// JSON object a line: time, level, msg and, for an HTTP request, its fields).
    std::string format = "text";
    /// [log] level: trace, debug, info, warn, error, critical or off; empty
    /// (default): each command's own (info for `serve`, warn for the others).
    /// ALUR_LOG, when set, wins over it.
    std::string level;
};

/// [http]: how `alur serve` speaks to clients: plain HTTP, or HTTPS directly.
struct HttpSettings {
    /// [http] tls_cert, tls_key: PEM files of the certificate (chain) and its
    /// unencrypted private key, resolved against the file's directory; both or
    /// neither. Both given: `serve` speaks HTTPS only, and checks the files at
    /// start (readable, PEM, the key matches). Default: neither (plain HTTP).
    std::filesystem::path tls_cert;
    std::filesystem::path tls_key;
    /// [http] tls_min_version: "1.2" (default) or "1.3".
    std::string tls_min_version = "1.2";
};

struct Config {
    /// [agency] name: shown in notices, reports and the web page.
    std::string agency_name = "Pemerintah Daerah";
    /// [agency] timezone: WIB (default), WITA or WIT; local dates are read in it.
    alur::TimeZone timezone;
    /// The mutation workflow's settings: [oversight], [[election_windows]],
    /// [scoring]; its `timezone` is the agency's.
    alur::mutation::Settings mutation;
    /// The job fit workflow's settings: [job_fit], and the shared ones
    /// ([oversight], [[election_windows]], [scoring] profiles, time zone)
    /// copied from `mutation`.
    alur::job_fit::Settings job_fit;
    /// The open selection workflow's settings: [open_selection] and the shared ones.
    alur::open_selection::Settings open_selection;
    /// The development workflow's settings: [development] profile and the
    /// shared ones ([scoring] profiles, time zone).
    alur::development::Settings development;
    /// The performance review workflow's settings: [performance_review] and
    /// [performance_review.ratings.<rating>]; its time zone is the agency's.
    alur::performance_review::Settings performance_review;
    /// How deadlines are counted: [calendar] (shipped holidays unless
    /// shipped_holidays = false, plus holiday_files, and the weekend),
    /// [agency] timezone and due_time. Default: shipped 2024-2026 holidays,
    /// Saturday and Sunday, WIB, 16:00.
    alur::DeadlineClock deadline_clock;
    /// [deadlines.<workflow>.<state>]: only the states the file sets; each
    /// replaces that state's default rule as a whole. State names are not
    /// checked against the workflow here (the caller knows the workflows).
    std::map<std::string, alur::DeadlinePolicy, std::less<>> deadlines;
    /// [notify]
    Notify notify;
    /// [cli]
    CliSettings cli;
    /// [server]
    ServerSettings server;
    /// [log]
    LogSettings log;
    /// [http]
    HttpSettings http;
    /// [journal] max_future_skew: how far after now an event's time may lie
    /// ("10m", "90s", "1h" or seconds; 0 to 24 hours). Default 10 minutes.
    std::chrono::seconds max_future_skew{600};
    /// [journal] batch_commands, batch_bytes: the group commit's bounds
    /// (EngineOptions::max_batch_commands, max_batch_bytes).
    std::size_t batch_commands = 1000;
    std::size_t batch_bytes = 4u << 20;
    /// The file the values came from, as given to load_file / load_string.
    std::string source = "(built-in defaults)";
};

/// The settings in effect without a configuration file.
Config defaults();

/// Reads and checks a TOML file. not_found if it does not exist;
/// invalid_input if it is not a regular file (a directory, a device, a FIFO)
/// or is larger than max_file_bytes, or (file:line: key: what) if its content
/// is wrong; io if it cannot be read. Holiday files are read the same way.
Result<Config> load_file(const std::filesystem::path& path);

/// The same for TOML text already in memory; `source_name` stands for the
/// file in messages and in Config::source. Relative paths in the text are
/// resolved against `base_dir` (empty: left relative, to the working directory).
Result<Config> load_string(std::string_view toml, std::string_view source_name,
                           const std::filesystem::path& base_dir = {});

}  // namespace alur::config
