// What the SQLite journal adds to the Journal contract: the file survives a
// reopen, the connection is set up as documented, and several connections and
// processes on one file never lose or duplicate a transition.
#include "alur/sqlite/journal.hpp"

#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include "result_printing.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

using namespace std::chrono;
using namespace std::chrono_literals;
using alur::sqlite::SqliteJournal;

using alur::test::failed;
using alur::test::ok;

namespace {

const alur::TimePoint t0 = alur::TimePoint{sys_days{2024y / May / 2}} + 1h;

alur::CommitRequest request(std::string case_id, std::int64_t expected_version, std::string actor = "budi") {
    alur::CommitRequest r;
    r.case_id = std::move(case_id);
    r.case_prefix = "MUT";
    r.expected_version = expected_version;
    r.event.name = expected_version == 0 ? "open" : "note";
    r.event.payload = R"({"n":)" + std::to_string(expected_version + 1) + "}";
    r.event.actor = std::move(actor);
    r.event.role = "bkd_admin";
    r.event.occurred_at = t0 + minutes(expected_version);
    r.event.recorded_at = t0 + minutes(expected_version) + 1s;
    r.projection.workflow = "mutation";
    r.projection.state = "record_gathering";
    r.projection.data = "{}";
    return r;
}

std::shared_ptr<SqliteJournal> open_journal(const std::filesystem::path& file, alur::sqlite::Options o = {}) {
    auto j = SqliteJournal::open(file.string(), std::move(o));
    if (!j) FAIL("open " << file << ": " << j.error().message);
    return *j;
}

// Commits one event to `case_id` at whatever version it has now, retrying
// when another writer got there first. Returns false after too many attempts.
bool append_with_retry(alur::Journal& j, const std::string& case_id, const std::string& actor) {
    for (int attempt = 0; attempt < 10000; ++attempt) {
        auto c = j.find_case(case_id);
        if (!c) {
            if (c.error().code == alur::errc::busy) continue;
            return false;
        }
        auto r = j.commit(request(case_id, c->version, actor));
        if (r) return true;
        if (r.error().code != alur::errc::conflict && r.error().code != alur::errc::busy) return false;
    }
    return false;
}

// Empty when every event follows its predecessor and carries its own hash.
std::string chain_problem(alur::Journal& j) {
    std::string prev = alur::genesis_hash;
    std::int64_t next = 1;
    for (const auto& e : j.read_events(0, 0).value()) {
        if (e.global_seq != next) return "global_seq " + std::to_string(e.global_seq) + " where " + std::to_string(next) + " was due";
        if (e.prev_hash != prev) return "event " + std::to_string(next) + " does not link to its predecessor";
        if (e.hash != alur::compute_event_hash(e)) return "event " + std::to_string(next) + " has a wrong hash";
        prev = e.hash;
        ++next;
    }
    return {};
}

}  // namespace

TEST_CASE("sqlite: a reopened journal has everything it had", "[sqlite]") {
    alur::test::TempDir dir;
    const auto file = dir / "alur.db";
    std::vector<alur::EventRecord> before;
    {
        auto j = open_journal(file);
        auto open = request("", 0);
        open.idempotency = alur::IdempotencyRecord{"k1", "fp1", "", 0};
        REQUIRE(ok(j->commit(open)));
        REQUIRE(ok(j->commit(request("", 0))));
        REQUIRE(ok(j->commit(request("MUT-000001", 1))));
        before = j->read_events(0, 0).value();
        CHECK(j->path() == file.string());
    }
    alur::sqlite::Options existing;
    existing.create = false;
    auto j = open_journal(file, existing);
    auto after = j->read_events(0, 0).value();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
        CHECK(after[i].hash == before[i].hash);
        CHECK(after[i].occurred_at == before[i].occurred_at);
        CHECK(after[i].recorded_at == before[i].recorded_at);
    }
    CHECK(chain_problem(*j).empty());
    auto c = j->find_case("MUT-000001").value();
    CHECK(c.version == 2);
    CHECK(c.opened_at == t0);
    CHECK(c.updated_at == t0 + 1min);
    auto key = j->find_idempotency("k1").value();
    REQUIRE(key);
    CHECK(key->fingerprint == "fp1");
    CHECK(key->case_id == "MUT-000001");
    CHECK(key->seq == 1);
    auto next = j->commit(request("", 0));
    REQUIRE(ok(next));
    CHECK(next->projection.id == "MUT-000003");
    CHECK(next->event.prev_hash == before.back().hash);
}

