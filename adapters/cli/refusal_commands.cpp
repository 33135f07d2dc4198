// `alur audit refusals [--case C] [--since T] [--json]`: the refusals log
// (alur/engine/refusals.hpp), and the checks `alur audit verify` adds for the
// two chains beside the event chain: the refusals log and the token grants.
// All read only.
#include "alur/engine/refusals.hpp"
#include "alur/sqlite/refusals.hpp"
#include "alur/sqlite/tokens.hpp"
#include "alur/sqlite/users.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include <iostream>

namespace alur::cli {

namespace {

struct RefusalArgs {
    std::string case_id;
    std::string since;
    bool json = false;
};

Result<void> run_refusals(const RefusalArgs& args, Context& ctx) {
    RefusalFilter filter;
    if (!args.case_id.empty()) filter.case_id = args.case_id;
    if (!args.since.empty()) {
        auto since = parse_when("--since", args.since, ctx.timezone());
        if (!since) return since.error();
        filter.since = *since;
    }
    sqlite::SqliteRefusalLog log(ctx.globals.db, /*read_only=*/true);
    auto refusals = log.list(filter);
    if (!refusals) return refusals.error();
    const auto& tz = ctx.timezone();
    if (args.json) {
        boost::json::array a;
        for (const auto& r : *refusals) {
            auto o = refusal_json(r);
            o["at_local"] = format_local(r.at, tz);
            a.emplace_back(std::move(o));
        }
        print_json(std::cout, a);
        return {};
    }
    if (refusals->empty()) {
        std::cout << tr(M::refusals_none) << '\n';
        return {};
    }
    std::cout << trf(M::refusals_heading, {std::to_string(refusals->size())}) << "\n\n";
    std::vector<std::vector<std::string>> rows{{"#", tr(M::col_when), tr(M::col_case), tr(M::col_event),
                                                tr(M::col_actor), tr(M::col_role), tr(M::col_recorded_by),
                                                tr(M::col_code), tr(M::col_refusal)}};
    for (const auto& r : *refusals) {
        const std::string where = r.case_id.empty() ? "(" + r.workflow + ")" : r.case_id;
        const std::string why = r.field.empty() ? r.message : r.field + ": " + r.message;
        rows.push_back({std::to_string(r.seq), local_text(r.at, tz), where, r.event.empty() ? "-" : r.event, r.actor,
                        r.role, r.recorded_by.empty() ? "-" : r.recorded_by, r.code, why});
    }
    print_table(std::cout, rows);
    return {};
}

}  // namespace

void add_refusals_command(CLI::App& audit, Registry& out) {
    auto* sub = audit.add_subcommand("refusals", tr(M::cmd_audit_refusals));
    auto args = std::make_shared<RefusalArgs>();
    sub->add_option("--case", args->case_id, tr(M::opt_refusals_case));
    sub->add_option("--since", args->since, tr(M::opt_refusals_since))->option_text("DATETIME");
    sub->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({sub, Needs::read_database, [args](Context& c) { return run_refusals(*args, c); }});
}

Result<SideChains> verify_side_chains(Context& ctx) {
    SideChains out;
    sqlite::SqliteRefusalLog log(ctx.globals.db, /*read_only=*/true);
    auto refusals = verify_refusals(log);
    if (!refusals) return refusals.error();
    out.refusals = refusals->entries;
    if (!refusals->ok())
        out.problem = trf(M::verify_refusals_bad, {std::to_string(*refusals->bad_seq), refusals->problem});
    auto tokens = sqlite::SqliteTokenStore::open(ctx.globals.db, /*read_only=*/true);
    if (!tokens) return tokens.error();
    auto grants = verify_grants(**tokens);
    if (!grants) return grants.error();
    out.grants = grants->entries;
    out.tokens = grants->tokens;
    if (!grants->ok() && out.problem.empty()) out.problem = trf(M::verify_grants_bad, {grants->problem});
    auto users = sqlite::SqliteUserStore::open(ctx.globals.db, /*read_only=*/true);
    if (!users) return users.error();
    auto user_check = verify_users(**users);
    if (!user_check) return user_check.error();
    out.users = user_check->users;
    out.user_entries = user_check->entries;
    if (!user_check->ok() && out.problem.empty()) out.problem = trf(M::verify_users_bad, {user_check->problem});
    return out;
}

}  // namespace alur::cli
