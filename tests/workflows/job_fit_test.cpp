// The job fit workflow, row by row, and the planning of a batch.
#include "job_fit_fixture.hpp"

#include "alur/workflows/legal_bases.hpp"
#include "result_printing.hpp"

#include <algorithm>

using namespace alur;
using alur::test::at;
using alur::test::day;
using alur::test::JobFitFixture;

namespace {

job_fit::Settings pilkada_settings() {
    job_fit::Settings s;
    s.election_windows.push_back(rules::window_from_determination("Pilkada 2024", day("2024-09-22"), day("2025-02-20")));
    return s;
}

boost::json::object approve() { return {{"decision", "approve"}, {"sk_number", "800/45/2025"}}; }

boost::json::object object_at(boost::json::object data, const std::string& key) { return data[key].as_object(); }

}  // namespace

TEST_CASE("every row of the job fit table moves the case as the table says", "[job_fit]") {
    JobFitFixture f;
    auto payload_for = [](const TransitionSpec& row) -> boost::json::object {
        if (row.event == "score_recorded") return {{"component", "paper"}, {"value", 85}};
        if (row.event == "panel_reported") return {{"ref", "BA-07/PANSEL/2025"}, {"summary", "sesuai"}};
        if (row.event == "recommendation_requested") return {{"ref", "800/1/BKD"}};
        if (row.event == "recommendation_received")
            return {{"decision", row.to == "closed" ? "reject" : "approve"}, {"ref", "B-1/BKN"}};
        if (row.event == "ppk_reviewed") return approve();
        if (row.event == "withdrawn") return {{"reason", "pensiun dini"}};
        if (row.event == "ministerial_approval_recorded")
            return {{"letter", "100.2.2.6/1234/OTDA"}, {"date", "2025-05-01"}};
        return {};
    };
    int rows = 0;
    for (const auto& row : f.workflow().transitions()) {
        if (row.event == "opened") continue;  // every case_at() opens
        if (row.event.starts_with("acting_")) continue;  // acting_test.cpp: the acting official (Plt) rows
        if (row.event == "reassessment_permitted") continue;  // development_test.cpp: a refused job fit reopened
        DYNAMIC_SECTION(row.from << " --" << row.event << "--> " << row.to) {
            auto id = f.case_at(row.from);
            REQUIRE(f.state(id) == row.from);
            if (row.event == "recommendation_received") f.send(id, "recommendation_requested", {{"ref", "800/1"}}).value();
            if (row.guard == "every_component_scored") {
                f.advance(id, row.from);
            } else {
                auto r = f.send(id, row.event, payload_for(row), "2025-06-03T10:00",
                                row.event == "ppk_reviewed" ? "ppk" : "admin");
                INFO((r ? std::string() : r.error().message));
                REQUIRE(r.has_value());
            }
            CHECK(f.state(id) == row.to);
        }
        ++rows;
    }
    CHECK(rows == 15);
}

TEST_CASE("job fit states, finals, guards and deadlines", "[job_fit]") {
    JobFitFixture f;
    const Workflow& wf = f.workflow();
    CHECK(wf.name() == "job_fit");
    CHECK(wf.case_prefix() == "JF");
    // closed is left only by reassessment_permitted, and stays final.
    CHECK(wf.states() ==
          std::vector<std::string>{"assessment", "panel_report", "recommendation", "ppk_review", "closed", "withdrawn"});
    CHECK(wf.final_states() == std::vector<std::string>{"withdrawn", "closed"});
    CHECK(wf.transitions().front().guard == "not_yet_opened && official_is_jpt");
    CHECK(wf.events_from("ppk_review") == std::vector<std::string>{"ppk_reviewed", "withdrawn",
                                                                   "ministerial_approval_recorded"});
    auto deadlines = wf.default_deadlines();
    CHECK(deadlines.size() == 4);
    CHECK(deadlines.at("assessment").working_days == 15);
    CHECK(deadlines.at("assessment").escalate_every == 3);
    CHECK(deadlines.at("recommendation").working_days == 20);
    CHECK(deadlines.at("ppk_review").remind_before == std::vector<int>{3, 1});
}

