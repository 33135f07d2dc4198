// The development workflow, row by row: what a job fit's approved `develop`
// opens, the plan, the re-assessment's deadline on the manual clock, the
// re-assessment (own scores or a linked job fit) and the PPK's decision; and
// the job fit's reassessment_permitted.
#include "job_fit_fixture.hpp"

#include "alur/engine/json.hpp"
#include "alur/workflows/acting.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "result_printing.hpp"

#include <algorithm>

using namespace alur;
using alur::test::at;
using alur::test::JobFitFixture;

namespace {

boost::json::object approve() { return {{"decision", "approve"}, {"sk_number", "800/45/2025"}}; }

const boost::json::object training{{"program", "Diklat PIM II"},
                                   {"provider", "BPSDM Provinsi Riau"},
                                   {"from", "2025-07-01"},
                                   {"until", "2025-09-30"}};
const boost::json::object rest{{"decree", "800/BKPSDM/2025/17"}, {"from", "2025-06-16"}, {"until", "2025-12-15"}};

/// The development case a develop's approval opens (the job fit is approved on 2025-06-04).
struct DevelopmentFixture : JobFitFixture {
    std::string job_fit;

    std::string open_development() {
        job_fit = case_at("ppk_review", "develop");
        auto approved = send(job_fit, "ppk_reviewed", approve(), "2025-06-04T10:00", "ppk");
        REQUIRE(approved);
        REQUIRE(approved.value().opened.size() == 1);
        return approved.value().opened.front().id;
    }

    /// A development case in `target`, along the plan and an own re-assessment scored for `outcome`.
    std::string development_in(const std::string& target, const std::string& outcome = "keep") {
        const std::string id = open_development();
        auto step = [&](const std::string& event, boost::json::object p, const std::string& when) {
            if (state(id) == target) return;
            send(id, event, std::move(p), when).value();
        };
        step("upgrading_planned", training, "2025-06-05T10:00");
        step("plan_completed", {}, "2025-06-10T10:00");
        step("reassessment_started", {}, "2025-12-01T10:00");
        if (state(id) == "reassessment" && target != "reassessment") {
            record_scores(id, test::bengkulu_scores(outcome), "2025-12-02T10:00");
            send(id, "reassessment_completed", {}, "2025-12-03T10:00").value();
        }
        return id;
    }

    std::vector<std::string> event_names(const std::string& id) {
        std::vector<std::string> names;
        for (const auto& e : journal->case_events(id).value()) names.push_back(e.name);
        return names;
    }

    void replay_equals_projection(const std::string& id) {
        auto machine = engine->replay(id).value();
        CHECK(machine->state() == state(id));
        CHECK(canonical_json(machine->data()) == engine->view(id).value().record.data);
    }
};

}  // namespace

TEST_CASE("development states, finals, deadlines and the opening guard", "[development]") {
    DevelopmentFixture f;
    const Workflow& wf = *f.engine->find_workflow("development");
    CHECK(wf.case_prefix() == "DEV");
    CHECK(wf.states() == std::vector<std::string>{"planning", "upgrading", "reassessment", "awaiting_job_fit",
                                                  "ppk_decision", "withdrawn", "returned", "reassigned", "closed"});
    CHECK(wf.final_states() == std::vector<std::string>{"withdrawn", "returned", "reassigned", "closed"});
    CHECK(wf.events_from("upgrading") ==
          std::vector<std::string>{"upgrading_planned", "rest_from_office_decreed", "training_completed",
                                   "reassessment_started", "reassessment_requested", "withdrawn", "acting_assigned",
                                   "acting_ended"});
    const auto deadlines = wf.default_deadlines();
    CHECK(deadlines.at("upgrading").calendar_months == 6);
    CHECK_FALSE(deadlines.contains("awaiting_job_fit"));  // the linked job fit has its own deadlines
    CHECK(wf.transitions().size() == 36);
}

