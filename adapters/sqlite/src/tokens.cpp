// SqliteTokenStore: API tokens in table `tokens` (schema version 3).
#include "alur/sqlite/tokens.hpp"

#include "errors.hpp"
#include "schema.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <mutex>

namespace alur::sqlite {

struct SqliteTokenStore::Impl {
    explicit Impl(SQLite::Database d) : db(std::move(d)) {}
    std::mutex mutex;
    SQLite::Database db;
};

namespace {

Token read_token(SQLite::Statement& q) {
    Token t;
    t.name = q.getColumn(0).getString();
    t.role = q.getColumn(1).getString();
    if (auto at = parse_utc(q.getColumn(2).getString())) t.created_at = *at;
    t.revoked = !q.getColumn(3).isNull();
    return t;
}

}  // namespace

Result<std::shared_ptr<SqliteTokenStore>> SqliteTokenStore::open(const std::string& path) {
    std::error_code ec;
    if (path != ":memory:" && !std::filesystem::exists(path, ec))
        return make_error(errc::not_found, "no database at " + path + "; run `alur init` first");
    return detail::guarded("opening " + path, [&]() -> Result<std::shared_ptr<SqliteTokenStore>> {
        SQLite::Database db(path, SQLite::OPEN_READWRITE, 5000);
        auto migrated = detail::migrate(db, path);
        if (!migrated) return migrated.error();
        return std::shared_ptr<SqliteTokenStore>(new SqliteTokenStore(std::make_unique<Impl>(std::move(db))));
    });
}

SqliteTokenStore::SqliteTokenStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteTokenStore::~SqliteTokenStore() = default;

Result<void> SqliteTokenStore::add(const Token& token, const std::string& sha256) {
    return detail::guarded("adding token " + token.name, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement exists(impl_->db, "SELECT 1 FROM tokens WHERE name = ?");
        exists.bind(1, token.name);
        if (exists.executeStep()) return make_error(errc::conflict, "a token named " + token.name + " exists", "name");
        SQLite::Statement put(impl_->db, "INSERT INTO tokens (name, role, sha256, created_at) VALUES (?, ?, ?, ?)");
        put.bind(1, token.name);
        put.bind(2, token.role);
        put.bind(3, sha256);
        put.bind(4, format_utc(token.created_at));
        put.exec();
        return {};
    });
}

Result<Token> SqliteTokenStore::find_by_hash(const std::string& sha256) {
    return detail::guarded("finding a token", [&]() -> Result<Token> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db,
                            "SELECT name, role, created_at, revoked_at FROM tokens "
                            "WHERE sha256 = ? AND revoked_at IS NULL");
        q.bind(1, sha256);
        if (!q.executeStep()) return make_error(errc::not_found, "no such token");
        return read_token(q);
    });
}

Result<std::vector<Token>> SqliteTokenStore::list() {
    return detail::guarded("listing tokens", [&]() -> Result<std::vector<Token>> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db, "SELECT name, role, created_at, revoked_at FROM tokens ORDER BY name");
        std::vector<Token> out;
        while (q.executeStep()) out.push_back(read_token(q));
        return out;
    });
}

Result<void> SqliteTokenStore::revoke(const std::string& name, TimePoint at) {
    return detail::guarded("revoking token " + name, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db, "UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE name = ?");
        q.bind(1, format_utc(at));
        q.bind(2, name);
        if (q.exec() == 0) return make_error(errc::not_found, "no token named " + name, "name");
        return {};
    });
}

}  // namespace alur::sqlite
