// The performance review workflow row by row: the contract's weights, the
// evaluation's three routes, the rating's configured consequences (the TPP
// cut, coaching, a move proposal opening a mutation case), and the JPT's
// path: six calendar months of improvement (its deadline on the manual
// clock), the re-evaluation, the re-test as a linked job fit, and the move it
// allows as a linked mutation case.
#include "review_fixture.hpp"

#include <catch2/catch.hpp>

using namespace alur;
using namespace alur::test;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

performance_review::Settings cilegon_settings() {
    performance_review::Settings s;
    s.consequences["kurang"] = {10, 12, true, true};
    return s;
}

}  // namespace

TEST_CASE("a contract is signed only when its weights sum to 100", "[workflow][review]") {
    ReviewFixture f;
    const std::string id = f.open_review(ReviewFixture::head());
    CHECK(f.state(id) == "contract");
    f.send(id, "target_set", {{"target", "T1"}, {"indicator", "jalan mantap"}, {"target_value", 100}, {"weight", 60}},
           "2020-01-10T10:00").value();
    auto refused = f.send(id, "contract_signed", {{"signed_on", "2020-01-10"}}, "2020-01-10T10:00");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == errc::refused);
    CHECK(contains(refused.error().message, "weights summing to 100 (now 60, 1 targets"));
    f.send(id, "target_set", {{"target", "T2"}, {"indicator", "jembatan"}, {"target_value", 12}, {"weight", 40}},
           "2020-01-10T10:00").value();
    f.send(id, "contract_signed", {{"signed_on", "2020-01-10"}}, "2020-01-10T10:00").value();
    CHECK(f.state(id) == "monitoring");
    auto unknown = f.send(id, "progress_recorded", {{"quarter", 1}, {"target", "T9"}, {"value", 3}}, "2020-04-01T10:00");
    REQUIRE_FALSE(unknown);
    CHECK(contains(unknown.error().message, "'T9' is not a target of the contract (targets: T1, T2)"));
}

TEST_CASE("a met contract with a good rating closes the case", "[workflow][review]") {
    ReviewFixture f;
    const std::string id = f.open_review(ReviewFixture::head());
    f.sign_contract(id);
    f.send(id, "evaluation_started", {}, "2021-01-11T09:00").value();
    f.achieve(id, 100, 12, "2021-01-12T09:00");
    f.send(id, "evaluated", {{"rating", "baik"}}, "2021-01-15T10:00", "ppk").value();
    CHECK(f.state(id) == "closed");
    CHECK(f.data(id).at("achievement").to_number<double>() == 100);
    CHECK(f.data(id).at("met").as_bool());
}

TEST_CASE("an evaluation needs every target's achievement", "[workflow][review]") {
    ReviewFixture f;
    const std::string id = f.open_review(ReviewFixture::head());
    f.sign_contract(id);
    f.send(id, "evaluation_started", {}, "2021-01-11T09:00").value();
    f.send(id, "achievement_recorded", {{"target", "T1"}, {"value", 90}}, "2021-01-12T09:00").value();
    auto refused = f.send(id, "evaluated", {{"rating", "baik"}}, "2021-01-15T10:00", "ppk");
    REQUIRE_FALSE(refused);
    CHECK(contains(refused.error().message, "still needs the achievement of T2"));
}

