// bench/load.cpp — the closed-loop driver of transitions (and the opening of cases).
#include "load.hpp"

#include <thread>

namespace alur::bench {

void CommitCounters::add(const CommitStats& s) {
    commits.fetch_add(1, std::memory_order_relaxed);
    commands.fetch_add(s.commands, std::memory_order_relaxed);
    latency_ns.fetch_add(static_cast<std::uint64_t>(s.latency.count()), std::memory_order_relaxed);
    auto seen = max_batch.load(std::memory_order_relaxed);
    while (s.commands > seen && !max_batch.compare_exchange_weak(seen, s.commands)) {
    }
}

namespace {

struct Shared {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<std::size_t> ready;  // slots whose previous command was acknowledged
    std::size_t outstanding = 0;     // slots not yet retired after stop
    bool measuring = false;
    bool stop = false;
    std::uint64_t acks = 0, errors = 0;
    std::string first_error;
    Samples ack;
};

}  // namespace

LoadResult run_load(Engine& engine, CommitCounters& counters, const std::vector<std::string>& cases,
                    std::size_t slots, std::size_t threads, double warmup, double seconds,
                    const std::function<Command(const std::string& case_id, std::uint64_t n)>& make) {
    Shared s;
    s.ack.us.reserve(1 << 20);
    for (std::size_t i = 0; i < slots; ++i) s.ready.push_back(slots - 1 - i);
    s.outstanding = slots;
    std::atomic<std::uint64_t> sent{0};

    auto drive = [&] {
        for (;;) {
            std::size_t slot;
            {
                std::unique_lock lock(s.mu);
                s.cv.wait(lock, [&] { return !s.ready.empty() || s.outstanding == 0; });
                if (s.ready.empty()) return;
                slot = s.ready.back();
                s.ready.pop_back();
                if (s.stop) {
                    if (--s.outstanding == 0) s.cv.notify_all();
                    continue;
                }
            }
            Command cmd = make(cases[slot % cases.size()], sent.fetch_add(1, std::memory_order_relaxed));
            const auto start = Clock::now();
            engine.submit_async(std::move(cmd), [&s, slot, start](Result<Outcome> r) {
                const auto took = Clock::now() - start;
                {
                    std::lock_guard lock(s.mu);
                    if (r) {
                        if (s.measuring) {
                            ++s.acks;
                            s.ack.add(took);
                        }
                    } else {
                        ++s.errors;
                        if (s.first_error.empty()) s.first_error = r.error().message;
                    }
                    s.ready.push_back(slot);
                }
                s.cv.notify_one();
            });
        }
    };
    std::vector<std::thread> drivers;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, std::min(threads, slots)); ++i) drivers.emplace_back(drive);

    LoadResult out;
    std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
    const std::uint64_t commits0 = counters.commits, commands0 = counters.commands, lat0 = counters.latency_ns;
    counters.max_batch = 0;
    {
        std::lock_guard lock(s.mu);
        s.measuring = true;
    }
    const auto start = Clock::now();
    while (seconds_since(start) < seconds) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        out.max_queue = std::max(out.max_queue, engine.queue_depth());
    }
    {
        std::lock_guard lock(s.mu);
        s.measuring = false;
        s.stop = true;
        out.per_s = static_cast<double>(s.acks) / seconds_since(start);
    }
    const std::uint64_t commits = counters.commits - commits0, commands = counters.commands - commands0;
    out.commits_per_s = static_cast<double>(commits) / seconds;
    out.commands_per_commit = commits ? static_cast<double>(commands) / static_cast<double>(commits) : 0;
    out.commit_latency_us = commits ? static_cast<double>(counters.latency_ns - lat0) / 1e3 / static_cast<double>(commits) : 0;
    out.max_batch = counters.max_batch;
    s.cv.notify_all();
    for (auto& t : drivers) t.join();
    out.ack = std::move(s.ack);
    out.acks = s.acks;
    out.errors = s.errors;
    out.first_error = s.first_error;
    return out;
}

}  // namespace alur::bench
