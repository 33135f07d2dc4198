// The mutation workflow, row by row: put a case in a state, send one event.
#include "mutation_fixture.hpp"

#include "result_printing.hpp"

using namespace alur;
using alur::test::MutationFixture;

namespace {

const mutation::Settings pilkada_settings() {
    mutation::Settings s;
    s.election_windows.push_back(rules::window_from_determination(
        "Pilkada 2024", parse_date("2024-09-22").value(), parse_date("2025-02-20").value()));
    s.election_windows.push_back(rules::window_from_head_inauguration("Bupati baru", parse_date("2025-02-20").value()));
    return s;
}

boost::json::object approve() {
    return {{"decision", "approve"}, {"post", "Kepala Dinas Kesehatan"}, {"sk_number", "821/12/2025"}};
}

}  // namespace

TEST_CASE("every row of the transition table moves the case as the table says", "[mutation]") {
    MutationFixture f;
    const Workflow& wf = *f.engine->find_workflow("mutation");
    // A payload that satisfies each event's own spec and guard, per row.
    auto payload_for = [](const TransitionSpec& row) -> boost::json::object {
        if (row.event == "record_added") return {{"item", "skp"}, {"value", "91.5"}, {"source", "e-Kinerja"}};
        if (row.event == "visit_scheduled") return {{"date", "2025-06-10"}, {"team", "Tim BKPSDM"}};
        if (row.event == "interview_recorded") return {{"role", "rt_head"}, {"name", "Pak RT"}, {"summary", "baik"}};
        if (row.event == "score_recorded") return {{"component", "paper"}, {"value", 85}};
        if (row.event == "recommendation_requested") return {{"ref", "800/1/BKD"}};
        if (row.event == "recommendation_received")
            return {{"decision", row.to == "rejected" ? "reject" : "approve"}, {"ref", "B-1/BKN"}};
        if (row.event == "ppk_decided")
            return {{"decision", row.to == "rejected" ? "reject" : "approve"}, {"post", "Kepala Dinas"}, {"sk_number", "821/1"}};
        if (row.event == "inauguration_scheduled") return {{"date", "2025-07-01"}};
        if (row.event == "inaugurated") return {{"date", "2025-06-03"}, {"sk_number", "821/1"}};
        if (row.event == "withdrawn") return {{"reason", "pensiun"}};
        if (row.event == "ministerial_approval_recorded") return {{"letter", "100.2.2.6/1234/OTDA"}, {"date", "2025-05-01"}};
        if (row.event == "exception_recorded") return {{"kind", "legal_violation"}, {"ref", "LHP Inspektorat 12/2025"}};
        return {};
    };
    int rows = 0;
    for (const auto& row : wf.transitions()) {
        if (row.event == "opened") continue;  // covered by every case_in()
        if (row.event.starts_with("acting_")) continue;  // acting_test.cpp: the acting official (Plt) rows
        DYNAMIC_SECTION(row.from << " --" << row.event << "--> " << row.to) {
            auto id = f.case_in(row.from);
            REQUIRE(f.state(id) == row.from);
            if (row.event == "recommendation_received") f.send(id, "recommendation_requested", {{"ref", "800/1"}}).value();
            if (row.guard == "all_records_present" || row.guard == "rt_head_and_3_interviews" ||
                row.guard == "every_component_scored") {
                f.complete(id, row.from);
            } else {
                auto r = f.send(id, row.event, payload_for(row), "2025-06-03T10:00", row.event == "ppk_decided" ? "ppk" : "admin");
                INFO((r ? std::string() : r.error().message));
                REQUIRE(r.has_value());
            }
            CHECK(f.state(id) == row.to);
        }
        ++rows;
    }
    CHECK(rows == 32);
}

