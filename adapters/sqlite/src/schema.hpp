// The database schema and its migrations.
//
// The schema version lives in table `meta` (key 'schema_version'). Each
// migration takes the schema from version N-1 to N; opening a database runs
// the missing ones in one IMMEDIATE transaction, so two processes opening a
// fresh file at once migrate it exactly once. To change the schema, append a
// migration; never edit one that has shipped.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/sqlite/schema.hpp"

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace alur::sqlite::detail {

/// The version this build writes and reads.
int current_schema_version();

/// The migrations of this build above `version`, in order (0: all of them).
std::vector<SchemaMigration> migrations_after(int version);

/// The version stored in the database, 0 for a database without the schema.
/// Throws SQLite::Exception on a failed read.
int stored_schema_version(SQLite::Database& db);

/// Checks what the code relies on, before and after migrating: every table of
/// the stored version exists (errc::corrupt "table X is missing from database
/// PATH"), so do table meta and its schema_version row once any table exists,
/// and each case prefix's serial row is at least its highest case. With
/// `writable`, a missing index is recreated (one IMMEDIATE transaction). An
/// empty file passes. Throws SQLite::Exception on SQL failures.
Result<void> check_schema(SQLite::Database& db, const std::string& path, bool writable);

/// For a read-only connection: check_schema without writing, and the stored
/// version must be this build's (an older one needs a writing command first to
/// migrate it: invalid_input; an empty file: not_found).
Result<void> check_readable(SQLite::Database& db, const std::string& path);

/// Checks the schema (check_schema) and brings it to current_schema_version(). invalid_input if the file
/// is from a newer build. Throws SQLite::Exception on SQL failures.
Result<void> migrate(SQLite::Database& db, const std::string& path);

}  // namespace alur::sqlite::detail
