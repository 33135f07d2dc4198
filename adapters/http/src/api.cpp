// The API's router: authentication, /healthz, /metrics, workflows and audit;
// the /api/cases handlers are in cases.cpp. Plain C++, no Beast here.
//
//   GET  /, /app.js, /app.css                   (the web page; no token)
//   GET  /healthz, /metrics                      (no token)
//   GET  /api/cases, /api/cases/{id}, /api/cases/{id}/history
//   POST /api/cases, /api/cases/{id}/events
//   GET  /api/workflows, /api/workflows/{name}
//   GET  /api/audit/verify, /api/audit/verify/jobs/{id} (auditor; verify_job.cpp)
//   GET  /api/refusals?case=&since=&limit=        (auditor or admin)
#include "alur/http/api.hpp"

#include "api_detail.hpp"
#include "jobfit_job.hpp"
#include "personnel_routes.hpp"
#include "verify_job.hpp"
#include "web_assets.hpp"

#include "alur/engine/async.hpp"
#include "alur/engine/event.hpp"
#include "alur/engine/json.hpp"

#include "alur/engine/text.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <map>

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

Response fail(const Error& e) { return fail(status_of(e.code), to_string(e.code), e.message, e.field); }

}  // namespace detail

namespace {

using detail::fail;
using detail::reply;
using detail::Query;

std::string decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()) {
            int v = 0;
            auto r = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
            if (r.ec == std::errc{} && r.ptr == s.data() + i + 3) {
                out += static_cast<char>(v);
                i += 2;
            } else {
                out += s[i];
            }
        } else {
            out += s[i];
        }
    }
    return out;
}

Query parse_query(std::string_view q) {
    Query out;
    while (!q.empty()) {
        const auto amp = q.find('&');
        const auto part = q.substr(0, amp);
        const auto eq = part.find('=');
        if (!part.empty())
            out[decode(part.substr(0, eq))] = eq == std::string_view::npos ? std::string() : decode(part.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
    }
    return out;
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        out.push_back(decode(path.substr(0, slash)));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return out;
}

}  // namespace

Api::Api(ApiOptions options)
    : options_(std::move(options)),
      verify_jobs_(std::make_shared<detail::VerifyJobs>(*options_.engine, *options_.tokens, options_.verify_finished)),
      jobfit_jobs_(std::make_shared<detail::JobfitJobs>()) {}

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