TEST_CASE("sqlite: open refuses what it cannot use", "[sqlite]") {
    alur::test::TempDir dir;

    SECTION("no file and create = false is not_found, and creates nothing") {
        alur::sqlite::Options o;
        o.create = false;
        auto r = SqliteJournal::open((dir / "missing.db").string(), o);
        REQUIRE(failed(r));
        CHECK(r.error().code == alur::errc::not_found);
        CHECK(r.error().message == "no database at " + (dir / "missing.db").string() + "; run `alur init` first");
        CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
    }
    SECTION("synchronous must be NORMAL, FULL or EXTRA") {
        alur::sqlite::Options o;
        o.synchronous = "SOMETIMES";
        auto r = SqliteJournal::open((dir / "a.db").string(), o);
        REQUIRE(failed(r));
        CHECK(r.error().code == alur::errc::invalid_input);
        CHECK(r.error().field == "synchronous");
        o.synchronous = "normal";
        CHECK(ok(SqliteJournal::open((dir / "a.db").string(), o)));
    }
    SECTION("a file that is not a database is corrupt") {
        std::ofstream(dir / "notes.db") << std::string(8192, 'x');
        auto r = SqliteJournal::open((dir / "notes.db").string());
        REQUIRE(failed(r));
        CHECK(r.error().code == alur::errc::corrupt);
    }
    SECTION("a schema from a newer build is refused") {
        open_journal(dir / "new.db");
        {
            SQLite::Database raw((dir / "new.db").string(), SQLite::OPEN_READWRITE);
            raw.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
        }
        auto r = SqliteJournal::open((dir / "new.db").string());
        REQUIRE(failed(r));
        CHECK(r.error().code == alur::errc::invalid_input);
        CHECK(r.error().message.find("schema version 99") != std::string::npos);
    }
}

TEST_CASE("sqlite: the file is in WAL mode with a versioned schema", "[sqlite]") {
    alur::test::TempDir dir;
    auto j = open_journal(dir / "alur.db");
    SQLite::Database raw((dir / "alur.db").string(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(raw.execAndGet("SELECT value FROM meta WHERE key = 'schema_version'").getString() == "8");
    for (const char* table :
         {"events", "cases", "idempotency", "case_serials", "timers", "outbox", "tokens", "grants", "users"}) {
        INFO(table);
        CHECK(raw.tableExists(table));
    }
    REQUIRE(ok(j->commit(request("", 0))));
    CHECK(raw.execAndGet("SELECT occurred_at FROM events").getString() == "2024-05-02T01:00:00.000Z");
    CHECK(raw.execAndGet("SELECT last FROM case_serials WHERE prefix = 'MUT'").getInt() == 1);
}

TEST_CASE("sqlite: a writer held up past the busy timeout gets busy", "[sqlite]") {
    alur::test::TempDir dir;
    alur::sqlite::Options o;
    o.busy_timeout = 50ms;
    auto j = open_journal(dir / "alur.db", o);
    REQUIRE(ok(j->commit(request("", 0))));
    {
        SQLite::Database other((dir / "alur.db").string(), SQLite::OPEN_READWRITE);
        SQLite::Transaction hold(other, SQLite::TransactionBehavior::IMMEDIATE);
        auto r = j->commit(request("MUT-000001", 1));
        REQUIRE(failed(r));
        CHECK(r.error().code == alur::errc::busy);
        CHECK(j->find_case("MUT-000001").value().version == 1);  // readers are not blocked
    }
    CHECK(ok(j->commit(request("MUT-000001", 1))));
}

TEST_CASE("sqlite: two connections racing on one case: one wins, one conflicts", "[sqlite]") {
    alur::test::TempDir dir;
    auto a = open_journal(dir / "alur.db");
    auto b = open_journal(dir / "alur.db");

    REQUIRE(ok(a->commit(request("", 0))));
    auto second = b->commit(request("", 0));
    REQUIRE(ok(second));
    CHECK(second->projection.id == "MUT-000002");  // b sees a's serial

    const auto va = a->find_case("MUT-000001").value().version;
    const auto vb = b->find_case("MUT-000001").value().version;
    REQUIRE(va == vb);
    auto won = a->commit(request("MUT-000001", va, "a"));
    auto lost = b->commit(request("MUT-000001", vb, "b"));
    REQUIRE(ok(won));
    REQUIRE(failed(lost));
    CHECK(lost.error().code == alur::errc::conflict);

    auto retried = b->commit(request("MUT-000001", b->find_case("MUT-000001").value().version, "b"));
    REQUIRE(ok(retried));
    CHECK(retried->event.seq == 3);
    CHECK(retried->event.prev_hash == won->event.hash);

    auto events = a->case_events("MUT-000001").value();
    REQUIRE(events.size() == 3);
    CHECK(events[1].actor == "a");
    CHECK(events[2].actor == "b");
    CHECK(chain_problem(*a).empty());
}

TEST_CASE("sqlite: threads sharing one journal append without loss", "[sqlite]") {
    alur::test::TempDir dir;
    auto j = open_journal(dir / "alur.db");
    REQUIRE(ok(j->commit(request("", 0))));
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i)
                if (!append_with_retry(*j, "MUT-000001", "thread" + std::to_string(t))) ++failures;
        });
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    CHECK(j->find_case("MUT-000001").value().version == 101);
    CHECK(chain_problem(*j).empty());
}

