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
    if (!settings.profiles.contains(profile)) {
        std::vector<std::string> names;
        for (const auto& [name, p] : settings.profiles) names.push_back(name);
        return make_error(errc::invalid_input, trf(M::err_jobfit_profile, {profile, join(names)}), "profile");
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
    const job_fit::BatchPlan plan = job_fit::plan_batch(*roster, *as_of, args.unit, settings);
    if (plan.included.empty())
        return make_error(errc::invalid_input,
                          trf(M::err_jobfit_nobody, {args.unit.empty() ? tr(M::jobfit_whole_agency) : args.unit,
                                                     std::to_string(plan.excluded.size())}));

    auto batches = sqlite::SqliteBatchStore::open(ctx.globals.db);
    if (!batches) return batches.error();
    sqlite::BatchStart start;
    job_fit::Batch& batch = start.batch;
    batch.as_of = *as_of;
    batch.unit = args.unit;
    batch.profile = profile;
    batch.created_at = ctx.clock->now();
    batch.actor = who.actor;
    batch.excluded = plan.excluded;
    if (args.dry_run) {
        batch.id = std::string("(") + tr(M::jobfit_dry_run_id) + ")";
        start.included = plan.included;
    } else {
        // The batch and its plan are stored in one transaction before any of its cases (so a case
        // never names a batch that is not there); a rerun of the same command after a crash finds
        // it, with the officials first planned, and opens only the cases still missing.
        auto begun = (*batches)->begin(batch, plan.included);
        if (!begun) return begun.error();
        start = std::move(*begun);
    }
    std::cout << batch.id << '\n';

    if (!args.dry_run && !start.finished) {
        for (const auto& official : start.included) {
            Command cmd;
            cmd.workflow = "job_fit";
            cmd.payload = job_fit::open_payload(official, batch.id, batch.as_of, batch.profile);
            cmd.actor = batch.actor;
            cmd.role = who.role;
            cmd.reason = args.reason.empty() ? trf(M::jobfit_reason_default, {batch.id}) : args.reason;
            // The same key on a rerun: a case opened before a crash is answered, not opened again.
            cmd.idempotency_key = "jobfit:" + batch.id + ":" + official.nip;
            cmd.occurred_at = at;
            auto opened = ctx.engine->submit(cmd);
            if (!opened)
                return make_error(opened.error().code, trf(M::err_jobfit_open, {official.nip, official.name,
                                                                               opened.error().message, batch.id}));
            batch.cases.emplace_back(official.nip, opened->projection.id);
        }
        if (auto finished = (*batches)->finish(start); !finished) return finished.error();
    }

    std::map<std::string, std::string> case_of(batch.cases.begin(), batch.cases.end());
    std::cout << trf(args.dry_run ? M::jobfit_would_open : M::jobfit_opened,
                     {std::to_string(start.included.size()), batch.profile, format_date(batch.as_of)})
              << '\n';
    for (const auto& official : start.included)
        std::cout << "  " << (args.dry_run ? std::string() : case_of[official.nip] + "  ") << official_line(official)
                  << '\n';
    std::cout << trf(M::jobfit_excluded, {std::to_string(batch.excluded.size())}) << '\n';
    for (const auto& e : batch.excluded)
        std::cout << "  " << official_line(e.official) << ": " << escape_controls(e.reason) << '\n';
    return {};
}

// --- report ------------------------------------------------------------------------

struct ReportArgs {
    std::string batch;
    std::string format = "table";
};

/// One official of a batch as the report shows them.
struct Row {
    std::string case_id;
    std::string state;
    json::object official;
    json::object scores;
    std::optional<double> total;
    std::string outcome;
    /// The cases opened from this one (their origin), through the journal's
    /// origin index: the mutation the PPK's approved rotation opened, a
    /// development plan, ...
    std::vector<CaseRecord> linked;
    int rank = 0;        ///< 0: not yet scored
};

/// Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4).
void rank(std::vector<Row>& rows) {
    std::vector<Row*> scored;
    for (auto& r : rows)
        if (r.total) scored.push_back(&r);
    std::stable_sort(scored.begin(), scored.end(), [](const Row* a, const Row* b) { return *a->total > *b->total; });
    for (std::size_t i = 0; i < scored.size(); ++i)
        scored[i]->rank = i > 0 && *scored[i]->total == *scored[i - 1]->total ? scored[i - 1]->rank
                                                                             : static_cast<int>(i) + 1;
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return (a.rank ? a.rank : 1 << 30) < (b.rank ? b.rank : 1 << 30);
    });
}

