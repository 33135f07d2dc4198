// The command pipeline on a real SQLite file: commands decided while the
// committer is held inside a transaction (a gate in the journal's
// before_write hook) are written together in the next group commit — several
// cases, several commands on one case, a refusal, a linked commit, a conflict
// with another process, one idempotency key twice — and each is acknowledged
// only after its transaction committed. No sleeps: the test waits on the gate
// and on the commands' futures.
#include "fault_vfs.hpp"
#include "job_fit_fixture.hpp"
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"
#include "alur/sqlite/journal.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>

using namespace alur;
using test::at;

namespace {

/// Holds the committer at its first write while closed.
struct Gate {
    std::mutex m;
    std::condition_variable cv;
    bool closed = false;
    bool entered = false;

    void close() {
        std::lock_guard l(m);
        closed = true;
        entered = false;
    }
    void at_write() {
        std::unique_lock l(m);
        entered = true;
        cv.notify_all();
        cv.wait(l, [&] { return !closed; });
    }
    bool wait_entered() {
        std::unique_lock l(m);
        return cv.wait_for(l, std::chrono::seconds(30), [&] { return entered; });
    }
    void open() {
        {
            std::lock_guard l(m);
            closed = false;
        }
        cv.notify_all();
    }
};

struct Setup {
    test::TempDir dir;
    std::string path = (dir / "pipeline.db").string();
    std::shared_ptr<Gate> gate = std::make_shared<Gate>();
    std::shared_ptr<std::vector<CommitStats>> stats = std::make_shared<std::vector<CommitStats>>();
    std::shared_ptr<std::mutex> stats_mutex = std::make_shared<std::mutex>();

    std::shared_ptr<Journal> journal(const std::string& vfs = {}) {
        sqlite::Options o;
        o.vfs = vfs;
        o.before_write = [g = gate](int) { g->at_write(); };
        return sqlite::SqliteJournal::open(path, o).value();
    }
    EngineOptions options() {
        EngineOptions e;
        e.on_commit = [s = stats, m = stats_mutex](const CommitStats& c) {
            std::lock_guard l(*m);
            s->push_back(c);
        };
        return e;
    }
    std::vector<std::size_t> batch_sizes() {
        std::lock_guard l(*stats_mutex);
        std::vector<std::size_t> out;
        for (const auto& s : *stats) out.push_back(s.commands);
        return out;
    }
};

Command event(const std::string& id, const std::string& name, boost::json::object payload,
              const std::string& role = "admin") {
    Command c;
    c.case_id = id;
    c.event = name;
    c.payload = std::move(payload);
    c.actor = role == "ppk" ? "bupati" : "sari";
    c.role = role;
    c.reason = "uji antrean";
    c.occurred_at = at("2025-06-03T10:00");
    return c;
}

Command record(const std::string& id, const std::string& item) {
    return event(id, "record_added", {{"item", item}, {"value", "ok"}});
}

/// submit_async, with a flag set when it is answered.
struct Async {
    std::shared_ptr<std::promise<Result<Outcome>>> promise = std::make_shared<std::promise<Result<Outcome>>>();
    std::future<Result<Outcome>> future = promise->get_future();
    std::shared_ptr<std::atomic<bool>> answered = std::make_shared<std::atomic<bool>>(false);

