#include "alur/engine/users.hpp"

#include "alur/engine/event.hpp"
#include "alur/engine/passwords.hpp"
#include "alur/engine/text.hpp"

namespace alur {

bool is_user_action(std::string_view action) {
    return action == user_add_action || action == user_passwd_action || action == user_disable_action;
}

std::string user_digest(std::string_view unit, std::string_view password_hash) {
    return chained_hash("alur-user-v1", genesis_hash, {std::string(unit), std::string(password_hash)});
}

Result<void> check_user(const User& user) {
    if (auto ok = check_text("name", user.name, TextKind::line, max_name_chars); !ok) return ok;
    if (!is_token_role(user.role))
        return make_error(errc::invalid_input, "role " + user.role + " is not one of admin, ppk, auditor", "role");
    if (auto ok = check_text("unit", user.unit, TextKind::line, max_name_chars, false); !ok) return ok;
    if (auto ok = check_text("added_by", user.added_by, TextKind::line, max_name_chars, false); !ok) return ok;
    if (!is_password_hash(user.password_hash))
        return make_error(errc::invalid_input, "the password hash is not one alur makes", "password_hash");
    return {};
}

Result<UserCheck> verify_users(UserStore& store) {
    auto chain = store.grants();
    if (!chain) return chain.error();
    auto users = store.list();
    if (!users) return users.error();
    UserCheck check;
    check.users = static_cast<std::int64_t>(users->size());
    struct State {
        std::int64_t added_seq = 0;
        std::string role, digest;
        bool disabled = false;
    };
    std::map<std::string, State, std::less<>> journaled;
    for (const Grant& g : *chain) {
        if (!is_user_action(g.action)) continue;
        ++check.entries;
        const std::string where = "grant " + std::to_string(g.seq) + " (" + g.action + " " + g.name + ")";
        auto it = journaled.find(g.name);
        if (compute_grant_hash(g) != g.hash)
            check.problem = where + ": hash does not match its fields (altered)";
        else if (g.action == user_add_action && it != journaled.end())
            check.problem = where + ": the user was added before";
        else if (g.action != user_add_action && it == journaled.end())
            check.problem = where + ": names a user that was never added";
        if (!check.ok()) return check;
        if (g.action == user_add_action) {
            journaled[g.name] = State{g.seq, g.role, g.sha256, false};
        } else if (g.action == user_passwd_action) {
            it->second.digest = g.sha256;
        } else {
            it->second.disabled = true;
        }
    }
    for (const User& u : *users) {
        auto it = journaled.find(u.name);
        if (it == journaled.end()) {
            check.problem = "user " + u.name + " (" + u.role + ") exists but was never added by a journaled entry";
            return check;
        }
        const State& s = it->second;
        if (s.role != u.role) {
            check.problem = "user " + u.name + " has role " + u.role + ", but was added as " + s.role;
            return check;
        }
        if (s.digest != user_digest(u.unit, u.password_hash)) {
            check.problem = "user " + u.name + "'s unit or password hash differs from the last journaled entry";
            return check;
        }
        if (s.disabled != u.disabled) {
            check.problem = "user " + u.name + (u.disabled ? " is marked disabled, but no disabling is journaled"
                                                           : " was disabled by a journaled entry, but is active");
            return check;
        }
        journaled.erase(it);
    }
    if (!journaled.empty())
        check.problem = "grant " + std::to_string(journaled.begin()->second.added_seq) + " adds user " +
                        journaled.begin()->first + ", who is no longer stored";
    return check;
}

void MemoryUserStore::journal(std::string_view action, const User& user, TimePoint at, const std::string& by) {
    grants_.push_back(chain_grant({0, at, std::string(action), user.name, user.role,
                                   user_digest(user.unit, user.password_hash), by, {}, {}},
                                  static_cast<std::int64_t>(grants_.size()),
                                  grants_.empty() ? genesis_hash : grants_.back().hash));
}

Result<void> MemoryUserStore::add(const User& user) {
    if (auto ok = check_user(user); !ok) return ok.error();
    std::lock_guard lock(mutex_);
    if (users_.count(user.name)) return make_error(errc::conflict, "a user named " + user.name + " exists", "name");
    User stored = user;
    stored.disabled = false;
    users_[user.name] = stored;
    journal(user_add_action, stored, user.created_at, user.added_by);
    return {};
}

Result<User> MemoryUserStore::find(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto it = users_.find(name);
    if (it == users_.end()) return make_error(errc::not_found, "no user named " + name, "name");
    return it->second;
}

Result<std::vector<User>> MemoryUserStore::list() {
    std::lock_guard lock(mutex_);
    std::vector<User> out;
    for (const auto& [name, user] : users_) out.push_back(user);
    return out;
}

Result<void> MemoryUserStore::set_password(const std::string& name, const std::string& password_hash, TimePoint at,
                                           const std::string& by) {
    if (!is_password_hash(password_hash))
        return make_error(errc::invalid_input, "the password hash is not one alur makes", "password_hash");
    std::lock_guard lock(mutex_);
    auto it = users_.find(name);
    if (it == users_.end()) return make_error(errc::not_found, "no user named " + name, "name");
    it->second.password_hash = password_hash;
    journal(user_passwd_action, it->second, at, by);
    return {};
}

Result<void> MemoryUserStore::disable(const std::string& name, TimePoint at, const std::string& by) {
    std::lock_guard lock(mutex_);
    auto it = users_.find(name);
    if (it == users_.end()) return make_error(errc::not_found, "no user named " + name, "name");
    if (it->second.disabled) return {};
    it->second.disabled = true;
    journal(user_disable_action, it->second, at, by);
    return {};
}

Result<std::vector<Grant>> MemoryUserStore::grants() {
    std::lock_guard lock(mutex_);
    return grants_;
}

}  // namespace alur
