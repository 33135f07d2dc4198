// alur/http/metrics.hpp — the counters and histograms `GET /metrics` prints.
//
// A small registry in Prometheus' text format: transitions by workflow and
// event, refusals by error code, fired timers, a lateness histogram of fired
// timers, a latency histogram of API commands (request to acknowledgement),
// and of the engine's group commits (EngineOptions::on_commit): the time
// around the journal's transaction with its sync, the commands per
// transaction and their bytes. The gauges (timers pending, outbox backlog,
// commands queued for the committer) are passed in when rendering; what is
// read from the journal's file (cases, overdue, timers by lateness, outbox
// per channel, events, size: alur/sqlite/stats.hpp) is rendered by
// store_metrics (metrics_store.cpp), with the build's version and commit.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alur::http {

class Metrics {
public:
    void transition(std::string_view workflow, std::string_view event);
    void refusal(std::string_view code);
    /// One fired timer, `late_seconds` after its fire time.
    void fired(double late_seconds);
    /// One command of the API, from the request to its acknowledged commit.
    void commit_latency(double seconds);
    /// One group commit of the engine: `commands` in one transaction holding
    /// `bytes` of payload, which took `seconds` (CommitStats). Called on the
    /// committer's thread: takes the registry's mutex briefly, never blocks otherwise.
    void group_commit(std::size_t commands, std::size_t bytes, double seconds);
    /// The HTTP server's connections: one admitted (+1) or closed (-1), one
    /// refused by the connection limits, one wait of the acceptor out of
    /// descriptors. Lock-free: called from every HTTP thread.
    void connection(int delta) { connections_ += delta; }
    void connection_refused() { ++refused_; }
    void accept_backoff() { ++backoffs_; }
    /// A verify of the journal (GET /api/audit/verify) ended: `ok` (false
    /// for a tampered or drifted journal, or a verify that failed to run)
    /// at `unix_seconds`, having checked `events`.
    void verified(bool ok, std::int64_t unix_seconds, std::int64_t events);
    /// One HTTP request answered with `status` (counted by its class: 2xx ... 5xx).
    void http_request(int status);
    /// The exposition text, with the gauges given.
    std::string render(std::int64_t timers_pending, std::int64_t outbox_backlog, std::size_t queue_depth = 0) const;

private:
    struct Histogram {
        std::vector<double> bounds;
        std::vector<std::uint64_t> counts;  ///< per bound, not cumulative
        double sum = 0;
        std::uint64_t count = 0;
        void observe(double v);
        void render(std::string& out, std::string_view name, std::string_view help) const;
    };

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, std::string>, std::uint64_t> transitions_;
    std::map<std::string, std::uint64_t, std::less<>> refusals_;
    std::uint64_t fired_ = 0;
    Histogram lateness_{{0.1, 1, 10, 60, 600, 3600, 86400}, std::vector<std::uint64_t>(7), 0, 0};
    Histogram commit_{{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}, std::vector<std::uint64_t>(9), 0, 0};
    Histogram group_commit_{{0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1},
                            std::vector<std::uint64_t>(10), 0, 0};
    Histogram batch_{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}, std::vector<std::uint64_t>(11), 0, 0};
    std::uint64_t commit_bytes_ = 0;
    std::map<std::string, std::uint64_t, std::less<>> verifies_;  ///< "ok", "failed" -> runs
    bool verified_ = false;  ///< a verify has ended since the start
    bool verify_ok_ = false;
    std::int64_t verify_at_ = 0;
    std::int64_t verify_events_ = 0;
    std::array<std::uint64_t, 5> http_by_class_{};  ///< 1xx .. 5xx
    std::atomic<std::int64_t> connections_{0};
    std::atomic<std::uint64_t> refused_{0};
    std::atomic<std::uint64_t> backoffs_{0};
};

}  // namespace alur::http