TEST_CASE("a kurang rating leads to the configured TPP cut coaching and a move proposal", "[workflow][review]") {
    ReviewFixture f(cilegon_settings());
    const std::string id = f.open_review(ReviewFixture::staff(), 2022, "", "2022-01-05T09:00");
    f.sign_contract(id, "2022-01-10T10:00");
    f.send(id, "evaluation_started", {}, "2023-01-09T09:00").value();
    f.achieve(id, 70, 6, "2023-01-10T09:00");  // 60*0.7 + 40*0.5 = 62
    f.send(id, "evaluated", {{"rating", "kurang"}}, "2023-01-16T10:00", "ppk").value();
    CHECK(f.state(id) == "follow_up");  // an administrator: no improvement period, the rating's consequences
    CHECK(f.data(id).at("achievement").to_number<double>() == Approx(62));
    CHECK(f.data(id).at("consequences").at("tpp_cut_percent").to_number<double>() == 10);

    auto done_early = f.send(id, "follow_up_completed", {}, "2023-01-17T10:00");
    REQUIRE_FALSE(done_early);
    CHECK(contains(done_early.error().message, "still need tpp_cut_decided, coaching_recorded, move_proposed"));
    auto wrong = f.send(id, "tpp_cut_decided", {{"percent", 25}, {"from", "2023-02-01"}, {"basis", "Perwali 5/2022"}},
                        "2023-01-17T10:00", "ppk");
    REQUIRE_FALSE(wrong);
    CHECK(contains(wrong.error().message, "is 10 percent as the regional head's regulation sets it"));
    f.send(id, "tpp_cut_decided", {{"from", "2023-02-01"}, {"basis", "Perwali 5/2022"}}, "2023-01-17T10:00", "ppk")
        .value();
    CHECK(f.data(id).at("tpp_cut").at("percent").to_number<double>() == 10);
    CHECK(f.data(id).at("tpp_cut").at("months").as_int64() == 12);
    f.send(id, "coaching_recorded", {{"date", "2023-01-18"}, {"by", "Kepala Dinas"}}, "2023-01-18T10:00").value();
    auto moved = f.send(id, "move_proposed", {{"target", "Kepala Subbagian Umum"}}, "2023-01-19T10:00", "ppk").value();
    REQUIRE(moved.opened.size() == 1);
    const std::string mutation = moved.opened.front().id;
    CHECK(f.data(mutation).at("origin").as_string() == id);
    CHECK(f.state(mutation) == "record_gathering");
    f.send(id, "follow_up_completed", {}, "2023-01-20T10:00").value();
    CHECK(f.state(id) == "closed");
    CHECK(f.replay_matches(id));
    CHECK(f.replay_matches(mutation));
}

TEST_CASE("two years rated sangat_baik give the succession priority with its rule", "[workflow][review]") {
    ReviewFixture f;
    const std::string id = f.open_review(ReviewFixture::staff(), 2022, "sangat_baik", "2022-01-05T09:00");
    f.sign_contract(id, "2022-01-10T10:00");
    f.send(id, "evaluation_started", {}, "2023-01-09T09:00").value();
    f.achieve(id, 100, 12, "2023-01-10T09:00");
    f.send(id, "evaluated", {{"rating", "sangat_baik"}}, "2023-01-16T10:00", "ppk").value();
    CHECK(f.state(id) == "closed");
    const auto two = f.data(id).at("two_years").as_object();
    CHECK(two.at("priority").as_string() == "succession_group");
    CHECK(contains(std::string(two.at("basis").as_string()), "53"));
}

TEST_CASE("from 2021-04-29 a JPT rated butuh_perbaikan gets the six months even with the contract met",
          "[workflow][review]") {
    ReviewFixture f;
    const std::string id = f.open_review(ReviewFixture::head("2019-12-02"), 2021, "", "2021-01-06T09:00");
    f.sign_contract(id, "2021-01-11T10:00");
    f.send(id, "evaluation_started", {}, "2022-01-10T09:00").value();
    f.achieve(id, 100, 12, "2022-01-11T09:00");
    f.send(id, "evaluated", {{"rating", "butuh_perbaikan"}}, "2022-01-12T10:00", "ppk").value();
    CHECK(f.state(id) == "improvement");  // PP 30/2019 art. 57(1)
}

