// alur/engine/users.hpp — the port that stores the people who sign in (names,
// roles, units, password hashes), beside the API tokens (tokens.hpp).
//
// A user signs in to the web page with a name and a password; the store keeps
// the password only as a slow salted hash (alur/engine/passwords.hpp). The
// name is the actor recorded for every event the user submits, the role is
// the role the engine checks, and an optional unit restricts the user to the
// cases of that unit. A disabled user stays listed (its name is never reused)
// but never signs in again.
//
// Users are journaled in the grants chain (tokens.hpp), in the same
// transaction as the row: adding a user appends a "user-add" entry, changing
// a password "user-passwd", disabling "user-disable". Each entry carries the
// user's role and, in its sha256 field, user_digest(unit, password hash), so
// the chain commits to the unit and the hash without holding the hash.
// verify_users (run by `alur audit verify`) checks every user against the
// chain; a journal with no user entries and no users verifies as before.
//
// Thread-safety: implementations are safe to call from several threads.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"
#include "alur/engine/tokens.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace alur {

struct User {
    std::string name;
    std::string role;              ///< is_token_role
    std::string unit{};            ///< empty: every unit
    TimePoint created_at{};
    bool disabled = false;
    std::string password_hash{};   ///< hash_password's text
    /// add(): who adds the user (the entry's `by`). list(): who added it.
    std::string added_by{};
};

/// The grants chain's actions for users.
inline constexpr std::string_view user_add_action = "user-add";
inline constexpr std::string_view user_passwd_action = "user-passwd";
inline constexpr std::string_view user_disable_action = "user-disable";
/// True for the three actions above.
bool is_user_action(std::string_view action);

/// What a user's chain entry carries in its sha256 field: the SHA-256 (hex)
/// of "alur-user-v1", the unit and the password hash.
std::string user_digest(std::string_view unit, std::string_view password_hash);

/// What every UserStore checks before it adds a user: name, role, unit and
/// added_by are clean one-line text of at most max_name_chars, the role is a
/// token role and the password hash is one hash_password made;
/// invalid_input naming the field otherwise.
Result<void> check_user(const User& user);

/// What verify_users found.
struct UserCheck {
    std::int64_t entries = 0;  ///< user entries of the grants chain
    std::int64_t users = 0;
    std::string problem;       ///< empty: all is well
    bool ok() const { return problem.empty(); }
};

class UserStore {
public:
    virtual ~UserStore() = default;
    /// Stores a user and journals "user-add" (at created_at, by added_by);
    /// errc::conflict (field "name") if the name exists, even disabled.
    virtual Result<void> add(const User& user) = 0;
    /// The user named `name`, disabled or not; errc::not_found otherwise.
    virtual Result<User> find(const std::string& name) = 0;
    /// Every user, disabled ones too, by name.
    virtual Result<std::vector<User>> list() = 0;
    /// Replaces the password hash and journals "user-passwd"; not_found for
    /// an unknown name; invalid_input for a hash hash_password did not make.
    virtual Result<void> set_password(const std::string& name, const std::string& password_hash, TimePoint at,
                                      const std::string& by) = 0;
    /// Marks the user disabled and journals "user-disable"; not_found for an
    /// unknown name. Disabling a disabled user changes nothing.
    virtual Result<void> disable(const std::string& name, TimePoint at, const std::string& by) = 0;
    /// The grants chain, in order (with the tokens' entries, if shared).
    virtual Result<std::vector<Grant>> grants() = 0;
};

/// Walks the user entries of the grants chain (whose integrity verify_grants
/// checks) and checks every user against them: added once, with its role,
/// unit and current password hash as the last entry journaled them, disabled
/// exactly when the chain disabled it, and every journaled user still stored.
/// Error only if the store cannot be read.
Result<UserCheck> verify_users(UserStore& store);

/// A UserStore in memory (its own grants chain), for tests.
class MemoryUserStore final : public UserStore {
public:
    Result<void> add(const User& user) override;
    Result<User> find(const std::string& name) override;
    Result<std::vector<User>> list() override;
    Result<void> set_password(const std::string& name, const std::string& password_hash, TimePoint at,
                              const std::string& by) override;
    Result<void> disable(const std::string& name, TimePoint at, const std::string& by) override;
    Result<std::vector<Grant>> grants() override;

private:
    void journal(std::string_view action, const User& user, TimePoint at, const std::string& by);
    std::mutex mutex_;
    std::map<std::string, User, std::less<>> users_;
    std::vector<Grant> grants_;
};

}  // namespace alur