TEST_CASE("opened stores the official, the batch and the profile, and only a JPT is assessed", "[job_fit][guard]") {
    JobFitFixture f;
    auto opened = f.open_case();
    REQUIRE(opened);
    const std::string id = opened.value().projection.id;
    CHECK(id.rfind("JF-", 0) == 0);
    CHECK(f.state(id) == "assessment");
    auto data = f.data(id);
    CHECK(data["official"] == boost::json::object{{"nip", "197005172000031001"},
                                                  {"name", "Ir. Rahmat Hidayat, M.T."},
                                                  {"grade", "jpt_pratama"},
                                                  {"post", "Kepala Dinas PUPR"},
                                                  {"unit", "Dinas PUPR"},
                                                  {"inaugurated_at", "2019-01-07"},
                                                  {"birth_date", "1970-05-17"}});
    CHECK(data["batch"] == "JF-2025-001");
    CHECK(data["as_of"] == "2025-06-02");
    CHECK(object_at(data, "scoring_profile")["name"] == "bengkulu_2021");
    CHECK(f.workflow().subject(data) == "Ir. Rahmat Hidayat, M.T. (NIP 197005172000031001)");

    SECTION("an administrator is refused, citing the rule") {
        auto r = f.open_case(JobFitFixture::official("administrator"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::refused);
        CHECK_THAT(r.error().message, Catch::Contains("job fit (uji kompetensi) is of officials in a JPT post"));
        CHECK_THAT(r.error().message, Catch::Contains("grade 'administrator'"));
    }
    SECTION("an unknown profile names the field and the profiles") {
        auto r = f.open_case(JobFitFixture::official(), "riau_2030");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_input);
        CHECK(r.error().field == "profile");
        CHECK_THAT(r.error().message, Catch::Contains("bengkulu_2021, meranti_2022"));
    }
    SECTION("a batch may name its profile") {
        auto m = f.open_case(JobFitFixture::official(), "meranti_2022").value().projection.id;
        CHECK(object_at(f.data(m), "scoring_profile")["name"] == "meranti_2022");
    }
}

TEST_CASE("bengkulu_2021: the components are checked and the total classified", "[job_fit][guard][scoring]") {
    JobFitFixture f;
    auto id = f.case_at("assessment");
    auto unknown = f.send(id, "score_recorded", {{"component", "assessment_center"}, {"value", 90}});
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message,
               Catch::Contains("'assessment_center' is not a component of scoring profile bengkulu_2021"));
    f.send(id, "score_recorded", {{"component", "paper"}, {"value", 80}}).value();
    auto early = f.send(id, "assessment_completed");
    REQUIRE_FALSE(early);
    CHECK_THAT(early.error().message, Catch::Contains("still needs interview, performance_contract, track_record"));
    CHECK(f.state(id) == "assessment");
    f.advance(id, "assessment", "rotate");  // paper 80, interview 90, track 70, contract 60
    auto data = f.data(id);
    CHECK(data["total"].to_number<double>() == Approx(73.0));  // 16 + 18 + 21 + 18
    CHECK(data["outcome"] == "rotate");
    CHECK(f.state(id) == "panel_report");
}

TEST_CASE("the thresholds give keep, rotate and develop", "[job_fit][scoring]") {
    struct Example {
        std::map<std::string, double> scores;
        double total;
        std::string outcome;
    };
    for (const auto& e : std::vector<Example>{
             {alur::test::bengkulu_scores("keep"), 85, "keep"},
             {{{"paper", 80}, {"interview", 80}, {"track_record", 80}, {"performance_contract", 80}}, 80, "keep"},
             {{{"paper", 68}, {"interview", 68}, {"track_record", 68}, {"performance_contract", 68}}, 68, "rotate"},
             {{{"paper", 67.95}, {"interview", 68}, {"track_record", 68}, {"performance_contract", 68}}, 67.99, "develop"},
             {alur::test::bengkulu_scores("develop"), 60, "develop"},
         }) {
        JobFitFixture f;
        auto id = f.case_at("assessment");
        f.record_scores(id, e.scores);
        f.send(id, "assessment_completed").value();
        auto data = f.data(id);
        CHECK(data["total"].to_number<double>() == Approx(e.total));
        CHECK(data["outcome"] == e.outcome.c_str());
    }
}