TEST_CASE("states and finals come from the table", "[mutation]") {
    MutationFixture f;
    const Workflow& wf = *f.engine->find_workflow("mutation");
    CHECK(wf.states() == std::vector<std::string>{"record_gathering", "field_visit", "scoring", "recommendation",
                                                  "ppk_decision", "inauguration", "withdrawn", "rejected", "completed"});
    CHECK(wf.final_states() == std::vector<std::string>{"withdrawn", "rejected", "completed"});
    // A completed move only takes the acting official (Plt) of the post it left (acting_test.cpp).
    CHECK(wf.events_from("completed") == std::vector<std::string>{"acting_assigned", "acting_ended"});
}

TEST_CASE("the list columns of a mutation case are the official's unit and NIP, kept in the projection", "[mutation]") {
    MutationFixture f;
    const auto opened = f.open().value();
    const CaseSummary want{"Dinas Pendidikan", "197603152005011002", f.engine->find_workflow("mutation")->subject(f.data(opened.projection.id))};
    CHECK(opened.projection.summary == want);
    CHECK(f.journal->find_case(opened.projection.id).value().summary == want);
    CHECK(want.label.find("(NIP 197603152005011002)") != std::string::npos);
}

TEST_CASE("a case in a final state accepts nothing", "[mutation]") {
    MutationFixture f;
    auto id = f.case_in("completed");
    auto r = f.send(id, "withdrawn", {{"reason", "x"}});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::refused);
    CHECK_THAT(r.error().message, Catch::Contains("completed is final"));
}

TEST_CASE("an event with no row from the current state is refused, naming what is allowed", "[mutation]") {
    MutationFixture f;
    auto id = f.case_in("record_gathering");
    auto r = f.send(id, "scoring_completed");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::refused);
    CHECK_THAT(r.error().message, Catch::Contains("no transition from record_gathering on scoring_completed"));
    CHECK_THAT(r.error().message, Catch::Contains("record_added"));
    CHECK(f.data(id).count("scores") == 0);
}

TEST_CASE("records_completed lists the missing items", "[mutation][guard]") {
    MutationFixture f;
    auto id = f.case_in("record_gathering");
    f.send(id, "record_added", {{"item", "skp"}, {"value", "90"}}).value();
    f.send(id, "record_added", {{"item", "skp"}, {"value", "92"}}).value();
    auto r = f.send(id, "records_completed");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::refused);
    CHECK_THAT(r.error().message, Catch::Contains("missing career_history, achievements, edijab"));
    CHECK_THAT(r.error().message, !Catch::Contains("skp"));
    CHECK(f.data(id)["records"].as_object()["skp"].as_object()["value"] == "92");  // later replaces earlier
    CHECK(f.engine->view(id).value().record.version == 3);                          // the refusal wrote nothing
}

TEST_CASE("visit_completed needs an rt_head and 3 interviews", "[mutation][guard]") {
    MutationFixture f;
    auto id = f.case_in("field_visit");
    for (int i = 0; i < 3; ++i)
        f.send(id, "interview_recorded", {{"role", "neighbour"}, {"name", "N" + std::to_string(i)}, {"summary", "ok"}}).value();
    auto r = f.send(id, "visit_completed");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("have 3, of which rt_head 0"));
    f.send(id, "interview_recorded", {{"role", "rt_head"}, {"name", "Pak RT"}, {"summary", "ok"}}).value();
    CHECK(f.send(id, "visit_completed").has_value());
    CHECK(f.state(id) == "scoring");
}

TEST_CASE("scoring checks components and computes the weighted outcome", "[mutation][guard]") {
    MutationFixture f;
    auto id = f.case_in("scoring");
    auto unknown = f.send(id, "score_recorded", {{"component", "charisma"}, {"value", 99}});
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message, Catch::Contains("'charisma' is not a component of scoring profile bengkulu_2021"));
    f.send(id, "score_recorded", {{"component", "paper"}, {"value", 80}}).value();
    auto early = f.send(id, "scoring_completed");
    REQUIRE_FALSE(early);
    CHECK_THAT(early.error().message, Catch::Contains("still needs interview, performance_contract, track_record"));
    f.complete(id, "scoring");  // paper 80, interview 90, track 70, contract 60
    auto data = f.data(id);
    CHECK(data["total"].to_number<double>() == Approx(73.0));  // 16 + 18 + 21 + 18
    CHECK(data["outcome"] == "rotate");
    CHECK(f.state(id) == "recommendation");
}

