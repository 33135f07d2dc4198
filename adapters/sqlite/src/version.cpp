// version.cpp — the public face of the schema version and the SQLite library's.
#include "alur/sqlite/version.hpp"

#include "schema.hpp"

#include <sqlite3.h>

namespace alur::sqlite {

int current_schema_version() { return detail::current_schema_version(); }

std::string library_version() { return sqlite3_libversion(); }

}  // namespace alur::sqlite
