// POST /api/jobfit, GET /api/jobfit, GET /api/jobfit/{batch}[?format=csv]: the
// job fit batches, with the code `alur jobfit start|report` runs
// (alur/personnel/jobfit.hpp). A dry run answers at once with who would be
// included and who is excluded, and why; a start stores the batch and opens
// its cases on the jobs' thread (jobfit_job.hpp), answering 202.
#include "jobfit_job.hpp"
#include "personnel_routes.hpp"

#include "alur/engine/text.hpp"
#include "csv.hpp"

#include <boost/json/parse.hpp>

#include <sstream>

namespace alur::http::detail {
namespace json = boost::json;
using cli::M;

namespace {

json::object official_json(const roster::Official& o) {
    return {{"nip", o.nip}, {"name", o.name}, {"grade", o.grade}, {"post", o.post}, {"unit", o.unit},
            {"inaugurated_at", format_date(o.inaugurated_at)}, {"birth_date", format_date(o.birth_date)}};
}

json::array excluded_json(const std::vector<job_fit::Exclusion>& excluded, Date as_of) {
    json::array out;
    for (const auto& e : excluded) {
        json::object o = official_json(e.official);
        o["reason"] = e.reason;
        personnel::add_exclusion_detail(o, e, as_of);
        out.push_back(std::move(o));
    }
    return out;
}

std::string status_url(std::string_view batch) { return "/api/jobfit/" + std::string(batch); }

Response unavailable() { return fail(503, "unavailable", "job fit batches are not available on this server"); }

/// A 409 naming the batch: {"error": {...}, "batch", "status_url"}.
Response conflict(const std::string& message, const std::string& batch) {
    return reply(409, json::object{{"error", json::object{{"code", "conflict"}, {"message", message}}},
                                   {"batch", batch},
                                   {"status_url", status_url(batch)}});
}

/// The request's fields, checked; a 400 naming the field otherwise.
std::variant<Response, personnel::JobfitRequest> read_request(const Call& call, cli::Lang lang) {
    boost::system::error_code ec;
    const json::value v = json::parse(call.request.body, ec);
    if (ec) return fail(400, "invalid_input", "the body is not JSON: " + ec.message(), "body");
    if (!v.is_object()) return fail(400, "invalid_input", "the body must be a JSON object", "body");
    const json::object& o = v.get_object();
    for (const auto& kv : o)
        if (kv.key() != "as_of" && kv.key() != "unit" && kv.key() != "profile" && kv.key() != "reason" &&
            kv.key() != "dry_run")
            return fail(400, "invalid_input",
                        "unknown field " + std::string(kv.key()) + " (fields: as_of, unit, profile, reason, dry_run)",
                        std::string(kv.key()));
    personnel::JobfitRequest r;
    std::map<std::string_view, std::string> text;
    for (std::string_view name : {"as_of", "unit", "profile", "reason"}) {
        const json::value* f = o.if_contains(name);
        if (!f || f->is_null()) continue;
        if (!f->is_string()) return fail(400, "invalid_input", std::string(name) + " must be a string", name);
        text[name] = std::string(f->get_string());
        if (auto why = text_problem(text[name], TextKind::line, max_line_chars); why && !text[name].empty())
            return fail(400, "invalid_input", std::string(name) + ": " + *why, name);
    }
    if (const json::value* d = o.if_contains("dry_run"); d && !d->is_null()) {
        if (!d->is_bool()) return fail(400, "invalid_input", "dry_run must be true or false", "dry_run");
        r.dry_run = d->get_bool();
    }
    if (!text.contains("as_of") || text["as_of"].empty())
        return fail(400, "invalid_input", "as_of is required (the batch date, YYYY-MM-DD)", "as_of");
    auto as_of = parse_date(text["as_of"]);
    if (!as_of) return fail(400, "invalid_input", cli::trf(M::api_jobfit_as_of, lang, {text["as_of"]}), "as_of");
    const job_fit::Settings& settings = *call.options.job_fit;
    r.as_of = *as_of;
    r.unit = text["unit"];
    r.profile = text["profile"].empty() ? settings.default_profile : text["profile"];
    if (!settings.profiles.contains(r.profile)) {
        std::string names;
        for (const auto& n : personnel::profile_names(settings)) names += (names.empty() ? "" : ", ") + n;
        return fail(400, "invalid_input", cli::trf(M::api_jobfit_profile, lang, {r.profile, names}), "profile");
    }
    r.reason = text["reason"];
    r.actor = call.token.name;
    r.role = call.token.role;
    return r;
}

}  // namespace

Response start_jobfit(const Call& call, JobfitJobs& jobs) {
    const ApiOptions& options = call.options;
    if (!options.batches || !options.roster || !options.job_fit) return unavailable();
    const cli::Lang lang = request_lang(call);
    auto read = read_request(call, lang);
    if (auto* bad = std::get_if<Response>(&read)) return std::move(*bad);
    personnel::JobfitRequest request = std::get<personnel::JobfitRequest>(std::move(read));
    if (!request.dry_run)
        if (auto running = jobs.running()) return conflict(cli::trf(M::api_jobfit_running, lang, {*running}), *running);

    auto begun = personnel::begin_jobfit(request, *options.roster, *options.batches, *options.job_fit, call.now, lang);
    if (!begun) {
        // Nobody to include: the roster refuses the batch (nothing stored).
        if (begun.error().code == errc::invalid_input) return fail(422, "refused", begun.error().message);
        return fail(begun.error());
    }
    sqlite::BatchStart& start = *begun;
    const job_fit::Batch& batch = start.batch;
    if (request.dry_run) {
        json::array included;
        for (const auto& o : start.included) included.push_back(official_json(o));
        return reply(200, json::object{{"dry_run", true},
                                       {"as_of", format_date(batch.as_of)},
                                       {"unit", batch.unit},
                                       {"profile", batch.profile},
                                       {"included", std::move(included)},
                                       {"excluded", excluded_json(batch.excluded, batch.as_of)}});
    }
    if (start.finished) return conflict(cli::trf(M::api_jobfit_opened, lang, {batch.id}), batch.id);
    const std::string id = batch.id;
    const std::size_t total = start.included.size();
    const bool resumed = start.resumed;
    const json::array excluded = excluded_json(batch.excluded, batch.as_of);
    const bool started = jobs.start(std::move(start), std::move(request), lang, *options.engine, *options.batches,
                                     options.after_write, options.jobfit_finished);
    if (!started) {
        const auto running = jobs.running().value_or(id);
        return conflict(cli::trf(M::api_jobfit_running, lang, {running}), running);
    }
    return reply(202, json::object{{"batch", id},
                                   {"status", "running"},
                                   {"status_url", status_url(id)},
                                   {"resumed", resumed},
                                   {"to_open", total},
                                   {"excluded", excluded}});
}

Response list_jobfit(const Call& call, JobfitJobs& jobs) {
    if (!call.options.batches) return unavailable();
    auto all = call.options.batches->list();
    if (!all) return fail(all.error());
    json::array out;
    for (auto it = all->rbegin(); it != all->rend(); ++it) {
        const auto status = jobs.status(it->id);
        const std::string state = status ? status->state : it->cases.empty() ? "failed" : "done";
        out.push_back(json::object{{"batch", it->id},
                                   {"as_of", format_date(it->as_of)},
                                   {"unit", it->unit},
                                   {"profile", it->profile},
                                   {"created_at", format_utc(it->created_at)},
                                   {"actor", it->actor},
                                   {"status", state},
                                   {"opened", it->cases.size()},
                                   {"excluded", it->excluded.size()},
                                   {"status_url", status_url(it->id)}});
    }
    return reply(200, json::object{{"batches", std::move(out)}});
}

Response show_jobfit(const Call& call, JobfitJobs& jobs, const std::string& id) {
    if (!call.options.batches) return unavailable();
    const auto format = call.query.find("format");
    const bool csv = format != call.query.end() && format->second == "csv";
    if (format != call.query.end() && !csv && format->second != "json" && !format->second.empty())
        return fail(400, "invalid_input", "format must be json or csv", "format");
    auto report = personnel::read_jobfit_report(call.engine.journal(), *call.options.batches, id);
    if (!report) {
        if (report.error().code == errc::not_found) return fail(404, "not_found", "no job fit batch " + id);
        return fail(report.error());
    }
    const cli::Lang lang = request_lang(call);
    if (csv) {
        const auto table = personnel::report_table(*report, true, lang);
        std::ostringstream os;
        cli::CsvWriter writer(os, table.front());
        for (std::size_t i = 1; i < table.size(); ++i) writer.write(table[i]);
        Response r{200, "text/csv; charset=utf-8", os.str(), {}, {}};
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + report->batch.id + ".csv\"");
        return r;
    }
    json::object body = personnel::report_json(*report);
    const auto status = jobs.status(report->batch.id);
    std::string state = status ? status->state : report->batch.cases.empty() ? "failed" : "done";
    body["status"] = state;
    body["opened"] = report->batch.cases.size();
    if (status) body["progress"] = json::object{{"done", status->done}, {"total", status->total}};
    if (state == "failed")
        body["error"] = status && !status->error.empty() ? status->error
                                                          : std::string(cli::tr(M::api_jobfit_interrupted, lang));
    // The report's officials as "cases", each with its case id as "id".
    json::array cases = std::move(body["officials"].as_array());
    for (auto& c : cases) c.as_object()["id"] = c.as_object()["case"];
    body.erase("officials");
    body["cases"] = std::move(cases);
    body["status_url"] = status_url(report->batch.id);
    return reply(200, body);
}

