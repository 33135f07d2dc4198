// Accountability in the SQLite file: events.recorded_by and the v5 migration
// of an older journal, the refusals log (table refusals) and the grants
// chain (table grants) that authentication and verify_grants trust.
#include "alur/engine/event.hpp"
#include "alur/engine/refusals.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/sqlite/refusals.hpp"
#include "alur/sqlite/tokens.hpp"
#include "mutation_fixture.hpp"

#include "result_printing.hpp"
#include "schema_undo.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using namespace alur;

namespace {

const TimePoint t0 = test::at("2025-06-02T09:00");

Refusal refusal(const std::string& case_id, TimePoint at) {
    Refusal r;
    r.at = at;
    r.case_id = case_id;
    r.event = "records_completed";
    r.actor = "sari";
    r.role = "admin";
    r.recorded_by = "budi";
    r.code = "refused";
    r.message = "guard records_complete failed";
    return r;
}

}  // namespace

TEST_CASE("sqlite: events keep recorded_by and an older journal migrates and still verifies", "[sqlite][accountability]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    std::string old_hash;
    {
        // A journal as an older build wrote it: events without recorded_by, a token without a grant.
        auto journal = sqlite::SqliteJournal::open(path).value();
        test::MutationFixture f({}, journal);
        auto opened = f.open().value();
        CHECK(opened.event.recorded_by.empty());
        old_hash = opened.event.hash;
    }
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        test::undo_schema_v6(raw);
        raw.exec("DROP TABLE refusals; DROP TABLE grants; ALTER TABLE events DROP COLUMN recorded_by;");
        raw.exec("INSERT INTO tokens (name, role, sha256, created_at) VALUES ('lama', 'admin', '" +
                 sha256_hex("old-secret") + "', '2024-01-02T03:04:05.000Z')");
        raw.exec("UPDATE meta SET value = '4' WHERE key = 'schema_version'");
    }
    auto journal = sqlite::SqliteJournal::open(path).value();  // migrates to 5 and on
    {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        CHECK(raw.execAndGet("SELECT value FROM meta WHERE key = 'schema_version'").getString() == "8");
    }
    auto events = journal->read_events(0, 0).value();
    REQUIRE(events.size() == 1);
    CHECK(events[0].recorded_by.empty());
    CHECK(events[0].hash == old_hash);
    CHECK(compute_event_hash(events[0]) == old_hash);

    EngineOptions options;
    options.recorded_by = "operator-os";
    test::MutationFixture f({}, journal, options);
    auto next = f.send(events[0].case_id, "record_added", {{"item", "skp"}, {"value", "ok"}}).value();
    auto stored = journal->case_events(events[0].case_id).value();
    REQUIRE(stored.size() == 2);
    CHECK(stored[1].recorded_by == "operator-os");
    CHECK(stored[1].hash == compute_event_hash(stored[1]));
    CHECK(stored[1].prev_hash == old_hash);

    // The token stored before grants were journaled was granted by the migration.
    auto tokens = sqlite::SqliteTokenStore::open(path).value();
    CHECK(tokens->find_by_hash(sha256_hex("old-secret")).value().name == "lama");
    auto grants = tokens->grants().value();
    REQUIRE(grants.size() == 1);
    CHECK(grants[0].by == "schema-v5-migration");
    CHECK(verify_grants(*tokens).value().ok());
}

TEST_CASE("sqlite: the refusals log appends a chain filters and detects tampering", "[sqlite][accountability]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    sqlite::SqliteJournal::open(path).value();
    sqlite::SqliteRefusalLog log(path);
    auto first = log.append(refusal("MUT-000001", t0)).value();
    CHECK(first.seq == 1);
    CHECK(first.prev_hash == genesis_hash);
    CHECK(first.hash == compute_refusal_hash(first));
    {
        sqlite::SqliteRefusalLog other(path);  // another process: one chain
        CHECK(other.append(refusal("MUT-000002", t0 + std::chrono::hours(1))).value().prev_hash == first.hash);
    }
    log.append(refusal("MUT-000001", t0 + std::chrono::hours(2))).value();
    CHECK(log.list({}).value().size() == 3);
    CHECK(log.list({std::string("MUT-000001"), std::nullopt, 0}).value().size() == 2);
    CHECK(log.list({std::nullopt, t0 + std::chrono::minutes(30), 0}).value().size() == 2);
    CHECK(log.list({std::nullopt, std::nullopt, 1}).value().size() == 1);
    CHECK(verify_refusals(log).value().ok());
    CHECK(verify_refusals(log).value().entries == 3);

    SECTION("altered") {
        SQLite::Database(path, SQLite::OPEN_READWRITE).exec("UPDATE refusals SET message = 'nothing' WHERE seq = 2");
        CHECK(verify_refusals(log).value().bad_seq == 2);
    }
    SECTION("removed") {
        SQLite::Database(path, SQLite::OPEN_READWRITE).exec("DELETE FROM refusals WHERE seq = 1");
        CHECK(verify_refusals(log).value().bad_seq == 2);
    }
}

