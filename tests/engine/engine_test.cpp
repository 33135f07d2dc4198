// The command path: refusals write nothing, versions and idempotency keys,
// replay equals the projection.
#include "mutation_fixture.hpp"

#include "result_printing.hpp"

using namespace alur;
using alur::test::MutationFixture;

namespace {

std::size_t event_count(Journal& j) { return j.read_events(0, 0).value().size(); }

Command record(const std::string& id, const std::string& item) {
    Command c;
    c.case_id = id;
    c.event = "record_added";
    c.payload = {{"item", item}, {"value", "ok"}};
    c.actor = "sari";
    c.role = "admin";
    c.reason = "berkas lengkap";
    return c;
}

}  // namespace

TEST_CASE("opening a case journals the opened event with the profile in effect", "[engine]") {
    MutationFixture f;
    auto opened = f.open().value();
    CHECK(opened.projection.id == "MUT-000001");
    CHECK(opened.projection.state == "record_gathering");
    CHECK(opened.projection.version == 1);
    CHECK(opened.event.name == "opened");
    CHECK(opened.event.seq == 1);
    CHECK(opened.event.global_seq == 1);
    CHECK(opened.event.prev_hash == genesis_hash);
    CHECK(opened.event.hash == compute_event_hash(opened.event));
    CHECK_THAT(opened.event.payload, Catch::Contains("\"scoring_profile\":{\"interviews\":3,\"keep_at\":80,"));
    CHECK(f.open().value().projection.id == "MUT-000002");
}

TEST_CASE("a refused or invalid command writes nothing", "[engine]") {
    MutationFixture f;
    auto id = f.open().value().projection.id;
    auto before = event_count(*f.journal);
    CHECK_FALSE(f.send(id, "records_completed"));                       // guard
    CHECK_FALSE(f.send(id, "visit_completed"));                         // no transition
    CHECK_FALSE(f.send(id, "record_added", {{"item", "nope"}}));        // payload
    CHECK_FALSE(f.send(id, "ppk_decided", {}, "2025-06-03", "auditor"));  // role
    CHECK_FALSE(f.send(id, "no_such_event"));
    CHECK(event_count(*f.journal) == before);
    CHECK(f.engine->view(id).value().record.version == 1);
    auto missing = f.send("MUT-999999", "records_completed");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == errc::not_found);
}

TEST_CASE("an expected version that is not the case's version is a conflict", "[engine]") {
    MutationFixture f;
    auto id = f.open().value().projection.id;
    auto c = record(id, "skp");
    c.expected_version = 5;
    auto r = f.engine->submit(c);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::conflict);
    CHECK_THAT(r.error().message, Catch::Contains("is at version 1, expected 5"));
    c.expected_version = 1;
    CHECK(f.engine->submit(c).value().projection.version == 2);
}

TEST_CASE("idempotency keys: same command, same answer, other command, conflict", "[engine]") {
    MutationFixture f;
    auto id = f.open().value().projection.id;
    auto c = record(id, "skp");
    c.idempotency_key = "req-42";
    auto first = f.engine->submit(c).value();
    CHECK_FALSE(first.replayed);
    f.engine->submit(record(id, "edijab")).value();  // the case moves on
    auto again = f.engine->submit(c).value();
    CHECK(again.replayed);
    CHECK(again.event.global_seq == first.event.global_seq);
    CHECK(again.projection.version == first.projection.version);
    CHECK(again.state_before == "record_gathering");
    CHECK(event_count(*f.journal) == 3);

    auto other = record(id, "discipline");
    other.idempotency_key = "req-42";
    auto r = f.engine->submit(other);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::conflict);
    CHECK_THAT(r.error().message, Catch::Contains("already used for a different command"));
    CHECK(event_count(*f.journal) == 3);
}

TEST_CASE("a second engine on the same journal sees the first one's commits", "[engine]") {
    MutationFixture f;
    auto id = f.open().value().projection.id;
    EngineOptions options;
    options.journal = f.journal;
    options.clock = f.clock;
    Engine other(options);
    other.add_workflow(f.engine->workflows().front());
    f.engine->submit(record(id, "skp")).value();       // cached in f.engine
    other.submit(record(id, "edijab")).value();        // other rebuilds from the journal
    auto third = f.engine->submit(record(id, "neutrality")).value();  // f.engine's cache is stale: rebuild
    CHECK(third.projection.version == 4);
    CHECK(third.event.seq == 4);
}

