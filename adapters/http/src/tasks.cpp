// The home page's reads: GET /api/tasks (the caller's tasks, most urgent
// first), GET /api/overview (its counts) and GET /api/agency (the agency's
// name and time zone). Plain C++ over the engine and the journal's index.
//
// A role's tasks are the cases in a (workflow, state) where the role has an
// event (alur::task_states: each workflow's table and its events' roles, read
// once per request, never a case's machine); the journal lists and counts
// them with CaseFilter::in_states in due order.
#include "api_detail.hpp"

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

}  // namespace

Response list_tasks(const Call& call) {
    const auto limit_or = page_limit(call.query, 50);
    if (const auto* bad = std::get_if<Response>(&limit_or)) return *bad;
    const std::size_t limit = std::get<std::size_t>(limit_or);
    Journal& journal = call.engine.journal();
    const auto workflows = call.engine.workflows();
    CaseFilter filter;
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
                                   {"tasks", std::move(out)},
                                   {"total", *total},
                                   {"next_cursor", std::move(next)}});
}

Response overview(const Call& call) {
    Journal& journal = call.engine.journal();
    const auto workflows = call.engine.workflows();
    CaseFilter mine;
    mine.in_states = task_states(workflows, call.token.role);
    auto tasks = journal.count_cases(mine);
    if (!tasks) return fail(tasks.error());
    mine.overdue_at = call.now;
    auto tasks_overdue = journal.count_cases(mine);
    if (!tasks_overdue) return fail(tasks_overdue.error());
    CaseFilter late;
    late.overdue_at = call.now;
    auto overdue = journal.count_cases(late);
    if (!overdue) return fail(overdue.error());
    CaseFilter everything;
    auto cases = journal.count_cases(everything);
    if (!cases) return fail(cases.error());
    json::array per_state;
    for (const auto& w : workflows)
        for (const auto& state : w->states()) {
            CaseFilter here(w->name(), state);
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

}  // namespace alur::http::detail
