// Crash tests: a process that dies (or a hook that throws) at the k-th write of
// a commit, for every k, leaves the commit wholly there or wholly absent (its
// event, case row, key, timers and notices), the hash chain intact, and the
// next commit working.
//
// The children call _exit, so SQLite gets no chance to clean up: the parent
// reopens the file exactly as a restarted engine would.
#include "alur/sqlite/journal.hpp"

#include "test_support.hpp"

#include "result_printing.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono;
using namespace std::chrono_literals;
using alur::sqlite::SqliteJournal;

using alur::test::failed;
using alur::test::ok;

namespace {

constexpr int crashed = 86;

const alur::TimePoint t0 = alur::TimePoint{sys_days{2024y / May / 2}} + 3h;

alur::CommitRequest request(std::string case_id, std::int64_t expected_version, std::string key = {}) {
    alur::CommitRequest r;
    r.case_id = std::move(case_id);
    r.case_prefix = "MUT";
    r.expected_version = expected_version;
    r.event.name = expected_version == 0 ? "open" : "note";
    r.event.payload = R"({"n":)" + std::to_string(expected_version + 1) + "}";
    r.event.actor = "budi";
    r.event.role = "bkd_admin";
    r.event.occurred_at = t0 + minutes(expected_version);
    r.event.recorded_at = t0 + minutes(expected_version) + 1s;
    r.projection.workflow = "mutation";
    r.projection.state = "state" + std::to_string(expected_version + 1);
    r.projection.data = "{}";
    if (!key.empty()) r.idempotency = alur::IdempotencyRecord{key, "fp-" + key, "", 0};
    // Each commit sets the new state's two timers and writes one notice.
    std::vector<alur::Timer> timers;
    for (int i = 1; i <= 2; ++i) {
        alur::Timer t;
        t.state = r.projection.state;
        t.fire_at = t0 + days(expected_version + i);
        t.due_at = t0 + days(expected_version + 2);
        t.ordinal = i;
        timers.push_back(t);
    }
    r.timers = std::move(timers);
    alur::Notice n;
    n.channel = "file";
    n.recipient = "role:bkd_admin";
    n.payload = "{}";
    r.notices = {n};
    return r;
}

// The same commit without timers and notices.
alur::CommitRequest plain(alur::CommitRequest r) {
    r.timers.reset();
    r.notices.clear();
    return r;
}

std::shared_ptr<SqliteJournal> open_journal(const std::filesystem::path& file, alur::sqlite::Options o = {}) {
    auto j = SqliteJournal::open(file.string(), std::move(o));
    if (!j) FAIL("open " << file << ": " << j.error().message);
    return *j;
}

// Empty when the chain links and hashes verify, every case's events are
// numbered 1..version, its timers are its current state's, and it has one
// notice per event, naming that event.
std::string journal_problem(alur::Journal& j) {
    std::string prev = alur::genesis_hash;
    std::int64_t next = 1;
    for (std::int64_t after = 0;;) {
        auto page = j.read_events(after, 7).value();  // a small page: exercise paging
        if (page.empty()) break;
        for (const auto& e : page) {
            const auto at = "event " + std::to_string(next);
            if (e.global_seq != next) return at + ": global_seq is " + std::to_string(e.global_seq);
            if (e.prev_hash != prev) return at + ": prev_hash does not link";
            if (e.hash != alur::compute_event_hash(e)) return at + ": hash does not verify";
            prev = e.hash;
            ++next;
        }
        after = page.back().global_seq;
    }
    for (const auto& c : j.list_cases({}).value()) {
        auto events = j.case_events(c.id).value();
        if (static_cast<std::int64_t>(events.size()) != c.version)
            return c.id + ": version " + std::to_string(c.version) + " but " + std::to_string(events.size()) + " events";
        for (std::size_t i = 0; i < events.size(); ++i)
            if (events[i].seq != static_cast<std::int64_t>(i) + 1) return c.id + ": seq gap";
        if (c.state != "state" + std::to_string(c.version)) return c.id + ": projection out of step with its events";
        auto timers = j.case_timers(c.id).value();
        if (timers.size() != 2) return c.id + ": " + std::to_string(timers.size()) + " timers";
        for (const auto& t : timers)
            if (t.state != c.state) return c.id + ": a timer of " + t.state + " outlived its state";
        auto notices = j.case_notices(c.id).value();
        if (notices.size() != events.size()) return c.id + ": " + std::to_string(notices.size()) + " notices";
        for (std::size_t i = 0; i < events.size(); ++i)
            if (notices[i].event_global_seq != events[i].global_seq) return c.id + ": a notice names another event";
    }
    return {};
}

// The idempotency key of the stream's commit at `version` (GCC 12 warns,
// wrongly, on `"k" + std::to_string(v)`: -Wrestrict, PR 105329).
std::string stream_key(std::int64_t version) { return std::string("k").append(std::to_string(version)); }

// Runs `body` in a child process and returns its exit status (-1 if killed).
template <class F>
int in_child(F body) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) ::_exit(body());
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The write indices one commit reports to before_write.
std::vector<int> writes_of(alur::Journal& journal, std::vector<int>& seen, const alur::CommitRequest& r) {
    seen.clear();
    REQUIRE(ok(journal.commit(r)));
    return seen;
}

}  // namespace

