// audit::verify's one streaming pass (engine/src/verify_stream.cpp) on an
// SQLite journal: the same report whatever the page size and the number of
// threads, on a clean journal and on tampered ones (a projection that says
// fewer or more events than its case has, one deleted, a row altered); the
// progress it reports page by page; and a stop asked for mid-way.
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"
#include "alur/sqlite/journal.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

using namespace alur;

namespace {

/// 40 cases in various states, their events interleaved in the chain.
const std::filesystem::path& journal_file() {
    static test::TempDir dir;
    static const std::filesystem::path path = [] {
        auto file = dir / "stream.db";
        sqlite::Options options;
        options.synchronous = "NORMAL";
        auto journal = sqlite::SqliteJournal::open(file.string(), options).value();
        test::MutationFixture f({}, journal);
        const char* targets[] = {"completed", "scoring", "field_visit", "ppk_decision"};
        std::vector<std::string> ids;
        for (int i = 0; i < 20; ++i) ids.push_back(f.case_in(targets[i % 4]));
        // Interleave: a record on every open case after the others were opened.
        for (int i = 0; i < 20; ++i) f.open().value();
        f.clock->set(test::at("2025-06-30T09:00"));
        REQUIRE(f.engine->fire_due(f.clock->now()).value().fired > 0);
        return file;
    }();
    return path;
}

struct Run {
    audit::VerifyReport report;
    std::vector<std::int64_t> progress;
};

Run verify_copy(const std::string& sql, audit::VerifyOptions options) {
    test::TempDir dir;
    const auto file = dir / "copy.db";
    test::copy_database(journal_file(), file);
    if (!sql.empty()) {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        db.exec(sql);
    }
    auto journal = sqlite::SqliteJournal::open(file.string()).value();
    test::MutationFixture f({}, journal);
    Run run;
    options.progress = [&run](std::int64_t n) { run.progress.push_back(n); };
    auto report = audit::verify(*f.engine, options);
    REQUIRE(test::ok(report));
    run.report = *report;
    return run;
}

audit::VerifyOptions with(std::size_t page, unsigned threads) {
    audit::VerifyOptions o;
    o.page = page;
    o.threads = threads;
    return o;
}

std::string describe(const audit::VerifyReport& r) {
    if (!r.problem) return "ok events=" + std::to_string(r.events) + " cases=" + std::to_string(r.cases);
    return std::to_string(r.problem->global_seq) + " " + r.problem->case_id + " " + r.problem->field + ": " +
           r.problem->what + " events=" + std::to_string(r.events) + " cases=" + std::to_string(r.cases);
}

}  // namespace

TEST_CASE("verify gives the same report for any page size and number of threads", "[verify][sqlite]") {
    const char* tampers[] = {
        "",
        "UPDATE cases SET version = version - 1 WHERE id = 'MUT-000003'",  // the case has one event more
        "UPDATE cases SET version = version + 1 WHERE id = 'MUT-000004'",  // one event fewer
        "UPDATE cases SET state = 'scoring' WHERE id = 'MUT-000001'",
        "DELETE FROM cases WHERE id = 'MUT-000010'",
        "UPDATE events SET payload = '{\"item\":\"skp\",\"value\":\"x\"}' WHERE global_seq = 30",
        "UPDATE events SET seq = 99 WHERE global_seq = (SELECT max(global_seq) FROM events)",
    };
    for (const char* sql : tampers) {
        INFO(sql);
        const auto base = describe(verify_copy(sql, with(10000, 1)).report);
        CHECK(describe(verify_copy(sql, with(7, 1)).report) == base);
        CHECK(describe(verify_copy(sql, with(7, 3)).report) == base);
        CHECK(describe(verify_copy(sql, with(1, 2)).report) == base);
        if (*sql == 0) CHECK(base.starts_with("ok"));
        else CHECK_FALSE(base.starts_with("ok"));
    }
}

TEST_CASE("a projection that says fewer or more events than its case has is named as before", "[verify][sqlite]") {
    auto fewer = verify_copy("UPDATE cases SET version = version - 1 WHERE id = 'MUT-000003'", with(5, 2)).report;
    REQUIRE(fewer.problem);
    CHECK(fewer.problem->case_id == "MUT-000003");
    CHECK(fewer.problem->field == "version");
    CHECK(fewer.problem->what.find("but the case has") != std::string::npos);
    CHECK(fewer.cases == 3);  // MUT-000001 to 3, in id order

    auto more = verify_copy("UPDATE cases SET version = version + 1 WHERE id = 'MUT-000004'", with(5, 2)).report;
    REQUIRE(more.problem);
    CHECK(more.problem->case_id == "MUT-000004");
    CHECK(more.problem->field == "version");
}

TEST_CASE("verify reports its progress page by page", "[verify][sqlite]") {
    auto run = verify_copy("", with(25, 2));
    REQUIRE(run.report.ok());
    REQUIRE(run.progress.size() >= 2);
    CHECK(run.progress.front() == 25);
    CHECK(std::is_sorted(run.progress.begin(), run.progress.end()));
    CHECK(run.progress.back() == run.report.events);
    CHECK(run.report.cases == 40);
}

TEST_CASE("verify stops when asked and says so", "[verify][sqlite]") {
    test::TempDir dir;
    const auto file = dir / "copy.db";
    test::copy_database(journal_file(), file);
    auto journal = sqlite::SqliteJournal::open(file.string()).value();
    test::MutationFixture f({}, journal);
    std::stop_source stop;
    auto o = with(10, 2);
    o.stop = stop.get_token();
    std::int64_t seen = 0;
    o.progress = [&](std::int64_t n) {
        seen = n;
        stop.request_stop();
    };
    auto report = audit::verify(*f.engine, o);
    REQUIRE_FALSE(report);
    CHECK(report.error().code == errc::busy);
    CHECK(seen == 10);
}

TEST_CASE("verify of a live journal sees one moment: what commits during the pass does not show", "[verify][sqlite]") {
    test::TempDir dir;
    const auto file = dir / "live.db";
    test::copy_database(journal_file(), file);
    auto journal = sqlite::SqliteJournal::open(file.string()).value();
    test::MutationFixture f({}, journal);
    const auto quiet = audit::verify(*f.engine, with(10, 2));
    REQUIRE(test::ok(quiet));
    REQUIRE_FALSE(quiet->problem.has_value());

    // Another writer (as serve's timers or a second process would) opens
    // cases and moves one on while the pass is reading its first pages.
    auto other = sqlite::SqliteJournal::open(file.string()).value();
    test::MutationFixture writer({}, other);
    const std::string moved = writer.case_in("field_visit");
    int writes = 0;
    const auto settled = audit::verify(*f.engine, with(10, 2));
    REQUIRE(test::ok(settled));
    audit::VerifyOptions options = with(10, 2);
    options.progress = [&](std::int64_t) {
        if (writes++ > 0) return;
        for (int i = 0; i < 3; ++i) writer.open().value();
        writer.send(moved, "visit_scheduled", {{"date", "2025-07-01"}, {"team", "Tim B"}}).value();
    };
    auto live = audit::verify(*f.engine, options);
    REQUIRE(test::ok(live));
    CHECK(writes > 1);
    INFO(describe(*live));
    CHECK_FALSE(live->problem.has_value());
    CHECK(live->events == settled->events);  // the moment the pass began

    auto after = audit::verify(*f.engine, with(10, 2));
    REQUIRE(test::ok(after));
    CHECK_FALSE(after->problem.has_value());
    CHECK(after->events == settled->events + 4);
}
