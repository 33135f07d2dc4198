// The Journal contract for search, task states and counts, on every backend
// (journal_backends.hpp): CaseFilter::text finds a case by its official's
// name, NIP, case id or post (the official's, or an open selection's vacant
// post) whatever the case of ASCII letters; CaseFilter::in_states keeps the
// cases in the given (workflow, state) pairs; count_cases counts what a
// filter selects whatever its cursor and limit. And on 10,000 cases in a
// SQLite file: the task list walks the due index, the counts use an index,
// and each read stays well under a second.
#include "journal_backends.hpp"
#include "result_printing.hpp"

#include "alur/engine/case_list.hpp"
#include "alur/sqlite/journal.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <boost/json/serialize.hpp>

#include <chrono>

using namespace std::chrono;

using alur::CaseFilter;
using alur::CaseOrder;
using alur::test::MemoryBackend;
using alur::test::ok;
using alur::test::request;
using alur::test::SqliteBackend;
using alur::test::t0;

namespace {

using V = std::vector<std::string>;

/// The ids of the cases, in order.
V ids(const std::vector<alur::CaseRecord>& cases) { return alur::test::case_ids(cases); }

/// Opens a case of an official (name, NIP, post) in `state`, due `due_h` hours after t0 (-1: none).
alur::CommitRequest official(const std::string& name, const std::string& nip, const std::string& post,
                             std::string state, int due_h, std::string workflow = "mutation",
                             std::string prefix = "MUT") {
    auto r = request("", 0, "opened", std::move(state), std::move(workflow), std::move(prefix));
    boost::json::object data{{"official", boost::json::object{{"name", name}, {"nip", nip}, {"post", post},
                                                              {"unit", "Dinas Pendidikan"}}}};
    r.projection.data = boost::json::serialize(data);
    r.projection.summary = {"Dinas Pendidikan", nip, name + " (NIP " + nip + ")"};
    if (due_h >= 0) r.projection.due_at = t0 + hours(due_h);
    return r;
}

/// Opens an open selection for a vacant post.
alur::CommitRequest selection(const std::string& post, int due_h) {
    auto r = request("", 0, "opened", "preparation", "open_selection", "SEL");
    r.projection.data = boost::json::serialize(boost::json::object{{"post", post}, {"unit", "Bappeda"}});
    r.projection.summary = {"Bappeda", post, post + " (Bappeda)"};
    if (due_h >= 0) r.projection.due_at = t0 + hours(due_h);
    return r;
}

void seed(alur::Journal& j) {
    REQUIRE(ok(j.commit(official("Drs. Ahmad Fauzi", "197601012000031001", "Kepala Bidang Mutasi", "ppk_decision", 30))));
    REQUIRE(ok(j.commit(official("Siti Rahma", "198001012006042001", "Sekretaris Dinas", "scoring", 10))));
    REQUIRE(ok(j.commit(official("Budi Santoso", "198107222006041003", "Kepala Seksi", "ppk_decision", -1))));
    REQUIRE(ok(j.commit(selection("Kepala Dinas Kesehatan", 5))));
    REQUIRE(ok(j.commit(official("Rahmat Hidayat", "197001012000031002", "Kepala Dinas", "scoring", 20, "job_fit",
                                 "JF"))));
}

V search(alur::Journal& j, const std::string& q) {
    CaseFilter f;
    f.text = alur::search_text(q).value();
    return ids(j.list_cases(f).value());
}

}  // namespace

