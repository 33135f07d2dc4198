// The development workflow's vocabulary (events, payload fields, roles), the
// facts `prepare` copies into payloads, and the cases it opens: a linked job
// fit for the re-assessment, a linked mutation for a return to a post. The
// states and transitions come from the MSM table in machine.cpp.
#include "machine.hpp"

#include "acting.hpp"
#include "alur/workflows/development.hpp"
#include "case_data.hpp"
#include "links.hpp"
#include "table_workflow.hpp"

namespace alur::development {
namespace {

namespace json = boost::json;
using namespace alur::workflows;

const std::vector<std::string> admin{"admin"};

/// A JSON object kept as it is (checked as any stored JSON).
FieldSpec object_field(std::string name, std::string help) {
    FieldSpec f = text_field(std::move(name), std::move(help), false);
    f.type = FieldType::object;
    return f;
}

std::vector<EventSpec> event_specs(const TimeZone& tz) {
    return {
        {"opened",
         {nip_field("nip", "18-digit NIP", tz), info_field("name", "the official's name"),
          choice_field("grade", rules::grades(), "grade (jenjang jabatan)"), text_field("post", "the post held"),
          text_field("unit", "OPD / unit"), inauguration_field("inaugurated_at", "inaugurated into the post on"),
          birth_date_field("birth_date", "date of birth", false),
          case_field("origin", "the job fit case whose approved develop opened this one", true),
          object_field("assessment", "the job fit's assessment (scores, total, outcome, recommendation, review)"),
          text_field("profile", "scoring profile of an own re-assessment (default: [development] profile)", false),
          derived_field("scoring_profile", FieldType::object, "the scoring profile in effect")},
         admin,
         "open the development case of an official below standard (normally by the job fit's review)"},
        {"upgrading_planned",
         {info_field("program", "the training (diklat) programme"), info_field("provider", "who gives it"),
          date_field("from", "the first day"), period_until_field("the last day")},
         admin,
         "add a training (upgrading) to the development plan"},
        {"rest_from_office_decreed",
         {info_field("decree", "the decree (SK) resting the official from office"), date_field("from", "the first day"),
          period_until_field("the last day")},
         admin,
         "record the rest from office (the post is vacant: an acting official may be assigned)"},
        {"plan_completed",
         {derived_field("started_on", FieldType::date, "the event's local date: the development period starts")},
         admin,
         "the plan is complete: the development period (and the re-assessment's deadline) starts"},
        {"training_completed",
         {text_field("program", "a training of the plan"), info_field("certificate", "certificate number", false),
          dated_not_after_event("date", "completed on")},
         admin,
         "record a completed training"},
        {"reassessment_started", {}, admin, "re-assess the official on this case (score_recorded, reassessment_completed)"},
        {"reassessment_requested",
         {text_field("profile", "the job fit's scoring profile (default: the configured one)", false),
          derived_field("as_of", FieldType::date, "the event's local date: the job fit's date")},
         admin,
         "re-assess the official by a linked job fit case, and wait for it"},
        {"score_recorded",
         {text_field("component", "scoring component of the profile"), number_field("value", 0, 100, "score 0-100")},
         admin,
         "record one re-assessment score (a later value replaces an earlier one)"},
        {"reassessment_completed", {}, admin, "compute the re-assessment's total and outcome"},
        linked_case_closed_event(),  // the engine records it when the linked job fit closes (links.hpp)
        {"ppk_decided",
         {choice_field("decision", {"return", "reassign", "close"},
                       "return to a post (opens a mutation case), reassign to another post, or close"),
          text_field("post", "the post returned or reassigned to", false), text_field("unit", "its unit", false),
          info_field("sk_number", "decree (SK) number", false), free_text_field("notes", "notes", false),
          derived_field("decided_on", FieldType::date, "the event's local date")},
         {"ppk"},
         "the PPK's decision after the re-assessment"},
        withdrawn_event(),
        acting_rules::acting_assigned_event(tz),
        acting_rules::acting_ended_event(),
    };
}

/// The official's fields of data.official, as an opening payload takes them.
json::object official_payload(const json::object& data, bool with_birth_date) {
    const json::object* official = find_obj(data, "official");
    return official ? official_fields(*official, with_birth_date) : json::object{};
}

/// What the mutation of a return carries as its `assessment` (it starts at
/// the PPK's decision, or at the recommendation its grade still needs): the
/// linked job fit's assessment as it reported it, or this case's own
/// re-assessment {case, scoring_profile, scores, total, outcome}.
json::object return_assessment(std::string_view case_id, const json::object& data) {
    if (const json::object* r = find_obj(data, "reassessment"))
        if (const json::object* result = find_obj(*r, "result"))
            if (const json::object* assessment = find_obj(*result, "assessment")) return *assessment;
    json::object own{{"case", case_id}};
    for (const char* key : {"scoring_profile", "scores", "total", "outcome"})
        if (const json::value* v = data.if_contains(key)) own[key] = *v;
    return own;
}

class DevelopmentWorkflow final : public TableWorkflow {
public:
    explicit DevelopmentWorkflow(Settings settings)
        : TableWorkflow("development", development::case_prefix, event_specs(settings.timezone), detail::transition_table()),
          settings_(std::move(settings)) {}

    std::unique_ptr<CaseMachine> create() const override { return detail::make_machine(*this); }

    // Working days per state, reminders before and escalation period.
    // `upgrading` is the development period: its deadline, the
    // re-assessment's, is six calendar months after the plan (agency
    // practice, not a verified legal period: rule development_plan).
    DeadlinePolicy default_deadlines() const override {
        return {{"planning", {10, {3, 1}, 2}},
                {"upgrading", {120, {20, 5}, 10, 6}},
                {"reassessment", {15, {5, 2}, 3}},
                {"ppk_decision", {10, {3, 1}, 2}}};
    }

    std::string subject(const json::object& data) const override { return official_subject(data); }
    CaseSummary summary(const json::object& data) const override { return official_summary(data); }

    Result<json::object> prepare(std::string_view event, json::object payload, TimePoint at) const override {
        const std::string today = format_date(local_date(at, settings_.timezone));
        if (event == "opened") {
            if (auto ok = snapshot_profile(payload, event, settings_.profiles, settings_.default_profile); !ok)
                return ok.error();
        } else if (event == "plan_completed") {
            payload["started_on"] = today;
        } else if (event == "reassessment_requested") {
            payload["as_of"] = today;
        } else if (event == "ppk_decided") {
            payload["decided_on"] = today;
        }
        return payload;
    }

    // reassessment_requested opens the linked job fit (origin = this case);
    // an approved return opens the mutation to the post the PPK names.
    std::vector<FollowUp> follow_ups(std::string_view case_id, const EventInput& event,
                                     const CaseMachine& after) const override {
        if (event.name == "reassessment_requested") {
            json::object open = official_payload(after.data(), true);
            open["as_of"] = event.payload.at("as_of");
            open["origin"] = case_id;
            if (const json::value* p = event.payload.if_contains("profile")) open["profile"] = *p;
            return {FollowUp{"job_fit", std::move(open)}};
        }
        if (event.name == "ppk_decided" && after.state() == "returned") {
            json::object open = official_payload(after.data(), false);
            open["target"] = event.payload.at("post");
            if (const json::value* unit = event.payload.if_contains("unit")) open["target_unit"] = *unit;
            open["origin"] = case_id;
            open["assessment"] = return_assessment(case_id, after.data());
            return {FollowUp{"mutation", std::move(open)}};
        }
        return {};
    }

private:
    Settings settings_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<DevelopmentWorkflow>(std::move(settings));
}

}  // namespace alur::development
