// Who did it and what was refused: recorded_by on every event (hashed in a
// backward-compatible way) and the refusals log written by Engine::submit.
#include "alur/engine/refusals.hpp"
#include "alur/engine/text.hpp"
#include "mutation_fixture.hpp"

#include "result_printing.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>
#include <stdexcept>

using namespace alur;
using alur::test::MutationFixture;

namespace {

EventRecord sample_event() {
    EventRecord e;
    e.case_id = "MUT-000001";
    e.seq = 1;
    e.global_seq = 1;
    e.name = "opened";
    e.payload = R"({"a":1})";
    e.actor = "sari";
    e.role = "admin";
    e.reason = "usulan";
    e.occurred_at = parse_utc("2024-05-02T02:30:00.000Z").value();
    e.recorded_at = parse_utc("2024-05-02T02:30:01.000Z").value();
    e.prev_hash = genesis_hash;
    return e;
}

struct RefusalFixture {
    std::shared_ptr<MemoryRefusalLog> refusals = std::make_shared<MemoryRefusalLog>();
    MutationFixture f;
    RefusalFixture() : f({}, nullptr, options(refusals)) {}
    static EngineOptions options(std::shared_ptr<RefusalLog> log) {
        EngineOptions o;
        o.refusals = std::move(log);
        o.recorded_by = "operator-os";
        return o;
    }
};

/// A refusals log whose every append fails (or throws).
class BrokenLog final : public RefusalLog {
public:
    explicit BrokenLog(bool throws) : throws_(throws) {}
    Result<Refusal> append(const Refusal&) override {
        if (throws_) throw std::runtime_error("disk on fire");
        return make_error(errc::io, "disk full");
    }
    Result<std::vector<Refusal>> list(const RefusalFilter&) override { return std::vector<Refusal>{}; }

private:
    bool throws_;
};

}  // namespace

TEST_CASE("an event without recorded_by hashes exactly as before the field existed", "[engine][accountability]") {
    EventRecord e = sample_event();
    // Computed independently (length-prefixed fields, tag alur-event-v1): old journals still verify.
    CHECK(compute_event_hash(e) == "12706ad230452bf33b551c62788e35433ee18a4aca6422a8b649ec026cbf019e");
    e.recorded_by = "budi";
    CHECK(compute_event_hash(e) == "67a6b0db664694978f426094b63d868b8bc3c0f7d9c00955263c4fab781185c1");
    EventRecord other = e;
    other.recorded_by = "andi";
    CHECK(compute_event_hash(other) != compute_event_hash(e));
}

TEST_CASE("every event records who recorded it and the hash covers it", "[engine][accountability]") {
    EngineOptions options;
    options.recorded_by = "operator-os";
    MutationFixture f({}, nullptr, options);
    auto opened = f.open().value();
    CHECK(opened.event.recorded_by == "operator-os");  // the engine's default (the CLI's OS user)
    CHECK(opened.event.hash == compute_event_hash(opened.event));

    Command c;
    c.case_id = opened.projection.id;
    c.event = "record_added";
    c.payload = {{"item", "skp"}, {"value", "ok"}};
    c.actor = "sari";
    c.role = "admin";
    c.reason = "berkas";
    c.recorded_by = "token-sari";  // the API's token name wins over the default
    auto advanced = f.engine->submit(c).value();
    CHECK(advanced.event.recorded_by == "token-sari");
    auto events = f.journal->case_events(opened.projection.id).value();
    REQUIRE(events.size() == 2);
    CHECK(events[0].recorded_by == "operator-os");
    CHECK(events[1].recorded_by == "token-sari");
    EventRecord stripped = events[1];
    stripped.recorded_by.clear();
    CHECK(compute_event_hash(stripped) != events[1].hash);  // removing it breaks the chain
}

