// The performance review workflow's vocabulary (events, payload fields,
// roles), the configuration facts `prepare` copies into payloads (met
// percent, months in post, improvement months, the rating's consequences),
// the improvement's deadline of six calendar months, and the cases it opens:
// the re-test (a job_fit case) and the move (a mutation case), each with this
// case as its origin. The states and transitions come from the MSM table in
// machine.cpp.
#include "machine.hpp"

#include "alur/workflows/mutation.hpp"
#include "alur/workflows/rules.hpp"
#include "case_data.hpp"
#include "links.hpp"
#include "review_rules.hpp"
#include "table_workflow.hpp"


#include <algorithm>

namespace alur::performance_review {
namespace {

namespace json = boost::json;
using namespace alur::workflows;

const std::vector<std::string> admin{"admin"};

FieldSpec rating_field() { return choice_field("rating", ratings(), "the SKP rating (PermenPAN-RB 6/2022)"); }

/// The facts of [performance_review] an evaluation is judged by.
std::vector<FieldSpec> evaluation_facts(const std::string& date_key) {
    return {derived_field(date_key, FieldType::date, "the event's local date"),
            derived_field("met_percent", FieldType::number, "[performance_review] met_percent then"),
            derived_field("min_months_in_post", FieldType::integer, "[performance_review] min_months_in_post then"),
            derived_field("improvement_months", FieldType::integer, "[performance_review] improvement_months then"),
            derived_field("consequence", FieldType::object, "[performance_review.ratings.<rating>] then")};
}

std::vector<EventSpec> event_specs(const TimeZone& tz) {
    std::vector<FieldSpec> evaluated{rating_field(), free_text_field("notes", "notes", false)};
    for (auto& f : evaluation_facts("evaluated_on")) evaluated.push_back(std::move(f));
    std::vector<FieldSpec> re_evaluated{rating_field(), free_text_field("notes", "notes", false)};
    for (auto& f : evaluation_facts("re_evaluated_on")) re_evaluated.push_back(std::move(f));
    return {
        {"opened",
         {nip_field("nip", "18-digit NIP", tz), info_field("name", "the official's name"),
          choice_field("grade", rules::grades(), "grade (jenjang jabatan)"), text_field("post", "the post held"),
          text_field("unit", "OPD / unit"), inauguration_field("inaugurated_at", "inaugurated into the post on"),
          birth_date_field("birth_date", "date of birth", false),
          integer_field("year", 2000, 2100, "the performance year"),
          choice_field("previous_rating", ratings(), "the SKP rating of the year before, if known", false),
          info_field("batch", "the batch that opened it (PK-2020)", false)},
         admin,
         "open the performance review of one official for one year (normally by `alur review start`)"},
        {"target_set",
         {text_field("target", "target id (T1, T2, ...)"), text_field("indicator", "the performance indicator"),
          number_field("target_value", 0.0001, 1e12, "the target value"),
          number_field("weight", 0.01, 100, "weight in percent (all weights sum to 100)"),
          info_field("measure", "unit of measure (percent, documents, ...)", false)},
         admin,
         "set one target of the performance contract (a later one with the same id replaces it)"},
        {"contract_signed",
         {dated_not_after_event("signed_on", "the contract was signed on"),
          info_field("ref", "the contract's number", false)},
         admin,
         "the performance contract (perjanjian kinerja) is signed"},
        {"progress_recorded",
         {integer_field("quarter", 1, 4, "quarter (1-4)"), text_field("target", "target id"),
          number_field("value", 0, 1e12, "realised so far"), free_text_field("notes", "notes", false)},
         admin,
         "record a quarter's progress on one target"},
        {"evaluation_started", {}, admin, "the year is over: its evaluation starts"},
        {"achievement_recorded",
         {text_field("target", "target id"), number_field("value", 0, 1e12, "realised value")},
         admin,
         "record one target's realised value (a later value replaces an earlier one)"},
        {"evaluated", evaluated, {"ppk"}, "the evaluation: weighted achievement and SKP rating"},
        {"tpp_cut_decided",
         {number_field("percent", 0, 100, "the cut in percent (default: the configured one)", false),
          date_field("from", "the cut runs from"), integer_field("months", 1, 24, "for how many months", false),
          text_field("basis", "the regional head's regulation (Perbup / Perwali) it rests on")},
         {"ppk"},
         "the TPP (performance allowance) cut the rating leads to"},
        {"coaching_recorded",
         {dated_not_after_event("date", "coaching held on"), info_field("by", "by whom"),
          free_text_field("notes", "notes", false)},
         admin,
         "record coaching (pembinaan) of the official"},
        {"move_proposed",
         {text_field("target", "the proposed post"),
          choice_field("target_grade", rules::grades(), "its grade (default: the current grade)", false),
          free_text_field("notes", "notes", false),
          derived_field("proposed_on", FieldType::date, "the event's local date")},
         {"ppk"},
         "propose moving the official (opens a linked mutation case)"},
        {"follow_up_completed", {}, admin, "every consequence of the rating is done"},
        {"improvement_ended",
         {derived_field("ended_on", FieldType::date, "the event's local date")},
         admin,
         "the improvement period is over: the re-evaluation starts"},
        {"re_evaluated", re_evaluated, {"ppk"}, "the re-evaluation after the improvement period"},
        linked_case_closed_event(),  // the re-test's job fit closed (links.hpp)
        {"move_decided",
         {choice_field("kind", move_kinds(), "another post or a lower post (UU 5/2014 art. 118(4)), or a functional post counting as one of them"),
          choice_field("counts_as", {"another_post", "lower_post"},
                       "for a functional post: which of the rule's two moves it is", false),
          text_field("target", "the post moved to"), info_field("sk_number", "decree (SK) number", false),
          free_text_field("notes", "notes", false),
          derived_field("decided_on", FieldType::date, "the event's local date")},
         {"ppk"},
         "the PPK's decision on the move after the re-test (opens a linked mutation case)"},
        withdrawn_event(),
    };
}

json::object consequence_json(const Consequence& c) {
    return {{"tpp_cut_percent", c.tpp_cut_percent},
            {"tpp_cut_months", c.tpp_cut_months},
            {"coaching", c.coaching},
            {"move_proposal", c.move_proposal}};
}

/// Whether the mutation workflow's `opened` takes an `assessment` (the linked
/// helper adds it; until then the move opens a mutation without it).
bool mutation_takes_assessment() {
    static const bool takes = [] {
        auto wf = mutation::make_workflow({});
        const EventSpec* opened = wf->find_event("opened");
        return opened && std::any_of(opened->fields.begin(), opened->fields.end(),
                                     [](const FieldSpec& f) { return f.name == "assessment"; });
    }();
    return takes;
}

class ReviewWorkflow final : public TableWorkflow {
public:
    explicit ReviewWorkflow(Settings settings)
        : TableWorkflow("performance_review", performance_review::case_prefix, event_specs(settings.timezone), detail::transition_table()),
          settings_(std::move(settings)) {}

