// What an upgrade of a journal file would do, read without writing it
// (alur/sqlite/schema.hpp; `alur migrate --check`).
#include "alur/sqlite/schema.hpp"

#include "connect.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <filesystem>

namespace alur::sqlite {

int schema_version() { return detail::current_schema_version(); }

std::vector<SchemaMigration> schema_migrations() { return detail::migrations_after(0); }

Result<SchemaStatus> inspect_schema(const std::string& path) {
    std::error_code ec;
    if (path.empty() || path == ":memory:" || !std::filesystem::exists(path, ec))
        return make_error(errc::not_found, "no database at " + path + "; run `alur init` first");
    return detail::guarded("reading the schema of " + path, [&]() -> Result<SchemaStatus> {
        // Read-only (mode=ro, else immutable=1): SQLite never writes the file
        // and no migration runs, whoever else has it open.
        detail::ConnectOptions read_only;
        read_only.read_only = true;
        SQLite::Database db = detail::connect(path, read_only);
        if (auto checked = detail::check_schema(db, path, false); !checked) return checked.error();
        SchemaStatus status;
        status.stored = detail::stored_schema_version(db);
        status.current = detail::current_schema_version();
        if (status.stored == 0)
            return make_error(errc::not_found, "database " + path + " is empty; run `alur init` first");
        status.pending = detail::migrations_after(status.stored);
        return status;
    });
}

}  // namespace alur::sqlite