TEST_CASE("crash: before_write counts every write of a commit, COMMIT last", "[sqlite][crash]") {
    alur::test::TempDir dir;
    std::vector<int> seen;
    alur::sqlite::Options o;
    o.before_write = [&seen](int i) { seen.push_back(i); };
    auto j = open_journal(dir / "alur.db", o);
    // serial, event, case, key, timer deletion, 2 timers, notice, COMMIT
    CHECK(writes_of(*j, seen, request("", 0, "k1")) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9});
    // event, case, key, timer deletion, 2 timers, notice, COMMIT
    CHECK(writes_of(*j, seen, request("MUT-000001", 1, "k2")) == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8});
    // event, case, timer deletion, 2 timers, notice, COMMIT
    CHECK(writes_of(*j, seen, request("MUT-000001", 2)) == std::vector<int>{1, 2, 3, 4, 5, 6, 7});
    // event, case, COMMIT: unset timers are left alone
    CHECK(writes_of(*j, seen, plain(request("MUT-000001", 3))) == std::vector<int>{1, 2, 3});
    // a refused commit writes nothing
    seen.clear();
    CHECK(failed(j->commit(request("MUT-000001", 1))));
    CHECK(seen.empty());
}

TEST_CASE("crash: a process dying at any write of a commit to a case leaves it whole or absent", "[sqlite][crash]") {
    constexpr int writes = 8;  // event, case, key, timer deletion, 2 timers, notice, COMMIT
    for (int k = 1; k <= writes + 1; ++k) {
        INFO("dies before write " << k);
        alur::test::TempDir dir;
        const auto file = dir / "alur.db";
        {
            auto j = open_journal(file);
            REQUIRE(ok(j->commit(request("", 0, "k-open"))));
            REQUIRE(ok(j->commit(request("MUT-000001", 1))));
        }

        const int status = in_child([&] {
            alur::sqlite::Options o;
            o.before_write = [k](int i) {
                if (i == k) ::_exit(crashed);
            };
            auto j = SqliteJournal::open(file.string(), o);
            if (!j) return 2;
            return j.value()->commit(request("MUT-000001", 2, "k-crash")) ? 0 : 1;
        });
        CHECK(status == (k <= writes ? crashed : 0));

        auto j = open_journal(file);
        CHECK(journal_problem(*j).empty());
        const bool there = k > writes;
        const auto c = j->find_case("MUT-000001").value();
        const auto key = j->find_idempotency("k-crash").value();
        CHECK(c.version == (there ? 3 : 2));
        CHECK(j->read_events(0, 0).value().size() == (there ? 3u : 2u));
        CHECK(key.has_value() == there);
        if (key) CHECK(key->seq == 3);

        // The journal goes on: the next commit lands right after what is there.
        auto next = j->commit(request("MUT-000001", c.version, "k-next"));
        REQUIRE(ok(next));
        CHECK(next->event.seq == c.version + 1);
        CHECK(journal_problem(*j).empty());
    }
}

