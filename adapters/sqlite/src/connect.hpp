// Opening a connection to the journal's file, read-write or read-only.
//
// Read-only connections (the reading commands) open "file:PATH?mode=ro":
// SQLite never writes the database file, runs no migration and sets no
// journal mode. A database in WAL mode is read through its -wal and -shm
// files; when those cannot be opened or created (the file's directory is not
// writable) and there is no -wal file holding changes, the file is opened
// with "immutable=1" instead (nothing else is writing it: without a -wal file
// every commit is in the database file itself). A -wal file with changes in
// a directory that cannot be written is refused with a clear error rather
// than read without those changes.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>

namespace alur::sqlite::detail {

struct ConnectOptions {
    bool create = false;     ///< create the file when missing (read-write only)
    bool read_only = false;  ///< see above
    int busy_timeout_ms = 5000;
    std::string vfs;         ///< empty: SQLite's default
};

/// Throws SQLite::Exception (SQLITE_CANTOPEN with the reason for a read-only
/// file whose -wal cannot be read).
SQLite::Database connect(const std::string& path, const ConnectOptions& options);

}  // namespace alur::sqlite::detail
