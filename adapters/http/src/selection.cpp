// The open selection routes: an open_selection case's applicants (pelamar),
// registering one, and the shortlist. What is read comes from the case's
// data as alur/reports/applicants.hpp reads it (the same as `alur selection
// applicants`); registering is the workflow's applicant_registered event,
// submitted and journaled like any event (the router submits the Write).
//
//   GET  /api/cases/{id}/applicants   the applicants, their status, reasons, scores, total and ranking
//   POST /api/cases/{id}/applicants   register one (admin): 201
//   GET  /api/cases/{id}/shortlist    the shortlist of three and the PPK's choice
#include "api_detail.hpp"
#include "routes.hpp"

#include "alur/reports/applicants.hpp"
#include "alur/workflows/open_selection.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>


namespace alur::http::detail {
namespace json = boost::json;

namespace {

constexpr const char* register_event = "applicant_registered";

/// The open selection case `id`: 404 when unknown, 400 when of another workflow.
std::variant<Response, reports::SelectionView> selection_of(const Call& call, const std::string& id) {
    auto record = call.engine.journal().find_case(id);
    if (!record) return fail(record.error());
    if (!reports::is_selection(*record))
        return fail(400, "invalid_input",
                    id + " is a " + record->workflow + " case, not an open selection (open_selection)", "id");
    return reports::selection_view(std::move(*record));
}

std::variant<Response, Write> list_applicants(const Call& call, const PathArgs& args) {
    auto view = selection_of(call, args.at("id"));
    if (auto* r = std::get_if<Response>(&view)) return std::move(*r);
    auto& selection = std::get<reports::SelectionView>(view);
    json::object out = reports::applicants_json(selection);
    auto allowed = call.engine.view(selection.record.id, call.token.role);
    if (!allowed) return fail(allowed.error());
    json::array events;
    for (const auto& e : allowed->allowed_events) events.push_back(json::string(e));
    out["allowed_events"] = std::move(events);
    return reply(200, out);
}

std::variant<Response, Write> show_shortlist(const Call& call, const PathArgs& args) {
    auto view = selection_of(call, args.at("id"));
    if (auto* r = std::get_if<Response>(&view)) return std::move(*r);
    return reply(200, reports::selection_shortlist_json(std::get<reports::SelectionView>(view)));
}

std::variant<Response, Write> register_applicant(const Call& call, const PathArgs& args) {
    const std::string& id = args.at("id");
    auto view = selection_of(call, id);
    if (auto* r = std::get_if<Response>(&view)) return std::move(*r);
    boost::system::error_code ec;
    json::value body = json::parse(call.request.body, ec);
    if (ec) return fail(400, "invalid_input", "the body is not JSON: " + ec.message(), "body");
    if (!body.is_object()) return fail(400, "invalid_input", "the body must be a JSON object", "body");
    Command cmd;
    cmd.case_id = id;
    cmd.event = register_event;
    cmd.actor = call.token.name;
    cmd.role = call.token.role;
    cmd.recorded_by = call.token.name;
    cmd.reason = "pendaftaran pelamar";
    for (const auto& [key, value] : body.get_object()) {
        if (key == "reason") {
            if (!value.is_string() || value.get_string().empty())
                return fail(400, "invalid_input", "reason must be a non-empty string", "reason");
            cmd.reason = std::string(value.get_string());
        } else if (key == "at") {
            if (!value.is_string()) return fail(400, "invalid_input", "at must be a date-time string", "at");
            auto at = parse_datetime(value.get_string(), call.deadline_clock.timezone);
            if (!at) return fail(400, "invalid_input", at.error().message, "at");
            cmd.occurred_at = *at;
        } else {
            cmd.payload[key] = value;  // the workflow checks every field inside Engine::submit
        }
    }
    auto version = if_match_version(call.request);
    if (!version) return fail(version.error());
    cmd.expected_version = *version;
    if (!call.request.idempotency_key.empty()) cmd.idempotency_key = call.request.idempotency_key;
    const std::string nip = cmd.payload.contains("nip") && cmd.payload.at("nip").is_string()
                                ? std::string(cmd.payload.at("nip").get_string())
                                : std::string();
    return Write{std::move(cmd), [nip](const Outcome& outcome) {
                     const reports::SelectionView after = reports::selection_view(outcome.projection);
                     json::value applicant = nullptr;
                     for (const auto& a : after.applicants)
                         if (a.is_object() && a.get_object().contains("nip") && a.get_object().at("nip") == nip.c_str())
                             applicant = reports::applicant_json(after, a.get_object());
                     return reply(201, json::object{{"case", outcome.projection.id},
                                                    {"state", outcome.projection.state},
                                                    {"version", outcome.projection.version},
                                                    {"applicant", std::move(applicant)},
                                                    {"event", json::object{{"name", outcome.event.name},
                                                                           {"seq", outcome.event.seq},
                                                                           {"global_seq", outcome.event.global_seq},
                                                                           {"occurred_at", format_utc(outcome.event.occurred_at)},
                                                                           {"hash", outcome.event.hash}}}});
                 }};
}

// --- descriptions (OpenAPI) -------------------------------------------------------------

/// `values` as a JSON array's text, for an "enum".
std::string enum_of(const std::vector<std::string>& values) {
    json::array out;
    for (const auto& v : values) out.push_back(json::string(v));
    return json::serialize(out);
}

const char* const reason_schema =
    R"j({"type":"object","required":["text","rule","cite","cite_text","kind","reason_text"],"properties":{)j"
    R"j("text":{"type":"string","description":"the reason as the workflow wrote it (English)"},)j"
    R"j("rule":{"type":"string","description":"jpt_pratama_requirements (PP 11/2017 art. 107), announcement (the announcement's own requirements) or withdrawal (the applicant's own reason)"},)j"
    R"j("cite":{"type":"string","description":"what the reason rests on: the citation in force on the check's date, or the announcement's number"},)j"
    R"j("cite_text":{"type":"object","required":["id","en"],"description":"cite as a person reads it in Indonesian (pasal, ayat) and English","properties":{"id":{"type":"string"},"en":{"type":"string"}}},)j"
    R"j("kind":{"type":"string","enum":["rank_below","years_in_post_below","age_above","disciplinary","education_not_stated","education_below","related_experience_not_stated","related_experience_below","admin_post_not_stated","admin_post_below","withdrawal","other"],"description":"what the reason says, as data; other: a text the workflow's judgement does not give again (stored by an older version)"},)j"
    R"j("values":{"type":"object","description":"the kind's values (only for a requirement kind): stated (rank, education, disciplinary record), required (rank, education), years and min_years, age, max_age, age_on (date) and on_closing_day","properties":{"stated":{"type":"string"},"required":{"type":"string"},"years":{"type":"number"},"min_years":{"type":"number"},"age":{"type":"integer"},"max_age":{"type":"number"},"age_on":{"type":"string","format":"date"},"on_closing_day":{"type":"boolean"}}},)j"
    R"j("reason_text":{"type":"object","required":["id","en"],"description":"the reason as a sentence in Indonesian and English (en is text; a withdrawal's own words read the same in both)","properties":{"id":{"type":"string"},"en":{"type":"string"}}}}})j";

std::string applicant_schema() {
    return std::string(R"j({"type":"object","required":["nip","name","current_post","status","reasons","scores","total","ranking"],"properties":{)j")
           + R"j("nip":{"type":"string","pattern":"^[0-9]{18}$"},"name":{"type":"string"},"current_post":{"type":"string"},)j"
                       R"j("rank":{"type":"string","description":"the applicant's rank (golongan ruang), III/a .. IV/e; not the ranking"},)j"
                       R"j("years_in_post":{"type":"number"},"birth_date":{"type":"string","format":"date"},)j"
                       R"j("disciplinary":{"type":"string","enum":["none","light","moderate","severe"]},)j"
                       R"j("education":{"type":"string"},"years_related_experience":{"type":"number"},"years_in_admin_post":{"type":"number"},)j"
                       R"j("registered_on":{"type":"string","format":"date"},)j"
                       R"j("status":{"type":"string","enum":)j" + enum_of(open_selection::applicant_statuses()) + R"j(},)j"
                       R"j("reasons":{"type":"array","items":)j" +
           reason_schema +
           R"j(},"scores":{"type":"object","description":"every component of the case's scoring profile: its score 0-100, or null before it is recorded","additionalProperties":{"type":["number","null"]}},)j"
           R"j("total":{"type":["number","null"],"description":"the weighted total (after interviews_completed)"},)j"
           R"j("ranking":{"type":["integer","null"],"description":"the place by total, 1 first; equal totals share it"}}})j";
}

const char* const shortlist_schema =
    R"j({"type":"array","maxItems":3,"items":{"type":"object","required":["place","nip"],"properties":{)j"
    R"j("place":{"type":"integer","minimum":1,"maximum":3},"nip":{"type":"string"},"name":{"type":"string"},)j"
    R"j("current_post":{"type":"string"},"status":{"type":"string"},"total":{"type":["number","null"]},"ranking":{"type":["integer","null"]}}}})j";

const char* const chosen_schema =
    R"j({"type":["object","null"],"description":"the PPK's choice (ppk_chose), null before it","properties":{)j"
    R"j("nip":{"type":"string"},"name":{"type":"string"},"decided_on":{"type":"string","format":"date"}}})j";

std::string applicants_schema() {
    return std::string(R"j({"type":"object","required":["case","workflow","state","version","post","unit","components","applicants","shortlist","chosen","allowed_events"],"properties":{)j"
                       R"j("case":{"type":"string"},"workflow":{"const":"open_selection"},"state":{"type":"string"},"version":{"type":"integer"},)j"
                       R"j("post":{"type":"string"},"unit":{"type":"string"},)j"
                       R"j("components":{"type":"array","items":{"type":"string"},"description":"the scoring profile's components, sorted"},)j"
                       R"j("requirements":{"type":["object","null"],"description":"the announcement's requirements (null before announced)"},)j"
                       R"j("registration_closes":{"type":["string","null"],"format":"date","description":"the registration's closing day, as extended"},)j"
                       R"j("applicants":{"type":"array","items":)j") +
           applicant_schema() + R"j(},"shortlist":)j" + shortlist_schema + R"j(,"chosen":)j" + chosen_schema +
           R"j(,"allowed_events":{"type":"array","items":{"type":"string"},"description":"the events the caller's role may submit now"}}})j";
}

std::string shortlist_response_schema() {
    return std::string(R"j({"type":"object","required":["case","state","version","shortlist","chosen"],"properties":{)j"
                       R"j("case":{"type":"string"},"state":{"type":"string"},"version":{"type":"integer"},"shortlist":)j") +
           shortlist_schema + R"j(,"chosen":)j" + chosen_schema + "}}";
}

std::string register_schema() {
    return std::string(R"j({"type":"object","required":["nip","name","current_post","rank","years_in_post","birth_date","disciplinary"],"properties":{)j"
                       R"j("nip":{"type":"string","pattern":"^[0-9]{18}$","description":"18-digit NIP (checked like every NIP: birth date, appointment month, sex)"},)j"
                       R"j("name":{"type":"string"},"current_post":{"type":"string"},)j"
                       R"j("rank":{"type":"string","description":"rank (golongan ruang)","enum":)j") +
           enum_of(open_selection::ranks()) +
           R"j(},"years_in_post":{"type":"number","minimum":0,"maximum":45},"birth_date":{"type":"string","format":"date"},)j"
           R"j("disciplinary":{"type":"string","enum":["none","light","moderate","severe"]},)j"
           R"j("education":{"type":"string","description":"highest education; D-IV counts as S1","enum":)j" +
           enum_of(open_selection::education_levels()) +
           R"j(},"years_related_experience":{"type":"number","minimum":0,"maximum":45},"years_in_admin_post":{"type":"number","minimum":0,"maximum":45},)j"
           R"j("reason":{"type":"string","description":"the event's reason (default: pendaftaran pelamar)"},)j"
           R"j("at":{"type":"string","description":"when it happened: a date-time, local to the agency without an offset (default: now)"}},)j"
           R"j("additionalProperties":false})j";
}

std::string registered_schema() {
    return std::string(R"j({"type":"object","required":["case","state","version","applicant","event"],"properties":{)j"
                       R"j("case":{"type":"string"},"state":{"type":"string"},"version":{"type":"integer"},"applicant":)j") +
           applicant_schema() +
           R"j(,"event":{"type":"object","properties":{"name":{"const":"applicant_registered"},"seq":{"type":"integer"},)j"
           R"j("global_seq":{"type":"integer"},"occurred_at":{"type":"string","format":"date-time"},"hash":{"type":"string"}}}}})j";
}

ParamDoc case_param() { return {"id", "path", "string", true, "the open selection case (SEL-000001)"}; }

}  // namespace

void add_selection_routes(Routes& routes) {
    routes.add(Route{
        .method = "GET",
        .pattern = "/api/cases/{id}/applicants",
        .summary = "The applicants of an open selection case",
        .description =
            "Every applicant (pelamar) of the open_selection case in registration order, as the case's data holds "
            "them: the registration's fields, the status (registered, withdrawn, eligible, failed, shortlisted, "
            "chosen), the reasons a failed one fails (each with the rule and citation it rests on, its kind and "
            "values, and reason_text: the sentence in Indonesian and English) or why one withdrew, a score for "
            "each component of the case's scoring profile (null until recorded), the "
            "weighted total and the ranking (null until interviews_completed). `rank` is the applicant's golongan; "
            "`ranking` the place by total. Also the shortlist, the PPK's choice and the events the caller's role "
            "may submit now. 400 when the case is not an open selection.",
        .params = {case_param()},
        .response_body = applicants_schema(),
        .errors = {400, 401, 404},
        .tag = "selection",
        .handler = list_applicants});
    routes.add(Route{
        .method = "POST",
        .pattern = "/api/cases/{id}/applicants",
        .summary = "Register an applicant for an open selection",
        .description =
            "Submits the case's applicant_registered event with the body's fields as its payload (the fields the "
            "workflow declares for it; see GET /api/workflows/open_selection), journaled like any event. Honours "
            "Idempotency-Key and If-Match (the case version). 400 for a bad body or field (the message names it) "
            "or a case that is not an open selection, 404 for an unknown case, 409 when If-Match is not the "
            "case's version, 422 when the workflow refuses it (registration closed, the NIP already registered, "
            "not the registration state), with the engine's reason.",
        .roles = {"admin"},
        .params = {case_param(),
                   {"Idempotency-Key", "header", "string", false, "the same key answers the first registration again"},
                   {"If-Match", "header", "string", false, "the case version the registration expects"}},
        .request_body = register_schema(),
        .response_body = registered_schema(),
        .success = 201,
        .errors = {400, 401, 403, 404, 409, 422},
        .tag = "selection",
        .handler = register_applicant});
    routes.add(Route{
        .method = "GET",
        .pattern = "/api/cases/{id}/shortlist",
        .summary = "The shortlist of an open selection case and the PPK's choice",
        .description =
            "The pansel's shortlist (shortlist_set) in order, each with the applicant's name, status, total and "
            "ranking (empty before it is set), and the PPK's choice (null before ppk_chose). 400 when the case is "
            "not an open selection.",
        .params = {case_param()},
        .response_body = shortlist_response_schema(),
        .errors = {400, 401, 404},
        .tag = "selection",
        .handler = show_shortlist});
}

}  // namespace alur::http::detail
