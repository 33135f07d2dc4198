// Tamper evidence beyond the chain: in a real SQLite journal, each row the
// engine trusts without a hash (projections, due_at and pending timers, the
// outbox, idempotency keys) is altered with SQL, and verify names the row;
// a changed deadline configuration is reported as drift, not tampering.
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"
#include "alur/sqlite/journal.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <filesystem>

using namespace alur;

namespace {

Command keyed(const std::string& case_id, const std::string& event, boost::json::object payload,
              const std::string& key, const std::string& when) {
    Command c;
    c.case_id = case_id;
    c.workflow = "mutation";
    c.event = event;
    c.payload = std::move(payload);
    c.actor = "sari";
    c.role = "admin";
    c.reason = "uji";
    c.occurred_at = test::at(when);
    c.idempotency_key = key;
    return c;
}

/// MUT-000001 in record_gathering with its reminders and deadline fired (outbox
/// rows, an escalation pending) and idempotency keys; MUT-000002 in scoring
/// with its timers pending; MUT-000003 completed.
const std::filesystem::path& pristine() {
    static test::TempDir dir;
    static const std::filesystem::path path = [] {
        auto file = dir / "pristine.db";
        auto journal = sqlite::SqliteJournal::open(file.string()).value();
        struct Checkpoint {  // copies take the .db file alone: fold the WAL in at the end
            std::shared_ptr<sqlite::SqliteJournal> j;
            ~Checkpoint() { REQUIRE(j->checkpoint()); }
        } checkpoint{journal};
        test::MutationFixture f({}, journal);
        f.now_at_least(test::at("2025-06-03T09:00"));
        f.engine->submit(keyed("", "", {{"nip", "197603152005011002"}, {"name", "Drs. Ahmad Fauzi, M.Si"},
                                        {"grade", "jpt_pratama"}, {"post", "Kepala Dinas Pendidikan"},
                                        {"target", "Kepala Dinas Kesehatan"}, {"unit", "Dinas Pendidikan"},
                                        {"inaugurated_at", "2020-01-06"}},
                               "k-1", "2025-06-02T09:00"))
            .value();
        f.engine->submit(keyed("MUT-000001", "record_added", {{"item", "skp"}, {"value", "baik"}}, "k-2",
                               "2025-06-03T09:00"))
            .value();
        f.clock->set(test::at("2025-06-30T09:00"));
        REQUIRE(f.engine->fire_due(f.clock->now()).value().fired >= 2);
        f.case_in("scoring");
        f.case_in("completed");
        return file;
    }();
    return path;
}

/// Verifies a copy of the pristine journal after `sql`, with `options` for the engine.
std::optional<audit::Problem> verify_after(const std::string& sql, EngineOptions options = {}) {
    test::TempDir dir;
    const auto file = dir / "tampered.db";
    test::copy_database(pristine(), file);
    if (!sql.empty()) {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        db.exec(sql);
    }
    auto journal = sqlite::SqliteJournal::open(file.string()).value();
    test::MutationFixture f({}, journal, std::move(options));
    auto report = audit::verify(*f.engine);
    REQUIRE(test::ok(report));
    return report->problem;
}

struct Tamper {
    const char* how;
    const char* sql;
    const char* case_id;
    const char* field;
    const char* says;
};

}  // namespace

TEST_CASE("The pristine journal with fired timers outbox rows and keys verifies", "[sqlite][tamper][verify]") {
    auto problem = verify_after("");
    INFO((problem ? problem->what : std::string()));
    CHECK_FALSE(problem);
}

