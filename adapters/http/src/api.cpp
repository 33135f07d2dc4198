// The API's router and handlers: plain C++ over the engine, no Beast here.
//
//   GET  /healthz, /metrics                      (no token)
//   GET  /api/cases, /api/cases/{id}, /api/cases/{id}/history
//   POST /api/cases, /api/cases/{id}/events
//   GET  /api/workflows, /api/workflows/{name}, /api/audit/verify (auditor)
#include "alur/http/api.hpp"

#include "alur/engine/audit.hpp"
#include "alur/engine/event.hpp"
#include "alur/engine/json.hpp"
#include "nip.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <map>

namespace alur::http {
namespace json = boost::json;

std::string error_body(std::string_view code, std::string_view message, std::string_view field) {
    json::object e{{"code", code}, {"message", message}};
    if (!field.empty()) e["field"] = field;
    return json::serialize(json::object{{"error", std::move(e)}});
}

namespace {

using Query = std::map<std::string, std::string, std::less<>>;

Response reply(int status, const json::value& body) { return {status, "application/json", json::serialize(body), {}}; }

Response fail(int status, std::string_view code, std::string_view message, std::string_view field = {}) {
    return {status, "application/json", error_body(code, message, field), {}};
}

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

Response fail(const Error& e) { return fail(status_of(e.code), to_string(e.code), e.message, e.field); }

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

json::value parse_or_null(const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value(nullptr) : v;
}

/// A case's JSON with its deadline as seen at `now`.
json::object case_json(const CaseRecord& c, TimePoint now, const DeadlineClock& dc) {
    json::object o{{"id", c.id},
                   {"workflow", c.workflow},
                   {"state", c.state},
                   {"version", c.version},
                   {"data", parse_or_null(c.data)},
                   {"opened_at", format_utc(c.opened_at)},
                   {"updated_at", format_utc(c.updated_at)}};
    if (c.due_at) {
        o["due_at"] = format_utc(*c.due_at);
        o["overdue"] = now >= *c.due_at;
        o["working_days_left"] = working_days_left(*c.due_at, now, dc);
    } else {
        o["due_at"] = nullptr;
        o["overdue"] = false;
        o["working_days_left"] = nullptr;
    }
    return o;
}

json::object event_json(const EventRecord& e) {
    return {{"case_id", e.case_id},         {"seq", e.seq},
            {"global_seq", e.global_seq},   {"name", e.name},
            {"payload", parse_or_null(e.payload)}, {"actor", e.actor},
            {"role", e.role},               {"reason", e.reason},
            {"occurred_at", format_utc(e.occurred_at)}, {"recorded_at", format_utc(e.recorded_at)},
            {"prev_hash", e.prev_hash},     {"hash", e.hash}};
}

std::string unit_of(const CaseRecord& c) {
    auto v = parse_or_null(c.data);
    if (!v.is_object()) return {};
    const auto* official = v.get_object().if_contains("official");
    if (!official || !official->is_object()) return {};
    const auto* unit = official->get_object().if_contains("unit");
    return unit && unit->is_string() ? std::string(unit->get_string()) : std::string();
}

const char* nip_problem_text(cli::NipProblem p) {
    switch (p) {
        case cli::NipProblem::length: return "a NIP has 18 digits";
        case cli::NipProblem::not_digits: return "a NIP has digits only";
        case cli::NipProblem::birth_date: return "digits 1-8 of the NIP are not a real birth date";
        case cli::NipProblem::birth_year: return "the birth year of the NIP is out of range";
        case cli::NipProblem::appointment_month: return "digits 13-14 of the NIP are not a month";
        case cli::NipProblem::appointment_year: return "the NIP's appointment is before the age of 17";
        case cli::NipProblem::appointment_future: return "the NIP's appointment month is in the future";
        case cli::NipProblem::sex: return "digit 15 of the NIP must be 1 or 2";
        case cli::NipProblem::none: break;
    }
    return "invalid NIP";
}

/// The JSON object body of a POST; invalid_input if it is not one.
Result<json::object> body_object(const Request& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    if (ec) return make_error(errc::invalid_input, "the body is not JSON: " + ec.message(), "body");
    if (!v.is_object()) return make_error(errc::invalid_input, "the body must be a JSON object", "body");
    return std::move(v.get_object());
}

Result<std::optional<std::string>> string_field(const json::object& o, std::string_view name) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return std::optional<std::string>{};
    if (!v->is_string()) return make_error(errc::invalid_input, std::string(name) + " must be a string", std::string(name));
    return std::optional<std::string>(std::string(v->get_string()));
}

}  // namespace

Api::Api(ApiOptions options) : options_(std::move(options)) {}

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

Response Api::handle(const Request& request) {
    try {
        return route(request);
    } catch (const ErrorException& e) {
        return fail(e.error());
    } catch (const std::exception& e) {
        return fail(500, "internal", e.what());
    }
}

