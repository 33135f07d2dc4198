// identity.hpp — who is writing: the operating-system user, and with
// [cli] require_token the API token a writing command runs with.
//
// Every event the CLI records carries the OS user as recorded_by (main sets
// EngineOptions::recorded_by). With `[cli] require_token = true` a writing
// command needs --token or $ALUR_TOKEN: a granted, unrevoked token of the
// database, looked up by its SHA-256 exactly as the HTTP API does; the
// commands that submit events take actor and role from it (--actor/--role
// are then refused), the others (token add/revoke, roster import, run-due)
// need a token with role admin. Without require_token a --token given is
// used the same way. Single-threaded, like the rest of the CLI.
#pragma once

#include "alur/engine/engine.hpp"
#include "alur/engine/tokens.hpp"
#include "app.hpp"

#include <CLI/App.hpp>

#include <optional>
#include <string>

namespace alur::cli {

/// The user running alur: getpwuid(geteuid())'s name, else $USER, else "unknown".
std::string os_user();

/// --token on a writing command; $ALUR_TOKEN when not given.
struct TokenArg {
    std::string token;
    CLI::Option* option = nullptr;
};
void add_token_option(CLI::App& sub, TokenArg& arg);

/// The token the command runs with: nullopt when none is given and none is
/// required. invalid_input (exit 2) when required and missing; forbidden
/// (exit 3) for an unknown, revoked or never granted token.
Result<std::optional<Token>> command_token(const Context& ctx, const TokenArg& arg);

/// For commands that submit events: with a token, `cmd` gets its name as
/// actor and its role; invalid_input (exit 2, naming the option) if --actor
/// or --role was given as well.
Result<void> take_identity(Command& cmd, const Context& ctx, const TokenArg& arg, const CLI::Option* actor_option,
                           const CLI::Option* role_option);

/// For writing commands that submit no event: with a token (required by
/// [cli] require_token), it must have role admin (forbidden otherwise).
/// `bootstrap`: no token is needed while the database has no usable token
/// yet (`alur token add` of the first one).
Result<void> require_admin(const Context& ctx, const TokenArg& arg, bool bootstrap = false);

}  // namespace alur::cli
