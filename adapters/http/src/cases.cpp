// The handlers of /api/cases: list (with search and total), open, show, linked,
// history (with corrections), and events (advance).
// Plain C++ over the engine; the router (api.cpp) has authenticated the caller.
#include "routes.hpp"

#include "alur/engine/case_list.hpp"
#include "alur/engine/corrections.hpp"
#include "alur/engine/event.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>

namespace alur::http::detail {
namespace json = boost::json;

namespace {

json::value parse_or_null(const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value(nullptr) : v;
}

json::object event_json(const EventRecord& e) {
    return {{"case_id", e.case_id},         {"seq", e.seq},
            {"global_seq", e.global_seq},   {"name", e.name},
            {"payload", parse_or_null(e.payload)}, {"actor", e.actor},
            {"role", e.role},               {"reason", e.reason},
            {"recorded_by", e.recorded_by},
            {"occurred_at", format_utc(e.occurred_at)}, {"recorded_at", format_utc(e.recorded_at)},
            {"prev_hash", e.prev_hash},     {"hash", e.hash}};
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

json::object case_json(const CaseRecord& c, TimePoint now, const DeadlineClock& dc) {
    json::object o{{"id", c.id},
                   {"workflow", c.workflow},
                   {"state", c.state},
                   {"version", c.version},
                   {"data", parse_or_null(c.data)},
                   {"opened_at", format_utc(c.opened_at)},
                   {"updated_at", format_utc(c.updated_at)},
                   {"unit", c.summary.unit},
                   {"subject", c.summary.subject},
                   {"subject_label", c.summary.label},
                   {"origin", c.summary.origin},
                   {"jobfit_batch", c.summary.jobfit_batch}};
    if (c.due_at) {
        o["due_at"] = format_utc(*c.due_at);
        o["overdue"] = now >= *c.due_at;
        o["working_days_left"] = working_days_left(*c.due_at, now, dc);
        // The years from the last change to the deadline whose holiday calendar is
        // missing (weekends only were skipped) or provisional (expected dates).
        json::array gaps;
        for (const CalendarYear& g : calendar_gaps(c.updated_at, *c.due_at, dc))
            gaps.push_back(json::object{{"year", g.year}, {"status", to_string(g.status)}});
        o["calendar"] = std::move(gaps);
    } else {
        o["due_at"] = nullptr;
        o["overdue"] = false;
        o["working_days_left"] = nullptr;
        o["calendar"] = json::array();
    }
    return o;
}

std::variant<std::size_t, Response> page_limit(const Query& query, std::size_t fallback) {
    auto it = query.find("limit");
    if (it == query.end()) return fallback;
    std::size_t limit = 0;
    const char* end = it->second.data() + it->second.size();
    auto r = std::from_chars(it->second.data(), end, limit);
    if (r.ec != std::errc{} || r.ptr != end || limit == 0 || limit > 1000)
        return fail(400, "invalid_input", "limit must be a whole number from 1 to 1000", "limit");
    return limit;
}

Response list_cases(const Call& call) {
    const Query& query = call.query;
    const TimePoint now = call.now;
    const DeadlineClock& dc = call.deadline_clock;
    const auto param = [&](std::string_view name) -> std::optional<std::string> {
        auto it = query.find(name);
        if (it == query.end() || it->second.empty()) return std::nullopt;
        return it->second;
    };
    CaseFilter filter;
    filter.workflow = param("workflow");
    filter.state = param("state");
    filter.unit = param("unit");
    filter.subject = param("subject");
    filter.origin = param("origin");
    filter.jobfit_batch = param("jobfit_batch");
    if (auto it = query.find("overdue"); it != query.end() && it->second == "true") filter.overdue_at = now;
    if (auto it = query.find("q"); it != query.end()) {
        auto text = search_text(it->second);
        if (!text) return fail(text.error());
        filter.text = std::move(*text);
    }
    const auto limit_or = page_limit(query, 50);
    if (const auto* bad = std::get_if<Response>(&limit_or)) return *bad;
    const std::size_t limit = std::get<std::size_t>(limit_or);
    if (auto sort = param("sort")) {
        auto parsed = parse_case_sort(*sort);
        if (!parsed)
            return fail(400, "invalid_input", "sort must be due, opened, updated or id (a leading - reverses it)",
                        "sort");
        filter.order = parsed->order;
        filter.descending = parsed->descending;
    }
    // Time ranges: a date or a date-time, local to the agency without an offset.
    for (auto [name, end] : {std::pair{"due_from", &filter.due.from}, std::pair{"due_before", &filter.due.before},
                             std::pair{"opened_from", &filter.opened.from},
                             std::pair{"opened_before", &filter.opened.before},
                             std::pair{"updated_from", &filter.updated.from},
                             std::pair{"updated_before", &filter.updated.before}}) {
        auto text = param(name);
        if (!text) continue;
        auto at = parse_datetime(*text, dc.timezone);
        if (!at) return fail(400, "invalid_input", std::string(name) + ": " + at.error().message, name);
        *end = *at;
    }
    if (auto cursor = param("cursor")) {
        auto after = read_cursor(call.engine.journal(), *cursor, filter.effective_order());
        if (!after) return fail(after.error());
        filter.after = std::move(*after);
    }
    auto total = call.engine.journal().count_cases(filter);
    if (!total) return fail(total.error());
    auto page = list_page(call.engine.journal(), std::move(filter), limit);
    if (!page) return fail(page.error());
    json::array out;
    for (const auto& c : page->cases) out.push_back(case_json(c, now, dc));
    json::value next = nullptr;
    if (page->next) next = json::string(*page->next);
    return reply(200, json::object{{"cases", std::move(out)}, {"next_cursor", std::move(next)}, {"total", *total}});
}

std::variant<Response, Write> open_case(const Call& call) {
    Engine& engine = call.engine;
    const Token* token = &call.token;
    const Request& request = call.request;
    const DeadlineClock& dc = call.deadline_clock;
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
    cmd.recorded_by = token->name;
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
    // The NIP, like every field, is checked by the workflow inside Engine::submit.
    if (!request.idempotency_key.empty()) cmd.idempotency_key = request.idempotency_key;
    return Write{std::move(cmd), [](const Outcome& outcome) {
                     return reply(201, json::object{{"id", outcome.projection.id},
                                                    {"state", outcome.projection.state},
                                                    {"version", outcome.projection.version},
                                                    {"event", event_json(outcome.event)}});
                 }};
}

Response show_case(const Call& call, const std::string& id) {
    Engine& engine = call.engine;
    const Token* token = &call.token;
    const TimePoint now = call.now;
    const DeadlineClock& dc = call.deadline_clock;
    auto view = engine.view(id, token->role);
    if (!view) return fail(view.error());
    auto o = case_json(view->record, now, dc);
    auto links = linked_cases(engine.journal(), view->record.id);
    if (!links) return fail(links.error());
    o["linked"] = links_json(*links);
    json::array allowed;
    for (const auto& e : view->allowed_events) allowed.push_back(json::string(e));
    o["allowed_events"] = std::move(allowed);
    return reply(200, o);
}

Response case_linked(const Call& call, const std::string& id) {
    auto links = linked_cases(call.engine.journal(), id);
    if (!links) return fail(links.error());
    auto o = links_json(*links);
    o["id"] = id;
    return reply(200, o);
}

Response case_history(const Call& call, const std::string& id) {
    Engine& engine = call.engine;
    auto record = engine.journal().find_case(id);
    if (!record) return fail(record.error());
    auto events = engine.journal().case_events(id);
    if (!events) return fail(events.error());
    const auto corrections = corrections_of(*events);
    json::array out;
    for (const auto& e : *events) {
        auto o = event_json(e);
        if (auto c = corrections.find(e.seq); c != corrections.end()) {
            json::array cs;
            for (const Correction& k : c->second)
                cs.push_back(json::object{{"by_seq", k.by_seq},
                                          {"by_global_seq", k.by_global_seq},
                                          {"field", k.field},
                                          {"value", k.value},
                                          {"before", k.before},
                                          {"reason", k.reason},
                                          {"actor", k.actor},
                                          {"occurred_at", format_utc(k.occurred_at)}});
            o["corrections"] = std::move(cs);
        }
        out.push_back(std::move(o));
    }
    // Each correction names what it corrects, beside its own row.
    for (const auto& [seq, list] : corrections)
        for (const Correction& k : list) {
            if (k.by_seq < 1 || static_cast<std::size_t>(k.by_seq) > out.size() || seq < 1 ||
                static_cast<std::size_t>(seq) > events->size())
                continue;
            out[static_cast<std::size_t>(k.by_seq - 1)].as_object()["corrects"] =
                json::object{{"seq", seq},
                             {"name", (*events)[static_cast<std::size_t>(seq - 1)].name},
                             {"field", k.field},
                             {"value", k.value},
                             {"before", k.before}};
        }
    return reply(200, json::object{{"id", id}, {"events", std::move(out)}});
}

Result<std::optional<std::int64_t>> if_match_version(const Request& request) {
    if (request.if_match.empty()) return std::optional<std::int64_t>{};
    std::string_view v = request.if_match;
    if (v.starts_with("W/")) v.remove_prefix(2);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    std::int64_t version = 0;
    auto r = std::from_chars(v.data(), v.data() + v.size(), version);
    if (r.ec != std::errc{} || r.ptr != v.data() + v.size() || version < 1)
        return make_error(errc::invalid_input, "If-Match must be a case version", "If-Match");
    return std::optional<std::int64_t>(version);
}

std::variant<Response, Write> submit_event(const Call& call, const std::string& id) {
    const Token* token = &call.token;
    const Request& request = call.request;
    const DeadlineClock& dc = call.deadline_clock;
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
    cmd.recorded_by = token->name;
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
    auto version = if_match_version(request);
    if (!version) return fail(version.error());
    cmd.expected_version = *version;
    if (!request.idempotency_key.empty()) cmd.idempotency_key = request.idempotency_key;
    return Write{std::move(cmd), [](const Outcome& outcome) {
                     json::array opened;  // the cases the event opened (a job fit's approved rotation)
                     for (const auto& c : outcome.opened)
                         opened.push_back(json::object{{"id", c.id}, {"workflow", c.workflow}, {"state", c.state}});
                     json::array linked;  // the existing cases it recorded an event on (a closing job fit's origin)
                     for (const auto& c : outcome.linked)
                         linked.push_back(json::object{{"id", c.id}, {"workflow", c.workflow}, {"state", c.state}});
                     return reply(200, json::object{{"id", outcome.projection.id},
                                                    {"state_before", outcome.state_before},
                                                    {"state", outcome.projection.state},
                                                    {"version", outcome.projection.version},
                                                    {"data", parse_or_null(outcome.projection.data)},
                                                    {"event", event_json(outcome.event)},
                                                    {"opened", std::move(opened)},
                                                    {"linked", std::move(linked)}});
                 }};
}

namespace {

constexpr const char* case_schema = R"({"type":"object","required":["id","workflow","state","version"],"properties":{
 "id":{"type":"string"},"workflow":{"type":"string"},"state":{"type":"string"},"version":{"type":"integer"},
 "data":{"type":["object","null"]},"opened_at":{"type":"string","format":"date-time"},
 "updated_at":{"type":"string","format":"date-time"},"unit":{"type":"string"},"subject":{"type":"string"},
 "subject_label":{"type":"string"},"origin":{"type":"string"},"jobfit_batch":{"type":"string"},
 "due_at":{"type":["string","null"],"format":"date-time"},"overdue":{"type":"boolean"},
 "working_days_left":{"type":["integer","null"]},
 "calendar":{"type":"array","items":{"type":"object","properties":{"year":{"type":"integer"},"status":{"type":"string"}}}},
 "allowed_events":{"type":"array","items":{"type":"string"}},"linked":{"type":"object"}}})";

constexpr const char* event_schema = R"({"type":"object","properties":{"case_id":{"type":"string"},
 "seq":{"type":"integer"},"global_seq":{"type":"integer"},"name":{"type":"string"},"payload":{"type":["object","null"]},
 "actor":{"type":"string"},"role":{"type":"string"},"reason":{"type":"string"},"recorded_by":{"type":"string"},
 "occurred_at":{"type":"string","format":"date-time"},"recorded_at":{"type":"string","format":"date-time"},
 "prev_hash":{"type":"string"},"hash":{"type":"string"}}})";

