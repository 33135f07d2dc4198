// version.hpp — what this build of the SQLite journal writes and runs on, for
// `alur version --json` and the build information of metrics and /healthz.
// Both functions are pure reads: thread-safe.
#pragma once

#include <string>

namespace alur::sqlite {

/// The schema version this build creates and migrates databases to (table
/// `meta`, key 'schema_version'); a database of a later version is refused.
int current_schema_version();

/// The SQLite library the process runs on (sqlite3_libversion(), e.g. "3.40.1"):
/// the shared library loaded at run time, which may be newer than the headers.
std::string library_version();

}  // namespace alur::sqlite
