// The Journal contract, checked the same way on every backend: the in-memory
// journal and the SQLite journal (a fresh file per test). Events, cases and
// idempotency keys here; timers and the outbox in journal_{timers,outbox}_test;
// lists (filters, orders, cursor paging) in journal_list_test.
#include "journal_backends.hpp"
#include "result_printing.hpp"

#include <chrono>

using namespace std::chrono;
using namespace std::chrono_literals;

using alur::test::failed;
using alur::test::key;
using alur::test::MemoryBackend;
using alur::test::ok;
using alur::test::request;
using alur::test::SqliteBackend;
using alur::test::t0;

namespace {

void require_same(const alur::EventRecord& a, const alur::EventRecord& b) {
    CHECK(a.case_id == b.case_id);
    CHECK(a.seq == b.seq);
    CHECK(a.global_seq == b.global_seq);
    CHECK(a.name == b.name);
    CHECK(a.payload == b.payload);
    CHECK(a.actor == b.actor);
    CHECK(a.role == b.role);
    CHECK(a.reason == b.reason);
    CHECK(a.occurred_at == b.occurred_at);
    CHECK(a.recorded_at == b.recorded_at);
    CHECK(a.prev_hash == b.prev_hash);
    CHECK(a.hash == b.hash);
}

void require_same(const alur::CaseRecord& a, const alur::CaseRecord& b) {
    CHECK(a.id == b.id);
    CHECK(a.workflow == b.workflow);
    CHECK(a.state == b.state);
    CHECK(a.version == b.version);
    CHECK(a.data == b.data);
    CHECK(a.opened_at == b.opened_at);
    CHECK(a.updated_at == b.updated_at);
    CHECK(a.due_at == b.due_at);
}

std::size_t event_count(alur::Journal& j) { return j.read_events(0, 0).value().size(); }

}  // namespace

TEMPLATE_TEST_CASE("journal: a new case gets the next serial of its prefix", "[journal]", MemoryBackend,
                   SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    auto first = j.commit(request("", 0, "open", "record_gathering"));
    REQUIRE(ok(first));
    CHECK(first->projection.id == "MUT-000001");
    CHECK(first->event.case_id == "MUT-000001");
    CHECK(first->event.seq == 1);
    CHECK(first->projection.version == 1);

    auto second = j.commit(request("", 0, "open", "record_gathering"));
    REQUIRE(ok(second));
    CHECK(second->projection.id == "MUT-000002");

    auto other = j.commit(request("", 0, "open", "assessment", "job_fit", "JF"));
    REQUIRE(ok(other));
    CHECK(other->projection.id == "JF-000001");

    auto not_new = j.commit(request("", 3, "open", "record_gathering"));
    REQUIRE(failed(not_new));
    CHECK(not_new.error().code == alur::errc::conflict);
    CHECK(event_count(j) == 3);
}

TEMPLATE_TEST_CASE("journal: stored events are numbered and chained", "[journal]", MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    std::vector<alur::EventRecord> committed;
    auto a = j.commit(request("", 0, "open", "record_gathering"));
    REQUIRE(ok(a));
    committed.push_back(a->event);
    auto b = j.commit(request("", 0, "open", "record_gathering"));
    REQUIRE(ok(b));
    committed.push_back(b->event);
    for (std::int64_t v = 1; v <= 3; ++v) {
        auto c = j.commit(request("MUT-000001", v, "step", "field_visit"));
        REQUIRE(ok(c));
        committed.push_back(c->event);
    }

    auto all = j.read_events(0, 0).value();
    REQUIRE(all.size() == 5);
    std::string prev = alur::genesis_hash;
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO("event " << i + 1);
        CHECK(all[i].global_seq == static_cast<std::int64_t>(i) + 1);
        CHECK(all[i].prev_hash == prev);
        CHECK(all[i].hash == alur::compute_event_hash(all[i]));
        require_same(all[i], committed[i]);
        prev = all[i].hash;
    }

    auto events = j.case_events("MUT-000001").value();
    REQUIRE(events.size() == 4);
    for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].seq == static_cast<std::int64_t>(i) + 1);
    CHECK(events[0].name == "open");
    CHECK(events[3].name == "step");
    CHECK(events[3].reason == "step 4");
    CHECK(events[3].occurred_at == t0 + days(3));
    CHECK(events[3].recorded_at == t0 + days(3) + 5min);
    CHECK(j.case_events("MUT-000009").value().empty());
}