    Async(Engine& engine, Command c) {
        engine.submit_async(std::move(c), [p = promise, a = answered](Result<Outcome> r) {
            a->store(true);
            p->set_value(std::move(r));
        });
    }
    Result<Outcome> get() {
        REQUIRE(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        return future.get();
    }
};

boost::json::object approve() { return {{"decision", "approve"}, {"sk_number", "800/45/2025"}}; }

std::int64_t version(Journal& j, const std::string& id) { return j.find_case(id).value().version; }

}  // namespace

TEST_CASE("pipeline: commands of several cases and several on one case share one group commit", "[pipeline]") {
    Setup s;
    test::MutationFixture f({}, s.journal(), s.options());
    const std::string a = f.open().value().projection.id;
    const std::string b = f.open().value().projection.id;
    const std::string c = f.open().value().projection.id;
    f.now_at_least(at("2025-06-03T10:00"));

    s.gate->close();
    Async blocker(*f.engine, record(c, "skp"));
    REQUIRE(s.gate->wait_entered());  // the committer is inside the first transaction
    Async a1(*f.engine, record(a, "skp"));
    Async a2(*f.engine, record(a, "edijab"));
    Async a3(*f.engine, record(a, "competency_test"));
    Async b1(*f.engine, record(b, "skp"));
    // Decided and queued, none acknowledged: nothing is committed yet.
    CHECK(f.engine->queue_depth() == 4);
    CHECK_FALSE(blocker.answered->load());
    CHECK_FALSE(a1.answered->load());
    CHECK_FALSE(b1.answered->load());
    // Another connection sees nothing of them yet.
    CHECK(version(*sqlite::SqliteJournal::open(s.path).value(), a) == 1);
    s.gate->open();

    REQUIRE(blocker.get());
    auto r1 = a1.get(), r2 = a2.get(), r3 = a3.get(), rb = b1.get();
    REQUIRE(r1);
    REQUIRE(r2);
    REQUIRE(r3);
    REQUIRE(rb);
    // Each decided on the state the previous one left, in arrival order.
    CHECK(r1.value().projection.version == 2);
    CHECK(r2.value().projection.version == 3);
    CHECK(r3.value().projection.version == 4);
    CHECK(rb.value().projection.version == 2);
    CHECK(r1.value().event.global_seq < r2.value().event.global_seq);
    CHECK(r2.value().event.global_seq < r3.value().event.global_seq);
    auto data = boost::json::parse(f.journal->find_case(a).value().data).as_object();
    CHECK(data.at("records").as_object().size() == 3);
    // Three openings, the blocker alone, then the four together.
    CHECK(s.batch_sizes() == std::vector<std::size_t>{1, 1, 1, 1, 4});
    CHECK(f.engine->queue_depth() == 0);
    CHECK(audit::verify(*f.engine).value().ok());
}

TEST_CASE("pipeline: a refused command in a batch affects no other", "[pipeline]") {
    Setup s;
    test::MutationFixture f({}, s.journal(), s.options());
    const std::string a = f.open().value().projection.id;
    const std::string b = f.open().value().projection.id;
    f.now_at_least(at("2025-06-03T10:00"));

    // Another process moves case b on.
    auto other_journal = sqlite::SqliteJournal::open(s.path).value();
    test::MutationFixture other({}, other_journal);
    other.now_at_least(at("2025-06-03T10:00"));
    REQUIRE(other.engine->submit(record(b, "skp")));

    s.gate->close();
    Async blocker(*f.engine, record(a, "skp"));
    REQUIRE(s.gate->wait_entered());
    Command stale = record(b, "edijab");
    stale.expected_version = 1;  // what this client saw: b was at version 1
    Async refused(*f.engine, stale);
    Async fine(*f.engine, record(a, "edijab"));
    s.gate->open();

    REQUIRE(blocker.get());
    auto r = refused.get();
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::conflict);
    CHECK(r.error().message.find("version 2") != std::string::npos);
    auto ok = fine.get();
    REQUIRE(ok);
    CHECK(ok.value().projection.version == 3);
    CHECK(version(*f.journal, b) == 2);  // the other process's event, and nothing of the refused one
    CHECK(s.batch_sizes().back() == 2);
}

TEST_CASE("pipeline: a conflict with another process mid-batch sends only that command back", "[pipeline]") {
    Setup s;
    test::MutationFixture f({}, s.journal(), s.options());
    const std::string a = f.open().value().projection.id;
    const std::string b = f.open().value().projection.id;
    f.now_at_least(at("2025-06-03T10:00"));
    REQUIRE(f.engine->submit(record(b, "skp")));  // this engine now holds b at version 2

    // Another process moves b on behind this engine's back.
    auto other_journal = sqlite::SqliteJournal::open(s.path).value();
    test::MutationFixture other({}, other_journal);
    other.now_at_least(at("2025-06-03T10:00"));
    REQUIRE(other.engine->submit(record(b, "edijab")));

    s.gate->close();
    Async blocker(*f.engine, record(a, "skp"));
    REQUIRE(s.gate->wait_entered());
    Async on_b(*f.engine, record(b, "competency_test"));  // decided on version 2: meets 3 in the transaction
    Async on_a(*f.engine, record(a, "edijab"));
    s.gate->open();

    REQUIRE(blocker.get());
    auto rb = on_b.get();
    REQUIRE(rb);
    CHECK(rb.value().projection.version == 4);  // decided again on the other process's event
    auto ra = on_a.get();
    REQUIRE(ra);
    CHECK(ra.value().projection.version == 3);
    auto data = boost::json::parse(f.journal->find_case(b).value().data).as_object();
    CHECK(data.at("records").as_object().size() == 3);
    const auto sizes = s.batch_sizes();
    REQUIRE(sizes.size() >= 2);
    CHECK(sizes[sizes.size() - 2] == 2);  // a's and b's together; b alone again after
    CHECK(sizes.back() == 1);
    CHECK(audit::verify(*f.engine).value().ok());
}

