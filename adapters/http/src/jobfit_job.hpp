// The job fit batches POST /api/jobfit starts (jobfit_job.cpp): the batch is
// planned and stored on the request's thread (short), then its cases are
// opened on the jobs' own thread, so a batch of thousands never holds up a
// connection; GET /api/jobfit/{batch} reads the status from here while it
// runs. One batch at a time. Thread-safety: every member may be called from
// several threads; the destructor stops a running batch (after its current
// case: unfinished, resumable by starting it again) and joins its thread.
#pragma once

#include "alur/personnel/jobfit.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace alur::http::detail {

class JobfitJobs {
public:
    struct Status {
        std::string state;  ///< running, done, failed
        std::size_t done = 0;
        std::size_t total = 0;
        std::string error;  ///< when failed
    };

    JobfitJobs() = default;
    ~JobfitJobs();
    JobfitJobs(const JobfitJobs&) = delete;
    JobfitJobs& operator=(const JobfitJobs&) = delete;

    /// The batch being opened, if any.
    std::optional<std::string> running();
    /// What this process knows of `batch` (nothing for one it did not start).
    std::optional<Status> status(const std::string& batch);

    /// Opens the cases of `start` on the jobs' thread; `after_case` (may be
    /// empty) after each case, `finished` (may be empty) at the end, both on
    /// that thread. false (nothing started) if a batch is running.
    bool start(sqlite::BatchStart start, personnel::JobfitRequest request, cli::Lang lang, Engine& engine,
               sqlite::SqliteBatchStore& batches, std::function<void()> after_case,
               std::function<void(const std::string&)> finished);

private:
    std::mutex mutex_;
    std::map<std::string, Status> status_;  // guarded by mutex_
    std::optional<std::string> running_;    // guarded by mutex_
    std::mutex start_mutex_;                // one start() at a time (it replaces thread_)
    std::jthread thread_;                   // the last batch's thread; last: joined first
};

}  // namespace alur::http::detail
