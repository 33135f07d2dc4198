// The vacant posts a job fit batch leaves (`alur selection start
// --from-jobfit BATCH`): the posts of its officials whose `develop` (rest
// from office) the PPK approved, and the posts held by an acting official
// (Plt) on a case of the batch or on a case one of them opened (a completed
// rotation's old post), each once, in the batch's order.
#pragma once

#include "alur/engine/journal.hpp"
#include "alur/workflows/job_fit.hpp"

#include <string>
#include <vector>

namespace alur::cli {

struct BatchVacancy {
    std::string post;
    std::string unit;
    std::string grade;   ///< the grade of the official who held it (empty: unknown)
    std::string source;  ///< the case that left it vacant
    std::string plt;     ///< the Plt serving in it on the day asked (empty: none)
};

/// The vacancies of `batch` on `day`, read from the journal. Reads the batch's
/// cases and the cases whose data.origin is one of them.
Result<std::vector<BatchVacancy>> jobfit_vacancies(Journal& journal, const job_fit::Batch& batch, Date day);

/// The (post, unit) of the open selection cases, not cancelled, whose
/// data.jobfit_batch is `batch_id`, with their case ids.
Result<std::vector<std::pair<BatchVacancy, std::string>>> selections_of_batch(Journal& journal,
                                                                              std::string_view batch_id);

}  // namespace alur::cli
