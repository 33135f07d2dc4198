// Linked cases: the closing notice to a case's origin and the assessment a
// job fit carries on (links.hpp).
#include "links.hpp"

#include "case_data.hpp"
#include "table_workflow.hpp"

namespace alur::workflows {

namespace json = boost::json;

EventSpec linked_case_closed_event() {
    FieldSpec assessment;
    assessment.name = "assessment";
    assessment.type = FieldType::object;
    assessment.required = false;
    assessment.help = "the linked job fit's assessment (scores, total, outcome, recommendation, review)";
    return {std::string(linked_case_closed),
            {case_field("case", "the linked case that closed", true), text_field("workflow", "its workflow"),
             text_field("state", "the final state it entered"),
             text_field("outcome", "its outcome (keep, rotate, develop)", false),
             choice_field("decision", {"approve", "reject"}, "the PPK's decision on it", false), assessment},
            {},
            "a case this one opened has closed (recorded by the engine in the same transaction)"};
}

bool entered_final(const Workflow& wf, std::string_view event, std::string_view state) {
    if (!wf.is_final(state)) return false;
    for (const auto& row : wf.transitions())
        if (row.event == event && row.to == state && !row.internal && !wf.is_final(row.from)) return true;
    return false;
}

json::object assessment_of(std::string_view job_fit_case, const json::object& data) {
    json::object out{{"case", job_fit_case}};
    for (const char* key : {"scoring_profile", "scores", "total", "outcome", "recommendation", "review"})
        if (const json::value* v = data.if_contains(key)) out[key] = *v;
    return out;
}

std::optional<FollowUp> notify_origin(std::string_view case_id, std::string_view workflow, const CaseMachine& after,
                                      bool entered_final) {
    const json::object& data = after.data();
    const std::string origin = text(data, "origin");
    if (!entered_final || origin.empty()) return std::nullopt;
    json::object p{{"case", case_id}, {"workflow", workflow}, {"state", after.state()}};
    if (std::string outcome = text(data, "outcome"); !outcome.empty()) p["outcome"] = outcome;
    if (const json::object* review = find_obj(data, "review"))
        if (std::string decision = text(*review, "decision"); !decision.empty()) p["decision"] = decision;
    if (data.contains("total")) p["assessment"] = assessment_of(case_id, data);
    return FollowUp{{}, std::move(p), origin, std::string(linked_case_closed)};
}

}  // namespace alur::workflows