    std::unique_ptr<CaseMachine> create() const override { return detail::make_machine(*this); }

    // Working days, except the improvement: six calendar months (UU 5/2014 art. 118).
    DeadlinePolicy default_deadlines() const override {
        DeadlineRule improvement{10, {20, 5}, 5, settings_.improvement_months};
        return {{"follow_up", {20, {5, 2}, 5}},
                {"improvement", improvement},
                {"re_evaluation", {15, {5, 2}, 3}},
                {"move", {20, {5, 2}, 5}}};
    }

    std::string subject(const json::object& data) const override { return official_subject(data); }
    CaseSummary summary(const json::object& data) const override { return official_summary(data); }

    Result<json::object> prepare(std::string_view event, json::object payload, TimePoint at) const override {
        const std::string today = format_date(local_date(at, settings_.timezone));
        if (event == "evaluated" || event == "re_evaluated") {
            payload[event == "evaluated" ? "evaluated_on" : "re_evaluated_on"] = today;
            payload["met_percent"] = settings_.met_percent;
            payload["min_months_in_post"] = settings_.min_months_in_post;
            payload["improvement_months"] = settings_.improvement_months;
            const auto it = settings_.consequences.find(text(payload, "rating"));
            payload["consequence"] = consequence_json(it == settings_.consequences.end() ? Consequence{} : it->second);
        } else if (event == "improvement_ended") {
            payload["ended_on"] = today;
        } else if (event == "move_decided") {
            payload["decided_on"] = today;
        } else if (event == "move_proposed") {
            payload["proposed_on"] = today;
        }
        return payload;
    }

    // The re-test opens a job fit, a decided or proposed move a mutation; each names this case as its origin.
    std::vector<FollowUp> follow_ups(std::string_view case_id, const EventInput& event,
                                     const CaseMachine& after) const override {
        const json::object* official = find_obj(after.data(), "official");
        if (!official) return {};
        if (event.name == "re_evaluated" && after.state() == "retest") {
            json::object open = official_fields(*official);
            open["origin"] = case_id;
            open["as_of"] = event.payload.at("re_evaluated_on");
            return {FollowUp{"job_fit", std::move(open)}};
        }
        const bool decided = event.name == "move_decided" && after.state() == "moved";
        if (!decided && event.name != "move_proposed") return {};
        json::object open = official_fields(*official, false);  // mutation's opened takes no birth_date
        open["origin"] = case_id;
        open["target"] = event.payload.at("target");
        const std::string grade = text(*official, "grade");
        if (decided) {
            const std::string to = detail::target_grade(text(event.payload, "kind"), grade);
            if (to != grade) open["target_grade"] = to;
            const json::object* retest = find_obj(after.data(), "retest");
            if (const json::value* a = retest ? retest->if_contains("assessment") : nullptr;
                a && a->is_object() && mutation_takes_assessment())
                open["assessment"] = *a;
        } else if (const json::value* g = event.payload.if_contains("target_grade")) {
            if (text(event.payload, "target_grade") != grade) open["target_grade"] = *g;
        }
        return {FollowUp{"mutation", std::move(open)}};
    }

private:
    Settings settings_;
};

}  // namespace

std::shared_ptr<const Workflow> make_workflow(Settings settings) {
    return std::make_shared<ReviewWorkflow>(std::move(settings));
}

std::vector<roster::Official> plan_batch(const std::vector<roster::Official>& roster, std::string_view unit,
                                         std::string_view grade) {
    std::vector<roster::Official> out;
    for (const auto& o : roster)
        if ((unit.empty() || o.unit == unit) && (grade.empty() || o.grade == grade)) out.push_back(o);
    return out;
}

json::object open_payload(const roster::Official& official, int year, std::string_view previous_rating) {
    json::object p{{"nip", official.nip},
                   {"name", official.name},
                   {"grade", official.grade},
                   {"post", official.post},
                   {"unit", official.unit},
                   {"inaugurated_at", format_date(official.inaugurated_at)},
                   {"year", year},
                   {"batch", "PK-" + std::to_string(year)}};
    if (official.birth_date.ok()) p["birth_date"] = format_date(official.birth_date);
    if (!previous_rating.empty()) p["previous_rating"] = previous_rating;
    return p;
}

}  // namespace alur::performance_review