TEST_CASE("meranti_2022: assessment center 25, paper 20, interview 35, track record 20", "[job_fit][scoring]") {
    JobFitFixture f;
    auto id = f.open_case(JobFitFixture::official(), "meranti_2022").value().projection.id;
    auto r = f.send(id, "score_recorded", {{"component", "performance_contract"}, {"value", 90}});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("(components: assessment_center, interview, paper, track_record)"));
    f.record_scores(id, {{"assessment_center", 90}, {"paper", 70}, {"interview", 80}, {"track_record", 60}});
    f.send(id, "assessment_completed").value();
    auto data = f.data(id);
    CHECK(data["total"].to_number<double>() == Approx(76.5));  // 22.5 + 14 + 28 + 12
    CHECK(data["outcome"] == "rotate");
}

TEST_CASE("the panel's report is kept", "[job_fit]") {
    JobFitFixture f;
    auto id = f.case_at("panel_report");
    f.send(id, "panel_reported", {{"ref", "BA-07/PANSEL/2025"}, {"summary", "layak dirotasi"}}).value();
    CHECK(f.data(id)["panel_report"] == boost::json::object{{"ref", "BA-07/PANSEL/2025"}, {"summary", "layak dirotasi"}});
    CHECK(f.state(id) == "recommendation");
}

TEST_CASE("job fit: the oversight body is chosen by the request's date", "[job_fit][rules]") {
    JobFitFixture f;  // default switch date 2024-08-23 (docs/LAW.md)
    auto before = f.case_at("recommendation", "rotate", "2024-08-01T09:00");
    f.send(before, "recommendation_requested", {{"ref", "800/1"}}, "2024-08-22T16:00").value();
    auto request = object_at(object_at(f.data(before), "recommendation"), "request");
    CHECK(request["body"] == "KASN");
    CHECK(request["requested_on"] == "2024-08-22");
    auto after = f.case_at("recommendation", "rotate", "2024-08-01T09:00");
    f.send(after, "recommendation_requested", {{"ref", "800/2"}, {"body", "KASN"}}, "2024-08-23T08:00").value();
    CHECK(object_at(object_at(f.data(after), "recommendation"), "request")["body"] == "BKN");
}

TEST_CASE("job fit: recommendation_received needs a request, a rejection closes the case", "[job_fit][guard]") {
    JobFitFixture f;
    auto id = f.case_at("recommendation");
    auto r = f.send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "B-1"}});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("no recommendation was requested yet"));
    f.send(id, "recommendation_requested", {{"ref", "800/1"}}).value();
    f.send(id, "recommendation_received", {{"decision", "reject"}, {"ref", "B-1"}, {"notes", "tidak sesuai"}}).value();
    CHECK(f.state(id) == "closed");
    CHECK(object_at(object_at(f.data(id), "recommendation"), "response")["decision"] == "reject");
}

TEST_CASE("ppk_reviewed: only the PPK reviews, the review and its date are kept", "[job_fit][roles]") {
    JobFitFixture f;
    auto id = f.case_at("ppk_review", "keep");
    auto r = f.send(id, "ppk_reviewed", approve(), "2025-06-03T10:00", "admin");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::forbidden);
    CHECK(f.engine->view(id, "ppk").value().allowed_events == std::vector<std::string>{"ppk_reviewed"});
    auto payload = approve();
    payload["decided_on"] = "1999-01-01";  // derived: replaced by the event's date
    f.send(id, "ppk_reviewed", payload, "2025-06-04T10:00", "ppk").value();
    CHECK(f.state(id) == "closed");
    auto review = object_at(f.data(id), "review");
    CHECK(review["decided_on"] == "2025-06-04");
    CHECK(review["sk_number"] == "800/45/2025");
    CHECK_FALSE(review.contains("election_window"));
}

