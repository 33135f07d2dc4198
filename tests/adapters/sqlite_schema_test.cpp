// The schema is checked on open: a missing index is recreated; a missing
// table, meta row or serial row is errc::corrupt naming it and the file,
// never a raw SQL message — for a writing open, a read-only open and the
// stores beside the journal.
#include "mutation_fixture.hpp"

#include "alur/sqlite/journal.hpp"
#include "alur/sqlite/roster.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <filesystem>

using namespace alur;

namespace {

/// A journal with two mutation cases, closed.
std::filesystem::path make_journal(const test::TempDir& dir) {
    const auto path = dir / "journal.db";
    auto journal = sqlite::SqliteJournal::open(path.string()).value();
    test::MutationFixture f({}, journal);
    f.case_in("scoring");
    f.case_in("field_visit");
    return path;
}

void exec(const std::filesystem::path& db, const std::string& sql) {
    SQLite::Database c(db.string(), SQLite::OPEN_READWRITE);
    c.exec(sql);
}

bool has_index(const std::filesystem::path& db, const std::string& name) {
    SQLite::Database c(db.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(c, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?");
    q.bind(1, name);
    q.executeStep();
    return q.getColumn(0).getInt() == 1;
}

/// The error of opening `db` writable and read-only (the same) and as a roster store.
void require_refused(const std::filesystem::path& db, const std::string& expected) {
    sqlite::Options ro;
    ro.read_only = true;
    for (const auto& options : {sqlite::Options{}, ro}) {
        auto opened = sqlite::SqliteJournal::open(db.string(), options);
        REQUIRE_FALSE(opened);
        INFO(opened.error().message);
        CHECK(opened.error().code == errc::corrupt);
        CHECK(opened.error().message.find(expected) != std::string::npos);
        CHECK(opened.error().message.find(db.string()) != std::string::npos);
    }
    auto roster = sqlite::SqliteRoster::open(db.string());
    REQUIRE_FALSE(roster);
    CHECK(roster.error().message.find(expected) != std::string::npos);
}

}  // namespace

TEST_CASE("Opening a journal recreates a missing index and keeps its rows", "[sqlite][schema]") {
    test::TempDir dir;
    const auto db = make_journal(dir);
    exec(db, "DROP INDEX timers_by_fire; DROP INDEX outbox_pending; DROP INDEX cases_by_due_key");
    REQUIRE_FALSE(has_index(db, "timers_by_fire"));

    sqlite::Options ro;
    ro.read_only = true;
    REQUIRE(test::ok(sqlite::SqliteJournal::open(db.string(), ro)));  // read-only: reads without it
    CHECK_FALSE(has_index(db, "timers_by_fire"));                      // and writes nothing

    auto journal = sqlite::SqliteJournal::open(db.string());
    REQUIRE(test::ok(journal));
    CHECK(has_index(db, "timers_by_fire"));
    CHECK(has_index(db, "outbox_pending"));
    CHECK(has_index(db, "cases_by_due_key"));
    CHECK_FALSE(has_index(db, "cases_by_due"));  // dropped by version 6, not recreated
    CHECK((*journal)->list_cases({}).value().size() == 2);
    CHECK((*journal)->timer_count().value() > 0);
}

TEST_CASE("Opening a journal without one of its tables names the table and the file", "[sqlite][schema]") {
    for (const char* table : {"events", "cases", "timers", "outbox", "idempotency", "case_serials", "tokens", "roster"}) {
        DYNAMIC_SECTION(table) {
            test::TempDir dir;
            const auto db = make_journal(dir);
            exec(db, std::string("PRAGMA foreign_keys = OFF; DROP TABLE ") + table);
            require_refused(db, std::string("table ") + table + " is missing from database");
        }
    }
}

TEST_CASE("Opening a journal without its meta table or schema version row says so", "[sqlite][schema]") {
    test::TempDir dir;
    SECTION("no meta table") {
        const auto db = make_journal(dir);
        exec(db, "DROP TABLE meta");
        require_refused(db, "table meta is missing from database");
    }
    SECTION("no schema_version row") {
        const auto db = make_journal(dir);
        exec(db, "DELETE FROM meta WHERE key = 'schema_version'");
        require_refused(db, "the schema_version row of table meta is missing from database");
    }
}

TEST_CASE("Opening a journal whose case serial row is gone or behind its cases refuses", "[sqlite][schema]") {
    test::TempDir dir;
    SECTION("the row is gone") {
        const auto db = make_journal(dir);
        exec(db, "DELETE FROM case_serials WHERE prefix = 'MUT'");
        require_refused(db, "the serial row of case prefix MUT (table case_serials) is missing from database");
    }
    SECTION("the row is behind the highest case") {
        const auto db = make_journal(dir);
        exec(db, "UPDATE case_serials SET last = 1 WHERE prefix = 'MUT'");
        auto opened = sqlite::SqliteJournal::open(db.string());
        REQUIRE_FALSE(opened);
        CHECK(opened.error().code == errc::corrupt);
        CHECK(opened.error().message.find("says 1 but case MUT-000002 exists") != std::string::npos);
    }
}

TEST_CASE("A fresh file still gets its schema and an intact journal opens unchanged", "[sqlite][schema]") {
    test::TempDir dir;
    const auto db = make_journal(dir);
    REQUIRE(test::ok(sqlite::SqliteJournal::open(db.string())));
    sqlite::Options ro;
    ro.read_only = true;
    REQUIRE(test::ok(sqlite::SqliteJournal::open(db.string(), ro)));
    REQUIRE(test::ok(sqlite::SqliteJournal::open((dir / "fresh.db").string())));
}
