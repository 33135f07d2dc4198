// `alur cases linked CASE [--json]`: the cases a case came from (its origin,
// that case's origin, and so on) and the cases it opened (those whose origin
// it is), and the job fit batch it was opened from; and the same section as
// `alur show` prints it.
//
// Reading: alur::linked_cases — one primary-key lookup per step of the chain
// and one read of the journal's origin index (SQLite: cases_by_origin), so
// the cost is the links, not the number of cases.
#include "alur/engine/case_list.hpp"
#include "alur/engine/text.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <iostream>

namespace alur::cli {

void print_links(std::ostream& os, const CaseLinks& links) {
    const auto rows = [&](const std::vector<CaseRecord>& cases) {
        std::vector<std::vector<std::string>> out;
        for (const auto& c : cases) out.push_back({"    " + c.id, c.workflow, c.state, c.summary.label});
        if (out.empty()) out.push_back({"    " + std::string(tr(M::lbl_none))});
        return out;
    };
    os << "  " << tr(M::lbl_came_from) << ":\n";
    auto up = rows(links.came_from);
    if (!links.missing_origin.empty()) {
        if (links.came_from.empty()) up.clear();
        up.push_back({"    " + trf(M::lbl_missing_origin, {links.missing_origin})});
    }
    print_table(os, up);
    if (!links.jobfit_batch.empty()) print_table(os, {{"  " + std::string(tr(M::lbl_jobfit_batch)) + ":", links.jobfit_batch}});
    os << "  " << tr(M::lbl_opened_cases) << ":\n";
    print_table(os, rows(links.opened));
}

namespace {

struct LinkedArgs {
    std::string case_id;
    bool json = false;
};

Result<void> run_linked(const LinkedArgs& args, Context& ctx) {
    auto record = ctx.engine->journal().find_case(args.case_id);
    if (!record) return record.error();
    auto links = linked_cases(ctx.engine->journal(), args.case_id);
    if (!links) return links.error();
    if (args.json) {
        auto o = links_json(*links);
        o["case"] = record->id;
        o["workflow"] = record->workflow;
        o["state"] = record->state;
        print_json(std::cout, o);
        return {};
    }
    std::cout << record->id << " · " << record->workflow << " · " << record->state;
    if (!record->summary.label.empty()) std::cout << " · " << escape_controls(record->summary.label);
    std::cout << '\n';
    print_links(std::cout, *links);
    return {};
}

}  // namespace

void add_links_commands(CLI::App& app, const Context&, Registry& out) {
    auto* cases = app.add_subcommand("cases", tr(M::cmd_cases));
    cases->require_subcommand(1);
    auto* linked = cases->add_subcommand("linked", tr(M::cmd_cases_linked));
    auto args = std::make_shared<LinkedArgs>();
    linked->add_option("case", args->case_id, tr(M::arg_case))->required();
    linked->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({linked, Needs::read_database, [args](Context& c) { return run_linked(*args, c); }});
}

}  // namespace alur::cli
