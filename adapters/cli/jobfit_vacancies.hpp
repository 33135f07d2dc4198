// The vacant posts a job fit batch leaves (`alur selection start
// --from-jobfit BATCH`): the posts of its officials whose `develop` (rest
// from office) the PPK approved, and the posts in which a Plt serves on the
// day, recorded on a case of the batch or on a case one of them opened (a
// completed rotation's old post, a development), each once: first the develop
// posts in the batch's order, then the Plt's posts in post order.
#pragma once

#include "alur/workflows/job_fit.hpp"
#include "app.hpp"

#include <string>
#include <utility>
#include <vector>

namespace alur::cli {

struct BatchVacancy {
    std::string post;
    std::string unit;
    std::string grade;   ///< the grade of the official who held it (empty: unknown)
    std::string source;  ///< the case that left it vacant
    std::string plt;     ///< the Plt serving in it on the day asked (empty: none)
};

/// The vacancies of `batch` on `day`: reads the batch's cases and the cases
/// that can carry a Plt (acting_serving.hpp), not every case.
Result<std::vector<BatchVacancy>> jobfit_vacancies(Context& ctx, const job_fit::Batch& batch, Date day);

/// The open selection cases, not cancelled, whose data.jobfit_batch is
/// `batch_id`: their (post, unit, grade) and case ids.
Result<std::vector<std::pair<BatchVacancy, std::string>>> selections_of_batch(Journal& journal,
                                                                              std::string_view batch_id);

}  // namespace alur::cli
