// `alur acting list [--at DATE] [--json]`: who is acting (Plt, pelaksana
// tugas) in which post on a day (default: today in the agency's zone), with
// the case that left the post vacant; and the Plt's of one case as `alur
// show` prints them.
//
// Reading: only the cases that can carry a Plt are read — for each workflow
// the states with an acting_assigned row (mutation completed, job_fit closed,
// open_selection's open states), each a (workflow, state) query on the
// journal's case index, paged by id; a case's data is parsed only when its
// stored text names an `acting` list. So the cost grows with the closed
// mutations and job fits of the agency, not with every case and event.
#include "acting_serving.hpp"
#include "alur/workflows/acting.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <iostream>
#include <tuple>

namespace alur::cli {
namespace {

namespace json = boost::json;

/// The states of `wf` with an acting_assigned row.
std::vector<std::string> acting_states(const Workflow& wf) {
    std::vector<std::string> out;
    for (const auto& t : wf.transitions())
        if (t.event == acting::assigned_event && std::find(out.begin(), out.end(), t.from) == out.end())
            out.push_back(t.from);
    return out;
}

json::object plt_json(const acting::ActingOfficial& a) {
    json::object o{{"nip", a.nip},
                   {"name", a.name},
                   {"post", a.post},
                   {"from", format_date(a.from)},
                   {"until", format_date(a.until)},
                   {"last_day", format_date(a.last_day())},
                   {"letter", a.letter},
                   {"seq", a.seq}};
    if (a.ended) o["ended"] = json::object{{"date", format_date(*a.ended)}, {"reason", a.end_reason}};
    else o["ended"] = nullptr;
    return o;
}

struct ListArgs {
    std::string at;
    bool json = false;
};

Result<void> run_list(const ListArgs& args, Context& ctx) {
    Date day = local_date(ctx.clock->now(), ctx.timezone());
    if (!args.at.empty()) {
        auto parsed = parse_date(args.at);
        if (!parsed) return make_error(errc::invalid_input, trf(M::err_acting_at, {args.at}), "at");
        day = *parsed;
    }
    auto serving = serving_on(ctx, day);
    if (!serving) return serving.error();
    if (args.json) {
        json::array a;
        for (const auto& s : *serving) {
            auto o = plt_json(s.plt);
            o["case"] = s.vacated_by.id;
            o["workflow"] = s.vacated_by.workflow;
            o["state"] = s.vacated_by.state;
            o["unit"] = s.vacated_by.summary.unit;
            o["vacated_by"] = s.vacated_by.summary.label;
            a.emplace_back(std::move(o));
        }
        print_json(std::cout, json::object{{"at", format_date(day)}, {"acting", std::move(a)}});
        return {};
    }
    if (serving->empty()) {
        std::cout << trf(M::acting_none, {format_date(day)}) << '\n';
        return {};
    }
    std::cout << trf(M::acting_heading, {format_date(day)}) << "\n\n";
    std::vector<std::vector<std::string>> rows{{tr(M::col_acting_post), "NIP", tr(M::col_name), tr(M::col_acting_from),
                                                tr(M::col_acting_until), tr(M::col_acting_letter), tr(M::col_case),
                                                tr(M::col_acting_vacated)}};
    for (const auto& s : *serving)
        rows.push_back({s.plt.post, s.plt.nip, s.plt.name, format_date(s.plt.from), format_date(s.plt.last_day()),
                        s.plt.letter, s.vacated_by.id + " (" + s.vacated_by.workflow + ")", s.vacated_by.summary.label});
    print_table(std::cout, rows);
    return {};
}

/// "sedang menjabat", "berakhir lebih awal 2026-04-30", "selesai", "belum mulai".
std::string status_on(const acting::ActingOfficial& a, Date today) {
    using std::chrono::sys_days;
    if (a.serves_on(today)) return tr(M::acting_serving);
    if (sys_days{today} < sys_days{a.from}) return tr(M::acting_upcoming);
    if (a.ended) return trf(M::acting_ended_early, {format_date(*a.ended), a.end_reason});
    return tr(M::acting_finished);
}

}  // namespace

Result<std::vector<Serving>> serving_on(Context& ctx, Date day) {
    constexpr std::size_t page_size = 500;
    std::vector<Serving> out;
    for (const auto& wf : ctx.workflows)
        for (const auto& state : acting_states(*wf)) {
            CaseFilter filter{wf->name(), state};
            filter.limit = page_size;
            for (;;) {
                auto page = ctx.engine->journal().list_cases(filter);
                if (!page) return page.error();
                for (auto& c : *page)
                    for (auto& plt : acting::acting_officials(c.data))
                        if (plt.serves_on(day)) out.push_back({std::move(plt), c});
                if (page->size() < page_size) break;
                filter.after = position_of(page->back(), CaseOrder::id);
            }
        }
    std::sort(out.begin(), out.end(), [](const Serving& a, const Serving& b) {
        return std::tie(a.plt.post, a.vacated_by.id, a.plt.seq) < std::tie(b.plt.post, b.vacated_by.id, b.plt.seq);
    });
    return out;
}

void print_acting(std::ostream& os, const std::string& data, Date today) {
    const auto all = acting::acting_officials(std::string_view(data));
    if (all.empty()) return;
    os << '\n' << tr(M::lbl_acting) << ":\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : all)
        rows.push_back({"  " + a.post, a.name + " (NIP " + a.nip + ")", format_date(a.from) + " — " + format_date(a.until),
                        a.letter, status_on(a, today)});
    print_table(os, rows);
}

json::array acting_now_json(const std::string& data, Date today) {
    json::array out;
    for (const auto& a : acting::acting_officials(std::string_view(data)))
        if (a.serves_on(today)) out.emplace_back(plt_json(a));
    return out;
}

void add_acting_commands(CLI::App& app, const Context&, Registry& out) {
    auto* acting = app.add_subcommand("acting", tr(M::cmd_acting));
    acting->require_subcommand(1);
    auto args = std::make_shared<ListArgs>();
    auto* list = acting->add_subcommand("list", tr(M::cmd_acting_list));
    list->add_option("--at", args->at, tr(M::opt_acting_at))->option_text("DATE");
    list->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({list, Needs::read_database, [args](Context& c) { return run_list(*args, c); }});
}

}  // namespace alur::cli
