// Replaying a case's events through its workflow's machine: the one
// implementation behind loading a case, idempotent answers, corrections,
// `audit replay` and `audit verify`. Private to the engine.
#pragma once

#include "alur/engine/engine.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace alur::detail {

struct ReplayLimits {
    std::int64_t upto_seq = 0;           ///< stop after this event (0: all)
    std::optional<TimePoint> as_of;      ///< stop before the first event that occurred after it
};

/// Runs `events` (one case, seq order) through a fresh machine. Timer events
/// change nothing; a `corrected` event patches the payload field of the
/// earlier event it names and rebuilds the machine from the start with every
/// correction so far. errc::corrupt when a stored event is refused.
Result<std::unique_ptr<CaseMachine>> replay_events(const Workflow& wf, const std::vector<EventRecord>& events,
                                                   const ReplayLimits& limits = {},
                                                   std::vector<ReplayStep>* steps = nullptr);

/// The same (all events, no limits), moving each event into its step
/// instead of copying it (audit::verify, which has no other use for them).
Result<std::unique_ptr<CaseMachine>> replay_into_steps(const Workflow& wf, std::vector<EventRecord>&& events,
                                                       std::vector<ReplayStep>& steps);

}  // namespace alur::detail