TEST_CASE("sqlite: the engine records refusals in the file beside the journal", "[sqlite][accountability]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    auto journal = sqlite::SqliteJournal::open(path).value();
    EngineOptions options;
    options.refusals = std::make_shared<sqlite::SqliteRefusalLog>(path);
    options.recorded_by = "operator-os";
    test::MutationFixture f({}, journal, options);
    auto id = f.open().value().projection.id;
    const auto head = journal->read_events(0, 0).value().back().hash;
    CHECK(f.send(id, "records_completed").error().code == errc::refused);
    CHECK(journal->read_events(0, 0).value().back().hash == head);  // the event chain did not move
    sqlite::SqliteRefusalLog reader(path);
    auto log = reader.list({}).value();
    REQUIRE(log.size() == 1);
    CHECK(log[0].case_id == id);
    CHECK(log[0].recorded_by == "operator-os");
}

TEST_CASE("sqlite: grants are journaled and a token without one never authenticates", "[sqlite][accountability][tokens]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    sqlite::SqliteJournal::open(path).value();
    auto store = sqlite::SqliteTokenStore::open(path).value();
    REQUIRE(store->add({"sari", "admin", t0, false, "budi"}, sha256_hex("s1")));
    REQUIRE(store->add({"inspektorat", "auditor", t0, false, "budi"}, sha256_hex("s2")));
    REQUIRE(store->revoke("sari", t0 + std::chrono::hours(1), "andi"));
    REQUIRE(store->revoke("sari", t0 + std::chrono::hours(2), "andi"));  // again: nothing more journaled
    auto grants = store->grants().value();
    REQUIRE(grants.size() == 3);
    CHECK(grants[0].action == "grant");
    CHECK(grants[0].by == "budi");
    CHECK(grants[2].action == "revoke");
    CHECK(grants[2].by == "andi");
    CHECK(grants[1].prev_hash == grants[0].hash);
    auto list = store->list().value();
    REQUIRE(list.size() == 2);
    CHECK(list[0].granted_by == "budi");
    CHECK(verify_grants(*store).value().ok());
    CHECK(verify_grants(*store).value().entries == 3);

    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    SECTION("a token inserted without a grant") {
        raw.exec("INSERT INTO tokens (name, role, sha256, created_at) VALUES ('penyusup', 'admin', '" +
                 sha256_hex("s3") + "', '2025-01-01T00:00:00.000Z')");
        CHECK(store->find_by_hash(sha256_hex("s3")).error().code == errc::not_found);
        auto check = verify_grants(*store).value();
        CHECK_FALSE(check.ok());
        CHECK_THAT(check.problem, Catch::Contains("penyusup") && Catch::Contains("never granted"));
    }
    SECTION("a revoked token un-revoked in the table") {
        raw.exec("UPDATE tokens SET revoked_at = NULL WHERE name = 'sari'");
        CHECK(store->find_by_hash(sha256_hex("s1")).error().code == errc::not_found);
        CHECK_THAT(verify_grants(*store).value().problem, Catch::Contains("sari"));
    }
    SECTION("a role raised in the table") {
        raw.exec("UPDATE tokens SET role = 'admin' WHERE name = 'inspektorat'");
        CHECK(store->find_by_hash(sha256_hex("s2")).error().code == errc::not_found);
        CHECK_THAT(verify_grants(*store).value().problem, Catch::Contains("inspektorat"));
    }
    SECTION("an altered grant") {
        raw.exec("UPDATE grants SET role = 'admin' WHERE seq = 2");
        CHECK_THAT(verify_grants(*store).value().problem, Catch::Contains("grant 2") && Catch::Contains("altered"));
    }
    SECTION("a removed revocation") {
        raw.exec("DELETE FROM grants WHERE seq = 3");
        CHECK_THAT(verify_grants(*store).value().problem, Catch::Contains("no revocation"));
    }
}

TEST_CASE("memory token store: grants are journaled as in SQLite", "[tokens][accountability]") {
    MemoryTokenStore store;
    REQUIRE(store.add({"sari", "admin", t0, false, "budi"}, sha256_hex("s1")));
    REQUIRE(store.revoke("sari", t0, "andi"));
    auto grants = store.grants().value();
    REQUIRE(grants.size() == 2);
    CHECK(grants[1].action == "revoke");
    CHECK(grants[1].hash == compute_grant_hash(grants[1]));
    CHECK(verify_grants(store).value().ok());
}
