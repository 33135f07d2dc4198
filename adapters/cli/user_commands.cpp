// `alur user add NAME --role ROLE [--unit U]`, `alur user list [--json]`,
// `alur user passwd NAME`, `alur user disable NAME`: the people who sign in
// to the web page (alur/engine/users.hpp). The password is asked twice on a
// terminal without echo (termios), or read as ONE line from standard input
// when it is not a terminal (scripts, tests); it is stored only as its scrypt
// hash (alur/engine/passwords.hpp). Adding, changing a password and
// disabling are journaled in the grants chain, recorded by the
// operating-system user; with [cli] require_token they need an admin token,
// like `alur token add`.
#include "alur/engine/passwords.hpp"
#include "alur/engine/users.hpp"
#include "alur/sqlite/users.hpp"
#include "app.hpp"
#include "identity.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace alur::cli {
namespace {

struct UserArgs {
    std::string name;
    std::string role;
    std::string unit;
    bool json = false;
    TokenArg token;
};

/// One line from standard input, with the terminal's echo off while it is typed.
std::optional<std::string> read_hidden_line() {
    termios old{};
    const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::cerr << '\n';
    }
    if (!got) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

/// The new password: asked twice on a terminal, else one line of standard
/// input; checked (length, control characters) and hashed.
Result<std::string> new_password_hash() {
    std::optional<std::string> password;
    if (isatty(STDIN_FILENO)) {
        std::cerr << tr(M::user_password_prompt) << std::flush;
        password = read_hidden_line();
        std::cerr << tr(M::user_password_again) << std::flush;
        auto again = read_hidden_line();
        if (password && again && *password != *again)
            return make_error(errc::invalid_input, tr(M::user_password_mismatch), "password");
    } else {
        password = read_hidden_line();
    }
    if (!password || password->empty()) return make_error(errc::invalid_input, tr(M::user_password_missing), "password");
    if (auto ok = check_password(*password); !ok)
        return make_error(errc::invalid_input, trf(M::user_password_rule, {std::to_string(min_password_chars)}),
                          "password");
    return hash_password(*password);
}

Result<void> run_add(const UserArgs& args, Context& ctx) {
    if (!is_token_role(args.role))
        return make_error(errc::invalid_input, "--role: " + args.role + " (admin|ppk|auditor)", "role");
    if (args.name.empty()) return make_error(errc::invalid_input, "NAME", "name");
    if (auto admin = require_admin(ctx, args.token, true); !admin) return admin;
    auto users = sqlite::SqliteUserStore::open(ctx.globals.db);
    if (!users) return users.error();
    if (auto existing = (*users)->find(args.name))  // before asking for a password
        return make_error(errc::conflict, trf(M::user_exists, {args.name}), "name");
    auto hash = new_password_hash();
    if (!hash) return hash.error();
    User user{args.name, args.role, args.unit, ctx.clock->now(), false, *hash, os_user()};
    if (auto added = (*users)->add(user); !added) return added.error();
    std::cout << trf(M::user_added, {args.name, args.role, args.unit.empty() ? "-" : args.unit}) << '\n';
    return {};
}

Result<void> run_list(const UserArgs& args, Context& ctx) {
    auto users = sqlite::SqliteUserStore::open(ctx.globals.db, true);  // reads only
    if (!users) return users.error();
    auto all = (*users)->list();
    if (!all) return all.error();
    if (args.json) {
        boost::json::array out;
        for (const auto& u : *all)
            out.push_back(boost::json::object{{"name", u.name},
                                              {"role", u.role},
                                              {"unit", u.unit},
                                              {"created_at", format_local(u.created_at, ctx.timezone())},
                                              {"disabled", u.disabled},
                                              {"added_by", u.added_by}});
        print_json(std::cout, out);
        return {};
    }
    if (all->empty()) {
        std::cout << tr(M::no_users) << '\n';
        return {};
    }
    std::vector<std::vector<std::string>> rows{{tr(M::col_token_name), tr(M::col_role), tr(M::col_user_unit),
                                                tr(M::col_created), tr(M::col_user_disabled), tr(M::col_user_added_by)}};
    for (const auto& u : *all)
        rows.push_back({u.name, u.role, u.unit.empty() ? "-" : u.unit, local_text(u.created_at, ctx.timezone()),
                        u.disabled ? "x" : "-", u.added_by.empty() ? "-" : u.added_by});
    print_table(std::cout, rows);
    return {};
}

Result<void> run_passwd(const UserArgs& args, Context& ctx) {
    if (auto admin = require_admin(ctx, args.token); !admin) return admin;
    auto users = sqlite::SqliteUserStore::open(ctx.globals.db);
    if (!users) return users.error();
    if (auto found = (*users)->find(args.name); !found)
        return make_error(errc::not_found, trf(M::user_unknown, {args.name}), "name");
    auto hash = new_password_hash();
    if (!hash) return hash.error();
    if (auto set = (*users)->set_password(args.name, *hash, ctx.clock->now(), os_user()); !set) return set.error();
    std::cout << trf(M::user_password_changed, {args.name}) << '\n';
    return {};
}

Result<void> run_disable(const UserArgs& args, Context& ctx) {
    if (auto admin = require_admin(ctx, args.token); !admin) return admin;
    auto users = sqlite::SqliteUserStore::open(ctx.globals.db);
    if (!users) return users.error();
    auto disabled = (*users)->disable(args.name, ctx.clock->now(), os_user());
    if (!disabled) {
        if (disabled.error().code == errc::not_found)
            return make_error(errc::not_found, trf(M::user_unknown, {args.name}), "name");
        return disabled.error();
    }
    std::cout << trf(M::user_disabled, {args.name}) << '\n';
    return {};
}

}  // namespace

void add_user_commands(CLI::App& app, const Context&, Registry& out) {
    auto* user = app.add_subcommand("user", tr(M::cmd_user));
    user->require_subcommand(1);
    auto args = std::make_shared<UserArgs>();

    auto* add = user->add_subcommand("add", tr(M::cmd_user_add));
    add->add_option("name", args->name, tr(M::arg_user_name))->required();
    add->add_option("--role", args->role, tr(M::opt_token_role))->required();
    add->add_option("--unit", args->unit, tr(M::opt_user_unit));
    add_token_option(*add, args->token);
    out.push_back({add, Needs::database, [args](Context& c) { return run_add(*args, c); }});

    auto* list = user->add_subcommand("list", tr(M::cmd_user_list));
    list->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({list, Needs::read_database, [args](Context& c) { return run_list(*args, c); }});

    auto* passwd = user->add_subcommand("passwd", tr(M::cmd_user_passwd));
    passwd->add_option("name", args->name, tr(M::arg_user_name))->required();
    add_token_option(*passwd, args->token);
    out.push_back({passwd, Needs::database, [args](Context& c) { return run_passwd(*args, c); }});

    auto* disable = user->add_subcommand("disable", tr(M::cmd_user_disable));
    disable->add_option("name", args->name, tr(M::arg_user_name))->required();
    add_token_option(*disable, args->token);
    out.push_back({disable, Needs::database, [args](Context& c) { return run_disable(*args, c); }});
}

}  // namespace alur::cli
