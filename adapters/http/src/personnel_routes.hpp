// Inside the API: the roster (roster_routes.cpp) and job fit (jobfit_routes.cpp,
// jobfit_job.cpp) handlers, over the code the CLI shares (alur_personnel);
// add_roster_routes and add_jobfit_routes (routes.hpp) register them.
#pragma once

#include "routes.hpp"
#include "alur/i18n/messages.hpp"

#include <string>

namespace alur::http::detail {

/// The language a person reads the answer's texts in: `?lang=id|en`, else
/// the first of Accept-Language's tags that is Indonesian or English, else
/// Indonesian.
cli::Lang request_lang(const Call& call);

/// GET /api/roster?q=&unit=&grade=&limit=&cursor=
Response list_roster(const Call& call);
/// POST /api/roster/import?dry_run=true|false&source= (the CSV as the body; admin, checked by the route table)
Response import_roster(const Call& call);

class JobfitJobs;
/// POST /api/jobfit (admin, checked by the route table): a dry run answers at once; a start runs on the batch's own thread (202).
Response start_jobfit(const Call& call, JobfitJobs& jobs);
/// GET /api/jobfit: every batch, newest first.
Response list_jobfit(const Call& call, JobfitJobs& jobs);
/// GET /api/jobfit/{batch}[?format=json|csv]: the batch's status and report.
Response show_jobfit(const Call& call, JobfitJobs& jobs, const std::string& batch);

}  // namespace alur::http::detail
