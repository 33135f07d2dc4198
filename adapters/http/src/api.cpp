// The API's router: the web page's files, then the route table (routes.hpp):
// match, authenticate, check the route's roles, call its handler. The
// routes themselves are registered by each area (cases.cpp,
// workflow_routes.cpp, ...); the Api registers /healthz, /readyz, /metrics
// and the verify jobs itself. Every answer leaves through answered(): the
// security headers, X-Request-Id and one access line on the logger (path
// with the query's keys only: its values may hold a search for a person's
// name or a secret). Plain C++, no Beast here.
#include "alur/http/api.hpp"

#include "api_detail.hpp"
#include "auth_routes.hpp"
#include "catalog.hpp"
#include "openapi.hpp"
#include "routes.hpp"
#include "sessions.hpp"
#include "verify_job.hpp"
#include "web_assets.hpp"

#include "alur/engine/async.hpp"
#include "alur/engine/event.hpp"
#include "alur/engine/json.hpp"

#include "alur/engine/text.hpp"
#include "alur/logging/logging.hpp"
#include "alur/sqlite/stats.hpp"
#include "metrics_store.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <spdlog/logger.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <random>

namespace alur::http {
namespace json = boost::json;

namespace {

/// A message or field may quote what the client sent (a path, a field name)
/// byte for byte; bytes that are not UTF-8 are shown escaped (\xff), so the
/// answer stays valid JSON.
std::string as_utf8(std::string_view text) { return is_valid_utf8(text) ? std::string(text) : escape_controls(text); }

}  // namespace

std::string error_body(std::string_view code, std::string_view message, std::string_view field) {
    json::object e{{"code", as_utf8(code)}, {"message", as_utf8(message)}};
    if (!field.empty()) e["field"] = as_utf8(field);
    return json::serialize(json::object{{"error", std::move(e)}});
}

namespace {

int status_of(errc code) {
    switch (code) {
        case errc::invalid_input: return 400;
        case errc::forbidden: return 403;
        case errc::not_found: return 404;
        case errc::conflict: return 409;
        case errc::refused: return 422;
        case errc::busy: return 503;
        default: return 500;
    }
}

}  // namespace

namespace detail {

Response reply(int status, const json::value& body) { return {status, "application/json", json::serialize(body), {}, {}}; }

Response fail(int status, std::string_view code, std::string_view message, std::string_view field) {
    return {status, "application/json", error_body(code, message, field), {}, {}};
}

/// A refused or forbidden event also says, structured, what was refused
/// where and by which rule (catalog.hpp): {"error": {"code", "message",
/// "field"?, "refusal"?}}.
Response fail(const Error& e) {
    auto refusal = explained_refusal_json(e);
    if (!refusal) return fail(status_of(e.code), to_string(e.code), e.message, e.field);
    json::object body{{"code", to_string(e.code)}, {"message", as_utf8(e.message)}};
    if (!e.field.empty()) body["field"] = as_utf8(e.field);
    body["refusal"] = std::move(*refusal);
    return reply(status_of(e.code), json::object{{"error", std::move(body)}});
}

}  // namespace detail

namespace {

using detail::fail;
using detail::reply;
using detail::Query;

Query parse_query(std::string_view q) {
    Query out;
    while (!q.empty()) {
        const auto amp = q.find('&');
        const auto part = q.substr(0, amp);
        const auto eq = part.find('=');
        if (!part.empty())
            out[detail::url_decode(part.substr(0, eq))] =
                eq == std::string_view::npos ? std::string() : detail::url_decode(part.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
    }
    return out;
}

/// The headers every answer carries: the page's files and the API alike
/// (a strict CSP: the page loads only its own script and style, no inline
/// code, and is never framed).
void add_security_headers(Response& r) {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
}

/// An X-Request-Id a client (or a proxy) sent is kept when it is 1 to 128
/// characters of letters, digits and . _ : -.
bool sane_request_id(std::string_view id) {
    if (id.empty() || id.size() > 128) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == ':' || c == '-';
    });
}

/// 128 random bits as 32 hex digits.
std::string new_request_id() {
    thread_local std::mt19937_64 random{[] {
        std::random_device device;
        return (static_cast<std::uint64_t>(device()) << 32) ^ device();
    }()};
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    return buf;
}

/// The path of `target` with the query's keys and without their values
/// ("/api/cases?q&state"): a value may be a person's name searched for or a
/// secret, which have no place in a log.
std::string loggable_target(std::string_view target) {
    const auto qmark = target.find('?');
    std::string out(target.substr(0, qmark));
    if (qmark == std::string_view::npos) return out;
    std::string_view q = target.substr(qmark + 1);
    char sep = '?';
    while (!q.empty()) {
        const auto amp = q.find('&');
        const auto part = q.substr(0, amp);
        if (!part.empty()) {
            out += sep;
            out += part.substr(0, part.find('='));
            sep = '&';
        }
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
    }
    return out;
}

}  // namespace

