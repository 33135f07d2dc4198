// The grants chain in table `grants` (schema version 5): what the token store
// and the migration that introduced it share. Every function runs inside the
// caller's transaction and throws SQLite::Exception on failure.
#pragma once

#include "alur/engine/tokens.hpp"

#include <SQLiteCpp/Database.h>

#include <vector>

namespace alur::sqlite::detail {

/// Numbers and chains `g` after the last stored entry and stores it; returns it as stored.
Grant append_grant(SQLite::Database& db, Grant g);

/// The whole chain in order.
std::vector<Grant> read_grants(SQLite::Database& db);

/// Migration 5: journals a grant (and a revocation for a revoked token) for
/// every token already stored, by "schema-v5-migration", so tokens made
/// before grants were journaled keep working and verify.
void journal_existing_grants(SQLite::Database& db);

}  // namespace alur::sqlite::detail
