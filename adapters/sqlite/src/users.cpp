// SqliteUserStore: the people who sign in, in table `users` (schema version
// 8), each added, given a new password and disabled with its entry in the
// grants chain (table `grants`) in one IMMEDIATE transaction.
#include "alur/sqlite/users.hpp"

#include "errors.hpp"
#include "grants.hpp"
#include "store.hpp"

#include "alur/engine/passwords.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <mutex>
#include <optional>

namespace alur::sqlite {

struct SqliteUserStore::Impl {
    explicit Impl(SQLite::Database d) : db(std::move(d)) {}
    std::mutex mutex;
    SQLite::Database db;
};

namespace {

constexpr const char* user_columns =
    "u.name, u.role, u.unit, u.created_at, u.disabled_at, u.password_hash, "
    "(SELECT g.recorded_by FROM grants g WHERE g.name = u.name AND g.action = 'user-add' ORDER BY g.seq LIMIT 1)";

User read_user(SQLite::Statement& q) {
    User u;
    u.name = q.getColumn(0).getString();
    u.role = q.getColumn(1).getString();
    u.unit = q.getColumn(2).getString();
    if (auto at = parse_utc(q.getColumn(3).getString())) u.created_at = *at;
    u.disabled = !q.getColumn(4).isNull();
    u.password_hash = q.getColumn(5).getString();
    u.added_by = q.getColumn(6).isNull() ? std::string() : q.getColumn(6).getString();
    return u;
}

std::optional<User> find_user(SQLite::Database& db, const std::string& name) {
    SQLite::Statement q(db, std::string("SELECT ") + user_columns + " FROM users u WHERE u.name = ?");
    q.bind(1, name);
    if (!q.executeStep()) return std::nullopt;
    return read_user(q);
}

void journal(SQLite::Database& db, std::string_view action, const User& u, TimePoint at, const std::string& by) {
    detail::append_grant(db, {0, at, std::string(action), u.name, u.role, user_digest(u.unit, u.password_hash), by,
                              {}, {}});
}

}  // namespace

Result<std::shared_ptr<SqliteUserStore>> SqliteUserStore::open(const std::string& path, bool read_only) {
    auto db = detail::open_store(path, read_only);
    if (!db) return db.error();
    return std::shared_ptr<SqliteUserStore>(new SqliteUserStore(std::make_unique<Impl>(std::move(*db))));
}

SqliteUserStore::SqliteUserStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteUserStore::~SqliteUserStore() = default;

Result<void> SqliteUserStore::add(const User& user) {
    if (auto ok = check_user(user); !ok) return ok.error();
    return detail::guarded("adding user " + user.name, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        if (find_user(impl_->db, user.name))
            return make_error(errc::conflict, "a user named " + user.name + " exists", "name");
        SQLite::Statement put(impl_->db, "INSERT INTO users (name, role, unit, password_hash, created_at) "
                                         "VALUES (?, ?, ?, ?, ?)");
        put.bind(1, user.name);
        put.bind(2, user.role);
        put.bind(3, user.unit);
        put.bind(4, user.password_hash);
        put.bind(5, format_utc(user.created_at));
        put.exec();
        journal(impl_->db, user_add_action, user, user.created_at, user.added_by);
        tx.commit();
        return {};
    });
}

Result<User> SqliteUserStore::find(const std::string& name) {
    return detail::guarded("finding user " + name, [&]() -> Result<User> {
        std::lock_guard lock(impl_->mutex);
        auto user = find_user(impl_->db, name);
        if (!user) return make_error(errc::not_found, "no user named " + name, "name");
        return *user;
    });
}

Result<std::vector<User>> SqliteUserStore::list() {
    return detail::guarded("listing users", [&]() -> Result<std::vector<User>> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db, std::string("SELECT ") + user_columns + " FROM users u ORDER BY u.name");
        std::vector<User> out;
        while (q.executeStep()) out.push_back(read_user(q));
        return out;
    });
}

Result<void> SqliteUserStore::set_password(const std::string& name, const std::string& password_hash, TimePoint at,
                                           const std::string& by) {
    if (!is_password_hash(password_hash))
        return make_error(errc::invalid_input, "the password hash is not one alur makes", "password_hash");
    return detail::guarded("changing the password of user " + name, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        auto user = find_user(impl_->db, name);
        if (!user) return make_error(errc::not_found, "no user named " + name, "name");
        SQLite::Statement q(impl_->db, "UPDATE users SET password_hash = ? WHERE name = ?");
        q.bind(1, password_hash);
        q.bind(2, name);
        q.exec();
        user->password_hash = password_hash;
        journal(impl_->db, user_passwd_action, *user, at, by);
        tx.commit();
        return {};
    });
}

Result<void> SqliteUserStore::disable(const std::string& name, TimePoint at, const std::string& by) {
    return detail::guarded("disabling user " + name, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        auto user = find_user(impl_->db, name);
        if (!user) return make_error(errc::not_found, "no user named " + name, "name");
        if (user->disabled) return {};  // disabled before: nothing changes
        SQLite::Statement q(impl_->db, "UPDATE users SET disabled_at = ? WHERE name = ?");
        q.bind(1, format_utc(at));
        q.bind(2, name);
        q.exec();
        journal(impl_->db, user_disable_action, *user, at, by);
        tx.commit();
        return {};
    });
}

Result<std::vector<Grant>> SqliteUserStore::grants() {
    return detail::guarded("reading the grants chain", [&]() -> Result<std::vector<Grant>> {
        std::lock_guard lock(impl_->mutex);
        return detail::read_grants(impl_->db);
    });
}

}  // namespace alur::sqlite
