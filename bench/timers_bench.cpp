// timers_bench — 1M pending deadline timers on an SQLite journal.
//
//   timers_bench setup DB CASES   open CASES mutation cases (3 timers each:
//                                 two reminders and the deadline), spread over
//                                 365 days of entry, on a fresh file
//   timers_bench restart DB       what a restarted `alur serve` does before its
//                                 first tick: open the journal, build the
//                                 engine, find the earliest timer; prints the
//                                 time taken and the process's peak RSS
//   timers_bench fire DB          run the real TimerService on an Asio
//                                 io_context with the clock set 1 s before the
//                                 earliest timer, until that burst of timers
//                                 (all due at the same 16:00) has fired;
//                                 prints the lateness of each commit
//                                 (recorded_at - fire_at): p50, p99, max
//
// scripts/bench.sh runs the three in separate processes (so RSS is the
// restart's own) and docs/PERFORMANCE.md keeps the figures.
#include "alur/engine/engine.hpp"
#include "alur/engine/timer_service.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

using namespace alur;
using namespace std::chrono;

namespace {

double seconds_since(steady_clock::time_point t) { return duration<double>(steady_clock::now() - t).count(); }

long peak_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

EngineOptions engine_options(std::shared_ptr<Journal> journal, std::shared_ptr<const Clock> clock) {
    EngineOptions o;
    o.journal = std::move(journal);
    o.clock = std::move(clock);
    o.deadline_clock.calendar = Calendar(Calendar::shipped());
    o.channels = {"log"};
    return o;
}

std::shared_ptr<sqlite::SqliteJournal> open_journal(const std::string& path, bool create, const char* sync) {
    sqlite::Options options;
    options.create = create;
    options.synchronous = sync;
    return sqlite::SqliteJournal::open(path, options).value();
}

int setup(const std::string& path, int cases) {
    std::filesystem::remove(path);
    // The set-up writes a million timers: WAL with synchronous=NORMAL (no fsync per commit).
    auto journal = open_journal(path, true, "NORMAL");
    Engine engine(engine_options(journal, std::make_shared<SystemClock>()));
    engine.add_workflow(mutation::make_workflow({}));
    const TimePoint first_day = parse_datetime("2026-01-05T09:00", TimeZone{}).value();
    auto start = steady_clock::now();
    for (int i = 0; i < cases; ++i) {
        Command c;
        c.workflow = "mutation";
        c.payload = {{"nip", "197603152005011002"}, {"name", "Pegawai " + std::to_string(i)},
                     {"grade", "administrator"},    {"post", "Kepala Bidang"},
                     {"inaugurated_at", "2020-01-06"}};
        c.actor = "bench";
        c.role = "admin";
        c.reason = "bench";
        c.occurred_at = first_day + days(i % 365) + minutes(i % 480);
        engine.submit(c).value();
    }
    const double took = seconds_since(start);
    std::printf("setup: %d cases, %lld timers pending, %.1f s (%.0f cases/s, synchronous=NORMAL)\n", cases,
                static_cast<long long>(journal->timer_count().value()), took, cases / took);
    return 0;
}

int restart(const std::string& path) {
    auto start = steady_clock::now();
    auto journal = open_journal(path, false, "FULL");
    Engine engine(engine_options(journal, std::make_shared<SystemClock>()));
    engine.add_workflow(mutation::make_workflow({}));
    auto next = journal->next_timer().value();
    const double took = seconds_since(start);
    std::printf("restart: open + engine + earliest of %lld timers (%s) in %.2f ms; peak RSS %ld KiB\n",
                static_cast<long long>(journal->timer_count().value()),
                next ? format_local(next->fire_at, TimeZone{}).c_str() : "none", took * 1000, peak_rss_kib());
    return 0;
}

int fire(const std::string& path) {
    auto journal = open_journal(path, false, "FULL");
    auto first = journal->next_timer().value();
    if (!first) return std::puts("fire: no timers"), 1;
    // Count only the events this run journals.
    const std::int64_t head = SQLite::Database(path).execAndGet("SELECT coalesce(max(global_seq), 0) FROM events").getInt64();
    auto clock = std::make_shared<OffsetClock>(OffsetClock::starting_at(first->fire_at - seconds(1)));
    Engine engine(engine_options(journal, clock));
    engine.add_workflow(mutation::make_workflow({}));
    boost::asio::io_context io;
    TimerService service(io, engine, nullptr, spdlog::default_logger(), {});
    std::size_t burst = 0;
    service.on_round = [&](const Engine::FireReport& r) {
        burst += r.fired;
        if (burst > 0 && clock->now() >= first->fire_at) service.stop();
    };
    auto start = steady_clock::now();
    service.start();
    io.run();
    const double took = seconds_since(start) - 1.0;

    std::vector<double> late;
    for (std::int64_t after = head;;) {
        auto events = journal->read_events(after, 100000).value();
        if (events.empty()) break;
        after = events.back().global_seq;
        for (const auto& e : events)
            if (is_timer_event(e.name)) late.push_back(duration<double, std::milli>(e.recorded_at - e.occurred_at).count());
    }
    std::sort(late.begin(), late.end());
    auto pct = [&](double p) { return late.empty() ? 0.0 : late[static_cast<std::size_t>(p * (late.size() - 1))]; };
    std::printf("fire: %zu timers due at %s fired in %.2f s (%.0f/s, synchronous=FULL, group commits of up to %zu); "
                "lateness p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                late.size(), format_local(first->fire_at, TimeZone{}).c_str(), took, late.size() / took,
                Engine::group_size, pct(0.5),
                pct(0.99), late.empty() ? 0.0 : late.back());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "setup" && argc == 4) return setup(argv[2], std::stoi(argv[3]));
    if (mode == "restart" && argc == 3) return restart(argv[2]);
    if (mode == "fire" && argc == 3) return fire(argv[2]);
    std::cerr << "usage: timers_bench setup DB CASES | restart DB | fire DB\n";
    return 2;
}