TEST_CASE("the oversight body is chosen by the request's date", "[mutation][rules]") {
    MutationFixture f;  // default switch date 2024-08-23 (docs/LAW.md)
    auto id = f.case_in("recommendation", "jpt_pratama", "2020-01-06", "2024-08-01T09:00");
    f.send(id, "recommendation_requested", {{"ref", "800/1"}, {"body", "KASN"}}, "2024-08-23T08:00").value();
    CHECK(f.data(id)["recommendation"].as_object()["request"].as_object()["body"] == "BKN");
    auto id2 = f.case_in("recommendation", "jpt_pratama", "2020-01-06", "2024-08-01T09:00");
    f.send(id2, "recommendation_requested", {{"ref", "800/2"}}, "2024-08-22T16:00").value();
    CHECK(f.data(id2)["recommendation"].as_object()["request"].as_object()["body"] == "KASN");
}

TEST_CASE("recommendation_received needs a request and routes on the decision", "[mutation][guard]") {
    MutationFixture f;
    auto id = f.case_in("recommendation");
    auto r = f.send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "B-1"}});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("no recommendation was requested yet"));
    f.send(id, "recommendation_requested", {{"ref", "800/1"}}).value();
    f.send(id, "recommendation_received", {{"decision", "reject"}, {"ref", "B-1"}, {"notes", "tidak memenuhi"}}).value();
    CHECK(f.state(id) == "rejected");
}

