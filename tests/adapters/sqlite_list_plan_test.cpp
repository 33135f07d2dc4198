// The SQLite journal's list queries walk an index in the page's order and
// stop after the page (no sort of every matching case), for each filter and
// order the HTTP API, the CLI and the web page ask for; a subject (one
// official, one post) is found through its own index and its few cases
// sorted. And a page through the reader connections while a writer holds the
// write lock: reads do not wait for it.
#include "alur/sqlite/journal.hpp"

#include "journal_backends.hpp"
#include "result_printing.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <tuple>

using namespace std::chrono;

using alur::CaseFilter;
using alur::CaseOrder;

namespace {

std::string plan(SQLite::Database& db, const CaseFilter& f) {
    SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + alur::sqlite::list_cases_sql(f));
    std::string out;
    while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
    return out;
}

CaseFilter filter(CaseOrder order, bool descending = false) {
    CaseFilter f;
    f.order = order;
    f.descending = descending;
    f.limit = 51;
    return f;
}

}  // namespace

TEST_CASE("sqlite list: each filter and order walks its index from the cursor", "[sqlite][list]") {
    alur::test::TempDir dir;
    const auto file = (dir / "alur.db").string();
    alur::sqlite::SqliteJournal::open(file).value();
    SQLite::Database raw(file, SQLite::OPEN_READWRITE);
    {
        SQLite::Transaction tx(raw);
        SQLite::Statement put(raw, "INSERT INTO cases VALUES (?1, ?2, ?3, 1, '{}', ?4, ?4, ?5, ?6, ?7, '', ?8, '')");
        for (int i = 0; i < 3000; ++i) {
            put.bind(1, alur::case_id_for(i % 3 ? "MUT" : "SEL", i + 1));
            put.bind(2, i % 3 ? "mutation" : "open_selection");
            put.bind(3, "state " + std::to_string(i % 7));
            put.bind(4, alur::format_utc(alur::test::t0 + minutes(i * 7 % 3000)));
            if (i % 5) put.bind(5, alur::format_utc(alur::test::t0 + hours(i % 100)));
            else put.bind(5);
            put.bind(6, "unit " + std::to_string(i % 40));
            put.bind(7, std::to_string(190000000000000000LL + i));
            put.bind(8, alur::case_id_for("JF", i % 500 + 1));  // six cases opened from each job fit
            put.exec();
            put.reset();
        }
        tx.commit();
    }
    struct Shape {
        const char* what;
        CaseFilter f;
        const char* index;
    };
    std::vector<Shape> shapes;
    for (const bool descending : {false, true}) {
        auto by_id = filter(CaseOrder::id, descending);
        shapes.push_back({"all by id", by_id, "sqlite_autoindex_cases_1"});
        auto wf_state = by_id;
        wf_state.workflow = "mutation";
        wf_state.state = "state 3";
        shapes.push_back({"workflow and state by id", wf_state, "cases_by_workflow_state"});
        auto workflow = by_id;
        workflow.workflow = "mutation";
        shapes.push_back({"workflow by id", workflow, "cases_by_workflow"});
        auto unit = by_id;
        unit.unit = "unit 7";
        unit.state = "state 1";
        shapes.push_back({"unit and state by id", unit, "cases_by_unit"});
        auto due = filter(CaseOrder::due, descending);
        shapes.push_back({"all by due", due, "cases_by_due_key"});
        auto overdue = due;
        overdue.overdue_at = alur::test::t0 + hours(50);
        overdue.unit = "unit 3";
        shapes.push_back({"overdue in a unit by due", overdue, "cases_by_due_key"});
        auto state_due = due;
        state_due.state = "state 2";
        state_due.unit = "unit 9";
        shapes.push_back({"state and unit by due (the web page)", state_due, "cases_by_state_due"});
        auto due_range = due;
        due_range.due.from = alur::test::t0 + hours(10);
        due_range.due.before = alur::test::t0 + hours(20);
        shapes.push_back({"a due range by due", due_range, "cases_by_due_key"});
        auto opened = filter(CaseOrder::opened, descending);
        opened.workflow = "mutation";
        opened.opened.from = alur::test::t0;
        shapes.push_back({"workflow by opened", opened, "cases_by_opened"});
        auto updated = filter(CaseOrder::updated, descending);
        updated.unit = "unit 2";
        shapes.push_back({"unit by updated", updated, "cases_by_updated"});
    }
    for (auto& s : shapes) {
        for (const bool paged : {false, true}) {
            if (paged) s.f.after = alur::position_of(alur::CaseRecord{"MUT-001000", {}, {}, 0, {}, alur::test::t0,
                                                                      alur::test::t0, alur::test::t0, {}},
                                                     s.f.effective_order());
            const auto p = plan(raw, s.f);
            INFO(s.what << (s.f.descending ? ", descending" : "") << (paged ? ", after a cursor" : "") << "\n" << p);
            CHECK(p.find(s.index) != std::string::npos);
            CHECK(p.find("TEMP B-TREE") == std::string::npos);
            if (paged) CHECK(p.find("SCAN") == std::string::npos);  // a seek to the cursor, not a walk up to it
        }
    }

    // One official's cases: through their subject, then sorted (a handful of rows).
    auto subject = filter(CaseOrder::updated);
    subject.subject = "190000000000000007";
    subject.unit = "unit 7";
    for (const bool paged : {false, true}) {
        if (paged) subject.after = alur::CasePosition{alur::test::t0, "MUT-001000"};
        const auto p = plan(raw, subject);
        INFO(p);
        CHECK(p.find("cases_by_subject") != std::string::npos);
    }

    // The cases opened from one case: through their origin, whatever else is asked (a handful of rows).
    for (const CaseOrder order : {CaseOrder::id, CaseOrder::updated}) {
        auto origin = filter(order);
        origin.origin = "JF-000007";
        origin.subject = "190000000000000006";
        origin.workflow = "mutation";
        for (const bool paged : {false, true}) {
            if (paged) origin.after = alur::CasePosition{alur::test::t0, "MUT-001000"};
            const auto p = plan(raw, origin);
            INFO(p);
            CHECK(p.find("cases_by_origin") != std::string::npos);
        }
    }
    auto batch = filter(CaseOrder::id);
    batch.jobfit_batch = "JF-2021-001";
    batch.unit = "unit 1";
    CHECK(plan(raw, batch).find("cases_by_jobfit_batch") != std::string::npos);
}

