// Starting a job fit batch and reading its report (alur/personnel/jobfit.hpp).
#include "alur/personnel/jobfit.hpp"

#include "alur/engine/case_list.hpp"
#include "alur/i18n/citation.hpp"
#include "alur/i18n/page_strings.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace alur::personnel {

namespace json = boost::json;
using cli::M;

namespace {

json::value parse_stored(const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value(text) : v;
}

std::string text_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

/// data.scoring_profile.weights' names, sorted.
std::vector<std::string> profile_components(const json::object& data) {
    std::vector<std::string> out;
    const json::value* profile = data.if_contains("scoring_profile");
    const json::value* weights = profile && profile->is_object() ? profile->get_object().if_contains("weights") : nullptr;
    if (weights && weights->is_object())
        for (const auto& kv : weights->get_object()) out.emplace_back(kv.key());
    std::sort(out.begin(), out.end());
    return out;
}

/// Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4); the unscored last.
void rank(std::vector<ReportRow>& rows) {
    std::vector<ReportRow*> scored;
    for (auto& r : rows)
        if (r.total) scored.push_back(&r);
    std::stable_sort(scored.begin(), scored.end(),
                     [](const ReportRow* a, const ReportRow* b) { return *a->total > *b->total; });
    for (std::size_t i = 0; i < scored.size(); ++i)
        scored[i]->rank = i > 0 && *scored[i]->total == *scored[i - 1]->total ? scored[i - 1]->rank
                                                                             : static_cast<int>(i) + 1;
    std::stable_sort(rows.begin(), rows.end(), [](const ReportRow& a, const ReportRow& b) {
        return (a.rank ? a.rank : 1 << 30) < (b.rank ? b.rank : 1 << 30);
    });
}

}  // namespace

std::string plain_number(double x) {
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
    if (ec != std::errc()) return json::serialize(json::value(x));
    return std::string(buf, end);
}

std::vector<std::string> profile_names(const job_fit::Settings& settings) {
    std::vector<std::string> names;
    for (const auto& [name, p] : settings.profiles) names.push_back(name);
    std::sort(names.begin(), names.end());
    return names;
}

Result<sqlite::BatchStart> begin_jobfit(const JobfitRequest& request, roster::RosterStore& roster,
                                        sqlite::SqliteBatchStore& batches, const job_fit::Settings& settings,
                                        TimePoint now, cli::Lang lang) {
    auto officials = roster.list(request.unit);
    if (!officials) return officials.error();
    const job_fit::BatchPlan plan = job_fit::plan_batch(*officials, request.as_of, request.unit, settings);
    if (plan.included.empty())
        return make_error(errc::invalid_input,
                          cli::trf(M::err_jobfit_nobody, lang,
                                   {request.unit.empty() ? cli::tr(M::jobfit_whole_agency, lang) : request.unit,
                                    std::to_string(plan.excluded.size())}));
    sqlite::BatchStart start;
    job_fit::Batch& batch = start.batch;
    batch.as_of = request.as_of;
    batch.unit = request.unit;
    batch.profile = request.profile;
    batch.created_at = now;
    batch.actor = request.actor;
    batch.excluded = plan.excluded;
    if (request.dry_run) {
        batch.id = std::string("(") + cli::tr(M::jobfit_dry_run_id, lang) + ")";
        start.included = plan.included;
        return start;
    }
    // The batch and its plan are stored in one transaction before any of its cases (so a case
    // never names a batch that is not there); the same request after a crash finds it, with the
    // officials first planned, and opens only the cases still missing.
    return batches.begin(batch, plan.included);
}

