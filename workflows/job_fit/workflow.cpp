// The job fit workflow's vocabulary (events, payload fields, roles), the
// configuration facts `prepare` copies into payloads, and the mutation case an
// approved `rotate` opens. The states and transitions come from the MSM table
// in machine.cpp.
#include "machine.hpp"

#include "acting.hpp"
#include "alur/workflows/job_fit.hpp"
#include "case_data.hpp"
#include "links.hpp"
#include "table_workflow.hpp"

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
          derived_field("decided_on", FieldType::date, "the event's local date"),
          derived_field("election_window", FieldType::object, "the election window the date falls in", false),
          develop_policy_field()},
         {"ppk"},
         "the PPK's review of the outcome (an approved rotate opens a mutation case)"},
        withdrawn_event(),
        ministerial_approval_event(),
        acting_rules::acting_assigned_event(tz),
        acting_rules::acting_ended_event(),
    };
}

/// The fields of data.official that the mutation workflow's `opened` takes.
const std::vector<std::string>& mutation_fields() {
    static const std::vector<std::string> fields{"nip", "name", "grade", "post", "unit", "inaugurated_at"};
    return fields;
}

class JobFitWorkflow final : public TableWorkflow {
public:
    explicit JobFitWorkflow(Settings settings)
        : TableWorkflow("job_fit", "JF", event_specs(settings.timezone), detail::transition_table()), settings_(std::move(settings)) {}

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
        return snapshot_case_facts(settings_, event, std::move(payload), at, "ppk_reviewed");
    }

    // An approved `rotate`: the official moves to another post, through a
    // mutation case that names this one as its origin.
    // A case that closes tells its origin (a performance review or a
    // development waiting for this re-test), when the origin waits for it.
    std::vector<FollowUp> follow_ups(std::string_view case_id, const EventInput& event,
                                     const CaseMachine& after) const override {
        std::vector<FollowUp> out;
        if (auto rotation = rotation_follow_up(case_id, event, after)) out.push_back(std::move(*rotation));
        if (auto notice = notify_origin(case_id, name(), after, entered_final(*this, event.name, after.state())))
            out.push_back(std::move(*notice));
        return out;
    }

private:
    static std::optional<FollowUp> rotation_follow_up(std::string_view case_id, const EventInput& event,
                                                      const CaseMachine& after) {
        if (event.name != "ppk_reviewed" || text(event.payload, "decision") != "approve") return std::nullopt;
        if (text(after.data(), "outcome") != "rotate") return std::nullopt;
        const json::object* official = find_obj(after.data(), "official");
        if (!official) return std::nullopt;
        json::object open;
        for (const auto& key : mutation_fields())
            if (const json::value* v = official->if_contains(key)) open[key] = *v;
        open["origin"] = case_id;
        return FollowUp{"mutation", std::move(open)};
    }

    Settings settings_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<JobFitWorkflow>(std::move(settings));
}

}  // namespace alur::job_fit