TEST_CASE("UU 10/2016 art. 71: an approved rotation in an election window needs the minister", "[job_fit][guard]") {
    JobFitFixture f(pilkada_settings());  // window 2024-03-22 .. 2025-02-20
    SECTION("rotate, approved in the window, is refused citing the rule") {
        auto id = f.case_at("ppk_review", "rotate", "2024-01-02T09:00");
        auto r = f.send(id, "ppk_reviewed", approve(), "2024-05-02T08:00", "ppk");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::refused);
        CHECK_THAT(r.error().message, Catch::Contains("UU 10/2016 art. 71(2)"));
        CHECK_THAT(r.error().message, Catch::Contains("'Pilkada 2024' (2024-03-22 to 2025-02-20)"));
        CHECK(f.state(id) == "ppk_review");
        f.send(id, "ministerial_approval_recorded", {{"letter", "100.2.2.6/1234/OTDA"}, {"date", "2024-05-01"}}, "2024-05-01T10:00").value();
        CHECK(f.send(id, "ppk_reviewed", approve(), "2024-05-02T08:00", "ppk").has_value());
        CHECK(f.state(id) == "closed");
    }
    SECTION("keep moves nobody: no approval needed") {
        auto id = f.case_at("ppk_review", "keep", "2024-01-02T09:00");
        CHECK(f.send(id, "ppk_reviewed", approve(), "2024-05-02T08:00", "ppk").has_value());
    }
    SECTION("a rejected rotation moves nobody") {
        auto id = f.case_at("ppk_review", "rotate", "2024-01-02T09:00");
        CHECK(f.send(id, "ppk_reviewed", {{"decision", "reject"}}, "2024-05-02T08:00", "ppk").has_value());
        CHECK(f.state(id) == "closed");
    }
    SECTION("after the window a rotation passes") {
        auto id = f.case_at("ppk_review", "rotate", "2024-01-02T09:00");
        CHECK(f.send(id, "ppk_reviewed", approve(), "2025-02-21T08:00", "ppk").has_value());
    }
}

TEST_CASE("withdrawn ends the case, a closed case accepts nothing", "[job_fit]") {
    JobFitFixture f;
    auto id = f.case_at("panel_report");
    f.send(id, "withdrawn", {{"reason", "pensiun"}}).value();
    CHECK(f.state(id) == "withdrawn");
    CHECK(f.data(id)["withdrawal"] == boost::json::object{{"reason", "pensiun"}});
    auto closed = f.case_at("closed");
    auto r = f.send(closed, "withdrawn", {{"reason", "x"}});
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("closed is final"));
    auto wrong = f.send(f.case_at("assessment"), "panel_reported", {{"ref", "1"}, {"summary", "x"}});
    REQUIRE_FALSE(wrong);
    CHECK_THAT(wrong.error().message, Catch::Contains("no transition from assessment on panel_reported"));
}

