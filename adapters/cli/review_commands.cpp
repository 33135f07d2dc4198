// `alur review start --year Y [--unit U] [--grade G]` and `alur review report
// --year Y [--format table|csv|json]`: the performance contract and SKP
// evaluation of an agency's officials, one performance_review case each per
// year.
//
// start reads the roster (`alur roster import`), keeps the officials of the
// unit and grade asked for, and opens one case for each official who has none
// for that year yet, each with the idempotency key "review:<year>:<nip>" and
// the rating of the official's case of the year before (previous_rating, for
// PP 30/2019 art. 53 on two years of the same high rating). Resumable: run again after a crash or a
// refused case, it opens only the cases still missing, so an official never
// gets a second case for a year. Its first line of output is the batch id
// (PK-<year>) alone.
//
// report lists each case of the year: the official, the weighted achievement,
// the rating, the consequences recorded and the cases it opened (the re-test
// job fit and the mutation, whose data.origin names it).
#include "alur/engine/case_list.hpp"
#include "alur/engine/text.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/workflows/performance_review.hpp"
#include "alur/workflows/rules.hpp"
#include "app.hpp"
#include "csv.hpp"
#include "identity.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <map>

namespace alur::cli {
namespace {

namespace json = boost::json;

constexpr const char* workflow_name = "performance_review";

Result<int> parse_year(const std::string& text) {
    int year = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc{} || end != text.data() + text.size() || year < 2000 || year > 2100)
        return make_error(errc::invalid_input, trf(M::err_review_year, {text}), "year");
    return year;
}

/// The year a case's data is of (0 when it has none).
int year_of(const json::object& d) {
    const json::value* y = d.if_contains("year");
    return y && y->is_int64() ? static_cast<int>(y->get_int64()) : 0;
}

/// The performance_review cases as (data, case), of every year.
struct StoredCase {
    CaseRecord record;
    json::object data;
};

Result<std::vector<StoredCase>> review_cases(Journal& journal) {
    auto listed = journal.list_cases(CaseFilter{std::string(workflow_name), std::nullopt, std::nullopt, 0});
    if (!listed) return listed.error();
    std::vector<StoredCase> out;
    for (auto& c : *listed) {
        json::value data = parse_stored(c.data);
        if (!data.is_object()) return make_error(errc::corrupt, "case " + c.id + ": data is not a JSON object");
        out.push_back({std::move(c), std::move(data.get_object())});
    }
    return out;
}

std::string nip_of(const json::object& d) {
    const json::value* o = d.if_contains("official");
    return o && o->is_object() ? text_at(o->get_object(), "nip") : std::string();
}

struct StartArgs {
    std::string year;
    std::string unit;
    std::string grade;
    std::string actor;
    std::string reason;
    std::string at;
    CLI::Option* actor_option = nullptr;
    TokenArg token;
};

Result<void> run_start(const StartArgs& args, Context& ctx) {
    Command who;
    who.actor = args.actor.empty() ? os_user() : args.actor;
    who.role = "admin";
    if (auto taken = take_identity(who, ctx, args.token, args.actor_option, nullptr); !taken) return taken.error();
    auto year = parse_year(args.year);
    if (!year) return year.error();
    if (!args.grade.empty()) {
        const auto& grades = rules::grades();
        if (std::find(grades.begin(), grades.end(), args.grade) == grades.end())
            return make_error(errc::invalid_input, trf(M::err_review_grade, {args.grade, join(grades)}), "grade");
    }
    std::optional<TimePoint> at;
    if (!args.at.empty()) {
        auto when = parse_when("--at", args.at, ctx.timezone());
        if (!when) return when.error();
        at = *when;
    }

    auto roster_store = sqlite::SqliteRoster::open(ctx.globals.db);
    if (!roster_store) return roster_store.error();
    auto roster = (*roster_store)->list(args.unit);
    if (!roster) return roster.error();
    const auto officials = performance_review::plan_batch(*roster, args.unit, args.grade);
    const std::string scope = (args.unit.empty() ? tr(M::jobfit_whole_agency) : args.unit) +
                              (args.grade.empty() ? std::string() : ", " + args.grade);
    if (officials.empty()) return make_error(errc::invalid_input, trf(M::err_review_nobody, {scope}));

    // Who has a case this year already (a rerun), and last year's ratings.
    auto existing = review_cases(ctx.engine->journal());
    if (!existing) return existing.error();
    std::map<std::string, std::string> case_of, previous;
    for (const auto& c : *existing) {
        const int y = year_of(c.data);
        if (y == *year) case_of[nip_of(c.data)] = c.record.id;
        else if (y == *year - 1) previous[nip_of(c.data)] = text_at(c.data, "rating");
    }

    const std::string batch = "PK-" + std::to_string(*year);
    std::cout << batch << '\n';
    // One inaugurated into the post after the cases' date is not reviewed in
    // it yet (its opening would be refused): left out, and a later run takes it.
    const TimePoint when = at.value_or(ctx.clock->now());
    const Date today = local_date(when, ctx.timezone());
    std::vector<std::string> left_out;
    std::size_t already = 0;
    for (const auto& official : officials) {
        if (case_of.contains(official.nip)) {
            ++already;
            continue;
        }
        if (std::chrono::sys_days{official.inaugurated_at} > std::chrono::sys_days{today}) {
            left_out.push_back(trf(M::review_left_out, {official.nip, official.name, format_date(official.inaugurated_at),
                                                       format_date(today)}));
            continue;
        }
        Command cmd;
        cmd.workflow = workflow_name;
        cmd.payload = performance_review::open_payload(official, *year, previous[official.nip]);
        cmd.actor = who.actor;
        cmd.role = who.role;
        cmd.reason = args.reason.empty() ? trf(M::review_reason_default, {batch}) : args.reason;
        cmd.idempotency_key = "review:" + std::to_string(*year) + ":" + official.nip;
        cmd.occurred_at = at;
        auto opened = ctx.engine->submit(cmd);
        if (!opened)
            return make_error(opened.error().code,
                              trf(M::err_review_open, {official.nip, official.name, opened.error().message}));
        case_of[official.nip] = opened->projection.id;
    }
    std::cout << trf(M::review_opened, {std::to_string(officials.size() - already - left_out.size()),
                                        std::to_string(*year), std::to_string(already)})
              << '\n';
    for (const auto& o : officials)
        if (case_of.contains(o.nip))
            std::cout << "  " << case_of[o.nip] << "  " << escape_controls(o.nip + "  " + o.name + "  " + o.post)
                      << '\n';
    for (const auto& line : left_out) std::cout << "  " << escape_controls(line) << '\n';
    return {};
}

// --- report ------------------------------------------------------------------------

struct ReportArgs {
    std::string year;
    std::string format = "table";
};

/// What followed the evaluation, as short words: "tpp_cut 10% 12m", "coaching",
/// "move_proposal", "improvement until 2021-07-15", "retest", "move lower_post",
/// "priority succession_group".
std::vector<std::string> consequences(const json::object& d) {
    std::vector<std::string> out;
    if (auto* cut = d.if_contains("tpp_cut"); cut && cut->is_object())
        out.push_back("tpp_cut " + number_at(&cut->get_object(), "percent", "?") + "% " +
                      number_at(&cut->get_object(), "months", "?") + "m");
    if (d.contains("coaching")) out.push_back("coaching");
    if (d.contains("move_proposal")) out.push_back("move_proposal");
    if (auto* imp = d.if_contains("improvement"); imp && imp->is_object())
        out.push_back("improvement until " + text_at(imp->get_object(), "until"));
    if (d.contains("retest")) out.push_back("retest");
    if (auto* m = d.if_contains("move"); m && m->is_object()) out.push_back("move " + text_at(m->get_object(), "kind"));
    if (auto* two = d.if_contains("two_years"); two && two->is_object())
        out.push_back("priority " + text_at(two->get_object(), "priority"));
    return out;
}

Result<void> run_report(const ReportArgs& args, Context& ctx) {
    auto year = parse_year(args.year);
    if (!year) return year.error();
    Journal& journal = ctx.engine->journal();
    auto cases = review_cases(journal);
    if (!cases) return cases.error();
    std::erase_if(*cases, [&](const StoredCase& c) { return year_of(c.data) != *year; });

    // The cases they opened (their origin): the re-test job fit and the mutation, one read of the
    // journal's origin index per review (alur::opened_from), not a scan of every job fit and mutation.
    std::map<std::string, std::vector<std::string>> linked;
    for (const auto& c : *cases) {
        auto opened = opened_from(journal, c.record.id);
        if (!opened) return opened.error();
        for (const auto& o : *opened) linked[c.record.id].push_back(o.id);
    }

    if (args.format == "json") {
        json::array rows;
        for (const auto& c : *cases) {
            const json::object& d = c.data;
            const json::object* o = d.if_contains("official") ? d.at("official").if_object() : nullptr;
            json::object row{{"case", c.record.id}, {"state", c.record.state}};
            for (const char* key : {"nip", "name", "grade", "post", "unit"})
                row[key] = o ? text_at(*o, key) : std::string();
            row["achievement"] = d.contains("achievement") ? d.at("achievement") : json::value(nullptr);
            row["rating"] = d.contains("rating") ? d.at("rating") : json::value(nullptr);
            json::array cons, links;
            for (auto& s : consequences(d)) cons.push_back(json::value(s));
            for (auto& s : linked[c.record.id]) links.push_back(json::value(s));
            row["consequences"] = std::move(cons);
            row["linked_cases"] = std::move(links);
            rows.push_back(std::move(row));
        }
        print_json(std::cout, json::object{{"year", *year}, {"officials", rows}});
        return {};
    }

    const bool csv = args.format == "csv";
    const std::string none = csv ? "" : "-";
    std::vector<std::vector<std::string>> table;
    table.push_back({tr(M::col_id), "NIP", tr(M::col_name), tr(M::col_roster_post), tr(M::col_roster_unit),
                     tr(M::col_achievement), tr(M::col_rating), tr(M::col_consequence), tr(M::col_state),
                     tr(M::col_linked_cases)});
    for (const auto& c : *cases) {
        const json::object& d = c.data;
        const json::object* o = d.if_contains("official") ? d.at("official").if_object() : nullptr;
        auto field = [&](const char* key) { return o ? text_at(*o, key) : std::string(); };
        const std::string rating = text_at(d, "rating");
        const auto cons = consequences(d);
        std::string cons_text, links_text;
        for (const auto& s : cons) cons_text += (cons_text.empty() ? "" : "; ") + s;
        for (const auto& s : linked[c.record.id]) links_text += (links_text.empty() ? "" : " ") + s;
        table.push_back({c.record.id, field("nip"), field("name"), field("post"), field("unit"),
                         number_at(&d, "achievement", none), rating.empty() ? none : rating,
                         cons_text.empty() ? none : cons_text, c.record.state,
                         links_text.empty() ? none : links_text});
    }
    if (csv) {
        CsvWriter out(std::cout, table.front());
        for (std::size_t i = 1; i < table.size(); ++i) out.write(table[i]);
        return {};
    }
    std::cout << trf(M::review_report_heading, {std::to_string(*year), std::to_string(cases->size())}) << '\n';
    print_table(std::cout, table);
    return {};
}

}  // namespace

