// The Journal contract for deadlines, on every backend: a commit's timers
// replace the case's (or, unset, keep them), timers come out in firing order,
// and overdue cases are listed most overdue first.
#include "journal_backends.hpp"
#include "result_printing.hpp"

#include <chrono>
#include <set>

using namespace std::chrono;
using namespace std::chrono_literals;

using alur::test::failed;
using alur::test::MemoryBackend;
using alur::test::ok;
using alur::test::request;
using alur::test::SqliteBackend;
using alur::test::t0;

namespace {

alur::Timer timer(alur::TimerKind kind, alur::TimePoint fire_at, int ordinal, std::string state = "record_gathering") {
    alur::Timer t;
    t.id = 77;               // ignored: the journal assigns ids
    t.case_id = "ignored";  // ignored: the committed case's id is used
    t.state = std::move(state);
    t.kind = kind;
    t.fire_at = fire_at;
    t.due_at = t0 + days(14);
    t.ordinal = ordinal;
    return t;
}

std::vector<std::int64_t> ids(const std::vector<alur::Timer>& timers) {
    std::vector<std::int64_t> out;
    for (const auto& t : timers) out.push_back(t.id);
    return out;
}

using alur::test::case_ids;

// Opens a case with these timers; returns its id.
std::string open_with(alur::Journal& j, std::vector<alur::Timer> timers) {
    auto r = request("", 0, "open", "record_gathering");
    r.timers = std::move(timers);
    auto c = j.commit(r);
    REQUIRE(ok(c));
    return c->projection.id;
}

}  // namespace

TEMPLATE_TEST_CASE("journal timers: a commit's timers replace the case's, unset keeps them", "[journal][timers]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    using alur::TimerKind;

    // Given out of firing order: case_timers returns them by fire_at.
    const std::string a = open_with(j, {timer(TimerKind::deadline, t0 + days(14), 1),
                                        timer(TimerKind::reminder, t0 + days(11), 3)});
    const std::string b = open_with(j, {timer(TimerKind::reminder, t0 + days(2), 1)});
    auto first = j.case_timers(a).value();
    REQUIRE(first.size() == 2);
    CHECK(first[0].kind == TimerKind::reminder);
    CHECK(first[0].fire_at == t0 + days(11));
    CHECK(first[0].ordinal == 3);
    CHECK(first[1].kind == TimerKind::deadline);
    CHECK(first[1].fire_at == t0 + days(14));
    CHECK(first[1].ordinal == 1);
    for (const auto& t : first) {
        CHECK(t.case_id == a);
        CHECK(t.state == "record_gathering");
        CHECK(t.due_at == t0 + days(14));
        CHECK(t.id > 0);
    }
    CHECK(first[0].id != first[1].id);
    CHECK(j.timer_count().value() == 3);

    SECTION("a commit without timers keeps them") {
        REQUIRE(ok(j.commit(request(a, 1, "note", "record_gathering"))));
        CHECK(ids(j.case_timers(a).value()) == ids(first));
    }
    SECTION("a commit with timers replaces them, with new ids") {
        auto next = request(a, 1, "gathered", "field_visit");
        next.timers = std::vector{timer(TimerKind::deadline, t0 + days(20), 1, "field_visit")};
        REQUIRE(ok(j.commit(next)));
        auto now = j.case_timers(a).value();
        REQUIRE(now.size() == 1);
        CHECK(now[0].state == "field_visit");
        CHECK(now[0].fire_at == t0 + days(20));
        CHECK(std::set<std::int64_t>{first[0].id, first[1].id}.count(now[0].id) == 0);
        CHECK(j.timer_count().value() == 2);
    }
    SECTION("a commit with an empty list clears them") {
        auto done = request(a, 1, "withdraw", "withdrawn");
        done.timers = std::vector<alur::Timer>{};
        REQUIRE(ok(j.commit(done)));
        CHECK(j.case_timers(a).value().empty());
        CHECK(j.timer_count().value() == 1);
    }
    SECTION("a refused commit leaves them") {
        auto stale = request(a, 5, "withdraw", "withdrawn");
        stale.timers = std::vector<alur::Timer>{};
        REQUIRE(failed(j.commit(stale)));
        CHECK(ids(j.case_timers(a).value()) == ids(first));
    }
    // The other case's timers never move.
    auto other = j.case_timers(b).value();
    REQUIRE(other.size() == 1);
    CHECK(other[0].case_id == b);
    CHECK(j.case_timers("MUT-000404").value().empty());
}

