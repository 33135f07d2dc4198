// alur/sqlite/backup.hpp — a consistent copy of a journal file while other
// processes write it, and folding a file's WAL in before it is replaced.
//
// copy_database() is what `alur backup` and `alur restore` copy with: SQLite's
// `VACUUM INTO` on a read-only connection to the source. It runs in ONE read
// transaction, so the copy is the database exactly as some commit left it
// (every event acknowledged before the copy began is in it, and none of a
// commit that had not finished), whatever the other connections do. In WAL
// mode a reader takes no lock a writer waits for: `alur serve` keeps
// committing while the copy is made; only the WAL cannot be checkpointed past
// the copy's snapshot until it ends, so it grows meanwhile (and is folded in
// at the next checkpoint). The copy is a single self-contained file (rollback
// journal mode, no -wal), compacted, and fsynced before copy_database returns.
//
// Thread-safety: the functions share no state; each opens its own connection.
// No exception leaves them.
#pragma once

#include "alur/engine/result.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace alur::sqlite {

struct CopyReport {
    std::int64_t bytes = 0;             ///< the copy's size
    std::chrono::milliseconds elapsed{};  ///< the read transaction's length (the copy itself), then the fsync
    int schema_version = 0;             ///< the source's stored schema version
    int current_schema_version = 0;     ///< this build's
};

/// Copies the database at `source` into `dest`, which must not exist or be
/// an empty file (a file made by mkstemp), and fsyncs it; `dest`'s mode is
/// kept (an absent `dest` is created 0600). Errors: not_found (no file at
/// `source`), corrupt (not a database, or one without Alur's schema), busy
/// (the source stayed locked past the busy timeout, e.g. during a recovery),
/// io (the disk is full, `dest` cannot be written).
Result<CopyReport> copy_database(const std::string& source, const std::string& dest);

/// Brings the copy at `path` (a file no other process has open) to this
/// build's schema, as opening it for writing would (SqliteJournal::open),
/// and leaves it one file again (rollback journal mode: no -wal, no -shm).
/// Errors as SqliteJournal::open's.
Result<void> upgrade_copy(const std::string& path);

/// Copies every page of the WAL of the database at `path` into the file and
/// empties the WAL (`PRAGMA wal_checkpoint(TRUNCATE)`), so that the file
/// alone holds every commit (before it is moved or replaced). A file without
/// a WAL is left as it is. busy when another connection (another process)
/// has the database open and kept the checkpoint from finishing.
Result<void> fold_wal(const std::string& path);

}  // namespace alur::sqlite
