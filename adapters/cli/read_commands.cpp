// Commands that read: `alur show`, `alur history`, `alur list`.
//
// Times are printed in the agency's local time with its offset
// (alur::format_local); `--json` prints one JSON value for scripts.
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <utility>

namespace alur::cli {
namespace {

// --- show ------------------------------------------------------------------------

struct ShowArgs {
    std::string case_id;
    std::string role;
    bool json = false;
};

Result<void> run_show(const ShowArgs& args, Context& ctx) {
    auto view = ctx.engine->view(args.case_id, args.role);
    if (!view) return view.error();
    const auto& c = view->record;
    const auto& tz = ctx.timezone();
    if (args.json) {
        auto o = case_json(c, tz);
        boost::json::array allowed;
        for (const auto& e : view->allowed_events) allowed.emplace_back(e);
        o["allowed_events"] = std::move(allowed);
        print_json(std::cout, o);
        return {};
    }
    auto* workflow = ctx.engine->find_workflow(c.workflow);
    std::string state = c.state;
    if (workflow && workflow->is_final(c.state)) state += " (" + std::string(tr(M::lbl_final)) + ")";
    print_table(std::cout, {
                               {std::string(tr(M::lbl_case)), c.id},
                               {tr(M::lbl_workflow), c.workflow},
                               {tr(M::lbl_state), state},
                               {tr(M::lbl_version), std::to_string(c.version)},
                               {tr(M::lbl_opened), format_local(c.opened_at, tz)},
                               {tr(M::lbl_updated), format_local(c.updated_at, tz)},
                           });
    std::cout << '\n' << tr(M::lbl_data) << ":\n";
    print_json(std::cout, parse_stored(c.data.empty() ? "{}" : c.data));
    std::cout << '\n'
              << (args.role.empty() ? std::string(tr(M::lbl_allowed)) : trf(M::lbl_allowed_role, {args.role}))
              << ":\n";
    if (view->allowed_events.empty()) std::cout << "  " << tr(M::lbl_none) << '\n';
    for (const auto& e : view->allowed_events) std::cout << "  " << e << '\n';
    return {};
}

void add_show(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("show", tr(M::cmd_show));
    auto args = std::make_shared<ShowArgs>();
    sub->add_option("case", args->case_id, tr(M::arg_case))->required();
    sub->add_option("--role", args->role, tr(M::opt_show_role));
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::database, [args](Context& c) { return run_show(*args, c); }});
}

// --- history ---------------------------------------------------------------------

struct HistoryArgs {
    std::string case_id;
    bool json = false;
};

boost::json::object event_json(const EventRecord& e, const TimeZone& tz) {
    boost::json::object o;
    o["seq"] = e.seq;
    o["global_seq"] = e.global_seq;
    o["name"] = e.name;
    o["payload"] = parse_stored(e.payload);
    o["actor"] = e.actor;
    o["role"] = e.role;
    o["reason"] = e.reason;
    o["occurred_at"] = format_local(e.occurred_at, tz);
    o["recorded_at"] = format_local(e.recorded_at, tz);
    o["hash"] = e.hash;
    return o;
}

Result<void> run_history(const HistoryArgs& args, Context& ctx) {
    auto record = ctx.engine->journal().find_case(args.case_id);
    if (!record) return record.error();
    auto events = ctx.engine->journal().case_events(args.case_id);
    if (!events) return events.error();
    const auto& tz = ctx.timezone();
    if (args.json) {
        boost::json::array a;
        for (const auto& e : *events) a.emplace_back(event_json(e, tz));
        print_json(std::cout, a);
        return {};
    }
    std::cout << record->id << " · " << record->workflow << " · " << record->state << " · "
              << trf(M::lbl_events_count, {std::to_string(events->size())}) << '\n';
    for (const auto& e : *events) {
        std::cout << '\n' << '#' << e.seq << "  " << e.name << "  " << format_local(e.occurred_at, tz) << '\n';
        std::cout << "    " << tr(M::lbl_actor) << ": " << e.actor << " (" << e.role << ")  " << tr(M::lbl_reason)
                  << ": " << e.reason << '\n';
        std::cout << "    " << tr(M::lbl_payload) << ": " << compact_json(parse_stored(e.payload)) << '\n';
        std::cout << "    " << tr(M::lbl_recorded) << ": " << format_local(e.recorded_at, tz) << '\n';
    }
    return {};
}

void add_history(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("history", tr(M::cmd_history));
    auto args = std::make_shared<HistoryArgs>();
    sub->add_option("case", args->case_id, tr(M::arg_case))->required();
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::database, [args](Context& c) { return run_history(*args, c); }});
}

// --- list ------------------------------------------------------------------------

struct ListArgs {
    std::string workflow;
    std::string state;
    bool json = false;
};

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
    auto cases = ctx.engine->journal().list_cases(filter);
    if (!cases) return cases.error();
    const auto& tz = ctx.timezone();
    if (args.json) {
        boost::json::array a;
        for (const auto& c : *cases) a.emplace_back(case_json(c, tz));
        print_json(std::cout, a);
        return {};
    }
    if (cases->empty()) {
        std::cout << tr(M::no_cases) << '\n';
        return {};
    }
    std::vector<std::vector<std::string>> rows{{tr(M::col_id), tr(M::col_workflow), tr(M::col_state),
                                                tr(M::col_version), tr(M::col_updated), "NIP", tr(M::col_name)}};
    for (const auto& c : *cases) {
        auto [nip, name] = subject(c.data);
        rows.push_back({c.id, c.workflow, c.state, std::to_string(c.version), format_local(c.updated_at, tz), nip,
                        name});
    }
    print_table(std::cout, rows);
    return {};
}

void add_list(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("list", tr(M::cmd_list));
    auto args = std::make_shared<ListArgs>();
    sub->add_option("--workflow", args->workflow, tr(M::opt_filter_workflow));
    sub->add_option("--state", args->state, tr(M::opt_filter_state));
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::database, [args](Context& c) { return run_list(*args, c); }});
}

}  // namespace

void add_read_commands(CLI::App& app, const Context&, Registry& out) {
    add_show(app, out);
    add_history(app, out);
    add_list(app, out);
}

}  // namespace alur::cli