TEST_CASE("every row of the development table moves the case as the table says", "[development]") {
    const boost::json::object plt{{"nip", "197208122000031004"}, {"name", "Drs. Syafrizal"},
                                  {"post", "Kepala Dinas PUPR"},   {"from", "2025-06-16"},
                                  {"until", "2025-12-15"},         {"letter", "800/SPT/2025/31"}};
    auto payload_for = [&](const TransitionSpec& row) -> boost::json::object {
        if (row.event == "upgrading_planned") return training;
        if (row.event == "rest_from_office_decreed") return rest;
        if (row.event == "training_completed") return {{"program", "Diklat PIM II"}, {"date", "2025-09-30"}};
        if (row.event == "score_recorded") return {{"component", "paper"}, {"value", 85}};
        if (row.event == "withdrawn") return {{"reason", "pensiun dini"}};
        if (row.event == "acting_assigned") return plt;
        if (row.event == "acting_ended") return {{"date", "2025-11-30"}, {"reason", "jabatan diisi"}};
        if (row.event == "ppk_decided") {
            const std::string decision = row.to == "returned" ? "return" : row.to == "reassigned" ? "reassign" : "close";
            return {{"decision", decision}, {"post", "Kepala Dinas Perhubungan"}};
        }
        return {};
    };
    DevelopmentFixture probe;
    int rows = 0;
    for (const auto& row : probe.engine->find_workflow("development")->transitions()) {
        if (row.event == "opened" || row.event == "linked_case_closed") continue;  // opened by a job fit; the engine's
        DYNAMIC_SECTION(row.from << " --" << row.event << "--> " << row.to) {
            DevelopmentFixture f;
            const std::string id = f.open_development();
            const std::string rest_event = row.event == "rest_from_office_decreed" ? "" : "rest_from_office_decreed";
            if (!rest_event.empty()) f.send(id, rest_event, rest, "2025-06-05T09:00").value();
            auto go = [&](const std::string& event, boost::json::object p, const std::string& role = "admin") {
                if (f.state(id) != row.from) f.send(id, event, std::move(p), "", role).value();
            };
            f.default_when = "";  // each event at the clock's time, which moves on with them
            f.clock->set(at("2025-10-01T10:00"));
            f.send(id, "upgrading_planned", training).value();
            go("plan_completed", {});
            if (row.from == "awaiting_job_fit") go("reassessment_requested", {});
            go("reassessment_started", {});
            if (f.state(id) == "reassessment" && row.from != "reassessment") {
                f.record_scores(id, test::bengkulu_scores("keep"), "2025-10-01T10:00");
                go("reassessment_completed", {});
            }
            if (row.from == "returned" || row.from == "reassigned" || row.from == "closed")
                go("ppk_decided", payload_for(TransitionSpec{"ppk_decision", "ppk_decided", row.from, {}, false}), "ppk");
            REQUIRE(f.state(id) == row.from);
            if (row.event == "acting_ended") f.send(id, "acting_assigned", plt).value();
            if (row.event == "reassessment_completed") f.record_scores(id, test::bengkulu_scores("keep"), "2025-10-01T10:00");
            auto r = f.send(id, row.event, payload_for(row), "", row.event == "ppk_decided" ? "ppk" : "admin");
            INFO((r ? std::string() : r.error().message));
            REQUIRE(r.has_value());
            CHECK(f.state(id) == row.to);
            f.replay_equals_projection(id);
        }
        ++rows;
    }
    CHECK(rows == 34);
}

TEST_CASE("an approved develop opens a development case with the job fit's assessment", "[development][follow_ups]") {
    DevelopmentFixture f;
    const std::string id = f.open_development();
    CHECK(id == "DEV-000001");
    CHECK(f.state(id) == "planning");
    auto data = f.data(id);
    CHECK(data["origin"] == f.job_fit.c_str());
    CHECK(data["official"].as_object()["post"] == "Kepala Dinas PUPR");
    const auto& assessment = data["assessment"].as_object();
    CHECK(assessment.at("case") == f.job_fit.c_str());
    CHECK(assessment.at("outcome") == "develop");
    CHECK(assessment.at("total").to_number<double>() == Approx(60));
    CHECK(assessment.at("review").as_object().at("decision") == "approve");
    CHECK(data["scoring_profile"].as_object()["name"] == "bengkulu_2021");
    f.replay_equals_projection(id);

    // A rejected develop, a keep and a rotate open none.
    auto rejected = f.case_at("ppk_review", "develop");
    CHECK(f.send(rejected, "ppk_reviewed", {{"decision", "reject"}}, "2025-06-04T10:00", "ppk").value().opened.empty());
    auto keep = f.case_at("ppk_review", "keep");
    CHECK(f.send(keep, "ppk_reviewed", approve(), "2025-06-04T10:00", "ppk").value().opened.empty());
}

