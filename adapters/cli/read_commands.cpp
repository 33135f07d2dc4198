// Commands that read: `alur show`, `alur history`, `alur list`.
//
// Times are printed in the agency's local time with its offset
// (alur::format_local); `--json` prints one JSON value for scripts. Deadlines
// are judged at the engine clock's now (`--now` moves it): overdue once the
// due instant has passed, with working days counted by the agency's
// calendar (alur::working_days_left).
#include "alur/engine/case_list.hpp"
#include "alur/engine/text.hpp"
#include "app.hpp"
#include "csv.hpp"
#include "event_rows.hpp"
#include "messages.hpp"

#include "alur/i18n/labels.hpp"
#include "output.hpp"
#include "values.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <tuple>
#include <utility>

namespace alur::cli {
namespace {

// --- deadlines ---------------------------------------------------------------------

/// Where a case stands against its deadline at `now`.
struct DueStatus {
    bool overdue = false;
    int working_days_left = 0;  ///< negative once overdue by whole working days
};

DueStatus due_status(TimePoint due, TimePoint now, const DeadlineClock& dc) {
    return {now >= due, working_days_left(due, now, dc)};
}

/// "2024-04-23 16:00 WIB — lewat tenggat, terlambat 1 hari kerja".
std::string due_text(TimePoint due, TimePoint now, const DeadlineClock& dc) {
    const auto st = due_status(due, now, dc);
    std::string note;
    if (st.overdue)
        note = st.working_days_left < 0 ? trf(M::due_late, {std::to_string(-st.working_days_left)})
                                        : tr(M::due_late_today);
    else
        note = st.working_days_left > 0 ? trf(M::due_left, {std::to_string(st.working_days_left)}) : tr(M::due_today);
    return local_text(due, dc.timezone) + " — " + note;
}

/// Adds "overdue" and "working_days_left" (null without a deadline) to a case's JSON.
void add_due_json(boost::json::object& o, const CaseRecord& c, TimePoint now, const DeadlineClock& dc) {
    if (!c.due_at) {
        o["overdue"] = false;
        o["working_days_left"] = nullptr;
        return;
    }
    const auto st = due_status(*c.due_at, now, dc);
    o["overdue"] = st.overdue;
    o["working_days_left"] = st.working_days_left;
    o["calendar"] = calendar_gap_json(calendar_gaps(c.updated_at, *c.due_at, dc));
}

/// The years the case's deadline was counted in without a confirmed holiday
/// calendar; empty when none (or without a deadline).
std::string calendar_note(const CaseRecord& c, const DeadlineClock& dc) {
    return c.due_at ? calendar_gap_text(calendar_gaps(c.updated_at, *c.due_at, dc)) : std::string();
}

boost::json::object timer_json(const Timer& t, const TimeZone& tz) {
    return {{"id", t.id},
            {"state", t.state},
            {"kind", to_string(t.kind)},
            {"ordinal", t.ordinal},
            {"fire_at", format_local(t.fire_at, tz)},
            {"due_at", format_local(t.due_at, tz)}};
}

std::string timer_text(const Timer& t) {
    return t.kind == TimerKind::reminder ? trf(M::timer_reminder, {std::to_string(t.ordinal)})
                                         : trf(M::timer_escalation, {std::to_string(t.ordinal)});
}

boost::json::object notice_json(const Notice& n, const TimeZone& tz) {
    boost::json::object o{{"id", n.id},
                          {"event_global_seq", n.event_global_seq},
                          {"channel", n.channel},
                          {"recipient", n.recipient},
                          {"created_at", format_local(n.created_at, tz)},
                          {"attempts", n.attempts},
                          {"last_error", n.last_error}};
    if (n.delivered_at)
        o["delivered_at"] = format_local(*n.delivered_at, tz);
    else
        o["delivered_at"] = nullptr;
    return o;
}

// --- show ------------------------------------------------------------------------

struct ShowArgs {
    std::string case_id;
    std::string role;
    std::string now;
    bool json = false;
};

Result<void> run_show(const ShowArgs& args, Context& ctx) {
    auto view = ctx.engine->view(args.case_id, args.role);
    if (!view) return view.error();
    const auto& c = view->record;
    const auto& tz = ctx.timezone();
    const auto& dc = ctx.deadline_clock();
    const TimePoint now = ctx.clock->now();
    auto timers = ctx.engine->journal().case_timers(c.id);
    if (!timers) return timers.error();
    auto notices = ctx.engine->journal().case_notices(c.id);
    if (!notices) return notices.error();
    auto events = ctx.engine->journal().case_events(c.id);
    if (!events) return events.error();
    const EventRecord* last = events->empty() ? nullptr : &events->back();
    auto links = linked_cases(ctx.engine->journal(), c.id);
    if (!links) return links.error();
    if (args.json) {
        auto o = case_json(c, tz);
        if (last)
            o["last_event"] = boost::json::object{{"seq", last->seq},           {"name", last->name},
                                                  {"actor", last->actor},       {"role", last->role},
                                                  {"recorded_by", last->recorded_by},
                                                  {"recorded_at", format_local(last->recorded_at, tz)}};
        add_due_json(o, c, now, dc);
        boost::json::array allowed;
        for (const auto& e : view->allowed_events) allowed.emplace_back(e);
        o["allowed_events"] = std::move(allowed);
        boost::json::array ts;
        for (const auto& t : *timers) ts.emplace_back(timer_json(t, tz));
        o["timers"] = std::move(ts);
        boost::json::array ns;
        for (const auto& n : *notices) ns.emplace_back(notice_json(n, tz));
        o["notices"] = std::move(ns);
        o["acting_now"] = acting_now_json(c.data, local_date(now, tz));
        // Beside the raw names scripts read: their labels in the output language (alur/i18n/labels.hpp).
        o["workflow_label"] = i18n::label(c.workflow);
        o["state_label"] = i18n::label(c.state);
        o["linked"] = links_json(*links);
        print_json(std::cout, o);
        return {};
    }
    auto* workflow = ctx.engine->find_workflow(c.workflow);
    std::string state = i18n::with_label(c.state);
    if (workflow && workflow->is_final(c.state)) state += " (" + std::string(tr(M::lbl_final)) + ")";
    std::vector<std::vector<std::string>> fields{
                               {std::string(tr(M::lbl_case)), c.id},
                               {tr(M::lbl_workflow), i18n::with_label(c.workflow)},
                               {tr(M::lbl_state), state},
                               {tr(M::lbl_version), std::to_string(c.version)},
                               {tr(M::lbl_opened), format_local(c.opened_at, tz)},
                               {tr(M::lbl_updated), format_local(c.updated_at, tz)},
                               {tr(M::lbl_due), c.due_at ? due_text(*c.due_at, now, dc) : tr(M::lbl_none)},
                               {tr(M::lbl_last_event),
                                last ? "#" + std::to_string(last->seq) + " " + i18n::with_label(last->name) + " · " + last->actor + " (" +
                                           last->role + ")" +
                                           (last->recorded_by.empty()
                                                ? std::string()
                                                : " · " + std::string(tr(M::lbl_recorded_by)) + " " + last->recorded_by)
                                     : std::string(tr(M::lbl_none))},
                           };
    // Only when the deadline was counted without a confirmed calendar (a missing or provisional year).
    if (const std::string note = calendar_note(c, dc); !note.empty())
        fields.insert(fields.begin() + 7, {tr(M::lbl_calendar), note});
    print_table(std::cout, fields);
    std::cout << '\n' << tr(M::lbl_data) << ":\n";
    print_json(std::cout, parse_stored(c.data.empty() ? "{}" : c.data));
    print_acting(std::cout, c.data, local_date(now, tz));
    std::cout << '\n' << tr(M::lbl_linked) << ":\n";
    print_links(std::cout, *links);
    std::cout << '\n'
              << (args.role.empty() ? std::string(tr(M::lbl_allowed)) : trf(M::lbl_allowed_role, {args.role}))
              << ":\n";
    if (view->allowed_events.empty()) std::cout << "  " << tr(M::lbl_none) << '\n';
    for (const auto& e : view->allowed_events) std::cout << "  " << i18n::with_label(e) << '\n';

    std::cout << '\n' << tr(M::lbl_timers) << ":\n";
    if (timers->empty()) std::cout << "  " << tr(M::lbl_none) << '\n';
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : *timers) rows.push_back({"  " + local_text(t.fire_at, dc.timezone), timer_text(t)});
    print_table(std::cout, rows);