TEST_CASE("an approved rotate opens a mutation case, a develop a development case, nothing else does", "[job_fit][follow_ups]") {
    JobFitFixture f;
    const Workflow& wf = f.workflow();
    auto follow_ups_of = [&](const std::string& id, const std::string& event, boost::json::object payload) {
        auto machine = f.engine->replay(id).value();
        return wf.follow_ups(id, EventInput{event, std::move(payload), at("2025-06-03T10:00"), "bupati", "ppk", 9},
                             *machine);
    };
    auto rotate = f.case_at("closed", "rotate");
    auto ups = follow_ups_of(rotate, "ppk_reviewed", approve());
    REQUIRE(ups.size() == 1);
    CHECK(ups[0].workflow == "mutation");
    // The official, the origin, and this case's assessment (which stands for the move).
    boost::json::object payload = ups[0].payload;
    const boost::json::value assessment = payload.at("assessment");
    payload.erase("assessment");
    CHECK(payload == boost::json::object{{"nip", "197005172000031001"},
                                         {"name", "Ir. Rahmat Hidayat, M.T."},
                                         {"grade", "jpt_pratama"},
                                         {"post", "Kepala Dinas PUPR"},
                                         {"unit", "Dinas PUPR"},
                                         {"inaugurated_at", "2019-01-07"},
                                         {"origin", rotate}});
    const auto source = f.data(rotate);
    CHECK(assessment.at("case") == rotate.c_str());
    CHECK(assessment.at("outcome") == "rotate");
    CHECK(assessment.at("scores") == source.at("scores"));
    CHECK(assessment.at("total").to_number<double>() == source.at("total").to_number<double>());
    CHECK(assessment.at("recommendation").at("response").at("decision") == "approve");
    // A target post given with the approval goes to the mutation as its proposed post.
    boost::json::object with_target = approve();
    with_target["target_post"] = "Kepala Dinas Perhubungan";
    with_target["target_unit"] = "Dinas Perhubungan";
    auto targeted = follow_ups_of(rotate, "ppk_reviewed", with_target);
    REQUIRE(targeted.size() == 1);
    CHECK(targeted[0].payload.at("target") == "Kepala Dinas Perhubungan");
    CHECK(targeted[0].payload.at("target_unit") == "Dinas Perhubungan");
    // The mutation workflow opens a case from it as it stands: at the PPK's decision.
    Command open;
    open.workflow = ups[0].workflow;
    open.payload = ups[0].payload;
    open.actor = "bupati";
    open.role = "admin";
    auto mutation = f.engine->submit(open);
    REQUIRE(mutation);
    CHECK(mutation.value().projection.state == "ppk_decision");
    CHECK(f.data(mutation.value().projection.id)["origin"] == rotate.c_str());

    CHECK(follow_ups_of(rotate, "ppk_reviewed", {{"decision", "reject"}}).empty());
    CHECK(follow_ups_of(rotate, "withdrawn", {{"reason", "x"}}).empty());
    CHECK(follow_ups_of(f.case_at("closed", "keep"), "ppk_reviewed", approve()).empty());
    // An approved develop opens a development case instead (development_test.cpp).
    auto develop = follow_ups_of(f.case_at("closed", "develop"), "ppk_reviewed", approve());
    REQUIRE(develop.size() == 1);
    CHECK(develop[0].workflow == "development");
}

TEST_CASE("the engine opens the linked mutation case with the PPK's approval of a rotate", "[job_fit][follow_ups]") {
    JobFitFixture f;
    auto rotate = f.case_at("ppk_review", "rotate");
    auto approved = f.send(rotate, "ppk_reviewed", approve(), "2025-06-04T10:00", "ppk");
    REQUIRE(approved);
    REQUIRE(approved.value().opened.size() == 1);
    const CaseRecord& mutation = approved.value().opened.front();
    CHECK(mutation.workflow == "mutation");
    CHECK(mutation.state == "ppk_decision");  // the job fit's assessment stands for the move
    auto data = f.data(mutation.id);
    CHECK(data["origin"] == rotate.c_str());
    CHECK(object_at(data, "official")["post"] == "Kepala Dinas PUPR");
    CHECK(object_at(data, "assessment")["case"] == rotate.c_str());

    auto keep = f.case_at("ppk_review", "keep");
    CHECK(f.send(keep, "ppk_reviewed", approve(), "2025-06-04T10:00", "ppk").value().opened.empty());
}

TEST_CASE("job fit: replay gives the same state and data", "[job_fit][replay]") {
    JobFitFixture f;
    for (const char* target : {"panel_report", "ppk_review", "closed"}) {
        auto id = f.case_at(target, "rotate");
        auto machine = f.engine->replay(id).value();
        CHECK(machine->state() == target);
        CHECK(canonical_json(machine->data()) == f.engine->view(id).value().record.data);
    }
}

// --- Planning a batch ----------------------------------------------------------

namespace {

roster::Official row(int n, const std::string& grade, const std::string& unit, const std::string& inaugurated,
                     const std::string& born = "1970-01-15") {
    std::string serial = std::to_string(100 + n);  // n < 900
    std::string nip = "197001152000011" + serial;
    return {nip, "Pejabat " + std::to_string(n), grade, "Kepala " + unit, unit, day(inaugurated), day(born)};
}

std::vector<std::string> names(const std::vector<roster::Official>& officials) {
    std::vector<std::string> out;
    for (const auto& o : officials) out.push_back(o.name);
    return out;
}

/// Bengkulu province, batch of 2021-09-01: 32 JPT, of whom 7 were inaugurated
/// in April 2021 and one retires on 2022-03-01; 3 rows that are not JPT.
std::vector<roster::Official> bengkulu_roster() {
    std::vector<roster::Official> r;
    for (int n = 1; n <= 32; ++n) {
        std::string unit = n % 2 ? "Dinas Kesehatan" : "Dinas Pendidikan";
        std::string grade = n == 1 ? "jpt_madya" : "jpt_pratama";
        std::string inaugurated = n <= 7 ? "2021-04-" + std::string(n + 4 < 10 ? "0" : "") + std::to_string(n + 4)
                                         : "2018-10-01";
        r.push_back(row(n, grade, unit, inaugurated, n == 20 ? "1962-02-10" : "1970-01-15"));
        if (n % 10 == 0) r.push_back(row(40 + n, n == 10 ? "administrator" : "pengawas", unit, "2021-04-12"));
    }
    return r;
}

}  // namespace

