// The grants chain in table `grants` (schema version 5): what the token store
// and the migration that introduced it share (and the head of a chain, which
// the refusals log shares). Every function runs inside the
// caller's transaction and throws SQLite::Exception on failure.
#pragma once

#include "alur/engine/tokens.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace alur::sqlite::detail {

/// The last entry of the chain in `table` (grants, refusals): its seq and
/// hash, or 0 and genesis_hash when it is empty.
std::pair<std::int64_t, std::string> chain_head(SQLite::Database& db, const char* table);

/// Numbers and chains `g` after the last stored entry and stores it; returns it as stored.
Grant append_grant(SQLite::Database& db, Grant g);

/// The whole chain in order.
std::vector<Grant> read_grants(SQLite::Database& db);

/// Migration 5: journals a grant (and a revocation for a revoked token) for
/// every token already stored, by "schema-v5-migration", so tokens made
/// before grants were journaled keep working and verify.
void journal_existing_grants(SQLite::Database& db);

/// Migration 8: rebuilds table `grants` with a CHECK that also takes the
/// user actions ("user-add", "user-passwd", "user-disable"), keeping every
/// entry and the index grants_by_name.
void widen_grant_actions(SQLite::Database& db);

}  // namespace alur::sqlite::detail
