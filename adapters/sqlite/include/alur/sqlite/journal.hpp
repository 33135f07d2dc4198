// alur/sqlite/journal.hpp — the Journal stored in one SQLite file.
//
// The embedded default store: events, case projections, idempotency keys,
// case serials, pending timers and the notice outbox in one database file in
// WAL mode. Each commit is one `BEGIN IMMEDIATE` transaction, so of two
// writers (threads, connections or processes) working from the same case
// version exactly one succeeds and the other gets errc::conflict; nothing is
// ever half-written. The schema is
// versioned (table `meta`, key `schema_version`) and migrated on open.
//
// Thread-safety: an SqliteJournal holds one writing connection behind a
// mutex, and a few reading connections (Options::read_connections) each
// behind its own, and may be shared between threads. Several processes may open the same file, each
// with its own SqliteJournal. Never carry an open SqliteJournal across fork():
// open it in the child.
//
// No exception leaves this class: SQLite errors become alur::Error
// (busy/locked -> errc::busy, full/I/O -> errc::io, corrupt/not a database ->
// errc::corrupt, constraint -> errc::conflict).
#pragma once

#include "alur/engine/journal.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace alur::sqlite {

struct Options {
    /// Create the file and its schema when missing. When false and the file
    /// does not exist, open() fails with errc::not_found.
    bool create = true;
    /// PRAGMA synchronous: NORMAL, FULL or EXTRA (any case); anything else is
    /// errc::invalid_input. FULL makes every commit durable on power loss.
    std::string synchronous = "FULL";
    /// How long a writer waits for another's lock before errc::busy.
    std::chrono::milliseconds busy_timeout{5000};
    /// The SQLite VFS to open the file through, by its registered name
    /// (sqlite3_vfs_register); empty: SQLite's default. Tests use it to
    /// inject I/O faults (tests/support/fault_vfs.hpp). An unknown name is
    /// errc::io ("no such vfs").
    std::string vfs;
    /// Open for reading only (the reading commands): SQLite never writes the
    /// file, no migration runs, and the file may be read-only, or in a
    /// read-only directory (connect.hpp: mode=ro, else immutable=1).
    /// Implies !create; the schema must be this build's (invalid_input
    /// otherwise); commits fail with errc::io.
    bool read_only = false;
    /// Connections that only read (cases, lists, events, keys, a case's
    /// timers and notices), opened as they are needed, so reads never wait
    /// behind the writer's mutex or its sync (WAL readers see the last
    /// finished commit). 0: every read goes through the writer's connection.
    /// Not used for ":memory:" or read_only (one connection).
    std::size_t read_connections = 4;
    /// Fault injection for crash tests. If set, called inside commit() before
    /// each write statement with 1, 2, 3, ... (counted per commit); the final
    /// call is made before COMMIT itself. The writes, in order: the case
    /// serial (a new case only), the event, the case row, the idempotency row
    /// (with a key), the deletion of the case's timers and one insert per
    /// timer (when the request sets timers), one insert per notice, COMMIT.
    /// So a commit to an existing case with a key, two timers and one notice
    /// calls it with 1 event, 2 case, 3 key, 4 timer deletion, 5-6 timers,
    /// 7 notice, 8 COMMIT. It may throw (commit() then returns an error and
    /// writes nothing) or _exit.
    std::function<void(int write_index)> before_write;
};

/// The SQL list_cases runs for `filter` (its values bound as ?1, ?2, ...):
/// for query-plan tests and benchmarks (docs/RELIABILITY.md, "Reads that
/// stay flat", says which index each filter and order walks).
std::string list_cases_sql(const CaseFilter& filter);
/// The SQL count_cases runs for `filter`, the same way.
std::string count_cases_sql(const CaseFilter& filter);

class SqliteJournal final : public alur::Journal {
public:
    /// Opens (and with options.create, creates) the database at `path`, sets
    /// WAL mode, synchronous, busy timeout and foreign keys, checks the schema
    /// (a missing index is recreated) and migrates it to the current version;
    /// read-only: only checks. Errors: not_found (no file and !options.create),
    /// invalid_input (bad options, or a schema newer than this build), corrupt
    /// (not a database, or a table, the schema_version row or a serial row is
    /// missing: the message names it), busy, io.
    static Result<std::shared_ptr<SqliteJournal>> open(const std::string& path, Options options = {});

    ~SqliteJournal() override;
    SqliteJournal(const SqliteJournal&) = delete;
    SqliteJournal& operator=(const SqliteJournal&) = delete;

    Result<Committed> commit(const CommitRequest& request) override;
    /// One IMMEDIATE transaction for all; each request in its own savepoint.
    std::vector<Result<Committed>> commit_group(const std::vector<CommitRequest>& requests) override;
    /// One IMMEDIATE transaction; rolled back as a whole if any request is refused.
    Result<std::vector<Committed>> commit_all(const std::vector<CommitRequest>& requests) override;
    /// Every unit in one IMMEDIATE transaction, one savepoint per unit, one sync.
    std::vector<Result<std::vector<Committed>>> commit_units(const std::vector<CommitUnit>& units) override;
    Result<CaseRecord> find_case(std::string_view case_id) override;
    Result<std::vector<EventRecord>> case_events(std::string_view case_id) override;
    Result<std::vector<CaseRecord>> list_cases(const CaseFilter& filter) override;
    /// SELECT count(*) with the filter's terms (list.cpp).
    Result<std::int64_t> count_cases(const CaseFilter& filter) override;
    Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view key) override;
    Result<std::vector<EventRecord>> read_events(std::int64_t after, std::size_t limit) override;
    /// A read transaction on one reader connection, pinned to the calling
    /// thread (see Journal::read_snapshot); nullptr when the journal reads
    /// through the writer's connection (":memory:", read_connections 0).
    std::shared_ptr<void> read_snapshot() override;
    Result<std::vector<IdempotencyRecord>> read_idempotency(std::string_view after, std::size_t limit) override;

    Result<std::vector<Timer>> case_timers(std::string_view case_id) override;
    Result<std::optional<Timer>> next_timer() override;
    Result<std::vector<Timer>> due_timers(TimePoint now, std::size_t limit) override;
    Result<std::int64_t> timer_count() override;
    std::vector<std::string> unreadable_timers() override;

    Result<std::vector<Notice>> pending_notices(TimePoint now, std::size_t limit) override;
    /// not_found if there is no such notice.
    Result<void> notice_delivered(std::int64_t id, TimePoint at) override;
    /// not_found if there is no such notice.
    Result<void> notice_failed(std::int64_t id, std::string_view error, TimePoint retry_at) override;
    Result<std::vector<Notice>> case_notices(std::string_view case_id) override;
    Result<std::vector<Notice>> read_notices(std::int64_t after, std::size_t limit) override;

    /// SQLite's `PRAGMA data_version` on this journal's connection: it moves
    /// when another connection (this process or another) commits to the file,
    /// but NOT when this SqliteJournal commits itself, so a caller polling it
    /// also notes its own commits.
    Result<std::uint64_t> change_counter() override;

    /// Copies every page of the WAL into the database file and empties the
    /// WAL (`PRAGMA wal_checkpoint(TRUNCATE)`), so that the .db file alone
    /// holds everything committed (before copying it). Connections keep the
    /// WAL when they close (one sync per CLI command); SQLite checkpoints on
    /// its own as the WAL grows (1000 pages). busy if a reader or writer of
    /// another connection kept it from finishing.
    Result<void> checkpoint();

    /// The path it was opened with.
    const std::string& path() const;

private:
    struct Impl;
    explicit SqliteJournal(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace alur::sqlite
