// alur/sqlite/stats.hpp — what `GET /metrics` and `/healthz` read from the
// journal's file at scrape time: the cases per workflow and state, the
// overdue ones, the pending timers by lateness, the outbox backlog per
// channel with its oldest notice, the events and the file's size, and the
// schema version. Read from the file itself, so writes by other processes
// (`alur advance` while `alur serve` runs) count as the server's own do.
//
// Every read is an aggregate over an index (cases_by_workflow_state,
// cases_by_due_key, timers_by_fire, outbox_pending) or the events' rowid,
// in one read transaction on the store's own connection: in WAL mode it
// never blocks a writer, and a writer never blocks it.
//
// Thread-safety: one connection behind a mutex; safe to share between threads.
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/result.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace alur::sqlite {

struct StoreStats {
    /// (workflow, state) -> cases.
    std::map<std::pair<std::string, std::string>, std::int64_t> cases;
    /// workflow -> cases whose deadline (due_at) is before now.
    std::map<std::string, std::int64_t> overdue;
    /// Pending timers not yet due, and those due for at least each bound of
    /// `lateness_bounds` (seconds; cumulative: a timer 2 h late counts under 60 and 3600).
    std::int64_t timers_not_due = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> timers_late;  ///< (bound in seconds, timers at least that late)
    std::int64_t timers_pending = 0;
    struct Backlog {
        std::int64_t notices = 0;             ///< undelivered
        std::int64_t failing = 0;             ///< undelivered with at least one failed attempt
        double oldest_age_seconds = 0;        ///< now - created_at of the oldest undelivered
    };
    std::map<std::string, Backlog> outbox;  ///< channel -> its backlog
    std::int64_t events = 0;                ///< the highest global_seq: every event ever committed
    std::int64_t database_bytes = 0;        ///< the file's size
    std::int64_t wal_bytes = 0;             ///< its -wal file's size (0 without one)
    int schema_version = 0;
};

class SqliteStats {
public:
    /// The lateness bounds (seconds) of StoreStats::timers_late.
    static const std::vector<std::int64_t>& lateness_bounds();

    /// not_found if the file does not exist; busy, io, corrupt.
    static Result<std::shared_ptr<SqliteStats>> open(const std::string& path);
    ~SqliteStats();

    /// Everything above, as of `now`.
    Result<StoreStats> read(TimePoint now);
    /// A number that changes whenever any connection other than this one
    /// (every writer: the server's journal, a CLI) commits (PRAGMA data_version).
    Result<std::int64_t> data_version();
    /// The schema version stored in the file (a real read: /healthz).
    Result<int> schema_version();

private:
    struct Impl;
    explicit SqliteStats(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace alur::sqlite
