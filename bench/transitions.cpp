// bench/transitions.cpp — `alur-bench transitions`: durable transitions/s in process.
//
// A fresh SQLite journal file (synchronous=FULL), the mutation workflow, and
// `record_added` commands (one track-record item each: a real, validated,
// hash-chained event with its projection update) kept in flight through
// Engine::submit_async from driver threads: 1, 16, 256, 1000 concurrent cases
// (one command in flight per case), then many in flight on one case. Then, in
// the same run and directory, raw SQLite on rows of the events' size:
// one-row FULL commits and inserts 1000 per transaction.
#include "bench.hpp"
#include "load.hpp"

#include "alur/sqlite/journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>

namespace alur::bench {

namespace {

Command record_added(const std::string& case_id, std::uint64_t n) {
    const auto& items = mutation::record_items();
    return mutation_command(case_id, "record_added",
                            {{"item", items[n % items.size()]}, {"value", "nilai " + std::to_string(n % 1000)}});
}

void print_row(const char* label, std::size_t slots, std::size_t cases, LoadResult& r) {
    std::printf("  %-22s %6zu %6zu %14s %10s %10s %10s %9.1f %7lu %8s %6zu", label, slots, cases, count(r.per_s).c_str(),
                ms(r.ack.pct(0.5)).c_str(), ms(r.ack.pct(0.99)).c_str(), count(r.commits_per_s).c_str(),
                r.commands_per_commit, static_cast<unsigned long>(r.max_batch), ms(r.commit_latency_us).c_str(),
                r.max_queue);
    if (r.errors) std::printf("  %lu errors, first: %s", static_cast<unsigned long>(r.errors), r.first_error.c_str());
    std::printf("\n");
}

}  // namespace

int run_transitions(const Args& args) {
    WorkDir dir(args);
    const double seconds = args.number("seconds", 3);
    const double warmup = args.number("warmup", seconds / 5);
    const auto levels = args.list("cases", {1, 16, 256, 1000});
    const auto one_case = static_cast<std::size_t>(args.number("one-case", 256));
    const auto threads = static_cast<std::size_t>(args.number("threads", 2));
    const std::string sync = args.text("synchronous", "FULL");

    const Machine machine = measure_machine(dir.path(), 1.0);
    print_machine(machine, dir.path());

    const std::string path = dir.file("engine.db");
    remove_db(path);
    sqlite::Options so;
    so.synchronous = sync;
    auto journal = sqlite::SqliteJournal::open(path, so);
    if (!journal) return std::fprintf(stderr, "open %s: %s\n", path.c_str(), journal.error().message.c_str()), 1;
    CommitCounters counters;
    EngineOptions options = engine_options(*journal, nullptr);
    options.on_commit = [&counters](const CommitStats& s) { counters.add(s); };
    Engine engine(std::move(options));
    engine.add_workflow(mutation_workflow());

    // The cases, opened concurrently through the same path.
    std::size_t most = one_case ? 1 : 0;
    for (long c : levels) most = std::max(most, static_cast<std::size_t>(c));
    std::vector<std::string> ids;
    {
        std::mutex mu;
        std::condition_variable cv;
        std::size_t left = most;
        std::string error;
        const auto start = Clock::now();
        for (std::size_t i = 0; i < most; ++i)
            engine.submit_async(mutation_command("", "", opening_payload(static_cast<int>(i), "")), [&](Result<Outcome> r) {
                std::lock_guard lock(mu);
                if (r) ids.push_back(r->projection.id);
                else error = r.error().message;
                if (--left == 0) cv.notify_all();
            });
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return left == 0; });
        if (!error.empty()) return std::fprintf(stderr, "opening: %s\n", error.c_str()), 1;
        std::printf("opened %zu cases in %.2f s\n", ids.size(), seconds_since(start));
    }
    // The size of one transition's events row, for the raw rows.
    auto sample = engine.submit(record_added(ids[0], 0));
    if (!sample) return std::fprintf(stderr, "record_added: %s\n", sample.error().message.c_str()), 1;
    const std::size_t row = event_row_bytes(sample->event);

    std::printf("\ntransitions: mutation record_added, SqliteJournal synchronous=%s, %.1f s per level after %.1f s "
                "warm-up, %zu driver threads, Engine::submit_async\n",
                sync.c_str(), seconds, warmup, threads);
    std::printf("  %-22s %6s %6s %14s %10s %10s %10s %9s %7s %8s %6s\n", "level", "flight", "cases", "transitions/s",
                "p50 ack", "p99 ack", "commits/s", "cmd/commit", "max", "commit", "queue");
    std::map<std::size_t, LoadResult> by_cases;
    RawFigure single;
    for (long c : levels) {
        const auto n = static_cast<std::size_t>(c);
        std::vector<std::string> cases(ids.begin(), ids.begin() + static_cast<long>(n));
        auto r = run_load(engine, counters, cases, n, threads, warmup, seconds, record_added);
        print_row((std::to_string(n) + " concurrent cases").c_str(), n, n, r);
        by_cases[n] = std::move(r);
        // The one-row baseline right after the lone command: the disk's sync speed drifts.
        if (n == 1) single = raw_single_commits(dir.path(), row, seconds);
    }
    if (!by_cases.contains(1)) single = raw_single_commits(dir.path(), row, seconds);
    if (one_case) {
        auto r = run_load(engine, counters, {ids[0]}, one_case, threads, warmup, seconds, record_added);
        print_row("all on one case", one_case, 1, r);
    }
    engine.submit(record_added(ids[0], 1)).value();  // nothing left in flight

    // Durability: every acknowledged command is a row another connection reads.
    {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        std::printf("  journal: %s events, %.1f MB (file + WAL)\n",
                    count(static_cast<double>(db.execAndGet("SELECT count(*) FROM events").getInt64())).c_str(),
                    static_cast<double>(std::filesystem::file_size(path) +
                                        (std::filesystem::exists(path + "-wal") ? std::filesystem::file_size(path + "-wal") : 0)) /
                        1e6);
    }

    const RawFigure batched = raw_batched_inserts(dir.path(), row, 1000, seconds);
    std::printf("\nraw SQLite, rows of %zu bytes (one events row of record_added), WAL, synchronous=FULL:\n", row);
    std::printf("  one-row commits:           %12s commits/s  p50 %s  p99 %s\n", count(single.per_s).c_str(),
                ms(single.p50_us).c_str(), ms(single.p99_us).c_str());
    std::printf("  1000 rows per transaction: %12s rows/s     p50 %s per transaction\n", count(batched.per_s).c_str(),
                ms(batched.p50_us).c_str());

    std::printf("\nratios (engine / raw, same run):\n");
    if (by_cases.contains(1)) {
        auto& one = by_cases[1];
        const double r = one.ack.pct(0.5) / single.p50_us;
        std::printf("  one command alone: ack p50 %s / raw one-row commit p50 %s = %.2f x  (target <= 1.5 x: %s)\n",
                    ms(one.ack.pct(0.5)).c_str(), ms(single.p50_us).c_str(), r, r <= 1.5 ? "met" : "NOT met");
        std::printf("  one case at a time: %s / raw one-row commits %s\n", count(one.per_s).c_str(),
                    ratio(one.per_s, single.per_s).c_str());
    }
    for (auto& [n, r] : by_cases) {
        if (n == 1) continue;
        std::printf("  %zu cases: %s transitions/s / raw 1000-per-transaction rows/s = %s\n", n, count(r.per_s).c_str(),
                    ratio(r.per_s, batched.per_s).c_str());
    }
    if (by_cases.contains(1000)) {
        auto& r = by_cases[1000];
        std::printf("  target, 1000 cases: >= 100,000/s: %s (%.0f %% of it); >= 15 %% of raw batched: %s\n",
                    r.per_s >= 100000 ? "met" : "NOT met", r.per_s / 1000, r.per_s >= 0.15 * batched.per_s ? "met" : "NOT met");
    }
    return 0;
}

}  // namespace alur::bench