void add_review_commands(CLI::App& app, const Context&, Registry& out) {
    auto* review = app.add_subcommand("review", tr(M::cmd_review));
    review->require_subcommand(1);

    auto* start = review->add_subcommand("start", tr(M::cmd_review_start));
    auto start_args = std::make_shared<StartArgs>();
    start->add_option("--year", start_args->year, tr(M::opt_review_year))->required();
    start->add_option("--unit", start_args->unit, tr(M::opt_review_unit));
    start->add_option("--grade", start_args->grade, tr(M::opt_review_grade));
    start_args->actor_option = start->add_option("--actor", start_args->actor, tr(M::opt_actor_default));
    add_token_option(*start, start_args->token);
    start->add_option("--reason", start_args->reason, tr(M::opt_jobfit_reason));
    start->add_option("--at", start_args->at, tr(M::opt_at));
    out.push_back({start, Needs::database, [start_args](Context& c) { return run_start(*start_args, c); }});

    auto* report = review->add_subcommand("report", tr(M::cmd_review_report));
    auto report_args = std::make_shared<ReportArgs>();
    report->add_option("--year", report_args->year, tr(M::opt_review_year))->required();
    report->add_option("--format", report_args->format, tr(M::opt_jobfit_format))
        ->check(CLI::IsMember({"table", "csv", "json"}));
    out.push_back({report, Needs::read_database, [report_args](Context& c) { return run_report(*report_args, c); }});
}

}  // namespace alur::cli
