// The database schema and its migrations.
//
// The schema version lives in table `meta` (key 'schema_version'). Each
// migration takes the schema from version N-1 to N; opening a database runs
// the missing ones in one IMMEDIATE transaction, so two processes opening a
// fresh file at once migrate it exactly once. To change the schema, append a
// migration; never edit one that has shipped.
#pragma once

#include "alur/engine/result.hpp"

#include <SQLiteCpp/Database.h>

#include <string>

namespace alur::sqlite::detail {

/// The version this build writes and reads.
int current_schema_version();

/// The version stored in the database, 0 for a database without the schema.
/// Throws SQLite::Exception on a failed read.
int stored_schema_version(SQLite::Database& db);

/// Brings the schema to current_schema_version(). invalid_input if the file
/// is from a newer build. Throws SQLite::Exception on SQL failures.
Result<void> migrate(SQLite::Database& db, const std::string& path);

}  // namespace alur::sqlite::detail
