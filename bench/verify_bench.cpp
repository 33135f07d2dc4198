// verify_bench — `alur audit verify` on a journal of 1M events.
//
//   verify_bench DB CASES   builds CASES mutation cases of 20 events each
//                           through the engine (in memory), writes them into a
//                           fresh SQLite journal in one transaction, then, in
//                           the same run: a raw SQLite scan of the events
//                           table (every column of every row) and the full
//                           verify (hash chain + replay of every case through
//                           the MSM machine compared with its projection,
//                           and its due_at and timers against the chain).
//
// scripts/bench.sh runs it; docs/PERFORMANCE.md keeps the figures.
#include "alur/engine/audit.hpp"
#include "alur/engine/engine.hpp"
#include "alur/engine/memory_journal.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

using namespace alur;
using namespace std::chrono;

namespace {

double seconds_since(steady_clock::time_point t) { return duration<double>(steady_clock::now() - t).count(); }

std::string submit(Engine& e, const std::string& id, const char* event, boost::json::object payload, TimePoint at,
                   const char* role = "admin") {
    Command c;
    c.case_id = id;
    c.workflow = "mutation";
    c.event = event;
    c.payload = std::move(payload);
    c.actor = "bench";
    c.role = role;
    c.reason = "bench";
    c.occurred_at = at;
    return e.submit(c).value().projection.id;
}

/// 20 events: opened, 8 records, records_completed, 3 interviews,
/// visit_completed, 4 scores, scoring_completed, recommendation_requested.
void one_case(Engine& e, int i) {
    TimePoint t = parse_datetime("2025-01-06T09:00", TimeZone{}).value() + minutes(i);
    const std::string id =
        submit(e, "", "", {{"nip", "197603152005011002"}, {"name", "Pegawai " + std::to_string(i)},
                           {"grade", "administrator"}, {"post", "Kepala Bidang"}, {"inaugurated_at", "2020-01-06"}}, t);
    for (const auto& item : mutation::record_items()) submit(e, id, "record_added", {{"item", item}, {"value", "ok"}}, t);
    submit(e, id, "records_completed", {}, t);
    for (const char* role : {"rt_head", "neighbour", "community_figure"})
        submit(e, id, "interview_recorded", {{"role", role}, {"name", "N"}, {"summary", "baik"}}, t);
    submit(e, id, "visit_completed", {}, t);
    for (const char* c : {"paper", "interview", "track_record", "performance_contract"})
        submit(e, id, "score_recorded", {{"component", c}, {"value", 70 + i % 30}}, t);
    submit(e, id, "scoring_completed", {}, t);
    submit(e, id, "recommendation_requested", {{"ref", "800/" + std::to_string(i)}}, t);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return std::cerr << "usage: verify_bench DB CASES\n", 2;
    const std::string path = argv[1];
    const int cases = std::stoi(argv[2]);
    auto workflow = mutation::make_workflow({});

    // 1. Build the cases in memory, through the real command path.
    auto memory = std::make_shared<MemoryJournal>();
    {
        EngineOptions o;
        o.journal = memory;
        Engine engine(o);
        engine.add_workflow(workflow);
        auto t = steady_clock::now();
        for (int i = 0; i < cases; ++i) one_case(engine, i);
        std::printf("build: %d cases through the engine in %.1f s\n", cases, seconds_since(t));
    }

    // 2. Write them into a fresh SQLite journal in one transaction.
    std::filesystem::remove(path);
    sqlite::SqliteJournal::open(path).value();  // creates the schema
    std::int64_t events = 0;
    {
        auto t = steady_clock::now();
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        SQLite::Transaction tx(db);
        SQLite::Statement ev(db, "INSERT INTO events (global_seq, case_id, seq, name, payload, actor, role, reason, "
                                 "occurred_at, recorded_at, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const auto& e : memory->read_events(0, 0).value()) {
            int i = 0;
            ev.bind(++i, e.global_seq);
            ev.bind(++i, e.case_id);
            ev.bind(++i, e.seq);
            ev.bind(++i, e.name);
            ev.bind(++i, e.payload);
            ev.bind(++i, e.actor);
            ev.bind(++i, e.role);
            ev.bind(++i, e.reason);
            ev.bind(++i, format_utc(e.occurred_at));
            ev.bind(++i, format_utc(e.recorded_at));
            ev.bind(++i, e.prev_hash);
            ev.bind(++i, e.hash);
            ev.exec();
            ev.reset();
            ++events;
        }
        SQLite::Statement cs(db, "INSERT INTO cases (id, workflow, state, version, data, opened_at, updated_at, "
                                 "due_at) VALUES (?,?,?,?,?,?,?,?)");
        for (const auto& c : memory->list_cases({}).value()) {
            int i = 0;
            cs.bind(++i, c.id);
            cs.bind(++i, c.workflow);
            cs.bind(++i, c.state);
            cs.bind(++i, c.version);
            cs.bind(++i, c.data);
            cs.bind(++i, format_utc(c.opened_at));
            cs.bind(++i, format_utc(c.updated_at));
            if (c.due_at) cs.bind(++i, format_utc(*c.due_at));
            else cs.bind(++i);
            cs.exec();
            cs.reset();
        }
        // The case serial (the schema check on open requires it) and the
        // pending timers (verify checks them against the chain).
        SQLite::Statement serial(db, "INSERT INTO case_serials (prefix, last) VALUES ('MUT', ?)");
        serial.bind(1, static_cast<std::int64_t>(cases));
        serial.exec();
        SQLite::Statement ts(db, "INSERT INTO timers (case_id, state, kind, fire_at, due_at, ordinal) "
                                 "VALUES (?,?,?,?,?,?)");
        for (const auto& t : memory->due_timers(TimePoint(sys_days(year{9999} / 12 / 31)), 0).value()) {
            int i = 0;
            ts.bind(++i, t.case_id);
            ts.bind(++i, t.state);
            ts.bind(++i, to_string(t.kind));
            ts.bind(++i, format_utc(t.fire_at));
            ts.bind(++i, format_utc(t.due_at));
            ts.bind(++i, t.ordinal);
            ts.exec();
            ts.reset();
        }
        tx.commit();
        std::printf("load: %lld events into SQLite in %.1f s\n", static_cast<long long>(events), seconds_since(t));
    }
    memory.reset();

    // 3. The raw scan: every column of every row, in global order.
    {
        SQLite::Database db(path, SQLite::OPEN_READONLY);
        auto t = steady_clock::now();
        SQLite::Statement q(db, "SELECT global_seq, case_id, seq, name, payload, actor, role, reason, occurred_at, "
                                "recorded_at, prev_hash, hash FROM events ORDER BY global_seq");
        std::size_t bytes = 0, rows = 0;
        while (q.executeStep()) {
            for (int c = 0; c < 12; ++c) bytes += static_cast<std::size_t>(q.getColumn(c).getBytes());
            ++rows;
        }
        const double took = seconds_since(t);
        std::printf("raw scan: %zu rows (%.0f MB) in %.2f s = %.0f events/s\n", rows, bytes / 1e6, took, rows / took);
    }

    // 4. The full verify, as `alur audit verify` runs it.
    {
        auto journal = sqlite::SqliteJournal::open(path).value();
        EngineOptions o;
        o.journal = journal;
        Engine engine(o);
        engine.add_workflow(workflow);
        auto t = steady_clock::now();
        auto report = audit::verify(engine).value();
        const double took = seconds_since(t);
        std::printf("verify: %s; %lld events chained in %.2f s (%.0f events/s), %lld cases replayed in %.2f s "
                    "(%.0f events/s); total %.2f s = %.0f events/s\n",
                    report.ok() ? "ok" : report.problem->what.c_str(), static_cast<long long>(report.events),
                    report.chain_time.count() / 1e3, report.events / (report.chain_time.count() / 1e3),
                    static_cast<long long>(report.cases), report.replay_time.count() / 1e3,
                    report.events / (report.replay_time.count() / 1e3), took, report.events / took);
        return report.ok() ? 0 : 6;
    }
}
