// The job fit workflow's vocabulary (events, payload fields, roles), the
// configuration facts `prepare` copies into payloads, and the mutation case an
// approved `rotate` opens. The states and transitions come from the MSM table
// in machine.cpp.
#include "machine.hpp"

#include "acting.hpp"
#include "alur/workflows/development.hpp"
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/performance_review.hpp"
#include "case_data.hpp"
#include "links.hpp"
#include "table_workflow.hpp"

#include <algorithm>
#include <optional>

namespace alur::job_fit {
namespace {

namespace json = boost::json;
using namespace alur::workflows;

const std::vector<std::string> admin{"admin"};

FieldSpec batch_field() {
    FieldSpec f = text_field("batch", "the batch (JF-2021-001); without one, the origin", false);
    f.reference_kind = "jobfit_batch";
    return f;
}

/// [job_fit] develop_is_replacement as the review takes it: whether an
/// approved develop (rest from office) inside an election window is a
/// replacement needing the Minister's approval. Optional: reviews journaled
/// before it existed have none (develop then passes, as it did).
FieldSpec develop_policy_field() {
    FieldSpec f = derived_field("develop_in_window", FieldType::choice,
                                "[job_fit] develop_is_replacement then: replacement or not_replacement", false);
    f.choices = {"replacement", "not_replacement"};
    return f;
}

/// reassessment_permitted {letter, date; derived body}: the oversight body's
/// written permission for a new assessment of a job fit whose recommendation
/// it refused (rule job_fit_reassessment).
EventSpec reassessment_permitted_event() {
    return {"reassessment_permitted",
            {info_field("letter", "the oversight body's letter permitting a new assessment"),
             dated_not_after_event("date", "letter date"),
             derived_field("body", FieldType::string, "the oversight body in charge on the letter's date")},
            {"admin"},
            "reopen a job fit whose recommendation was refused for a new assessment (the earlier one is kept)"};
}

std::vector<EventSpec> event_specs(const TimeZone& tz) {
    return {
        {"opened",
         {nip_field("nip", "18-digit NIP", tz), info_field("name", "the official's name"),
          choice_field("grade", rules::grades(), "grade (jenjang jabatan): a JPT grade"),
          text_field("post", "the JPT post held"), text_field("unit", "OPD / unit"),
          inauguration_field("inaugurated_at", "inaugurated into the post on"),
          birth_date_field("birth_date", "date of birth", false), batch_field(),
          case_field("origin", "the open selection case whose post nobody applied for (filled_by_job_fit)"),
          date_field("as_of", "the batch date"),
          text_field("profile", "scoring profile name (default: the configured default)", false),
          derived_field("scoring_profile", FieldType::object, "the scoring profile in effect")},
         admin,
         "open the job fit case of one JPT official (normally by a batch)"},
        {"score_recorded",
         {text_field("component", "scoring component of the profile"), number_field("value", 0, 100, "score 0-100")},
         admin,
         "record one assessment score (a later value replaces an earlier one)"},
        {"assessment_completed", {}, admin, "compute the weighted total and outcome (keep, rotate or develop)"},
        {"panel_reported",
         {info_field("ref", "the panel's report number"), free_text_field("summary", "the panel's findings")},
         admin,
         "record the panel's (pansel) report"},
        recommendation_requested_event(),
        recommendation_received_event(),
        {"ppk_reviewed",
         {choice_field("decision", {"approve", "reject"}, "the PPK's decision on the outcome"),
          info_field("sk_number", "decree (SK) number", false), free_text_field("notes", "notes", false),
          text_field("target_post", "with an approved rotate: the post the official moves to", false),
          text_field("target_unit", "with an approved rotate: the OPD / unit of that post", false),
          derived_field("decided_on", FieldType::date, "the event's local date"),
          derived_field("election_window", FieldType::object, "the election window the date falls in", false),
          develop_policy_field()},
         {"ppk"},
         "the PPK's review of the outcome (an approved rotate opens a mutation case at the PPK's decision)"},
        withdrawn_event(),
        ministerial_approval_event(),
        acting_rules::acting_assigned_event(tz),
        acting_rules::acting_ended_event(),
        reassessment_permitted_event(),
    };
}

/// Whether this job fit is the re-assessment of a development case or the
/// re-test of a performance review (its origin): its outcome goes back to
/// that case, which decides the move, so it opens no mutation or
/// development case of its own.
bool reassesses_development(const json::object& data) {
    const std::string origin = text(data, "origin");
    return origin.starts_with(std::string(development::case_prefix) + "-") ||
           origin.starts_with(std::string(performance_review::case_prefix) + "-");
}

/// An approved `develop`: the official is developed (upgrading, rest from
/// office) and re-assessed through a development case that names this one as
/// its origin, carrying the assessment. A job fit that is itself the
/// re-assessment of a development case reports back to it instead.
std::optional<FollowUp> develop_follow_up(std::string_view case_id, const EventInput& event, const CaseMachine& after,
                                          const Settings& settings) {
    if (event.name != "ppk_reviewed" || text(event.payload, "decision") != "approve") return std::nullopt;
    const json::object& data = after.data();
    if (text(data, "outcome") != "develop") return std::nullopt;
    if (reassesses_development(data)) return std::nullopt;
    const json::object* official = find_obj(data, "official");
    if (!official) return std::nullopt;
    json::object open = official_fields(*official);
    open["origin"] = case_id;
    open["assessment"] = assessment_of(case_id, data);
    if (const json::object* profile = find_obj(data, "scoring_profile"))
        if (settings.profiles.contains(text(*profile, "name"))) open["profile"] = text(*profile, "name");
    return FollowUp{"development", std::move(open)};
}

/// `closed` stays final though reassessment_permitted may reopen it: the
/// case is done unless the oversight body permits a new assessment.
std::vector<std::string> finals_with_closed(std::vector<std::string> finals) {
    if (std::find(finals.begin(), finals.end(), "closed") == finals.end()) finals.push_back("closed");
    return finals;
}

/// payload["body"]: the oversight body in charge on the letter's date (none
/// when the date does not parse: validation then refuses it).
void snapshot_permitting_body(json::object& payload, const std::vector<rules::OversightBody>& bodies) {
    payload.erase("body");
    if (auto d = parse_date(text(payload, "date"))) payload["body"] = rules::oversight_body(*d, bodies);
}

class JobFitWorkflow final : public TableWorkflow {
public:
    explicit JobFitWorkflow(Settings settings)
        : TableWorkflow("job_fit", "JF", event_specs(settings.timezone), detail::transition_table()),
          finals_(finals_with_closed(TableWorkflow::final_states())), settings_(std::move(settings)) {}