TEST_CASE("the Bengkulu 2021 batch: 7 recent inaugurations and one retirement are left out", "[job_fit][batch]") {
    const auto roster = bengkulu_roster();
    REQUIRE(roster.size() == 35);
    auto plan = job_fit::plan_batch(roster, day("2021-09-01"), "", job_fit::Settings{});
    CHECK(plan.included.size() == 24);
    REQUIRE(plan.excluded.size() == 8);
    for (int n = 0; n < 7; ++n) CHECK(plan.excluded[n].official.name == "Pejabat " + std::to_string(n + 1));
    CHECK(plan.excluded[0].reason ==
          "inaugurated 2021-04-05, less than 24 months before the batch date 2021-09-01 "
          "([job_fit] min_months_in_post; UU 5/2014 art. 116)");
    CHECK(plan.excluded[7].official.name == "Pejabat 20");
    CHECK(plan.excluded[7].reason ==
          "retires 2022-03-01 (age 60 on 2022-02-10), within 12 months after the batch date 2021-09-01 "
          "([job_fit] retirement_age, retirement_margin_months; UU 5/2014 art. 90)");
    auto included = names(plan.included);
    CHECK(included.front() == "Pejabat 8");  // roster order
    CHECK(std::is_sorted(plan.included.begin(), plan.included.end(),
                         [](const auto& a, const auto& b) { return a.nip < b.nip; }));
    for (const auto& o : plan.included) CHECK(rules::is_jpt(o.grade));
    CHECK(std::find(included.begin(), included.end(), "Pejabat 20") == included.end());

    SECTION("a unit's batch has that unit's officials only") {
        auto health = job_fit::plan_batch(roster, day("2021-09-01"), "Dinas Kesehatan", job_fit::Settings{});
        CHECK(health.included.size() + health.excluded.size() == 16);
        CHECK(health.excluded.size() == 4);  // 1, 3, 5, 7
        for (const auto& o : health.included) CHECK(o.unit == "Dinas Kesehatan");
        CHECK(job_fit::plan_batch(roster, day("2021-09-01"), "Dinas Sosial", job_fit::Settings{}).included.empty());
    }
    SECTION("the configured periods decide") {
        job_fit::Settings s;
        s.min_months_in_post = 5;        // in from inaugurations on 2021-04-08
        s.retirement_margin_months = 6;  // up to 2022-03-08: 20 is still out
        auto plan2 = job_fit::plan_batch(roster, day("2021-09-08"), "", s);
        CHECK(names(plan2.included).front() == "Pejabat 1");
        CHECK(plan2.excluded.size() == 3 + 1);
        CHECK(plan2.included.size() == 28);
        s.retirement_margin_months = 5;  // up to 2022-02-08: 20 is in
        CHECK(job_fit::plan_batch(roster, day("2021-09-08"), "", s).included.size() == 29);
    }
}