TEST_CASE("the plan: trainings, one rest from office, and no development without a training", "[development][guard]") {
    DevelopmentFixture f;
    const std::string id = f.open_development();
    auto empty = f.send(id, "plan_completed", {}, "2025-06-05T10:00");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == errc::refused);
    CHECK_THAT(empty.error().message, Catch::Contains("no upgrading (training) yet"));

    auto backwards = training;
    backwards["until"] = "2025-06-30";
    backwards["from"] = "2025-07-01";
    auto bad = f.send(id, "upgrading_planned", backwards, "2025-06-05T10:00");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::invalid_input);
    CHECK_THAT(bad.error().message, Catch::Contains("lies before 'from'"));

    f.send(id, "upgrading_planned", training, "2025-06-05T10:00").value();
    f.send(id, "rest_from_office_decreed", rest, "2025-06-05T11:00").value();
    auto twice = f.send(id, "rest_from_office_decreed", rest, "2025-06-05T12:00");
    REQUIRE_FALSE(twice);
    CHECK_THAT(twice.error().message, Catch::Contains("rest from office was already decreed (800/BKPSDM/2025/17"));
    f.send(id, "plan_completed", {}, "2025-06-10T10:00").value();
    CHECK(f.state(id) == "upgrading");
    auto data = f.data(id);
    const auto& plan = data["plan"].as_object();
    CHECK(plan.at("upgrading").as_array().size() == 1);
    CHECK(plan.at("rest_from_office").as_object().at("decree") == "800/BKPSDM/2025/17");
    CHECK(plan.at("started_on") == "2025-06-10");

    auto unknown = f.send(id, "training_completed", {{"program", "Diklat PIM III"}, {"date", "2025-09-30"}}, "2025-10-01T10:00");
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message, Catch::Contains("not a training of the plan (planned: Diklat PIM II)"));
    f.send(id, "training_completed", {{"program", "Diklat PIM II"}, {"certificate", "STTPP-77"}, {"date", "2025-09-30"}},
           "2025-10-01T10:00")
        .value();
    CHECK(f.data(id)["trainings_completed"].as_array().size() == 1);
    f.replay_equals_projection(id);
}

TEST_CASE("rest from office leaves the post to a Plt, from its first day", "[development][acting]") {
    DevelopmentFixture f;
    const std::string id = f.open_development();
    const boost::json::object plt{{"nip", "197208122000031004"}, {"name", "Drs. Syafrizal"},
                                  {"post", "Kepala Dinas PUPR"},   {"from", "2025-06-16"},
                                  {"until", "2025-12-15"},         {"letter", "800/SPT/2025/31"}};
    auto early = f.send(id, "acting_assigned", plt, "2025-06-05T10:00");
    REQUIRE_FALSE(early);
    CHECK_THAT(early.error().message, Catch::Contains("decreed no rest from office"));
    f.send(id, "upgrading_planned", training, "2025-06-05T10:00").value();
    auto later_rest = rest;
    later_rest["from"] = "2025-06-17";
    f.send(id, "rest_from_office_decreed", later_rest, "2025-06-05T11:00").value();
    auto before = f.send(id, "acting_assigned", plt, "2025-06-05T12:00");
    REQUIRE_FALSE(before);
    CHECK_THAT(before.error().message, Catch::Contains("before the post became vacant on 2025-06-17"));
    auto from17 = plt;
    from17["from"] = "2025-06-17";
    f.send(id, "acting_assigned", from17, "2025-06-05T12:00").value();
    const auto plts = acting::acting_officials(f.data(id));
    REQUIRE(plts.size() == 1);
    CHECK(plts[0].name == "Drs. Syafrizal");
    f.send(id, "plan_completed", {}, "2025-06-10T10:00").value();
    CHECK(f.state(id) == "upgrading");  // the Plt stays with the case through the plan
    f.replay_equals_projection(id);
}