TEMPLATE_TEST_CASE("journal: the projection is stored with the event", "[journal]", MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    REQUIRE(ok(j.commit(request("", 0, "open", "record_gathering"))));
    auto second = j.commit(request("MUT-000001", 1, "visit", "field_visit"));
    REQUIRE(ok(second));

    auto stored = j.find_case("MUT-000001");
    REQUIRE(ok(stored));
    require_same(*stored, second->projection);
    CHECK(stored->workflow == "mutation");
    CHECK(stored->state == "field_visit");
    CHECK(stored->version == 2);
    CHECK(stored->data == R"({"version":2})");
    CHECK(stored->opened_at == t0);
    CHECK(stored->updated_at == t0 + days(1));
}

TEMPLATE_TEST_CASE("journal: a stale version is a conflict and writes nothing", "[journal]", MemoryBackend,
                   SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    REQUIRE(ok(j.commit(request("", 0, "open", "record_gathering"))));
    REQUIRE(ok(j.commit(request("MUT-000001", 1, "visit", "field_visit"))));

    auto stale = request("MUT-000001", 1, "withdraw", "withdrawn");
    stale.idempotency = key("k-stale");
    auto r = j.commit(stale);
    REQUIRE(failed(r));
    CHECK(r.error().code == alur::errc::conflict);
    CHECK(r.error().message == "case MUT-000001 is at version 2, expected 1");

    auto ahead = j.commit(request("MUT-000001", 5, "withdraw", "withdrawn"));
    REQUIRE(failed(ahead));
    CHECK(ahead.error().code == alur::errc::conflict);

    CHECK(event_count(j) == 2);
    auto c = j.find_case("MUT-000001").value();
    CHECK(c.version == 2);
    CHECK(c.state == "field_visit");
    CHECK_FALSE(j.find_idempotency("k-stale").value());
}

TEMPLATE_TEST_CASE("journal: an unknown case is not_found", "[journal]", MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    auto missing = j.find_case("MUT-000404");
    REQUIRE(failed(missing));
    CHECK(missing.error().code == alur::errc::not_found);

    auto r = j.commit(request("MUT-000404", 1, "visit", "field_visit"));
    REQUIRE(failed(r));
    CHECK(r.error().code == alur::errc::not_found);
    CHECK(event_count(j) == 0);
}

TEMPLATE_TEST_CASE("journal: idempotency keys", "[journal]", MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    auto open = request("", 0, "open", "record_gathering");
    open.idempotency = key("k-open", "fp-open");
    REQUIRE(ok(j.commit(open)));
    auto visit = request("MUT-000001", 1, "visit", "field_visit");
    visit.idempotency = key("k-visit", "fp-visit");
    REQUIRE(ok(j.commit(visit)));

    SECTION("find_idempotency returns the record with the event it produced") {
        auto rec = j.find_idempotency("k-visit").value();
        REQUIRE(rec);
        CHECK(rec->key == "k-visit");
        CHECK(rec->fingerprint == "fp-visit");
        CHECK(rec->case_id == "MUT-000001");
        CHECK(rec->seq == 2);
        auto first = j.find_idempotency("k-open").value();
        REQUIRE(first);
        CHECK(first->case_id == "MUT-000001");
        CHECK(first->seq == 1);
        CHECK_FALSE(j.find_idempotency("k-unknown").value());
    }

    SECTION("reusing a key is a conflict and writes nothing") {
        auto again = request("MUT-000001", 2, "score", "scoring");
        again.idempotency = key("k-visit", "fp-other");
        auto r = j.commit(again);
        REQUIRE(failed(r));
        CHECK(r.error().code == alur::errc::conflict);
        CHECK(r.error().field == "idempotency_key");

        auto reopen = request("", 0, "open", "record_gathering");
        reopen.idempotency = key("k-open", "fp-open");
        auto r2 = j.commit(reopen);
        REQUIRE(failed(r2));
        CHECK(r2.error().code == alur::errc::conflict);

        CHECK(event_count(j) == 2);
        CHECK(j.find_case("MUT-000001").value().version == 2);
        CHECK(j.find_idempotency("k-visit").value()->fingerprint == "fp-visit");
        // The refused opening did not use up a serial.
        auto next = j.commit(request("", 0, "open", "record_gathering"));
        REQUIRE(ok(next));
        CHECK(next->projection.id == "MUT-000002");
    }
}

