// API tokens for tests that call alur::http::Api directly: each caller's
// token is "<name>-secret", so a request sends "Bearer <name>-secret".
#pragma once

#include "alur/engine/event.hpp"
#include "alur/engine/tokens.hpp"

#include <initializer_list>
#include <string>
#include <utility>

namespace alur::test {

inline void add_tokens(TokenStore& tokens, std::initializer_list<std::pair<const char*, const char*>> name_role,
                       TimePoint created_at) {
    for (auto [name, role] : name_role) {
        Token t;
        t.name = name;
        t.role = role;
        t.created_at = created_at;
        t.granted_by = "test";
        tokens.add(t, sha256_hex(std::string(name) + "-secret")).value();
    }
}

}  // namespace alur::test
