// `alur migrate [--check] [--json]`: upgrading the database's schema on purpose.
//
// Any writing command migrates the file when it opens it; `migrate` shows
// first what that does. --check reads the file read-only (alur::sqlite::
// inspect_schema: no migration, no write) and prints the file's schema
// version, this build's and the migrations that would run, each with what it
// does to the stored rows; exit 0 when the file is up to date or can be
// upgraded, 3 when a newer build wrote it. Without --check the same list is
// printed, the server lock is taken (serve_lock.hpp: exit 5 naming the
// running `alur serve`, nothing changed), the file is opened for writing (which migrates it, in one
// transaction), and the journal is then verified as `alur audit verify`
// does (exit 6 naming the first problem).
#include "alur/sqlite/schema.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "serve_lock.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

namespace alur::cli {
namespace {

struct MigrateArgs {
    bool check = false;
    bool json = false;
    int stored = 0;  ///< the file's version before opening it
    std::chrono::steady_clock::time_point opening;
    /// Held from before opening until the command ends: no `alur serve` runs
    /// on the file while it migrates, nor starts meanwhile.
    std::optional<ServeLock> lock;
};

const char* rewrites_text(sqlite::Rewrites r) {
    switch (r) {
        case sqlite::Rewrites::adds_rows: return tr(M::rewrites_adds_rows);
        case sqlite::Rewrites::fills_columns: return tr(M::rewrites_fills_columns);
        case sqlite::Rewrites::rebuilds_table: return tr(M::rewrites_rebuilds_table);
        case sqlite::Rewrites::nothing: break;
    }
    return tr(M::rewrites_nothing);
}

const char* rewrites_name(sqlite::Rewrites r) {
    switch (r) {
        case sqlite::Rewrites::adds_rows: return "adds_rows";
        case sqlite::Rewrites::fills_columns: return "fills_columns";
        case sqlite::Rewrites::rebuilds_table: return "rebuilds_table";
        case sqlite::Rewrites::nothing: break;
    }
    return "nothing";
}

Error newer_file(const std::string& path, const sqlite::SchemaStatus& s) {
    return make_error(errc::refused,
                      trf(M::err_migrate_newer, {path, std::to_string(s.stored), std::to_string(s.current)}));
}

void print_status_json(const std::string& path, const sqlite::SchemaStatus& s) {
    boost::json::array pending;
    for (const auto& m : s.pending)
        pending.push_back(boost::json::object{
            {"version", m.version}, {"what", m.what}, {"rewrites", rewrites_name(m.rewrites)}});
    print_json(std::cout, boost::json::object{{"database", path},
                                              {"schema_version", s.stored},
                                              {"build_schema_version", s.current},
                                              {"up_to_date", s.up_to_date()},
                                              {"newer", s.newer()},
                                              {"pending", std::move(pending)}});
}

void print_status(const std::string& path, const sqlite::SchemaStatus& s, bool check) {
    print_table(std::cout, {{std::string(tr(M::lbl_migrate_database)) + ":", path},
                            {std::string(tr(M::lbl_migrate_file_version)) + ":", std::to_string(s.stored)},
                            {std::string(tr(M::lbl_migrate_build_version)) + ":", std::to_string(s.current)}});
    std::cout << '\n';
    if (s.pending.empty()) {
        if (s.up_to_date()) std::cout << trf(M::migrate_up_to_date, {std::to_string(s.current)}) << '\n';
        return;
    }
    std::cout << trf(check ? M::migrate_pending : M::migrate_running, {std::to_string(s.pending.size())}) << '\n';
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : s.pending)
        rows.push_back({"  v" + std::to_string(m.version), m.what, "— " + std::string(rewrites_text(m.rewrites))});
    print_table(std::cout, rows);
}

/// Before the file is opened: what it holds now. --check ends here.
Result<bool> inspect(MigrateArgs& args, Context& ctx) {
    const std::string& path = ctx.globals.db;
    auto status = sqlite::inspect_schema(path);
    if (!status) return status.error();
    if (args.check && args.json) print_status_json(path, *status);
    else print_status(path, *status, args.check);
    std::cout.flush();
    if (status->newer()) return newer_file(path, *status);
    if (args.check) {
        if (!args.json && !status->up_to_date()) std::cout << '\n' << tr(M::migrate_check_nothing_changed) << '\n';
        return false;
    }
    auto lock = ServeLock::take(path, "migrate", M::migrate_server_running);
    if (!lock) return lock.error();
    args.lock.emplace(std::move(*lock));
    args.stored = status->stored;
    args.opening = std::chrono::steady_clock::now();
    return true;  // main opens the file for writing: the journal migrates it
}

/// After opening (and so migrating): the version reached, then the journal verified.
Result<void> finish(const MigrateArgs& args, Context& ctx) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                          args.opening).count();
    auto now = sqlite::inspect_schema(ctx.globals.db);
    if (!now) return now.error();
    if (now->stored != args.stored)
        std::cout << '\n'
                  << trf(M::migrate_done, {std::to_string(args.stored), std::to_string(now->stored),
                                           std::to_string(ms)})
                  << '\n';
    std::cout << '\n' << tr(M::migrate_verify_heading) << '\n';
    return verify_journal(ctx);
}

}  // namespace

void add_migrate_commands(CLI::App& app, const Context&, Registry& out) {
    auto* sub = app.add_subcommand("migrate", tr(M::cmd_migrate));
    auto args = std::make_shared<MigrateArgs>();
    sub->add_flag("--check", args->check, tr(M::opt_migrate_check));
    sub->add_flag("--json", args->json, tr(M::opt_migrate_json))->needs("--check");
    Runnable r{sub, Needs::database, [args](Context& c) { return finish(*args, c); }};
    r.before_open = [args](Context& c) { return inspect(*args, c); };
    out.push_back(std::move(r));
}

}  // namespace alur::cli
