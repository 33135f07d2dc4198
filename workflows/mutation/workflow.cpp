// The mutation workflow's vocabulary (events, payload fields, roles) and the
// configuration facts `prepare` copies into payloads. The states and
// transitions come from the MSM table in machine.cpp.
#include "machine.hpp"

#include "acting.hpp"
#include "alur/workflows/mutation.hpp"
#include "case_data.hpp"
#include "table_workflow.hpp"

namespace alur::mutation {

const std::vector<std::string>& record_items() { return rules::record_item_names(); }

const std::vector<std::string>& skp_ratings() {
    static const std::vector<std::string> scale{"sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"};
    return scale;
}

namespace {

namespace json = boost::json;
using namespace alur::workflows;

const std::vector<std::string> admin{"admin"};

/// `until` of a career post: not before its `from`.
FieldSpec until_field() {
    FieldSpec f = date_field("until", "left the post on (absent: still in it)", false);
    f.check = [](const json::value& v, const json::object& payload, TimePoint) -> std::optional<std::string> {
        const auto from = parse_date(text(payload, "from"));
        if (!from || *parse_date(std::string_view(v.get_string())) >= *from) return std::nullopt;
        return "lies before 'from' (" + format_date(*from) + ")";
    };
    return f;
}

/// The year of an SKP rating: not after the event's year.
FieldSpec skp_year_field(TimeZone tz) {
    FieldSpec f = integer_field("year", 1990, 2200, "the year the rating is for");
    f.check = [tz](const json::value& v, const json::object&, TimePoint at) -> std::optional<std::string> {
        const int year = static_cast<int>(v.to_number<std::int64_t>());
        const int now = static_cast<int>(local_date(at, tz).year());
        if (year <= now) return std::nullopt;
        return "lies after the event's year (" + std::to_string(now) + ")";
    };
    return f;
}

/// {"grades": [...]}: the grades a rule in force on the event's date applies to.
json::object grades_json(const std::vector<std::string>& grades) {
    json::array a;
    for (const auto& g : grades) a.emplace_back(g);
    return {{"grades", std::move(a)}};
}

std::vector<EventSpec> event_specs(const TimeZone& tz) {
    FieldSpec score = number_field("value", 0, 100, "score 0-100");
    return {
        {"opened",
         {nip_field("nip", "18-digit NIP", tz), info_field("name", "the official's name"),
          choice_field("grade", rules::grades(), "grade (jenjang jabatan)"), text_field("post", "current post"),
          text_field("target", "proposed post", false), text_field("unit", "OPD / unit", false),
          inauguration_field("inaugurated_at", "inaugurated into the current post on"),
          text_field("profile", "scoring profile name (default: the configured default)", false),
          case_field("origin", "the case that led to this one (a job fit, performance review or development case)"),
          choice_field("target_grade", rules::grades(), "grade of the proposed post (default: the current grade)", false),
          choice_field("scope", {"within_agency", "between_regions", "between_agencies"},
                       "within the agency (default), or between regions / agencies (BKN's technical consideration applies)",
                       false),
          derived_field("scoring_profile", FieldType::object, "the scoring profile in effect"),
          text_field("target_unit", "OPD / unit of the proposed post", false),
          derived_field("assessment", FieldType::object,
                        "the assessment that stands for this move (scores, outcome, recommendation, review), given by "
                        "the case that opens this one: the case starts at ppk_decision",
                        false),
          derived_field("linked_on", FieldType::date, "with an assessment: the event's local date", false),
          derived_field("recommendation_for", FieldType::object,
                        "with an assessment: the grades whose mutation needs the oversight body's recommendation", false)},
         admin,
         "open a mutation case (with an assessment from a linked case: at the PPK's decision)"},
        {"record_added",
         {choice_field("item", record_items(), "record item"), text_field("value", "what was found"),
          info_field("source", "where it comes from", false)},
         admin,
         "record one track-record item (a later value replaces an earlier one)"},
        {"career_post_added",
         {text_field("post", "post held"), text_field("unit", "unit (OPD / agency)"), date_field("from", "in the post from"),
          until_field()},
         admin,
         "add one post to the career history (the last five are kept)"},
        {"skp_recorded",
         {skp_year_field(tz), choice_field("rating", skp_ratings(), "SKP rating (PermenPAN-RB 6/2022)")},
         admin,
         "record the SKP rating of one year (a later rating of the year replaces an earlier one)"},
        {"records_completed", {}, admin, "close record gathering"},
        {"visit_scheduled", {date_field("date", "visit date"), info_field("team", "visiting team")}, admin, "schedule the field visit"},
        {"interview_recorded",
         {choice_field("role", {"rt_head", "community_figure", "neighbour"}, "who was interviewed"),
          info_field("name", "interviewee"), free_text_field("summary", "what they said")},
         admin,
         "record one field-visit interview"},
        {"visit_completed", {}, admin, "close the field visit"},
        {"score_recorded", {text_field("component", "scoring component of the profile"), score}, admin, "record one score"},
        {"scoring_completed",
         {derived_field("recommendation_for", FieldType::object,
                        "the grades whose mutation needs the oversight body's recommendation on the event's date", false)},
         admin,
         "compute the weighted total and outcome"},
        recommendation_requested_event(),
        recommendation_received_event(),
        {"ppk_decided",
         {choice_field("decision", {"approve", "reject"}, "the PPK's decision"), text_field("post", "the post decided"),
          info_field("sk_number", "decree (SK) number"), dated_not_after_event("sk_date", "the SK's date (default: the event's date)", false),
          derived_field("decided_on", FieldType::date, "the event's local date"),
          derived_field("election_window", FieldType::object, "the election window the SK's date falls in", false),
          derived_field("appointed_by_president", FieldType::object, "the grades the President appoints on the SK's date", false)},
         {"ppk"},
         "the PPK's decision (for JPT utama and madya: the proposal to the President)"},
        {"technical_consideration_recorded",
         {info_field("number", "BKN's letter number"), dated_not_after_event("date", "letter date")},
         admin,
         "record BKN's technical consideration (pertimbangan teknis)"},
        {"proposal_sent",
         {info_field("letter", "the proposal's letter number"),
          choice_field("via_mendagri", {"yes", "no"}, "sent through the Minister of Home Affairs (a province: yes)")},
         admin,
         "send the appointment of a JPT utama or madya to the President"},
        {"president_decided",
         {choice_field("decision", {"approve", "reject"}, "the President's decision"),
          info_field("keppres_number", "Presidential decree (Keppres) number"), dated_not_after_event("date", "Keppres date")},
         admin,
         "record the President's decision (Keppres)"},
        inauguration_scheduled_event(),
        inaugurated_event(),
        withdrawn_event(),
        ministerial_approval_event(),
        {"exception_recorded",
         {choice_field("kind", {"legal_violation", "requirements_unmet", "presidential_approval"},
                       "exception to the two-year rule (presidential_approval: JPT utama and madya)"),
          info_field("ref", "reference (report, finding, the President's approval)")},
         admin,
         "record an exception to the two-year rule"},
        acting_rules::acting_assigned_event(tz),
        acting_rules::acting_ended_event(),
    };
}

class MutationWorkflow final : public TableWorkflow {
public:
    explicit MutationWorkflow(Settings settings)
        : TableWorkflow("mutation", "MUT", event_specs(settings.timezone), detail::transition_table()),
          settings_(std::move(settings)) {}

