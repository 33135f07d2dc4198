// Group commit, on every backend: requests for several cases in one call;
// each is all-or-nothing on its own, a refused one writes nothing and the
// others land, chained in order.
#include "journal_backends.hpp"
#include "result_printing.hpp"

using alur::test::MemoryBackend;
using alur::test::ok;
using alur::test::request;
using alur::test::SqliteBackend;

TEMPLATE_TEST_CASE("journal group commit: the accepted land together, a refused one alone writes nothing",
                   "[journal][group]", MemoryBackend, SqliteBackend) {
    TestType backend;
    auto& j = *backend.journal;
    REQUIRE(ok(j.commit(request("", 0, "opened", "record_gathering"))));
    REQUIRE(ok(j.commit(request("", 0, "opened", "record_gathering"))));
    REQUIRE(ok(j.commit(request("", 0, "opened", "record_gathering"))));

    auto stale = request("MUT-000002", 5, "record_added", "record_gathering");  // the case is at version 1
    auto results = j.commit_group({request("MUT-000001", 1, "record_added", "record_gathering"), stale,
                                   request("MUT-000003", 1, "record_added", "record_gathering")});
    REQUIRE(results.size() == 3);
    REQUIRE(ok(results[0]));
    REQUIRE_FALSE(results[1]);
    CHECK(results[1].error().code == alur::errc::conflict);
    REQUIRE(ok(results[2]));
    CHECK(results[0]->event.global_seq == 4);
    CHECK(results[2]->event.global_seq == 5);
    CHECK(results[2]->event.prev_hash == results[0]->event.hash);
    CHECK(j.find_case("MUT-000001").value().version == 2);
    CHECK(j.find_case("MUT-000002").value().version == 1);
    CHECK(j.find_case("MUT-000003").value().version == 2);
    CHECK(j.read_events(0, 0).value().size() == 5);
    CHECK(j.commit_group({}).empty());
}

TEMPLATE_TEST_CASE("journal linked commit: an event and the cases it opens land together or not at all",
                   "[journal][group]", MemoryBackend, SqliteBackend) {
    TestType backend;
    auto& j = *backend.journal;
    REQUIRE(ok(j.commit(request("", 0, "opened", "ppk_review", "job_fit", "JF"))));

    SECTION("all accepted: one chain, the new case numbered in the commit") {
        auto all = j.commit_all({request("JF-000001", 1, "ppk_reviewed", "closed", "job_fit", "JF"),
                                 request("", 0, "opened", "record_gathering")});
        REQUIRE(ok(all));
        REQUIRE(all->size() == 2);
        CHECK((*all)[0].projection.state == "closed");
        CHECK((*all)[1].projection.id == "MUT-000001");
        CHECK((*all)[1].event.prev_hash == (*all)[0].event.hash);
        CHECK(j.read_events(0, 0).value().size() == 3);
    }
    SECTION("one refused: nothing of any is written, and its error is the answer") {
        auto all = j.commit_all({request("", 0, "opened", "record_gathering"),
                                 request("JF-000001", 7, "ppk_reviewed", "closed", "job_fit", "JF")});
        REQUIRE_FALSE(all);
        CHECK(all.error().code == alur::errc::conflict);
        CHECK(j.read_events(0, 0).value().size() == 1);
        CHECK(j.find_case("JF-000001").value().state == "ppk_review");
        CHECK_FALSE(j.find_case("MUT-000001"));
        // The serial was not used up: the next new case is still MUT-000001.
        CHECK(j.commit(request("", 0, "opened", "record_gathering")).value().projection.id == "MUT-000001");
    }
}
