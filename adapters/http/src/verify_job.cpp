#include "verify_job.hpp"

#include "alur/engine/audit.hpp"
#include "alur/engine/refusals.hpp"

#include <boost/json/object.hpp>

#include <charconv>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace alur::http::detail {
namespace json = boost::json;

namespace {

/// The report the route has always answered with: the event chain and
/// replay (audit::verify), and the chains beside it (refusals, grants).
Result<json::object> verify_report(Engine& engine, TokenStore& tokens, UserStore* users,
                                   const audit::VerifyOptions& vo) {
    auto report = audit::verify(engine, vo);
    if (!report) return report.error();
    json::object o{{"ok", report->ok()},
                   {"events", report->events},
                   {"cases", report->cases},
                   {"chain_ms", report->chain_time.count()},
                   {"replay_ms", report->replay_time.count()}};
    std::string side_problem;
    if (RefusalLog* log = engine.refusals()) {
        auto refusals = verify_refusals(*log);
        if (!refusals) return refusals.error();
        o["refusals"] = refusals->entries;
        if (!refusals->ok())
            side_problem = "refusals log, entry " + std::to_string(*refusals->bad_seq) + ": " + refusals->problem;
    }
    auto grants = verify_grants(tokens);
    if (!grants) return grants.error();
    o["grants"] = grants->entries;
    if (!grants->ok() && side_problem.empty()) side_problem = "token grants: " + grants->problem;
    if (users) {
        auto checked = verify_users(*users);
        if (!checked) return checked.error();
        o["users"] = checked->users;
        if (!checked->ok() && side_problem.empty()) side_problem = "users: " + checked->problem;
    }
    o["side_problem"] = side_problem.empty() ? json::value(nullptr) : json::value(side_problem);
    o["ok"] = report->ok() && side_problem.empty();
    if (report->problem)
        o["problem"] = json::object{{"global_seq", report->problem->global_seq},
                                    {"case_id", report->problem->case_id},
                                    {"field", report->problem->field},
                                    {"what", report->problem->what},
                                    {"kind", report->problem->drift ? "drift" : "tampered"}};
    else
        o["problem"] = nullptr;
    return o;
}

std::string location_of(std::int64_t id) { return "/api/audit/verify/jobs/" + std::to_string(id); }

/// The job runs at a lower priority (nice 10) so that requests win the
/// cores while it runs; the verify's workers inherit it (Linux: per thread).
void lower_priority() {
#ifdef __linux__
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
}

}  // namespace

struct VerifyJobs::Job {
    std::int64_t id = 0;
    std::optional<std::string> case_id;
    std::string started_at;
    std::atomic<std::int64_t> checked{0};
    // Guarded by VerifyJobs::mutex_:
    std::string state = "running";  ///< running, done, failed
    std::string finished_at;
    json::object report;           ///< when done
    std::optional<Error> error;    ///< when failed

    json::object describe() const {
        return json::object{{"id", id},
                            {"state", state},
                            {"events_checked", checked.load()},
                            {"case", case_id ? json::value(*case_id) : json::value(nullptr)},
                            {"started_at", started_at},
                            {"finished_at", finished_at.empty() ? json::value(nullptr) : json::value(finished_at)},
                            {"location", location_of(id)}};
    }
};

VerifyJobs::VerifyJobs(Engine& engine, TokenStore& tokens, std::function<void(std::int64_t)> finished,
                       UserStore* users, Metrics* metrics)
    : engine_(engine), tokens_(tokens), users_(users), metrics_(metrics), finished_(std::move(finished)) {}

VerifyJobs::~VerifyJobs() = default;  // thread_ (last member) asks the job to stop and joins it

