// A stored timer row that cannot be read (a malformed time, edited by hand or
// written by a broken tool) is reported and skipped: it never stops the
// timers of other cases from firing, nor next_timer from answering.
#include "mutation_fixture.hpp"

#include "alur/sqlite/journal.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

using namespace alur;
using alur::test::at;

TEST_CASE("an unreadable timer row is reported and skipped while other cases' timers still fire", "[sqlite][timer]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    auto journal = sqlite::SqliteJournal::open(path).value();
    EngineOptions options;
    options.deadline_clock.calendar = Calendar(Calendar::shipped());
    test::MutationFixture f({}, journal, options);
    const auto broken = f.open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
    const auto healthy = f.open("administrator", "2020-01-06", "2024-04-01T09:30").value().projection.id;
    REQUIRE(journal->case_timers(healthy).value().size() > 0);
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        // Still sorts first (and is due), but is no time at all.
        REQUIRE(db.exec("UPDATE timers SET fire_at = '2024-00-45T99:00:00.000Z' WHERE case_id = '" + broken +
                        "'") > 0);
    }

    // next_timer steps past the bad rows to the first it can read.
    auto next = journal->next_timer().value();
    REQUIRE(next);
    CHECK(next->case_id == healthy);
    const auto problems = journal->unreadable_timers();
    REQUIRE_FALSE(problems.empty());
    CHECK_THAT(problems.front(), Catch::Contains("of case " + broken + " has a malformed fire_at '2024-00-45T99"));

    // Firing everything due much later: the healthy case's timers fire, the bad rows are reported.
    f.clock->set(at("2024-12-31T09:00"));
    auto report = f.engine->fire_due(f.clock->now());
    REQUIRE(report);
    CHECK(report->fired > 0);
    for (const auto& outcome : report->outcomes) CHECK(outcome.projection.id == healthy);
    REQUIRE_FALSE(report->problems.empty());
    CHECK_THAT(report->problems.front(), Catch::Contains(broken));
    // Nothing was fired for the broken case.
    for (const auto& e : journal->case_events(broken).value()) CHECK_FALSE(is_timer_event(e.name));
}
