// The Journal contract for lists, on every backend (journal_backends.hpp):
// list_cases filters by workflow, state, unit, subject and time ranges, sorts
// by id, due, opened and updated either way, and pages with a keyset cursor
// that neither repeats nor skips a case while others are committed between
// pages. And the memory journal (a scan and a sort) and the SQLite journal
// (indexed SQL) give the same answer to the same filter.
#include "journal_backends.hpp"
#include "result_printing.hpp"

#include "alur/engine/case_list.hpp"

#include <boost/json/parse.hpp>

#include <chrono>
#include <map>
#include <random>
#include <set>

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

/// One case to open: its unit and subject, when it opens (hours after t0),
/// its deadline (hours after t0; -1: none) and workflow.
struct Spec {
    std::string unit;
    std::string subject;
    int opened_h = 0;
    int due_h = -1;
    std::string workflow = "mutation";
    std::string prefix = "MUT";
    std::string state = "record_gathering";
    std::string origin = {};        ///< the case it was opened from
    std::string jobfit_batch = {};  ///< the job fit batch it was opened from
};

alur::CommitRequest open_request(const Spec& s) {
    auto r = request("", 0, "open", s.state, s.workflow, s.prefix);
    r.event.occurred_at = t0 + hours(s.opened_h);
    r.event.recorded_at = r.event.occurred_at;
    r.projection.summary = {s.unit, s.subject, s.subject + " label", s.origin, s.jobfit_batch};
    if (s.due_h >= 0) r.projection.due_at = t0 + hours(s.due_h);
    return r;
}

/// Advances `id` (at `version`) to `state` at t0 + `at_h` hours, keeping its summary.
alur::CommitRequest advance(alur::Journal& j, const std::string& id, std::string state, int at_h) {
    const auto stored = j.find_case(id).value();
    auto r = request(id, stored.version, "step", std::move(state), stored.workflow);
    r.event.occurred_at = t0 + hours(at_h);
    r.event.recorded_at = r.event.occurred_at;
    r.projection.summary = stored.summary;
    r.projection.due_at = stored.due_at;
    return r;
}

/// Six cases over three units, two workflows, with and without deadlines.
void seed(alur::Journal& j) {
    for (const Spec& s : {Spec{"Dinas Pendidikan", "197601012000031001", 5, 40},
                          Spec{"Bappeda", "198001012006041001", 1, 30},
                          Spec{"Dinas Pendidikan", "198107222006042003", 3, -1},
                          Spec{"", "Kepala Dinas Kesehatan", 2, 30, "open_selection", "SEL", "preparation"},
                          Spec{"Bappeda", "197001012000031002", 4, 10},
                          Spec{"Dinas Kesehatan", "Kepala Dinas Kesehatan", 0, -1, "open_selection", "SEL", "preparation"}})
        REQUIRE(ok(j.commit(open_request(s))));
}

}  // namespace

TEMPLATE_TEST_CASE("journal: the list columns are stored with the projection and follow it", "[journal][list]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    auto opened = j.commit(open_request({"Bappeda", "198001012006041001", 0, 10}));
    REQUIRE(ok(opened));
    CHECK(opened->projection.summary.unit == "Bappeda");
    CHECK(j.find_case("MUT-000001").value().summary ==
          alur::CaseSummary{"Bappeda", "198001012006041001", "198001012006041001 label"});

    // The same columns again (a transition that changes none of them), then a changed unit.
    REQUIRE(ok(j.commit(advance(j, "MUT-000001", "record_gathering", 1))));
    CHECK(j.find_case("MUT-000001").value().summary.unit == "Bappeda");
    auto moved = advance(j, "MUT-000001", "field_visit", 2);
    moved.projection.summary.unit = "Dinas Pendidikan";
    moved.projection.due_at.reset();
    REQUIRE(ok(j.commit(moved)));
    const auto now = j.find_case("MUT-000001").value();
    CHECK(now.summary.unit == "Dinas Pendidikan");
    CHECK(now.state == "field_visit");
    CHECK(!now.due_at);
    CHECK(now.updated_at == t0 + hours(2));
    CHECK(now.version == 3);

    CaseFilter old_unit;
    old_unit.unit = "Bappeda";
    CHECK(j.list_cases(old_unit).value().empty());
    CaseFilter new_unit;
    new_unit.unit = "Dinas Pendidikan";
    CHECK(ids(j.list_cases(new_unit).value()) == V{"MUT-000001"});
}

