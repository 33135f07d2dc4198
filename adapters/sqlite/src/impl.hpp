// SqliteJournal's inside: one connection, its cached statements, one mutex.
#pragma once

#include "alur/sqlite/journal.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <mutex>
#include <string>

namespace alur::sqlite {

struct SqliteJournal::Impl {
    Impl(std::string path, Options options, SQLite::Database db);

    /// The body of commit(), under the mutex; throws SQLite::Exception.
    Result<Committed> commit(const CommitRequest& request);

    std::string path;
    Options options;
    std::mutex mutex;  ///< guards the connection and every statement below
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
    // queries
    SQLite::Statement select_case;
    SQLite::Statement select_case_events;
    SQLite::Statement select_cases;
    SQLite::Statement select_events_after;
};

}  // namespace alur::sqlite