Result<void> run_report(const ReportArgs& args, Context& ctx) {
    auto batches = sqlite::SqliteBatchStore::open(ctx.globals.db, true);
    if (!batches) return batches.error();
    auto batch = (*batches)->find(args.batch);
    if (!batch) return batch.error();
    Journal& journal = ctx.engine->journal();
    // The open selections opened from the batch (its vacancies): one read of the batch index.
    CaseFilter from_batch;
    from_batch.jobfit_batch = batch->id;
    auto selections = journal.list_cases(from_batch);
    if (!selections) return selections.error();

    std::vector<Row> rows;
    std::vector<std::string> components;  // of the batch's profile, sorted
    for (const auto& [nip, case_id] : batch->cases) {
        auto record = journal.find_case(case_id);
        if (!record) return record.error();
        const json::value data = parse_stored(record->data);
        if (!data.is_object()) return make_error(errc::corrupt, "case " + case_id + ": data is not a JSON object");
        const json::object& d = data.get_object();
        Row row{case_id, record->state, {}, {}, std::nullopt, text_at(d, "outcome"), {}, 0};
        if (auto* o = d.if_contains("official"); o && o->is_object()) row.official = o->get_object();
        if (auto* s = d.if_contains("scores"); s && s->is_object()) row.scores = s->get_object();
        if (auto* t = d.if_contains("total"); t && t->is_number()) row.total = t->to_number<double>();
        auto linked = opened_from(journal, case_id);  // one read of the origin index per case, no scan
        if (!linked) return linked.error();
        row.linked = std::move(*linked);
        for (auto& c : profile_components(d))
            if (std::find(components.begin(), components.end(), c) == components.end()) components.push_back(std::move(c));
        rows.push_back(std::move(row));
    }
    rank(rows);

    if (args.format == "json") {
        json::array officials, excluded;
        for (const auto& r : rows) {
            json::object o{{"case", r.case_id},         {"state", r.state},   {"nip", text_at(r.official, "nip")},
                           {"name", text_at(r.official, "name")},              {"post", text_at(r.official, "post")},
                           {"unit", text_at(r.official, "unit")},              {"scores", r.scores}};
            o["total"] = r.total ? json::value(*r.total) : json::value(nullptr);
            o["rank"] = r.rank ? json::value(r.rank) : json::value(nullptr);
            o["outcome"] = r.outcome.empty() ? json::value(nullptr) : json::value(r.outcome);
            // linked_case: the first mutation opened (as earlier versions gave it); linked_cases: every case.
            json::value first_mutation = nullptr;
            json::array linked;
            for (const auto& c : r.linked) {
                if (first_mutation.is_null() && c.workflow == "mutation") first_mutation = json::string(c.id);
                linked.push_back(json::object{{"id", c.id}, {"workflow", c.workflow}, {"state", c.state}});
            }
            o["linked_case"] = std::move(first_mutation);
            o["linked_cases"] = std::move(linked);
            officials.push_back(std::move(o));
        }
        for (const auto& e : batch->excluded)
            excluded.push_back(json::object{{"nip", e.official.nip},
                                            {"name", e.official.name},
                                            {"post", e.official.post},
                                            {"unit", e.official.unit},
                                            {"reason", e.reason}});
        json::array names, opened_selections;
        for (const auto& c : components) names.push_back(json::value(c));
        for (const auto& c : *selections)
            opened_selections.push_back(json::object{{"id", c.id}, {"state", c.state}, {"post", c.summary.subject}});
        print_json(std::cout, json::object{{"batch", batch->id},
                                           {"as_of", format_date(batch->as_of)},
                                           {"unit", batch->unit},
                                           {"profile", batch->profile},
                                           {"components", names},
                                           {"officials", officials},
                                           {"excluded", excluded},
                                           {"selections", opened_selections}});
        return {};
    }

    std::vector<std::vector<std::string>> table;
    std::vector<std::string> head{tr(M::col_ranking), tr(M::col_id), "NIP", tr(M::col_name), tr(M::col_roster_post)};
    head.insert(head.end(), components.begin(), components.end());
    for (M m : {M::col_total, M::col_outcome, M::col_state, M::col_linked_cases}) head.push_back(tr(m));
    if (args.format == "csv") head.push_back(tr(M::col_excluded));
    table.push_back(head);
    for (const auto& r : rows) {
        std::vector<std::string> line{r.rank ? std::to_string(r.rank) : "-", r.case_id, text_at(r.official, "nip"),
                                      text_at(r.official, "name"), text_at(r.official, "post")};
        for (const auto& c : components) line.push_back(number_at(&r.scores, c, args.format == "csv" ? "" : "-"));
        line.push_back(r.total ? compact_json(json::value(*r.total)) : (args.format == "csv" ? "" : "-"));
        line.push_back(r.outcome.empty() ? (args.format == "csv" ? "" : "-") : r.outcome);
        line.push_back(r.state);
        std::string linked;
        for (const auto& c : r.linked) linked += (linked.empty() ? "" : ", ") + c.id + " (" + c.workflow + ")";
        line.push_back(linked.empty() ? (args.format == "csv" ? "" : "-") : linked);
        if (args.format == "csv") line.push_back("");
        table.push_back(std::move(line));
    }
    if (args.format == "csv") {
        for (const auto& e : batch->excluded) {
            std::vector<std::string> line{"", "", e.official.nip, e.official.name, e.official.post};
            line.resize(head.size() - 1);
            line.push_back(e.reason);
            table.push_back(std::move(line));
        }
        CsvWriter csv(std::cout, table.front());
        for (std::size_t i = 1; i < table.size(); ++i) csv.write(table[i]);
        return {};
    }
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
            std::cout << "  " << official_line(e.official) << ": " << escape_controls(e.reason) << '\n';
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
