// Faults: the SQLite journal on a VFS that fails the k-th write, sync or lock
// (and every later one until the fault clears) with SQLITE_IOERR, SQLITE_FULL
// or SQLITE_BUSY, for every k over a whole mutation case (opened, records,
// field visit, scoring, recommendation, PPK decision, inauguration, and the
// timers that fall due on the way). At each fault: the command fails with an
// error that says what happened (a full disk says so), nothing of it is
// written (another connection sees the journal exactly as before), and once
// the fault clears the same command succeeds on the same engine; at the end
// the case is complete, each command is in the journal once, and verify passes.
#include "fault_vfs.hpp"
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"
#include "alur/sqlite/journal.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <functional>

using namespace alur;
using test::FaultVfs;

namespace {

/// One step of the case: a command (with an idempotency key) or firing the due timers.
struct Step {
    std::string what;
    std::function<Result<void>(test::MutationFixture&)> run;
    /// One transaction. Firing timers is one per round (one timer per case
    /// each), so a fault may come after some rounds committed, each whole.
    bool atomic = true;
};

Command command(const std::string& event, boost::json::object payload, const std::string& role = "admin") {
    Command c;
    c.case_id = event.empty() ? "" : "MUT-000001";
    c.workflow = "mutation";
    c.event = event;
    c.payload = std::move(payload);
    c.actor = role == "ppk" ? "bupati" : "sari";
    c.role = role;
    c.reason = "uji gangguan";
    return c;
}

std::vector<Step> mutation_case() {
    std::vector<Step> steps;
    int n = 0;
    auto add = [&](Command c, const std::string& when) {
        c.occurred_at = test::at(when);
        c.idempotency_key = "fault-step-" + std::to_string(++n);
        std::string what = c.event.empty() ? "opened" : c.event;
        steps.push_back({what, [c](test::MutationFixture& f) -> Result<void> {
                             f.now_at_least(*c.occurred_at);  // entered when it happens
                             auto r = f.engine->submit(c);
                             if (!r) return r.error();
                             return {};
                         },
                         true});
    };
    auto fire = [&](const std::string& when) {
        steps.push_back({"timers due " + when, [when](test::MutationFixture& f) -> Result<void> {
                             f.clock->set(test::at(when));
                             auto r = f.engine->fire_due(f.clock->now());
                             if (!r) return r.error();
                             return {};
                         },
                         false});
    };
    add(command("", {{"nip", "197603152005011002"}, {"name", "Drs. Ahmad Fauzi, M.Si"}, {"grade", "jpt_pratama"},
                     {"post", "Kepala Dinas Pendidikan"}, {"target", "Kepala Dinas Kesehatan"},
                     {"unit", "Dinas Pendidikan"}, {"inaugurated_at", "2020-01-06"}}),
        "2025-06-02T09:00");
    for (const auto& item : mutation::record_items())
        add(command("record_added", {{"item", item}, {"value", "ok"}}), "2025-06-03T10:00");
    fire("2025-06-30T09:00");  // the record gathering's reminders and deadline fall due
    add(command("records_completed", {}), "2025-06-30T10:00");
    add(command("interview_recorded", {{"role", "rt_head"}, {"name", "Pak RT"}, {"summary", "baik"}}), "2025-07-01T10:00");
    add(command("interview_recorded", {{"role", "neighbour"}, {"name", "Bu Ani"}, {"summary", "ramah"}}), "2025-07-01T10:00");
    add(command("interview_recorded", {{"role", "community_figure"}, {"name", "Ustadz Salim"}, {"summary", "aktif"}}),
        "2025-07-01T10:00");
    add(command("visit_completed", {}), "2025-07-01T11:00");
    for (auto [c, v] : {std::pair{"paper", 80}, {"interview", 90}, {"track_record", 70}, {"performance_contract", 60}})
        add(command("score_recorded", {{"component", c}, {"value", v}}), "2025-07-02T10:00");
    add(command("scoring_completed", {}), "2025-07-02T11:00");
    add(command("recommendation_requested", {{"ref", "800/1/BKD"}}), "2025-07-03T10:00");
    add(command("recommendation_received", {{"decision", "approve"}, {"ref", "B-1/BKN"}}), "2025-07-04T10:00");
    add(command("ppk_decided", {{"decision", "approve"}, {"post", "Kepala Dinas Kesehatan"}, {"sk_number", "821/12/2025"}},
                "ppk"),
        "2025-07-07T10:00");
    add(command("inaugurated", {{"date", "2025-07-08"}, {"sk_number", "821/12/2025"}}), "2025-07-08T10:00");
    return steps;
}

/// Everything stored, as another connection (SQLite's default VFS) sees it.
std::string snapshot(const std::filesystem::path& db) {
    SQLite::Database c(db.string(), SQLite::OPEN_READONLY);
    std::string out;
    for (const char* q : {"SELECT count(*), coalesce(max(global_seq), 0), coalesce(max(hash), '') FROM events",
                          "SELECT count(*), coalesce(group_concat(state || version || coalesce(due_at, '-')), '') FROM cases",
                          "SELECT count(*), coalesce(group_concat(kind || fire_at), '') FROM timers",
                          "SELECT count(*) FROM outbox", "SELECT count(*) FROM idempotency",
                          "SELECT coalesce(group_concat(prefix || last), '') FROM case_serials"}) {
        SQLite::Statement s(c, q);
        s.executeStep();
        for (int i = 0; i < s.getColumnCount(); ++i) out += s.getColumn(i).getString() + "|";
        out += "\n";
    }
    return out;
}

/// What a person must read in the error for each kind of fault.
const char* expected_text(int code) {
    switch (code) {
    case SQLITE_FULL: return "the disk is full";
    case SQLITE_BUSY: return "locked";
    default: return "I/O error";
    }
}

struct Sweep {
    int runs = 0;      // values of k tried
    int failures = 0;  // commands that failed at the fault and then succeeded once it cleared
    std::int64_t events = 0;  // events of the whole case without faults (from the dry run)
};

/// Runs the whole case on a copy of `pristine` with the fault at the k-th `op`
/// (k = INT_MAX: never); returns how many calls of `op` the case made.
std::int64_t run_case(const std::filesystem::path& pristine, const std::filesystem::path& db, FaultVfs::Op op, int k,
                      int code, Sweep& sweep) {
    test::copy_database(pristine, db);
    sqlite::Options options;
    options.vfs = FaultVfs::name;
    options.create = false;
    options.busy_timeout = std::chrono::milliseconds(0);
    auto journal = sqlite::SqliteJournal::open(db.string(), options);
    REQUIRE(test::ok(journal));
    test::MutationFixture f({}, *journal);
    FaultVfs::arm(op, k, code);
    const auto steps = mutation_case();
    bool faulted = false;
    for (const Step& step : steps) {
        const std::string before = faulted ? std::string() : snapshot(db);
        auto r = step.run(f);
        if (r) continue;
        INFO("fault " << to_string(op) << " #" << k << " code " << code << " at step " << step.what << ": "
                      << r.error().message);
        REQUIRE(FaultVfs::injected() > 0);  // it failed because of the fault, not otherwise
        REQUIRE_FALSE(faulted);             // the fault was cleared after the first failure
        faulted = true;
        CHECK(r.error().message.find(expected_text(code)) != std::string::npos);
        CHECK((code == SQLITE_BUSY ? (r.error().code == errc::busy || r.error().code == errc::conflict)
                                   : r.error().code == errc::io));
        if (step.atomic) CHECK(snapshot(db) == before);  // nothing of the failed command is stored
        FaultVfs::clear();
        auto again = step.run(f);  // the same command, once the fault has cleared
        REQUIRE(test::ok(again));
        ++sweep.failures;
    }
    const std::int64_t calls = FaultVfs::calls(op);
    FaultVfs::clear();
    CHECK(f.state("MUT-000001") == "completed");
    f.engine.reset();
    f.journal.reset();
    journal->reset();

    auto plain = sqlite::SqliteJournal::open(db.string()).value();
    test::MutationFixture check({}, plain);
    auto report = audit::verify(*check.engine);
    REQUIRE(test::ok(report));
    INFO((report->problem ? report->problem->what : std::string()));
    CHECK(report->ok());
    // Each command and each fired timer once: the retries were answered, not repeated.
    if (sweep.events == 0) sweep.events = report->events;
    CHECK(report->events == sweep.events);
    CHECK(report->events > static_cast<std::int64_t>(steps.size()));  // the timers fired too
    ++sweep.runs;
    return calls;
}

}  // namespace

