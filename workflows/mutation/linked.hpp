// A mutation opened with an `assessment` (from a job fit rotate, a
// performance review or a development's return): whether that assessment
// stands for this move and where the case starts, and what it keeps. Plain
// functions over the opened payload (never a clock), so replay judges the
// same way; machine.cpp adapts them to its rows. Private to workflows/.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace alur::mutation::detail {

/// Where a case opened with an assessment starts.
enum class LinkedStart {
    ppk_decision,    ///< the assessment and its recommendation stand: the PPK decides
    recommendation,  ///< the assessment stands, but the grade needs a recommendation it has none of
};

/// The opened payload's `assessment`, judged (rule assessment_stands_for_mutation,
/// on payload.linked_on): refused when it names no case, has neither scores
/// nor an outcome, or the oversight body or the PPK rejected it; else where the case
/// starts. The recommendation is needed as at scoring_completed: when the
/// official's grade or the proposed post's is one of payload.recommendation_for
/// (snapshot by `prepare`; none: always needed).
struct LinkedOpening {
    std::optional<std::string> refusal;
    LinkedStart start = LinkedStart::ppk_decision;
};
LinkedOpening linked_opening(const boost::json::object& payload);

/// data.assessment = payload.assessment with linked_on (the opening's date).
void store_assessment(boost::json::object& data, const boost::json::object& payload);

/// The fields of an opened payload that are not the official's own.
inline constexpr const char* linked_opening_fields[] = {"assessment", "linked_on", "recommendation_for"};

}  // namespace alur::mutation::detail
