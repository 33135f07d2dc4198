// The small pool audit::verify runs on: a few worker threads taking tasks
// from one queue, urgent ones (a page's hashes, which the reading thread
// waits for) ahead of the rest (replaying cases). The thread that waits helps:
// help_until() runs queued tasks itself until its condition holds, so a pool
// of one thread or a busy machine never deadlocks. Private to the engine.
// Thread-safety: every member may be called from any thread; the destructor
// runs what is queued and joins the workers.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace alur::audit::detail {

class WorkPool {
public:
    explicit WorkPool(unsigned threads) {
        for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
    }
    ~WorkPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        work_cv_.notify_all();
        for (auto& w : workers_) w.join();
    }
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    void post(std::function<void()> task, bool urgent = false) {
        {
            std::lock_guard lock(mutex_);
            if (urgent) {
                queue_.push_front(std::move(task));
                ++urgent_;
            } else {
                queue_.push_back(std::move(task));
            }
        }
        work_cv_.notify_one();
    }

    /// Tasks queued or running.
    std::size_t load() const {
        std::lock_guard lock(mutex_);
        return queue_.size() + running_;
    }

    /// Runs queued tasks on this thread, or waits for a task to finish,
    /// until `done()` is true. `done()` is checked under the pool's lock (it
    /// must not call load()); it may read what a task sets before it ends.
    /// With `urgent_only`, only urgent tasks are run here (the reader waiting
    /// for a page's hashes should not start replaying a batch of cases).
    template <class Done>
    void help_until(Done done, bool urgent_only = false) {
        std::unique_lock lock(mutex_);
        while (!done()) {
            if (!queue_.empty() && (!urgent_only || urgent_ > 0)) {
                run_one(lock);
            } else {
                done_cv_.wait(lock);
            }
        }
    }

    /// Helps until at most `n` tasks are queued or running.
    void help_until_load(std::size_t n) {
        help_until([&] { return queue_.size() + running_ <= n; });
    }

    /// Runs or waits for everything queued.
    void drain() {
        help_until([this] { return queue_.empty() && running_ == 0; });
    }

private:
    void run_one(std::unique_lock<std::mutex>& lock) {
        auto task = std::move(queue_.front());
        queue_.pop_front();
        if (urgent_ > 0) --urgent_;  // urgent tasks are at the front
        ++running_;
        lock.unlock();
        task();
        lock.lock();
        --running_;
        done_cv_.notify_all();
    }

    void work() {
        std::unique_lock lock(mutex_);
        for (;;) {
            work_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, nothing left
            run_one(lock);
        }
    }

    mutable std::mutex mutex_;
    std::condition_variable work_cv_;
    std::condition_variable done_cv_;
    std::deque<std::function<void()>> queue_;  // guarded by mutex_
    std::size_t urgent_ = 0;                   // guarded by mutex_: urgent tasks at the queue's front
    std::size_t running_ = 0;                  // guarded by mutex_
    bool stopping_ = false;                    // guarded by mutex_
    std::vector<std::thread> workers_;
};

}  // namespace alur::audit::detail
