// alur/engine/tokens.hpp — the port that stores API tokens (names, roles, hashes).
//
// A token is a random secret given to a person or a program once; the store
// keeps only its SHA-256 (hex), the name it acts under (recorded as the actor
// of every event submitted with it) and its role. A revoked token stays listed
// but is never found by its hash again. Implementations: MemoryTokenStore
// (here, for tests) and the SQLite one (adapters/sqlite, table `tokens`).
//
// Grants are journaled: creating a token appends a "grant" entry and revoking
// it a "revoke" entry to the grants chain (its own SHA-256 chain, beside the
// event chain, so no case changes), in the same transaction as the token row.
// A token is found by its hash only if it has a grant and no revocation, so
// a row put into the table by other means never authenticates, and
// verify_grants (run by `alur audit verify`) names every token without its grant.
//
// Thread-safety: implementations are safe to call from several threads.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace alur {

struct Token;

/// What every TokenStore checks before it adds a token: its name, role and
/// granter are one line of clean text of at most max_name_chars
/// (alur/engine/text.hpp); invalid_input naming the field otherwise.
Result<void> check_token(const Token& token);

struct Token {
    std::string name;
    std::string role;
    TimePoint created_at;
    bool revoked = false;
    /// add(): who grants it (the grant's `by`). list(): who granted it.
    std::string granted_by{};
    /// list() only: the SHA-256 (hex) stored for it.
    std::string sha256{};
};

/// One entry of the grants chain.
struct Grant {
    std::int64_t seq = 0;  ///< 1-based position in the chain
    TimePoint at;
    std::string action;  ///< "grant" or "revoke"
    std::string name;    ///< the token
    std::string role;    ///< the role granted (the token's role on a revocation)
    std::string sha256;  ///< the token's SHA-256 (hex)
    std::string by;      ///< who granted or revoked it (the OS user of the CLI)
    std::string prev_hash;
    std::string hash;
};

/// The hash `g` should carry, from its prev_hash and fields ("alur-grant-v1").
std::string compute_grant_hash(const Grant& g);
/// `g` numbered and hashed after a chain whose last entry is (head_seq, head_hash).
Grant chain_grant(Grant g, std::int64_t head_seq, const std::string& head_hash);

/// What verify_grants found.
struct GrantCheck {
    std::int64_t entries = 0;
    std::int64_t tokens = 0;
    std::string problem;  ///< empty: all is well
    bool ok() const { return problem.empty(); }
};

/// The roles a token may carry.
bool is_token_role(std::string_view role);

class TokenStore {
public:
    virtual ~TokenStore() = default;
    /// Stores a token and journals its grant (at created_at, by granted_by);
    /// errc::conflict (field "name") if the name exists, even revoked.
    virtual Result<void> add(const Token& token, const std::string& sha256) = 0;
    /// The granted, unrevoked token with this hash; errc::not_found otherwise.
    virtual Result<Token> find_by_hash(const std::string& sha256) = 0;
    /// Every token, revoked ones too, by name.
    virtual Result<std::vector<Token>> list() = 0;
    /// Marks the token revoked and journals it (by `by`); errc::not_found if
    /// there is no such name. Revoking a revoked token changes nothing.
    virtual Result<void> revoke(const std::string& name, TimePoint at, const std::string& by) = 0;
    /// The grants chain, in order.
    virtual Result<std::vector<Grant>> grants() = 0;
};

/// Walks the grants chain (sequence, prev_hash, hash) and checks every
/// token against it: granted once with its name, role and hash; revoked
/// exactly when the chain revoked it; and every grant's token still stored.
/// Error only if the store cannot be read.
Result<GrantCheck> verify_grants(TokenStore& store);

/// A TokenStore in memory, for tests.
class MemoryTokenStore final : public TokenStore {
public:
    Result<void> add(const Token& token, const std::string& sha256) override;
    Result<Token> find_by_hash(const std::string& sha256) override;
    Result<std::vector<Token>> list() override;
    Result<void> revoke(const std::string& name, TimePoint at, const std::string& by) override;
    Result<std::vector<Grant>> grants() override;

private:
    std::mutex mutex_;
    std::map<std::string, std::pair<Token, std::string>, std::less<>> tokens_;
    std::vector<Grant> grants_;
};

}  // namespace alur
