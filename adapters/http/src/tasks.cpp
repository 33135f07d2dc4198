// The home page's reads: GET /api/tasks (the caller's tasks, most urgent
// first), GET /api/overview (its counts) and GET /api/agency (the agency's
// name and time zone). Plain C++ over the engine and the journal's index.
//
// A role's tasks are the cases in a (workflow, state) where the role has an
// event (alur::task_states: each workflow's table and its events' roles, read
// once per request, never a case's machine); the journal lists and counts
// them with CaseFilter::in_states in due order.
#include "api_detail.hpp"
#include "routes.hpp"

#include "alur/engine/case_list.hpp"

#include <boost/json.hpp>

#include <array>

namespace alur::http::detail {

namespace json = boost::json;

namespace {

/// "+07:00" for a zone 7 hours east of UTC.
std::string offset_text(std::chrono::minutes offset) {
    const auto m = offset.count();
    const auto a = m < 0 ? -m : m;
    std::string out = m < 0 ? "-" : "+";
    const auto two = [&](long long v) { out += static_cast<char>('0' + v / 10), out += static_cast<char>('0' + v % 10); };
    two(a / 60);
    out += ':';
    two(a % 60);
    return out;
}

/// The IANA zone of an Indonesian zone name (the three zones have kept one offset since 1988).
std::string iana_of(const TimeZone& tz) {
    constexpr std::array<std::pair<const char*, const char*>, 3> zones{
        {{"WIB", "Asia/Jakarta"}, {"WITA", "Asia/Makassar"}, {"WIT", "Asia/Jayapura"}}};
    for (const auto& [name, iana] : zones)
        if (tz.name == name) return iana;
    return {};
}

/// `filter` limited to the caller's unit, when they have one.
CaseFilter scoped(const Call& call, CaseFilter filter) {
    if (!call.unit.empty()) filter.unit = std::string(call.unit);
    return filter;
}

/// The caller's unit, null for every unit.
json::value unit_json(const Call& call) {
    if (call.unit.empty()) return nullptr;
    return json::string(call.unit);
}

}  // namespace

Response list_tasks(const Call& call) {
    const auto limit_or = page_limit(call.query, 50);
    if (const auto* bad = std::get_if<Response>(&limit_or)) return *bad;
    const std::size_t limit = std::get<std::size_t>(limit_or);
    Journal& journal = call.engine.journal();
    const auto workflows = call.engine.workflows();
    CaseFilter filter = scoped(call, {});
    filter.in_states = task_states(workflows, call.token.role);
    filter.order = CaseOrder::due;  // the most overdue first, then by deadline, those without one last
    if (auto it = call.query.find("cursor"); it != call.query.end()) {
        auto after = read_cursor(journal, it->second, CaseOrder::due);
        if (!after) return fail(after.error());
        filter.after = std::move(*after);
    }
    auto total = journal.count_cases(filter);
    if (!total) return fail(total.error());
    auto page = list_page(journal, std::move(filter), limit);
    if (!page) return fail(page.error());
    json::array out;
    for (const auto& c : page->cases) {
        auto o = case_json(c, call.now, call.deadline_clock);
        json::array events;
        if (const Workflow* w = call.engine.find_workflow(c.workflow))
            for (const auto& e : w->events_from(c.state, call.token.role)) events.push_back(json::string(e));
        o["events"] = std::move(events);
        out.push_back(std::move(o));
    }
    json::value next = nullptr;
    if (page->next) next = json::string(*page->next);
    return reply(200, json::object{{"role", call.token.role},
                                   {"unit", unit_json(call)},
                                   {"tasks", std::move(out)},
                                   {"total", *total},
                                   {"next_cursor", std::move(next)}});
}

Response overview(const Call& call) {
    Journal& journal = call.engine.journal();
    const auto workflows = call.engine.workflows();
    CaseFilter mine = scoped(call, {});
    mine.in_states = task_states(workflows, call.token.role);
    auto tasks = journal.count_cases(mine);
    if (!tasks) return fail(tasks.error());
    mine.overdue_at = call.now;
    auto tasks_overdue = journal.count_cases(mine);
    if (!tasks_overdue) return fail(tasks_overdue.error());
    CaseFilter late = scoped(call, {});
    late.overdue_at = call.now;
    auto overdue = journal.count_cases(late);
    if (!overdue) return fail(overdue.error());
    const CaseFilter everything = scoped(call, {});
    auto cases = journal.count_cases(everything);
    if (!cases) return fail(cases.error());
    json::array per_state;
    for (const auto& w : workflows)
        for (const auto& state : w->states()) {
            CaseFilter here = scoped(call, CaseFilter(w->name(), state));
            auto n = journal.count_cases(here);
            if (!n) return fail(n.error());
            here.overdue_at = call.now;
            auto o = journal.count_cases(here);
            if (!o) return fail(o.error());
            per_state.push_back(json::object{{"workflow", w->name()},
                                             {"state", state},
                                             {"final", w->is_final(state)},
                                             {"cases", *n},
                                             {"overdue", *o}});
        }
    return reply(200, json::object{{"role", call.token.role},
                                   {"unit", unit_json(call)},
                                   {"now", format_utc(call.now)},
                                   {"tasks", *tasks},
                                   {"tasks_overdue", *tasks_overdue},
                                   {"overdue", *overdue},
                                   {"cases", *cases},
                                   {"states", std::move(per_state)}});
}

Response agency(const Call& call) {
    const TimeZone& tz = call.deadline_clock.timezone;
    const auto due = call.deadline_clock.due_time.count();
    std::string due_time;
    due_time += static_cast<char>('0' + due / 600);
    due_time += static_cast<char>('0' + due / 60 % 10);
    due_time += ':';
    due_time += static_cast<char>('0' + due % 60 / 10);
    due_time += static_cast<char>('0' + due % 10);
    return reply(200, json::object{{"name", call.options.agency_name},
                                   {"timezone", tz.name},
                                   {"iana", iana_of(tz)},
                                   {"offset", offset_text(tz.offset)},
                                   {"date_format", "DD/MM/YYYY"},
                                   {"due_time", due_time},
                                   {"now", format_local(call.now, tz)}});
}

namespace {

constexpr const char* tasks_schema = R"json({"type":"object","required":["role","tasks","total","next_cursor"],
 "properties":{"role":{"type":"string","description":"the caller's role"},
 "unit":{"type":["string","null"],"description":"the signed-in user's unit the tasks are limited to; null: every unit"},
 "tasks":{"type":"array","items":{"type":"object","required":["id","workflow","state","due_at","overdue","events"],
  "description":"a case as GET /api/cases gives it, with the events the caller's role may submit",
  "properties":{"id":{"type":"string"},"workflow":{"type":"string"},"state":{"type":"string"},
   "version":{"type":"integer"},"subject_label":{"type":"string"},"unit":{"type":"string"},
   "opened_at":{"type":"string","format":"date-time"},"updated_at":{"type":"string","format":"date-time"},
   "due_at":{"type":["string","null"],"format":"date-time"},"overdue":{"type":"boolean"},
   "working_days_left":{"type":["integer","null"]},
   "events":{"type":"array","items":{"type":"string"},"description":"in workflow order"}}}},
 "total":{"type":"integer","minimum":0},"next_cursor":{"type":["string","null"]}}})json";

