// alur/http/api.hpp — the JSON API of `alur serve`, as plain request -> response.
//
// The router and its handlers know nothing of sockets or Beast: the server
// (server.hpp) parses HTTP and hands each request here. Authentication is a
// bearer token looked up by its SHA-256 in the TokenStore; the token's name is
// the actor of every event it submits and its role is the role the engine
// checks. Without a bearer token, the web page's session cookie (signed in
// with POST /api/session, auth.cpp) authenticates as the user: its name is
// the actor, and every write needs X-CSRF-Token. Errors have one shape: {"error": {"code", "message", "field"?}}.
//
// Two entry points with the same routes and answers: handle() blocks until
// a write is committed (tests, the fuzz harness); handle_async() never
// blocks on a write: POST /api/cases and POST /api/cases/{id}/events go
// through alur::async_submit and are answered on the caller's executor (the
// connection's strand) once the commit is durable. The reads are answered
// at once on the calling thread (short SQLite reads).
//
// Thread-safety: handle() and handle_async() may be called from several threads.
#pragma once

#include "alur/engine/engine.hpp"
#include "alur/engine/timers.hpp"
#include "alur/engine/passwords.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/engine/users.hpp"
#include "alur/http/metrics.hpp"

#include <boost/asio/any_io_executor.hpp>

namespace boost::asio {
class thread_pool;
}

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace spdlog {
class logger;
}
namespace alur::sqlite {
class SqliteRoster;
class SqliteBatchStore;
class SqliteStats;
}  // namespace alur::sqlite
namespace alur::job_fit {
struct Settings;
}

namespace alur::http {

namespace detail {
class VerifyJobs;
class Sessions;
class Routes;
}

struct Request {
    std::string method;  ///< "GET", "POST", ...
    std::string target;  ///< path and query: "/api/cases?state=scoring"
    std::string body;
    std::string authorization;    ///< the Authorization header, if any
    std::string idempotency_key;  ///< the Idempotency-Key header, if any
    std::string if_match;         ///< the If-Match header, if any
    std::string cookie;           ///< the Cookie header, if any
    std::string csrf;             ///< the X-CSRF-Token header, if any
    std::string content_type;     ///< the Content-Type header, if any
    std::string accept_language;  ///< the Accept-Language header, if any
    std::string peer;             ///< the client's IP address ("" in tests)
    /// The X-Request-Id header, if any: kept as the request's id when it is
    /// 1 to 128 characters of letters, digits and . _ : - (else one is made).
    std::string request_id;
    bool tls = false;             ///< the connection is TLS (or a trusted proxy said so)
};

/// A response body produced piece by piece (an export): the server calls
/// next() off the connection's thread until it returns nullopt, and sends
/// each piece as one chunk (Transfer-Encoding: chunked). next() may block
/// (it reads the journal); if it throws, the connection is closed.
class BodySource {
public:
    virtual ~BodySource() = default;
    virtual std::optional<std::string> next() = 0;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::string allow;  ///< the Allow header of a 405
    std::string cache_control;  ///< the Cache-Control header, if any (the web page's files)
    /// Further headers (Set-Cookie, Content-Disposition, Retry-After, ...), in order.
    std::vector<std::pair<std::string, std::string>> headers{};
    /// When set, the body is streamed from it (and `body` is ignored).
    std::shared_ptr<BodySource> stream{};
};

/// How the web page's sessions and sign-ins behave (sessions.cpp, auth_routes.cpp).
struct SessionOptions {
    /// A session ends this long after sign-in (`[server] session_minutes`).
    std::chrono::minutes lifetime{480};
    /// ... or this long after its last request (`[server] session_idle_minutes`).
    std::chrono::minutes idle{60};
    /// `; Secure` on the cookie even without TLS (`[server] secure_cookies`:
    /// behind a reverse proxy that terminates TLS).
    bool secure_cookies = false;
    /// Failed sign-ins of one name, and from one address, in `failure_window`
    /// before further attempts are answered 429 until the window ends.
    int failures_per_name = 5;
    int failures_per_address = 20;
    std::chrono::minutes failure_window{15};
    /// The cost of the hash a sign-in with an unknown name computes, so that
    /// it takes as long as a wrong password (tests lower it with their users').
    PasswordParams dummy_params{};
};

/// One part of the server that GET /readyz reports on ("timers", "delivery").
struct ReadyPart {
    std::string name;
    bool ready = false;
    std::string detail;  ///< what a person reads: "heartbeat 200 ms ago", "stopped"
};

struct ApiOptions {
    Engine* engine = nullptr;     ///< required
    TokenStore* tokens = nullptr; ///< required
    Metrics* metrics = nullptr;   ///< required
    /// How deadlines are counted: for overdue and working_days_left.
    DeadlineClock deadline_clock;
    /// Called after every successful write (the server re-arms its timers).
    /// handle_async calls it on the connection's strand: it must not block.
    std::function<void()> after_write;
    /// [agency] name (GET /api/agency).
    std::string agency_name = "Pemerintah Daerah";
    /// Called (on the job's thread) when a verify job of GET /api/audit/verify ends.
    std::function<void(std::int64_t job)> verify_finished{};
    /// The people who sign in (POST /api/session); null: signing in is off
    /// and only tokens authenticate.
    UserStore* users = nullptr;
    SessionOptions sessions{};
    /// Failed sign-ins and authentications (warn), refused commands (info)
    /// and one access line per request (info; warn for a 5xx) are logged
    /// here; may be null. The access line's fields go through
    /// alur::logging::log_fields (method, path, status, latency_ms, user,
    /// peer, request_id): a JSON line carries them as members.
    std::shared_ptr<spdlog::logger> logger{};
    /// The journal's file, read at scrape time for /metrics (cases, overdue,
    /// timers, outbox, events, size) and by /healthz; null: /metrics has only
    /// this process's counters and /healthz reads the journal instead.
    sqlite::SqliteStats* stats = nullptr;
    /// What GET /readyz reports (the timer service and the outbox delivery of
    /// `alur serve`); null: /readyz answers 503 (nothing runs them).
    std::function<std::vector<ReadyPart>()> readiness{};
    /// The roster (GET /api/roster, POST /api/roster/import); null: those routes answer 503.
    sqlite::SqliteRoster* roster = nullptr;
    /// The job fit batches (/api/jobfit); null: those routes answer 503.
    sqlite::SqliteBatchStore* batches = nullptr;
    /// The job fit settings (profiles, exclusions); null: the /api/jobfit routes answer 503.
    const job_fit::Settings* job_fit = nullptr;
    /// Called (on the batch's thread) when a batch POST /api/jobfit started
    /// has opened its cases or stopped.
    std::function<void(const std::string& batch)> jobfit_finished{};
    /// The largest roster CSV POST /api/roster/import takes (`[server]
    /// max_upload_bytes`); a larger body is answered 413.
    std::size_t max_upload_bytes = 8 * 1024 * 1024;
};

/// The body of an error response.
std::string error_body(std::string_view code, std::string_view message, std::string_view field = {});

/// Receives the answer of Api::handle_async.
using Respond = std::function<void(Response)>;

namespace detail {
struct Write;
}

class Api {
public:
    explicit Api(ApiOptions options);
    /// Answers `request`, waiting for a write's commit (Engine::submit).
    Response handle(const Request& request);
    /// Answers `request` without blocking on a write: a write route's command
    /// goes through alur::async_submit and `respond` runs on `executor` once
    /// its commit is durable (or it was refused); any other route calls
    /// `respond` before handle_async returns, on the calling thread.
    void handle_async(const Request& request, boost::asio::any_io_executor executor, Respond respond);

