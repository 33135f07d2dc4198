// alur/engine/tokens.hpp — the port that stores API tokens (names, roles, hashes).
//
// A token is a random secret given to a person or a program once; the store
// keeps only its SHA-256 (hex), the name it acts under (recorded as the actor
// of every event submitted with it) and its role. A revoked token stays listed
// but is never found by its hash again. Implementations: MemoryTokenStore
// (here, for tests) and the SQLite one (adapters/sqlite, table `tokens`).
//
// Thread-safety: implementations are safe to call from several threads.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace alur {

struct Token {
    std::string name;
    std::string role;
    TimePoint created_at;
    bool revoked = false;
};

/// The roles a token may carry.
bool is_token_role(std::string_view role);

class TokenStore {
public:
    virtual ~TokenStore() = default;
    /// Stores a token; errc::conflict (field "name") if the name exists, even revoked.
    virtual Result<void> add(const Token& token, const std::string& sha256) = 0;
    /// The unrevoked token with this hash; errc::not_found otherwise.
    virtual Result<Token> find_by_hash(const std::string& sha256) = 0;
    /// Every token, revoked ones too, by name.
    virtual Result<std::vector<Token>> list() = 0;
    /// Marks the token revoked; errc::not_found if there is no such name.
    virtual Result<void> revoke(const std::string& name, TimePoint at) = 0;
};

/// A TokenStore in memory, for tests.
class MemoryTokenStore final : public TokenStore {
public:
    Result<void> add(const Token& token, const std::string& sha256) override;
    Result<Token> find_by_hash(const std::string& sha256) override;
    Result<std::vector<Token>> list() override;
    Result<void> revoke(const std::string& name, TimePoint at) override;

private:
    std::mutex mutex_;
    std::map<std::string, std::pair<Token, std::string>, std::less<>> tokens_;
};

}  // namespace alur
