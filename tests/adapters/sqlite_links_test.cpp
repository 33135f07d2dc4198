// Links between cases in the SQLite file: the engine stores a case's origin
// (and the job fit batch it came from) with its projection, and a journal
// written before schema version 7 gains both columns, filled in from the case
// data, when it is opened; `audit verify` agrees with the migrated file.
#include "alur/engine/audit.hpp"
#include "alur/engine/case_list.hpp"
#include "alur/sqlite/journal.hpp"
#include "job_fit_fixture.hpp"

#include "result_printing.hpp"
#include "schema_undo.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using namespace alur;

namespace {

std::vector<std::string> ids(const std::vector<CaseRecord>& cases) {
    std::vector<std::string> out;
    for (const auto& c : cases) out.push_back(c.id);
    return out;
}

/// Takes the file back to schema version 6, as a build before links left it.
void back_to_v6(const std::string& path) {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    test::undo_schema_v7(raw);
    raw.exec("UPDATE meta SET value = '6' WHERE key = 'schema_version'");
}

}  // namespace

TEST_CASE("sqlite links: a rotation's mutation is indexed by its origin and an older file migrates and verifies",
          "[sqlite][links]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    std::string jobfit, mutation;
    {
        test::JobFitFixture f({}, {}, sqlite::SqliteJournal::open(path).value());
        jobfit = f.case_at("ppk_review", "rotate");
        f.advance(jobfit, "ppk_review", "rotate");  // approved: opens the mutation, origin = the job fit
        const auto opened = opened_from(*f.journal, jobfit).value();
        REQUIRE(opened.size() == 1);
        mutation = opened[0].id;
        CHECK(opened[0].workflow == "mutation");
        CHECK(opened[0].summary.origin == jobfit);
        CHECK(f.journal->find_case(jobfit).value().summary.origin.empty());
        CHECK(audit::verify(*f.engine).value().ok());
    }
    back_to_v6(path);
    {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        CHECK(raw.execAndGet("SELECT count(*) FROM pragma_table_info('cases') WHERE name = 'origin'").getInt() == 0);
    }

    auto journal = sqlite::SqliteJournal::open(path).value();  // migrates to 7
    {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        CHECK(raw.execAndGet("SELECT value FROM meta WHERE key = 'schema_version'").getString() == "8");
        CHECK(raw.execAndGet("SELECT origin FROM cases WHERE id = '" + mutation + "'").getString() == jobfit);
        CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE name IN ('cases_by_origin', "
                             "'cases_by_jobfit_batch')")
                  .getInt() == 2);
    }
    const auto links = linked_cases(*journal, mutation).value();
    CHECK(ids(links.came_from) == std::vector<std::string>{jobfit});
    CHECK(ids(linked_cases(*journal, jobfit).value().opened) == std::vector<std::string>{mutation});

    // The migrated file verifies, and the next event keeps the link.
    test::JobFitFixture f({}, {}, journal);
    const auto report = audit::verify(*f.engine).value();
    CHECK(report.ok());
    CHECK(report.cases == 2);
    REQUIRE(f.send(mutation, "withdrawn", {{"reason", "the official retires"}}, "2025-06-05T10:00"));
    CHECK(journal->find_case(mutation).value().state == "withdrawn");
    CHECK(journal->find_case(mutation).value().summary.origin == jobfit);
    CHECK(audit::verify(*f.engine).value().ok());
}

TEST_CASE("sqlite links: the migration reads origin and jobfit_batch only where the data holds them as text",
          "[sqlite][links]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    {
        auto journal = sqlite::SqliteJournal::open(path).value();
        const auto open = [&](const char* prefix, const char* workflow, const char* data) {
            CommitRequest r;
            r.case_prefix = prefix;
            r.event = NewEvent{"opened", "{}", "sari", "admin", "test", test::at("2025-06-02T09:00"),
                               test::at("2025-06-02T09:00")};
            r.projection.workflow = workflow;
            r.projection.state = "preparation";
            r.projection.data = data;  // a summary without links, as an older build stored it
            REQUIRE(journal->commit(r));
        };
        open("SEL", "open_selection", R"({"jobfit_batch":"JF-2021-001","post":"Kepala Bappeda"})");
        open("SEL", "open_selection", R"({"jobfit_batch":7,"origin":null})");
        open("MUT", "mutation", R"({"origin":"JF-000004"})");
        open("MUT", "mutation", R"(["not", "an", "object"])");
    }
    back_to_v6(path);
    auto journal = sqlite::SqliteJournal::open(path).value();
    CHECK(journal->find_case("SEL-000001").value().summary.jobfit_batch == "JF-2021-001");
    CHECK(journal->find_case("SEL-000002").value().summary == CaseSummary{});
    CHECK(journal->find_case("MUT-000001").value().summary.origin == "JF-000004");
    CHECK(journal->find_case("MUT-000002").value().summary == CaseSummary{});
    CaseFilter batch;
    batch.jobfit_batch = "JF-2021-001";
    CHECK(ids(journal->list_cases(batch).value()) == std::vector<std::string>{"SEL-000001"});
    CHECK(ids(opened_from(*journal, "JF-000004").value()) == std::vector<std::string>{"MUT-000001"});
}