Response Api::route(const Request& request) {
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
        return {200, "text/plain; version=0.0.4", options_.metrics->render(timers, backlog), {}};
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
    if (path.size() == 2 && path[1] == "cases") {
        if (get) {
            CaseFilter filter;
            if (auto it = query.find("workflow"); it != query.end() && !it->second.empty()) filter.workflow = it->second;
            if (auto it = query.find("state"); it != query.end() && !it->second.empty()) filter.state = it->second;
            if (auto it = query.find("overdue"); it != query.end() && it->second == "true") filter.overdue_at = now;
            std::size_t limit = 50;
            if (auto it = query.find("limit"); it != query.end()) {
                auto r = std::from_chars(it->second.data(), it->second.data() + it->second.size(), limit);
                if (r.ec != std::errc{} || limit == 0 || limit > 1000)
                    return fail(400, "invalid_input", "limit must be 1 to 1000", "limit");
            }
            const std::string sort = query.count("sort") ? query.at("sort") : std::string();
            if (!sort.empty() && sort != "due" && sort != "opened" && sort != "updated" && sort != "id")
                return fail(400, "invalid_input", "sort must be due, opened, updated or id", "sort");
            auto cases = engine.journal().list_cases(filter);
            if (!cases) return fail(cases.error());
            auto& all = *cases;
            if (auto it = query.find("unit"); it != query.end() && !it->second.empty())
                std::erase_if(all, [&](const CaseRecord& c) { return unit_of(c) != it->second; });
            auto by = [&](auto key) {
                std::stable_sort(all.begin(), all.end(), [&](const CaseRecord& a, const CaseRecord& b) {
                    return std::pair(key(a), a.id) < std::pair(key(b), b.id);
                });
            };
            if (sort == "due")
                by([](const CaseRecord& c) { return c.due_at.value_or(TimePoint::max()); });
            else if (sort == "opened")
                by([](const CaseRecord& c) { return c.opened_at; });
            else if (sort == "updated")
                by([](const CaseRecord& c) { return c.updated_at; });
            else if (sort == "id")
                by([](const CaseRecord&) { return 0; });
            std::size_t start = 0;
            if (auto it = query.find("cursor"); it != query.end() && !it->second.empty()) {
                auto at = std::find_if(all.begin(), all.end(), [&](const CaseRecord& c) { return c.id == it->second; });
                if (at == all.end()) return fail(400, "invalid_input", "unknown cursor " + it->second, "cursor");
                start = static_cast<std::size_t>(at - all.begin()) + 1;
            }
            json::array out;
            std::size_t i = start;
            for (; i < all.size() && out.size() < limit; ++i) out.push_back(case_json(all[i], now, dc));
            json::value next = nullptr;
            if (i < all.size() && i > start) next = all[i - 1].id;
            return reply(200, json::object{{"cases", std::move(out)}, {"next_cursor", std::move(next)}});
        }
        if (!post) return wrong_method("GET, POST");
        auto body = body_object(request);
        if (!body) return fail(body.error());
        auto workflow = string_field(*body, "workflow");
        if (!workflow) return fail(workflow.error());
        if (!*workflow) return fail(400, "invalid_input", "workflow is required", "workflow");
        const Workflow* wf = engine.find_workflow(**workflow);
        if (!wf) return fail(400, "invalid_input", "unknown workflow " + **workflow, "workflow");
        Command cmd;
        cmd.workflow = **workflow;
        cmd.actor = token->name;
        cmd.role = token->role;
        cmd.reason = "pembukaan kasus";
        for (const auto& [key, value] : *body) {
            if (key == "workflow") continue;
            if (key == "reason") {
                if (!value.is_string()) return fail(400, "invalid_input", "reason must be a string", "reason");
                cmd.reason = std::string(value.get_string());
            } else if (key == "at") {
                if (!value.is_string()) return fail(400, "invalid_input", "at must be a date-time string", "at");
                auto at = parse_datetime(value.get_string(), dc.timezone);
                if (!at) return fail(400, "invalid_input", at.error().message, "at");
                cmd.occurred_at = *at;
            } else {
                cmd.payload[key] = value;
            }
        }
        if (const auto* nip = cmd.payload.if_contains("nip"); nip && nip->is_string()) {
            const auto check = cli::check_nip(nip->get_string(), local_date(now, dc.timezone));
            if (!check) return fail(400, "invalid_input", nip_problem_text(check.problem), "nip");
        }
        if (!request.idempotency_key.empty()) cmd.idempotency_key = request.idempotency_key;
        const auto started = std::chrono::steady_clock::now();
        auto outcome = engine.submit(cmd);
        if (!outcome) {
            options_.metrics->refusal(to_string(outcome.error().code));
            return fail(outcome.error());
        }
        options_.metrics->commit_latency(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        if (!outcome->replayed) {
            options_.metrics->transition(outcome->projection.workflow, outcome->event.name);
            if (options_.after_write) options_.after_write();
        }
        return reply(201, json::object{{"id", outcome->projection.id},
                                       {"state", outcome->projection.state},
                                       {"version", outcome->projection.version},
                                       {"event", event_json(outcome->event)}});
    }

    // --- /api/cases/{id}[/history|/events] ---------------------------------------
    if (path.size() >= 3 && path.size() <= 4 && path[1] == "cases") {
        const std::string& id = path[2];
        if (path.size() == 3) {
            if (!get) return wrong_method("GET");
            auto view = engine.view(id, token->role);
            if (!view) return fail(view.error());
            auto o = case_json(view->record, now, dc);
            json::array allowed;
            for (const auto& e : view->allowed_events) allowed.push_back(json::string(e));
            o["allowed_events"] = std::move(allowed);
            return reply(200, o);
        }
        if (path[3] == "history") {
            if (!get) return wrong_method("GET");
            auto record = engine.journal().find_case(id);
            if (!record) return fail(record.error());
            auto events = engine.journal().case_events(id);
            if (!events) return fail(events.error());
            json::array out;
            for (const auto& e : *events) out.push_back(event_json(e));
            return reply(200, json::object{{"id", id}, {"events", std::move(out)}});
        }
        if (path[3] == "events") {
            if (!post) return wrong_method("POST");
            auto body = body_object(request);
            if (!body) return fail(body.error());
            auto event = string_field(*body, "event");
            if (!event) return fail(event.error());
            if (!*event || (*event)->empty()) return fail(400, "invalid_input", "event is required", "event");
            auto reason = string_field(*body, "reason");
            if (!reason) return fail(reason.error());
            if (!*reason || (*reason)->empty()) return fail(400, "invalid_input", "reason is required", "reason");
            Command cmd;
            cmd.case_id = id;
            cmd.event = **event;
            cmd.actor = token->name;
            cmd.role = token->role;
            cmd.reason = **reason;
            if (const auto* payload = body->if_contains("payload"); payload && !payload->is_null()) {
                if (!payload->is_object()) return fail(400, "invalid_input", "payload must be an object", "payload");
                cmd.payload = payload->get_object();
            }
            auto at = string_field(*body, "at");
            if (!at) return fail(at.error());
            if (*at) {
                auto when = parse_datetime(**at, dc.timezone);
                if (!when) return fail(400, "invalid_input", when.error().message, "at");
                cmd.occurred_at = *when;
            }
            for (const auto& [key, value] : *body)
                if (key != "event" && key != "reason" && key != "payload" && key != "at")
                    return fail(400, "invalid_input", "unknown field " + std::string(key), std::string(key));
            if (!request.if_match.empty()) {
                std::string_view v = request.if_match;
                if (v.starts_with("W/")) v.remove_prefix(2);
                if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
                std::int64_t version = 0;
                auto r = std::from_chars(v.data(), v.data() + v.size(), version);
                if (r.ec != std::errc{} || r.ptr != v.data() + v.size() || version < 1)
                    return fail(400, "invalid_input", "If-Match must be a case version", "If-Match");
                cmd.expected_version = version;
            }
            if (!request.idempotency_key.empty()) cmd.idempotency_key = request.idempotency_key;
            const auto started = std::chrono::steady_clock::now();
            auto outcome = engine.submit(cmd);
            if (!outcome) {
                options_.metrics->refusal(to_string(outcome.error().code));
                return fail(outcome.error());
            }
            options_.metrics->commit_latency(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
            if (!outcome->replayed) {
                options_.metrics->transition(outcome->projection.workflow, outcome->event.name);
                if (options_.after_write) options_.after_write();
            }
            return reply(200, json::object{{"id", outcome->projection.id},
                                           {"state_before", outcome->state_before},
                                           {"state", outcome->projection.state},
                                           {"version", outcome->projection.version},
                                           {"data", parse_or_null(outcome->projection.data)},
                                           {"event", event_json(outcome->event)}});
        }
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

    // --- /api/audit/verify --------------------------------------------------------
    if (path.size() == 3 && path[1] == "audit" && path[2] == "verify") {
        if (!get) return wrong_method("GET");
        if (token->role != "auditor")
            return fail(403, "forbidden", "only the auditor role may verify the journal (this token: " + token->role + ")");
        audit::VerifyOptions vo;
        if (auto it = query.find("case"); it != query.end() && !it->second.empty()) vo.case_id = it->second;
        auto report = audit::verify(engine, vo);
        if (!report) return fail(report.error());
        json::object o{{"ok", report->ok()},
                       {"events", report->events},
                       {"cases", report->cases},
                       {"chain_ms", report->chain_time.count()},
                       {"replay_ms", report->replay_time.count()}};
        if (report->problem)
            o["problem"] = json::object{{"global_seq", report->problem->global_seq},
                                        {"case_id", report->problem->case_id},
                                        {"field", report->problem->field},
                                        {"what", report->problem->what}};
        else
            o["problem"] = nullptr;
        return reply(200, o);
    }

    return fail(404, "not_found", "no such route: " + std::string(target));
}

}  // namespace alur::http
