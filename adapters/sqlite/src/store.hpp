// Opening the journal's file for a store beside the journal (roster, job fit batches).
#pragma once

#include "alur/engine/result.hpp"

#include <SQLiteCpp/Database.h>

#include <string>

namespace alur::sqlite::detail {

/// `path` opened read-write with a 5 s busy timeout and its schema migrated;
/// with `read_only`, opened for reading only and its schema checked (see
/// connect.hpp). not_found if the file does not exist (run `alur init`
/// first); busy, io, corrupt.
Result<SQLite::Database> open_store(const std::string& path, bool read_only = false);

}  // namespace alur::sqlite::detail
