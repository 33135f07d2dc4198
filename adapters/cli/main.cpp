// main.cpp — the composition root of `alur`: the one place that builds the
// adapters (configuration, SQLite journal) and wires them into the engine.
//
//   global options -> language, configuration -> workflows -> CLI11 parse
//   -> open the journal as the command needs -> Engine -> run the command
//
// Global options are read before the subcommand, so the language and the
// configuration are known before the help texts and the generated `open`
// options are built.
#include "alur/config/config.hpp"
#include "alur/engine/engine.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/workflows/mutation.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

namespace alur::cli {

Result<const Workflow*> Context::workflow(std::string_view name) const {
    std::vector<std::string> names;
    for (const auto& w : workflows) {
        if (w->name() == name) return w.get();
        names.push_back(w->name());
    }
    return make_error(errc::invalid_input, trf(M::err_unknown_workflow, {name, join(names)}));
}

namespace {

/// The value of a global option given before the subcommand (`--x V` or `--x=V`).
std::optional<std::string> early_option(int argc, char** argv, std::string_view name) {
    std::optional<std::string> found;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--db" || arg == "--config" || arg == "--lang") {
            if (i + 1 < argc && arg == name) found = argv[i + 1];
            ++i;
        } else if (arg.starts_with(std::string(name) + "=")) {
            found = std::string(arg.substr(name.size() + 1));
        } else if (!arg.starts_with("-")) {
            break;  // the subcommand: global options end here
        }
    }
    return found;
}

std::optional<std::string> from_env(const char* name) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string(v);
    return std::nullopt;
}

Result<config::Config> load_config(Globals& globals, int argc, char** argv) {
    auto path = early_option(argc, argv, "--config");
    if (!path) path = from_env("ALUR_CONFIG");
    if (!path && std::filesystem::exists("alur.toml")) path = "alur.toml";
    if (!path) return config::defaults();
    globals.config = *path;
    return config::load_file(*path);
}

/// Engine logs go to stderr; quiet unless ALUR_LOG (trace|debug|info|warn|error) asks for more.
std::shared_ptr<spdlog::logger> make_logger() {
    auto logger = std::make_shared<spdlog::logger>("alur", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
    logger->set_level(spdlog::level::from_str(from_env("ALUR_LOG").value_or("warn")));
    return logger;
}

Result<void> open_engine(Context& ctx, Needs needs) {
    const std::string& path = ctx.globals.db;
    ctx.database_existed = std::filesystem::exists(path);
    sqlite::Options options;
    options.create = needs == Needs::new_database;
    auto journal = sqlite::SqliteJournal::open(path, options);
    if (!journal) return journal.error();

    EngineOptions engine_options;
    engine_options.journal = *journal;
    engine_options.clock = std::make_shared<SystemClock>();
    engine_options.timezone = ctx.config.timezone;
    engine_options.logger = make_logger();
    ctx.engine = std::make_unique<Engine>(std::move(engine_options));
    for (const auto& w : ctx.workflows) ctx.engine->add_workflow(w);
    return {};
}

int run(int argc, char** argv) {
    Context ctx;

    Lang lang = Lang::id;
    const auto lang_text = early_option(argc, argv, "--lang").value_or(from_env("ALUR_LANG").value_or("id"));
    if (!parse_lang(lang_text, lang)) return report(make_error(errc::invalid_input, trf(M::err_lang, {lang_text})));
    set_language(lang);
    ctx.globals.lang = lang_text;

    auto config = load_config(ctx.globals, argc, argv);
    if (!config) return report(config.error());
    ctx.config = std::move(*config);

    mutation::Settings settings = ctx.config.mutation;
    settings.timezone = ctx.config.timezone;
    ctx.workflows.push_back(mutation::make_workflow(std::move(settings)));

    CLI::App app{tr(M::app_description), "alur"};
    app.set_help_flag("-h,--help", tr(M::opt_help));
    app.footer(tr(M::app_footer));
    app.require_subcommand(1);
    std::string config_option;
    app.add_option("--db", ctx.globals.db, tr(M::opt_db))->envname("ALUR_DB");
    app.add_option("--config", config_option, tr(M::opt_config))->envname("ALUR_CONFIG");
    app.add_option("--lang", ctx.globals.lang, tr(M::opt_lang))->envname("ALUR_LANG")->check(CLI::IsMember({"id", "en"}));

    Registry registry;
    add_case_commands(app, ctx, registry);
    add_read_commands(app, ctx, registry);
    add_workflow_commands(app, ctx, registry);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string what = e.what();
        std::replace(what.begin(), what.end(), '\n', ' ');
        std::cerr << "alur: " << tr(M::err_usage) << ": " << what << " (" << tr(M::err_see_help) << ")\n";
        return 2;
    }

    for (const auto& command : registry) {
        if (!command.app->parsed()) continue;
        if (command.needs != Needs::nothing) {
            auto opened = open_engine(ctx, command.needs);
            if (!opened) return report(opened.error());
        }
        auto done = command.run(ctx);
        if (!done) return report(done.error());
        return 0;
    }
    return report(make_error(errc::invalid_input, tr(M::err_see_help)));
}

}  // namespace
}  // namespace alur::cli

int main(int argc, char** argv) {
    try {
        return alur::cli::run(argc, argv);
    } catch (const alur::ErrorException& e) {
        return alur::cli::report(e.error());
    } catch (const std::exception& e) {
        std::cerr << "alur: " << alur::cli::trf(alur::cli::M::err_internal, {e.what()}) << '\n';
        return 1;
    }
}