    if (!notices->empty()) {
        std::size_t delivered = 0, failing = 0;
        for (const auto& n : *notices) {
            if (n.delivered_at) ++delivered;
            else if (n.attempts > 0) ++failing;
        }
        std::cout << '\n'
                  << tr(M::lbl_notices) << ": "
                  << trf(M::notices_summary, {std::to_string(delivered), std::to_string(notices->size() - delivered)})
                  << (failing ? trf(M::notices_failing, {std::to_string(failing)}) : std::string()) << '\n';
    }
    return {};
}

void add_show(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("show", tr(M::cmd_show));
    auto args = std::make_shared<ShowArgs>();
    sub->add_option("case", args->case_id, tr(M::arg_case))->required();
    sub->add_option("--role", args->role, tr(M::opt_show_role));
    sub->add_option("--now", args->now, tr(M::opt_now_read))->option_text("DATETIME");
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_show(*args, c); }, [args] { return args->now; }});
}

// --- history ---------------------------------------------------------------------

struct HistoryArgs {
    std::string case_id;
    std::string format = "table";  // table | json | csv (event_rows.hpp)
    bool json = false;             // --json: --format json
};

boost::json::object event_json(const EventRecord& e, const TimeZone& tz) {
    boost::json::object o;
    o["case_id"] = e.case_id;
    o["seq"] = e.seq;
    o["global_seq"] = e.global_seq;
    o["name"] = e.name;
    o["payload"] = parse_stored(e.payload);
    o["actor"] = e.actor;
    o["role"] = e.role;
    o["recorded_by"] = e.recorded_by;
    o["reason"] = e.reason;
    o["occurred_at"] = format_local(e.occurred_at, tz);
    o["recorded_at"] = format_local(e.recorded_at, tz);
    o["prev_hash"] = e.prev_hash;
    o["hash"] = e.hash;
    return o;
}