TEST_CASE("sqlite list: reads go on while the journal's writer is inside a commit", "[sqlite][list]") {
    alur::test::TempDir dir;
    const auto file = (dir / "alur.db").string();
    std::promise<void> inside;
    std::promise<void> reads_done;
    auto done = reads_done.get_future().share();
    bool hold = false;
    alur::sqlite::Options options;
    // The writer stops inside its transaction, holding its mutex and the write lock, until the reads are done.
    options.before_write = [&](int) {
        if (!hold) return;
        hold = false;
        inside.set_value();
        done.wait_for(seconds(30));
    };
    auto journal = alur::sqlite::SqliteJournal::open(file, options).value();
    REQUIRE(alur::test::ok(journal->commit(alur::test::request("", 0, "open", "record_gathering"))));
    hold = true;
    auto writer = std::async(std::launch::async, [&] {
        return journal->commit(alur::test::request("MUT-000001", 1, "visit", "field_visit")).has_value();
    });
    REQUIRE(inside.get_future().wait_for(seconds(30)) == std::future_status::ready);
    const auto started = steady_clock::now();
    auto cases = journal->list_cases({});
    auto found = journal->find_case("MUT-000001");
    auto events = journal->case_events("MUT-000001");
    const auto took = steady_clock::now() - started;
    reads_done.set_value();
    REQUIRE(alur::test::ok(cases));
    REQUIRE(alur::test::ok(found));
    CHECK(cases->size() == 1);
    CHECK(found->state == "record_gathering");  // the last finished commit, not the one in progress
    CHECK(events->size() == 1);
    CHECK(took < seconds(10));  // through the writer's mutex they would have waited the writer's 30 s out
    CHECK(writer.get());
    CHECK(journal->find_case("MUT-000001").value().state == "field_visit");
}
