// main.cpp — the composition root of `alur`: the one place that builds the
// adapters (configuration, SQLite journal, notice channels) and wires them
// into the engine.
//
//   global options -> language, configuration -> workflows -> configuration
//   checked against the workflows -> CLI11 parse -> open the journal as the
//   command needs -> Engine (clock, deadlines, recipients, channels)
//   -> for commands that deliver: channels + outbox dispatcher -> run
//
// Global options are read before the subcommand, so the language and the
// configuration are known before the help texts and the generated `open`
// options are built.
#include "alur/config/config.hpp"
#include "alur/engine/engine.hpp"
#include "alur/engine/outbox.hpp"
#include "alur/engine/text.hpp"
#include "alur/logging/logging.hpp"
#include "alur/notify/channels.hpp"
#include "alur/notify/email.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/sqlite/refusals.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/workflows/development.hpp"
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/performance_review.hpp"
#include "alur/workflows/mutation.hpp"
#include "alur/workflows/open_selection.hpp"
#include "app.hpp"
#include "file_modes.hpp"
#include "identity.hpp"
#include "messages.hpp"
#include "meta_commands.hpp"
#include "output.hpp"
#include "values.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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

/// How every log line is written ([log] format, in the [agency] timezone) and
/// the [log] level: set by run() once the configuration is read.
logging::Style log_style;
std::string config_log_level;

