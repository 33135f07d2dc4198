// bench/timers.cpp — `alur-bench timers`: 1M pending timers, and a burst due at one instant.
//
// Build (copies through commit_group, build.cpp): mutation cases, 3 timers
// each (two reminders and the deadline); `--burst` of them opened at the same
// instant, so their first reminders are all due at one instant, the others
// opened on later days. Then:
//  - re-arm: a child process (its RSS is its own) does what a restarted
//    `alur serve` does before its first tick: open the journal, build the
//    engine, start the TimerService (catch-up finds nothing due; it arms one
//    Asio timer for the earliest of the pending timers). Raw: a fresh SQLite
//    connection reading the earliest timer row, in another child;
//  - burst: the real TimerService on an io_context with the engine's clock
//    running from just before that instant (an OffsetClock: lateness is real
//    time), until the burst has fired; lateness = recorded_at - fire_at of
//    each journaled timer event. Raw: inserts 1000 per transaction of rows of
//    a fired timer event's size.
#include "bench.hpp"
#include "child.hpp"
#include "load.hpp"

#include "alur/engine/timer_service.hpp"
#include "alur/sqlite/journal.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <regex>

namespace alur::bench {

namespace {

std::string run_self(const std::string& self, const std::vector<std::string>& args, const std::string& cwd) {
    std::vector<std::string> argv{std::filesystem::absolute(self).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_cli(argv, cwd);
}

double number_after(const std::string& text, const std::string& key) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(key + "=([0-9.]+)"))) throw std::runtime_error("no " + key + " in: " + text);
    return std::stod(m[1].str());
}

}  // namespace

int run_timers_rearm(const Args& args) {
    const std::string path = args.text("db", "");
    const auto start = Clock::now();
    if (args.flag("raw")) {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        SQLite::Statement q(db, "SELECT * FROM timers ORDER BY fire_at, id LIMIT 1");
        if (!q.executeStep()) return 1;
        std::printf("ms=%.3f rss=%ld\n", seconds_since(start) * 1e3, peak_rss_kib());
        return 0;
    }
    auto journal = sqlite::SqliteJournal::open(path, {}).value();
    const double opened = seconds_since(start) * 1e3;
    auto next = journal->next_timer().value();
    if (!next) return 1;
    const double found = seconds_since(start) * 1e3;
    // The engine's clock an hour before the earliest timer: the catch-up finds nothing due.
    auto clock = std::make_shared<OffsetClock>(OffsetClock::starting_at(next->fire_at - std::chrono::hours(1)));
    Engine engine(engine_options(journal, clock));
    engine.add_workflow(mutation_workflow());
    boost::asio::io_context io;
    TimerService service(io, engine, nullptr, spdlog::default_logger(), {});
    const double built = seconds_since(start) * 1e3;
    service.start();
    const double took = seconds_since(start) * 1e3;
    service.stop();
    std::printf("ms=%.3f rss=%ld open=%.3f next=%.3f engine=%.3f start=%.3f\n", took, peak_rss_kib(), opened,
                found - opened, built - found, took - built);
    return 0;
}