TEST_CASE("refused commands are appended to the refusals log and change no case", "[engine][accountability]") {
    RefusalFixture rf;
    auto& f = rf.f;
    auto id = f.open().value().projection.id;
    const auto events_before = f.journal->read_events(0, 0).value().size();

    CHECK(f.send(id, "records_completed").error().code == errc::refused);             // guard
    CHECK(f.send(id, "ppk_decided", {}, "2025-06-03T10:00", "auditor").error().code == errc::forbidden);  // role
    CHECK(f.send(id, "record_added", {{"item", "nope"}}).error().code == errc::invalid_input);  // payload
    Command stale;
    stale.case_id = id;
    stale.event = "record_added";
    stale.payload = {{"item", "skp"}, {"value", "ok"}};
    stale.actor = "sari";
    stale.role = "admin";
    stale.reason = "x";
    stale.expected_version = 7;
    CHECK(f.engine->submit(stale).error().code == errc::conflict);
    CHECK(f.send("MUT-999999", "records_completed").error().code == errc::not_found);  // not a refusal: not kept
    CHECK(f.send(id, "record_added", {{"item", "skp"}, {"value", "ok"}}));              // accepted: not kept

    CHECK(f.journal->read_events(0, 0).value().size() == events_before + 1);  // only the accepted one
    auto log = rf.refusals->list({}).value();
    REQUIRE(log.size() == 4);
    CHECK(log[0].code == "refused");
    CHECK(log[0].case_id == id);
    CHECK(log[0].event == "records_completed");
    CHECK(log[0].actor == "sari");
    CHECK(log[0].role == "admin");
    CHECK(log[0].recorded_by == "operator-os");
    CHECK(log[0].at == f.clock->now());
    CHECK_FALSE(log[0].message.empty());
    CHECK(log[1].code == "forbidden");
    CHECK(log[1].role == "auditor");
    CHECK(log[2].code == "invalid_input");
    CHECK(log[3].code == "conflict");
    CHECK(log[0].prev_hash == genesis_hash);
    CHECK(log[1].prev_hash == log[0].hash);
    CHECK(verify_refusals(*rf.refusals).value().ok());
    CHECK(rf.refusals->list({id, std::nullopt, 0}).value().size() == 4);
    CHECK(rf.refusals->list({std::string("MUT-000042"), std::nullopt, 0}).value().empty());
    CHECK(rf.refusals->list({std::nullopt, f.clock->now() + std::chrono::seconds(1), 0}).value().empty());
}

TEST_CASE("a refusal with invalid UTF-8 and control characters is stored escaped", "[engine][accountability]") {
    RefusalFixture rf;
    Command c;
    c.workflow = "nope\x1b[2J\xff";
    c.actor = "sa\nri";
    c.role = "admin";
    c.reason = "x";
    CHECK_FALSE(rf.f.engine->submit(c));
    auto log = rf.refusals->list({}).value();
    REQUIRE(log.size() == 1);
    for (const auto* text : {&log[0].workflow, &log[0].actor, &log[0].message}) {
        CHECK(is_valid_utf8(*text));
        CHECK(text->find('\x1b') == std::string::npos);
        CHECK(text->find('\n') == std::string::npos);
    }
    CHECK(log[0].actor == "sa\\nri");
    CHECK(verify_refusals(*rf.refusals).value().ok());
}

TEST_CASE("an altered removed or reordered refusal is found by verify_refusals", "[engine][accountability]") {
    RefusalFixture rf;
    auto id = rf.f.open().value().projection.id;
    for (int i = 0; i < 3; ++i) CHECK_FALSE(rf.f.send(id, "records_completed"));
    auto& entries = rf.refusals->entries();
    REQUIRE(entries.size() == 3);
    SECTION("altered") {
        entries[1].actor = "someone else";
        auto check = verify_refusals(*rf.refusals).value();
        CHECK_FALSE(check.ok());
        CHECK(check.bad_seq == 2);
    }
    SECTION("removed") {
        entries.erase(entries.begin());
        CHECK(verify_refusals(*rf.refusals).value().bad_seq == 2);
    }
    SECTION("reordered") {
        std::swap(entries[1], entries[2]);
        CHECK(verify_refusals(*rf.refusals).value().bad_seq == 3);
    }
}

TEST_CASE("a failing refusals log never changes the refusal and is logged", "[engine][accountability]") {
    for (bool throws : {false, true}) {
        std::ostringstream lines;
        EngineOptions options;
        options.refusals = std::make_shared<BrokenLog>(throws);
        options.logger = std::make_shared<spdlog::logger>("t", std::make_shared<spdlog::sinks::ostream_sink_mt>(lines));
        MutationFixture f({}, nullptr, options);
        auto id = f.open().value().projection.id;
        auto refused = f.send(id, "records_completed");
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == errc::refused);
        CHECK_THAT(lines.str(), Catch::Contains("was not recorded in the refusals log"));
    }
}