TEMPLATE_TEST_CASE("journal: links are stored with the projection and found by origin and batch", "[journal][list][links]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    // A job fit, the mutation its approved rotation opened, the development that mutation led to, another
    // mutation from the same job fit, and an open selection from the job fit's batch.
    Spec jobfit{"Bappeda", "198001012006041001", 0, -1, "job_fit", "JF", "scoring"};
    REQUIRE(ok(j.commit(open_request(jobfit))));
    Spec rotate{"Bappeda", "198001012006041001", 1, 10, "mutation", "MUT", "ppk_decision", "JF-000001"};
    REQUIRE(ok(j.commit(open_request(rotate))));
    Spec develop{"Bappeda", "198001012006041001", 2, -1, "development", "DEV", "plan", "MUT-000001"};
    REQUIRE(ok(j.commit(open_request(develop))));
    Spec other{"Bappeda", "197001012000031002", 3, -1, "mutation", "MUT", "ppk_decision", "JF-000001"};
    REQUIRE(ok(j.commit(open_request(other))));
    Spec selection{"Bappeda", "Kepala Bappeda", 4, -1, "open_selection", "SEL", "preparation", "", "JF-2021-001"};
    REQUIRE(ok(j.commit(open_request(selection))));

    CHECK(j.find_case("MUT-000001").value().summary.origin == "JF-000001");
    CHECK(j.find_case("SEL-000001").value().summary.jobfit_batch == "JF-2021-001");
    CaseFilter from_jobfit;
    from_jobfit.origin = "JF-000001";
    CHECK(ids(j.list_cases(from_jobfit).value()) == V{"MUT-000001", "MUT-000002"});
    from_jobfit.subject = "197001012000031002";
    CHECK(ids(j.list_cases(from_jobfit).value()) == V{"MUT-000002"});
    from_jobfit.subject.reset();
    from_jobfit.order = CaseOrder::opened;
    from_jobfit.descending = true;
    CHECK(ids(j.list_cases(from_jobfit).value()) == V{"MUT-000002", "MUT-000001"});
    CaseFilter batch;
    batch.jobfit_batch = "JF-2021-001";
    CHECK(ids(j.list_cases(batch).value()) == V{"SEL-000001"});
    CaseFilter none;
    none.origin = "SEL-000001";
    CHECK(j.list_cases(none).value().empty());

    // Both ways, through the index: the origin chain up, the cases opened down.
    const auto links = alur::linked_cases(j, "DEV-000001").value();
    CHECK(ids(links.came_from) == V{"MUT-000001", "JF-000001"});
    CHECK(links.opened.empty());
    CHECK(links.missing_origin.empty());
    const auto root = alur::linked_cases(j, "JF-000001").value();
    CHECK(root.came_from.empty());
    CHECK(ids(root.opened) == V{"MUT-000001", "MUT-000002"});
    CHECK(alur::linked_cases(j, "SEL-000001").value().jobfit_batch == "JF-2021-001");
    CHECK(alur::linked_cases(j, "MUT-999999").error().code == alur::errc::not_found);

    // A link follows the projection: the summary a later event stores replaces it.
    auto relinked = advance(j, "MUT-000002", "inauguration", 5);
    relinked.projection.summary.origin = "";
    REQUIRE(ok(j.commit(relinked)));
    CHECK(ids(alur::opened_from(j, "JF-000001").value()) == V{"MUT-000001"});
    CHECK(j.find_case("MUT-000002").value().summary.origin.empty());
}

TEST_CASE("journal: with_links reads origin and jobfit_batch from case data", "[journal][links]") {
    const auto data = [](const char* text) { return boost::json::parse(text).as_object(); };
    const alur::CaseSummary given{"Bappeda", "nip", "label", "stale", "stale"};
    const auto linked = alur::with_links(given, data(R"({"origin":"JF-000003","jobfit_batch":"JF-2021-001"})"));
    CHECK(linked == alur::CaseSummary{"Bappeda", "nip", "label", "JF-000003", "JF-2021-001"});
    CHECK(alur::with_links(given, data(R"({"origin":12,"jobfit_batch":null})")) ==
          alur::CaseSummary{"Bappeda", "nip", "label", "", ""});
    CHECK(alur::with_links({}, data("{}")) == alur::CaseSummary{});
}