/// One request, from its arrival to its answer: what its access line says.
struct Api::Access {
    std::string id;
    std::string method;
    std::string target;
    std::string peer;
    std::string caller;  ///< the caller's name once authenticated; empty: none
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    explicit Access(const Request& r)
        : id(sane_request_id(r.request_id) ? r.request_id : new_request_id()), method(r.method), target(r.target),
          peer(r.peer) {}
};

void Api::answered(const Access& a, Response& r) {
    add_security_headers(r);
    r.headers.emplace_back("X-Request-Id", a.id);
    options_.metrics->http_request(r.status);
    if (!options_.logger) return;
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a.started).count();
    const std::string path = loggable_target(a.target);
    const std::string user = a.caller.empty() ? "-" : a.caller;
    char latency[32];
    std::snprintf(latency, sizeof latency, "%.1f", ms);
    logging::log_fields(*options_.logger, r.status >= 500 ? spdlog::level::warn : spdlog::level::info,
                        a.method + " " + path + " " + std::to_string(r.status) + " " + latency + " ms user=" + user +
                            " peer=" + (a.peer.empty() ? "-" : a.peer) + " request_id=" + a.id,
                        {{"method", a.method},
                         {"path", path},
                         {"status", std::int64_t{r.status}},
                         {"latency_ms", static_cast<double>(static_cast<std::int64_t>(ms * 10)) / 10},
                         {"user", user},
                         {"peer", a.peer.empty() ? "-" : a.peer},
                         {"request_id", a.id}});
}

Api::Api(ApiOptions options)
    : options_(std::move(options)),
      verify_jobs_(std::make_shared<detail::VerifyJobs>(*options_.engine, *options_.tokens, options_.verify_finished,
                                                        options_.users, options_.metrics)),
      sessions_(std::make_shared<detail::Sessions>(options_.sessions)),
      routes_(std::make_unique<detail::Routes>()),
      slow_pool_(std::make_unique<boost::asio::thread_pool>(2)) {
    add_own_routes();
    detail::add_auth_routes(*routes_, sessions_);
    detail::add_case_routes(*routes_);
    detail::add_service_routes(*routes_);
    detail::add_roster_routes(*routes_, options_.max_upload_bytes);
    detail::add_jobfit_routes(*routes_);
    detail::add_catalog_routes(*routes_);
    detail::add_selection_routes(*routes_);
    detail::add_export_routes(*routes_);
    detail::add_task_routes(*routes_);
    detail::add_docs_routes(*routes_);  // openapi.cpp: /openapi.json, /api/docs, diagram.svg
}

Api::~Api() = default;

std::size_t Api::body_limit(std::string_view method, std::string_view target) const {
    const auto m = routes_->match(method, detail::split_path(target.substr(0, target.find('?'))));
    return m.route ? m.route->body_limit : 0;
}

