#include "alur/engine/tokens.hpp"
#include "alur/engine/text.hpp"
#include "alur/engine/users.hpp"

#include "alur/engine/event.hpp"

#include <map>

namespace alur {

bool is_token_role(std::string_view role) { return role == "admin" || role == "ppk" || role == "auditor"; }

std::string compute_grant_hash(const Grant& g) {
    return chained_hash("alur-grant-v1", g.prev_hash,
                        {std::to_string(g.seq), format_utc(g.at), g.action, g.name, g.role, g.sha256, g.by});
}

Grant chain_grant(Grant g, std::int64_t head_seq, const std::string& head_hash) {
    g.seq = head_seq + 1;
    g.prev_hash = head_hash;
    g.hash = compute_grant_hash(g);
    return g;
}

Result<GrantCheck> verify_grants(TokenStore& store) {
    auto chain = store.grants();
    if (!chain) return chain.error();
    auto tokens = store.list();
    if (!tokens) return tokens.error();
    GrantCheck check;
    check.tokens = static_cast<std::int64_t>(tokens->size());
    struct State {
        const Grant* grant = nullptr;
        bool revoked = false;
    };
    std::map<std::string, State, std::less<>> granted;
    std::string prev = genesis_hash;
    for (const Grant& g : *chain) {
        ++check.entries;
        const std::string where = "grant " + std::to_string(g.seq) + " (" + g.action + " " + g.name + ")";
        if (g.seq != check.entries)
            check.problem = where + " is out of sequence (expected " + std::to_string(check.entries) + ")";
        else if (g.prev_hash != prev)
            check.problem = where + ": prev_hash does not match the hash of the entry before it";
        else if (compute_grant_hash(g) != g.hash)
            check.problem = where + ": hash does not match its fields (altered)";
        else if (is_user_action(g.action)) {
            prev = g.hash;  // a user's entry: verify_users checks it against the users
            continue;
        } else if (g.action == "grant" && granted.count(g.name))
            check.problem = where + ": the token was granted before";
        else if (g.action == "revoke" && !granted.count(g.name))
            check.problem = where + ": revokes a token that was never granted";
        else if (g.action != "grant" && g.action != "revoke")
            check.problem = where + ": unknown action";
        if (!check.ok()) return check;
        if (g.action == "grant") granted[g.name].grant = &g;
        else granted[g.name].revoked = true;
        prev = g.hash;
    }
    for (const Token& t : *tokens) {
        auto it = granted.find(t.name);
        if (it == granted.end()) {
            check.problem = "token " + t.name + " (" + t.role + ") exists but was never granted by a journaled grant";
            return check;
        }
        const Grant& g = *it->second.grant;
        if (g.role != t.role || g.sha256 != t.sha256) {
            check.problem = "token " + t.name + " differs from its grant " + std::to_string(g.seq) + " (" +
                            (g.role != t.role ? "role " + t.role + ", granted " + g.role : std::string("its hash")) +
                            ")";
            return check;
        }
        if (it->second.revoked != t.revoked) {
            check.problem = "token " + t.name + (t.revoked ? " is marked revoked, but no revocation is journaled"
                                                           : " was revoked by a journaled revocation, but is active");
            return check;
        }
        granted.erase(it);
    }
    if (!granted.empty())
        check.problem = "grant " + std::to_string(granted.begin()->second.grant->seq) + " names token " +
                        granted.begin()->first + ", which is no longer stored";
    return check;
}

Result<void> check_token(const Token& token) {
    if (auto ok = check_text("name", token.name, TextKind::line, max_name_chars); !ok) return ok;
    if (auto ok = check_text("role", token.role, TextKind::line, max_name_chars); !ok) return ok;
    return check_text("granted_by", token.granted_by, TextKind::line, max_name_chars, false);
}

Result<void> MemoryTokenStore::add(const Token& token, const std::string& sha256) {
    if (auto ok = check_token(token); !ok) return ok.error();
    std::lock_guard lock(mutex_);
    if (tokens_.count(token.name)) return make_error(errc::conflict, "a token named " + token.name + " exists", "name");
    Token stored = token;
    stored.sha256 = sha256;
    tokens_[token.name] = {stored, sha256};
    grants_.push_back(chain_grant({0, token.created_at, "grant", token.name, token.role, sha256, token.granted_by, {}, {}},
                                  static_cast<std::int64_t>(grants_.size()),
                                  grants_.empty() ? genesis_hash : grants_.back().hash));
    return {};
}

Result<Token> MemoryTokenStore::find_by_hash(const std::string& sha256) {
    std::lock_guard lock(mutex_);
    for (const auto& [name, entry] : tokens_)
        if (entry.second == sha256 && !entry.first.revoked) return entry.first;
    return make_error(errc::not_found, "no such token");
}

Result<std::vector<Token>> MemoryTokenStore::list() {
    std::lock_guard lock(mutex_);
    std::vector<Token> out;
    for (const auto& [name, entry] : tokens_) out.push_back(entry.first);
    return out;
}

Result<void> MemoryTokenStore::revoke(const std::string& name, TimePoint at, const std::string& by) {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(name);
    if (it == tokens_.end()) return make_error(errc::not_found, "no token named " + name, "name");
    if (it->second.first.revoked) return {};
    it->second.first.revoked = true;
    const Token& t = it->second.first;
    grants_.push_back(chain_grant({0, at, "revoke", t.name, t.role, t.sha256, by, {}, {}},
                                  static_cast<std::int64_t>(grants_.size()), grants_.back().hash));
    return {};
}

Result<std::vector<Grant>> MemoryTokenStore::grants() {
    std::lock_guard lock(mutex_);
    return grants_;
}

}  // namespace alur