TEMPLATE_TEST_CASE("journal: search finds a case by name NIP case id and post in any case", "[journal][list][search]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    seed(j);
    CHECK(search(j, "ahmad") == V{"MUT-000001"});                          // the name, another case
    CHECK(search(j, "  RAHMA ") == V{"JF-000001", "MUT-000002"});          // Siti Rahma, Rahmat Hidayat
    CHECK(search(j, "2006042001") == V{"MUT-000002"});                     // part of a NIP
    CHECK(search(j, "mut-000003") == V{"MUT-000003"});                     // the case id
    CHECK(search(j, "sekretaris") == V{"MUT-000002"});                     // the official's post
    CHECK(search(j, "dinas kesehatan") == V{"SEL-000001"});                // the vacant post
    CHECK(search(j, "kepala") == V{"JF-000001", "MUT-000001", "MUT-000003", "SEL-000001"});
    CHECK(search(j, "pendidikan").empty());  // the unit is not searched
    CHECK(search(j, "nip").empty());         // nor the label's own words
    CHECK(search(j, "zzz").empty());

    // With the other filters, in another order, and paged.
    CaseFilter f;
    f.text = "kepala";
    f.workflow = "mutation";
    f.order = CaseOrder::due;
    CHECK(ids(j.list_cases(f).value()) == V{"MUT-000001", "MUT-000003"});
    f.limit = 1;
    auto first = j.list_cases(f).value();
    REQUIRE(first.size() == 1);
    f.after = alur::position_of(first[0], CaseOrder::due);
    CHECK(ids(j.list_cases(f).value()) == V{"MUT-000003"});
    CHECK(j.count_cases(f).value() == 2);  // the cursor and the limit are not counted
}

TEST_CASE("journal: search text is trimmed lowered and checked", "[journal][list][search]") {
    CHECK(alur::search_text("  Kepala DINAS ").value() == std::optional<std::string>("kepala dinas"));
    CHECK(!alur::search_text("").value());
    CHECK(!alur::search_text("   ").value());
    for (const std::string& bad : {std::string("a\x01z"), std::string("\xff"), std::string(201, 'a')}) {
        auto r = alur::search_text(bad);
        REQUIRE(!r);
        CHECK(r.error().code == alur::errc::invalid_input);
        CHECK(r.error().field == "q");
    }
}

TEMPLATE_TEST_CASE("journal: in_states keeps the cases of the given workflow states and count_cases counts them",
                   "[journal][list][tasks]", MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    seed(j);
    CaseFilter f;
    f.in_states = std::vector<std::pair<std::string, std::string>>{{"mutation", "ppk_decision"}, {"job_fit", "scoring"}};
    f.order = CaseOrder::due;
    // Most urgent first, the case without a deadline last; MUT-000002 (mutation, scoring) is not one of them.
    CHECK(ids(j.list_cases(f).value()) == V{"JF-000001", "MUT-000001", "MUT-000003"});
    CHECK(j.count_cases(f).value() == 3);
    f.overdue_at = t0 + hours(25);
    CHECK(ids(j.list_cases(f).value()) == V{"JF-000001"});
    CHECK(j.count_cases(f).value() == 1);
    f.in_states->clear();
    CHECK(j.list_cases(f).value().empty());
    CHECK(j.count_cases(f).value() == 0);

    CHECK(j.count_cases({}).value() == 5);
    CHECK(j.count_cases(CaseFilter("mutation")).value() == 3);
    CHECK(j.count_cases(CaseFilter("mutation", "scoring")).value() == 1);
    CHECK(j.count_cases(CaseFilter(std::nullopt, std::nullopt, t0 + hours(15))).value() == 2);
    CaseFilter unit;
    unit.unit = "Bappeda";
    CHECK(j.count_cases(unit).value() == 1);
}