void Api::add_own_routes() {
    using detail::Call;
    using detail::PathArgs;
    using detail::Write;
    routes_->add({.method = "GET",
                  .pattern = "/healthz",
                  .summary = "Liveness: answers 200 while the server runs and can read its database",
                  .description = "Reads the database (the schema version stored in it; without the file's "
                                 "reader, the pending timers): 200 {\"status\": \"ok\", \"database\": \"ok\", "
                                 "\"schema_version\"}, or 503 {\"status\": \"unavailable\", \"database\": what "
                                 "failed} when the read fails.",
                  .open = true,
                  .response_body = R"({"type":"object","properties":{"status":{"type":"string","enum":["ok","unavailable"]},)"
                                   R"("database":{"type":"string"},"schema_version":{"type":["integer","null"]}}})",
                  .errors = {503},
                  .tag = "service",
                  .handler = [this](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                      auto read = database_check(call.engine);
                      if (!read)
                          return reply(503, json::object{{"status", "unavailable"},
                                                         {"database", read.error().message},
                                                         {"schema_version", nullptr}});
                      return reply(200, json::object{{"status", "ok"}, {"database", "ok"},
                                                     {"schema_version", *read ? json::value(**read) : json::value(nullptr)}});
                  }});
    routes_->add({.method = "GET",
                  .pattern = "/readyz",
                  .summary = "Readiness: the database can be read and the timers and the delivery of notices run",
                  .description = "200 {\"ready\": true, \"parts\": {\"database\", \"timers\", \"delivery\": "
                                 "{\"ready\", \"detail\"}}}; 503 with \"ready\": false and \"not_ready\": the "
                                 "parts that are not (the timer service has stopped or not beaten for a while, a "
                                 "delivery round hangs, the database cannot be read).",
                  .open = true,
                  .response_body = R"({"type":"object","properties":{"ready":{"type":"boolean"},)"
                                   R"("not_ready":{"type":"array","items":{"type":"string"}},)"
                                   R"("parts":{"type":"object","additionalProperties":{"type":"object","properties":{)"
                                   R"("ready":{"type":"boolean"},"detail":{"type":"string"}}}}}})",
                  .errors = {503},
                  .tag = "service",
                  .handler = [this](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                      std::vector<ReadyPart> parts;
                      auto read = database_check(call.engine);
                      parts.push_back({"database", read.has_value(), read ? "readable" : read.error().message});
                      if (options_.readiness) {
                          for (auto& p : options_.readiness()) parts.push_back(std::move(p));
                      } else {
                          parts.push_back({"timers", false, "not run by this server"});
                          parts.push_back({"delivery", false, "not run by this server"});
                      }
                      json::object by_name;
                      json::array not_ready;
                      for (const auto& p : parts) {
                          by_name[p.name] = json::object{{"ready", p.ready}, {"detail", p.detail}};
                          if (!p.ready) not_ready.push_back(json::value(p.name));
                      }
                      const bool ready = not_ready.empty();
                      return reply(ready ? 200 : 503, json::object{{"ready", ready},
                                                                   {"not_ready", std::move(not_ready)},
                                                                   {"parts", std::move(by_name)}});
                  }});
    routes_->add({.method = "GET",
                  .pattern = "/metrics",
                  .summary = "Prometheus metrics (text exposition format 0.0.4)",
                  .open = true,
                  .response_body = R"({"type":"string"})",
                  .response_media = "text/plain",
                  .tag = "service",
                  .handler = [this](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                      const auto [timers, backlog] = gauges();
                      return Response{200, "text/plain; version=0.0.4",
                                      options_.metrics->render(timers, backlog, call.engine.queue_depth()) +
                                          store_metrics() + detail::build_info_text(),
                                      {}, {}};
                  }});
    const char* job_schema = R"({"type":"object","properties":{"job":{"type":"object","properties":{
        "id":{"type":"integer"},"status":{"type":"string"},"case":{"type":["string","null"]},
        "started_at":{"type":"string","format":"date-time"}}}}})";
    routes_->add({.method = "GET",
                  .pattern = "/api/audit/verify",
                  .summary = "Start a verify of the journal (or one case) in the background",
                  .description = "Answers 202 with the job at once; poll /api/audit/verify/jobs/{id}.",
                  .roles = {"auditor"},
                  .params = {{"case", "query", "string", false, "verify only this case"}},
                  .response_body = job_schema,
                  .success = 202,
                  .errors = {401, 403, 404},
                  .tag = "audit",
                  .handler = [this](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                      return verify_jobs_->handle(call.token, {"api", "audit", "verify"}, call.query);
                  }});
    routes_->add({.method = "GET",
                  .pattern = "/api/audit/verify/jobs/{id}",
                  .summary = "A verify job's status and, once done, its result",
                  .roles = {"auditor"},
                  .params = {{"id", "path", "integer", true, "the job's id"}},
                  .response_body = job_schema,
                  .errors = {401, 403, 404},
                  .tag = "audit",
                  .handler = [this](const Call& call, const PathArgs& args) -> std::variant<Response, Write> {
                      return verify_jobs_->handle(call.token, {"api", "audit", "verify", "jobs", args.at("id")},
                                                  call.query);
                  }});
}

