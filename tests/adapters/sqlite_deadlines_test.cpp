// What the SQLite journal adds for deadlines: schema version 2 and the upgrade
// of a version-1 file in place, timers and notices surviving a reopen, query
// plans that use the indexes (so a million pending timers cost nothing to
// poll), and a change counter that sees other connections' commits.
#include "alur/sqlite/journal.hpp"

#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include "result_printing.hpp"

#include <chrono>
#include <filesystem>
#include <string>

using namespace std::chrono;
using namespace std::chrono_literals;
using alur::sqlite::SqliteJournal;

using alur::test::ok;

namespace {

const alur::TimePoint t0 = alur::TimePoint{sys_days{2024y / May / 2}} + 1h;

// The version-1 schema exactly as it shipped (adapters/sqlite/src/schema.cpp).
constexpr const char* schema_v1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('schema_version', '1');
CREATE TABLE cases (
    id TEXT PRIMARY KEY, workflow TEXT NOT NULL, state TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1), data TEXT NOT NULL,
    opened_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX cases_by_workflow_state ON cases (workflow, state, id);
CREATE TABLE events (
    global_seq INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
    seq INTEGER NOT NULL CHECK (seq >= 1), name TEXT NOT NULL, payload TEXT NOT NULL,
    actor TEXT NOT NULL, role TEXT NOT NULL, reason TEXT NOT NULL,
    occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    UNIQUE (case_id, seq));
CREATE TABLE idempotency (
    key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, case_id TEXT NOT NULL, seq INTEGER NOT NULL,
    FOREIGN KEY (case_id, seq) REFERENCES events (case_id, seq));
CREATE TABLE case_serials (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);
)sql";

alur::CommitRequest request(std::string case_id, std::int64_t expected_version) {
    alur::CommitRequest r;
    r.case_id = std::move(case_id);
    r.case_prefix = "MUT";
    r.expected_version = expected_version;
    r.event.name = expected_version == 0 ? "open" : "note";
    r.event.payload = "{}";
    r.event.actor = "budi";
    r.event.role = "bkd_admin";
    r.event.occurred_at = t0 + minutes(expected_version);
    r.event.recorded_at = t0 + minutes(expected_version) + 1s;
    r.projection.workflow = "mutation";
    r.projection.state = "record_gathering";
    r.projection.data = "{}";
    return r;
}

alur::Timer deadline(alur::TimePoint fire_at) {
    alur::Timer t;
    t.state = "record_gathering";
    t.kind = alur::TimerKind::deadline;
    t.fire_at = fire_at;
    t.due_at = fire_at;
    t.ordinal = 1;
    return t;
}

alur::Notice notice() {
    alur::Notice n;
    n.channel = "file";
    n.recipient = "role:bkd_admin";
    n.payload = "{}";
    return n;
}

std::shared_ptr<SqliteJournal> open_journal(const std::filesystem::path& file) {
    auto j = SqliteJournal::open(file.string());
    if (!j) FAIL("open " << file << ": " << j.error().message);
    return *j;
}

// EXPLAIN QUERY PLAN's details, one line each.
std::string plan(SQLite::Database& db, const std::string& sql) {
    SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
    std::string out;
    while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
    return out;
}

}  // namespace