TEST_CASE("UU 5/2014 art. 116: a JPT may not be moved within 2 years of inauguration", "[mutation][guard]") {
    MutationFixture f;
    SECTION("the day before the second anniversary is refused, citing the rule") {
        auto id = f.case_in("ppk_decision", "jpt_pratama", "2023-05-02", "2025-04-01T09:00");
        auto r = f.send(id, "ppk_decided", approve(), "2025-05-01T10:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::refused);
        CHECK_THAT(r.error().message,
                   Catch::Contains("UU 5/2014 art. 116: JPT inaugurated 2023-05-02 may not be moved before 2025-05-02"));
        CHECK(f.state(id) == "ppk_decision");
    }
    SECTION("the second anniversary itself is allowed") {
        auto id = f.case_in("ppk_decision", "jpt_pratama", "2023-05-02", "2025-04-01T09:00");
        CHECK(f.send(id, "ppk_decided", approve(), "2025-05-02T10:00", "ppk").has_value());
        CHECK(f.state(id) == "inauguration");
    }
    SECTION("both exceptions recorded lift the lock; one is not enough") {
        auto id = f.case_in("ppk_decision", "jpt_madya", "2024-10-01");
        f.send(id, "exception_recorded", {{"kind", "legal_violation"}, {"ref", "LHP 1"}}).value();
        auto r = f.send(id, "ppk_decided", approve(), "2025-06-03T10:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("missing exception_recorded: requirements_unmet"));
        f.send(id, "exception_recorded", {{"kind", "requirements_unmet"}, {"ref", "Anjab 2"}}).value();
        CHECK(f.send(id, "ppk_decided", approve(), "2025-06-03T10:00", "ppk").has_value());
    }
    SECTION("an administrator (not JPT) is not locked") {
        auto id = f.case_in("ppk_decision", "administrator", "2025-01-02");
        CHECK(f.send(id, "ppk_decided", approve(), "2025-06-03T10:00", "ppk").has_value());
    }
    SECTION("a rejection is never locked") {
        auto id = f.case_in("ppk_decision", "jpt_pratama", "2025-01-02");
        auto reject = approve();
        reject["decision"] = "reject";
        CHECK(f.send(id, "ppk_decided", reject, "2025-06-03T10:00", "ppk").has_value());
        CHECK(f.state(id) == "rejected");
    }
}

TEST_CASE("UU 10/2016 art. 71 and 162: election windows need the minister's approval", "[mutation][guard]") {
    MutationFixture f(pilkada_settings());
    SECTION("the first day of the window (6 months before determination) is refused") {
        auto id = f.case_in("ppk_decision", "administrator", "2020-01-06", "2024-01-02T09:00");
        auto r = f.send(id, "ppk_decided", approve(), "2024-03-22T08:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("UU 10/2016 art. 71(2)"));
        CHECK_THAT(r.error().message, Catch::Contains("'Pilkada 2024' (2024-03-22 to 2025-02-20)"));
    }
    SECTION("the day before the window is free") {
        auto id = f.case_in("ppk_decision", "administrator", "2020-01-06", "2024-01-02T09:00");
        CHECK(f.send(id, "ppk_decided", approve(), "2024-03-21T16:00", "ppk").has_value());
    }
    SECTION("a new head's window lasts 6 months from the inauguration") {
        auto id = f.case_in("ppk_decision", "administrator", "2020-01-06", "2024-01-02T09:00");
        auto r = f.send(id, "ppk_decided", approve(), "2025-08-19T08:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("UU 10/2016 art. 162(3)"));
        CHECK(f.send(id, "ppk_decided", approve(), "2025-08-20T08:00", "ppk").has_value());
    }
    SECTION("with the minister's written approval the decision passes") {
        auto id = f.case_in("ppk_decision", "administrator", "2020-01-06", "2024-01-02T09:00");
        f.send(id, "ministerial_approval_recorded", {{"letter", "100.2.2.6/1234/OTDA"}, {"date", "2024-05-01"}}, "2024-05-01T10:00").value();
        CHECK(f.send(id, "ppk_decided", approve(), "2024-05-02T08:00", "ppk").has_value());
        CHECK(f.state(id) == "inauguration");
    }
    SECTION("the local date decides: 23:30 WIB on the day before is outside") {
        auto id = f.case_in("ppk_decision", "administrator", "2020-01-06", "2024-01-02T09:00");
        CHECK(f.send(id, "ppk_decided", approve(), "2024-03-21T23:30", "ppk").has_value());
    }
}

TEST_CASE("payloads are validated, naming the field", "[mutation][payload]") {
    MutationFixture f;
    auto id = f.case_in("record_gathering");
    struct Bad {
        std::string event;
        boost::json::object payload;
        std::string field;
        std::string says;
    };
    for (const auto& bad : std::vector<Bad>{
             {"record_added", {{"item", "hobby"}, {"value", "x"}}, "item", "must be one of career_history"},
             {"record_added", {{"item", "skp"}}, "value", "is required"},
             {"record_added", {{"item", "skp"}, {"value", "x"}, {"colour", "red"}}, "colour", "unknown field"},
             {"visit_scheduled", {{"date", "2025-02-30"}, {"team", "A"}}, "date", "must be a real date"},
             {"record_added", {{"item", "skp"}, {"value", boost::json::array{}}}, "value", "must be text"},
         }) {
        auto r = f.send(id, bad.event, bad.payload);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_input);
        CHECK(r.error().field == bad.field);
        CHECK_THAT(r.error().message, Catch::Contains(bad.says));
    }
    auto sid = f.case_in("scoring");
    auto r = f.send(sid, "score_recorded", {{"component", "paper"}, {"value", 101}});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("between 0 and 100"));
}

TEST_CASE("roles: only the PPK decides, auditors submit nothing", "[mutation][roles]") {
    MutationFixture f;
    auto id = f.case_in("ppk_decision", "administrator");
    auto r = f.send(id, "ppk_decided", approve(), "2025-06-03T10:00", "admin");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::forbidden);
    CHECK_THAT(r.error().message, Catch::Contains("role 'admin' may not submit ppk_decided (allowed: ppk)"));
    auto a = f.send(id, "withdrawn", {{"reason", "x"}}, "2025-06-03T10:00", "auditor");
    REQUIRE_FALSE(a);
    CHECK(a.error().code == errc::forbidden);
    CHECK(f.engine->view(id, "auditor").value().allowed_events.empty());
    CHECK(f.engine->view(id, "ppk").value().allowed_events == std::vector<std::string>{"ppk_decided"});
}
