// server.cpp — [server]: the threads and connection limits of `alur serve`.
#include "sections.hpp"

namespace alur::config::detail {

Result<void> read_server(const Reader& r, const toml::table& root, Config& config) {
    auto server = r.table(root, "", "server");
    if (!server) return server.error();
    if (*server == nullptr) return {};
    const toml::table& t = **server;
    if (auto ok = r.only_keys(t, "server", {"threads", "max_connections", "max_connections_per_peer", "session_minutes",
                                           "session_idle_minutes", "secure_cookies", "signin_failures_per_name",
                                           "signin_failures_per_address", "signin_window_minutes"}); !ok)
        return ok;
    auto threads = r.integer(t, "server", "threads", 0, ServerSettings::max_threads);
    if (!threads) return threads.error();
    if (*threads) config.server.threads = static_cast<unsigned>(**threads);
    auto total = r.integer(t, "server", "max_connections", 1, ServerSettings::max_connections_limit);
    if (!total) return total.error();
    if (*total) config.server.max_connections = static_cast<std::size_t>(**total);
    auto per_peer = r.integer(t, "server", "max_connections_per_peer", 1, ServerSettings::max_connections_limit);
    if (!per_peer) return per_peer.error();
    if (*per_peer) config.server.max_connections_per_peer = static_cast<std::size_t>(**per_peer);
    const std::pair<const char*, int*> counts[] = {
        {"session_minutes", &config.server.session_minutes},
        {"session_idle_minutes", &config.server.session_idle_minutes},
        {"signin_failures_per_name", &config.server.signin_failures_per_name},
        {"signin_failures_per_address", &config.server.signin_failures_per_address},
        {"signin_window_minutes", &config.server.signin_window_minutes},
    };
    for (const auto& [key, field] : counts) {
        auto v = r.integer(t, "server", key, 1, 525600);  // a year of minutes at most
        if (!v) return v.error();
        if (*v) *field = **v;
    }
    auto secure = r.boolean(t, "server", "secure_cookies");
    if (!secure) return secure.error();
    if (*secure) config.server.secure_cookies = **secure;
    return {};
}

}  // namespace alur::config::detail
