// The open selection workflow's vocabulary (events, payload fields, roles) and
// the facts `prepare` copies into payloads (the scoring profile, the event's
// date, the oversight body, the election window of the inauguration date).
// The states and transitions come from the MSM table in machine.cpp.
#include "machine.hpp"

#include "acting.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/open_selection.hpp"
#include "applicants.hpp"
#include "case_data.hpp"
#include "table_workflow.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>

namespace alur::open_selection {
namespace {

namespace json = boost::json;
using namespace alur::workflows;

const std::vector<std::string> admin{"admin"};

std::vector<std::string> jpt_grades() {
    std::vector<std::string> out;
    for (const auto& g : rules::grades())
        if (rules::is_jpt(g)) out.push_back(g);
    return out;
}

/// The job fit batch whose vacancies this selection fills (`alur selection start --from-jobfit`).
FieldSpec jobfit_batch_field() {
    FieldSpec f = text_field("jobfit_batch", "the job fit batch (JF-2021-001) whose vacancy this post is", false);
    f.reference_kind = "jobfit_batch";
    return f;
}

std::vector<EventSpec> event_specs(const TimeZone& tz, int max_extension_days) {
    return {
        {"opened",
         {text_field("post", "the vacant post"), text_field("unit", "OPD / unit"),
          choice_field("grade", jpt_grades(), "grade of the post (jenjang jabatan)"),
          text_field("profile", "scoring profile name (default: the configured default)", false),
          derived_field("scoring_profile", FieldType::object, "the scoring profile in effect"), jobfit_batch_field()},
         admin,
         "open an open selection case for one vacant post"},
        {"pansel_formed",
         {info_field("sk_number", "decree (SK) forming the pansel"), info_field("chair", "chair of the pansel"),
          free_text_field("members", "the members' names"), integer_field("member_count", 1, 99, "number of members")},
         admin,
         "record the selection committee (pansel)"},
        {"announced",
         {info_field("ref", "announcement number"), date_field("date", "announced on"),
          date_field("registration_closes", "registration closes on"),
          choice_field("min_rank", ranks(), "lowest rank (golongan) accepted"),
          integer_field("min_years_in_post", 0, 40, "fewest years in the current post"),
          integer_field("max_age", 18, 70, "highest age"),
          derived_field("statutory_requirements", FieldType::object,
                        "the art. 107 requirements per grade ([open_selection.requirements])", false)},
         admin,
         "announce the vacancy and its requirements"},
        {"applicant_registered",
         {nip_field("nip", "18-digit NIP", tz), info_field("name", "the applicant's name"),
          info_field("current_post", "the applicant's current post"), choice_field("rank", ranks(), "rank (golongan)"),
          number_field("years_in_post", 0, 45, "years in the current post"), birth_date_field("birth_date", "born on"),
          choice_field("disciplinary", {"none", "light", "moderate", "severe"}, "disciplinary record"),
          choice_field("education", education_levels(), "highest education (pendidikan terakhir)", false),
          number_field("years_related_experience", 0, 45, "years of experience related to the post", false),
          number_field("years_in_admin_post", 0, 45, "years in an administrator or ahli madya post", false),
          derived_field("registered_on", FieldType::date, "the event's local date", false)},
         admin,
         "register one applicant (pelamar) for this post; one may apply to several posts, one record each"},
        {"applicant_withdrawn",
         {text_field("nip", "the applicant's NIP"), free_text_field("reason", "why the applicant withdraws")},
         admin,
         "record an applicant's withdrawal"},
        {"registration_extended",
         {integer_field("days", 1, 60, "working days the registration is extended by"),
          free_text_field("reason", "why it is extended"),
          derived_field("extended_on", FieldType::date, "the event's local date"),
          derived_field("calendar", FieldType::object, "the agency's working days around the event", false),
          derived_field("max_days", FieldType::integer,
                        "the longest extension ([open_selection] max_extension_days, now " +
                            std::to_string(max_extension_days) + ")",
                        false)},
         admin,
         "extend the registration by working days (3 or fewer eligible applicants; at most twice)"},
        {"continuation_approved",
         {info_field("letter", "the oversight body's letter number"),
          dated_not_after_event("date", "letter date"),
          derived_field("body", FieldType::string, "the oversight body on the letter's date", false)},
         admin,
         "record the oversight body's written approval to continue with fewer applicants (after two extensions)"},
        {"filled_by_job_fit",
         {nip_field("nip", "NIP of the sitting official", tz), info_field("name", "the official's name"),
          choice_field("grade", jpt_grades(), "the official's grade (a JPT grade)"),
          text_field("post", "the JPT post the official holds"), text_field("unit", "the official's OPD / unit"),
          inauguration_field("inaugurated_at", "inaugurated into that post on"),
          birth_date_field("birth_date", "date of birth", false),
          free_text_field("reason", "why the post is filled through a job fit"),
          derived_field("referred_on", FieldType::date, "the event's local date")},
         admin,
         "nobody applied after two extensions: close the selection and open a job fit case of a sitting official"},
        {"registration_closed",
         {derived_field("closed_on", FieldType::date, "the event's local date")},
         admin,
         "close the registration (more than 3 eligible applicants)"},
        {"administrative_completed",
         {derived_field("checked_on", FieldType::date, "the event's local date"),
          derived_field("requirements_basis", FieldType::string, "the citation of the art. 107 checks on that date",
                        false)},
         admin,
         "mark each applicant eligible or failed against the requirements"},
        {"score_recorded",
         {text_field("nip", "the applicant's NIP"), text_field("component", "scoring component of the profile"),
          number_field("value", 0, 100, "score 0-100")},
         admin,
         "record one score of one applicant"},
        {"assessment_completed", {}, admin, "close the assessment (every eligible applicant scored)"},
        {"interviews_completed", {}, admin, "close the track record and interviews; total and rank each applicant"},
        {"shortlist_set",
         {text_field("first", "NIP ranked first"),
          text_field("second", "NIP ranked second (required unless fewer are eligible after continuation_approved)", false),
          text_field("third", "NIP ranked third (required unless fewer are eligible after continuation_approved)", false)},
         admin,
         "record the pansel's shortlist of 3"},
        recommendation_requested_event(),
        recommendation_received_event(),
        {"ppk_chose",
         {text_field("nip", "NIP of the chosen applicant"),
          derived_field("decided_on", FieldType::date, "the event's local date")},
         {"ppk"},
         "the PPK's choice from the shortlist"},
        inauguration_scheduled_event(),
        inaugurated_event(),
        {"cancelled", {free_text_field("reason", "why the selection is cancelled")}, admin, "cancel the selection"},
        ministerial_approval_event(),
        acting_rules::acting_assigned_event(tz),
        acting_rules::acting_ended_event(),
    };
}

/// The event's local date goes into these derived fields.
const std::map<std::string, std::string, std::less<>> dated_events{{"registration_extended", "extended_on"},
                                                                    {"registration_closed", "closed_on"},
                                                                    {"administrative_completed", "checked_on"},
                                                                    {"ppk_chose", "decided_on"},
                                                                    {"filled_by_job_fit", "referred_on"},
                                                                    {"applicant_registered", "registered_on"}};

/// The art. 107 checks of `r` per grade, as `announced` snapshots them.
json::object statutory_json(const Requirements& r) {
    if (!r.enabled) return {};
    return {{"jpt_pratama", json::object{{"min_education", r.min_education},
                                         {"min_years_related_experience", r.min_years_related_experience},
                                         {"min_years_in_admin_post", r.min_years_in_admin_post},
                                         {"age_on", r.age_on}}}};
}

/// invalid_input unless the payload's `nip` is 18 digits.
Result<void> check_nip_digits(std::string_view event, const json::object& payload) {
    const json::value* v = payload.if_contains("nip");
    if (!v || v->is_null()) return {};  // validation says it is required
    const std::string nip = v->is_string() ? std::string(v->get_string()) : json::serialize(*v);
    if (nip.size() == 18 && std::all_of(nip.begin(), nip.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return {};
    return make_error(errc::invalid_input,
                      std::string(event) + ": field 'nip' must be the 18 digits of a NIP (got " + nip + ")", "nip");
}

class OpenSelectionWorkflow final : public TableWorkflow {
public:
    explicit OpenSelectionWorkflow(Settings settings)
        : TableWorkflow("open_selection", "SEL", event_specs(settings.timezone, settings.max_extension_days),
                        detail::transition_table()),
          settings_(std::move(settings)) {}

    std::unique_ptr<CaseMachine> create() const override { return detail::make_machine(*this); }

    // Working days per state, reminders before and escalation period; README's
    // "Open selection" section lists them. The oversight body gets the longest.
    DeadlinePolicy default_deadlines() const override {
        return {{"preparation", {10, {3, 1}, 2}},
                {"announcement", {5, {2, 1}, 2}},
                {"registration", {10, {3, 1}, 2}},
                {"administrative_selection", {5, {2, 1}, 2}},
                {"assessment", {10, {3, 1}, 2}},
                {"track_record_and_interview", {10, {3, 1}, 2}},
                {"shortlist", {5, {2, 1}, 2}},
                {"recommendation", {20, {5, 2}, 5}},
                {"ppk_choice", {10, {3, 1}, 2}},
                {"inauguration", {10, {3, 1}, 2}}};
    }

    /// "Kepala Dinas Pendidikan (Dinas Pendidikan)".
    std::string subject(const json::object& data) const override {
        const std::string post = text(data, "post"), unit = text(data, "unit");
        return unit.empty() ? post : post + " (" + unit + ")";
    }

    /// The vacant post is the subject; its unit the case's unit.
    CaseSummary summary(const json::object& data) const override {
        return {text(data, "unit"), text(data, "post"), subject(data)};
    }

    Result<json::object> prepare(std::string_view event, json::object payload, TimePoint at) const override {
        const Date today = local_date(at, settings_.timezone);
        if (event == "applicant_registered")
            if (auto ok = check_nip_digits(event, payload); !ok) return ok.error();
        if (event == "inaugurated" || event == "inauguration_scheduled") {
            snapshot_window_of_date(payload, settings_.election_windows, "date");
        } else if (auto dated = dated_events.find(event); dated != dated_events.end()) {
            payload[dated->second] = format_date(today);
        }
        // What the guards judge by, fixed at the event so replay never reads today's settings.
        if (event == "registration_extended") {
            payload["calendar"] = detail::calendar_excerpt(settings_.calendar, today);
            payload["max_days"] = settings_.max_extension_days;
        } else if (event == "announced") {
            if (auto statutory = statutory_json(settings_.requirements); !statutory.empty())
                payload["statutory_requirements"] = std::move(statutory);
            else
                payload.erase("statutory_requirements");
        } else if (event == "administrative_completed") {
            payload["requirements_basis"] = rules::cite("jpt_pratama_requirements", today);
        } else if (event == "continuation_approved") {
            payload.erase("body");
            if (const json::value* d = payload.if_contains("date"); d && d->is_string())
                if (auto letter = parse_date(d->get_string()))
                    payload["body"] = rules::oversight_body(*letter, settings_.oversight_bodies);
        }
        // The profile into opened and the body into recommendation_requested; no
        // decision here is dated by its event for the election window (the
        // inauguration's own date is, above).
        return snapshot_case_facts(settings_, event, std::move(payload), at, /*decision_event=*/"");
    }

    // Nobody applied: the post is filled through the job fit of the sitting
    // official named, in a job_fit case linked to this one (its origin),
    // committed with the event.
    std::vector<FollowUp> follow_ups(std::string_view case_id, const EventInput& event,
                                     const CaseMachine&) const override {
        if (event.name != "filled_by_job_fit") return {};
        json::object open = official_fields(event.payload);
        open["as_of"] = event.payload.at("referred_on");
        open["origin"] = case_id;
        return {FollowUp{"job_fit", std::move(open)}};
    }

private:
    Settings settings_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<OpenSelectionWorkflow>(std::move(settings));
}

}  // namespace alur::open_selection