TEST_CASE("plan_batch: boundaries and both reasons", "[job_fit][batch]") {
    const job_fit::Settings s;
    const Date as_of = day("2021-10-01");
    auto plan = job_fit::plan_batch({row(1, "jpt_pratama", "A", "2019-10-01"),                // exactly 24 months: in
                                     row(2, "jpt_pratama", "A", "2019-10-02"),                // a day short: out
                                     row(3, "jpt_pratama", "A", "2015-01-05", "1961-10-01"),  // retires 2021-11-01
                                     row(4, "jpt_pratama", "A", "2015-01-05", "1962-08-31"),  // retires 2022-09-01: out
                                     row(5, "jpt_pratama", "A", "2015-01-05", "1962-09-01"),  // retires 2022-10-01: out
                                     row(6, "jpt_pratama", "A", "2015-01-05", "1962-09-02"),  // retires 2022-10-01: out
                                     row(7, "jpt_pratama", "A", "2015-01-05", "1962-10-01"),  // retires 2022-11-01: in
                                     row(8, "jpt_utama", "A", "2021-04-12", "1962-01-20"),
                                     row(9, "jpt_pratama", "A", "2015-01-05", "1961-05-10")},  // retired 2021-06-01
                                    as_of, "", s);
    CHECK(names(plan.included) == std::vector<std::string>{"Pejabat 1", "Pejabat 7"});
    REQUIRE(plan.excluded.size() == 7);
    CHECK(plan.excluded[0].official.name == "Pejabat 2");
    CHECK_THAT(plan.excluded[1].reason, Catch::StartsWith("retires 2021-11-01 (age 60 on 2021-10-01)"));
    CHECK_THAT(plan.excluded[4].reason, Catch::StartsWith("retires 2022-10-01 (age 60 on 2022-09-02)"));
    CHECK(plan.excluded[5].reason ==
          "inaugurated 2021-04-12, less than 24 months before the batch date 2021-10-01 "
          "([job_fit] min_months_in_post; UU 5/2014 art. 116); retires 2022-02-01 (age 60 on 2022-01-20), within 12 "
          "months after the batch date 2021-10-01 ([job_fit] retirement_age, retirement_margin_months; UU 5/2014 art. 90)");
    CHECK_THAT(plan.excluded[6].reason,
               Catch::StartsWith("retired 2021-06-01 (age 60 on 2021-05-10), by the batch date 2021-10-01"));
}

TEST_CASE("open_payload opens the case of a planned official", "[job_fit][batch]") {
    auto o = JobFitFixture::official();
    auto p = job_fit::open_payload(o, "JF-2021-001", day("2021-10-01"), "");
    CHECK(p == boost::json::object{{"nip", "197005172000031001"},
                                   {"name", "Ir. Rahmat Hidayat, M.T."},
                                   {"grade", "jpt_pratama"},
                                   {"post", "Kepala Dinas PUPR"},
                                   {"unit", "Dinas PUPR"},
                                   {"inaugurated_at", "2019-01-07"},
                                   {"birth_date", "1970-05-17"},
                                   {"batch", "JF-2021-001"},
                                   {"as_of", "2021-10-01"}});
    CHECK(job_fit::open_payload(o, "JF-2021-001", day("2021-10-01"), "meranti_2022")["profile"] == "meranti_2022");
    JobFitFixture f;
    const EventSpec* spec = f.workflow().find_event("opened");
    REQUIRE(spec);
    auto prepared = f.workflow().prepare("opened", p, at("2021-10-01T09:00"));
    REQUIRE(prepared);
    CHECK(validate_payload(*spec, prepared.value(), at("2021-10-01T09:00")).has_value());
}

TEST_CASE("a linked case that cannot be opened refuses the PPK's review: nothing is written", "[job_fit][follow_ups]") {
    mutation::Settings broken;
    broken.default_profile = "gone";  // the mutation case's opened would name no scoring profile
    JobFitFixture f({}, broken);
    const std::string id = f.case_at("ppk_review", "rotate");
    const auto events_before = f.journal->read_events(0, 0).value().size();

    auto r = f.send(id, "ppk_reviewed", {{"decision", "approve"}}, "2025-06-03T10:00", "ppk");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_input);
    CHECK_THAT(r.error().message, Catch::Contains("ppk_reviewed would open a mutation case that is refused") &&
                                      Catch::Contains("no scoring profile 'gone'"));
    CHECK(f.journal->read_events(0, 0).value().size() == events_before);
    CHECK(f.state(id) == "ppk_review");
    CHECK_FALSE(f.journal->find_case("MUT-000001").has_value());
}

// --- develop (rest from office) in an election window: the agency's policy ----------

