// The performance review workflow's Boost.MSM machine behind a small
// interface, so that only machine.cpp pays MSM's compile cost. Private to workflows/.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/performance_review.hpp"

#include <memory>
#include <vector>

namespace alur::performance_review::detail {

/// The rows of the MSM transition table, in table order, with stable names.
std::vector<TransitionSpec> transition_table();

/// A machine in the initial state. `wf` outlives it (for refusal texts).
std::unique_ptr<CaseMachine> make_machine(const Workflow& wf);

}  // namespace alur::performance_review::detail
