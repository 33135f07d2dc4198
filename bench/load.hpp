// bench/load.hpp — a closed-loop load on Engine::submit_async from driver threads.
//
// `slots` commands are kept in flight: each slot is bound to a case and sends
// its next command as soon as the previous one is acknowledged (the handler,
// on whichever thread the engine runs it, only queues the slot; a driver
// thread sends the next command). Thread-safe as documented per member.
#pragma once

#include "bench.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace alur::bench {

/// Group commits reported through EngineOptions::on_commit (any thread).
struct CommitCounters {
    std::atomic<std::uint64_t> commits{0};
    std::atomic<std::uint64_t> commands{0};
    std::atomic<std::uint64_t> latency_ns{0};
    std::atomic<std::uint64_t> max_batch{0};
    void add(const CommitStats& s);
};

struct LoadResult {
    double per_s = 0;  ///< acknowledged commands per second in the measured window
    Samples ack;       ///< submit -> handler, in the window
    std::uint64_t acks = 0;
    std::uint64_t errors = 0;
    std::string first_error;
    double commits_per_s = 0;
    double commands_per_commit = 0;
    double commit_latency_us = 0;  ///< mean, around Journal::commit_group
    std::uint64_t max_batch = 0;
    std::size_t max_queue = 0;  ///< Engine::queue_depth() sampled
};

/// Runs `slots` in-flight commands (slot i on cases[i % cases.size()], made by
/// `make(case_id, n)`) for `warmup` + `seconds`; only the last `seconds` count.
LoadResult run_load(Engine& engine, CommitCounters& counters, const std::vector<std::string>& cases,
                    std::size_t slots, std::size_t threads, double warmup, double seconds,
                    const std::function<Command(const std::string& case_id, std::uint64_t n)>& make);

}  // namespace alur::bench
