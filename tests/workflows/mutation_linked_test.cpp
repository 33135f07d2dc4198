// A mutation opened with an assessment from a linked case (a job fit rotate,
// a performance review, a development's return): the assessment and the
// oversight body's recommendation stand for the move, so the case starts at
// the PPK's decision; without a recommendation its grade needs, at the
// recommendation; one the oversight body or the PPK rejected is refused with
// its rule. An opening without an assessment gathers records as before.
#include "mutation_fixture.hpp"

#include "alur/workflows/legal_bases.hpp"

#include <catch2/catch.hpp>

using namespace alur;
using alur::test::at;
using alur::test::MutationFixture;

namespace {

namespace json = boost::json;

/// An assessment as a job fit case JF-000001 keeps it (links' assessment_of).
json::object assessment(const std::string& response = "approve", const std::string& review = "approve") {
    json::object a{{"case", "JF-000001"},
                   {"scores", json::object{{"paper", 80}, {"interview", 90}, {"track_record", 70},
                                           {"performance_contract", 60}}},
                   {"total", 73},
                   {"outcome", "rotate"}};
    if (!response.empty())
        a["recommendation"] = json::object{{"request", json::object{{"ref", "800/1/BKD"}, {"body", "KASN"}}},
                                           {"response", json::object{{"decision", response}, {"ref", "B-1/KASN"}}}};
    if (!review.empty()) a["review"] = json::object{{"decision", review}, {"decided_on", "2025-06-01"}};
    return a;
}

}  // namespace

TEST_CASE("a mutation opened with an assessment starts at the PPK's decision", "[mutation][linked]") {
    MutationFixture f;
    auto opened = f.open("jpt_pratama", "2020-01-06", "2025-06-02T09:00", {{"assessment", assessment()}});
    REQUIRE(opened);
    const std::string id = opened.value().projection.id;
    CHECK(f.state(id) == "ppk_decision");
    auto data = f.data(id);
    const auto& kept = data.at("assessment").as_object();
    CHECK(kept.at("case") == "JF-000001");
    CHECK(kept.at("outcome") == "rotate");
    CHECK(kept.at("scores").at("paper") == 80);
    CHECK(kept.at("recommendation").at("response").at("decision") == "approve");
    CHECK(kept.at("linked_on") == "2025-06-02");
    CHECK_FALSE(data.at("official").as_object().contains("assessment"));
    CHECK_FALSE(data.contains("records"));

    // The PPK decides on it as on a scored case; the move goes on to the inauguration.
    f.complete(id, "ppk_decision");
    CHECK(f.state(id) == "inauguration");
    f.complete(id, "inauguration");
    CHECK(f.state(id) == "completed");

    // Replay gives the projection.
    auto machine = f.engine->replay(id).value();
    CHECK(machine->state() == "completed");
    CHECK(canonical_json(machine->data()) == f.engine->view(id).value().record.data);
}

TEST_CASE("a linked opening without the recommendation its grade needs goes to the recommendation",
          "[mutation][linked]") {
    MutationFixture f;
    // A JPT's move needs the oversight body's recommendation; the assessment has none.
    auto jpt = f.open("jpt_pratama", "2020-01-06", "2025-06-02T09:00", {{"assessment", assessment("", "")}});
    REQUIRE(jpt);
    const std::string id = jpt.value().projection.id;
    CHECK(f.state(id) == "recommendation");
    f.complete(id, "recommendation");
    CHECK(f.state(id) == "ppk_decision");
    auto machine = f.engine->replay(id).value();
    CHECK(canonical_json(machine->data()) == f.engine->view(id).value().record.data);

    // An administrator's does not: straight to the PPK.
    auto admin = f.open("administrator", "2020-01-06", "2025-06-02T09:00", {{"assessment", assessment("", "")}});
    REQUIRE(admin);
    CHECK(f.state(admin.value().projection.id) == "ppk_decision");
}

TEST_CASE("an assessment that was rejected does not stand for a mutation", "[mutation][linked][guard]") {
    MutationFixture f;
    const std::string basis = rules::cite("assessment_stands_for_mutation", parse_date("2025-06-02").value());
    auto by_body = f.open("jpt_pratama", "2020-01-06", "2025-06-02T09:00", {{"assessment", assessment("reject")}});
    REQUIRE_FALSE(by_body);
    CHECK(by_body.error().code == errc::refused);
    CHECK_THAT(by_body.error().message, Catch::Contains(basis) && Catch::Contains("JF-000001") &&
                                            Catch::Contains("the oversight body's recommendation rejected it"));
    auto by_ppk = f.open("jpt_pratama", "2020-01-06", "2025-06-02T09:00", {{"assessment", assessment("approve", "reject")}});
    REQUIRE_FALSE(by_ppk);
    CHECK_THAT(by_ppk.error().message, Catch::Contains("the PPK rejected its outcome"));
    json::object empty{{"case", "JF-000001"}};
    auto unscored = f.open("jpt_pratama", "2020-01-06", "2025-06-02T09:00", {{"assessment", empty}});
    REQUIRE_FALSE(unscored);
    CHECK_THAT(unscored.error().message, Catch::Contains("it has neither scores nor an outcome"));
    CHECK_FALSE(f.journal->find_case("MUT-000001").has_value());  // nothing was written
    // A development's own re-assessment may carry scores without a job fit outcome: it stands.
    json::object scores_only{{"case", "DEV-000001"}, {"scores", json::object{{"paper", 75}}}};
    auto own = f.open("administrator", "2020-01-06", "2025-06-02T09:00", {{"assessment", scores_only}});
    REQUIRE(own);
    CHECK(f.state(own.value().projection.id) == "ppk_decision");
}

TEST_CASE("an opening without an assessment gathers records, as before", "[mutation][linked][replay]") {
    MutationFixture f;
    auto opened = f.open();
    REQUIRE(opened);
    const std::string id = opened.value().projection.id;
    CHECK(f.state(id) == "record_gathering");
    CHECK_FALSE(f.data(id).contains("assessment"));
    // prepare adds no linked facts to it.
    const auto events = f.journal->case_events(id).value();
    REQUIRE(events.size() == 1);
    const auto payload = boost::json::parse(events[0].payload).as_object();
    CHECK_FALSE(payload.contains("linked_on"));
    CHECK_FALSE(payload.contains("recommendation_for"));
}