Result<void> open_jobfit_cases(Engine& engine, sqlite::SqliteBatchStore& batches, sqlite::BatchStart& start,
                               const JobfitRequest& request, cli::Lang lang, const JobfitProgress& progress) {
    if (start.finished) return {};
    job_fit::Batch& batch = start.batch;
    batch.cases.clear();
    for (const auto& official : start.included) {
        Command cmd;
        cmd.workflow = "job_fit";
        cmd.payload = job_fit::open_payload(official, batch.id, batch.as_of, batch.profile);
        cmd.actor = batch.actor;
        cmd.role = request.role;
        cmd.reason = request.reason.empty() ? cli::trf(M::jobfit_reason_default, lang, {batch.id}) : request.reason;
        // The same key on a rerun: a case opened before a crash is answered, not opened again.
        cmd.idempotency_key = "jobfit:" + batch.id + ":" + official.nip;
        cmd.occurred_at = request.at;
        auto opened = engine.submit(cmd);
        if (!opened)
            return make_error(opened.error().code, cli::trf(M::err_jobfit_open, lang,
                                                            {official.nip, official.name, opened.error().message,
                                                             batch.id}));
        batch.cases.emplace_back(official.nip, opened->projection.id);
        if (progress && !progress(batch.cases.size(), start.included.size()))
            return make_error(errc::busy, "stopped after " + std::to_string(batch.cases.size()) + " cases of batch " +
                                              batch.id + "; start it again to resume it");
    }
    if (auto finished = batches.finish(start); !finished) return finished.error();
    start.finished = true;
    return {};
}

Result<JobfitReport> read_jobfit_report(Journal& journal, job_fit::BatchStore& batches, std::string_view id) {
    auto batch = batches.find(id);
    if (!batch) return batch.error();
    JobfitReport report;
    report.batch = std::move(*batch);
    // The open selections opened from the batch (its vacancies): one read of the batch index.
    CaseFilter from_batch;
    from_batch.jobfit_batch = report.batch.id;
    auto selections = journal.list_cases(from_batch);
    if (!selections) return selections.error();
    report.selections = std::move(*selections);

    for (const auto& [nip, case_id] : report.batch.cases) {
        auto record = journal.find_case(case_id);
        if (!record) return record.error();
        const json::value data = parse_stored(record->data);
        if (!data.is_object()) return make_error(errc::corrupt, "case " + case_id + ": data is not a JSON object");
        const json::object& d = data.get_object();
        ReportRow row{case_id, record->state, {}, {}, std::nullopt, text_at(d, "outcome"), {}, 0};
        if (auto* o = d.if_contains("official"); o && o->is_object()) row.official = o->get_object();
        if (auto* s = d.if_contains("scores"); s && s->is_object()) row.scores = s->get_object();
        if (auto* t = d.if_contains("total"); t && t->is_number()) row.total = t->to_number<double>();
        auto linked = opened_from(journal, case_id);  // one read of the origin index per case, no scan
        if (!linked) return linked.error();
        row.linked = std::move(*linked);
        for (auto& c : profile_components(d))
            if (std::find(report.components.begin(), report.components.end(), c) == report.components.end())
                report.components.push_back(std::move(c));
        report.rows.push_back(std::move(row));
    }
    rank(report.rows);
    return report;
}

