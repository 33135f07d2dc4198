// Commands that fire deadlines: `alur serve` (the HTTP API on a pool of
// threads, the timer service and the outbox on a thread of their own) and
// `alur run-due` (one pass, for cron).
//
// Both run with Needs::delivery: main has built the engine (with the
// configured deadlines, recipients and channels), the notice channels and an
// outbox dispatcher over them. `--now DATETIME` runs either as if the time at
// its start were DATETIME (an OffsetClock: the wall clock plus a fixed
// offset), for rehearsals and catching up; events fired and notices written
// are recorded with that clock's time.
//
// What a person reads goes to stdout (localized); the engine's log lines
// (fired timers, deliveries, failures) go to stderr: at info for `serve`, at
// warn for `run-due` (it prints what it fired), unless ALUR_LOG says otherwise.
#include "alur/engine/timer_service.hpp"
#include "alur/http/api.hpp"
#include "alur/http/server.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/sqlite/stats.hpp"
#include "alur/sqlite/tokens.hpp"
#include "alur/sqlite/users.hpp"
#include "app.hpp"
#include "file_modes.hpp"
#include "identity.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "serve_lock.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json/value.hpp>
#include <spdlog/logger.h>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <thread>
#include <vector>

namespace alur::cli {
namespace {

struct NowArgs {
    std::string now;
};

struct ServeArgs {
    std::string now;
    std::string listen = "127.0.0.1:8080";
    CLI::Option* listen_option = nullptr;
    int threads = -1;  ///< --threads; -1: [server] threads
};

/// "pengingat" / "eskalasi" for a timer event's name.
const char* kind_text(std::string_view event) {
    return event == reminder_event ? tr(M::kind_reminder) : tr(M::kind_escalation);
}

/// One line for a fired timer event: "MUT-000001: pengingat tahap scoring, jatuh tempo 2024-04-23 16:00 WIB".
std::string fired_text(const Outcome& o, const TimeZone& tz) {
    const auto payload = parse_stored(o.event.payload);
    std::string state = o.projection.state;
    std::string due;
    if (payload.is_object()) {
        const auto& p = payload.get_object();
        if (const auto* s = p.if_contains("state"); s && s->is_string()) state = std::string(s->get_string());
        if (const auto* d = p.if_contains("due_at"); d && d->is_string())
            if (auto t = parse_utc(std::string(d->get_string()))) due = local_text(*t, tz);
    }
    return trf(M::fired_line, {o.projection.id, kind_text(o.event.name), state, due});
}

// --- serve -------------------------------------------------------------------------

/// The line printed (and flushed) once the server has caught up and armed its
/// timer: scripts and tests wait for it.
Result<std::string> ready_line(Context& ctx) {
    auto count = ctx.engine->journal().timer_count();
    if (!count) return count.error();
    auto next = ctx.engine->journal().next_timer();
    if (!next) return next.error();
    if (!*next) return std::string(tr(M::serve_ready_none));
    return trf(M::serve_ready, {std::to_string(*count), local_text((*next)->fire_at, ctx.deadline_clock().timezone)});
}

/// Clears Context::on_commit when `serve` returns: the metrics it counts into are gone.
struct CommitObserver {
    explicit CommitObserver(Context& ctx, std::function<void(const CommitStats&)> f) : ctx_(ctx) {
        *ctx_.on_commit = std::move(f);
    }
    ~CommitObserver() { *ctx_.on_commit = nullptr; }
    CommitObserver(const CommitObserver&) = delete;
    CommitObserver& operator=(const CommitObserver&) = delete;
    Context& ctx_;
};

/// Runs `io` on this thread until it has nothing left to do; a handler's
/// exception is logged and the loop goes on.
void run_loop(boost::asio::io_context& io, spdlog::logger& logger, const char* what) {
    for (;;) {
        try {
            io.run();
            return;
        } catch (const std::exception& e) {
            logger.error("{}: {}", what, e.what());
        }
    }
}

/// Warns (log and stderr) when the database, its -wal or -shm is open to its
/// group or others: it holds NIPs, birth dates and token hashes.
void warn_loose_modes(const Context& ctx) {
    const auto loose = loose_modes(ctx.globals.db);
    if (loose.empty()) return;
    std::string files, paths;
    for (const auto& f : loose) {
        files += (files.empty() ? "" : ", ") + f.path + " (" + mode_text(f.mode) + ")";
        paths += (paths.empty() ? "" : " ") + f.path;
    }
    ctx.logger->warn("{} open to group or others; it holds personal data: chmod 600 {}", files, paths);
    std::cerr << "alur: " << trf(M::serve_mode_warning, {files, paths}) << std::endl;
}

Result<void> run_serve(const ServeArgs& args, Context& ctx) {
    // One server per database: two would both fire the timers and deliver the notices.
    // Held until serve returns; the kernel drops it if the process dies.
    auto lock = ServeLock::take(ctx.globals.db, "serve", M::serve_already_running);
    if (!lock) return lock.error();
    warn_loose_modes(ctx);

    // Two loops, so that neither holds the other: the HTTP API on a pool of
    // threads (a strand per connection; a write is answered when its commit
    // completes, never by a thread waiting for it), and the timer service
    // with the outbox on a thread of their own (a commit of fired timers or a
    // webhook that does not answer delays no HTTP request).
    boost::asio::io_context http_io;
    boost::asio::io_context service_io(1);
    TimerService service(service_io, *ctx.engine, ctx.outbox.get(), ctx.logger, TimerService::Options{});

    auto tokens = sqlite::SqliteTokenStore::open(ctx.globals.db);
    if (!tokens) return tokens.error();
    auto users = sqlite::SqliteUserStore::open(ctx.globals.db);
    if (!users) return users.error();
    http::Metrics metrics;
    const CommitObserver observer(ctx, [&metrics](const CommitStats& stats) {
        metrics.group_commit(stats.commands, stats.bytes, std::chrono::duration<double>(stats.latency).count());
    });
    service.on_round = [&metrics](const Engine::FireReport& report) {
        for (const auto& o : report.outcomes) {
            metrics.transition(o.projection.workflow, o.event.name);
            double late = 0;
            const auto payload = parse_stored(o.event.payload);
            if (payload.is_object())
                if (const auto* ms = payload.get_object().if_contains("late_ms"); ms && ms->is_number())
                    late = ms->to_number<double>() / 1000.0;
            metrics.fired(late);
        }
    };
    // After each write through the API the service re-arms its timer (this
    // process's own commits do not move data_version), on its own thread.
    http::ApiOptions api_options;
    api_options.engine = ctx.engine.get();
    api_options.tokens = tokens->get();
    api_options.metrics = &metrics;
    api_options.deadline_clock = ctx.deadline_clock();
    api_options.agency_name = ctx.config.agency_name;
    api_options.after_write = [&service] { service.poke(); };
    api_options.users = users->get();
    api_options.logger = ctx.logger;
    const auto& server_config = ctx.config.server;
    api_options.sessions.lifetime = std::chrono::minutes(server_config.session_minutes);
    api_options.sessions.idle = std::chrono::minutes(server_config.session_idle_minutes);
    api_options.sessions.secure_cookies = server_config.secure_cookies;
    api_options.sessions.failures_per_name = server_config.signin_failures_per_name;
    api_options.sessions.failures_per_address = server_config.signin_failures_per_address;
    api_options.sessions.failure_window = std::chrono::minutes(server_config.signin_window_minutes);
    // The roster and the job fit batches (/api/roster, /api/jobfit), in the journal's file.
    auto roster = sqlite::SqliteRoster::open(ctx.globals.db);
    if (!roster) return roster.error();
    auto batches = sqlite::SqliteBatchStore::open(ctx.globals.db);
    if (!batches) return batches.error();
    api_options.roster = roster->get();
    api_options.batches = batches->get();
    api_options.job_fit = &ctx.config.job_fit;
    api_options.max_upload_bytes = ctx.config.server.max_upload_bytes;  // a roster CSV of POST /api/roster/import
    // /metrics and /healthz read the file itself (every process's writes);
    // /readyz asks the timer service whether its loop and delivery run.
    auto stats = sqlite::SqliteStats::open(ctx.globals.db);
    if (!stats) return stats.error();
    api_options.stats = stats->get();
    api_options.readiness = [&service] {
        const auto h = service.health();
        return std::vector<http::ReadyPart>{{"timers", h.timers_ready, h.timers_detail},
                                            {"delivery", h.delivery_ready, h.delivery_detail}};
    };
    http::Api api(std::move(api_options));
    http::Server::Options server_options;
    server_options.max_connections = ctx.config.server.max_connections;
    server_options.max_connections_per_peer = ctx.config.server.max_connections_per_peer;
    server_options.metrics = &metrics;
    http::Server server(http_io, api, ctx.logger, server_options);
    const auto& http_config = ctx.config.http;
    const bool tls = !http_config.tls_cert.empty();
    if (tls) {  // [http] tls_cert, tls_key: checked now, refused before anything is served
        auto certificate = server.use_tls({http_config.tls_cert, http_config.tls_key, http_config.tls_min_version});
        if (!certificate) return certificate.error();
        ctx.logger->info("https: certificate {} (issuer {}), valid until {}; TLS {} or newer", certificate->subject,
                         certificate->issuer, certificate->not_after, http_config.tls_min_version);
        if (certificate->expired)
            ctx.logger->warn("https: the certificate in {} expired on {}; clients will refuse it",
                             http_config.tls_cert.string(), certificate->not_after);
    }
    if (std::find(ctx.config.notify.channels.begin(), ctx.config.notify.channels.end(), "webhook") !=
            ctx.config.notify.channels.end() &&
        ctx.config.notify.webhook_secret.empty())
        ctx.logger->warn("webhook deliveries to {} are unsigned: set [notify.webhook] secret_file (docs/OPERATIONS.md, "
                         "\"Webhooks\")",
                         ctx.config.notify.webhook_url);
    auto bound = server.listen(args.listen);
    if (!bound) {
        const std::string why = trf(M::err_listen, {args.listen, bound.error().message});
        if (args.listen_option->count()) return make_error(bound.error().code, why);
        ctx.logger->warn("{}", why);  // the default port is taken: the timers still run
    } else {
        std::cout << trf(tls ? M::serve_listening_tls : M::serve_listening, {*bound}) << std::endl;
    }

    // SIGINT/SIGTERM: no new connections, idle ones closed, answers being
    // written finish; the service's timers are cancelled and its loop
    // stopped once the handler running (a commit) has completed; a webhook
    // attempt still waiting is dropped and its notice delivered later.
    boost::asio::signal_set signals(service_io);
    boost::system::error_code ec;
    signals.add(SIGINT, ec);
    if (!ec) signals.add(SIGTERM, ec);
    if (ec) return make_error(errc::io, trf(M::err_serve_signal, {ec.message()}));
    signals.async_wait([&](const boost::system::error_code& error, int signal) {
        if (error) return;
        ctx.logger->info("signal {}: stopping", signal);
        server.stop();
        service.stop();
        service_io.stop();
    });

    unsigned threads = args.threads >= 0 ? static_cast<unsigned>(args.threads) : ctx.config.server.threads;
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < threads; ++i)
        pool.emplace_back([&http_io, &ctx] { run_loop(http_io, *ctx.logger, "http"); });
    struct Join {
        std::vector<std::thread>& pool;
        http::Server& server;
        ~Join() {  // also on an early return: the HTTP threads end once the server is stopped
            server.stop();
            for (auto& t : pool) t.join();
        }
    } join{pool, server};