TEST_CASE("replay through the machine equals the stored projection", "[engine][replay]") {
    MutationFixture f;
    for (const char* target : {"completed", "scoring", "ppk_decision"}) {
        auto id = f.case_in(target);
        auto machine = f.engine->replay(id).value();
        auto record = f.engine->view(id).value().record;
        CHECK(machine->state() == record.state);
        CHECK(canonical_json(machine->data()) == record.data);
    }
}

TEST_CASE("occurred_at defaults to the clock, recorded_at is always the clock", "[engine][clock]") {
    MutationFixture f;
    auto id = f.open().value().projection.id;
    f.clock->set(alur::test::at("2025-07-01T08:00"));
    auto c = record(id, "skp");
    auto out = f.engine->submit(c).value();
    CHECK(format_utc(out.event.occurred_at) == "2025-07-01T01:00:00.000Z");
    CHECK(format_utc(out.event.recorded_at) == "2025-07-01T01:00:00.000Z");
}

namespace {

/// A journal that lets another writer commit between a reader's find_case and
/// its case_events, once: the interleaving of two processes on one file.
class InterleavingJournal final : public Journal {
public:
    explicit InterleavingJournal(std::shared_ptr<Journal> inner) : inner_(std::move(inner)) {}
    std::function<void()> between;  ///< run once, inside the next case_events

    Result<Committed> commit(const CommitRequest& r) override { return inner_->commit(r); }
    Result<std::vector<Committed>> commit_all(const std::vector<CommitRequest>& r) override {
        return inner_->commit_all(r);
    }
    Result<CaseRecord> find_case(std::string_view id) override { return inner_->find_case(id); }
    Result<std::vector<EventRecord>> case_events(std::string_view id) override {
        if (auto run = std::exchange(between, nullptr)) run();
        return inner_->case_events(id);
    }
    Result<std::vector<CaseRecord>> list_cases(const CaseFilter& f) override { return inner_->list_cases(f); }
    Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view k) override {
        return inner_->find_idempotency(k);
    }
    Result<std::vector<EventRecord>> read_events(std::int64_t after, std::size_t limit) override {
        return inner_->read_events(after, limit);
    }
    Result<std::vector<Timer>> case_timers(std::string_view id) override { return inner_->case_timers(id); }
    Result<std::optional<Timer>> next_timer() override { return inner_->next_timer(); }
    Result<std::vector<Timer>> due_timers(TimePoint now, std::size_t limit) override {
        return inner_->due_timers(now, limit);
    }
    Result<std::int64_t> timer_count() override { return inner_->timer_count(); }
    Result<std::vector<Notice>> pending_notices(TimePoint now, std::size_t limit) override {
        return inner_->pending_notices(now, limit);
    }
    Result<void> notice_delivered(std::int64_t id, TimePoint at) override { return inner_->notice_delivered(id, at); }
    Result<void> notice_failed(std::int64_t id, std::string_view error, TimePoint retry_at) override {
        return inner_->notice_failed(id, error, retry_at);
    }
    Result<std::vector<Notice>> case_notices(std::string_view id) override { return inner_->case_notices(id); }
    Result<std::vector<Notice>> read_notices(std::int64_t after, std::size_t limit) override {
        return inner_->read_notices(after, limit);
    }
    Result<std::vector<IdempotencyRecord>> read_idempotency(std::string_view after, std::size_t limit) override {
        return inner_->read_idempotency(after, limit);
    }
    Result<std::uint64_t> change_counter() override { return inner_->change_counter(); }

private:
    std::shared_ptr<Journal> inner_;
};

}  // namespace

TEST_CASE("a commit by another writer between reading a case and its events is a retried conflict",
          "[engine]") {
    auto memory = std::make_shared<MemoryJournal>();
    auto interleaving = std::make_shared<InterleavingJournal>(memory);
    MutationFixture other(mutation::Settings{}, memory);  // the other process
    const auto id = other.open().value().projection.id;
    MutationFixture f(mutation::Settings{}, interleaving);  // this process, its cache empty

    // f reads the case at version 1; before it reads the events, the other writer commits version 2.
    interleaving->between = [&] { REQUIRE(other.engine->submit(record(id, "skp"))); };
    auto out = f.engine->submit(record(id, "edijab"));
    INFO((out ? std::string() : out.error().message));
    REQUIRE(out.has_value());  // not "corrupt": replayed to the version read, then retried on version 2
    CHECK(out->projection.version == 3);
    CHECK(memory->read_events(0, 0).value().size() == 3);
    CHECK(f.engine->replay(id).value()->data().at("records").as_object().size() == 2);
}
