// app.hpp — how the `alur` command groups plug into the composition root.
//
// main.cpp loads the configuration and builds the workflows before parsing
// (the `open` options are generated from each workflow's open event), lets
// each command group add its CLI11 subcommands, parses, then opens the journal
// as the chosen command needs and runs it with a Context. A command reports
// failure as an alur::Error; main prints it on one line and maps its code to
// the exit status. Single-threaded.
#pragma once

#include "alur/config/config.hpp"
#include "alur/engine/audit.hpp"
#include "alur/engine/case_list.hpp"
#include "alur/engine/clock.hpp"
#include "alur/engine/engine.hpp"
#include "alur/engine/outbox.hpp"
#include "alur/engine/result.hpp"
#include "alur/engine/workflow.hpp"

#include <CLI/App.hpp>

#include <boost/json/array.hpp>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace alur::cli {

/// The global options, given before the subcommand.
struct Globals {
    std::string db = "alur.db";
    std::string config;
    std::string lang = "id";
};

/// What a command may use. `engine` is null unless the command asked for the
/// database; `outbox` and `logger` are set for Needs::delivery only.
struct Context {
    Globals globals;
    config::Config config;
    std::vector<std::shared_ptr<const Workflow>> workflows;
    std::unique_ptr<Engine> engine;
    /// The engine's clock: the wall clock, or an alur::OffsetClock for `--now`.
    std::shared_ptr<const Clock> clock;
    /// The engine's logger (stderr; info for Needs::delivery unless ALUR_LOG says otherwise).
    std::shared_ptr<spdlog::logger> logger;
    /// Delivers the outbox through the configured channels (Needs::delivery).
    std::unique_ptr<OutboxDispatcher> outbox;
    bool database_existed = false;  ///< for `init`: the file was there before
    /// What the engine calls after each group commit (EngineOptions::on_commit
    /// forwards to it): empty unless a command sets it before anything
    /// commits (`serve` counts commits in its metrics).
    std::shared_ptr<std::function<void(const CommitStats&)>> on_commit =
        std::make_shared<std::function<void(const CommitStats&)>>();

    /// The workflow named `name`; invalid_input listing the known ones otherwise.
    Result<const Workflow*> workflow(std::string_view name) const;
    const TimeZone& timezone() const { return config.timezone; }
    /// How deadlines are counted (the agency's calendar, time zone and due time).
    const DeadlineClock& deadline_clock() const { return config.deadline_clock; }
};

enum class Needs {
    nothing,       ///< configuration and workflows only
    database,      ///< an existing database (not_found otherwise)
    /// An existing database opened read-only (the reading commands): no
    /// migration, no write; works on a read-only file or directory.
    read_database,
    new_database,  ///< the database, created if missing
    delivery,      ///< an existing database, and the notice channels with an outbox dispatcher
};

/// One runnable (sub)command, registered by a command group.
struct Runnable {
    CLI::App* app = nullptr;
    Needs needs = Needs::nothing;
    std::function<Result<void>(Context&)> run;
    /// For commands with `--now`: the text given (empty: not given), read
    /// after parsing; main then runs the engine on an OffsetClock.
    std::function<std::string()> now = {};
    /// The engine log's level unless ALUR_LOG sets one: "info" for `serve`
    /// (fired timers and deliveries are logged), else "warn".
    const char* log_level = "warn";
};

using Registry = std::vector<Runnable>;

/// init, open, advance (case_commands.cpp).
void add_case_commands(CLI::App& app, const Context& ctx, Registry& out);
/// show, history, list (read_commands.cpp).
void add_read_commands(CLI::App& app, const Context& ctx, Registry& out);
/// events, diagram (workflow_commands.cpp).
void add_workflow_commands(CLI::App& app, const Context& ctx, Registry& out);
/// serve, run-due (timer_commands.cpp).
void add_timer_commands(CLI::App& app, const Context& ctx, Registry& out);
/// export (export_commands.cpp); audit replay, verify, checkpoint (audit_commands.cpp).
void add_audit_commands(CLI::App& app, const Context& ctx, Registry& out);
/// audit refusals, under `audit` (refusal_commands.cpp).
void add_refusals_command(CLI::App& audit, Registry& out);

/// What `audit verify` finds in the chains beside the event chain.
struct SideChains {
    std::int64_t refusals = 0;  ///< entries of the refusals log
    std::int64_t grants = 0;    ///< entries of the grants chain
    std::int64_t tokens = 0;
    std::int64_t users = 0;
    std::int64_t user_entries = 0;  ///< the users' entries of the grants chain
    std::string problem;        ///< the first problem, empty if none
};
/// Verifies the refusals log and the token grants (refusal_commands.cpp).
Result<SideChains> verify_side_chains(Context& ctx);

/// What `audit verify` checks, on the journal the context opened: the event
/// chain and every case's projection (audit::verify), and the chains beside
/// it (verify_side_chains) (audit_commands.cpp).
struct JournalCheck {
    audit::VerifyReport report;
    SideChains side;
    double seconds = 0;   ///< how long audit::verify took
    std::string problem;  ///< the first problem as `audit verify` words it; empty if none
    bool ok() const { return problem.empty(); }
};
/// Errors only for failures to read; what is wrong is in JournalCheck::problem.
Result<JournalCheck> check_journal(Context& ctx, const audit::VerifyOptions& options = {});

/// Opens the journal at ctx.globals.db as `command` needs it and builds the
/// engine over it (main.cpp; `backup` and `restore` open their copies so).
Result<void> open_engine(Context& ctx, const Runnable& command);
/// backup, restore (backup_commands.cpp).
void add_backup_commands(CLI::App& app, const Context& ctx, Registry& out);

/// token add, list, revoke (token_commands.cpp).
void add_token_commands(CLI::App& app, const Context& ctx, Registry& out);
/// user add, list, passwd, disable (user_commands.cpp).
void add_user_commands(CLI::App& app, const Context& ctx, Registry& out);
/// selection applicants (selection_commands.cpp).
void add_selection_commands(CLI::App& app, const Context& ctx, Registry& out);
/// jobfit start, report (jobfit_commands.cpp).
void add_jobfit_commands(CLI::App& app, const Context& ctx, Registry& out);
/// review start, report (review_commands.cpp).
void add_review_commands(CLI::App& app, const Context& ctx, Registry& out);
/// rules (rules_commands.cpp).
void add_rules_commands(CLI::App& app, const Context& ctx, Registry& out);
/// roster import, list (roster_commands.cpp).
void add_roster_commands(CLI::App& app, const Context& ctx, Registry& out);
/// acting list (acting_commands.cpp).
void add_acting_commands(CLI::App& app, const Context& ctx, Registry& out);
/// The acting officials (Plt) of a case's stored data as `show` prints them,
/// each with where it stands on `today`; nothing for a case without one.
void print_acting(std::ostream& os, const std::string& data, Date today);
/// The Plt's of a case's stored data serving on `today` (show --json's "acting_now").
boost::json::array acting_now_json(const std::string& data, Date today);
/// cases linked (links_commands.cpp).
void add_links_commands(CLI::App& app, const Context& ctx, Registry& out);
/// A case's links as `show` and `cases linked` print them: came from, the
/// job fit batch, opened (links_commands.cpp).
void print_links(std::ostream& os, const CaseLinks& links);
/// calendar (calendar_commands.cpp).
void add_calendar_commands(CLI::App& app, const Context& ctx, Registry& out);

}  // namespace alur::cli