TEST_CASE("pipeline: one idempotency key twice in a batch is one event", "[pipeline]") {
    Setup s;
    test::MutationFixture f({}, s.journal(), s.options());
    const std::string a = f.open().value().projection.id;
    f.now_at_least(at("2025-06-03T10:00"));

    s.gate->close();
    Async blocker(*f.engine, record(a, "skp"));
    REQUIRE(s.gate->wait_entered());
    Command keyed = record(a, "edijab");
    keyed.idempotency_key = "k-1";
    Async first(*f.engine, keyed);
    Async again(*f.engine, keyed);
    Command other = record(a, "competency_test");
    other.idempotency_key = "k-1";
    Async different(*f.engine, other);
    s.gate->open();

    REQUIRE(blocker.get());
    auto r1 = first.get();
    auto r2 = again.get();
    auto r3 = different.get();
    REQUIRE(r1);
    REQUIRE(r2);
    CHECK_FALSE(r1.value().replayed);
    CHECK(r2.value().replayed);
    CHECK(r2.value().event.seq == r1.value().event.seq);
    CHECK(r2.value().event.hash == r1.value().event.hash);
    REQUIRE_FALSE(r3);
    CHECK(r3.error().code == errc::conflict);
    CHECK(r3.error().field == "idempotency_key");
    CHECK(version(*f.journal, a) == 3);  // opened, the blocker, the keyed one once
    // The same key later is answered from the journal.
    auto r4 = f.engine->submit(keyed);
    REQUIRE(r4);
    CHECK(r4.value().replayed);
    CHECK(r4.value().event.seq == 3);
}

TEST_CASE("pipeline: a linked commit in a batch opens its case with it", "[pipeline]") {
    Setup s;
    // The job fit fixture's engine on the SQLite file.
    test::JobFitFixture f;
    auto sqlite_journal = s.journal();
    EngineOptions o = s.options();
    o.journal = sqlite_journal;
    o.clock = f.clock;
    o.reference_exists = [](std::string_view kind, std::string_view id) -> Result<bool> {
        return kind == "jobfit_batch" && id == "JF-2025-001";
    };
    f.journal = sqlite_journal;
    f.engine = std::make_unique<Engine>(o);
    f.engine->add_workflow(mutation::make_workflow({}));
    f.engine->add_workflow(job_fit::make_workflow({}));
    const std::string rotate = f.case_at("ppk_review", "rotate");
    const std::string other = f.case_at("ppk_review", "keep");
    f.now_at_least(at("2025-06-04T10:00"));

    s.gate->close();
    Async blocker(*f.engine, event(other, "withdrawn", {{"reason", "mengundurkan diri"}}));
    REQUIRE(s.gate->wait_entered());
    Command approval = event(rotate, "ppk_reviewed", approve(), "ppk");
    approval.occurred_at = at("2025-06-04T10:00");
    Async approved(*f.engine, approval);
    const std::string third = "MUT-000001";  // the first mutation case to be opened
    s.gate->open();

    REQUIRE(blocker.get());
    auto r = approved.get();
    REQUIRE(r);
    REQUIRE(r.value().opened.size() == 1);
    CHECK(r.value().opened.front().id == third);
    CHECK(r.value().opened.front().workflow == "mutation");
    CHECK(f.journal->find_case(third).value().state == "ppk_decision");
    CHECK(audit::verify(*f.engine).value().ok());
}

TEST_CASE("pipeline: a batch whose commit fails fails every command in it and writes nothing", "[pipeline]") {
    test::FaultVfs::install();
    Setup s;
    test::MutationFixture f({}, s.journal(test::FaultVfs::name), s.options());
    const std::string a = f.open().value().projection.id;
    const std::string b = f.open().value().projection.id;
    f.now_at_least(at("2025-06-03T10:00"));

    s.gate->close();
    Async blocker(*f.engine, record(a, "skp"));
    REQUIRE(s.gate->wait_entered());
    Async on_a(*f.engine, record(a, "edijab"));
    Async on_b(*f.engine, record(b, "skp"));
    // Every sync fails from now on: the blocker's transaction and the next.
    test::FaultVfs::arm(test::FaultVfs::Op::sync, 1, SQLITE_IOERR);
    s.gate->open();

    for (Async* cmd : {&blocker, &on_a, &on_b}) {
        auto r = cmd->get();
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::io);
    }
    test::FaultVfs::clear();
    // Another connection sees nothing of them.
    auto fresh = sqlite::SqliteJournal::open(s.path).value();
    CHECK(version(*fresh, a) == 1);
    CHECK(version(*fresh, b) == 1);
    // And the engine goes on from the journal as it is.
    auto again = f.engine->submit(record(a, "edijab"));
    REQUIRE(again);
    CHECK(again.value().projection.version == 2);
    CHECK(audit::verify(*f.engine).value().ok());
}