TEMPLATE_TEST_CASE("journal: list_cases filters by workflow and state, in id order", "[journal]", MemoryBackend,
                   SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    for (int i = 0; i < 4; ++i) REQUIRE(ok(j.commit(request("", 0, "open", "record_gathering"))));
    REQUIRE(ok(j.commit(request("", 0, "open", "assessment", "job_fit", "JF"))));
    REQUIRE(ok(j.commit(request("MUT-000002", 1, "visit", "field_visit"))));
    REQUIRE(ok(j.commit(request("MUT-000004", 1, "visit", "field_visit"))));

    const auto ids = [](const std::vector<alur::CaseRecord>& cases) {
        std::vector<std::string> out;
        for (const auto& c : cases) out.push_back(c.id);
        return out;
    };
    using V = std::vector<std::string>;

    CHECK(ids(j.list_cases({}).value()) == V{"JF-000001", "MUT-000001", "MUT-000002", "MUT-000003", "MUT-000004"});
    alur::CaseFilter mutation;
    mutation.workflow = "mutation";
    CHECK(ids(j.list_cases(mutation).value()) == V{"MUT-000001", "MUT-000002", "MUT-000003", "MUT-000004"});
    alur::CaseFilter visiting = mutation;
    visiting.state = "field_visit";
    CHECK(ids(j.list_cases(visiting).value()) == V{"MUT-000002", "MUT-000004"});
    alur::CaseFilter by_state;
    by_state.state = "record_gathering";
    CHECK(ids(j.list_cases(by_state).value()) == V{"MUT-000001", "MUT-000003"});
    alur::CaseFilter limited = mutation;
    limited.limit = 3;
    CHECK(ids(j.list_cases(limited).value()) == V{"MUT-000001", "MUT-000002", "MUT-000003"});
    alur::CaseFilter none;
    none.workflow = "open_selection";
    CHECK(j.list_cases(none).value().empty());
}

TEMPLATE_TEST_CASE("journal: read_events pages through the journal in global order", "[journal]", MemoryBackend,
                   SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    REQUIRE(ok(j.commit(request("", 0, "open", "record_gathering"))));
    REQUIRE(ok(j.commit(request("", 0, "open", "record_gathering"))));
    for (std::int64_t v = 1; v <= 3; ++v) REQUIRE(ok(j.commit(request("MUT-000002", v, "step", "field_visit"))));

    std::vector<std::int64_t> seen;
    std::int64_t after = 0;
    int pages = 0;
    for (;;) {
        auto page = j.read_events(after, 2).value();
        if (page.empty()) break;
        CHECK(page.size() <= 2);
        ++pages;
        for (const auto& e : page) seen.push_back(e.global_seq);
        after = page.back().global_seq;
    }
    CHECK(pages == 3);
    CHECK(seen == std::vector<std::int64_t>{1, 2, 3, 4, 5});

    auto tail = j.read_events(3, 10).value();
    REQUIRE(tail.size() == 2);
    CHECK(tail[0].global_seq == 4);
    CHECK(tail[0].case_id == "MUT-000002");
    CHECK(tail[0].seq == 3);
    CHECK(j.read_events(5, 10).value().empty());
    CHECK(j.read_events(0, 0).value().size() == 5);  // limit 0: no limit
}