TEST_CASE("the re-assessment's deadline: reminders and an escalation on the manual clock", "[development][timer]") {
    DevelopmentFixture f;
    const std::string id = f.open_development();
    f.send(id, "upgrading_planned", training, "2025-06-05T10:00").value();
    f.send(id, "plan_completed", {}, "2025-06-10T10:00").value();
    // Six calendar months from Tuesday 2025-06-10: Wednesday 2025-12-10, 16:00 WIB.
    const auto due = f.engine->view(id).value().record.due_at;
    REQUIRE(due);
    CHECK(*due == at("2025-12-10T16:00"));

    f.clock->set(at("2025-11-12T15:59"));  // just before the first reminder (20 working days before)
    CHECK(f.engine->fire_due(f.clock->now()).value().fired == 0);
    f.clock->set(at("2025-11-12T16:00"));
    CHECK(f.engine->fire_due(f.clock->now()).value().fired == 1);
    f.clock->set(at("2025-12-11T09:00"));  // the day after: the second reminder and the escalation
    CHECK(f.engine->fire_due(f.clock->now()).value().fired == 2);
    auto names = f.event_names(id);
    CHECK(std::count(names.begin(), names.end(), "reminder_due") == 2);
    CHECK(std::count(names.begin(), names.end(), "deadline_passed") == 1);
    CHECK(f.state(id) == "upgrading");

    // Starting the re-assessment leaves the state: its timers are cancelled.
    f.send(id, "reassessment_started", {}, "2025-12-11T10:00").value();
    f.clock->set(at("2026-03-02T09:00"));
    const auto report = f.engine->fire_due(f.clock->now()).value();
    for (const auto& o : report.outcomes) CHECK(o.projection.state != "upgrading");
    f.replay_equals_projection(id);
}

TEST_CASE("an own re-assessment that meets the standard returns the official through a mutation", "[development]") {
    DevelopmentFixture f;
    const std::string id = f.development_in("ppk_decision", "keep");
    auto data = f.data(id);
    CHECK(data["outcome"] == "keep");
    CHECK(data["total"].to_number<double>() == Approx(85));
    CHECK(data["reassessment"].as_object()["by"] == "own");

    auto no_post = f.send(id, "ppk_decided", {{"decision", "return"}}, "2025-12-04T10:00", "ppk");
    REQUIRE_FALSE(no_post);
    CHECK_THAT(no_post.error().message, Catch::Contains("field 'post'"));
    auto admin = f.send(id, "ppk_decided", {{"decision", "return"}, {"post", "Kepala Dinas Perhubungan"}},
                        "2025-12-04T10:00", "admin");
    REQUIRE_FALSE(admin);
    CHECK(admin.error().code == errc::forbidden);

    auto returned = f.send(id, "ppk_decided",
                           {{"decision", "return"}, {"post", "Kepala Dinas Perhubungan"}, {"sk_number", "821/2/2025"}},
                           "2025-12-04T10:00", "ppk");
    REQUIRE(returned);
    CHECK(f.state(id) == "returned");
    REQUIRE(returned.value().opened.size() == 1);
    const CaseRecord& mutation = returned.value().opened.front();
    CHECK(mutation.workflow == "mutation");
    auto m = f.data(mutation.id);
    CHECK(m["origin"] == id.c_str());
    CHECK(m["official"].as_object()["nip"] == "197005172000031001");
    f.replay_equals_projection(id);
    f.replay_equals_projection(mutation.id);
}

TEST_CASE("a re-assessment still below standard is not returned: reassigned or closed", "[development][guard]") {
    DevelopmentFixture f;
    const std::string id = f.development_in("ppk_decision", "develop");
    auto r = f.send(id, "ppk_decided", {{"decision", "return"}, {"post", "Kepala Dinas Perhubungan"}},
                    "2025-12-04T10:00", "ppk");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::refused);
    CHECK_THAT(r.error().message, Catch::Contains("outcome is 'develop'"));
    CHECK_THAT(r.error().message, Catch::Contains(rules::cite("development_plan", test::day("2025-12-04"))));
    auto reassigned = f.send(id, "ppk_decided", {{"decision", "reassign"}, {"post", "Analis Kebijakan Ahli Madya"}},
                             "2025-12-04T10:00", "ppk");
    REQUIRE(reassigned);
    CHECK(f.state(id) == "reassigned");
    CHECK(reassigned.value().opened.empty());

    const std::string other = f.development_in("ppk_decision", "develop");
    f.send(other, "ppk_decided", {{"decision", "close"}, {"notes", "pensiun"}}, "2025-12-04T10:00", "ppk").value();
    CHECK(f.state(other) == "closed");
    auto after = f.send(other, "withdrawn", {{"reason", "x"}}, "2025-12-05T10:00");
    REQUIRE_FALSE(after);
    CHECK_THAT(after.error().message, Catch::Contains("closed is final"));
}

