// The rules of a mutation opened with an assessment (linked.hpp).
#include "linked.hpp"

#include "alur/workflows/legal_bases.hpp"
#include "case_data.hpp"

namespace alur::mutation::detail {
namespace {

namespace json = boost::json;
using namespace alur::workflows;

bool grade_listed(const json::object& rule, const std::string& grade) {
    if (const json::array* grades = find_arr(rule, "grades"))
        for (const auto& g : *grades)
            if (g.is_string() && g.get_string() == grade) return true;
    return false;
}

/// The decision of an {…, decision} object at `key` of `o`, or "".
std::string decision_at(const json::object& o, const char* key) {
    const json::object* inner = find_obj(o, key);
    return inner ? text(*inner, "decision") : std::string();
}

}  // namespace

LinkedOpening linked_opening(const json::object& payload) {
    const json::object* assessment = find_obj(payload, "assessment");
    if (!assessment) return {"the opening carries no assessment", LinkedStart::ppk_decision};
    const std::string source = text(*assessment, "case");
    const std::string basis = rules::cite("assessment_stands_for_mutation", date_of(payload, "linked_on"));
    auto refuse = [&](const std::string& why) {
        return LinkedOpening{basis + ": the assessment" + (source.empty() ? "" : " of " + source) +
                                 " cannot stand for this mutation: " + why,
                             LinkedStart::ppk_decision};
    };
    if (source.empty()) return refuse("it names no case (field 'case')");
    const json::object* scores = find_obj(*assessment, "scores");
    if (text(*assessment, "outcome").empty() && (!scores || scores->empty()))
        return refuse("it has neither scores nor an outcome");
    const json::object* recommendation = find_obj(*assessment, "recommendation");
    const std::string response = recommendation ? decision_at(*recommendation, "response") : std::string();
    if (response == "reject") return refuse("the oversight body's recommendation rejected it");
    if (decision_at(*assessment, "review") == "reject") return refuse("the PPK rejected its outcome");

    bool needed = true;
    if (const json::object* rule = find_obj(payload, "recommendation_for"))
        needed = grade_listed(*rule, text(payload, "grade")) || grade_listed(*rule, text(payload, "target_grade"));
    return {std::nullopt, needed && response != "approve" ? LinkedStart::recommendation : LinkedStart::ppk_decision};
}

void store_assessment(json::object& data, const json::object& payload) {
    json::object assessment = payload.at("assessment").as_object();
    if (const json::value* on = payload.if_contains("linked_on")) assessment["linked_on"] = *on;
    data["assessment"] = std::move(assessment);
}

}  // namespace alur::mutation::detail