TEST_CASE("sqlite: four processes appending to one case lose and duplicate nothing", "[sqlite]") {
    alur::test::TempDir dir;
    const auto file = dir / "alur.db";
    // The parent's connection is closed before fork(): a child never inherits one.
    REQUIRE(ok(open_journal(file)->commit(request("", 0, "parent"))));

    constexpr int children = 4, per_child = 50;
    std::vector<pid_t> pids;
    for (int c = 0; c < children; ++c) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            auto j = SqliteJournal::open(file.string());
            if (!j) ::_exit(2);
            for (int i = 0; i < per_child; ++i)
                if (!append_with_retry(**j, "MUT-000001", "child" + std::to_string(c))) ::_exit(3);
            ::_exit(0);
        }
        pids.push_back(pid);
    }
    for (pid_t pid : pids) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }

    auto j = open_journal(file);
    auto events = j->case_events("MUT-000001").value();
    REQUIRE(events.size() == 1 + children * per_child);
    std::map<std::string, int> by_actor;
    for (std::size_t i = 0; i < events.size(); ++i) {
        CHECK(events[i].seq == static_cast<std::int64_t>(i) + 1);
        ++by_actor[events[i].actor];
    }
    for (int c = 0; c < children; ++c) CHECK(by_actor["child" + std::to_string(c)] == per_child);
    CHECK(j->find_case("MUT-000001").value().version == 1 + children * per_child);
    CHECK(chain_problem(*j).empty());
}

TEST_CASE("sqlite: processes creating one fresh file at once share one schema", "[sqlite]") {
    alur::test::TempDir dir;
    const auto file = dir / "alur.db";
    constexpr int children = 4;
    std::vector<pid_t> pids;
    for (int c = 0; c < children; ++c) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            auto j = SqliteJournal::open(file.string());
            if (!j) ::_exit(2);
            for (int attempt = 0; attempt < 100; ++attempt) {
                auto r = j.value()->commit(request("", 0, "child" + std::to_string(c)));
                if (r) ::_exit(0);
                if (r.error().code != alur::errc::busy) ::_exit(3);
            }
            ::_exit(4);
        }
        pids.push_back(pid);
    }
    for (pid_t pid : pids) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    auto j = open_journal(file);
    std::vector<std::string> ids;
    for (const auto& c : j->list_cases({}).value()) ids.push_back(c.id);
    CHECK(ids == std::vector<std::string>{"MUT-000001", "MUT-000002", "MUT-000003", "MUT-000004"});
    CHECK(chain_problem(*j).empty());
}
