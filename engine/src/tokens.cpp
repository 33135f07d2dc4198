#include "alur/engine/tokens.hpp"

namespace alur {

bool is_token_role(std::string_view role) { return role == "admin" || role == "ppk" || role == "auditor"; }

Result<void> MemoryTokenStore::add(const Token& token, const std::string& sha256) {
    std::lock_guard lock(mutex_);
    if (tokens_.count(token.name)) return make_error(errc::conflict, "a token named " + token.name + " exists", "name");
    tokens_[token.name] = {token, sha256};
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

Result<void> MemoryTokenStore::revoke(const std::string& name, TimePoint) {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(name);
    if (it == tokens_.end()) return make_error(errc::not_found, "no token named " + name, "name");
    it->second.first.revoked = true;
    return {};
}

}  // namespace alur