TEMPLATE_TEST_CASE("journal timers: next_timer and due_timers go by fire time, then id", "[journal][timers]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    using alur::TimerKind;

    CHECK_FALSE(j.next_timer().value());
    CHECK(j.due_timers(t0 + days(100), 0).value().empty());
    CHECK(j.timer_count().value() == 0);

    const std::string a = open_with(j, {timer(TimerKind::reminder, t0 + days(3), 2),
                                        timer(TimerKind::deadline, t0 + days(5), 1)});
    const std::string b = open_with(j, {timer(TimerKind::reminder, t0 + days(3), 2),  // ties a's first
                                        timer(TimerKind::reminder, t0 + days(1), 4)});
    const std::string c = open_with(j, {timer(TimerKind::deadline, t0 + days(9), 1)});

    auto next = j.next_timer().value();
    REQUIRE(next);
    CHECK(next->case_id == b);
    CHECK(next->fire_at == t0 + days(1));

    auto all = j.due_timers(t0 + days(100), 0).value();
    REQUIRE(all.size() == 5);
    for (std::size_t i = 1; i < all.size(); ++i) {
        INFO("timer " << i);
        const bool in_order = all[i - 1].fire_at < all[i].fire_at ||
                              (all[i - 1].fire_at == all[i].fire_at && all[i - 1].id < all[i].id);
        CHECK(in_order);
    }
    CHECK(all[1].case_id == a);  // the tie at day 3: a's timer was stored first
    CHECK(all[2].case_id == b);
    CHECK(all[4].case_id == c);

    // fire_at <= now: a timer due exactly now is due.
    auto due = j.due_timers(t0 + days(3), 0).value();
    CHECK(ids(due) == std::vector{all[0].id, all[1].id, all[2].id});
    CHECK(ids(j.due_timers(t0 + days(3), 2).value()) == std::vector{all[0].id, all[1].id});
    CHECK(j.due_timers(t0 + days(1) - 1ms, 0).value().empty());

    // Firing the earliest (its case moves on, clearing it) uncovers the next.
    auto fired = request(b, 1, "reminder_due", "record_gathering");
    fired.timers = std::vector{timer(TimerKind::reminder, t0 + days(3), 2)};
    REQUIRE(ok(j.commit(fired)));
    next = j.next_timer().value();
    REQUIRE(next);
    CHECK(next->id == all[1].id);
    CHECK(j.timer_count().value() == 4);
}

TEMPLATE_TEST_CASE("journal timers: overdue cases, most overdue first", "[journal][timers]", MemoryBackend,
                   SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;
    const auto now = t0 + days(10);

    const auto open_due = [&](std::optional<alur::TimePoint> due, std::string workflow = "mutation",
                              std::string prefix = "MUT", std::string state = "record_gathering") {
        auto r = request("", 0, "open", std::move(state), std::move(workflow), std::move(prefix));
        r.projection.due_at = due;
        auto c = j.commit(r);
        REQUIRE(ok(c));
        CHECK(c->projection.due_at == due);
        return c->projection.id;
    };
    open_due(now - days(2));                                      // MUT-000001
    open_due(now - days(5));                                      // MUT-000002
    open_due(std::nullopt);                                       // MUT-000003: no deadline
    open_due(now - days(5), "mutation", "MUT", "field_visit");   // MUT-000004: ties MUT-000002
    open_due(now - days(7), "job_fit", "JF");                     // JF-000001
    open_due(now);                                                // MUT-000005: due exactly now, not yet overdue
    open_due(now + days(1));                                      // MUT-000006

    CHECK(j.find_case("MUT-000001").value().due_at == now - days(2));
    CHECK_FALSE(j.find_case("MUT-000003").value().due_at);

    using V = std::vector<std::string>;
    alur::CaseFilter overdue;
    overdue.overdue_at = now;
    CHECK(case_ids(j.list_cases(overdue).value()) == V{"JF-000001", "MUT-000002", "MUT-000004", "MUT-000001"});
    alur::CaseFilter mutation = overdue;
    mutation.workflow = "mutation";
    CHECK(case_ids(j.list_cases(mutation).value()) == V{"MUT-000002", "MUT-000004", "MUT-000001"});
    alur::CaseFilter gathering = mutation;
    gathering.state = "record_gathering";
    CHECK(case_ids(j.list_cases(gathering).value()) == V{"MUT-000002", "MUT-000001"});
    alur::CaseFilter top = overdue;
    top.limit = 2;
    CHECK(case_ids(j.list_cases(top).value()) == V{"JF-000001", "MUT-000002"});
    CHECK(j.list_cases({}).value().size() == 7);  // without overdue_at: every case

    // A transition stores the new state's deadline, or none.
    REQUIRE(ok(j.commit(request("JF-000001", 1, "decide", "completed", "job_fit", "JF"))));
    CHECK_FALSE(j.find_case("JF-000001").value().due_at);
    auto later = request("MUT-000001", 1, "gathered", "field_visit");
    later.projection.due_at = now + days(3);
    REQUIRE(ok(j.commit(later)));
    CHECK(j.find_case("MUT-000001").value().due_at == now + days(3));
    CHECK(case_ids(j.list_cases(overdue).value()) == V{"MUT-000002", "MUT-000004"});
}
