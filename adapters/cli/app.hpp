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
#include "alur/engine/engine.hpp"
#include "alur/engine/result.hpp"
#include "alur/engine/workflow.hpp"

#include <CLI/App.hpp>

#include <functional>
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

/// What a command may use. `engine` is null unless the command asked for the database.
struct Context {
    Globals globals;
    config::Config config;
    std::vector<std::shared_ptr<const Workflow>> workflows;
    std::unique_ptr<Engine> engine;
    bool database_existed = false;  ///< for `init`: the file was there before

    /// The workflow named `name`; invalid_input listing the known ones otherwise.
    Result<const Workflow*> workflow(std::string_view name) const;
    const TimeZone& timezone() const { return config.timezone; }
};

enum class Needs {
    nothing,       ///< configuration and workflows only
    database,      ///< an existing database (not_found otherwise)
    new_database,  ///< the database, created if missing
};

/// One runnable (sub)command, registered by a command group.
struct Runnable {
    CLI::App* app = nullptr;
    Needs needs = Needs::nothing;
    std::function<Result<void>(Context&)> run;
};

using Registry = std::vector<Runnable>;

/// init, open, advance (case_commands.cpp).
void add_case_commands(CLI::App& app, const Context& ctx, Registry& out);
/// show, history, list (read_commands.cpp).
void add_read_commands(CLI::App& app, const Context& ctx, Registry& out);
/// events, diagram (workflow_commands.cpp).
void add_workflow_commands(CLI::App& app, const Context& ctx, Registry& out);

}  // namespace alur::cli