Result<void> run_history(const HistoryArgs& args, Context& ctx) {
    auto record = ctx.engine->journal().find_case(args.case_id);
    if (!record) return record.error();
    auto events = ctx.engine->journal().case_events(args.case_id);
    if (!events) return events.error();
    const auto& tz = ctx.timezone();
    const std::string format = args.json ? "json" : args.format;
    if (format == "csv") {
        CsvWriter table(std::cout, event_columns());
        for (const auto& e : *events) table.write(event_row(e, tz));
        return {};
    }
    // Each corrected event with its corrections beside it.
    const auto corrections = corrections_of(*events);
    const auto corrections_for = [&](std::int64_t seq) {
        const auto c = corrections.find(seq);
        return c == corrections.end() ? std::vector<Correction>{} : c->second;
    };
    if (format == "json") {
        boost::json::array a;
        for (const auto& e : *events) {
            auto o = event_json(e, tz);
            boost::json::array cs;
            for (const auto& c : corrections_for(e.seq)) cs.emplace_back(correction_json(c, tz));
            o["corrections"] = std::move(cs);
            a.emplace_back(std::move(o));
        }
        print_json(std::cout, a);
        return {};
    }
    std::cout << record->id << " · " << i18n::with_label(record->workflow) << " · " << i18n::with_label(record->state) << " · "
              << trf(M::lbl_events_count, {std::to_string(events->size())}) << '\n';
    for (const auto& e : *events) {
        // Stored text escaped: a line break in a reason cannot forge a line of the history.
        // A label only for a name the catalog knows (so never for stored bytes it would print raw).
        const std::string name = i18n::find_label(e.name) ? i18n::with_label(e.name) : escape_controls(e.name);
        std::cout << '\n' << '#' << e.seq << "  " << name << "  " << format_local(e.occurred_at, tz)
                  << '\n';
        std::cout << "    " << tr(M::lbl_actor) << ": " << escape_controls(e.actor) << " (" << escape_controls(e.role)
                  << ")  " << tr(M::lbl_reason) << ": " << escape_controls(e.reason) << '\n';
        std::cout << "    " << tr(M::lbl_payload) << ": " << compact_json(parse_stored(e.payload)) << '\n';
        std::cout << "    " << tr(M::lbl_recorded) << ": " << format_local(e.recorded_at, tz);
        if (!e.recorded_by.empty()) std::cout << "  " << tr(M::lbl_recorded_by) << ": " << e.recorded_by;
        std::cout << '\n';
        std::cout << "    global_seq: " << e.global_seq << "  hash: " << e.hash << "  prev_hash: " << e.prev_hash
                  << '\n';
        for (const auto& c : corrections_for(e.seq)) std::cout << "    " << correction_text(c) << '\n';
    }
    return {};
}

