// cli.cpp — [cli]: require_token.
#include "sections.hpp"

namespace alur::config::detail {

Result<void> read_cli(const Reader& r, const toml::table& root, Config& config) {
    auto cli = r.table(root, "", "cli");
    if (!cli) return cli.error();
    if (*cli == nullptr) return {};
    const toml::table& t = **cli;
    if (auto ok = r.only_keys(t, "cli", {"require_token"}); !ok) return ok;
    auto require = r.boolean(t, "cli", "require_token");
    if (!require) return require.error();
    if (*require) config.cli.require_token = **require;
    return {};
}

}  // namespace alur::config::detail
