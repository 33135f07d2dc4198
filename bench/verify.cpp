// bench/verify.cpp — `alur-bench verify`: audit verify + replay of N events.
//
// N events (default 1M) as N/20 mutation cases of 20 events each (opened, the
// 8 record items, records_completed, 3 interviews, visit_completed, 4
// scores, scoring_completed, recommendation_requested), decided once by the
// engine and written as copies through commit_group (build.cpp). Then, in
// the same run: a raw scan of the events table (every column of every row in
// global order) and audit::verify (the hash chain, and the replay of every
// case through its machine compared with its projection, timers and keys).
#include "bench.hpp"

#include "alur/engine/audit.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>

namespace alur::bench {

namespace {

std::vector<Command> twenty_events() {
    std::vector<Command> c;
    c.push_back(mutation_command("", "", opening_payload(1, "Dinas Pendidikan")));
    for (const auto& item : mutation::record_items())
        c.push_back(mutation_command("", "record_added", {{"item", item}, {"value", "ok"}}));
    c.push_back(mutation_command("", "records_completed", {}));
    for (const char* role : {"rt_head", "neighbour", "community_figure"})
        c.push_back(mutation_command("", "interview_recorded", {{"role", role}, {"name", "N"}, {"summary", "baik"}}));
    c.push_back(mutation_command("", "visit_completed", {}));
    int score = 70;
    for (const char* comp : {"paper", "interview", "track_record", "performance_contract"})
        c.push_back(mutation_command("", "score_recorded", {{"component", comp}, {"value", score++}}));
    c.push_back(mutation_command("", "scoring_completed", {}));
    c.push_back(mutation_command("", "recommendation_requested", {{"ref", "800/1"}}));
    return c;
}

}  // namespace

int run_verify(const Args& args) {
    WorkDir dir(args);
    const auto events = static_cast<std::int64_t>(args.number("events", 1000000));
    const Machine machine = measure_machine(dir.path(), 1.0);
    print_machine(machine, dir.path());

    const auto commands = twenty_events();
    const std::int64_t cases = std::max<std::int64_t>(1, events / static_cast<std::int64_t>(commands.size()));
    const std::string path = dir.file("verify.db");
    remove_db(path);
    {
        const TimePoint at = parse_datetime("2025-01-06T09:00", TimeZone{}).value();
        std::vector<CaseTemplate> templates{capture_template(commands, at)};
        sqlite::Options so;
        so.synchronous = "NORMAL";  // a build step, not a figure
        auto journal = sqlite::SqliteJournal::open(path, so).value();
        const auto start = Clock::now();
        const auto written = write_copies(*journal, templates, cases, 1000);
        std::printf("build: %s cases x %zu events = %s events through commit_group in %.1f s (%s events/s, "
                    "synchronous=NORMAL)\n",
                    count(static_cast<double>(cases)).c_str(), commands.size(), count(static_cast<double>(written)).c_str(),
                    seconds_since(start), count(static_cast<double>(written) / seconds_since(start)).c_str());
    }

    double raw_per_s = 0;
    {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        const auto start = Clock::now();
        SQLite::Statement q(db, "SELECT * FROM events ORDER BY global_seq");
        std::size_t bytes = 0, rows = 0;
        const int columns = q.getColumnCount();
        while (q.executeStep()) {
            for (int c = 0; c < columns; ++c) bytes += static_cast<std::size_t>(q.getColumn(c).getBytes());
            ++rows;
        }
        const double took = seconds_since(start);
        raw_per_s = static_cast<double>(rows) / took;
        std::printf("raw scan: SELECT * FROM events ORDER BY global_seq, every column read: %s rows (%.0f MB) in %.2f s "
                    "= %s events/s\n",
                    count(static_cast<double>(rows)).c_str(), static_cast<double>(bytes) / 1e6, took, count(raw_per_s).c_str());
    }

    auto journal = sqlite::SqliteJournal::open(path).value();
    Engine engine(engine_options(journal, nullptr));
    engine.add_workflow(mutation_workflow());
    const auto start = Clock::now();
    auto report = audit::verify(engine);
    const double took = seconds_since(start);
    if (!report) return std::fprintf(stderr, "verify: %s\n", report.error().message.c_str()), 1;
    const double per_s = static_cast<double>(report->events) / took;
    std::printf("verify: %s; %s events, %s cases; chain %.2f s, replay %.2f s (as reported); total %.2f s = %s events/s; "
                "peak RSS %ld MiB\n",
                report->ok() ? "ok" : report->problem->what.c_str(), count(static_cast<double>(report->events)).c_str(),
                count(static_cast<double>(report->cases)).c_str(), static_cast<double>(report->chain_time.count()) / 1e3,
                static_cast<double>(report->replay_time.count()) / 1e3, took, count(per_s).c_str(), peak_rss_kib() / 1024);
    std::printf("\nratio: verify + replay %s events/s / raw scan %s events/s = %s\n", count(per_s).c_str(),
                count(raw_per_s).c_str(), ratio(per_s, raw_per_s).c_str());
    std::printf("target: verify + replay >= 1,000,000 events/s: %s (%.0f %%)\n", per_s >= 1e6 ? "met" : "NOT met",
                per_s / 1e4);
    return report->ok() ? 0 : 6;
}

}  // namespace alur::bench