TEST_CASE("Verify names each projection timer outbox and key row altered with SQL", "[sqlite][tamper][verify]") {
    const Tamper tampers[] = {
        {"projection deleted", "DELETE FROM cases WHERE id = 'MUT-000002'", "MUT-000002", "cases", "no projection row"},
        {"projection without events",
         "UPDATE case_serials SET last = 99; INSERT INTO cases (id, workflow, state, version, data, opened_at, "
         "updated_at) VALUES ('MUT-000099', 'mutation', 'scoring', 1, '{}', '2025-06-02T02:00:00.000Z', "
         "'2025-06-02T02:00:00.000Z')",
         "MUT-000099", "cases", "no events in the chain"},
        {"due_at moved", "UPDATE cases SET due_at = '2025-12-31T09:00:00.000Z' WHERE id = 'MUT-000002'", "MUT-000002",
         "timers", "but the case row says due 2025-12-31"},
        {"reminder moved",
         "UPDATE timers SET fire_at = '2025-06-20T09:00:00.000Z' WHERE id = (SELECT min(id) FROM timers WHERE "
         "case_id = 'MUT-000002' AND kind = 'reminder')",
         "MUT-000002", "timers", "where no deadline configuration puts it"},
        {"deadline timer deleted", "DELETE FROM timers WHERE case_id = 'MUT-000002' AND kind = 'deadline'",
         "MUT-000002", "timers", "deadline timer is missing"},
        {"timer copied",
         "INSERT INTO timers (case_id, state, kind, fire_at, due_at, ordinal) SELECT case_id, state, kind, fire_at, "
         "due_at, ordinal FROM timers WHERE case_id = 'MUT-000002' AND kind = 'deadline'",
         "MUT-000002", "timers", "a timer row was copied"},
        {"timer of another state", "UPDATE timers SET state = 'field_visit' WHERE case_id = 'MUT-000002'",
         "MUT-000002", "timers", "belongs to state field_visit"},
        {"deadline moved with its timers",
         "UPDATE cases SET due_at = '2025-12-31T09:00:00.000Z' WHERE id = 'MUT-000001'; UPDATE timers SET due_at = "
         "'2025-12-31T09:00:00.000Z' WHERE case_id = 'MUT-000001'",
         "MUT-000001", "due_at", "recorded due"},
        {"timer row unreadable", "UPDATE timers SET fire_at = '2025-06-1x' WHERE case_id = 'MUT-000002' AND kind = 'deadline'",
         "", "timers", "of case MUT-000002 has a malformed fire_at"},
        {"timer row unreadable after every time",
         "UPDATE timers SET fire_at = 'soon' WHERE case_id = 'MUT-000002' AND kind = 'deadline'", "", "timers",
         "1 timer row(s) cannot be read"},
        {"timer of no case",
         "INSERT INTO timers (case_id, state, kind, fire_at, due_at, ordinal) VALUES ('MUT-000050', 'scoring', "
         "'deadline', '2025-07-01T09:00:00.000Z', '2025-07-01T09:00:00.000Z', 1)",
         "MUT-000050", "timers", "which has no projection row"},
        {"notice of no event", "UPDATE outbox SET event_global_seq = 99999 WHERE id = 1", "MUT-000001", "outbox",
         "points to event 99999, which is no event of case MUT-000001"},
        {"notice of a command", "UPDATE outbox SET event_global_seq = 1 WHERE id = 1", "MUT-000001", "outbox",
         "which produces no notice"},
        {"notice text changed", "UPDATE outbox SET payload = replace(payload, 'Pengingat', 'Peringatan') WHERE id = 1",
         "MUT-000001", "outbox", "does not hold the text"},
        {"notice moved to another case", "UPDATE outbox SET case_id = 'MUT-000002' WHERE id = 1", "MUT-000002",
         "outbox", "which is no event of case MUT-000002"},
        {"notice of no case", "UPDATE outbox SET case_id = 'MUT-000060' WHERE id = 1", "MUT-000060", "outbox",
         "which has no projection row"},
        {"key to no event", "UPDATE idempotency SET seq = 999 WHERE key = 'k-1'", "MUT-000001", "idempotency",
         "points to event 999 of case MUT-000001"},
        {"key to a timer event",
         "UPDATE idempotency SET seq = (SELECT seq FROM events WHERE case_id = 'MUT-000001' AND name = "
         "'reminder_due' LIMIT 1) WHERE key = 'k-2'",
         "MUT-000001", "idempotency", "which the engine's timers wrote"},
        {"key to no case", "UPDATE idempotency SET case_id = 'MUT-000077' WHERE key = 'k-1'", "MUT-000077",
         "idempotency", "which has no projection row"},
        {"fingerprint replaced", "UPDATE idempotency SET fingerprint = 'forged' WHERE key = 'k-2'", "MUT-000001",
         "idempotency", "no SHA-256 fingerprint"},
    };
    for (const Tamper& t : tampers) {
        DYNAMIC_SECTION(t.how) {
            auto problem = verify_after(t.sql);
            REQUIRE(problem);
            INFO(problem->case_id << " " << problem->field << ": " << problem->what);
            CHECK(problem->case_id == t.case_id);
            CHECK(problem->field == t.field);
            CHECK(problem->what.find(t.says) != std::string::npos);
            CHECK_FALSE(problem->drift);
        }
    }
}

namespace {

/// The problem verify reports on the pristine journal under `options`: drift.
audit::Problem drift_under(const EngineOptions& options) {
    auto problem = verify_after("", options);
    REQUIRE(problem);
    INFO(problem->case_id << " " << problem->field << ": " << problem->what);
    CHECK(problem->drift);
    return *problem;
}

}  // namespace

TEST_CASE("A changed deadline configuration is reported as drift and says what changed", "[sqlite][verify]") {
    auto policy = mutation::make_workflow({})->default_deadlines();
    REQUIRE(policy.count("scoring"));
    EngineOptions options;
    SECTION("working days") {
        policy["scoring"].working_days += 2;
        options.deadlines["mutation"] = policy;
        const auto problem = drift_under(options);
        CHECK(problem.case_id == "MUT-000002");
        CHECK(problem.field == "due_at");
        CHECK(problem.what.find("working_days") != std::string::npos);
    }
    SECTION("due time") {
        options.deadline_clock.due_time = std::chrono::minutes(15 * 60);
        CHECK(drift_under(options).what.find("the configuration says 15:00") != std::string::npos);
    }
    SECTION("reminders") {
        policy["scoring"].remind_before = {3};
        options.deadlines["mutation"] = policy;
        const auto problem = drift_under(options);
        CHECK(problem.case_id == "MUT-000002");
        CHECK(problem.what.find("remind_before") != std::string::npos);
    }
}