TEST_CASE("a JPT who misses the contract gets six calendar months then a re-test and a move", "[workflow][review][timer]") {
    ReviewFixture f;
    const std::string id = f.open_review(ReviewFixture::head("2019-12-02"));
    f.sign_contract(id);
    f.send(id, "evaluation_started", {}, "2021-01-11T09:00").value();
    f.achieve(id, 80, 6, "2021-01-12T09:00");  // 48 + 20 = 68
    f.send(id, "evaluated", {{"rating", "butuh_perbaikan"}}, "2021-01-15T10:00", "ppk").value();
    REQUIRE(f.state(id) == "improvement");
    const auto improvement = f.data(id).at("improvement").as_object();
    CHECK(improvement.at("from").as_string() == "2021-01-15");
    CHECK(improvement.at("until").as_string() == "2021-07-15");

    // The improvement's deadline: six calendar months, at the due time (16:00 local), on the manual clock.
    const auto record = f.engine->view(id).value().record;
    REQUIRE(record.due_at);
    CHECK(*record.due_at == at("2021-07-15T16:00"));
    auto early = f.send(id, "improvement_ended", {}, "2021-06-01T09:00");
    REQUIRE_FALSE(early);
    CHECK(contains(early.error().message, "the improvement period runs until 2021-07-15"));
    CHECK(f.engine->fire_due(at("2021-06-01T09:00")).value().fired == 0);
    const auto reminders = f.engine->fire_due(at("2021-07-14T16:00")).value();
    CHECK(reminders.fired == 2);  // 20 and 5 working days before
    CHECK(f.state(id) == "improvement");
    const auto overdue = f.engine->fire_due(at("2021-07-15T16:00")).value();
    CHECK(overdue.fired == 1);

    f.send(id, "improvement_ended", {}, "2021-07-16T09:00").value();
    REQUIRE(f.state(id) == "re_evaluation");
    CHECK_FALSE(f.data(id).contains("achievements"));  // the re-evaluation records its own
    f.achieve(id, 85, 7, "2021-07-19T09:00");
    auto retest = f.send(id, "re_evaluated", {{"rating", "kurang"}}, "2021-07-20T10:00", "ppk").value();
    REQUIRE(f.state(id) == "retest");
    REQUIRE(retest.opened.size() == 1);
    const std::string jf = retest.opened.front().id;
    CHECK(retest.opened.front().workflow == "job_fit");
    CHECK(f.data(jf).at("origin").as_string() == id);
    CHECK(f.data(jf).at("as_of").as_string() == "2021-07-20");

    // The re-test: below standard (develop), approved.
    f.record_scores(jf, bengkulu_scores("develop"), "2021-08-02T10:00");
    f.send(jf, "assessment_completed", {}, "2021-08-02T10:00").value();
    f.send(jf, "panel_reported", {{"ref", "BA/2021"}, {"summary", "di bawah standar"}}, "2021-08-03T10:00").value();
    f.send(jf, "recommendation_requested", {{"ref", "800/2021"}}, "2021-08-04T10:00").value();
    f.send(jf, "recommendation_received", {{"decision", "approve"}, {"ref", "B/KASN"}}, "2021-08-05T10:00").value();
    f.send(jf, "ppk_reviewed", {{"decision", "approve"}, {"sk_number", "800/9/2021"}}, "2021-08-06T10:00", "ppk").value();
    REQUIRE(f.state(jf) == "closed");
    // The closing job fit told its origin in the same transaction (linked_case_closed).
    REQUIRE(f.state(id) == "move");
    CHECK(f.data(id).at("retest").at("outcome").as_string() == "develop");
    CHECK(f.data(id).at("retest").at("case").as_string() == jf);
    CHECK(f.data(id).at("retest").at("assessment").at("outcome").as_string() == "develop");

    auto wrong = f.send(id, "move_decided", {{"kind", "another_post"}, {"target", "Kepala Dinas Pertanian"}},
                        "2021-08-10T10:00", "ppk");
    REQUIRE_FALSE(wrong);
    CHECK(contains(wrong.error().message, "the move is lower_post, not another_post"));
    auto functional = f.send(id, "move_decided", {{"kind", "functional_post"}, {"target", "Analis Kebijakan Ahli Utama"}},
                             "2021-08-10T10:00", "ppk");
    REQUIRE_FALSE(functional);
    CHECK(contains(functional.error().message, "no third choice of the rule"));
    auto moved = f.send(id, "move_decided", {{"kind", "lower_post"}, {"target", "Sekretaris Dinas PUPR"}},
                        "2021-08-10T10:00", "ppk").value();
    CHECK(f.state(id) == "moved");
    REQUIRE(moved.opened.size() == 1);
    const std::string mutation = moved.opened.front().id;
    const auto m = f.data(mutation);
    CHECK(m.at("origin").as_string() == id);
    CHECK(moved.opened.front().workflow == "mutation");
    for (const auto& c : {id, jf, mutation}) CHECK(f.replay_matches(c));
}

TEST_CASE("a JPT less than a year in the post goes to the rating's consequences, not improvement", "[workflow][review]") {
    ReviewFixture f;
    const std::string id = f.open_review(ReviewFixture::head("2020-06-02"), 2020, "", "2020-06-08T09:00");
    f.sign_contract(id, "2020-06-10T10:00");
    f.send(id, "evaluation_started", {}, "2021-01-11T09:00").value();
    f.achieve(id, 80, 6, "2021-01-12T09:00");
    f.send(id, "evaluated", {{"rating", "butuh_perbaikan"}}, "2021-01-15T10:00", "ppk").value();
    CHECK(f.state(id) == "follow_up");  // butuh_perbaikan: coaching (the default)
    f.send(id, "coaching_recorded", {{"date", "2021-01-18"}, {"by", "Sekda"}}, "2021-01-18T10:00").value();
    auto cut = f.send(id, "tpp_cut_decided", {{"from", "2021-02-01"}, {"basis", "Perbup"}}, "2021-01-18T10:00", "ppk");
    REQUIRE_FALSE(cut);
    CHECK(contains(cut.error().message, "do not include tpp_cut_percent"));
    f.send(id, "follow_up_completed", {}, "2021-01-19T10:00").value();
    CHECK(f.state(id) == "closed");
}