TEST_CASE("a re-assessment by a linked job fit: the case waits for it to close", "[development][follow_ups]") {
    DevelopmentFixture f;
    const std::string id = f.development_in("upgrading");
    auto requested = f.send(id, "reassessment_requested", {}, "2025-12-01T10:00");
    REQUIRE(requested);
    CHECK(f.state(id) == "awaiting_job_fit");
    REQUIRE(requested.value().opened.size() == 1);
    const std::string jf = requested.value().opened.front().id;
    CHECK(requested.value().opened.front().workflow == "job_fit");
    auto jf_data = f.data(jf);
    CHECK(jf_data["origin"] == id.c_str());
    CHECK(jf_data["as_of"] == "2025-12-01");
    CHECK(f.state(jf) == "assessment");

    // The linked job fit is scored and approved as a rotate: it opens no
    // mutation of its own (the development case's PPK decides the move).
    for (const char* s : {"assessment", "panel_report", "recommendation"}) f.advance(jf, s, "rotate", "2025-12-08T10:00");
    auto reviewed = f.send(jf, "ppk_reviewed", approve(), "2025-12-08T10:00", "ppk");
    REQUIRE(reviewed);
    CHECK(reviewed.value().opened.empty());
    REQUIRE(reviewed.value().linked.size() == 1);
    CHECK(reviewed.value().linked.front().id == id);
    CHECK(f.state(jf) == "closed");
    // Its closing was recorded on the development case in the same transaction.
    auto names = f.event_names(id);
    CHECK(names.back() == "linked_case_closed");
    auto nobody = f.send(id, "linked_case_closed", {{"case", jf}, {"workflow", "job_fit"}, {"state", "closed"}},
                         "2025-12-08T11:00", "admin");
    REQUIRE_FALSE(nobody);
    CHECK(nobody.error().code == errc::forbidden);  // only the engine records it
    CHECK(f.state(id) == "ppk_decision");
    auto data = f.data(id);
    CHECK(data["outcome"] == "rotate");
    CHECK(data["reassessment"].as_object()["by"] == "job_fit");
    const auto& result = data["reassessment"].as_object()["result"].as_object();
    CHECK(result.at("case") == jf.c_str());
    CHECK(result.at("decision") == "approve");
    CHECK(result.at("assessment").as_object().at("total").to_number<double>() == Approx(73));
    CHECK(data["total"].to_number<double>() == Approx(73));
    f.send(id, "ppk_decided", {{"decision", "return"}, {"post", "Kepala Dinas PUPR"}}, "2025-12-09T10:00", "ppk").value();
    CHECK(f.state(id) == "returned");
    f.replay_equals_projection(id);
    f.replay_equals_projection(jf);
}

// --- The job fit's reassessment_permitted (Pekanbaru) ----------------------------

