// `alur selection applicants CASE [--format table|csv|json]`: the applicants
// (pelamar) of an open selection case in registration order, with their
// status, the reasons a failed one fails the requirements (the workflow's
// English text, as refusals are printed), each score of the case's scoring
// profile, the weighted total and the ranking.
//
// The table is for people (headings and statuses translated); csv (fixed
// English column names, raw statuses) and json (the case's own data) are for
// scripts.
#include "alur/workflows/open_selection.hpp"
#include "app.hpp"
#include "csv.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <array>
#include <iostream>

namespace alur::cli {
namespace {

namespace json = boost::json;

struct ApplicantsArgs {
    std::string case_id;
    std::string format = "table";
};

/// A status as people read it: "memenuhi syarat" / "eligible".
std::string status_text(const std::string& status) {
    static constexpr std::array<M, 6> labels{M::status_registered, M::status_withdrawn,   M::status_eligible,
                                             M::status_failed,     M::status_shortlisted, M::status_chosen};
    const auto& all = open_selection::applicant_statuses();
    for (std::size_t i = 0; i < all.size() && i < labels.size(); ++i)
        if (all[i] == status) return tr(labels[i]);
    return status;
}

/// One applicant's columns: NIP, name, current post, status, reasons, each score, total, ranking.
std::vector<std::string> applicant_row(const json::object& a, const std::vector<std::string>& components,
                                       bool for_people) {
    std::vector<std::string> reasons;
    if (const json::value* r = a.if_contains("reasons"); r && r->is_array())
        for (const auto& reason : r->get_array())
            if (reason.is_string()) reasons.emplace_back(reason.get_string());
    const std::string status = text_at(a, "status");
    std::vector<std::string> row{text_at(a, "nip"), text_at(a, "name"), text_at(a, "current_post"),
                                 for_people ? status_text(status) : status,
                                 reasons.empty() && for_people ? "-" : join(reasons, "; ")};
    const json::value* scores = a.if_contains("scores");
    for (const auto& c : components) row.push_back(number_at(scores && scores->is_object() ? &scores->get_object() : nullptr, c));
    row.push_back(number_at(&a, "total"));
    row.push_back(number_at(&a, "ranking"));
    if (!for_people)
        for (auto& cell : row)
            if (cell == "-") cell.clear();
    return row;
}

Result<void> run_applicants(const ApplicantsArgs& args, Context& ctx) {
    auto record = ctx.engine->journal().find_case(args.case_id);
    if (!record) return record.error();
    if (record->workflow != "open_selection")
        return make_error(errc::invalid_input, trf(M::err_not_selection, {record->id, record->workflow}));
    const json::value parsed = parse_stored(record->data.empty() ? "{}" : record->data);
    const json::object data = parsed.is_object() ? parsed.get_object() : json::object{};
    const json::value* listed = data.if_contains("applicants");
    const json::array applicants = listed && listed->is_array() ? listed->get_array() : json::array{};
    const auto components = profile_components(data);

    if (args.format == "json") {
        print_json(std::cout, json::object{{"case", record->id},
                                           {"post", text_at(data, "post")},
                                           {"unit", text_at(data, "unit")},
                                           {"state", record->state},
                                           {"applicants", applicants}});
        return {};
    }
    if (args.format == "csv") {
        std::vector<std::string> head{"nip", "name", "current_post", "status", "reasons"};
        head.insert(head.end(), components.begin(), components.end());
        head.emplace_back("total");
        head.emplace_back("ranking");
        CsvWriter table(std::cout, head);
        for (const auto& a : applicants)
            if (a.is_object()) table.write(applicant_row(a.get_object(), components, false));
        return {};
    }
    std::cout << trf(M::selection_heading, {record->id, text_at(data, "post"), text_at(data, "unit"), record->state,
                                            std::to_string(applicants.size())})
              << '\n';
    if (applicants.empty()) {
        std::cout << tr(M::selection_none) << '\n';
        return {};
    }
    std::vector<std::string> head{"NIP", tr(M::col_name), tr(M::col_current_post), tr(M::col_status),
                                  tr(M::col_reasons)};
    head.insert(head.end(), components.begin(), components.end());
    head.emplace_back(tr(M::col_total));
    head.emplace_back(tr(M::col_ranking));
    std::vector<std::vector<std::string>> rows{head};
    for (const auto& a : applicants)
        if (a.is_object()) rows.push_back(applicant_row(a.get_object(), components, true));
    std::cout << '\n';
    print_table(std::cout, rows);
    return {};
}

}  // namespace

void add_selection_commands(CLI::App& app, const Context&, Registry& out) {
    auto* selection = app.add_subcommand("selection", tr(M::cmd_selection));
    selection->require_subcommand(1);
    auto args = std::make_shared<ApplicantsArgs>();
    auto* applicants = selection->add_subcommand("applicants", tr(M::cmd_selection_applicants));
    applicants->add_option("case", args->case_id, tr(M::arg_case))->required();
    applicants->add_option("--format", args->format, tr(M::opt_selection_format))
        ->check(CLI::IsMember({"table", "csv", "json"}));
    out.push_back({applicants, Needs::read_database, [args](Context& c) { return run_applicants(*args, c); }});
}

}  // namespace alur::cli