    std::unique_ptr<CaseMachine> create() const override { return detail::make_machine(*this); }

    // Working days per state, reminders before and escalation period; README's
    // "Deadlines" section lists them. The oversight body gets the longest.
    DeadlinePolicy default_deadlines() const override {
        return {{"record_gathering", {10, {3, 1}, 2}}, {"field_visit", {10, {3, 1}, 2}},
                {"scoring", {5, {2, 1}, 2}},           {"recommendation", {20, {5, 2}, 5}},
                {"ppk_decision", {10, {3, 1}, 2}},     {"presidential_decision", {20, {5, 2}, 5}},
                {"inauguration", {10, {3, 1}, 2}}};
    }

    std::string subject(const json::object& data) const override { return official_subject(data); }
    CaseSummary summary(const json::object& data) const override { return official_summary(data); }

    // Every dated act is judged on its own date: the decision on its SK's date
    // (else the event's), the inauguration and a scheduled one on theirs. The
    // rules that follow the grade are snapshot as the grades they apply to on
    // the act's date; an event written before carries none (the old path).
    Result<json::object> prepare(std::string_view event, json::object payload, TimePoint at) const override {
        auto p = snapshot_case_facts(settings_, event, std::move(payload), at, "ppk_decided");
        if (!p) return p;
        const Date today = local_date(at, settings_.timezone);
        if (event == "opened") {
            // An assessment skips the scoring, so the facts scoring_completed would
            // snapshot are snapshot here; an opening without one carries none.
            p->erase("linked_on");
            p->erase("recommendation_for");
            if (p->contains("assessment")) {
                (*p)["linked_on"] = format_date(today);
                (*p)["recommendation_for"] = grades_json(rules::recommendation_grades(today));
            }
        } else if (event == "scoring_completed") {
            (*p)["recommendation_for"] = grades_json(rules::recommendation_grades(today));
        } else if (event == "ppk_decided") {
            Date act = today;
            if (p->contains("sk_date")) {
                snapshot_window_of_date(*p, settings_.election_windows, "sk_date");
                if (auto d = parse_date(text(*p, "sk_date"))) act = *d;
            }
            (*p)["appointed_by_president"] = grades_json(rules::presidential_grades(act));
        } else if (event == "inauguration_scheduled" || event == "inaugurated") {
            snapshot_window_of_date(*p, settings_.election_windows, "date");
        }
        return p;
    }

private:
    Settings settings_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<MutationWorkflow>(std::move(settings));
}

}  // namespace alur::mutation