TEST_CASE("sqlite deadlines: a version-1 file is upgraded in place and keeps its events", "[sqlite][timers]") {
    alur::test::TempDir dir;
    const auto file = dir / "v1.db";
    alur::EventRecord e;
    e.case_id = "MUT-000001";
    e.seq = 1;
    e.global_seq = 1;
    e.name = "open";
    e.payload = "{}";
    e.actor = "budi";
    e.role = "bkd_admin";
    e.occurred_at = t0;
    e.recorded_at = t0 + 1s;
    e.prev_hash = alur::genesis_hash;
    e.hash = alur::compute_event_hash(e);
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA journal_mode = WAL");
        raw.exec(schema_v1);
        SQLite::Statement ev(
            raw, "INSERT INTO events VALUES (1, ?, 1, 'open', '{}', 'budi', 'bkd_admin', '', ?, ?, ?, ?)");
        ev.bind(1, e.case_id);
        ev.bind(2, alur::format_utc(e.occurred_at));
        ev.bind(3, alur::format_utc(e.recorded_at));
        ev.bind(4, e.prev_hash);
        ev.bind(5, e.hash);
        ev.exec();
        raw.exec("INSERT INTO cases VALUES ('MUT-000001', 'mutation', 'record_gathering', 1, '{}', "
                 "'" + alur::format_utc(t0) + "', '" + alur::format_utc(t0) + "')");
        raw.exec("INSERT INTO idempotency VALUES ('k1', 'fp1', 'MUT-000001', 1)");
        raw.exec("INSERT INTO case_serials VALUES ('MUT', 1)");
    }

    auto j = open_journal(file);
    {
        SQLite::Database raw(file.string(), SQLite::OPEN_READONLY);
        CHECK(raw.execAndGet("SELECT value FROM meta WHERE key = 'schema_version'").getString() == "8");
        CHECK(raw.tableExists("timers"));
        CHECK(raw.tableExists("outbox"));
    }
    auto events = j->read_events(0, 0).value();
    REQUIRE(events.size() == 1);
    CHECK(events[0].hash == e.hash);
    CHECK(alur::compute_event_hash(events[0]) == e.hash);
    auto c = j->find_case("MUT-000001").value();
    CHECK(c.version == 1);
    CHECK_FALSE(c.due_at);
    CHECK(j->find_idempotency("k1").value()->seq == 1);
    CHECK(j->timer_count().value() == 0);

    // It works as a version-2 journal: deadlines, timers and notices, chained on.
    auto next = request("MUT-000001", 1);
    next.projection.due_at = t0 + days(14);
    next.timers = std::vector{deadline(t0 + days(14))};
    next.notices = {notice()};
    auto r = j->commit(next);
    REQUIRE(ok(r));
    CHECK(r->event.prev_hash == e.hash);
    CHECK(j->find_case("MUT-000001").value().due_at == t0 + days(14));
    CHECK(j->case_timers("MUT-000001").value().size() == 1);
    CHECK(j->case_notices("MUT-000001").value().size() == 1);
    auto opened = j->commit(request("", 0));
    REQUIRE(ok(opened));
    CHECK(opened->projection.id == "MUT-000002");
    j.reset();
    CHECK(open_journal(file)->read_events(0, 0).value().size() == 3);  // reopening migrates nothing again
}

TEST_CASE("sqlite deadlines: timers, deadlines and notices survive a reopen", "[sqlite][timers]") {
    alur::test::TempDir dir;
    const auto file = dir / "alur.db";
    {
        auto open = request("", 0);
        open.projection.due_at = t0 + days(3);
        open.timers = std::vector{deadline(t0 + days(3)), deadline(t0 + days(1))};
        open.notices = {notice()};
        REQUIRE(ok(open_journal(file)->commit(open)));
    }
    auto j = open_journal(file);
    CHECK(j->find_case("MUT-000001").value().due_at == t0 + days(3));
    CHECK(j->timer_count().value() == 2);
    CHECK(j->next_timer().value()->fire_at == t0 + days(1));
    auto pending = j->pending_notices(t0 + 1s, 0).value();
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].event_global_seq == 1);
}