TEMPLATE_TEST_CASE("journal: list_cases filters by unit subject and time ranges", "[journal][list]", MemoryBackend,
                   SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    seed(j);

    CaseFilter unit;
    unit.unit = "Dinas Pendidikan";
    CHECK(ids(j.list_cases(unit).value()) == V{"MUT-000001", "MUT-000003"});
    CaseFilter subject;
    subject.subject = "Kepala Dinas Kesehatan";  // a post: both selections for it
    CHECK(ids(j.list_cases(subject).value()) == V{"SEL-000001", "SEL-000002"});
    subject.unit = "Dinas Kesehatan";
    CHECK(ids(j.list_cases(subject).value()) == V{"SEL-000002"});
    CaseFilter unit_and_workflow;
    unit_and_workflow.unit = "Bappeda";
    unit_and_workflow.workflow = "open_selection";
    CHECK(j.list_cases(unit_and_workflow).value().empty());

    CaseFilter opened;
    opened.opened.from = t0 + hours(1);
    opened.opened.before = t0 + hours(4);  // half-open: 1, 2 and 3 hours
    CHECK(ids(j.list_cases(opened).value()) == V{"MUT-000002", "MUT-000003", "SEL-000001"});
    CaseFilter due;
    due.due.from = t0 + hours(30);  // without a deadline: never in a due range
    CHECK(ids(j.list_cases(due).value()) == V{"MUT-000001", "MUT-000002", "SEL-000001"});
    due.due.before = t0 + hours(40);
    CHECK(ids(j.list_cases(due).value()) == V{"MUT-000002", "SEL-000001"});
    CaseFilter overdue;
    overdue.overdue_at = t0 + hours(31);
    overdue.unit = "Bappeda";
    CHECK(ids(j.list_cases(overdue).value()) == V{"MUT-000004", "MUT-000002"});  // most overdue first

    REQUIRE(ok(j.commit(advance(j, "MUT-000003", "field_visit", 50))));
    CaseFilter updated;
    updated.updated.from = t0 + hours(4);
    CHECK(ids(j.list_cases(updated).value()) == V{"MUT-000001", "MUT-000003", "MUT-000004"});
    updated.state = "field_visit";
    CHECK(ids(j.list_cases(updated).value()) == V{"MUT-000003"});
}

TEMPLATE_TEST_CASE("journal: list_cases sorts by id due opened and updated either way", "[journal][list]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    seed(j);
    const auto sorted = [&](CaseOrder order, bool descending, std::size_t limit = 0) {
        CaseFilter f;
        f.order = order;
        f.descending = descending;
        f.limit = limit;
        return ids(j.list_cases(f).value());
    };
    CHECK(sorted(CaseOrder::id, false) == V{"MUT-000001", "MUT-000002", "MUT-000003", "MUT-000004", "SEL-000001", "SEL-000002"});
    CHECK(sorted(CaseOrder::id, true, 2) == V{"SEL-000002", "SEL-000001"});
    // Ties (30 hours) by id; the cases without a deadline last, or first when reversed.
    CHECK(sorted(CaseOrder::due, false) == V{"MUT-000004", "MUT-000002", "SEL-000001", "MUT-000001", "MUT-000003", "SEL-000002"});
    CHECK(sorted(CaseOrder::due, true) == V{"SEL-000002", "MUT-000003", "MUT-000001", "SEL-000001", "MUT-000002", "MUT-000004"});
    CHECK(sorted(CaseOrder::opened, false) == V{"SEL-000002", "MUT-000002", "SEL-000001", "MUT-000003", "MUT-000004", "MUT-000001"});
    CHECK(sorted(CaseOrder::opened, true, 3) == V{"MUT-000001", "MUT-000004", "MUT-000003"});
    REQUIRE(ok(j.commit(advance(j, "MUT-000002", "field_visit", 9))));
    CHECK(sorted(CaseOrder::updated, true, 2) == V{"MUT-000002", "MUT-000001"});

    // A state with the due order, as the web page lists it.
    CaseFilter gathering;
    gathering.state = "record_gathering";
    gathering.order = CaseOrder::due;
    CHECK(ids(j.list_cases(gathering).value()) == V{"MUT-000004", "MUT-000001", "MUT-000003"});
}