void add_history(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("history", tr(M::cmd_history));
    auto args = std::make_shared<HistoryArgs>();
    sub->add_option("case", args->case_id, tr(M::arg_case))->required();
    sub->add_option("--format", args->format, tr(M::opt_history_format))
        ->check(CLI::IsMember({"table", "json", "csv"}));
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_history(*args, c); }});
}

// --- list ------------------------------------------------------------------------

struct ListArgs {
    std::string workflow;
    std::string state;
    std::string now;
    bool overdue = false;
    bool json = false;
    std::string unit;
    std::string subject;
    std::string origin;
    std::string sort;
    std::size_t limit = 0;
    std::string cursor;
    std::string q;
    /// --due-from, --due-before, --opened-from, ... as typed ("" when not given).
    std::string due_from, due_before, opened_from, opened_before, updated_from, updated_before;
};

/// The filter, order and position of `alur list` from its options.
Result<void> list_filter(const ListArgs& args, Context& ctx, CaseFilter& filter) {
    if (!args.unit.empty()) filter.unit = args.unit;
    if (!args.subject.empty()) filter.subject = args.subject;
    if (!args.origin.empty()) filter.origin = args.origin;
    if (!args.q.empty()) {
        auto text = search_text(args.q);
        if (!text) return make_error(errc::invalid_input, "--" + text.error().message, "q");
        filter.text = std::move(*text);
    }
    if (!args.sort.empty()) {
        auto sort = parse_case_sort(args.sort);
        if (!sort) return make_error(errc::invalid_input, trf(M::err_list_sort, {args.sort}), "sort");
        filter.order = sort->order;
        filter.descending = sort->descending;
    }
    const std::tuple<const char*, const std::string&, std::optional<TimePoint>&> ranges[]{
        {"--due-from", args.due_from, filter.due.from},
        {"--due-before", args.due_before, filter.due.before},
        {"--opened-from", args.opened_from, filter.opened.from},
        {"--opened-before", args.opened_before, filter.opened.before},
        {"--updated-from", args.updated_from, filter.updated.from},
        {"--updated-before", args.updated_before, filter.updated.before}};
    for (const auto& [option, text, end] : ranges) {
        if (text.empty()) continue;
        auto at = parse_when(option, text, ctx.timezone());
        if (!at) return at.error();
        end = *at;
    }
    if (!args.cursor.empty()) {
        auto after = read_cursor(ctx.engine->journal(), args.cursor, filter.effective_order());
        if (!after) return after.error();
        filter.after = std::move(*after);
    }
    return {};
}

Result<void> check_state(const std::string& state, const std::vector<const Workflow*>& workflows) {
    std::vector<std::string> known;
    for (const auto* w : workflows)
        for (const auto& s : w->states())
            if (std::find(known.begin(), known.end(), s) == known.end()) known.push_back(s);
    if (std::find(known.begin(), known.end(), state) != known.end()) return {};
    return make_error(errc::invalid_input, trf(M::err_unknown_state, {state, join(known)}));
}

/// The person a case is about: the first object of its data (itself or one
/// level down) that holds both a `nip` and a `name`.
std::pair<std::string, std::string> subject(const std::string& data) {
    const auto v = parse_stored(data);
    if (!v.is_object()) return {};
    auto person = [](const boost::json::object& o) -> std::optional<std::pair<std::string, std::string>> {
        const auto* nip = o.if_contains("nip");
        const auto* name = o.if_contains("name");
        if (nip && name && nip->is_string() && name->is_string())
            return std::pair{std::string(nip->get_string()), std::string(name->get_string())};
        return std::nullopt;
    };
    if (auto p = person(v.get_object())) return *p;
    for (const auto& kv : v.get_object())
        if (kv.value().is_object())
            if (auto p = person(kv.value().get_object())) return *p;
    return {};
}