TEST_CASE("sqlite deadlines: timer and overdue queries walk their indexes", "[sqlite][timers]") {
    alur::test::TempDir dir;
    const auto file = dir / "alur.db";
    open_journal(file);
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    {
        // Enough rows that a scan would show (1000 cases with 20 timers each);
        // ANALYZE so the planner knows them.
        SQLite::Transaction tx(raw);
        SQLite::Statement put_case(raw, "INSERT INTO cases VALUES (?1, 'mutation', 'record_gathering', 1, '{}', "
                                        "?2, ?2, ?2, '', '', '', '', '')");
        SQLite::Statement put(raw, "INSERT INTO timers (case_id, state, kind, fire_at, due_at, ordinal) "
                                   "VALUES (?, 's', 'reminder', ?, ?, 1)");
        for (int i = 0; i < 20000; ++i) {
            const auto id = alur::case_id_for("MUT", i % 1000 + 1);
            const auto at = alur::format_utc(t0 + seconds(i * 37 % 20000));
            if (i < 1000) {
                put_case.bind(1, id);
                put_case.bind(2, at);
                put_case.exec();
                put_case.reset();
            }
            put.bind(1, id);
            put.bind(2, at);
            put.bind(3, at);
            put.exec();
            put.reset();
        }
        tx.commit();
        raw.exec("ANALYZE");
    }
    // The same SQL as adapters/sqlite/src/statements.cpp.
    const std::string timers = "SELECT id, case_id, state, kind, fire_at, due_at, ordinal FROM timers ";
    const auto next = plan(raw, timers + "ORDER BY fire_at, id LIMIT 1");
    INFO(next);
    CHECK(next.find("timers_by_fire") != std::string::npos);
    CHECK(next.find("TEMP B-TREE") == std::string::npos);
    const auto due = plan(raw, timers + "WHERE fire_at <= ? ORDER BY fire_at, id LIMIT ?");
    INFO(due);
    CHECK(due.find("timers_by_fire") != std::string::npos);
    CHECK(due.find("TEMP B-TREE") == std::string::npos);
    const auto by_case = plan(raw, timers + "WHERE case_id = ? ORDER BY fire_at, id");
    INFO(by_case);
    CHECK(by_case.find("timers_by_case") != std::string::npos);
    CHECK(by_case.find("TEMP B-TREE") == std::string::npos);
    const auto overdue = plan(raw, alur::sqlite::list_cases_sql({std::nullopt, std::nullopt, t0, 50}));
    INFO(overdue);
    CHECK(overdue.find("cases_by_due_key") != std::string::npos);
    CHECK(overdue.find("TEMP B-TREE") == std::string::npos);
    const auto overdue_in_state = plan(raw, alur::sqlite::list_cases_sql({"mutation", "record_gathering", t0, 50}));
    INFO(overdue_in_state);
    CHECK(overdue_in_state.find("cases_by_state_due") != std::string::npos);
    CHECK(overdue_in_state.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("sqlite outbox: the pending notices are found through their index, not a scan of every notice",
          "[sqlite][outbox]") {
    // Found by the crash harness (tests/crash): the server asks for pending
    // notices after every write, and scanning 30,000 delivered ones made each
    // write ten times slower.
    alur::test::TempDir dir;
    const auto file = dir / "outbox.db";
    open_journal(file);
    SQLite::Database raw(file.string(), SQLite::OPEN_READWRITE);
    SQLite::Transaction tx(raw);
    SQLite::Statement put(raw, "INSERT INTO outbox (event_global_seq, case_id, channel, recipient, payload, "
                               "created_at, next_attempt_at, delivered_at) VALUES (?1, 'MUT-000001', 'file', "
                               "'role:admin', '{}', ?2, ?2, ?3)");
    for (int i = 1; i <= 5000; ++i) {
        put.bind(1, i);
        put.bind(2, alur::format_utc(t0));
        if (i % 1000) put.bind(3, alur::format_utc(t0 + 1s));
        else put.bind(3);  // a few still pending
        put.exec();
        put.reset();
    }
    tx.commit();
    // The same SQL as adapters/sqlite/src/statements.cpp (select_pending).
    const auto pending = plan(raw, "SELECT id, event_global_seq, case_id, channel, recipient, payload, created_at, "
                                   "attempts, next_attempt_at, delivered_at, last_error FROM outbox WHERE "
                                   "delivered_at IS NULL AND next_attempt_at <= ? ORDER BY +id LIMIT ?");
    INFO(pending);
    CHECK(pending.find("outbox_pending") != std::string::npos);
    CHECK(pending.find("SCAN outbox") == std::string::npos);
}

TEST_CASE("sqlite deadlines: the change counter moves when another connection commits", "[sqlite][timers]") {
    alur::test::TempDir dir;
    const auto file = dir / "alur.db";
    auto server = open_journal(file);
    auto cli = open_journal(file);

    const auto start = server->change_counter().value();
    CHECK(server->change_counter().value() == start);

    // Its own commits do not move it: callers note those themselves.
    auto open = request("", 0);
    open.notices = {notice()};
    REQUIRE(ok(server->commit(open)));
    CHECK(server->change_counter().value() == start);

    // Another connection's commit (a CLI advancing a case) does.
    auto advance = request("MUT-000001", 1);
    advance.timers = std::vector{deadline(t0 + days(2))};
    REQUIRE(ok(cli->commit(advance)));
    const auto after_commit = server->change_counter().value();
    CHECK(after_commit != start);
    CHECK(server->next_timer().value()->case_id == "MUT-000001");

    // So does another connection's notice update.
    REQUIRE(ok(cli->notice_delivered(1, t0 + 1min)));
    CHECK(server->change_counter().value() != after_commit);
}
