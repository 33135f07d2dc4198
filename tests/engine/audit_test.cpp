// Audit in the engine: verify (chain, sequences, replay = projection),
// checkpoints, replay step by step and as of a date, corrections.
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"

#include <boost/json.hpp>

using namespace alur;
using alur::test::at;
using alur::test::MutationFixture;

namespace {

boost::json::object correction(std::int64_t of, const char* field, boost::json::value value) {
    return {{"of", of}, {"field", field}, {"value", std::move(value)}, {"reason", "salah ketik pada berita acara"}};
}

std::int64_t seq_of(Journal& j, const std::string& id, const std::string& name, const std::string& contains = {}) {
    for (const auto& e : j.case_events(id).value())
        if (e.name == name && e.payload.find(contains) != std::string::npos) return e.seq;
    return 0;
}

}  // namespace

TEST_CASE("a clean journal verifies: chain, sequences, replay equals projection", "[audit]") {
    MutationFixture f;
    f.case_in("completed");
    f.case_in("scoring");
    auto report = audit::verify(*f.engine).value();
    CHECK(report.ok());
    CHECK(report.cases == 2);
    CHECK(report.events == static_cast<std::int64_t>(f.journal->read_events(0, 0).value().size()));
}

TEST_CASE("checkpoints: one line, and the journal must still begin with what it covered", "[audit]") {
    MutationFixture f;
    auto id = f.case_in("scoring");
    auto cp = audit::checkpoint(*f.journal).value();
    CHECK(cp.line().starts_with("alur-checkpoint v1 events=" + std::to_string(cp.events) + " head="));
    auto parsed = audit::Checkpoint::parse(cp.line() + "\n").value();
    CHECK(parsed.events == cp.events);
    CHECK(parsed.head_hash == cp.head_hash);
    f.complete(id, "scoring");  // the journal grows: still begins with the checkpoint's events
    CHECK(audit::verify(*f.engine, {std::nullopt, parsed}).value().ok());

    auto forged = parsed;
    forged.head_hash[0] = forged.head_hash[0] == 'a' ? 'b' : 'a';
    auto report = audit::verify(*f.engine, {std::nullopt, forged}).value();
    REQUIRE(report.problem);
    CHECK(report.problem->global_seq == cp.events);
    auto ahead = parsed;
    ahead.events += 1000;
    CHECK_FALSE(audit::verify(*f.engine, {std::nullopt, ahead}).value().ok());
    CHECK_FALSE(audit::Checkpoint::parse("alur-checkpoint v1 events=x head=00"));
}

TEST_CASE("replay step by step, and as the case stood at any event's time", "[audit][replay]") {
    MutationFixture f;
    auto id = f.open("administrator", "2020-01-06", "2025-06-02T09:00").value().projection.id;
    f.complete(id, "record_gathering", "2025-06-03T10:00");
    f.complete(id, "field_visit", "2025-06-10T10:00");
    auto full = f.engine->replay_steps(id).value();
    CHECK(full.state == "scoring");
    REQUIRE(full.steps.size() == f.journal->case_events(id).value().size());
    CHECK(full.steps.front().before == "record_gathering");
    // As of every event's time, the state is the one after the last event of that time.
    for (const auto& step : full.steps) {
        auto then = f.engine->replay_steps(id, step.event.occurred_at).value();
        std::string expected;
        for (const auto& s : full.steps)
            if (s.event.occurred_at <= step.event.occurred_at) expected = s.after;
        CHECK(then.state == expected);
    }
    auto before_visit = f.engine->replay_steps(id, at("2025-06-05T00:00")).value();
    CHECK(before_visit.state == "field_visit");
    REQUIRE(before_visit.due_at);  // the field visit's deadline then: 10 working days from 3 June
    CHECK(format_local(*before_visit.due_at, TimeZone{}).substr(0, 10) == "2025-06-17");
}

TEST_CASE("a correction changes the data from then on, and the original stays", "[audit][correction]") {
    MutationFixture f;
    auto id = f.case_in("recommendation");  // scores 80, 90, 70, 60: total 73
    CHECK(f.data(id)["total"].to_number<double>() == Approx(73.0));
    const auto paper = seq_of(*f.journal, id, "score_recorded", "paper");
    REQUIRE(paper > 0);
    auto r = f.send(id, "corrected", correction(paper, "value", 90), "2025-06-20T10:00");
    REQUIRE(r.has_value());
    CHECK(f.data(id)["total"].to_number<double>() == Approx(75.0));  // paper 90: +2
    CHECK(f.state(id) == "recommendation");
    auto events = f.journal->case_events(id).value();
    CHECK(events[static_cast<std::size_t>(paper - 1)].payload.find("\"value\":80") != std::string::npos);
    CHECK(events.back().name == "corrected");
    // Replay applies it; as of before the correction the old total stands.
    CHECK(audit::verify(*f.engine).value().ok());
    auto then = f.engine->replay_steps(id, at("2025-06-19T00:00")).value();
    CHECK(then.data["total"].to_number<double>() == Approx(73.0));
}

TEST_CASE("corrections are validated and may not break the case's history", "[audit][correction]") {
    MutationFixture f;
    auto id = f.case_in("recommendation");
    const auto paper = seq_of(*f.journal, id, "score_recorded", "paper");
    struct Bad {
        boost::json::object payload;
        errc code;
        std::string says;
    };
    for (const auto& bad : std::vector<Bad>{
             {correction(paper, "value", 150), errc::invalid_input, "between 0 and 100"},
             {correction(paper, "colour", "red"), errc::invalid_input, "no correctable field 'colour'"},
             {correction(999, "value", 50), errc::invalid_input, "has no event 999"},
             {{{"of", paper}, {"field", "value"}, {"value", 50}}, errc::invalid_input, "'reason' is required"},
             // Correcting a record item away makes records_completed refused on replay.
             {correction(2, "item", "skp"), errc::refused, "refused"},
         }) {
        auto r = f.send(id, "corrected", bad.payload);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == bad.code);
        CHECK_THAT(r.error().message, Catch::Contains(bad.says));
    }
    CHECK(f.journal->case_events(id).value().back().name != "corrected");
    auto auditor = f.send(id, "corrected", correction(paper, "value", 90), "2025-06-03T10:00", "auditor");
    REQUIRE_FALSE(auditor);
    CHECK(auditor.error().code == errc::forbidden);
}
