// alur/personnel/jobfit.hpp — starting a job fit batch and reading its report:
// one piece of code for `alur jobfit start|report` and the /api/jobfit routes.
//
// begin_jobfit plans a batch from the roster (who is included, who is excluded
// and by which rule) and stores it with that plan; open_jobfit_cases then
// opens one job_fit case per included official through the engine, each with
// the idempotency key "jobfit:<batch>:<nip>", and marks the batch finished.
// Resumable: the same request again takes up the same batch with the same
// plan and opens only the cases still missing. read_jobfit_report gathers a
// batch's cases with their scores, ranks and outcomes.
//
// Texts (the errors) are in the language asked for (the catalog,
// messages.hpp). Thread-safety: the functions share nothing; the stores and
// the engine they are given say their own.
#pragma once

#include "alur/engine/engine.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/workflows/job_fit.hpp"
#include "alur/i18n/messages.hpp"

#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace alur::personnel {

/// What starting a batch asks for; the caller checked as_of and the profile.
struct JobfitRequest {
    Date as_of;
    std::string unit;     ///< empty: the whole agency
    std::string profile;  ///< a profile of the job fit settings
    std::string actor;
    std::string role = "admin";
    std::string reason;   ///< empty: "uji kompetensi <batch>"
    std::optional<TimePoint> at;  ///< when the cases are opened (occurred_at); empty: now
    bool dry_run = false;
};

/// The names of the settings' scoring profiles (sorted).
std::vector<std::string> profile_names(const job_fit::Settings& settings);

/// Plans the batch from the roster (job_fit::plan_batch). invalid_input
/// (err_jobfit_nobody) when nobody would be included. A dry run stores
/// nothing (its id reads "(uji coba, tidak disimpan)"); otherwise the batch
/// is stored with its plan (SqliteBatchStore::begin: one of the same as_of,
/// unit and profile stored before is taken up instead, `resumed`).
Result<sqlite::BatchStart> begin_jobfit(const JobfitRequest& request, roster::RosterStore& roster,
                                        sqlite::SqliteBatchStore& batches, const job_fit::Settings& settings,
                                        TimePoint now, cli::Lang lang);

/// (cases opened or answered so far, cases to open), after each case; false
/// stops the batch there (busy: "stopped"), unfinished and resumable.
using JobfitProgress = std::function<bool(std::size_t done, std::size_t total)>;

/// Opens the case of every official of an unfinished `start` (one already
/// opened is answered from its key), listing them in start.batch.cases, and
/// marks the batch finished. A case the engine refuses stops it with that
/// error (err_jobfit_open: the batch stays unfinished and resumable).
Result<void> open_jobfit_cases(Engine& engine, sqlite::SqliteBatchStore& batches, sqlite::BatchStart& start,
                               const JobfitRequest& request, cli::Lang lang, const JobfitProgress& progress = {});

/// One official of a batch as the report shows them.
struct ReportRow {
    std::string case_id;
    std::string state;
    boost::json::object official;
    boost::json::object scores;
    std::optional<double> total;
    std::string outcome;
    /// The cases opened from this one (their origin): the mutation the PPK's
    /// approved rotation opened, a development plan, ...
    std::vector<CaseRecord> linked;
    int rank = 0;  ///< 0: not yet scored; equal totals share a rank (1, 2, 2, 4)
};

struct JobfitReport {
    job_fit::Batch batch;
    std::vector<ReportRow> rows;          ///< by rank, the unscored last
    std::vector<std::string> components;  ///< of the batch's profiles, in first-seen order
    std::vector<CaseRecord> selections;   ///< open selections opened from the batch
};

/// The report of batch `id` (not_found for an unknown batch): one read of
/// each case and of its origin index, no scan.
Result<JobfitReport> read_jobfit_report(Journal& journal, job_fit::BatchStore& batches, std::string_view id);

/// `alur jobfit report --format json`: {batch, as_of, unit, profile,
/// components, officials: [{case, state, nip, name, post, unit, scores,
/// total, rank, outcome, linked_case, linked_cases}], excluded: [{nip, name,
/// post, unit, reason}], selections: [{id, state, post}]}.
boost::json::object report_json(const JobfitReport& report);

/// Adds to an excluded official's JSON `o` what the page reads: "causes" (the
/// rule, its citation, the dates) and "reason_text" {"id", "en"} (the reason in
/// each language). A batch stored before causes were kept gets neither: its
/// "reason" (English) is all there is.
void add_exclusion_detail(boost::json::object& o, const job_fit::Exclusion& e, Date as_of);

/// Why `e` is left out of the batch of `as_of`, as a person reads it in
/// `lang`: English is the stored reason; Indonesian is made from its causes
/// (the stored reason, for a batch stored before causes were kept).
std::string exclusion_text(const job_fit::Exclusion& e, Date as_of, cli::Lang lang);

/// The report as a table (the header first): rank, case, NIP, name, post,
/// the components, total, outcome, state, linked cases; "-" for what is not
/// there yet. With `csv`: blanks instead of "-", and an excluded column
/// with a row for each excluded official.
std::vector<std::vector<std::string>> report_table(const JobfitReport& report, bool csv, cli::Lang lang);

/// A number as people write it: 80, 86.4 (not 8E1).
std::string plain_number(double x);

}  // namespace alur::personnel
