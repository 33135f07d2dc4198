// GET /api/audit/verify as a background job (verify_job.cpp): a request
// starts the verify on the job's own thread and is answered at once (202,
// with the job); GET /api/audit/verify/jobs/{id} tells its progress (events
// checked) and, once it is done, the report in the shape the route always
// had (ok, events, cases, chain_ms, replay_ms, refusals, grants,
// side_problem, problem). One job at a time: a request while one runs is
// answered with the running job. The last few finished jobs are kept.
// Thread-safety: handle() may be called from several threads; the
// destructor stops a running job (at its next page) and joins its thread.
#pragma once

#include "api_detail.hpp"

#include "alur/engine/tokens.hpp"
#include "alur/engine/users.hpp"

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace alur::http::detail {

class VerifyJobs {
public:
    /// `finished` (may be empty) is called on the job's thread when a job ends.
    /// `users` may be null (no users to check). `metrics` (may be null) is
    /// told each job's result (Metrics::verified).
    VerifyJobs(Engine& engine, TokenStore& tokens, std::function<void(std::int64_t job)> finished,
               UserStore* users = nullptr, Metrics* metrics = nullptr);
    ~VerifyJobs();
    VerifyJobs(const VerifyJobs&) = delete;
    VerifyJobs& operator=(const VerifyJobs&) = delete;

    /// /api/audit/verify[?case=] and /api/audit/verify/jobs/{id}, for a GET
    /// by an authenticated token (`path` as split by the router).
    Response handle(const Token& token, const std::vector<std::string>& path, const Query& query);

    /// How many finished jobs are kept for polling.
    static constexpr std::size_t kept = 8;

private:
    struct Job;
    Response start(const Query& query);
    Response status(std::string_view id);
    void run(std::shared_ptr<Job> job, std::stop_token stop);

    Engine& engine_;
    TokenStore& tokens_;
    UserStore* users_ = nullptr;
    Metrics* metrics_ = nullptr;
    std::function<void(std::int64_t)> finished_;
    std::mutex mutex_;
    std::int64_t next_id_ = 1;                 // guarded by mutex_
    std::shared_ptr<Job> running_;             // guarded by mutex_
    std::deque<std::shared_ptr<Job>> done_;    // guarded by mutex_, newest last
    std::mutex start_mutex_;                   // one start() at a time (it replaces thread_)
    std::jthread thread_;                      // the last job's thread; last: joined first
};

}  // namespace alur::http::detail