TEST_CASE("A fault at every write sync and lock of a whole mutation case fails one command cleanly and the engine "
          "carries on",
          "[sqlite][faults]") {
    FaultVfs::install();
    test::TempDir dir;
    const auto pristine = dir / "pristine.db";
    sqlite::SqliteJournal::open(pristine.string()).value();  // the schema, then closed
    const auto db = dir / "journal.db";

    for (FaultVfs::Op op : {FaultVfs::Op::write, FaultVfs::Op::sync, FaultVfs::Op::lock}) {
        Sweep dry;
        const std::int64_t total = run_case(pristine, db, op, INT_MAX, SQLITE_IOERR, dry);
        REQUIRE(total > 0);
        for (int code : {SQLITE_IOERR, SQLITE_FULL, SQLITE_BUSY}) {
            Sweep sweep;
            sweep.events = dry.events;
            for (int k = 1; k <= total; ++k) run_case(pristine, db, op, k, code, sweep);
            std::printf("faults: %s with code %d: %d values of k over %lld calls, %d commands failed and then "
                        "succeeded\n",
                        to_string(op), code, sweep.runs, static_cast<long long>(total), sweep.failures);
            std::fflush(stdout);
            CHECK(sweep.failures == total);  // every k hit a command of the case
        }
    }
}
