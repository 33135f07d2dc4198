#include "jobfit_job.hpp"

namespace alur::http::detail {

JobfitJobs::~JobfitJobs() {
    if (thread_.joinable()) {
        thread_.request_stop();
        thread_.join();
    }
}

std::optional<std::string> JobfitJobs::running() {
    std::lock_guard lock(mutex_);
    return running_;
}

std::optional<JobfitJobs::Status> JobfitJobs::status(const std::string& batch) {
    std::lock_guard lock(mutex_);
    auto it = status_.find(batch);
    if (it == status_.end()) return std::nullopt;
    return it->second;
}

bool JobfitJobs::start(sqlite::BatchStart start, personnel::JobfitRequest request, cli::Lang lang, Engine& engine,
                       sqlite::SqliteBatchStore& batches, std::function<void()> after_case,
                       std::function<void(const std::string&)> finished) {
    std::lock_guard starting(start_mutex_);
    const std::string id = start.batch.id;
    {
        std::lock_guard lock(mutex_);
        if (running_) return false;
        running_ = id;
        status_[id] = Status{"running", 0, start.included.size(), {}};
    }
    if (thread_.joinable()) thread_.join();  // the last batch's thread, already done
    thread_ = std::jthread([this, id, start = std::move(start), request = std::move(request), lang, &engine, &batches,
                            after_case = std::move(after_case),
                            finished = std::move(finished)](std::stop_token stop) mutable {
        Result<void> opened = make_error(errc::io, "not run");
        try {
            opened = personnel::open_jobfit_cases(engine, batches, start, request, lang,
                                                  [&](std::size_t done, std::size_t total) {
                                                      {
                                                          std::lock_guard lock(mutex_);
                                                          status_[id].done = done;
                                                          status_[id].total = total;
                                                      }
                                                      if (after_case) after_case();
                                                      return !stop.stop_requested();
                                                  });
        } catch (const std::exception& e) {
            opened = make_error(errc::io, e.what());
        }
        {
            std::lock_guard lock(mutex_);
            Status& s = status_[id];
            s.state = opened ? "done" : "failed";
            if (!opened) s.error = opened.error().message;
            running_.reset();
        }
        if (finished) finished(id);
    });
    return true;
}

}  // namespace alur::http::detail