TEMPLATE_TEST_CASE("journal: list paging with a cursor across inserts neither repeats nor skips", "[journal][list]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    seed(j);

    for (const CaseOrder order : {CaseOrder::id, CaseOrder::due, CaseOrder::opened, CaseOrder::updated}) {
        for (const bool descending : {false, true}) {
            INFO("order " << alur::to_string(order) << (descending ? " descending" : ""));
            CaseFilter f;
            f.order = order;
            f.descending = descending;
            f.workflow = "mutation";
            std::set<std::string> seen;
            const auto before = j.list_cases(f).value();  // the mutation cases as they stand
            int pages = 0;
            for (;;) {
                auto page = alur::list_page(j, f, 2);
                REQUIRE(ok(page));
                for (const auto& c : page->cases) CHECK(seen.insert(c.id).second);  // never twice
                ++pages;
                if (!page->next) break;
                // Between pages another case is opened, and the cursor, read back from its text, goes on.
                if (pages <= 2)
                    REQUIRE(ok(j.commit(open_request({"Bappeda", "19900101" + std::to_string(pages), 60 + pages, 70 + pages}))));
                auto after = alur::read_cursor(j, *page->next, order);
                REQUIRE(ok(after));
                f.after = *after;
                REQUIRE(pages < 100);
            }
            for (const auto& c : before) CHECK(seen.count(c.id) == 1);  // none skipped
            CHECK(pages >= 2);
            if (!descending) {
                // Ascending, the cases opened meanwhile sort after every cursor: each shows up on a later page.
                for (const auto& c : j.list_cases(CaseFilter{f.workflow, {}, {}, 0}).value()) CHECK(seen.count(c.id) == 1);
            }
        }
    }

    // A bare case id is a cursor too (as before); a cursor of no case is invalid input.
    CaseFilter by_due;
    by_due.order = CaseOrder::due;
    auto bare = alur::read_cursor(j, "MUT-000002", CaseOrder::due);
    REQUIRE(ok(bare));
    by_due.after = *bare;
    by_due.limit = 2;
    CHECK(ids(j.list_cases(by_due).value()) == V{"SEL-000001", "MUT-000001"});
    auto none = alur::read_cursor(j, "MUT-999999", CaseOrder::id);
    REQUIRE(!none);
    CHECK(none.error().code == alur::errc::invalid_input);
    CHECK(none.error().field == "cursor");
    CHECK(!alur::read_cursor(j, "yesterday_MUT-000001", CaseOrder::due));
}

TEST_CASE("journal: the SQLite journal lists what the memory journal lists for any filter", "[journal][list][sqlite]") {
    MemoryBackend memory;
    SqliteBackend sqlite;
    alur::Journal* both[]{memory.journal.get(), sqlite.journal.get()};
    std::mt19937 rng(11);
    const V units{"", "Bappeda", "Dinas Pendidikan", "Dinas Kesehatan"};
    const V states{"record_gathering", "field_visit", "scoring"};
    const auto pick = [&](const V& from) { return from[rng() % from.size()]; };
    for (int i = 0; i < 120; ++i) {
        const bool selection = rng() % 4 == 0;
        Spec s{pick(units), "subject " + std::to_string(rng() % 30), static_cast<int>(rng() % 50),
               rng() % 3 == 0 ? -1 : static_cast<int>(rng() % 40)};
        if (selection) {
            s.workflow = "open_selection";
            s.prefix = "SEL";
            if (rng() % 2) s.jobfit_batch = "JF-2021-00" + std::to_string(rng() % 3);
        }
        if (rng() % 2) s.origin = alur::case_id_for("MUT", 1 + rng() % 20);
        for (alur::Journal* j : both) REQUIRE(ok(j->commit(open_request(s))));
        if (rng() % 2) {
            const std::string target = ids(both[0]->list_cases({}).value())[rng() % (i + 1)];
            const std::string state = pick(states);
            const int at = static_cast<int>(rng() % 60);
            for (alur::Journal* j : both) REQUIRE(ok(j->commit(advance(*j, target, state, at))));
        }
    }
    for (int round = 0; round < 300; ++round) {
        CaseFilter f;
        if (rng() % 3 == 0) f.workflow = rng() % 2 ? "mutation" : "open_selection";
        if (rng() % 3 == 0) f.state = pick(states);
        if (rng() % 3 == 0) f.unit = pick(units);
        if (rng() % 6 == 0) f.subject = "subject " + std::to_string(rng() % 30);
        if (rng() % 6 == 0) f.origin = alur::case_id_for("MUT", 1 + rng() % 20);
        if (rng() % 8 == 0) f.jobfit_batch = "JF-2021-00" + std::to_string(rng() % 3);
        if (rng() % 5 == 0) f.overdue_at = t0 + hours(rng() % 40);
        if (rng() % 5 == 0) f.due.from = t0 + hours(rng() % 40);
        if (rng() % 5 == 0) f.opened.before = t0 + hours(rng() % 50);
        if (rng() % 5 == 0) f.updated.from = t0 + hours(rng() % 60);
        if (rng() % 4) f.order = static_cast<CaseOrder>(rng() % 4);
        f.descending = rng() % 2;
        f.limit = rng() % 3 ? 1 + rng() % 10 : 0;
        const auto all = memory.journal->list_cases(CaseFilter{}).value();
        if (rng() % 2 && !all.empty()) f.after = alur::position_of(all[rng() % all.size()], f.effective_order());
        INFO("round " << round);
        const auto expected = ids(memory.journal->list_cases(f).value());
        CHECK(ids(sqlite.journal->list_cases(f).value()) == expected);
    }
}