Result<void> run_list(const ListArgs& args, Context& ctx) {
    CaseFilter filter;
    std::vector<const Workflow*> scope;
    if (!args.workflow.empty()) {
        auto w = ctx.workflow(args.workflow);
        if (!w) return w.error();
        scope.push_back(*w);
        filter.workflow = args.workflow;
    } else {
        for (const auto& w : ctx.workflows) scope.push_back(w.get());
    }
    if (!args.state.empty()) {
        if (auto ok = check_state(args.state, scope); !ok) return ok.error();
        filter.state = args.state;
    }
    const TimePoint now = ctx.clock->now();
    if (args.overdue) filter.overdue_at = now;  // the journal lists them most overdue first
    if (auto ok = list_filter(args, ctx, filter); !ok) return ok.error();
    auto page = list_page(ctx.engine->journal(), std::move(filter), args.limit);
    if (!page) return page.error();
    const std::vector<CaseRecord>* cases = &page->cases;
    const auto& tz = ctx.timezone();
    const auto& dc = ctx.deadline_clock();
    if (args.json) {
        boost::json::array a;
        for (const auto& c : *cases) {
            auto o = case_json(c, tz);
            add_due_json(o, c, now, dc);
            o["unit"] = c.summary.unit;
            o["subject"] = c.summary.subject;
            o["subject_label"] = c.summary.label;
            a.emplace_back(std::move(o));
        }
        print_json(std::cout, a);
        // Standard output stays one JSON array; where the next page starts goes beside it.
        if (page->next) std::cerr << trf(M::list_next, {*page->next}) << '\n';
        return {};
    }
    if (cases->empty()) {
        std::cout << tr(args.overdue ? M::no_overdue : M::no_cases) << '\n';
        return {};
    }
    std::vector<std::string> head{tr(M::col_id), tr(M::col_workflow), tr(M::col_state), tr(M::col_version),
                                  tr(M::col_updated), tr(M::col_due)};
    if (args.overdue) head.push_back(tr(M::col_late));
    head.push_back("NIP");
    head.push_back(tr(M::col_name));
    std::vector<std::vector<std::string>> rows{head};
    for (const auto& c : *cases) {
        auto [nip, name] = subject(c.data);
        std::vector<std::string> row{c.id, c.workflow, c.state, std::to_string(c.version),
                                     format_local(c.updated_at, tz), c.due_at ? local_text(*c.due_at, dc.timezone) : "-"};
        if (args.overdue)
            row.push_back(std::to_string(c.due_at ? std::max(0, -working_days_left(*c.due_at, now, dc)) : 0));
        row.push_back(nip);
        row.push_back(name);
        rows.push_back(std::move(row));
    }
    print_table(std::cout, rows);
    if (page->next) std::cout << trf(M::list_next, {*page->next}) << '\n';
    return {};
}

void add_list(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("list", tr(M::cmd_list));
    auto args = std::make_shared<ListArgs>();
    sub->add_option("--workflow", args->workflow, tr(M::opt_filter_workflow));
    sub->add_option("--state", args->state, tr(M::opt_filter_state));
    sub->add_flag("--overdue", args->overdue, tr(M::opt_overdue));
    sub->add_option("--now", args->now, tr(M::opt_now_read))->option_text("DATETIME");
    sub->add_flag("--json", args->json, tr(M::opt_json));
    sub->add_option("--unit", args->unit, tr(M::opt_list_unit));
    sub->add_option("--subject", args->subject, tr(M::opt_list_subject))->option_text("NIP|POST");
    sub->add_option("--origin", args->origin, tr(M::opt_list_origin))->option_text("CASE");
    sub->add_option("--sort", args->sort, tr(M::opt_list_sort))->option_text("[-]id|due|opened|updated");
    sub->add_option("--limit", args->limit, tr(M::opt_list_limit))->option_text("N")->check(CLI::Range(1, 1000000));
    sub->add_option("--cursor", args->cursor, tr(M::opt_list_cursor));
    sub->add_option("--q", args->q, tr(M::opt_list_q))->option_text("TEXT");
    const std::pair<M, std::string*> from[]{{M::word_due, &args->due_from}, {M::word_opened, &args->opened_from},
                                            {M::word_updated, &args->updated_from}};
    const std::pair<M, std::string*> before[]{{M::word_due, &args->due_before}, {M::word_opened, &args->opened_before},
                                              {M::word_updated, &args->updated_before}};
    const char* names[]{"due", "opened", "updated"};
    for (int i = 0; i < 3; ++i) {
        sub->add_option(std::string("--") + names[i] + "-from", *from[i].second, trf(M::opt_list_from, {tr(from[i].first)}))
            ->option_text("DATETIME");
        sub->add_option(std::string("--") + names[i] + "-before", *before[i].second,
                        trf(M::opt_list_before, {tr(before[i].first)}))
            ->option_text("DATETIME");
    }
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_list(*args, c); }, [args] { return args->now; }});
}

}  // namespace

void add_read_commands(CLI::App& app, const Context&, Registry& out) {
    add_show(app, out);
    add_history(app, out);
    add_list(app, out);
}

}  // namespace alur::cli