std::pair<std::int64_t, std::int64_t> Api::gauges() {
    std::lock_guard lock(gauge_mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (gauges_read_ && now - gauges_at_ < std::chrono::seconds(10)) return gauges_;
    auto& journal = options_.engine->journal();
    if (auto n = journal.timer_count()) gauges_.first = *n;
    if (auto pending = journal.pending_notices(options_.engine->clock().now(), 0))
        gauges_.second = static_cast<std::int64_t>(pending->size());
    gauges_at_ = now;
    gauges_read_ = true;
    return gauges_;
}

Result<std::optional<int>> Api::database_check(Engine& engine) {
    if (options_.stats) {
        auto version = options_.stats->schema_version();
        if (!version) return version.error();
        return std::optional<int>(static_cast<int>(*version));
    }
    auto timers = engine.journal().timer_count();
    if (!timers) return timers.error();
    return std::optional<int>{};
}

std::string Api::store_metrics() {
    if (!options_.stats) return {};
    // Read again once anything was committed (by any process), a second of
    // the engine's clock has passed (overdue counts move with it) or 5 s.
    std::lock_guard lock(store_mutex_);
    const auto now = std::chrono::steady_clock::now();
    const TimePoint at = options_.engine->clock().now();
    const auto second = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
    const auto version = options_.stats->data_version();
    if (!store_text_.empty() && version && *version == store_version_ && second == store_second_ &&
        now - store_at_ < std::chrono::seconds(5))
        return store_text_;
    auto stats = options_.stats->read(at);
    std::string text = "# HELP alur_journal_readable 1 if the journal's file was read for these metrics, else 0.\n"
                       "# TYPE alur_journal_readable gauge\n";
    if (!stats) {
        if (options_.logger) options_.logger->warn("metrics: {}", stats.error().message);
        return text + "alur_journal_readable 0\n";  // not cached: the next scrape tries again
    }
    store_text_ = text + "alur_journal_readable 1\n" + detail::store_metrics_text(*stats);
    store_at_ = now;
    store_second_ = second;
    store_version_ = version ? *version : -1;
    return store_text_;
}

Api::Routed Api::route_guarded(const Request& request, std::string& caller) {
    try {
        return route(request, caller);
    } catch (const ErrorException& e) {
        return fail(e.error());
    } catch (const std::exception& e) {
        return fail(500, "internal", e.what());
    }
}

Response Api::finish(const detail::Write& write, Result<Outcome> outcome,
                     std::chrono::steady_clock::time_point started) {
    try {
        Metrics& metrics = *options_.metrics;
        if (!outcome) {
            metrics.refusal(to_string(outcome.error().code));
            if (options_.logger)
                options_.logger->info("command refused: {} on {} by {} ({}): {}",
                                      write.command.event.empty() ? "open" : write.command.event,
                                      write.command.case_id.empty() ? write.command.workflow : write.command.case_id,
                                      escape_controls(write.command.actor), to_string(outcome.error().code),
                                      escape_controls(outcome.error().message));
            return fail(outcome.error());
        }
        metrics.commit_latency(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        if (!outcome->replayed) {
            metrics.transition(outcome->projection.workflow, outcome->event.name);
            if (options_.after_write) options_.after_write();
        }
        return write.answer(*outcome);
    } catch (const std::exception& e) {
        return fail(500, "internal", e.what());
    }
}

Response Api::handle(const Request& request) {
    Access access(request);
    Response r = handle_blocking(request, access.caller);
    answered(access, r);
    return r;
}

Response Api::handle_blocking(const Request& request, std::string& caller) {
    auto routed = route_guarded(request, caller);
    auto* write = std::get_if<detail::Write>(&routed);
    if (!write) return std::get<Response>(std::move(routed));
    const auto started = std::chrono::steady_clock::now();
    Result<Outcome> outcome = make_error(errc::io, "not submitted");
    try {
        outcome = options_.engine->submit(write->command);
    } catch (const std::exception& e) {
        return fail(500, "internal", e.what());
    }
    return finish(*write, std::move(outcome), started);
}

bool Api::is_slow(const Request& request) const {
    const std::string_view target = request.target;
    const auto m = routes_->match(request.method, detail::split_path(target.substr(0, target.find('?'))));
    return m.route && m.route->slow;
}

void Api::handle_async(const Request& request, boost::asio::any_io_executor executor, Respond respond_plain) {
    auto access = std::make_shared<Access>(request);
    auto respond = [this, access, respond_plain = std::move(respond_plain)](Response r) {
        answered(*access, r);
        respond_plain(std::move(r));
    };
    // A slow route (a password hash, a CSV import) is answered on the API's
    // own workers, so the connection's thread goes on serving others.
    if (is_slow(request)) {
        boost::asio::post(*slow_pool_, [this, request, access, executor, respond = std::move(respond)]() mutable {
            Response r = handle_blocking(request, access->caller);
            boost::asio::dispatch(executor, [r = std::move(r), respond = std::move(respond)]() mutable {
                respond(std::move(r));
            });
        });
        return;
    }
    auto routed = route_guarded(request, access->caller);
    auto* routed_write = std::get_if<detail::Write>(&routed);
    if (!routed_write) return respond(std::get<Response>(std::move(routed)));
    const auto started = std::chrono::steady_clock::now();
    auto write = std::make_shared<detail::Write>(std::move(*routed_write));
    Command command = std::move(write->command);
    try {
        async_submit(*options_.engine, std::move(command),
                     boost::asio::bind_executor(executor, [this, write, started, respond](Result<Outcome> outcome) {
                         respond(finish(*write, std::move(outcome), started));
                     }));
    } catch (const std::exception& e) {  // nothing was queued: answer here
        respond(fail(500, "internal", e.what()));
    }
}

// A Bearer token as before, else the web page's session cookie, with the
// CSRF check of a write made with it (auth_routes.cpp).
std::variant<Api::Authenticated, Response> Api::authenticate(const Request& request) {
    auto who = detail::authenticate(options_, *sessions_, request, options_.engine->clock().now());
    if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
    auto& caller = std::get<detail::Caller>(who);
    return Authenticated{std::move(caller.token), std::move(caller.unit)};
}

Api::Routed Api::route(const Request& request, std::string& caller_name) {
    const std::string_view target = request.target;
    const auto qmark = target.find('?');
    const auto path = detail::split_path(target.substr(0, qmark));
    const Query query = qmark == std::string_view::npos ? Query{} : parse_query(target.substr(qmark + 1));
    Engine& engine = *options_.engine;

    // The web page: its files are compiled in; the browser revalidates them on
    // each load, so a new binary's page is seen at once.
    if (path.empty() || (path.size() == 1 && path[0] != "api")) {
        const std::string page = path.empty() || path[0] == "index.html" ? "/" : "/" + path[0];
        if (const auto* asset = detail::find_web_asset(page)) {
            if (request.method != "GET") {
                auto r = fail(405, "method_not_allowed", "allowed: GET");
                r.allow = "GET";
                return r;
            }
            return Response{200, std::string(asset->content_type), std::string(asset->body), {}, "no-cache"};
        }
    }

    const auto match = routes_->match(request.method, path);
    if (!match.route) {
        // Under /api, a caller who is not signed in learns nothing: 401 as for a route.
        if (!path.empty() && path[0] == "api") {
            auto who = authenticate(request);
            if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
        }
        if (match.allow.empty()) return fail(404, "not_found", "no such route: " + std::string(target));
        auto r = fail(405, "method_not_allowed", "allowed: " + match.allow);
        r.allow = match.allow;
        return r;
    }
    const detail::Route& route = *match.route;

    Token caller;
    std::string unit;
    if (!route.open) {
        auto who = authenticate(request);
        if (auto* refused = std::get_if<Response>(&who)) return std::move(*refused);
        auto& authenticated = std::get<Authenticated>(who);
        caller = std::move(authenticated.token);
        unit = std::move(authenticated.unit);
        caller_name = caller.name;
        if (!route.roles.empty() && std::find(route.roles.begin(), route.roles.end(), caller.role) == route.roles.end()) {
            std::string roles;
            for (std::size_t i = 0; i < route.roles.size(); ++i)
                roles += (i == 0 ? "" : i + 1 == route.roles.size() ? " and " : ", ") + route.roles[i];
            if (options_.logger)
                options_.logger->warn("forbidden: {} {} for {} (role {}; the route is for {})", route.method,
                                      route.pattern, escape_controls(caller.name), caller.role, roles);
            return fail(403, "forbidden", route.method + " " + route.pattern + " is for the " + roles + " role" +
                                              (route.roles.size() > 1 ? "s" : "") + " (this caller: " + caller.role + ")");
        }
    }
    const detail::Call call{engine,  *options_.metrics, options_.deadline_clock, options_.after_write, caller,
                            request, query,             engine.clock().now(),    options_, unit};
    return route.handler(call, match.args);
}

}  // namespace alur::http
