// `alur rules [--at DATE] [--json]`: every rule Alur applies, with its legal
// basis in force on a date (default: today in the agency's zone). Read from
// the registry (workflows/rules/legal_bases.json); docs/LAW.md explains it.
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include "alur/workflows/legal_bases.hpp"

#include <boost/json/object.hpp>

#include <iostream>

namespace alur::cli {
namespace {

struct RulesArgs {
    std::string at;
    bool json = false;
};

std::string period(const rules::LegalBasis& b) {
    const std::string from = b.from ? format_date(*b.from) : std::string("…");
    const std::string until = b.until ? format_date(*b.until) : std::string("…");
    return from + " – " + until;
}

boost::json::value optional_date(const std::optional<Date>& d) {
    return d ? boost::json::value(format_date(*d)) : boost::json::value(nullptr);
}

boost::json::object basis_json(const rules::LegalBasis& b) {
    return {{"from", optional_date(b.from)},   {"until", optional_date(b.until)},
            {"cite", b.cite},                  {"instrument", b.instrument},
            {"article", b.article},            {"source", b.source},
            {"verified", b.verified},          {"note", b.note}};
}

Result<void> run_rules(const RulesArgs& args, Context& ctx) {
    Date on = today(ctx.timezone());
    if (!args.at.empty()) {
        auto parsed = parse_date(args.at);
        if (!parsed) return make_error(errc::invalid_input, trf(M::err_rules_at, {args.at}), "at");
        on = *parsed;
    }
    const auto& all = rules::registry();
    if (args.json) {
        boost::json::array out;
        for (const auto& r : all) {
            boost::json::array bases;
            for (const auto& b : r.bases) bases.emplace_back(basis_json(b));
            out.emplace_back(boost::json::object{{"id", r.id},
                                                 {"title", r.title},
                                                 {"summary", r.summary},
                                                 {"kind", r.kind},
                                                 {"in_force", basis_json(rules::basis_on(r, on))},
                                                 {"bases", std::move(bases)}});
        }
        print_json(std::cout, boost::json::object{{"at", format_date(on)}, {"rules", std::move(out)}});
        return {};
    }
    std::cout << trf(M::rules_heading, {format_date(on)}) << "\n\n";
    std::vector<std::vector<std::string>> rows{
        {tr(M::col_rule), tr(M::col_basis), tr(M::col_period), tr(M::col_verified)}};
    for (const auto& r : all) {
        const auto& b = rules::basis_on(r, on);
        std::string basis = b.cite;
        if (r.kind == "policy") basis += " (" + std::string(tr(M::word_policy)) + ")";
        rows.push_back({r.id, basis, period(b), b.verified ? tr(M::word_yes) : tr(M::word_no)});
    }
    print_table(std::cout, rows);
    std::cout << '\n' << tr(M::rules_footer) << '\n';
    return {};
}

}  // namespace

void add_rules_commands(CLI::App& app, const Context&, Registry& out) {
    auto* cmd = app.add_subcommand("rules", tr(M::cmd_rules));
    auto args = std::make_shared<RulesArgs>();
    cmd->add_option("--at", args->at, tr(M::opt_rules_at));
    cmd->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({cmd, Needs::nothing, [args](Context& c) { return run_rules(*args, c); }});
}

}  // namespace alur::cli