std::shared_ptr<spdlog::logger> stderr_logger(const std::string& name, spdlog::level::level_enum level) {
    auto logger = std::make_shared<spdlog::logger>(name, std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_formatter(logging::make_formatter(log_style));
    logger->set_level(level);
    return logger;
}

/// Engine logs go to stderr at ALUR_LOG's level (trace|debug|info|warn|error),
/// else at [log] level, else at the command's own default (Runnable::log_level).
std::shared_ptr<spdlog::logger> make_logger(const char* fallback) {
    const std::string level =
        from_env("ALUR_LOG").value_or(config_log_level.empty() ? std::string(fallback) : config_log_level);
    return stderr_logger("alur", spdlog::level::from_str(level));
}

/// Every [deadlines.<workflow>.<state>] and [notify.recipients.<workflow>]
/// <state> must name a registered workflow and one of its states; a deadline
/// may not be set on a final state. invalid_input (exit 2) naming the file and key.
Result<void> check_config(const Context& ctx) {
    const auto& source = ctx.config.source;
    std::vector<std::string> workflow_names;
    for (const auto& w : ctx.workflows) workflow_names.push_back(w->name());
    auto check = [&](const std::string& prefix, const std::string& workflow, const std::vector<std::string>& states,
                     bool deadline) -> Result<void> {
        const Workflow* wf = nullptr;
        for (const auto& w : ctx.workflows)
            if (w->name() == workflow) wf = w.get();
        if (!wf) {
            const std::string key = prefix + "." + workflow;
            return make_error(errc::invalid_input, trf(M::err_config_workflow, {source, key, join(workflow_names)}), key);
        }
        std::vector<std::string> open_states;
        for (const auto& s : wf->states())
            if (!wf->is_final(s)) open_states.push_back(s);
        for (const auto& state : states) {
            const std::string key = prefix + "." + workflow + "." + state;
            const auto& all = wf->states();
            if (std::find(all.begin(), all.end(), state) == all.end())
                return make_error(errc::invalid_input, trf(M::err_config_state, {source, key, join(all)}), key);
            if (deadline && wf->is_final(state))
                return make_error(errc::invalid_input, trf(M::err_config_final, {source, key, join(open_states)}),
                                  key);
        }
        return {};
    };
    for (const auto& [workflow, policy] : ctx.config.deadlines) {
        std::vector<std::string> states;
        for (const auto& [state, rule] : policy) states.push_back(state);
        if (auto ok = check("deadlines", workflow, states, true); !ok) return ok;
    }
    for (const auto& [workflow, by_state] : ctx.config.notify.recipients) {
        std::vector<std::string> states;
        for (const auto& [state, who] : by_state) states.push_back(state);
        if (auto ok = check("notify.recipients", workflow, states, false); !ok) return ok;
    }
    return {};
}

/// A channel whose deliveries are logged at info on the engine's logger;
/// asynchronous when the channel it wraps is (the webhook).
class LoggedChannel final : public AsyncNoticeChannel {
public:
    LoggedChannel(std::shared_ptr<NoticeChannel> inner, std::shared_ptr<spdlog::logger> logger)
        : inner_(std::move(inner)), logger_(std::move(logger)) {}
    std::string name() const override { return inner_->name(); }
    Result<void> deliver(const Notice& n) override {
        auto delivered = inner_->deliver(n);
        logged(n, delivered);
        return delivered;
    }
    void deliver_async(const Notice& n, boost::asio::any_io_executor executor, Handler done) override {
        auto* async = dynamic_cast<AsyncNoticeChannel*>(inner_.get());
        if (!async) {  // a quick local channel (the file): delivered here, answered on the executor
            auto delivered = deliver(n);
            boost::asio::post(executor, [done = std::move(done), delivered = std::move(delivered)] { done(delivered); });
            return;
        }
        async->deliver_async(n, std::move(executor), [this, n, done = std::move(done)](Result<void> delivered) {
            logged(n, delivered);
            done(std::move(delivered));
        });
    }

private:
    void logged(const Notice& n, const Result<void>& delivered) const {
        if (delivered) logger_->info("notice {} for {} delivered on {} to {}", n.id, n.case_id, n.channel, n.recipient);
    }

    std::shared_ptr<NoticeChannel> inner_;
    std::shared_ptr<spdlog::logger> logger_;
};

/// The email channel of [notify.email], with the agency's name as the sender's
/// and its zone for dates; the password read from password_file (its first
/// line) when one is named. A file that cannot be read is invalid_input naming it.
Result<std::shared_ptr<NoticeChannel>> make_email_channel(const config::Config& config,
                                                          const std::shared_ptr<spdlog::logger>& logger) {
    notify::EmailSettings settings = config.notify.email;
    settings.from_name = config.agency_name;
    settings.timezone = config.timezone;
    if (const std::string& file = config.notify.email_password_file; !file.empty()) {
        std::ifstream in(file);
        std::string line;
        if (!in || !std::getline(in, line))
            return make_error(errc::invalid_input,
                              "notify.email.password_file: cannot read " + file + " (it must hold the password on its first line)",
                              "notify.email.password_file");
        if (!line.empty() && line.back() == '\r') line.pop_back();
        settings.password = std::move(line);
        std::error_code ec;
        const auto perms = std::filesystem::status(file, ec).permissions();
        if (!ec && (perms & std::filesystem::perms::others_read) != std::filesystem::perms::none)
            logger->warn("notify.email.password_file {} is readable by every user: chmod 600 it", file);
    }
    auto email = notify::EmailChannel::make(std::move(settings));
    if (!email) return email.error();
    return std::shared_ptr<NoticeChannel>(std::make_shared<LoggedChannel>(*email, logger));
}

/// The channels named by [notify] channels, for the commands that deliver.
/// The log channel has its own stderr logger at info, so a notice it
/// delivers is always printed, whatever ALUR_LOG says; the deliveries of the
/// others are logged on `logger`.
Result<std::vector<std::shared_ptr<NoticeChannel>>> make_channels(const config::Config& config,
                                                                  const std::shared_ptr<spdlog::logger>& logger) {
    const config::Notify& settings = config.notify;
    std::vector<std::shared_ptr<NoticeChannel>> channels;
    for (const auto& name : settings.channels) {
        if (name == "log") {
            channels.push_back(std::make_shared<notify::LogChannel>(stderr_logger("alur", spdlog::level::info)));
        } else if (name == "file") {
            auto file = std::make_shared<notify::FileChannel>(settings.file_path);
            if (auto ok = file->check(); !ok) return ok.error();
            channels.push_back(std::make_shared<LoggedChannel>(file, logger));
        } else if (name == "webhook") {
            notify::WebhookOptions options;
            options.timeout = settings.webhook_timeout;
            options.ca_file = settings.webhook_ca_file;
            options.secret = settings.webhook_secret;
            auto webhook = notify::WebhookChannel::make(settings.webhook_url, std::move(options));
            if (!webhook) return webhook.error();
            channels.push_back(std::make_shared<LoggedChannel>(*webhook, logger));
        } else if (name == "email") {
            auto email = make_email_channel(config, logger);
            if (!email) return email.error();
            channels.push_back(std::move(*email));
        } else {
            return make_error(errc::invalid_input, "notify.channels: unknown channel " + name, "notify.channels");
        }
    }
    return channels;
}

}  // namespace