int run_timers(const Args& args, const std::string& self) {
    WorkDir dir(args);
    const auto timers = static_cast<std::int64_t>(args.number("timers", 1000000));
    const auto burst = static_cast<std::int64_t>(args.number("burst", 100000));
    const Machine machine = measure_machine(dir.path(), 1.0);
    print_machine(machine, dir.path());

    const std::string path = dir.file("timers.db");
    remove_db(path);
    const TimePoint t0 = parse_datetime("2026-03-02T09:00", TimeZone{}).value();  // a Monday
    const auto burst_template = capture_template({mutation_command("", "", opening_payload(0, ""))}, t0);
    const auto per_case = static_cast<std::int64_t>(burst_template.requests[0].timers->size());
    const std::int64_t cases = std::max(burst, (timers + per_case - 1) / per_case);
    std::vector<CaseTemplate> later;
    for (int d = 1; d <= 200; ++d)
        later.push_back(capture_template({mutation_command("", "", opening_payload(d, ""))}, t0 + std::chrono::days(d)));
    {
        sqlite::Options so;
        so.synchronous = "NORMAL";
        auto journal = sqlite::SqliteJournal::open(path, so).value();
        const auto start = Clock::now();
        write_copies(*journal, {burst_template}, burst, 1000);
        write_copies(*journal, later, cases - burst, 1000);
        std::printf("build: %s cases, %s pending timers (%lld per case) through commit_group in %.1f s\n",
                    count(static_cast<double>(cases)).c_str(), count(static_cast<double>(journal->timer_count().value())).c_str(),
                    static_cast<long long>(per_case), seconds_since(start));
    }
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    const std::string first_at = db.execAndGet("SELECT min(fire_at) FROM timers").getString();
    SQLite::Statement same(db, "SELECT count(*) FROM timers WHERE fire_at = ?");
    same.bind(1, first_at);
    same.executeStep();
    const std::int64_t due_together = same.getColumn(0).getInt64();
    std::printf("burst: %s timers due at %s\n", count(static_cast<double>(due_together)).c_str(), first_at.c_str());

    // Re-arm, each in its own process.
    const std::string rearm = run_self(self, {"timers-rearm", "--db", path}, dir.path());
    const std::string raw_rearm = run_self(self, {"timers-rearm", "--db", path, "--raw"}, dir.path());
    const double rearm_ms = number_after(rearm, "ms"), raw_ms = number_after(raw_rearm, "ms");
    std::printf("\nre-arm with %s pending timers (a new process: open, engine, TimerService::start, armed):\n",
                count(static_cast<double>(cases * per_case)).c_str());
    std::printf("  engine: %.2f ms, peak RSS %.1f MiB (phases: open the journal %.2f ms, next_timer %.2f ms, "
                "engine %.2f ms, TimerService::start %.2f ms)\n",
                rearm_ms, number_after(rearm, "rss") / 1024, number_after(rearm, "open"), number_after(rearm, "next"),
                number_after(rearm, "engine"), number_after(rearm, "start"));
    std::printf("  raw: open + SELECT the earliest timer row: %.2f ms, peak RSS %.1f MiB\n", raw_ms,
                number_after(raw_rearm, "rss") / 1024);
    std::printf("  ratio engine / raw time: %.1f x\n", raw_ms > 0 ? rearm_ms / raw_ms : 0);

    // The burst.
    const std::int64_t head = db.execAndGet("SELECT coalesce(max(global_seq), 0) FROM events").getInt64();
    const TimePoint due = parse_utc(first_at).value();
    auto journal = sqlite::SqliteJournal::open(path, {}).value();  // synchronous=FULL
    const auto lead = std::chrono::milliseconds(300);
    auto clock = std::make_shared<OffsetClock>(OffsetClock::starting_at(due - lead));
    CommitCounters counters;
    EngineOptions options = engine_options(journal, clock);
    options.on_commit = [&counters](const CommitStats& s) { counters.add(s); };
    Engine engine(std::move(options));
    engine.add_workflow(mutation_workflow());
    boost::asio::io_context io;
    auto logger = spdlog::default_logger()->clone("timers");
    logger->set_level(spdlog::level::warn);  // no line per round
    TimerService service(io, engine, nullptr, logger, {});
    std::int64_t fired = 0;
    std::size_t rounds = 0;
    service.on_round = [&](const Engine::FireReport& r) {
        fired += static_cast<std::int64_t>(r.fired);
        ++rounds;
        if (fired >= due_together) service.stop();
    };
    const auto start = Clock::now();
    service.start();
    io.run();
    const double wall = seconds_since(start) - std::chrono::duration<double>(lead).count();

    Samples late;
    std::size_t row = 0;
    TimePoint last = due;
    for (std::int64_t after = head;;) {
        auto events = journal->read_events(after, 100000).value();
        if (events.empty()) break;
        after = events.back().global_seq;
        for (const auto& e : events) {
            if (!is_timer_event(e.name)) continue;
            late.add(e.recorded_at - e.occurred_at);
            last = std::max(last, e.recorded_at);
            row = event_row_bytes(e);
        }
    }
    const double span = std::chrono::duration<double>(last - due).count();
    const double per_s = span > 0 ? static_cast<double>(late.us.size()) / span : 0;
    std::printf("\nburst: %s timers fired and journaled (synchronous=FULL) in %zu rounds, %.2f s after the due "
                "instant (wall %.2f s): %s fired/s; lateness p50 %s, p99 %s, max %s\n",
                count(static_cast<double>(late.us.size())).c_str(), rounds, span, wall, count(per_s).c_str(),
                ms(late.pct(0.5)).c_str(), ms(late.pct(0.99)).c_str(), ms(late.pct(1.0)).c_str());
    if (const auto commits = counters.commits.load())
        std::printf("  group commits: %lu, %.1f timers each (largest %lu), %s per commit; %.0f %% of the burst's wall "
                    "time inside Journal::commit_units\n",
                    static_cast<unsigned long>(commits), static_cast<double>(counters.commands) / static_cast<double>(commits),
                    static_cast<unsigned long>(counters.max_batch.load()),
                    ms(static_cast<double>(counters.latency_ns) / 1e3 / static_cast<double>(commits)).c_str(),
                    100.0 * static_cast<double>(counters.latency_ns) / 1e9 / wall);
    const RawFigure raw = raw_batched_inserts(dir.path(), row, 1000, 3);
    std::printf("  raw SQLite: rows of %zu bytes (one fired timer's event row), 1000 per transaction, FULL: %s rows/s\n",
                row, count(raw.per_s).c_str());
    std::printf("  ratio fired/s / raw rows/s: %s\n", ratio(per_s, raw.per_s).c_str());
    std::printf("  target: >= 30,000 fired/s with p99 lateness <= 5 s: %s (%.0f %% of the rate, p99 %s)\n",
                per_s >= 30000 && late.pct(0.99) <= 5e6 ? "met" : "NOT met", per_s / 300, ms(late.pct(0.99)).c_str());
    return 0;
}

}  // namespace alur::bench
