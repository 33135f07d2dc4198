// SqliteJournal's inside: one connection, its cached statements, one mutex.
#pragma once

#include "alur/sqlite/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <map>
#include <mutex>
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
    SQLite::Statement put_key;
    SQLite::Statement delete_timers;
    SQLite::Statement put_timer;
    SQLite::Statement put_notice;
    // queries
    SQLite::Statement select_case;
    SQLite::Statement select_case_events;
    SQLite::Statement select_cases;
    SQLite::Statement select_overdue;
    SQLite::Statement select_events_after;
    // timers
    SQLite::Statement select_case_timers;
    SQLite::Statement select_next_timer;
    SQLite::Statement select_due_timers;
    SQLite::Statement count_timers;
    // outbox
    SQLite::Statement select_pending;
    SQLite::Statement select_case_notices;
    SQLite::Statement set_delivered;
    SQLite::Statement set_failed;
    // change_counter()
    SQLite::Statement data_version;
};

}  // namespace alur::sqlite
