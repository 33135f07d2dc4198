// `alur jobfit start --as-of DATE [--unit UNIT] [--profile P] [--dry-run]`
// and `alur jobfit report BATCH [--format table|csv|json]`: the job fit
// (uji kompetensi) of an agency's sitting JPT officials, one case each.
//
// start reads the roster (`alur roster import`), plans the batch with
// job_fit::plan_batch (who is included, who is excluded and by which rule),
// stores the batch with that plan (SqliteBatchStore::begin, one transaction),
// then opens one job_fit case per included official through the engine, each
// with the idempotency key "jobfit:<batch>:<nip>", and marks the batch
// finished with its cases. Resumable: the same command run again (after a
// crash, a kill, a refused case) takes up the same batch with the same plan,
// answers the cases already opened from their keys and opens the rest, so an
// official never gets a second case; on a finished batch it opens nothing and
// prints the batch again. Its first line of output is the batch id alone.
#include "alur/engine/case_list.hpp"
#include "alur/engine/text.hpp"
#include "alur/personnel/jobfit.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/workflows/job_fit.hpp"
#include "app.hpp"
#include "csv.hpp"
#include "identity.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "values.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>

namespace alur::cli {
namespace {

namespace json = boost::json;

struct StartArgs {
    std::string as_of;
    std::string unit;
    std::string profile;
    std::string actor;
    std::string reason;
    std::string at;
    bool dry_run = false;
    CLI::Option* actor_option = nullptr;
    TokenArg token;
};

std::string official_line(const roster::Official& o) {
    return escape_controls(o.nip + "  " + o.name + "  " + o.post);
}

Result<void> run_start(const StartArgs& args, Context& ctx) {
    // With a token (required by [cli] require_token), actor and role are the token's.
    Command who;
    who.actor = args.actor.empty() ? os_user() : args.actor;
    who.role = "admin";
    if (auto taken = take_identity(who, ctx, args.token, args.actor_option, nullptr); !taken) return taken.error();
    auto as_of = parse_date(args.as_of);
    if (!as_of) return make_error(errc::invalid_input, trf(M::err_jobfit_as_of, {args.as_of}), "as-of");
    const job_fit::Settings& settings = ctx.config.job_fit;
    const std::string profile = args.profile.empty() ? settings.default_profile : args.profile;
    if (!settings.profiles.contains(profile))
        return make_error(errc::invalid_input,
                          trf(M::err_jobfit_profile, {profile, join(personnel::profile_names(settings))}), "profile");

    std::optional<TimePoint> at;
    if (!args.at.empty()) {
        auto when = parse_when("--at", args.at, ctx.timezone());
        if (!when) return when.error();
        at = *when;
    }

    auto roster_store = sqlite::SqliteRoster::open(ctx.globals.db);
    if (!roster_store) return roster_store.error();
    auto batches = sqlite::SqliteBatchStore::open(ctx.globals.db);
    if (!batches) return batches.error();
    personnel::JobfitRequest request{*as_of, args.unit, profile, who.actor, who.role, args.reason, at, args.dry_run};
    auto begun = personnel::begin_jobfit(request, **roster_store, **batches, settings, ctx.clock->now(), language());
    if (!begun) return begun.error();
    sqlite::BatchStart& start = *begun;
    const job_fit::Batch& batch = start.batch;
    std::cout << batch.id << '\n';
    if (!args.dry_run)
        if (auto opened = personnel::open_jobfit_cases(*ctx.engine, **batches, start, request, language()); !opened)
            return opened.error();

    std::map<std::string, std::string> case_of(batch.cases.begin(), batch.cases.end());
    std::cout << trf(args.dry_run ? M::jobfit_would_open : M::jobfit_opened,
                     {std::to_string(start.included.size()), batch.profile, format_date(batch.as_of)})
              << '\n';
    for (const auto& official : start.included)
        std::cout << "  " << (args.dry_run ? std::string() : case_of[official.nip] + "  ") << official_line(official)
                  << '\n';
    std::cout << trf(M::jobfit_excluded, {std::to_string(batch.excluded.size())}) << '\n';
    for (const auto& e : batch.excluded)
        std::cout << "  " << official_line(e.official) << ": "
                  << escape_controls(personnel::exclusion_text(e, batch.as_of, language())) << '\n';
    return {};
}

// --- report ------------------------------------------------------------------------

struct ReportArgs {
    std::string batch;
    std::string format = "table";
};

Result<void> run_report(const ReportArgs& args, Context& ctx) {
    auto batches = sqlite::SqliteBatchStore::open(ctx.globals.db, true);
    if (!batches) return batches.error();
    auto report = personnel::read_jobfit_report(ctx.engine->journal(), **batches, args.batch);
    if (!report) return report.error();
    if (args.format == "json") {
        print_json(std::cout, personnel::report_json(*report));
        return {};
    }
    const auto table = personnel::report_table(*report, args.format == "csv", language());
    if (args.format == "csv") {
        CsvWriter csv(std::cout, table.front());
        for (std::size_t i = 1; i < table.size(); ++i) csv.write(table[i]);
        return {};
    }
    const job_fit::Batch* batch = &report->batch;
    const auto* selections = &report->selections;
    std::cout << trf(M::jobfit_report_heading, {batch->id, format_date(batch->as_of), batch->profile,
                                                batch->unit.empty() ? tr(M::jobfit_whole_agency) : batch->unit})
              << '\n';
    print_table(std::cout, table);
    if (!selections->empty()) {
        std::string ids;
        for (const auto& c : *selections) ids += (ids.empty() ? "" : ", ") + c.id;
        std::cout << '\n' << trf(M::jobfit_report_selections, {ids}) << '\n';
    }
    if (!batch->excluded.empty()) {
        std::cout << '\n' << trf(M::jobfit_excluded, {std::to_string(batch->excluded.size())}) << '\n';
        for (const auto& e : batch->excluded)
            std::cout << "  " << official_line(e.official) << ": "
                      << escape_controls(personnel::exclusion_text(e, batch->as_of, language())) << '\n';
    }
    return {};
}

}  // namespace

void add_jobfit_commands(CLI::App& app, const Context&, Registry& out) {
    auto* jobfit = app.add_subcommand("jobfit", tr(M::cmd_jobfit));
    jobfit->require_subcommand(1);

    auto* start = jobfit->add_subcommand("start", tr(M::cmd_jobfit_start));
    auto start_args = std::make_shared<StartArgs>();
    start->add_option("--as-of", start_args->as_of, tr(M::opt_jobfit_as_of))->required();
    start->add_option("--unit", start_args->unit, tr(M::opt_jobfit_unit));
    start->add_option("--profile", start_args->profile, tr(M::opt_jobfit_profile));
    start_args->actor_option = start->add_option("--actor", start_args->actor, tr(M::opt_actor_default));
    add_token_option(*start, start_args->token);
    start->add_option("--reason", start_args->reason, tr(M::opt_jobfit_reason));
    start->add_option("--at", start_args->at, tr(M::opt_at));
    start->add_flag("--dry-run", start_args->dry_run, tr(M::opt_jobfit_dry_run));
    out.push_back({start, Needs::database, [start_args](Context& c) { return run_start(*start_args, c); }});

    auto* report = jobfit->add_subcommand("report", tr(M::cmd_jobfit_report));
    auto report_args = std::make_shared<ReportArgs>();
    report->add_option("batch", report_args->batch, tr(M::arg_batch))->required();
    report->add_option("--format", report_args->format, tr(M::opt_jobfit_format))
        ->check(CLI::IsMember({"table", "csv", "json"}));
    out.push_back({report, Needs::read_database, [report_args](Context& c) { return run_report(*report_args, c); }});
}

}  // namespace alur::cli
