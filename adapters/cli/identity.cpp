#include "identity.hpp"

#include "alur/engine/event.hpp"
#include "alur/sqlite/tokens.hpp"
#include "messages.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace alur::cli {

std::string os_user() {
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return "unknown";
}

void add_token_option(CLI::App& sub, TokenArg& arg) {
    arg.option = sub.add_option("--token", arg.token, tr(M::opt_token))->envname("ALUR_TOKEN");
}

Result<std::optional<Token>> command_token(const Context& ctx, const TokenArg& arg) {
    if (arg.token.empty()) {
        if (!ctx.config.cli.require_token) return std::optional<Token>();
        return make_error(errc::invalid_input, trf(M::err_token_required, {ctx.config.source}), "token");
    }
    auto store = sqlite::SqliteTokenStore::open(ctx.globals.db);
    if (!store) return store.error();
    auto token = (*store)->find_by_hash(sha256_hex(arg.token));
    if (!token) {
        if (token.error().code != errc::not_found) return token.error();
        return make_error(errc::forbidden, tr(M::err_token_unknown), "token");
    }
    return std::optional<Token>(std::move(*token));
}

Result<void> take_identity(Command& cmd, const Context& ctx, const TokenArg& arg, const CLI::Option* actor_option,
                           const CLI::Option* role_option) {
    auto token = command_token(ctx, arg);
    if (!token) return token.error();
    if (!*token) return {};
    for (const CLI::Option* given : {actor_option, role_option})
        if (given && given->count())
            return make_error(errc::invalid_input, trf(M::err_token_who, {given->get_name(), (*token)->name, (*token)->role}),
                              given->get_name());
    cmd.actor = (*token)->name;
    cmd.role = (*token)->role;
    return {};
}

Result<void> require_admin(const Context& ctx, const TokenArg& arg, bool bootstrap) {
    if (arg.token.empty() && ctx.config.cli.require_token && bootstrap) {
        auto store = sqlite::SqliteTokenStore::open(ctx.globals.db);
        if (!store) return store.error();
        auto all = (*store)->list();
        if (!all) return all.error();
        bool usable = false;
        for (const auto& t : *all) usable = usable || !t.revoked;
        if (!usable) return {};
    }
    auto token = command_token(ctx, arg);
    if (!token) return token.error();
    if (*token && (*token)->role != "admin")
        return make_error(errc::forbidden, trf(M::err_token_admin, {(*token)->name, (*token)->role}), "token");
    return {};
}

}  // namespace alur::cli
