// SqliteTokenStore: API tokens in table `tokens` (schema version 3), each
// created and revoked with its entry in the grants chain (table `grants`,
// schema version 5) in one IMMEDIATE transaction.
#include "alur/sqlite/tokens.hpp"

#include "store.hpp"

#include "errors.hpp"
#include "grants.hpp"
#include "schema.hpp"
#include "store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <filesystem>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace alur::sqlite {

struct SqliteTokenStore::Impl {
    explicit Impl(SQLite::Database d) : db(std::move(d)) {}
    std::mutex mutex;
    SQLite::Database db;
    /// find_by_hash's statements, prepared once (every API request runs
    /// them) and reset after each use, so they hold no read transaction
    /// between requests. Declared after `db`: finalized before it closes.
    std::optional<SQLite::Statement> find;
    std::optional<SQLite::Statement> head;  ///< the grants chain's last seq
    /// Tokens found, by SHA-256, while the grants chain's head was
    /// `cached_head`. Every grant and revocation (from any process) appends
    /// to the chain, so a moved head empties the cache.
    std::unordered_map<std::string, Token> cache;
    std::int64_t cached_head = -1;
    static constexpr std::size_t max_cached = 4096;  ///< emptied when full
};

namespace {

/// The columns read_token expects: the token, its hash and who granted it.
constexpr const char* token_columns =
    "t.name, t.role, t.created_at, t.revoked_at, t.sha256, "
    "(SELECT g.recorded_by FROM grants g WHERE g.name = t.name AND g.action = 'grant' ORDER BY g.seq LIMIT 1)";

Token read_token(SQLite::Statement& q) {
    Token t;
    t.name = q.getColumn(0).getString();
    t.role = q.getColumn(1).getString();
    if (auto at = parse_utc(q.getColumn(2).getString())) t.created_at = *at;
    t.revoked = !q.getColumn(3).isNull();
    t.sha256 = q.getColumn(4).getString();
    t.granted_by = q.getColumn(5).isNull() ? std::string() : q.getColumn(5).getString();
    return t;
}

}  // namespace

Result<std::shared_ptr<SqliteTokenStore>> SqliteTokenStore::open(const std::string& path, bool read_only) {
    auto db = detail::open_store(path, read_only);
    if (!db) return db.error();
    return std::shared_ptr<SqliteTokenStore>(new SqliteTokenStore(std::make_unique<Impl>(std::move(*db))));
}

SqliteTokenStore::SqliteTokenStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteTokenStore::~SqliteTokenStore() = default;

Result<void> SqliteTokenStore::add(const Token& token, const std::string& sha256) {
    // Names reach the grants chain and every event the token records.
    if (auto ok = check_token(token); !ok) return ok.error();
    return detail::guarded("adding token " + token.name, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement exists(impl_->db, "SELECT 1 FROM tokens WHERE name = ?");
        exists.bind(1, token.name);
        if (exists.executeStep()) return make_error(errc::conflict, "a token named " + token.name + " exists", "name");
        SQLite::Statement put(impl_->db, "INSERT INTO tokens (name, role, sha256, created_at) VALUES (?, ?, ?, ?)");
        put.bind(1, token.name);
        put.bind(2, token.role);
        put.bind(3, sha256);
        put.bind(4, format_utc(token.created_at));
        put.exec();
        detail::append_grant(impl_->db, {0, token.created_at, "grant", token.name, token.role, sha256,
                                         token.granted_by, {}, {}});
        tx.commit();
        return {};
    });
}

Result<Token> SqliteTokenStore::find_by_hash(const std::string& sha256) {
    return detail::guarded("finding a token", [&]() -> Result<Token> {
        std::lock_guard lock(impl_->mutex);
        // The head first: a grant or revocation committed after it moves it,
        // so the next lookup sees that change even if this one missed it.
        if (!impl_->head) impl_->head.emplace(impl_->db, "SELECT coalesce(max(seq), 0) FROM grants");
        std::int64_t head = 0;
        {
            SQLite::Statement& h = *impl_->head;
            struct Reset {
                SQLite::Statement& q;
                ~Reset() { q.tryReset(); }
            } reset{h};
            if (h.executeStep()) head = h.getColumn(0).getInt64();
        }
        if (head != impl_->cached_head) {
            impl_->cache.clear();
            impl_->cached_head = head;
        }
        if (auto it = impl_->cache.find(sha256); it != impl_->cache.end()) return it->second;
        // Only a token with its journaled grant and no journaled revocation.
        if (!impl_->find)
            impl_->find.emplace(impl_->db,
                                std::string("SELECT ") + token_columns +
                                    " FROM tokens t WHERE t.sha256 = ? AND t.revoked_at IS NULL"
                                    " AND EXISTS (SELECT 1 FROM grants g WHERE g.action = 'grant' AND g.name = t.name"
                                    " AND g.role = t.role AND g.sha256 = t.sha256)"
                                    " AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.action = 'revoke'"
                                    " AND g.name = t.name)");
        SQLite::Statement& q = *impl_->find;
        struct Reset {
            SQLite::Statement& q;
            ~Reset() { q.tryReset(); }
        } reset{q};
        q.bind(1, sha256);
        if (!q.executeStep()) return make_error(errc::not_found, "no such token");
        Token token = read_token(q);
        if (impl_->cache.size() >= Impl::max_cached) impl_->cache.clear();  // unknown hashes are never cached
        impl_->cache.emplace(sha256, token);
        return token;
    });
}

Result<std::vector<Token>> SqliteTokenStore::list() {
    return detail::guarded("listing tokens", [&]() -> Result<std::vector<Token>> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db, std::string("SELECT ") + token_columns + " FROM tokens t ORDER BY t.name");
        std::vector<Token> out;
        while (q.executeStep()) out.push_back(read_token(q));
        return out;
    });
}

Result<void> SqliteTokenStore::revoke(const std::string& name, TimePoint at, const std::string& by) {
    return detail::guarded("revoking token " + name, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement find(impl_->db, "SELECT role, sha256, revoked_at FROM tokens WHERE name = ?");
        find.bind(1, name);
        if (!find.executeStep()) return make_error(errc::not_found, "no token named " + name, "name");
        if (!find.getColumn(2).isNull()) return {};  // revoked before: nothing changes
        Grant g{0, at, "revoke", name, find.getColumn(0).getString(), find.getColumn(1).getString(), by, {}, {}};
        find.reset();
        SQLite::Statement q(impl_->db, "UPDATE tokens SET revoked_at = ? WHERE name = ?");
        q.bind(1, format_utc(at));
        q.bind(2, name);
        q.exec();
        detail::append_grant(impl_->db, std::move(g));
        tx.commit();
        return {};
    });
}

Result<std::vector<Grant>> SqliteTokenStore::grants() {
    return detail::guarded("reading the grants chain", [&]() -> Result<std::vector<Grant>> {
        std::lock_guard lock(impl_->mutex);
        return detail::read_grants(impl_->db);
    });
}

}  // namespace alur::sqlite
