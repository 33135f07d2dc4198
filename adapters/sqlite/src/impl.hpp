// SqliteJournal's inside: the writer's connection, its cached statements and
// mutex, and the readers (readers.hpp).
#pragma once

#include "alur/sqlite/journal.hpp"
#include "projection.hpp"
#include "readers.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace alur::sqlite {

struct SqliteJournal::Impl {
    /// Prepares every statement below (statements.cpp); throws SQLite::Exception.
    Impl(std::string path, Options options, SQLite::Database db);

    /// The bodies of commit(), commit_group() and commit_all(), under the mutex; throw SQLite::Exception.
    Result<Committed> commit(const CommitRequest& request);
    std::vector<Result<Committed>> commit_group(const std::vector<CommitRequest>& requests);
    Result<std::vector<Committed>> commit_all(const std::vector<CommitRequest>& requests);
    std::vector<Result<std::vector<Committed>>> commit_units(const std::vector<CommitUnit>& units);
    /// One request's reads and writes inside the caller's transaction.
    Result<Committed> write(const CommitRequest& request, const std::function<void()>& before_write);
    /// The case row of a commit (projection.cpp): inserted when `stored` is
    /// null, else updated in the columns that differ from it.
    void write_case(const CaseRecord& c, const detail::StoredCase* stored);

    std::string path;
    Options options;
    std::mutex mutex;  ///< guards the connection and every statement below
    /// Timer rows next_timer and due_timers could not read and skipped, by id.
    std::map<std::int64_t, std::string> unreadable_timers;
    SQLite::Database db;

    // Prepared once, reset after each use (see detail::StatementUse).
    // commit()
    SQLite::Statement find_key;
    SQLite::Statement find_version;
    SQLite::Statement find_serial;
    SQLite::Statement put_serial;
    SQLite::Statement head;
    SQLite::Statement put_event;
    SQLite::Statement put_case;
    /// UPDATE cases statements by the set of changed columns (projection.cpp).
    std::map<unsigned, SQLite::Statement> update_case;
    SQLite::Statement put_key;
    SQLite::Statement delete_timers;
    SQLite::Statement put_timer;
    SQLite::Statement put_notice;
    // timers
    SQLite::Statement select_next_timer;
    SQLite::Statement select_due_timers;
    SQLite::Statement count_timers;
    // outbox
    SQLite::Statement select_pending;
    SQLite::Statement set_delivered;
    SQLite::Statement set_failed;
    // change_counter()
    SQLite::Statement data_version;
    // commit_units(): a savepoint per unit, and the chain's head as the group's
    // writes move it (so each unit does not ask the table again).
    SQLite::Statement savepoint;
    SQLite::Statement rollback_to_savepoint;
    SQLite::Statement release_savepoint;
    struct Head {
        std::int64_t global_seq = 0;
        std::string hash;
    };
    std::optional<Head> group_head;

    /// The reads of cases, events, keys and a case's timers and notices.
    /// Last: its connections close before the writer's.
    detail::ReaderPool readers;
};

}  // namespace alur::sqlite