    ctx.logger->info("serving {} as of {} on {} HTTP thread(s)", ctx.globals.db,
                     format_local(ctx.clock->now(), ctx.timezone()), threads);
    service.start();  // fires what fell due while nothing ran, once each, in due order
    auto ready = ready_line(ctx);
    if (!ready) return ready.error();
    std::cout << *ready << std::endl;  // flushed: whoever waits for it reads it now

    run_loop(service_io, *ctx.logger, "timers");
    server.stop();
    for (auto& t : pool) t.join();
    pool.clear();
    std::cout << tr(M::serve_stopped) << std::endl;
    return {};
}

// --- run-due -----------------------------------------------------------------------

Result<void> run_due(Context& ctx) {
    const TimePoint now = ctx.clock->now();
    auto fired = ctx.engine->fire_due(now);
    if (!fired) return fired.error();
    std::size_t reminders = 0, escalations = 0;
    for (const auto& o : fired->outcomes) {
        (o.event.name == reminder_event ? reminders : escalations) += 1;
        std::cout << fired_text(o, ctx.deadline_clock().timezone) << '\n';
    }
    auto delivered = ctx.outbox->deliver_pending();
    if (!delivered) return delivered.error();
    std::cout << trf(M::run_due_summary, {std::to_string(reminders), std::to_string(escalations),
                                          std::to_string(delivered->delivered), std::to_string(delivered->failed)})
              << '\n';
    // Failed deliveries stay in the outbox with a back-off: not an error of this run.
    if (delivered->failed) std::cerr << "alur: " << trf(M::run_due_retry, {std::to_string(delivered->failed)}) << '\n';
    return {};
}

void add_serve(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("serve", tr(M::cmd_serve));
    auto args = std::make_shared<ServeArgs>();
    sub->add_option("--now", args->now, tr(M::opt_now_run))->option_text("DATETIME");
    args->listen_option = sub->add_option("--listen", args->listen, tr(M::opt_listen))->option_text("ADDRESS:PORT");
    sub->add_option("--threads", args->threads, tr(M::opt_threads))
        ->option_text("N")
        ->check(CLI::Range(0, config::ServerSettings::max_threads));
    out.push_back({sub, Needs::delivery, [args](Context& c) { return run_serve(*args, c); },
                   [args] { return args->now; }, "info"});
}

void add_run_due(CLI::App& app, Registry& out) {
    auto* sub = app.add_subcommand("run-due", tr(M::cmd_run_due));
    auto args = std::make_shared<NowArgs>();
    sub->add_option("--now", args->now, tr(M::opt_now_run))->option_text("DATETIME");
    auto token = std::make_shared<TokenArg>();
    add_token_option(*sub, *token);
    out.push_back({sub, Needs::delivery,
                   [token](Context& c) -> Result<void> {
                       if (auto admin = require_admin(c, *token); !admin) return admin;
                       return run_due(c);
                   },
                   [args] { return args->now; }});
}

}  // namespace

void add_timer_commands(CLI::App& app, const Context&, Registry& out) {
    add_serve(app, out);
    add_run_due(app, out);
}

}  // namespace alur::cli
