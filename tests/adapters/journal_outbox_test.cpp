// The Journal contract for the outbox, on every backend: a commit's notices
// enter it with the event, the dispatcher finds the pending ones and records
// deliveries and failed attempts; and the change counter.
#include "journal_backends.hpp"
#include "result_printing.hpp"

#include <chrono>
#include <type_traits>

using namespace std::chrono;
using namespace std::chrono_literals;

using alur::test::failed;
using alur::test::MemoryBackend;
using alur::test::ok;
using alur::test::request;
using alur::test::SqliteBackend;
using alur::test::t0;

namespace {

alur::Notice notice(std::string channel, std::string recipient) {
    alur::Notice n;
    n.id = 55;                       // ignored: the journal assigns ids
    n.event_global_seq = 99;         // ignored: the committed event's
    n.case_id = "ignored";           // ignored: the committed case's
    n.attempts = 4;                  // ignored: a new notice has no attempts
    n.last_error = "ignored";        // ignored: nor an error
    n.delivered_at = t0 + days(30);  // ignored: nor a delivery
    n.channel = std::move(channel);
    n.recipient = std::move(recipient);
    n.payload = R"({"to":")" + n.recipient + R"("})";
    return n;
}

std::vector<std::int64_t> ids(const std::vector<alur::Notice>& notices) {
    std::vector<std::int64_t> out;
    for (const auto& n : notices) out.push_back(n.id);
    return out;
}

}  // namespace

TEMPLATE_TEST_CASE("journal outbox: a commit's notices enter the outbox with its event", "[journal][outbox]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    REQUIRE(ok(j.commit(request("", 0, "open", "record_gathering"))));
    REQUIRE(ok(j.commit(request("", 0, "open", "record_gathering"))));
    auto fired = request("MUT-000001", 1, "reminder_due", "record_gathering");
    fired.notices = {notice("file", "role:bkd_admin"), notice("webhook", "https://bkd.example/hook")};
    auto c = j.commit(fired);
    REQUIRE(ok(c));

    auto stored = j.case_notices("MUT-000001").value();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].id > 0);
    CHECK(stored[1].id > stored[0].id);
    CHECK(stored[0].channel == "file");
    CHECK(stored[0].recipient == "role:bkd_admin");
    CHECK(stored[0].payload == R"({"to":"role:bkd_admin"})");
    CHECK(stored[1].channel == "webhook");
    CHECK(stored[1].recipient == "https://bkd.example/hook");
    for (const auto& n : stored) {
        CHECK(n.case_id == "MUT-000001");
        CHECK(n.event_global_seq == c->event.global_seq);
        CHECK(n.event_global_seq == 3);
        CHECK(n.created_at == fired.event.recorded_at);
        CHECK(n.next_attempt_at == fired.event.recorded_at);
        CHECK(n.attempts == 0);
        CHECK_FALSE(n.delivered_at);
        CHECK(n.last_error.empty());
    }
    CHECK(j.case_notices("MUT-000002").value().empty());

    // A refused commit writes no notices.
    auto stale = request("MUT-000002", 4, "reminder_due", "record_gathering");
    stale.notices = {notice("log", "role:ppk")};
    REQUIRE(failed(j.commit(stale)));
    CHECK(j.case_notices("MUT-000002").value().empty());
    CHECK(j.pending_notices(t0 + days(100), 0).value().size() == 2);
}

TEMPLATE_TEST_CASE("journal outbox: pending, delivered and failed notices", "[journal][outbox]", MemoryBackend,
                   SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    auto open = request("", 0, "open", "record_gathering");
    open.notices = {notice("file", "a"), notice("file", "b"), notice("log", "c")};
    REQUIRE(ok(j.commit(open)));
    const auto created = open.event.recorded_at;
    const auto all = ids(j.case_notices("MUT-000001").value());
    REQUIRE(all.size() == 3);

    CHECK(j.pending_notices(created - 1ms, 0).value().empty());
    CHECK(ids(j.pending_notices(created, 0).value()) == all);
    CHECK(ids(j.pending_notices(created, 2).value()) == std::vector{all[0], all[1]});

    const auto at = created + 2s;
    REQUIRE(ok(j.notice_delivered(all[0], at)));
    const auto retry = created + 1min;
    REQUIRE(ok(j.notice_failed(all[1], "connection refused", retry)));

    auto stored = j.case_notices("MUT-000001").value();
    CHECK(stored[0].attempts == 1);
    CHECK(stored[0].delivered_at == at);
    CHECK(stored[1].attempts == 1);
    CHECK_FALSE(stored[1].delivered_at);
    CHECK(stored[1].last_error == "connection refused");
    CHECK(stored[1].next_attempt_at == retry);
    CHECK(stored[2].attempts == 0);

    // Delivered ones are never pending again; failed ones wait for their retry time.
    CHECK(ids(j.pending_notices(created + 30s, 0).value()) == std::vector{all[2]});
    CHECK(ids(j.pending_notices(retry, 0).value()) == std::vector{all[1], all[2]});

    REQUIRE(ok(j.notice_failed(all[1], "HTTP 503", retry + 2min)));
    REQUIRE(ok(j.notice_delivered(all[1], retry + 2min)));
    stored = j.case_notices("MUT-000001").value();
    CHECK(stored[1].attempts == 3);
    CHECK(stored[1].last_error == "HTTP 503");
    CHECK(stored[1].delivered_at == retry + 2min);
    CHECK(ids(j.pending_notices(t0 + days(100), 0).value()) == std::vector{all[2]});

    auto missing = j.notice_delivered(9999, at);
    REQUIRE(failed(missing));
    CHECK(missing.error().code == alur::errc::not_found);
    auto missing_failed = j.notice_failed(9999, "x", at);
    REQUIRE(failed(missing_failed));
    CHECK(missing_failed.error().code == alur::errc::not_found);
}

TEMPLATE_TEST_CASE("journal outbox: the change counter stays put while nothing is written", "[journal][outbox]",
                   MemoryBackend, SqliteBackend) {
    TestType backend;
    alur::Journal& j = *backend.journal;

    const auto before = j.change_counter();
    REQUIRE(ok(before));
    CHECK(j.change_counter().value() == *before);
    REQUIRE(ok(j.list_cases({})));
    CHECK(j.change_counter().value() == *before);

    auto open = request("", 0, "open", "record_gathering");
    open.notices = {notice("log", "a")};
    REQUIRE(ok(j.commit(open)));
    if constexpr (std::is_same_v<TestType, MemoryBackend>) {
        // The memory journal is its own only writer: it counts its commits and
        // notice updates. (SQLite's counts other connections' commits only: see
        // sqlite_deadlines_test.)
        const auto after_commit = j.change_counter().value();
        CHECK(after_commit != *before);
        REQUIRE(ok(j.notice_failed(1, "x", t0)));
        CHECK(j.change_counter().value() != after_commit);
    }
}