TEST_CASE("a job fit whose recommendation was refused is reopened by the oversight body's permission",
          "[development][job_fit][reassessment]") {
    DevelopmentFixture f;
    const std::string id = f.case_at("recommendation", "develop");
    f.send(id, "recommendation_requested", {{"ref", "800/1/BKD"}}).value();
    f.send(id, "recommendation_received", {{"decision", "reject"}, {"ref", "B-9/KASN/2025"}}).value();
    CHECK(f.state(id) == "closed");
    const Workflow& wf = f.workflow();
    CHECK(wf.is_final("closed"));

    auto future = f.send(id, "reassessment_permitted", {{"letter", "B-12/KASN/2025"}, {"date", "2025-07-30"}},
                         "2025-07-01T10:00");
    REQUIRE_FALSE(future);
    CHECK(future.error().code == errc::invalid_input);
    auto permitted = f.send(id, "reassessment_permitted", {{"letter", "B-12/KASN/2025"}, {"date", "2025-07-01"}},
                            "2025-07-02T10:00");
    REQUIRE(permitted);
    CHECK(f.state(id) == "assessment");
    auto data = f.data(id);
    CHECK_FALSE(data.contains("scores"));
    CHECK_FALSE(data.contains("outcome"));
    const auto& earlier = data["earlier_assessments"].as_array();
    REQUIRE(earlier.size() == 1);
    CHECK(earlier[0].as_object().at("outcome") == "develop");
    CHECK(earlier[0].as_object().at("permission").as_object().at("body") == "BKN");
    CHECK(earlier[0].as_object().at("recommendation").as_object().at("response").as_object().at("decision") == "reject");

    // The new scores are new events; nothing of the earlier ones is corrected.
    f.advance(id, "assessment", "rotate", "2025-07-07T10:00");
    CHECK(f.state(id) == "panel_report");
    CHECK(f.data(id)["outcome"] == "rotate");
    auto names = f.event_names(id);
    CHECK(std::count(names.begin(), names.end(), "score_recorded") == 8);
    CHECK(std::count(names.begin(), names.end(), "corrected") == 0);
    f.replay_equals_projection(id);
}

TEST_CASE("reassessment_permitted is refused for a job fit the PPK reviewed", "[development][job_fit][reassessment]") {
    DevelopmentFixture f;
    const std::string id = f.case_at("closed", "keep");
    auto r = f.send(id, "reassessment_permitted", {{"letter", "B-12/KASN/2025"}, {"date", "2025-06-03"}});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::refused);
    CHECK_THAT(r.error().message, Catch::Contains("only for a job fit whose recommendation the oversight body refused"));
    CHECK(f.state(id) == "closed");
}

TEST_CASE("a linked job fit still below standard: no second development case, and no return", "[development][follow_ups]") {
    DevelopmentFixture f;
    const std::string id = f.development_in("upgrading");
    const std::string jf = f.send(id, "reassessment_requested", {}, "2025-12-01T10:00").value().opened.front().id;
    for (const char* s : {"assessment", "panel_report", "recommendation"}) f.advance(jf, s, "develop", "2025-12-08T10:00");
    auto reviewed = f.send(jf, "ppk_reviewed", approve(), "2025-12-09T10:00", "ppk");
    REQUIRE(reviewed);
    CHECK(reviewed.value().opened.empty());  // it reports to its development case instead
    CHECK(f.state(id) == "ppk_decision");
    CHECK(f.data(id)["outcome"] == "develop");
    auto r = f.send(id, "ppk_decided", {{"decision", "return"}, {"post", "Kepala Dinas PUPR"}}, "2025-12-10T10:00", "ppk");
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("outcome is 'develop'"));

    // A linked job fit whose recommendation is refused closes without the PPK: no return either.
    const std::string other = f.development_in("upgrading");
    const std::string jf2 = f.send(other, "reassessment_requested", {}, "2025-12-01T10:00").value().opened.front().id;
    for (const char* s : {"assessment", "panel_report"}) f.advance(jf2, s, "keep", "2025-12-08T10:00");
    f.send(jf2, "recommendation_requested", {{"ref", "800/9/BKD"}}, "2025-12-08T10:00").value();
    f.send(jf2, "recommendation_received", {{"decision", "reject"}, {"ref", "B-9/BKN"}}, "2025-12-09T10:00").value();
    CHECK(f.state(other) == "ppk_decision");
    auto refused = f.send(other, "ppk_decided", {{"decision", "return"}, {"post", "Kepala Dinas PUPR"}},
                          "2025-12-10T10:00", "ppk");
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("ended in state closed without the PPK's review"));
    f.send(other, "ppk_decided", {{"decision", "reassign"}, {"post", "Analis Kebijakan Ahli Madya"}}, "2025-12-10T10:00",
           "ppk")
        .value();
    CHECK(f.state(other) == "reassigned");
    f.replay_equals_projection(id);
    f.replay_equals_projection(other);
}
