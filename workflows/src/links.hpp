// links.hpp — how a case tells the case it came from that it has closed, and
// what a job fit's assessment carries into the cases it leads to. Shared by
// the workflows' codecs (no MSM). Private to workflows/. Pure functions.
//
// A case opened from another keeps the other's id as data.origin. When it
// enters a final state, its workflow may return notify_origin's FollowUp:
// the engine then submits `linked_case_closed` to the origin in the same
// transaction, if the origin's current state takes it (a performance review
// waiting for the job fit it opened), and skips it otherwise.
#pragma once

#include "alur/engine/workflow.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string_view>

namespace alur::workflows {

/// The event name a waiting workflow declares and has a row for.
inline constexpr std::string_view linked_case_closed = "linked_case_closed";

/// linked_case_closed {case (the linked case, which must exist), workflow,
/// state (the final state it entered), outcome and decision (optional:
/// keep|rotate|develop, approve|reject), assessment (optional object, see
/// assessment_of)}. Submitted only by the engine (no role may submit it).
EventSpec linked_case_closed_event();

/// Whether `event` has just taken a case of `wf` into `state`, a final state
/// (a row from an open state; not an internal row of the final state).
bool entered_final(const Workflow& wf, std::string_view event, std::string_view state);

/// The linked_case_closed FollowUp for data.origin of a case `case_id` of
/// `workflow` that has just entered a final state, as `after` holds it;
/// nullopt when it did not enter one now or has no origin. The outcome is
/// data.outcome, the decision data.review.decision, and the assessment
/// assessment_of(case_id, data) when the case was scored (data.total).
std::optional<FollowUp> notify_origin(std::string_view case_id, std::string_view workflow, const CaseMachine& after,
                                      bool entered_final);

/// What a job fit case's assessment carries into a case it leads to (a
/// mutation that starts at the PPK's decision): {case, scoring_profile,
/// scores, total, outcome, recommendation (request and response as stored),
/// review (the PPK's ppk_reviewed payload)}, each present when the data has it.
boost::json::object assessment_of(std::string_view job_fit_case, const boost::json::object& data);

}  // namespace alur::workflows