Api::Routed Api::route_guarded(const Request& request) {
    try {
        return route(request);
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
    auto routed = route_guarded(request);
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

void Api::handle_async(const Request& request, boost::asio::any_io_executor executor, Respond respond) {
    auto routed = route_guarded(request);
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

Api::Routed Api::route(const Request& request) {
    const std::string_view target = request.target;
    const auto qmark = target.find('?');
    const auto path = split_path(target.substr(0, qmark));
    const Query query = qmark == std::string_view::npos ? Query{} : parse_query(target.substr(qmark + 1));
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    auto wrong_method = [](const char* allow) {
        auto r = fail(405, "method_not_allowed", std::string("allowed: ") + allow);
        r.allow = allow;
        return r;
    };
    Engine& engine = *options_.engine;

    if (path.size() == 1 && path[0] == "healthz") {
        if (!get) return wrong_method("GET");
        return reply(200, json::object{{"status", "ok"}});
    }
    if (path.size() == 1 && path[0] == "metrics") {
        if (!get) return wrong_method("GET");
        const auto [timers, backlog] = gauges();
        return Response{200, "text/plain; version=0.0.4",
                        options_.metrics->render(timers, backlog, engine.queue_depth()), {}, {}};
    }
    // The web page: its files are compiled in; the browser revalidates them on
    // each load, so a new binary's page is seen at once.
    if (path.empty() || (path.size() == 1 && path[0] != "api")) {
        const std::string page = path.empty() || path[0] == "index.html" ? "/" : "/" + path[0];
        if (const auto* asset = detail::find_web_asset(page)) {
            if (!get) return wrong_method("GET");
            return Response{200, std::string(asset->content_type), std::string(asset->body), {}, "no-cache"};
        }
    }
    if (path.empty() || path[0] != "api") return fail(404, "not_found", "no such route: " + std::string(target));

    // Every /api route needs a valid, unrevoked token.
    constexpr std::string_view bearer = "Bearer ";
    if (!request.authorization.starts_with(bearer))
        return fail(401, "unauthorized", "an Authorization: Bearer <token> header is required");
    auto token = options_.tokens->find_by_hash(sha256_hex(request.authorization.substr(bearer.size())));
    if (!token) {
        if (token.error().code != errc::not_found) return fail(token.error());
        return fail(401, "unauthorized", "unknown or revoked token");
    }
    const TimePoint now = engine.clock().now();
    const auto& dc = options_.deadline_clock;

    // --- /api/cases ------------------------------------------------------------
    const detail::Call call{engine, *options_.metrics, dc, options_.after_write, *token, request, query, now, options_};
    if (path.size() == 2 && path[1] == "cases") {
        if (get) return detail::list_cases(call);
        if (!post) return wrong_method("GET, POST");
        return detail::open_case(call);
    }
    if (path.size() == 3 && path[1] == "cases") {
        if (!get) return wrong_method("GET");
        return detail::show_case(call, path[2]);
    }
    if (path.size() == 4 && path[1] == "cases" && path[3] == "linked") {
        if (!get) return wrong_method("GET");
        return detail::case_linked(call, path[2]);
    }
    if (path.size() == 4 && path[1] == "cases" && path[3] == "history") {
        if (!get) return wrong_method("GET");
        return detail::case_history(call, path[2]);
    }
    if (path.size() == 4 && path[1] == "cases" && path[3] == "events") {
        if (!post) return wrong_method("POST");
        return detail::submit_event(call, path[2]);
    }

    // --- /api/workflows[/{name}] ---------------------------------------------------
    if (path.size() == 2 && path[1] == "workflows") {
        if (!get) return wrong_method("GET");
        json::array out;
        for (const auto& w : engine.workflows())
            out.push_back(json::object{{"name", w->name()}, {"case_prefix", w->case_prefix()}, {"open_event", w->open_event()}});
        return reply(200, json::object{{"workflows", std::move(out)}});
    }
    if (path.size() == 3 && path[1] == "workflows") {
        if (!get) return wrong_method("GET");
        const Workflow* w = engine.find_workflow(path[2]);
        if (!w) return fail(404, "not_found", "no workflow named " + path[2]);
        json::array states, finals, events, transitions;
        for (const auto& s : w->states()) states.push_back(json::string(s));
        for (const auto& s : w->final_states()) finals.push_back(json::string(s));
        for (const auto& e : w->events()) {
            json::array fields, roles;
            for (const auto& f : e.fields) {
                json::object fo{{"name", f.name}, {"type", to_string(f.type)}, {"required", f.required},
                                {"derived", f.derived}, {"help", f.help}};
                if (!f.choices.empty()) {
                    json::array choices;
                    for (const auto& c : f.choices) choices.push_back(json::string(c));
                    fo["choices"] = std::move(choices);
                }
                if (f.bounded) {
                    fo["min"] = f.min;
                    fo["max"] = f.max;
                }
                fields.push_back(std::move(fo));
            }
            for (const auto& r : e.roles) roles.push_back(json::string(r));
            events.push_back(json::object{{"name", e.name}, {"help", e.help}, {"roles", std::move(roles)},
                                          {"fields", std::move(fields)}});
        }
        for (const auto& t : w->transitions())
            transitions.push_back(json::object{
                {"from", t.from}, {"event", t.event}, {"to", t.to}, {"guard", t.guard}, {"internal", t.internal}});
        return reply(200, json::object{{"name", w->name()},
                                       {"case_prefix", w->case_prefix()},
                                       {"open_event", w->open_event()},
                                       {"states", std::move(states)},
                                       {"final_states", std::move(finals)},
                                       {"events", std::move(events)},
                                       {"transitions", std::move(transitions)},
                                       {"mermaid", to_mermaid(*w)}});
    }

    // --- /api/audit/verify: a background job (verify_job.cpp) ---------------------
    if (path.size() >= 3 && path[1] == "audit" && path[2] == "verify") {
        if (!get) return wrong_method("GET");
        return verify_jobs_->handle(*token, path, query);
    }

    // --- /api/roster, /api/jobfit (roster_routes.cpp, jobfit_routes.cpp) -----------
    if (path.size() == 2 && path[1] == "roster") {
        if (!get) return wrong_method("GET");
        return detail::list_roster(call);
    }
    if (path.size() == 3 && path[1] == "roster" && path[2] == "import") {
        if (!post) return wrong_method("POST");
        return detail::import_roster(call);
    }
    if (path.size() == 2 && path[1] == "jobfit") {
        if (get) return detail::list_jobfit(call, *jobfit_jobs_);
        if (!post) return wrong_method("GET, POST");
        return detail::start_jobfit(call, *jobfit_jobs_);
    }
    if (path.size() == 3 && path[1] == "jobfit") {
        if (!get) return wrong_method("GET");
        return detail::show_jobfit(call, *jobfit_jobs_, path[2]);
    }

    // --- /api/refusals -------------------------------------------------------------
    if (path.size() == 2 && path[1] == "refusals") {
        if (!get) return wrong_method("GET");
        return detail::list_refusals(call);
    }

    return fail(404, "not_found", "no such route: " + std::string(target));
}

}  // namespace alur::http