json::object report_json(const JobfitReport& report) {
    json::array officials, excluded;
    for (const auto& r : report.rows) {
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
    const job_fit::Batch& batch = report.batch;
    for (const auto& e : batch.excluded) {
        json::object o{{"nip", e.official.nip},
                       {"name", e.official.name},
                       {"post", e.official.post},
                       {"unit", e.official.unit},
                       {"reason", e.reason}};
        add_exclusion_detail(o, e, batch.as_of);
        excluded.push_back(std::move(o));
    }
    json::array names, opened_selections;
    for (const auto& c : report.components) names.push_back(json::value(c));
    for (const auto& c : report.selections)
        opened_selections.push_back(json::object{{"id", c.id}, {"state", c.state}, {"post", c.summary.subject}});
    return json::object{{"batch", batch.id},
                        {"as_of", format_date(batch.as_of)},
                        {"unit", batch.unit},
                        {"profile", batch.profile},
                        {"components", names},
                        {"officials", officials},
                        {"excluded", excluded},
                        {"selections", opened_selections}};
}

std::vector<std::vector<std::string>> report_table(const JobfitReport& report, bool csv, cli::Lang lang) {
    const std::string none = csv ? "" : "-";
    const auto tr = [lang](M m) { return std::string(cli::tr(m, lang)); };
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> head{tr(M::col_ranking), tr(M::col_id), "NIP", tr(M::col_name), tr(M::col_roster_post)};
    head.insert(head.end(), report.components.begin(), report.components.end());
    for (M m : {M::col_total, M::col_outcome, M::col_state, M::col_linked_cases}) head.push_back(tr(m));
    if (csv) head.push_back(tr(M::col_excluded));
    table.push_back(head);
    for (const auto& r : report.rows) {
        std::vector<std::string> line{r.rank ? std::to_string(r.rank) : "-", r.case_id, text_at(r.official, "nip"),
                                      text_at(r.official, "name"), text_at(r.official, "post")};
        for (const auto& c : report.components) {
            const json::value* v = r.scores.if_contains(c);
            line.push_back(v && v->is_number() ? plain_number(v->to_number<double>()) : none);
        }
        line.push_back(r.total ? plain_number(*r.total) : none);
        line.push_back(r.outcome.empty() ? none : r.outcome);
        line.push_back(r.state);
        std::string linked;
        for (const auto& c : r.linked) linked += (linked.empty() ? "" : ", ") + c.id + " (" + c.workflow + ")";
        line.push_back(linked.empty() ? none : linked);
        if (csv) line.push_back("");
        table.push_back(std::move(line));
    }
    if (csv) {
        for (const auto& e : report.batch.excluded) {
            std::vector<std::string> line{"", "", e.official.nip, e.official.name, e.official.post};
            line.resize(head.size() - 1);
            line.push_back(e.reason);
            table.push_back(std::move(line));
        }
    }
    return table;
}

namespace {

using i18n::agency_date;

std::string indonesian_text(const job_fit::ExclusionCause& c, Date as_of) {
    const auto* row = i18n::find_page_string("jobfit_cause_" + c.kind);
    if (!row) return job_fit::cause_text(c, as_of);
    const std::string cite = i18n::citation_text(c.cite, cli::Lang::id);
    return i18n::fill(row->id, {agency_date(c.date), std::to_string(c.months), agency_date(as_of), cite,
                                std::to_string(c.age), c.birthday.ok() ? agency_date(c.birthday) : std::string()});
}

}  // namespace

std::string exclusion_text(const job_fit::Exclusion& e, Date as_of, cli::Lang lang) {
    if (lang != cli::Lang::id || e.causes.empty()) return e.reason;
    std::string id;
    for (const auto& c : e.causes) id += (id.empty() ? "" : "; ") + indonesian_text(c, as_of);
    return id;
}

void add_exclusion_detail(json::object& o, const job_fit::Exclusion& e, Date as_of) {
    if (e.causes.empty()) return;
    json::array causes;
    for (const auto& c : e.causes) {
        json::object co{{"kind", c.kind},
                        {"rule", c.rule},
                        {"cite", c.cite},
                        {"cite_text", json::object{{"id", i18n::citation_text(c.cite, cli::Lang::id)}, {"en", c.cite}}},
                        {"date", format_date(c.date)}};
        if (c.kind == "recently_inaugurated") {
            co["months"] = c.months;
        } else {
            co["age"] = c.age;
            co["birthday"] = format_date(c.birthday);
            if (c.kind == "retires") co["months"] = c.months;
        }
        causes.push_back(std::move(co));
    }
    o["causes"] = std::move(causes);
    o["reason_text"] = json::object{{"id", exclusion_text(e, as_of, cli::Lang::id)}, {"en", e.reason}};
}

}  // namespace alur::personnel
