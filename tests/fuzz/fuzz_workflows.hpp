// fuzz_workflows.hpp — the three workflows as `alur serve` registers them,
// with the example configuration's election windows (so the guards that read
// one run too), for the harnesses that drive workflows.
#pragma once

#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/mutation.hpp"
#include "alur/workflows/open_selection.hpp"
#include "alur/workflows/performance_review.hpp"

#include <memory>
#include <string_view>
#include <vector>

namespace alur::fuzz {

/// The settings of a real agency: the example configuration's election windows.
inline std::vector<rules::ElectionWindow> election_windows() {
    const auto day = [](const char* s) { return parse_date(s).value(); };
    return {rules::window_from_determination("Pilkada 2024", day("2024-09-22"), day("2025-02-20")),
            rules::window_from_head_inauguration("Bupati baru", day("2025-02-20"))};
}

/// mutation, job_fit, open_selection and performance_review, as `alur serve` registers them.
inline std::vector<std::shared_ptr<const Workflow>> workflows() {
    mutation::Settings m;
    m.election_windows = election_windows();
    job_fit::Settings j;
    j.election_windows = election_windows();
    open_selection::Settings o;
    o.election_windows = election_windows();
    return {mutation::make_workflow(m), job_fit::make_workflow(j), open_selection::make_workflow(o),
            performance_review::make_workflow({})};
}

/// EngineOptions::reference_exists: the job fit batches JF-2025-001 and JF-2025-002 exist.
inline Result<bool> batch_exists(std::string_view kind, std::string_view id) {
    return kind == "jobfit_batch" && (id == "JF-2025-001" || id == "JF-2025-002");
}

}  // namespace alur::fuzz
