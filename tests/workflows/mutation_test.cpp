// The mutation workflow, row by row: put a case in a state, send one event.
#include "mutation_fixture.hpp"

#include "result_printing.hpp"

#include "alur/workflows/legal_bases.hpp"

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
        if (row.event == "career_post_added")
            return {{"post", "Kepala Bidang"}, {"unit", "Dinas Pendidikan"}, {"from", "2018-01-02"}, {"until", "2020-01-05"}};
        if (row.event == "skp_recorded") return {{"year", 2024}, {"rating", "baik"}};
        if (row.event == "technical_consideration_recorded") return {{"number", "PT-123/BKN/2025"}, {"date", "2025-06-02"}};
        if (row.event == "proposal_sent") return {{"letter", "800.1.3/77/BKD"}, {"via_mendagri", "yes"}};
        if (row.event == "president_decided")
            return {{"decision", row.to == "rejected" ? "reject" : "approve"}, {"keppres_number", "Keppres 12/TPA/2025"}, {"date", "2025-06-03"}};
        return {};
    };
    // The grade whose path the row lies on: an administrator skips the
    // recommendation, the President appoints a JPT madya.
    auto grade_for = [](const TransitionSpec& row) -> std::string {
        if (row.from == "scoring" && row.to == "ppk_decision") return "administrator";
        if (row.from == "presidential_decision" || row.to == "presidential_decision") return "jpt_madya";
        return "jpt_pratama";
    };
    int rows = 0;
    for (const auto& row : wf.transitions()) {
        if (row.event == "opened") continue;  // covered by every case_in()
        if (row.event.starts_with("acting_")) continue;  // acting_test.cpp: the acting official (Plt) rows
        DYNAMIC_SECTION(row.from << " --" << row.event << "--> " << row.to) {
            auto id = f.case_in(row.from, grade_for(row));
            REQUIRE(f.state(id) == row.from);
            if (row.event == "recommendation_received") f.send(id, "recommendation_requested", {{"ref", "800/1"}}).value();
            if (row.event == "president_decided")
                f.send(id, "proposal_sent", {{"letter", "800.1.3/77/BKD"}, {"via_mendagri", "yes"}}).value();
            if (row.guard == "all_records_present" || row.guard == "interviews_of_profile" ||
                row.guard.rfind("every_component_scored", 0) == 0) {
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
    CHECK(rows == 43);
}

TEST_CASE("states and finals come from the table", "[mutation]") {
    MutationFixture f;
    const Workflow& wf = *f.engine->find_workflow("mutation");
    CHECK(wf.states() == std::vector<std::string>{"record_gathering", "field_visit", "scoring", "recommendation",
                                                  "ppk_decision", "presidential_decision", "inauguration", "withdrawn",
                                                  "rejected", "completed"});
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

TEST_CASE("the two-year lock: a JPT may not be moved within 2 years of inauguration", "[mutation][guard]") {
    MutationFixture f;
    SECTION("the day before the second anniversary is refused, citing the rule") {
        auto id = f.case_in("ppk_decision", "jpt_pratama", "2023-05-02", "2025-04-01T09:00");
        auto r = f.send(id, "ppk_decided", approve(), "2025-05-01T10:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::refused);
        CHECK_THAT(r.error().message,
                   Catch::Contains(rules::cite("jpt_two_year_lock", parse_date("2025-05-01").value()) +
                                   ": JPT inaugurated 2023-05-02 may not be moved before 2025-05-02"));
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

// --- Issue 12: the law as it stood on the act's date ----------------------------

namespace {

/// Applies events to a fresh machine as replay does (no `prepare`): the
/// payloads as an earlier version journaled them.
struct OldJournal {
    const Workflow& wf;
    std::unique_ptr<CaseMachine> machine = wf.create();
    std::int64_t seq = 0;

    Result<void> apply(const std::string& name, boost::json::object payload, const std::string& when = "2025-06-03T10:00") {
        EventInput in{name, std::move(payload), alur::test::at(when), "sari", name == "ppk_decided" ? "ppk" : "admin", ++seq};
        return machine->apply(in);
    }
};

/// The opened payload of an earlier version: its profile snapshot without
/// record_items or interview counts.
boost::json::object old_opened(const std::string& grade) {
    return {{"nip", "197603152005011002"},
            {"name", "Drs. Ahmad Fauzi, M.Si"},
            {"grade", grade},
            {"post", "Kepala Bagian Umum"},
            {"inaugurated_at", "2020-01-06"},
            {"scoring_profile",
             {{"name", "bengkulu_2021"},
              {"weights", {{"paper", 20}, {"interview", 20}, {"track_record", 30}, {"performance_contract", 30}}},
              {"keep_at", 80},
              {"rotate_at", 68}}}};
}

void old_path_to_scoring(OldJournal& j, const std::string& grade) {
    REQUIRE(j.apply("opened", old_opened(grade)).has_value());
    for (const auto& item : mutation::record_items()) REQUIRE(j.apply("record_added", {{"item", item}, {"value", "ok"}}).has_value());
    REQUIRE(j.apply("records_completed", {}).has_value());
    for (const char* role : {"rt_head", "neighbour", "community_figure"})
        REQUIRE(j.apply("interview_recorded", {{"role", role}, {"name", "X"}, {"summary", "baik"}}).has_value());
    REQUIRE(j.apply("visit_completed", {}).has_value());
    for (const char* c : {"paper", "interview", "track_record", "performance_contract"})
        REQUIRE(j.apply("score_recorded", {{"component", c}, {"value", 80}}).has_value());
}

}  // namespace

TEST_CASE("an administrator goes from scoring to the PPK's decision without a recommendation", "[mutation][law]") {
    MutationFixture f;
    for (const char* grade : {"administrator", "pengawas", "fungsional", "pelaksana"}) {
        INFO(grade);
        auto id = f.case_in("scoring", grade);
        f.complete(id, "scoring");
        CHECK(f.state(id) == "ppk_decision");
        CHECK(f.data(id).count("recommendation") == 0);
        CHECK(f.data(id)["outcome"] == "rotate");
    }
    SECTION("a JPT still needs the oversight body's recommendation") {
        auto id = f.case_in("scoring", "jpt_pratama");
        f.complete(id, "scoring");
        CHECK(f.state(id) == "recommendation");
    }
    SECTION("so does an administrator proposed for a JPT post") {
        auto id = f.case_in("recommendation", "administrator", "2020-01-06", "", {{"target_grade", "jpt_pratama"}});
        CHECK(f.state(id) == "recommendation");
    }
    SECTION("the journal holds the grades the rule applied to on the event's date") {
        auto id = f.case_in("scoring", "administrator");
        f.complete(id, "scoring");
        auto history = f.journal->case_events(id).value();
        auto p = boost::json::parse(history.back().payload).as_object();
        CHECK(p["recommendation_for"].as_object()["grades"].as_array() == boost::json::array{"jpt_utama", "jpt_madya", "jpt_pratama"});
    }
}

TEST_CASE("a scoring_completed written before the grade decided the path still goes to the recommendation", "[mutation][law][replay]") {
    MutationFixture f;
    OldJournal j{*f.engine->find_workflow("mutation")};
    old_path_to_scoring(j, "administrator");
    REQUIRE(j.apply("scoring_completed", {}).has_value());
    CHECK(j.machine->state() == "recommendation");
    REQUIRE(j.apply("recommendation_requested", {{"ref", "800/1"}, {"body", "BKN"}, {"requested_on", "2025-06-03"}}).has_value());
    REQUIRE(j.apply("recommendation_received", {{"decision", "approve"}, {"ref", "B-1"}}).has_value());
    REQUIRE(j.apply("ppk_decided", {{"decision", "approve"}, {"post", "Kabag"}, {"sk_number", "821/1"}, {"decided_on", "2025-06-03"}}).has_value());
    CHECK(j.machine->state() == "inauguration");  // an old ppk_decided: the PPK appoints, as then
    // The old profile snapshot means today's record items and interviews.
    CHECK(j.machine->data().at("total").to_number<double>() == Approx(80.0));
}

TEST_CASE("an old JPT madya decision without the President's grades goes to the inauguration as before", "[mutation][law][replay]") {
    MutationFixture f;
    OldJournal j{*f.engine->find_workflow("mutation")};
    old_path_to_scoring(j, "jpt_madya");
    REQUIRE(j.apply("scoring_completed", {}).has_value());
    REQUIRE(j.apply("recommendation_requested", {{"ref", "800/1"}, {"body", "BKN"}, {"requested_on", "2025-06-03"}}).has_value());
    REQUIRE(j.apply("recommendation_received", {{"decision", "approve"}, {"ref", "B-1"}}).has_value());
    REQUIRE(j.apply("ppk_decided", {{"decision", "approve"}, {"post", "Sekda"}, {"sk_number", "821/1"}, {"decided_on", "2025-06-03"}}).has_value());
    CHECK(j.machine->state() == "inauguration");
    REQUIRE(j.apply("inaugurated", {{"date", "2025-06-03"}, {"sk_number", "821/1"}}).has_value());
    CHECK(j.machine->state() == "completed");
}

TEST_CASE("BKN's technical consideration: where it applies the decision needs it", "[mutation][law]") {
    MutationFixture f;
    auto to_decision = [&f](const boost::json::object& extra) {
        auto id = f.case_in("ppk_decision", "administrator", "2020-01-06", "", extra);
        REQUIRE(f.state(id) == "ppk_decision");
        return id;
    };
    SECTION("a mutation between regions without it is refused, citing the rule") {
        auto id = to_decision({{"scope", "between_regions"}});
        auto r = f.send(id, "ppk_decided", approve(), "2025-06-04T10:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::refused);
        CHECK_THAT(r.error().message, Catch::Contains(rules::cite("bkn_technical_consideration", parse_date("2025-06-04").value()) +
                                                      ": a mutation between regions needs BKN's technical consideration"));
        f.send(id, "technical_consideration_recorded", {{"number", "PT-0412/BKN/VI/2025"}, {"date", "2025-06-04"}}, "2025-06-04T09:00").value();
        CHECK(f.send(id, "ppk_decided", approve(), "2025-06-04T10:00", "ppk").has_value());
        CHECK(f.state(id) == "inauguration");
        CHECK(f.data(id)["technical_consideration"].as_object()["number"] == "PT-0412/BKN/VI/2025");
    }
    SECTION("within the agency (or not said) it does not apply") {
        CHECK(f.send(to_decision({{"scope", "within_agency"}}), "ppk_decided", approve(), "2025-06-04T10:00", "ppk").has_value());
        CHECK(f.send(to_decision({}), "ppk_decided", approve(), "2025-06-04T10:00", "ppk").has_value());
    }
    SECTION("a letter dated after the event is refused") {
        auto id = to_decision({{"scope", "between_agencies"}});
        auto r = f.send(id, "technical_consideration_recorded", {{"number", "PT-1"}, {"date", "2025-07-01"}}, "2025-06-04T09:00");
        REQUIRE_FALSE(r);
        CHECK(r.error().field == "date");
    }
}

TEST_CASE("JPT madya and utama: the President decides on the PPK's proposal", "[mutation][law]") {
    MutationFixture f;
    auto id = f.case_in("ppk_decision", "jpt_madya");
    f.complete(id, "ppk_decision");
    REQUIRE(f.state(id) == "presidential_decision");
    auto early = f.send(id, "president_decided", {{"decision", "approve"}, {"keppres_number", "12/TPA/2025"}, {"date", "2025-06-03"}});
    REQUIRE_FALSE(early);
    CHECK_THAT(early.error().message, Catch::Contains(rules::cite("jpt_madya_utama_appointment", parse_date("2025-06-03").value())));
    CHECK_THAT(early.error().message, Catch::Contains("submit proposal_sent first"));
    f.send(id, "proposal_sent", {{"letter", "800.1.3/77/BKD"}, {"via_mendagri", "yes"}}).value();
    CHECK(f.engine->view(id, "ppk").value().allowed_events.empty());  // the PPK has proposed; admin records the Keppres
    SECTION("approved: to the inauguration") {
        f.send(id, "president_decided", {{"decision", "approve"}, {"keppres_number", "12/TPA/2025"}, {"date", "2025-06-03"}}).value();
        CHECK(f.state(id) == "inauguration");
        CHECK(f.data(id)["presidential"].as_object()["decision"].as_object()["keppres_number"] == "12/TPA/2025");
        CHECK(f.data(id)["presidential"].as_object()["proposal"].as_object()["via_mendagri"] == "yes");
    }
    SECTION("refused: rejected") {
        f.send(id, "president_decided", {{"decision", "reject"}, {"keppres_number", "-"}, {"date", "2025-06-03"}}).value();
        CHECK(f.state(id) == "rejected");
    }
    SECTION("a JPT pratama is appointed by the PPK") {
        auto p = f.case_in("ppk_decision", "jpt_pratama");
        f.complete(p, "ppk_decision");
        CHECK(f.state(p) == "inauguration");
    }
    SECTION("a JPT pratama proposed for a madya post goes to the President") {
        auto p = f.case_in("presidential_decision", "jpt_pratama", "2020-01-06", "", {{"target_grade", "jpt_madya"}});
        CHECK(f.state(p) == "presidential_decision");
    }
}

TEST_CASE("the President's approval is a third way through the two-year lock for JPT madya and utama", "[mutation][law][guard]") {
    MutationFixture f;
    const Date decided = parse_date("2025-06-03").value();
    SECTION("without it a JPT madya inaugurated 2024-10-01 is locked, and the refusal names the third way") {
        auto id = f.case_in("ppk_decision", "jpt_madya", "2024-10-01");
        auto r = f.send(id, "ppk_decided", approve(), "2025-06-03T10:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains(rules::cite("jpt_two_year_lock", decided) + ": JPT inaugurated 2024-10-01"));
        CHECK_THAT(r.error().message, Catch::Contains("exception_recorded kind presidential_approval; " +
                                                      rules::cite("jpt_early_move_presidential_approval", decided)));
        f.send(id, "exception_recorded", {{"kind", "presidential_approval"}, {"ref", "B-45/M.Sesneg/2025"}}).value();
        CHECK(f.send(id, "ppk_decided", approve(), "2025-06-03T10:00", "ppk").has_value());
        CHECK(f.state(id) == "presidential_decision");
    }
    SECTION("a JPT pratama is not let through by it") {
        auto id = f.case_in("ppk_decision", "jpt_pratama", "2024-10-01");
        f.send(id, "exception_recorded", {{"kind", "presidential_approval"}, {"ref", "B-45"}}).value();
        auto r = f.send(id, "ppk_decided", approve(), "2025-06-03T10:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("a way through for JPT utama and madya only"));
    }
    SECTION("a 2025 decision does not cite the repealed law as in force; a 2022 one cites UU 5/2014") {
        CHECK(rules::cite("jpt_two_year_lock", decided) != rules::cite("jpt_two_year_lock", parse_date("2022-06-03").value()));
        auto old = rules::two_year_lock("jpt_pratama", parse_date("2021-01-04").value(), parse_date("2022-06-03").value(), {});
        REQUIRE(old);
        CHECK_THAT(*old, Catch::StartsWith(rules::cite("jpt_two_year_lock", parse_date("2022-06-03").value()) + ":"));
    }
}

TEST_CASE("the record items and interviews a case needs come from its scoring profile", "[mutation][profile]") {
    mutation::Settings s;
    rules::ScoringProfile light = rules::bengkulu_2021();
    light.name = "ringan";
    light.record_items = {"skp", "discipline"};
    light.interviews = 2;
    light.rt_head_interviews = 0;
    s.profiles["ringan"] = light;
    MutationFixture f(s);
    auto id = f.open("administrator", "2020-01-06", "2025-06-02T09:00", {{"profile", "ringan"}}).value().projection.id;
    auto stored = f.data(id)["scoring_profile"].as_object();
    CHECK(stored["record_items"].as_array() == boost::json::array{"skp", "discipline"});
    CHECK(stored["interviews"] == 2);
    auto r = f.send(id, "records_completed");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::EndsWith("missing skp, discipline (add each with record_added)"));
    f.send(id, "skp_recorded", {{"year", 2024}, {"rating", "sangat_baik"}}).value();
    f.send(id, "record_added", {{"item", "discipline"}, {"value", "tidak pernah dihukum"}}).value();
    f.send(id, "records_completed").value();
    f.send(id, "interview_recorded", {{"role", "neighbour"}, {"name", "Bu Ani"}, {"summary", "ramah"}}).value();
    auto visit = f.send(id, "visit_completed");
    REQUIRE_FALSE(visit);
    CHECK_THAT(visit.error().message, Catch::Contains("at least 0 rt_head interviews and at least 2 interviews (scoring profile ringan; have 1, of which rt_head 0)"));
    f.send(id, "interview_recorded", {{"role", "neighbour"}, {"name", "Pak Budi"}, {"summary", "baik"}}).value();
    CHECK(f.send(id, "visit_completed").has_value());
    SECTION("the default profile keeps today's practice") {
        auto d = f.data(f.case_in("record_gathering"))["scoring_profile"].as_object();
        CHECK(d["record_items"].as_array().size() == 8);
        CHECK(d["interviews"] == 3);
        CHECK(d["rt_head_interviews"] == 1);
    }
    SECTION("a profile snapshot without them means today's values") {
        OldJournal j{*f.engine->find_workflow("mutation")};
        REQUIRE(j.apply("opened", old_opened("administrator")).has_value());
        REQUIRE(j.apply("record_added", {{"item", "skp"}, {"value", "baik"}}).has_value());
        auto refused = j.apply("records_completed", {});
        REQUIRE_FALSE(refused);
        CHECK_THAT(refused.error().message, Catch::Contains("missing career_history, achievements, edijab"));
    }
}

TEST_CASE("career history keeps the last five posts and SKP is a rating per year", "[mutation][records]") {
    MutationFixture f;
    auto id = f.case_in("record_gathering");
    const char* froms[] = {"2008-01-02", "2011-03-01", "2013-07-01", "2015-02-02", "2017-05-02", "2019-09-02"};
    // Entered out of order: the list is kept by date, the oldest dropped.
    for (int i : {2, 0, 5, 1, 4, 3}) {
        f.send(id, "career_post_added", {{"post", "Jabatan " + std::to_string(i)}, {"unit", "Setda"}, {"from", froms[i]}}).value();
    }
    auto posts = f.data(id)["career_posts"].as_array();
    REQUIRE(posts.size() == 5);
    CHECK(posts.front().as_object()["from"] == "2011-03-01");
    CHECK(posts.back().as_object()["post"] == "Jabatan 5");
    f.send(id, "skp_recorded", {{"year", 2023}, {"rating", "baik"}}).value();
    f.send(id, "skp_recorded", {{"year", 2024}, {"rating", "butuh_perbaikan"}}).value();
    f.send(id, "skp_recorded", {{"year", 2024}, {"rating", "sangat_baik"}}).value();
    auto skp = f.data(id)["skp_ratings"].as_object();
    CHECK(skp.size() == 2);
    CHECK(skp["2024"].as_object()["rating"] == "sangat_baik");
    for (const char* item : {"achievements", "edijab", "competency_test", "superior_recommendation", "neutrality", "discipline"})
        f.send(id, "record_added", {{"item", item}, {"value", "ok"}}).value();
    CHECK(f.send(id, "records_completed").has_value());  // the structured forms count for career_history and skp
    SECTION("bad values are refused, naming the field") {
        auto other = f.case_in("record_gathering");
        struct Bad {
            std::string event;
            boost::json::object payload;
            std::string field;
            std::string says;
        };
        for (const auto& bad : std::vector<Bad>{
                 {"skp_recorded", {{"year", 2024}, {"rating", "91.5"}}, "rating", "must be one of sangat_baik"},
                 {"skp_recorded", {{"year", 2026}, {"rating", "baik"}}, "year", "after the event's year (2025)"},
                 {"career_post_added", {{"post", "Kabid"}, {"unit", "Setda"}, {"from", "2020-01-02"}, {"until", "2019-12-31"}}, "until", "lies before 'from'"},
             }) {
            auto r = f.send(other, bad.event, bad.payload);
            REQUIRE_FALSE(r);
            CHECK(r.error().code == errc::invalid_input);
            CHECK(r.error().field == bad.field);
            CHECK_THAT(r.error().message, Catch::Contains(bad.says));
        }
    }
}

TEST_CASE("election windows judge every dated act: the SK's date, a scheduled and a held inauguration", "[mutation][law][guard]") {
    // Pasaman Barat: candidate pairs determined 2024-09-22, so the window opens 2024-03-22.
    mutation::Settings s;
    s.election_windows.push_back(rules::window_from_determination(
        "Pilkada 2024 Pasaman Barat", parse_date("2024-09-22").value(), parse_date("2025-02-19").value()));
    s.election_windows.push_back(rules::window_from_head_inauguration("Bupati baru", parse_date("2025-02-20").value()));
    MutationFixture f(s);
    auto id = f.case_in("ppk_decision", "administrator", "2020-01-06", "2024-03-01T09:00");
    f.send(id, "ppk_decided", {{"decision", "approve"}, {"post", "Kabag Umum"}, {"sk_number", "821.2/100/BKPSDM-2024"}, {"sk_date", "2024-03-21"}},
           "2024-03-21T15:00", "ppk").value();
    REQUIRE(f.state(id) == "inauguration");
    const std::string cited = rules::cite("election_window_determination", parse_date("2024-03-22").value());
    auto planned = f.send(id, "inauguration_scheduled", {{"date", "2024-03-22"}}, "2024-03-21T16:00");
    REQUIRE_FALSE(planned);
    CHECK_THAT(planned.error().message, Catch::Contains(cited + ": an inauguration dated 2024-03-22 falls in the window 'Pilkada 2024 Pasaman Barat' (2024-03-22 to 2025-02-19)"));
    auto held = f.send(id, "inaugurated", {{"date", "2024-03-22"}, {"sk_number", "821.2/100/BKPSDM-2024"}}, "2024-03-22T10:00");
    REQUIRE_FALSE(held);
    CHECK_THAT(held.error().message, Catch::Contains("needs the Minister of Home Affairs' written approval"));
    CHECK(f.state(id) == "inauguration");
    f.send(id, "ministerial_approval_recorded", {{"letter", "100.2.2.6/2110/OTDA"}, {"date", "2024-03-22"}}, "2024-03-22T11:00").value();
    CHECK(f.send(id, "inaugurated", {{"date", "2024-03-22"}, {"sk_number", "821.2/100/BKPSDM-2024"}}, "2024-03-22T12:00").has_value());
    CHECK(f.state(id) == "completed");

    SECTION("an SK dated inside a window is refused though the event is entered after it") {
        auto late = f.case_in("ppk_decision", "administrator", "2020-01-06", "2025-07-01T09:00");
        auto r = f.send(late, "ppk_decided", {{"decision", "approve"}, {"post", "Kabag"}, {"sk_number", "821/9"}, {"sk_date", "2025-08-19"}},
                        "2025-08-21T09:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains(rules::cite("election_window_new_head", parse_date("2025-08-19").value()) +
                                                      ": a replacement of officials dated 2025-08-19"));
        CHECK(f.send(late, "ppk_decided", {{"decision", "approve"}, {"post", "Kabag"}, {"sk_number", "821/9"}, {"sk_date", "2025-08-20"}},
                     "2025-08-21T09:00", "ppk").has_value());
    }
    SECTION("an inauguration event written before carries no window and passes") {
        OldJournal j{*f.engine->find_workflow("mutation")};
        old_path_to_scoring(j, "administrator");
        REQUIRE(j.apply("scoring_completed", {}).has_value());
        REQUIRE(j.apply("recommendation_requested", {{"ref", "1"}, {"body", "KASN"}, {"requested_on", "2024-03-01"}}).has_value());
        REQUIRE(j.apply("recommendation_received", {{"decision", "approve"}, {"ref", "1"}}).has_value());
        REQUIRE(j.apply("ppk_decided", {{"decision", "approve"}, {"post", "K"}, {"sk_number", "1"}, {"decided_on", "2024-03-21"}}).has_value());
        REQUIRE(j.apply("inaugurated", {{"date", "2024-03-22"}, {"sk_number", "1"}}).has_value());
        CHECK(j.machine->state() == "completed");
    }
}