Response VerifyJobs::handle(const Token& token, const std::vector<std::string>& path, const Query& query) {
    if (token.role != "auditor")
        return fail(403, "forbidden", "only the auditor role may verify the journal (this token: " + token.role + ")");
    if (path.size() == 3) return start(query);
    if (path.size() == 5 && path[3] == "jobs") return status(path[4]);
    return fail(404, "not_found", "no such route: /api/audit/verify/" + (path.size() > 3 ? path[3] : std::string()));
}

Response VerifyJobs::start(const Query& query) {
    std::optional<std::string> case_id;
    if (auto it = query.find("case"); it != query.end() && !it->second.empty()) case_id = it->second;
    std::lock_guard start_lock(start_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (running_) return reply(202, json::object{{"job", running_->describe()}});
    }
    if (case_id) {  // what the verify would end with, said at once
        auto found = engine_.journal().find_case(*case_id);
        if (!found)
            return fail(found.error().code == errc::not_found ? make_error(errc::not_found, "no case " + *case_id)
                                                                : found.error());
    }
    auto job = std::make_shared<Job>();
    json::object body;
    {
        std::lock_guard lock(mutex_);
        job->id = next_id_++;
        job->case_id = case_id;
        job->started_at = format_utc(engine_.clock().now());
        running_ = job;
        body = json::object{{"job", job->describe()}};
    }
    // Joins the previous job's thread, which has finished (running_ was empty).
    thread_ = std::jthread([this, job](std::stop_token stop) { run(job, std::move(stop)); });
    return reply(202, body);
}

Response VerifyJobs::status(std::string_view id_text) {
    std::int64_t id = 0;
    const auto r = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    std::lock_guard lock(mutex_);
    std::shared_ptr<Job> job;
    if (r.ec == std::errc{} && r.ptr == id_text.data() + id_text.size()) {
        if (running_ && running_->id == id) job = running_;
        for (const auto& d : done_)
            if (d->id == id) job = d;
    }
    if (!job)
        return fail(404, "not_found",
                    "no verify job " + std::string(id_text) + " (the server keeps the last " + std::to_string(kept) +
                        " finished jobs)");
    json::object body = job->state == "done" ? job->report : json::object{};
    if (job->error)
        body["error"] = json::object{{"code", to_string(job->error->code)},
                                     {"message", job->error->message},
                                     {"field", job->error->field}};
    body["job"] = job->describe();
    return reply(200, body);
}

void VerifyJobs::run(std::shared_ptr<Job> job, std::stop_token stop) {
    lower_priority();
    audit::VerifyOptions vo;
    vo.case_id = job->case_id;
    // Pages of 1,000 rows: the journal's connection is shared with the
    // server's commits, which wait at most one such read (about 2 ms) behind
    // the job; as fast as pages of 10,000 (the journal's own mutex is held per read).
    vo.page = 1000;
    vo.stop = std::move(stop);
    vo.progress = [&job](std::int64_t checked) { job->checked = checked; };
    Result<json::object> report = make_error(errc::io, "the verify did not run");
    try {
        report = verify_report(engine_, tokens_, users_, vo);
    } catch (const std::exception& e) {
        report = make_error(errc::io, std::string("the verify failed: ") + e.what());
    }
    {
        std::lock_guard lock(mutex_);
        job->finished_at = format_utc(engine_.clock().now());
        if (report) {
            job->state = "done";
            job->report = std::move(*report);
            if (auto* events = job->report.if_contains("events"); events && events->is_int64())
                job->checked = events->as_int64();
        } else {
            job->state = "failed";
            job->error = report.error();
        }
        if (metrics_) {
            const auto* ok = report ? job->report.if_contains("ok") : nullptr;
            const auto at = std::chrono::duration_cast<std::chrono::seconds>(engine_.clock().now().time_since_epoch());
            metrics_->verified(ok && ok->is_bool() && ok->get_bool(), at.count(), job->checked.load());
        }
        running_.reset();
        done_.push_back(job);
        if (done_.size() > kept) done_.pop_front();
    }
    if (finished_) finished_(job->id);
}

}  // namespace alur::http::detail