    const std::vector<std::string>& final_states() const override { return finals_; }

    std::unique_ptr<CaseMachine> create() const override { return detail::make_machine(*this); }

    // Working days per state, reminders before and escalation period; the
    // oversight body gets the longest.
    DeadlinePolicy default_deadlines() const override {
        return {{"assessment", {15, {5, 2}, 3}},
                {"panel_report", {5, {2, 1}, 2}},
                {"recommendation", {20, {5, 2}, 5}},
                {"ppk_review", {10, {3, 1}, 2}}};
    }

    std::string subject(const json::object& data) const override { return official_subject(data); }
    CaseSummary summary(const json::object& data) const override { return official_summary(data); }

    Result<json::object> prepare(std::string_view event, json::object payload, TimePoint at) const override {
        if (event == "opened" && !payload.contains("batch") && !payload.contains("origin"))
            return make_error(errc::invalid_input, "opened: field 'batch' is required (or 'origin', the open "
                                                   "selection case a job fit fills)", "batch");
        if (event == "ppk_reviewed")
            payload["develop_in_window"] = settings_.develop_is_replacement ? "replacement" : "not_replacement";
        if (event == "reassessment_permitted") snapshot_permitting_body(payload, settings_.oversight_bodies);
        return snapshot_case_facts(settings_, event, std::move(payload), at, "ppk_reviewed");
    }

    // An approved `rotate` opens a mutation case; a case that closes tells its
    // origin (a performance review or a development waiting for this re-test),
    // when the origin waits for it.
    std::vector<FollowUp> follow_ups(std::string_view case_id, const EventInput& event,
                                     const CaseMachine& after) const override {
        std::vector<FollowUp> out;
        if (auto rotation = rotation_follow_up(case_id, event, after)) out.push_back(std::move(*rotation));
        if (auto develop = develop_follow_up(case_id, event, after, settings_)) out.push_back(std::move(*develop));
        if (auto notice = notify_origin(case_id, name(), after, entered_final(*this, event.name, after.state())))
            out.push_back(std::move(*notice));
        return out;
    }

private:
    // An approved `rotate`: the official moves to another post, through a
    // mutation case that names this one as its origin. This case's assessment
    // and the oversight body's recommendation stand for the move, so the
    // mutation starts at the PPK's decision (rule assessment_stands_for_mutation),
    // towards the target post when the review named one.
    static std::optional<FollowUp> rotation_follow_up(std::string_view case_id, const EventInput& event,
                                                      const CaseMachine& after) {
        if (event.name != "ppk_reviewed" || text(event.payload, "decision") != "approve") return std::nullopt;
        if (text(after.data(), "outcome") != "rotate") return std::nullopt;
        if (reassesses_development(after.data())) return std::nullopt;  // the development case decides
        const json::object* official = find_obj(after.data(), "official");
        if (!official) return std::nullopt;
        json::object open = official_fields(*official, false);  // mutation's opened takes no birth_date
        open["origin"] = case_id;
        open["assessment"] = assessment_of(case_id, after.data());
        if (const json::value* post = event.payload.if_contains("target_post")) open["target"] = *post;
        if (const json::value* unit = event.payload.if_contains("target_unit")) open["target_unit"] = *unit;
        return FollowUp{"mutation", std::move(open)};
    }

    std::vector<std::string> finals_;
    Settings settings_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<JobFitWorkflow>(std::move(settings));
}

}  // namespace alur::job_fit