namespace {

/// The events of a case as its machine takes them (replay by hand).
std::vector<EventInput> inputs_of(JobFitFixture& f, const std::string& id) {
    std::vector<EventInput> out;
    for (const auto& e : f.journal->case_events(id).value())
        out.push_back({e.name, boost::json::parse(e.payload).as_object(), e.occurred_at, e.actor, e.role, e.seq});
    return out;
}

}  // namespace

TEST_CASE("a develop approved in an election window is a replacement by the default policy", "[job_fit][guard][develop]") {
    JobFitFixture f(pilkada_settings());  // window 2024-03-22 .. 2025-02-20
    auto id = f.case_at("ppk_review", "develop", "2024-01-02T09:00");
    auto r = f.send(id, "ppk_reviewed", approve(), "2024-05-02T08:00", "ppk");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::refused);
    // The window's own rule and the agency's policy, each cited.
    CHECK_THAT(r.error().message, Catch::Contains("UU 10/2016 art. 71(2)"));
    CHECK_THAT(r.error().message, Catch::Contains("'Pilkada 2024' (2024-03-22 to 2025-02-20)"));
    CHECK_THAT(r.error().message, Catch::Contains(rules::cite("job_fit_develop_in_window", day("2024-05-02"))));
    CHECK_THAT(r.error().message, Catch::Contains("[job_fit] develop_is_replacement"));
    CHECK(f.state(id) == "ppk_review");

    SECTION("with the Minister's written approval it passes") {
        f.send(id, "ministerial_approval_recorded", {{"letter", "100.2.2.6/1234/OTDA"}, {"date", "2024-05-01"}},
               "2024-05-01T10:00").value();
        f.send(id, "ppk_reviewed", approve(), "2024-05-02T08:00", "ppk").value();
        CHECK(f.state(id) == "closed");
        CHECK(object_at(f.data(id), "review")["develop_in_window"] == "replacement");
    }
    SECTION("a rejected develop moves nobody") {
        CHECK(f.send(id, "ppk_reviewed", {{"decision", "reject"}}, "2024-05-02T08:00", "ppk").has_value());
    }
    SECTION("outside the window it passes") {
        CHECK(f.send(id, "ppk_reviewed", approve(), "2025-02-21T08:00", "ppk").has_value());
    }
}

TEST_CASE("with develop_is_replacement off a develop in the window passes, and the review keeps the policy",
          "[job_fit][guard][develop]") {
    auto settings = pilkada_settings();
    settings.develop_is_replacement = false;
    JobFitFixture f(settings);
    auto id = f.case_at("ppk_review", "develop", "2024-01-02T09:00");
    auto payload = approve();
    payload["develop_in_window"] = "replacement";  // derived: the configuration's value replaces it
    f.send(id, "ppk_reviewed", payload, "2024-05-02T08:00", "ppk").value();
    CHECK(f.state(id) == "closed");
    auto review = object_at(f.data(id), "review");
    CHECK(review["develop_in_window"] == "not_replacement");
    CHECK(review.contains("election_window"));
    // A rotation is a replacement whatever the policy says.
    auto rotate = f.case_at("ppk_review", "rotate", "2024-01-02T09:00");
    CHECK_FALSE(f.send(rotate, "ppk_reviewed", approve(), "2024-05-02T08:00", "ppk"));
}

TEST_CASE("a review journaled before the develop policy existed replays as it was decided", "[job_fit][replay][develop]") {
    JobFitFixture f(pilkada_settings());
    auto id = f.case_at("ppk_review", "develop", "2024-01-02T09:00");
    auto machine = f.workflow().create();
    for (const auto& in : inputs_of(f, id)) REQUIRE(machine->apply(in).has_value());
    // The old review: the window snapshot, no develop_in_window.
    boost::json::object old = approve();
    old["decided_on"] = "2024-05-02";
    old["election_window"] = {{"label", "Pilkada 2024"}, {"from", "2024-03-22"}, {"until", "2025-02-20"},
                              {"rule", "UU 10/2016 art. 71(2)"}};
    EventInput review{"ppk_reviewed", old, at("2024-05-02T08:00"), "bupati", "ppk", 99};
    auto applied = machine->apply(review);
    INFO((applied ? std::string() : applied.error().message));
    CHECK(applied.has_value());
    CHECK(machine->state() == "closed");
}