Result<void> open_engine(Context& ctx, const Runnable& command) {
    const std::string& path = ctx.globals.db;
    ctx.database_existed = std::filesystem::exists(path);
    sqlite::Options options;
    options.create = command.needs == Needs::new_database;
    options.read_only = command.needs == Needs::read_database;

    // --now: the whole command runs on a clock that starts at that instant.
    ctx.clock = std::make_shared<SystemClock>();
    if (command.now) {
        if (const std::string now = command.now(); !now.empty()) {
            auto start = parse_when("--now", now, ctx.timezone());
            if (!start) return start.error();
            ctx.clock = std::make_shared<OffsetClock>(OffsetClock::starting_at(*start));
        }
    }

    auto journal = sqlite::SqliteJournal::open(path, options);
    if (!journal) return journal.error();
    ctx.logger = make_logger(command.log_level);

    EngineOptions engine_options;
    engine_options.journal = *journal;
    engine_options.clock = ctx.clock;
    engine_options.timezone = ctx.config.timezone;
    engine_options.logger = ctx.logger;
    engine_options.deadline_clock = ctx.config.deadline_clock;
    engine_options.deadlines = ctx.config.deadlines;
    engine_options.recipients = [who = ctx.config.notify](std::string_view workflow, std::string_view state) {
        return who.recipients_for(workflow, state);
    };
    engine_options.channels = ctx.config.notify.channels;
    engine_options.takes = notify::takes_recipient;  // the email channel: addresses only, no roles
    // Who records: the OS user, on every event (and fired timer) of this process;
    // refused commands go to the refusals log beside the journal.
    engine_options.recorded_by = os_user();
    engine_options.refusals = std::make_shared<sqlite::SqliteRefusalLog>(path, options.read_only);
    engine_options.max_future_skew = ctx.config.max_future_skew;
    engine_options.max_batch_commands = ctx.config.batch_commands;
    engine_options.max_batch_bytes = ctx.config.batch_bytes;
    engine_options.on_commit = [observer = ctx.on_commit](const CommitStats& stats) {
        if (*observer) (*observer)(stats);
    };
    // A job fit case names its batch: it must be stored (opened once, when first asked).
    engine_options.reference_exists = [db = ctx.globals.db, store = std::shared_ptr<sqlite::SqliteBatchStore>()](
                                          std::string_view kind, std::string_view id) mutable -> Result<bool> {
        if (kind != "jobfit_batch") return false;
        if (!store) {
            auto opened = sqlite::SqliteBatchStore::open(db);
            if (!opened) return opened.error();
            store = *opened;
        }
        return store->exists(id);  // not find(): a batch's body lists every official
    };
    ctx.engine = std::make_unique<Engine>(std::move(engine_options));
    for (const auto& w : ctx.workflows) ctx.engine->add_workflow(w);

    if (command.needs == Needs::delivery) {
        auto channels = make_channels(ctx.config, ctx.logger);
        if (!channels) return channels.error();
        ctx.outbox = std::make_unique<OutboxDispatcher>(*journal, ctx.clock, std::move(*channels), ctx.logger);
    }
    return {};
}

namespace {

int run(int argc, char** argv) {
    restrict_umask();  // before any file is created: the owner's alone (file_modes.hpp)
    Context ctx;

    Lang lang = Lang::id;
    const auto lang_text = early_option(argc, argv, "--lang").value_or(from_env("ALUR_LANG").value_or("id"));
    if (!parse_lang(lang_text, lang)) return report(make_error(errc::invalid_input, trf(M::err_lang, {lang_text})));
    set_language(lang);
    ctx.globals.lang = lang_text;

    auto config = load_config(ctx.globals, argc, argv);
    if (!config) return report(config.error());
    ctx.config = std::move(*config);
    ctx.config.deadline_clock.timezone = ctx.config.timezone;  // deadlines are counted in the agency's zone
    log_style.format = ctx.config.log.format == "json" ? logging::Format::json : logging::Format::text;
    log_style.offset = ctx.config.timezone.offset;
    config_log_level = ctx.config.log.level;

    ctx.workflows.push_back(mutation::make_workflow(ctx.config.mutation));
    ctx.workflows.push_back(job_fit::make_workflow(ctx.config.job_fit));
    ctx.workflows.push_back(open_selection::make_workflow(ctx.config.open_selection));
    ctx.workflows.push_back(development::make_workflow(ctx.config.development));
    ctx.workflows.push_back(performance_review::make_workflow(ctx.config.performance_review));
    if (auto checked = check_config(ctx); !checked) return report(checked.error());

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
    add_rules_commands(app, ctx, registry);
    add_timer_commands(app, ctx, registry);
    add_audit_commands(app, ctx, registry);
    add_token_commands(app, ctx, registry);
    add_user_commands(app, ctx, registry);
    add_selection_commands(app, ctx, registry);
    add_roster_commands(app, ctx, registry);
    add_jobfit_commands(app, ctx, registry);
    add_links_commands(app, ctx, registry);
    add_review_commands(app, ctx, registry);
    add_acting_commands(app, ctx, registry);
    add_calendar_commands(app, ctx, registry);
    add_backup_commands(app, ctx, registry);
    add_migrate_commands(app, ctx, registry);
    add_version_command(app, registry);
    add_docs_commands(app, registry);  // last: `help` and `completion` walk every command above

    if (auto words = check_command_words(app, argc, argv); !words) return report(words.error());
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string what = e.what();
        std::replace(what.begin(), what.end(), '\n', ' ');
        std::cerr << "alur: " << tr(M::err_usage) << ": " << escape_controls(what) << " (" << tr(M::err_see_help)
                  << ")\n";
        return 2;
    }

    // On a terminal every line printed is escaped: stored text cannot rewrite the screen.
    std::optional<EscapedOutput> escaped;
    if (::isatty(STDOUT_FILENO) == 1) escaped.emplace(std::cout);

    for (const auto& command : registry) {
        if (!command.app->parsed()) continue;
        if (command.before_open) {
            auto go_on = command.before_open(ctx);
            if (!go_on) return report(go_on.error());
            if (!*go_on) return 0;
        }
        if (command.needs != Needs::nothing) {
            auto opened = open_engine(ctx, command);
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