namespace {

constexpr std::string_view person = R"("nip":{"type":"string"},"name":{"type":"string"},"grade":{"type":"string"},
    "post":{"type":"string"},"unit":{"type":"string"},"inaugurated_at":{"type":"string"},"birth_date":{"type":"string"})";

std::string schema(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (auto p : parts) out += p;
    return out;
}

}  // namespace

void add_jobfit_routes(Routes& routes) {
    auto jobs = std::make_shared<JobfitJobs>();  // lives as long as the routes (the Api)
    const ParamDoc lang{"lang", "query", "string", false, "id (default) or en: the language of the texts; else Accept-Language"};
    const ParamDoc batch{"batch", "path", "string", true, "the batch id, e.g. JF-2025-001"};
    routes.add({.method = "POST",
                .pattern = "/api/jobfit",
                .summary = "Start a job fit batch, or preview it (dry_run)",
                .description = "Plans the batch from the roster as `alur jobfit start` does. dry_run: 200 (this schema: "
                               "dry_run, included, excluded) with who "
                               "would be included and who is excluded, and why; nothing stored. Otherwise the batch "
                               "is stored and 202 answers while its cases open on a thread of their own; poll "
                               "status_url. One batch opens at a time (409); a batch of the same as_of, unit and "
                               "profile already opened is 409; an interrupted one started again resumes.",
                .roles = {"admin"},
                .params = {lang},
                .request_body = R"({"type":"object","required":["as_of"],"additionalProperties":false,"properties":{
                    "as_of":{"type":"string","format":"date"},"unit":{"type":"string"},"profile":{"type":"string"},
                    "reason":{"type":"string"},"dry_run":{"type":"boolean"}}})",
                .response_body = schema({R"({"type":"object","properties":{"dry_run":{"type":"boolean"},)",
                                         R"("batch":{"type":"string"},"status":{"type":"string"},"status_url":{"type":"string"},)",
                                         R"("included":{"type":"array","items":{"type":"object","properties":{)", person,
                                         R"(}}},"excluded":{"type":"array","items":{"type":"object","properties":{)", person,
                                         R"(,"reason":{"type":"string"}}}}}})"}),
                .success = 202,
                .errors = {400, 401, 403, 409, 422, 503},
                .slow = true,
                .tag = "jobfit",
                .handler = [jobs](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return start_jobfit(call, *jobs);
                }});
    routes.add({.method = "GET",
                .pattern = "/api/jobfit",
                .summary = "The job fit batches, newest first",
                .response_body = R"({"type":"object","properties":{"batches":{"type":"array","items":{"type":"object",
                    "properties":{"batch":{"type":"string"},"as_of":{"type":"string"},"unit":{"type":"string"},
                    "profile":{"type":"string"},"created_at":{"type":"string"},"actor":{"type":"string"},
                    "status":{"type":"string","enum":["running","done","failed"]},"opened":{"type":"integer"},
                    "excluded":{"type":"integer"},"status_url":{"type":"string"}}}}}})",
                .errors = {401, 503},
                .tag = "jobfit",
                .handler = [jobs](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return list_jobfit(call, *jobs);
                }});
    routes.add({.method = "GET",
                .pattern = "/api/jobfit/{batch}",
                .summary = "A job fit batch: its status and report, or the report as CSV",
                .description = "The report of `alur jobfit report`: the cases by rank (highest total first, equal "
                               "totals share a rank, the unscored null), their outcomes and linked cases, and the "
                               "excluded officials with the reason. status: running while the cases open, done, or "
                               "failed (start it again to resume). format=csv: the same as a download "
                               "(Content-Disposition), headers in ?lang=.",
                .params = {batch,
                           {"format", "query", "string", false, "json (default) or csv"},
                           lang},
                .response_body = schema({R"({"type":"object","properties":{"batch":{"type":"string"},)",
                                         R"("status":{"type":"string","enum":["running","done","failed"]},)",
                                         R"("as_of":{"type":"string"},"unit":{"type":"string"},"profile":{"type":"string"},)",
                                         R"("components":{"type":"array","items":{"type":"string"}},"opened":{"type":"integer"},)",
                                         R"("cases":{"type":"array","items":{"type":"object","properties":{)",
                                         R"("id":{"type":"string"},"nip":{"type":"string"},"name":{"type":"string"},)",
                                         R"("post":{"type":"string"},"unit":{"type":"string"},"state":{"type":"string"},)",
                                         R"("scores":{"type":"object"},"total":{"type":["number","null"]},)",
                                         R"("rank":{"type":["integer","null"]},"outcome":{"type":["string","null"]},)",
                                         R"("linked_case":{"type":["string","null"]},"linked_cases":{"type":"array"}}}},)",
                                         R"("excluded":{"type":"array","items":{"type":"object","properties":{)", person,
                                         R"(,"reason":{"type":"string"}}}}}})"}),
                .errors = {400, 401, 404, 503},
                .tag = "jobfit",
                .handler = [jobs](const Call& call, const PathArgs& args) -> std::variant<Response, Write> {
                    return show_jobfit(call, *jobs, args.at("batch"));
                }});
}

}  // namespace alur::http::detail
