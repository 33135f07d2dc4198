// `alur token add NAME --role ROLE`, `alur token list`, `alur token revoke NAME`:
// the API tokens of `alur serve`. A new token is 32 random bytes (OpenSSL
// RAND_bytes, alur::random_hex) in hex, printed once; the database keeps only its SHA-256.
// Creating and revoking a token journal a grant / revocation in the grants
// chain, recorded by the operating-system user; with [cli] require_token
// both need an admin token (except the first token of a database).
#include "alur/engine/event.hpp"
#include "alur/engine/passwords.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/sqlite/tokens.hpp"
#include "app.hpp"
#include "identity.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <iostream>

namespace alur::cli {
namespace {

struct TokenArgs {
    std::string name;
    std::string role;
    TokenArg token;
};

Result<std::shared_ptr<sqlite::SqliteTokenStore>> store(const Context& ctx) {
    return sqlite::SqliteTokenStore::open(ctx.globals.db);
}

Result<void> run_add(const TokenArgs& args, Context& ctx) {
    if (!is_token_role(args.role))
        return make_error(errc::invalid_input, "--role: " + args.role + " (admin|ppk|auditor)", "role");
    if (args.name.empty()) return make_error(errc::invalid_input, "NAME", "name");
    if (auto admin = require_admin(ctx, args.token, true); !admin) return admin;
    auto tokens = store(ctx);
    if (!tokens) return tokens.error();
    auto secret = random_hex(32);
    if (!secret) return secret.error();
    auto added = (*tokens)->add(Token{args.name, args.role, ctx.clock->now(), false, os_user()}, sha256_hex(*secret));
    if (!added) return added.error();
    std::cout << trf(M::token_created, {args.name, args.role}) << '\n' << *secret << '\n';
    std::cerr << tr(M::token_once) << '\n';
    return {};
}

Result<void> run_list(Context& ctx) {
    auto tokens = sqlite::SqliteTokenStore::open(ctx.globals.db, true);  // reads only
    if (!tokens) return tokens.error();
    auto all = (*tokens)->list();
    if (!all) return all.error();
    if (all->empty()) {
        std::cout << tr(M::no_tokens) << '\n';
        return {};
    }
    std::vector<std::vector<std::string>> rows{
        {tr(M::col_token_name), tr(M::col_role), tr(M::col_created), tr(M::col_revoked), tr(M::col_granted_by)}};
    for (const auto& t : *all)
        rows.push_back({t.name, t.role, local_text(t.created_at, ctx.timezone()), t.revoked ? "x" : "-",
                        t.granted_by.empty() ? "-" : t.granted_by});
    print_table(std::cout, rows);
    return {};
}

Result<void> run_revoke(const TokenArgs& args, Context& ctx) {
    if (auto admin = require_admin(ctx, args.token); !admin) return admin;
    auto tokens = store(ctx);
    if (!tokens) return tokens.error();
    auto revoked = (*tokens)->revoke(args.name, ctx.clock->now(), os_user());
    if (!revoked) return revoked.error();
    std::cout << trf(M::token_revoked, {args.name}) << '\n';
    return {};
}

}  // namespace

void add_token_commands(CLI::App& app, const Context&, Registry& out) {
    auto* token = app.add_subcommand("token", tr(M::cmd_token));
    token->require_subcommand(1);
    auto args = std::make_shared<TokenArgs>();

    auto* add = token->add_subcommand("add", tr(M::cmd_token_add));
    add->add_option("name", args->name, tr(M::arg_token_name))->required();
    add->add_option("--role", args->role, tr(M::opt_token_role))->required();
    add_token_option(*add, args->token);
    out.push_back({add, Needs::database, [args](Context& c) { return run_add(*args, c); }});

    auto* list = token->add_subcommand("list", tr(M::cmd_token_list));
    out.push_back({list, Needs::read_database, [](Context& c) { return run_list(c); }});

    auto* revoke = token->add_subcommand("revoke", tr(M::cmd_token_revoke));
    revoke->add_option("name", args->name, tr(M::arg_token_name))->required();
    add_token_option(*revoke, args->token);
    out.push_back({revoke, Needs::database, [args](Context& c) { return run_revoke(*args, c); }});
}

}  // namespace alur::cli
