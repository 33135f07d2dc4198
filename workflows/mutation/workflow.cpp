// The mutation workflow's vocabulary (events, payload fields, roles) and the
// configuration facts `prepare` copies into payloads. The states and
// transitions come from the MSM table in machine.cpp.
#include "machine.hpp"

#include "acting.hpp"
#include "alur/workflows/mutation.hpp"
#include "case_data.hpp"
#include "table_workflow.hpp"

namespace alur::mutation {

const std::vector<std::string>& record_items() {
    static const std::vector<std::string> items{"career_history", "achievements",  "skp",
                                                "edijab",         "competency_test", "superior_recommendation",
                                                "neutrality",     "discipline"};
    return items;
}

namespace {

namespace json = boost::json;
using namespace alur::workflows;

const std::vector<std::string> admin{"admin"};

std::vector<EventSpec> event_specs(const TimeZone& tz) {
    FieldSpec score = number_field("value", 0, 100, "score 0-100");
    return {
        {"opened",
         {nip_field("nip", "18-digit NIP", tz), info_field("name", "the official's name"),
          choice_field("grade", rules::grades(), "grade (jenjang jabatan)"), text_field("post", "current post"),
          text_field("target", "proposed post", false), text_field("unit", "OPD / unit", false),
          inauguration_field("inaugurated_at", "inaugurated into the current post on"),
          text_field("profile", "scoring profile name (default: the configured default)", false),
          case_field("origin", "the case that led to this one (a job fit case)"),
          derived_field("scoring_profile", FieldType::object, "the scoring profile in effect")},
         admin,
         "open a mutation case"},
        {"record_added",
         {choice_field("item", record_items(), "record item"), text_field("value", "what was found"),
          info_field("source", "where it comes from", false)},
         admin,
         "record one track-record item (a later value replaces an earlier one)"},
        {"records_completed", {}, admin, "close record gathering"},
        {"visit_scheduled", {date_field("date", "visit date"), info_field("team", "visiting team")}, admin, "schedule the field visit"},
        {"interview_recorded",
         {choice_field("role", {"rt_head", "community_figure", "neighbour"}, "who was interviewed"),
          info_field("name", "interviewee"), free_text_field("summary", "what they said")},
         admin,
         "record one field-visit interview"},
        {"visit_completed", {}, admin, "close the field visit"},
        {"score_recorded", {text_field("component", "scoring component of the profile"), score}, admin, "record one score"},
        {"scoring_completed", {}, admin, "compute the weighted total and outcome"},
        recommendation_requested_event(),
        recommendation_received_event(),
        {"ppk_decided",
         {choice_field("decision", {"approve", "reject"}, "the PPK's decision"), text_field("post", "the post decided"),
          info_field("sk_number", "decree (SK) number"), derived_field("decided_on", FieldType::date, "the event's local date"),
          derived_field("election_window", FieldType::object, "the election window the date falls in", false)},
         {"ppk"},
         "the PPK's decision"},
        {"inauguration_scheduled", {date_field("date", "inauguration date")}, admin, "schedule the inauguration"},
        {"inaugurated", {inaugurated_on_field(), info_field("sk_number", "decree (SK) number")}, admin,
         "record the inauguration (pelantikan)"},
        withdrawn_event(),
        ministerial_approval_event(),
        {"exception_recorded",
         {choice_field("kind", {"legal_violation", "requirements_unmet"}, "exception to the two-year rule"),
          info_field("ref", "reference (report, finding)")},
         admin,
         "record an exception to the two-year rule (UU 5/2014 art. 116)"},
        acting_rules::acting_assigned_event(tz),
        acting_rules::acting_ended_event(),
    };
}

class MutationWorkflow final : public TableWorkflow {
public:
    explicit MutationWorkflow(Settings settings)
        : TableWorkflow("mutation", "MUT", event_specs(settings.timezone), detail::transition_table()), settings_(std::move(settings)) {}

    std::unique_ptr<CaseMachine> create() const override { return detail::make_machine(*this); }

    // Working days per state, reminders before and escalation period; README's
    // "Deadlines" section lists them. The oversight body gets the longest.
    DeadlinePolicy default_deadlines() const override {
        return {{"record_gathering", {10, {3, 1}, 2}}, {"field_visit", {10, {3, 1}, 2}},
                {"scoring", {5, {2, 1}, 2}},           {"recommendation", {20, {5, 2}, 5}},
                {"ppk_decision", {10, {3, 1}, 2}},     {"inauguration", {10, {3, 1}, 2}}};
    }

    std::string subject(const json::object& data) const override { return official_subject(data); }
    CaseSummary summary(const json::object& data) const override { return official_summary(data); }

    Result<json::object> prepare(std::string_view event, json::object payload, TimePoint at) const override {
        return snapshot_case_facts(settings_, event, std::move(payload), at, "ppk_decided");
    }

private:
    Settings settings_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<MutationWorkflow>(std::move(settings));
}

}  // namespace alur::mutation