constexpr const char* overview_schema = R"json({"type":"object",
 "required":["role","now","tasks","tasks_overdue","overdue","cases","states"],
 "properties":{"role":{"type":"string"},
 "unit":{"type":["string","null"],"description":"the signed-in user's unit every count is limited to; null: every unit"},
 "now":{"type":"string","format":"date-time"},
 "tasks":{"type":"integer","minimum":0},"tasks_overdue":{"type":"integer","minimum":0},
 "overdue":{"type":"integer","minimum":0},"cases":{"type":"integer","minimum":0},
 "states":{"type":"array","items":{"type":"object","required":["workflow","state","final","cases","overdue"],
  "properties":{"workflow":{"type":"string"},"state":{"type":"string"},"final":{"type":"boolean"},
   "cases":{"type":"integer","minimum":0},"overdue":{"type":"integer","minimum":0}}}}}})json";

constexpr const char* agency_schema = R"json({"type":"object",
 "required":["name","timezone","iana","offset","date_format","due_time","now"],
 "properties":{"name":{"type":"string"},"timezone":{"enum":["WIB","WITA","WIT"]},
 "iana":{"enum":["Asia/Jakarta","Asia/Makassar","Asia/Jayapura"]},
 "offset":{"type":"string","pattern":"^[+-][0-9]{2}:[0-9]{2}$"},"date_format":{"const":"DD/MM/YYYY"},
 "due_time":{"type":"string","pattern":"^[0-9]{2}:[0-9]{2}$"},"now":{"type":"string","format":"date-time"}}})json";

Handler plain(Response (*f)(const Call&)) {
    return [f](const Call& call, const PathArgs&) -> std::variant<Response, Write> { return f(call); };
}

}  // namespace

void add_task_routes(Routes& routes) {
    routes.add({.method = "GET",
                .pattern = "/api/tasks",
                .summary = "My tasks: the cases in which the caller's role may submit an event now, most urgent first",
                .description = "The most overdue first, then by deadline, cases without a deadline last; each "
                               "case with the events the caller's role may submit, in workflow order. The states "
                               "come from each workflow's transition table and its events' roles. total counts "
                               "every task, on every page. A user with a unit (alur user add --unit) sees the tasks of "
                               "that unit's cases only. Times are RFC 3339 in UTC (Z).",
                .params = {{"limit", "query", "integer", false, "1 to 1000 (default 50)"},
                           {"cursor", "query", "string", false, "the next_cursor of the previous page"}},
                .response_body = tasks_schema,
                .errors = {400, 401},
                .tag = "cases",
                .handler = plain(list_tasks)});
    routes.add({.method = "GET",
                .pattern = "/api/overview",
                .summary = "The home page's counts: my tasks, the overdue cases, and the cases per workflow and state",
                .description = "tasks and tasks_overdue: the caller's tasks (as GET /api/tasks) and how many of "
                               "them are past their deadline; overdue and cases: every overdue case and every "
                               "case; states: per workflow and state, in table order. For a user with a unit every "
                               "count is of that unit's cases (their scope). now is RFC 3339 in UTC (Z).",
                .response_body = overview_schema,
                .errors = {401},
                .tag = "cases",
                .handler = plain(overview)});
    routes.add({.method = "GET",
                .pattern = "/api/agency",
                .summary = "The agency: its name, time zone (WIB, WITA or WIT) and how dates are written",
                .description = "From the [agency] configuration. Every time in the API carries its offset (UTC "
                               "times end in Z); show them to people in this zone: iana for the browser's "
                               "Intl.DateTimeFormat, offset as text, dates as date_format. now is the agency's "
                               "local time with its offset.",
                .response_body = agency_schema,
                .errors = {401},
                .tag = "service",
                .handler = plain(agency)});
}

}  // namespace alur::http::detail
