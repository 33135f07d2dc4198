// alur/sqlite/schema.hpp — the journal file's schema versions, and what an
// upgrade of a file would do (`alur migrate --check`).
//
// Opening a file for writing (SqliteJournal::open) migrates it to
// schema_version() on its own; inspect_schema() only reads, so a person can
// see first what that would change. docs/OPERATIONS.md ("Upgrades") has one
// row per version. Thread-safety: the functions share no state.
#pragma once

#include "alur/engine/result.hpp"

#include <string>
#include <vector>

namespace alur::sqlite {

/// What a migration does to the rows already stored in the file.
enum class Rewrites {
    nothing,         ///< adds tables, columns (default values) or indexes; no stored row changes
    adds_rows,       ///< also writes new rows derived from stored ones (schema 5: the tokens' grants)
    fills_columns,   ///< fills new columns of every stored case row from its data (events and hashes untouched)
    rebuilds_table,  ///< copies a table into a new one, row for row (schema 8: the grants chain)
};

/// One step of the schema: from version - 1 to version.
struct SchemaMigration {
    int version = 0;
    std::string what;  ///< the tables and columns it adds ("tokens", "cases.due_at, timers, outbox")
    Rewrites rewrites = Rewrites::nothing;
};

/// The version this build writes and reads.
int schema_version();

/// Every migration of this build, version 1 first.
std::vector<SchemaMigration> schema_migrations();

/// A file's schema against this build's.
struct SchemaStatus {
    int stored = 0;                        ///< the file's version
    int current = 0;                       ///< this build's, schema_version()
    std::vector<SchemaMigration> pending;  ///< what opening it for writing would run, in order
    bool up_to_date() const { return stored == current; }
    bool newer() const { return stored > current; }  ///< written by a newer build: this one refuses it
};

/// Reads the schema version of the file at `path` and checks its tables as
/// opening it would (never writes the file, runs no migration, works on a
/// read-only file). Errors: not_found (no file, or a file without the schema:
/// "run `alur init` first"), corrupt (not a database, a table or the
/// schema_version row missing), busy, io.
Result<SchemaStatus> inspect_schema(const std::string& path);

}  // namespace alur::sqlite