/// An event of GET /api/cases/{id}/history: with the corrections of it, or what it corrects.
constexpr const char* history_event_schema = R"({"type":"object","properties":{"case_id":{"type":"string"},
 "seq":{"type":"integer"},"global_seq":{"type":"integer"},"name":{"type":"string"},"payload":{"type":["object","null"]},
 "actor":{"type":"string"},"role":{"type":"string"},"reason":{"type":"string"},"recorded_by":{"type":"string"},
 "occurred_at":{"type":"string","format":"date-time"},"recorded_at":{"type":"string","format":"date-time"},
 "prev_hash":{"type":"string"},"hash":{"type":"string"},
 "corrections":{"type":"array","description":"the corrected events recorded against this one, in order","items":{
  "type":"object","properties":{"by_seq":{"type":"integer"},"by_global_seq":{"type":"integer"},"field":{"type":"string"},
  "value":{},"before":{"description":"the value it replaced"},"reason":{"type":"string"},"actor":{"type":"string"},
  "occurred_at":{"type":"string","format":"date-time"}}}},
 "corrects":{"type":"object","description":"on a corrected event: the event it corrects","properties":{
  "seq":{"type":"integer"},"name":{"type":"string"},"field":{"type":"string"},"value":{},"before":{}}}}})";

std::string wrap(std::string_view before, std::string_view schema, std::string_view after) {
    return std::string(before) + std::string(schema) + std::string(after);
}