TEST_CASE("sqlite list: tasks search and counts on 10000 cases", "[sqlite][list][tasks][search]") {
    alur::test::TempDir dir;
    const auto file = (dir / "alur.db").string();
    auto journal = alur::sqlite::SqliteJournal::open(file).value();
    {
        SQLite::Database raw(file, SQLite::OPEN_READWRITE);
        SQLite::Transaction tx(raw);
        SQLite::Statement put(raw, "INSERT INTO cases VALUES (?1, 'mutation', ?2, 1, ?3, ?4, ?4, ?5, ?6, ?7, ?8, '', '')");
        const std::string filler(1500, 'x');  // a case's data runs to a few kilobytes
        for (int i = 0; i < 10000; ++i) {
            const std::string nip = std::to_string(197601012000030000LL + i);
            const std::string name = "Pegawai " + std::to_string(i);
            put.bind(1, alur::case_id_for("MUT", i + 1));
            put.bind(2, i % 10 ? "scoring" : "ppk_decision");  // a tenth are the PPK's
            put.bind(3, boost::json::serialize(boost::json::object{
                            {"official", boost::json::object{{"name", name}, {"nip", nip},
                                                             {"post", "Kepala Bidang " + std::to_string(i % 300)}}},
                            {"notes", filler}}));
            put.bind(4, alur::format_utc(t0 + minutes(i)));
            if (i % 7) put.bind(5, alur::format_utc(t0 + hours(i % 500)));
            else put.bind(5);
            put.bind(6, "unit " + std::to_string(i % 40));
            put.bind(7, nip);
            put.bind(8, name + " (NIP " + nip + ")");
            put.exec();
            put.reset();
        }
        tx.commit();
    }
    CaseFilter tasks;
    tasks.in_states = std::vector<std::pair<std::string, std::string>>{{"mutation", "ppk_decision"},
                                                                       {"job_fit", "ppk_decision"}};
    tasks.order = CaseOrder::due;
    tasks.limit = 51;
    SQLite::Database raw(file, SQLite::OPEN_READONLY);
    const auto plan = [&](const std::string& sql) {
        SQLite::Statement q(raw, "EXPLAIN QUERY PLAN " + sql);
        std::string out;
        while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
        return out;
    };
    const auto list_plan = plan(alur::sqlite::list_cases_sql(tasks));
    INFO(list_plan);
    CHECK(list_plan.find("cases_by_due_key") != std::string::npos);  // in page order, no sort of every task
    CHECK(list_plan.find("TEMP B-TREE") == std::string::npos);
    const auto count_plan = plan(alur::sqlite::count_cases_sql(tasks));
    INFO(count_plan);
    CHECK(count_plan.find("COVERING INDEX") != std::string::npos);  // counted on an index, no case row read

    const auto timed = [](auto&& read) {
        const auto started = steady_clock::now();
        read();
        return duration_cast<milliseconds>(steady_clock::now() - started);
    };
    std::vector<alur::CaseRecord> page;
    std::int64_t total = 0;
    const auto task_time = timed([&] {
        page = journal->list_cases(tasks).value();
        total = journal->count_cases(tasks).value();
    });
    CHECK(page.size() == 51);
    CHECK(total == 1000);
    for (const auto& c : page) CHECK(c.state == "ppk_decision");
    CaseFilter found;
    found.text = "kepala bidang 17";  // posts 17 (34 cases) and 170-179 (33 each)
    found.limit = 51;
    std::int64_t matches = 0;
    const auto search_time = timed([&] {
        page = journal->list_cases(found).value();
        matches = journal->count_cases(found).value();
    });
    CHECK(page.size() == 51);
    CHECK(matches == 364);
    CaseFilter one;
    one.text = "pegawai 9999";
    CHECK(ids(journal->list_cases(one).value()) == V{"MUT-010000"});
    // The overview: two counts per state of every workflow (here 60 states, two of them holding the cases).
    std::int64_t counted = 0, overdue = 0;
    const auto overview_time = timed([&] {
        for (int i = 0; i < 60; ++i) {
            CaseFilter here("mutation", i == 0 ? "scoring" : i == 1 ? "ppk_decision" : "state " + std::to_string(i));
            counted += journal->count_cases(here).value();
            here.overdue_at = t0 + hours(250);
            overdue += journal->count_cases(here).value();
        }
    });
    CHECK(counted == 10000);
    CaseFilter late(std::nullopt, std::nullopt, t0 + hours(250));
    CHECK(overdue == journal->count_cases(late).value());
    CHECK(overdue > 4000);
    WARN("10000 cases: a task page and its total in " << task_time.count() << " ms, a search page and its total in "
                                                     << search_time.count() << " ms, an overview's 120 counts in "
                                                     << overview_time.count() << " ms");
    CHECK(task_time < seconds(1));
    CHECK(search_time < seconds(2));
    CHECK(overview_time < seconds(1));
}