    /// The largest body the route of `method` `target` accepts; 0 for the
    /// server's default (Server::Options::body_limit). Read by the server
    /// once it has the request's headers.
    std::size_t body_limit(std::string_view method, std::string_view target) const;

    /// Every route the API answers, with its description (/openapi.json).
    const detail::Routes& routes() const { return *routes_; }

    ~Api();

private:
    /// A response, or for a write route the command to submit.
    using Routed = std::variant<Response, detail::Write>;
    /// `caller` is set to the caller's name once authenticated.
    Routed route(const Request& request, std::string& caller);
    /// The caller of a request that needs signing in, or the 401 to answer.
    /// The caller (its token) and the signed-in user's unit (empty: every unit, or a token).
    struct Authenticated {
        Token token;
        std::string unit;
    };
    std::variant<Authenticated, Response> authenticate(const Request& request);
    /// The routes the Api answers itself: healthz, readyz, metrics, the verify jobs.
    void add_own_routes();
    Response handle_blocking(const Request& request, std::string& caller);
    /// Whether the request's route is marked slow (answered on slow_pool_).
    bool is_slow(const Request& request) const;
    Routed route_guarded(const Request& request, std::string& caller);
    /// A write's answer once its commit is known, with the metrics and after_write.
    Response finish(const detail::Write& write, Result<Outcome> outcome,
                    std::chrono::steady_clock::time_point started);
    /// Timers pending and outbox backlog, read at most every 10 s.
    std::pair<std::int64_t, std::int64_t> gauges();
    /// Reads the database (a real query): the schema version it stores
    /// (nullopt without ApiOptions::stats, which reads it), or what failed.
    Result<std::optional<int>> database_check(Engine& engine);
    /// The /metrics text read from the journal's file (ApiOptions::stats), at most every 5 s.
    std::string store_metrics();
    /// What every answer gets before it leaves: the security headers, X-Request-Id, the access line.
    struct Access;
    void answered(const Access& access, Response& r);

    ApiOptions options_;
    std::mutex gauge_mutex_;
    std::chrono::steady_clock::time_point gauges_at_{};
    bool gauges_read_ = false;
    std::pair<std::int64_t, std::int64_t> gauges_{0, 0};
    std::mutex store_mutex_;
    std::chrono::steady_clock::time_point store_at_{};
    std::string store_text_;  ///< guarded by store_mutex_; empty: not read yet
    std::int64_t store_second_ = 0;   ///< the engine clock's second it was read at
    std::int64_t store_version_ = -1; ///< the file's data_version it was read at
    std::shared_ptr<detail::VerifyJobs> verify_jobs_;  ///< GET /api/audit/verify (verify_job.cpp)
    std::shared_ptr<detail::Sessions> sessions_;       ///< the web page's sessions (sessions.cpp)
    std::unique_ptr<detail::Routes> routes_;  ///< every route (routes.hpp)
    /// Where handle_async answers the slow routes (Route::slow), two at a
    /// time (a scrypt hash takes 128 MiB). Last: destroyed (joined) first.
    std::unique_ptr<boost::asio::thread_pool> slow_pool_;
};

}  // namespace alur::http