Handler read(Response (*f)(const Call&, const std::string&)) {
    return [f](const Call& call, const PathArgs& args) -> std::variant<Response, Write> { return f(call, args.at("id")); };
}

const ParamDoc case_id{"id", "path", "string", true, "the case id, e.g. MUT-000001"};

}  // namespace

void add_case_routes(Routes& routes) {
    routes.add({.method = "GET",
                .pattern = "/api/cases",
                .summary = "The cases, searched, filtered, sorted and paged, with their total",
                .description = "Keyset paging: pass next_cursor back as cursor; total is how many cases the "
                               "filters select, on every page. q searches the case id, the official's name, NIP "
                               "and post and an open selection's vacant post (a substring; ASCII letters in either "
                               "case). Time filters take a date or a date-time in the agency's zone (no offset); "
                               "every time returned is RFC 3339 in UTC (Z).",
                .params = {{"q", "query", "string", false,
                            "search text: at most 200 characters, one line (empty: no search)"},
                           {"workflow", "query", "string", false, "only this workflow's cases"},
                           {"state", "query", "string", false, "only cases in this state"},
                           {"unit", "query", "string", false, "only cases of this unit (OPD)"},
                           {"subject", "query", "string", false, "only cases of this official (NIP)"},
                           {"origin", "query", "string", false, "only cases opened from this case"},
                           {"jobfit_batch", "query", "string", false, "only cases of this job fit batch"},
                           {"overdue", "query", "boolean", false, "true: only cases past their deadline"},
                           {"due_from", "query", "string", false, "deadline at or after"},
                           {"due_before", "query", "string", false, "deadline before"},
                           {"opened_from", "query", "string", false, "opened at or after"},
                           {"opened_before", "query", "string", false, "opened before"},
                           {"updated_from", "query", "string", false, "last changed at or after"},
                           {"updated_before", "query", "string", false, "last changed before"},
                           {"sort", "query", "string", false, "due, opened, updated or id; a leading - reverses"},
                           {"limit", "query", "integer", false, "1 to 1000 (default 50)"},
                           {"cursor", "query", "string", false, "the next_cursor of the previous page"}},
                .response_body = wrap(R"({"type":"object","properties":{"cases":{"type":"array","items":)", case_schema,
                                      R"(},"next_cursor":{"type":["string","null"]},)"
                                      R"("total":{"type":"integer","minimum":0}}})"),
                .errors = {400, 401},
                .tag = "cases",
                .handler = [](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return list_cases(call);
                }});
    routes.add({.method = "POST",
                .pattern = "/api/cases",
                .summary = "Open a case of any workflow",
                .description = "The body holds `workflow` and the fields of that workflow's open event (see "
                               "GET /api/workflows/{name}), with optional `reason` and `at`. Honours Idempotency-Key.",
                .params = {{"Idempotency-Key", "header", "string", false, "a retry with the same key opens nothing new"}},
                .request_body = R"({"type":"object","required":["workflow"],"properties":{
                    "workflow":{"type":"string"},"reason":{"type":"string"},"at":{"type":"string"}},
                    "additionalProperties":true})",
                .response_body = wrap(R"({"type":"object","properties":{"id":{"type":"string"},"state":{"type":"string"},
                    "version":{"type":"integer"},"event":)", event_schema, "}}"),
                .success = 201,
                .errors = {400, 401, 403, 409, 413, 422, 503},
                .tag = "cases",
                .handler = [](const Call& call, const PathArgs&) { return open_case(call); }});
    routes.add({.method = "GET",
                .pattern = "/api/cases/{id}",
                .summary = "One case, with the events the caller's role may submit now and its linked cases",
                .params = {case_id},
                .response_body = case_schema,
                .errors = {401, 404},
                .tag = "cases",
                .handler = read(show_case)});
    routes.add({.method = "GET",
                .pattern = "/api/cases/{id}/linked",
                .summary = "The cases a case came from and those it opened",
                .params = {case_id},
                .response_body = R"({"type":"object","properties":{"id":{"type":"string"}}})",
                .errors = {401, 404},
                .tag = "cases",
                .handler = read(case_linked)});
    routes.add({.method = "GET",
                .pattern = "/api/cases/{id}/history",
                .summary = "Every event of a case, in order, with who recorded it and its hash",
                .description = "An event that was corrected carries its corrections (each with the value it "
                               "replaced), and each corrected event names the event it corrects: the original "
                               "and its corrections side by side. Times are RFC 3339 in UTC (Z).",
                .params = {case_id},
                .response_body = wrap(R"({"type":"object","properties":{"id":{"type":"string"},"events":{"type":"array","items":)",
                                      history_event_schema, "}}}"),
                .errors = {401, 404},
                .tag = "cases",
                .handler = read(case_history)});
    routes.add({.method = "POST",
                .pattern = "/api/cases/{id}/events",
                .summary = "Submit an event to a case (advance it)",
                .description = "Honours Idempotency-Key and If-Match (the case version expected).",
                .params = {case_id,
                           {"Idempotency-Key", "header", "string", false, "a retry with the same key records nothing new"},
                           {"If-Match", "header", "string", false, "the case version the caller saw"}},
                .request_body = R"({"type":"object","required":["event","reason"],"properties":{
                    "event":{"type":"string"},"reason":{"type":"string"},"payload":{"type":"object"},
                    "at":{"type":"string"}},"additionalProperties":false})",
                .response_body = wrap(R"({"type":"object","properties":{"id":{"type":"string"},
                    "state_before":{"type":"string"},"state":{"type":"string"},"version":{"type":"integer"},
                    "data":{"type":["object","null"]},"opened":{"type":"array"},"linked":{"type":"array"},"event":)",
                                      event_schema, "}}"),
                .errors = {400, 401, 403, 404, 409, 413, 422, 503},
                .tag = "cases",
                .handler = [](const Call& call, const PathArgs& args) { return submit_event(call, args.at("id")); }});
}

}  // namespace alur::http::detail