TEST_CASE("crash: a process dying while opening a case does not use up its serial", "[sqlite][crash]") {
    constexpr int writes = 9;  // serial, event, case, key, timer deletion, 2 timers, notice, COMMIT
    for (int k = 1; k <= writes + 1; ++k) {
        INFO("dies before write " << k);
        alur::test::TempDir dir;
        const auto file = dir / "alur.db";
        REQUIRE(ok(open_journal(file)->commit(request("", 0))));

        const int status = in_child([&] {
            alur::sqlite::Options o;
            o.before_write = [k](int i) {
                if (i == k) ::_exit(crashed);
            };
            auto j = SqliteJournal::open(file.string(), o);
            if (!j) return 2;
            return j.value()->commit(request("", 0, "k-open2")) ? 0 : 1;
        });
        CHECK(status == (k <= writes ? crashed : 0));

        auto j = open_journal(file);
        CHECK(journal_problem(*j).empty());
        const bool there = k > writes;
        CHECK(j->find_case("MUT-000002").has_value() == there);
        CHECK(j->find_idempotency("k-open2").value().has_value() == there);
        auto next = j->commit(request("", 0));
        REQUIRE(ok(next));
        CHECK(next->projection.id == (there ? "MUT-000003" : "MUT-000002"));
    }
}

TEST_CASE("crash: a throwing write rolls the commit back and the journal goes on", "[sqlite][crash]") {
    constexpr int writes = 8;  // event, case, key, timer deletion, 2 timers, notice, COMMIT
    for (int k = 1; k <= writes; ++k) {
        INFO("throws before write " << k);
        alur::test::TempDir dir;
        int fail_at = 0;
        alur::sqlite::Options o;
        o.before_write = [&fail_at](int i) {
            if (i == fail_at) throw std::runtime_error("injected fault at write " + std::to_string(i));
        };
        auto j = open_journal(dir / "alur.db", o);
        REQUIRE(ok(j->commit(request("", 0))));

        fail_at = k;
        auto r = j->commit(request("MUT-000001", 1, "k-fail"));
        REQUIRE(failed(r));
        CHECK(r.error().code == alur::errc::io);
        CHECK(r.error().message.find("injected fault at write " + std::to_string(k)) != std::string::npos);
        CHECK(j->find_case("MUT-000001").value().version == 1);
        CHECK(j->read_events(0, 0).value().size() == 1u);
        CHECK_FALSE(j->find_idempotency("k-fail").value());
        CHECK(journal_problem(*j).empty());  // the first state's timers, one notice

        fail_at = 0;
        auto retried = j->commit(request("MUT-000001", 1, "k-fail"));
        REQUIRE(ok(retried));
        CHECK(retried->event.seq == 2);
        CHECK(journal_problem(*j).empty());
    }
}

TEST_CASE("crash: a process killed in the middle of a stream of commits", "[sqlite][crash]") {
    alur::test::TempDir dir;
    const auto file = dir / "alur.db";
    REQUIRE(ok(open_journal(file)->commit(request("", 0))));

    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(ready[0]);
        auto j = SqliteJournal::open(file.string());
        if (!j) ::_exit(2);
        for (std::int64_t v = 1;; ++v) {
            if (!j.value()->commit(request("MUT-000001", v, stream_key(v)))) ::_exit(1);
            if (v == 20 && ::write(ready[1], "x", 1) != 1) ::_exit(3);
        }
    }
    ::close(ready[1]);
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);  // 20 commits are in; more are under way
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(ready[0]);
    CHECK(WIFSIGNALED(status));

    auto j = open_journal(file);
    CHECK(journal_problem(*j).empty());
    const auto c = j->find_case("MUT-000001").value();
    CHECK(c.version >= 21);
    // Every stored event has its key, and no key outlived its event.
    CHECK(j->find_idempotency(stream_key(c.version - 1)).value().has_value());
    CHECK_FALSE(j->find_idempotency(stream_key(c.version)).value().has_value());
    REQUIRE(ok(j->commit(request("MUT-000001", c.version))));
    CHECK(journal_problem(*j).empty());
}
