// legal_bases_test.cpp — every dated boundary of workflows/rules/legal_bases.json,
// pinned to the day docs/LAW.md establishes.
//
// The expected dates are written out here on purpose (not read from the
// registry): a boundary that moves by a day in the JSON, or a new boundary
// that docs/LAW.md does not account for, fails a test below.
//
// Boundaries (docs/LAW.md, "Key dates"):
//   2023-10-30 / 2023-10-31  UU 5/2014 until the day before UU 20/2023's
//                            promulgation; UU 20/2023 (and what its transitional
//                            provisions keep in force) from 31 October 2023.
//   2024-08-22 / 2024-08-23  KASN until the day before the first BKN day under
//                            Perpres 91/2024 and 92/2024 (the day itself is not
//                            verified; docs/LAW.md says so).
//   2024-03-21 / 2024-03-22  Pilkada 2024: candidate pairs determined 2024-09-22,
//                            so the ban on replacing officials starts 2024-03-22
//                            (computed from the configured date, not in the JSON).
//   2023-10-30 / 2023-10-31  also for the performance rules of issue 13: UU 5/2014
//                            art. 118 (the contract, the six months, the re-test)
//                            until the day before UU 20/2023; then PP 11/2017 art. 142
//                            and PP 30/2019, kept in force by UU 20/2023 art. 75.
//   2021-04-28 / 2021-04-29  PP 30/2019 (promulgated 2019-04-29) applies its appraisal
//                            2 years after promulgation (art. 64(2)): its rating scale
//                            (art. 41(5)) and what follows a rating (arts. 53, 56, 58)
//                            from 29 April 2021; PP 46/2011's scale (art. 17) before.

#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/rules.hpp"

#include "result_printing.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace alur;

namespace {

Date d(const char* s) { return parse_date(s).value(); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// What a citation must and must not contain.
struct Expect {
    std::vector<std::string> has;
    std::vector<std::string> lacks = {};
};

void check_cite(const std::string& cite, const Expect& e) {
    INFO(cite);
    for (const auto& part : e.has) CHECK(has(cite, part));
    for (const auto& part : e.lacks) CHECK_FALSE(has(cite, part));
}

/// The cite of `id` on the last day of one period and on the first day of the next.
void check_edge(const char* id, const char* last_day, const char* first_day, const Expect& before,
                const Expect& after) {
    INFO(id << " " << last_day << " / " << first_day);
    REQUIRE(std::chrono::sys_days{d(first_day)} - std::chrono::sys_days{d(last_day)} == std::chrono::days{1});
    check_cite(rules::cite(id, d(last_day)), before);
    check_cite(rules::cite(id, d(first_day)), after);
}

/// Every dated boundary docs/LAW.md establishes: (rule id, last day of a period).
const std::set<std::pair<std::string, std::string>>& documented_boundaries() {
    static const std::set<std::pair<std::string, std::string>> all{
        {"jpt_two_year_lock", "2023-10-30"},
        {"jpt_early_move_presidential_approval", "2023-10-30"},
        {"oversight_recommendation", "2023-10-30"},
        {"oversight_recommendation", "2024-08-22"},
        {"oversight_body", "2023-10-30"},
        {"oversight_body", "2024-08-22"},
        {"jpt_madya_utama_appointment", "2023-10-30"},
        {"open_selection_pansel", "2023-10-30"},
        {"jpt_retirement_age", "2023-10-30"},
        {"job_fit_min_time_in_post", "2023-10-30"},
        {"jpt_performance_improvement", "2023-10-30"},
        {"jpt_performance_retest", "2023-10-30"},
        {"performance_contract", "2023-10-30"},
        {"pns_performance_consequence", "2021-04-28"},
        {"pns_performance_consequence", "2023-10-30"},
        {"pns_performance_improvement", "2021-04-28"},
        {"pns_performance_improvement", "2023-10-30"},
        {"pns_performance_dismissal", "2021-04-28"},
        {"pns_performance_dismissal", "2023-10-30"},
        {"pns_high_rating_succession", "2021-04-28"},
        {"pns_high_rating_succession", "2023-10-30"},
        {"skp_rating_scale", "2021-04-28"},
    };
    return all;
}

}  // namespace

TEST_CASE("every dated boundary in the registry is one docs LAW.md establishes", "[law]") {
    std::set<std::pair<std::string, std::string>> found;
    for (const auto& rule : rules::registry()) {
        for (std::size_t i = 0; i < rule.bases.size(); ++i) {
            const auto& b = rule.bases[i];
            INFO(rule.id << " basis " << i);
            if (i + 1 < rule.bases.size()) {
                // A period that ends is followed the next day by the next one: no gap.
                REQUIRE(b.until.has_value());
                REQUIRE(rule.bases[i + 1].from.has_value());
                CHECK(std::chrono::sys_days{*rule.bases[i + 1].from} - std::chrono::sys_days{*b.until} ==
                      std::chrono::days{1});
                found.emplace(rule.id, format_date(*b.until));
            } else {
                CHECK_FALSE(b.until.has_value());  // the last period is open: the law in force today
            }
            if (i == 0) CHECK_FALSE(b.from.has_value());  // and the first reaches back
        }
    }
    CHECK(found == documented_boundaries());
}

TEST_CASE("an unverified basis names no article", "[law]") {
    // docs/LAW.md: never an invented article number; an unverified basis cites the instrument only.
    for (const auto& rule : rules::registry()) {
        for (const auto& b : rule.bases) {
            INFO(rule.id << ": " << b.cite);
            CHECK_FALSE(b.instrument.empty());
            if (!b.verified) CHECK(b.article.empty());
            if (b.verified) CHECK_FALSE(b.source.empty());
        }
    }
}

TEST_CASE("the two-year lock cites UU 5/2014 art 116(1) until 30 October 2023 and UU 20/2023 from 31 October", "[law]") {
    check_edge("jpt_two_year_lock", "2023-10-30", "2023-10-31", {{"UU 5/2014 art. 116(1)"}, {"UU 20/2023"}},
               {{"UU 20/2023", "PP 11/2017"}});
    // A decision of 2025 does not cite the repealed article as the law in force on its own.
    check_cite(rules::cite("jpt_two_year_lock", d("2025-06-02")), {{"continued by PP 11/2017"}});
}

TEST_CASE("the President's approval for an earlier move cites art 116(2) then UU 20/2023", "[law]") {
    check_edge("jpt_early_move_presidential_approval", "2023-10-30", "2023-10-31",
               {{"UU 5/2014 art. 116(2)"}, {"UU 20/2023"}}, {{"UU 20/2023"}});
}

TEST_CASE("the oversight recommendation moves from UU 5/2014 to UU 20/2023 and then to Perpres 92/2024", "[law]") {
    check_edge("oversight_recommendation", "2023-10-30", "2023-10-31", {{"UU 5/2014"}, {"UU 20/2023"}},
               {{"UU 20/2023"}, {"Perpres 92/2024"}});
    check_edge("oversight_recommendation", "2024-08-22", "2024-08-23", {{"KASN"}, {"Perpres 92/2024"}},
               {{"Perpres 92/2024", "BKN"}});
}

TEST_CASE("the oversight body's basis is KASN under UU 5/2014 then UU 20/2023 then BKN under the Perpres", "[law]") {
    check_edge("oversight_body", "2023-10-30", "2023-10-31", {{"UU 5/2014", "KASN"}}, {{"UU 20/2023", "KASN"}});
    check_edge("oversight_body", "2024-08-22", "2024-08-23", {{"KASN"}, {"Perpres 92/2024"}},
               {{"Perpres 91/2024", "Perpres 92/2024"}});
}

TEST_CASE("the shipped oversight bodies are KASN until 22 August 2024 and BKN from 23 August 2024", "[law]") {
    // The same day as oversight_body's boundary in legal_bases.json (docs/LAW.md: day not verified).
    const auto bodies = rules::default_oversight_bodies();
    CHECK(rules::oversight_body(d("2024-08-22"), bodies) == "KASN");
    CHECK(rules::oversight_body(d("2024-08-23"), bodies) == "BKN");
    CHECK(format_date(rules::default_oversight_switch()) == "2024-08-23");
    // The test scenarios' recommendation dates: KASN on 2024-08-20, BKN on 2024-08-26.
    CHECK(rules::oversight_body(d("2024-08-20"), bodies) == "KASN");
    CHECK(rules::oversight_body(d("2024-08-26"), bodies) == "BKN");
    // The registry and the shipped list agree on the switch.
    const rules::Rule* body = rules::find_rule("oversight_body");
    REQUIRE(body != nullptr);
    REQUIRE(body->bases.size() >= 2);
    REQUIRE(body->bases.back().from.has_value());
    CHECK(rules::oversight_body(*body->bases.back().from, bodies) == "BKN");
}

TEST_CASE("the President's decision for JPT utama and madya cites PP 11/2017 art 3(3) in both periods", "[law]") {
    check_edge("jpt_madya_utama_appointment", "2023-10-30", "2023-10-31", {{"UU 5/2014", "art. 3(3)"}},
               {{"UU 20/2023", "art. 3(3)"}});
}

TEST_CASE("the pansel cites UU 5/2014 art 110 until 30 October 2023 and PermenPAN-RB 15/2019 after", "[law]") {
    check_edge("open_selection_pansel", "2023-10-30", "2023-10-31", {{"UU 5/2014 art. 110"}},
               {{"PermenPAN-RB 15/2019", "UU 20/2023"}, {"UU 5/2014 art. 110"}});
}

TEST_CASE("the JPT retirement age cites UU 5/2014 art 90 until 30 October 2023 and UU 20/2023 after", "[law]") {
    check_edge("jpt_retirement_age", "2023-10-30", "2023-10-31", {{"UU 5/2014 art. 90"}},
               {{"UU 20/2023"}, {"UU 5/2014"}});
}

TEST_CASE("a job fit's time in post cites UU 5/2014 art 116 until 30 October 2023 and UU 20/2023 after", "[law]") {
    check_edge("job_fit_min_time_in_post", "2023-10-30", "2023-10-31", {{"UU 5/2014 art. 116"}, {"UU 20/2023"}},
               {{"UU 20/2023", "PP 11/2017"}});
    CHECK(rules::cite("job_fit_min_time_in_post", d("2023-10-30")) == "UU 5/2014 art. 116");
}

TEST_CASE("the JPT's six months cite UU 5/2014 art 118(2) until 30 October 2023 and PP 11/2017 art 142(2) after", "[law]") {
    check_edge("jpt_performance_improvement", "2023-10-30", "2023-10-31", {{"UU 5/2014 art. 118(2)"}, {"UU 20/2023"}},
               {{"PP 11/2017 art. 142(2)", "PP 30/2019 art. 57(1)", "UU 20/2023 art. 75"}, {"UU 5/2014"}});
    // Bogor 2020: the evaluation of a head inaugurated in 2020 falls under UU 5/2014 itself.
    CHECK(rules::cite("jpt_performance_improvement", d("2021-06-30")) == "UU 5/2014 art. 118(2)");
}

TEST_CASE("the JPT's re-test and move cite art 118(3)-(4) until 30 October 2023 and art 142(3)-(4) after", "[law]") {
    check_edge("jpt_performance_retest", "2023-10-30", "2023-10-31", {{"UU 5/2014 art. 118(3)-(4)"}, {"UU 20/2023"}},
               {{"PP 11/2017 art. 142(3)-(4)", "PP 30/2019 art. 57(3)-(4)", "UU 20/2023"}, {"UU 5/2014"}});
}

TEST_CASE("the performance contract cites UU 5/2014 art 118(1) until 30 October 2023 and PP 11/2017 art 142(1) after", "[law]") {
    check_edge("performance_contract", "2023-10-30", "2023-10-31", {{"UU 5/2014 art. 118(1)"}, {"UU 20/2023"}},
               {{"PP 11/2017 art. 142(1)", "UU 20/2023 art. 75"}});
    CHECK(rules::cite("performance_contract", d("2020-03-09")) == "UU 5/2014 art. 118(1)");  // Bogor 2020
}

TEST_CASE("PP 30/2019's consequences apply from 29 April 2021 and are kept in force after 31 October 2023", "[law]") {
    // PP 30/2019 art. 64(2): its appraisal applies 2 years after its promulgation on 2019-04-29.
    for (const char* id : {"pns_performance_consequence", "pns_performance_improvement", "pns_performance_dismissal",
                           "pns_high_rating_succession"}) {
        INFO(id);
        check_edge(id, "2021-04-28", "2021-04-29", {{"PP 30/2019 art. 64(2)"}, {"UU 20/2023"}},
                   {{"PP 30/2019 art. 5"}, {"art. 64(2)", "UU 20/2023"}});
        check_edge(id, "2023-10-30", "2023-10-31", {{"PP 30/2019 art. 5"}, {"UU 20/2023"}},
                   {{"PP 30/2019 art. 5", "UU 20/2023"}});
    }
    CHECK(rules::cite("pns_performance_consequence", d("2022-12-31")) == "PP 30/2019 art. 56");  // Cilegon 2022
    CHECK(rules::cite("pns_performance_improvement", d("2022-12-31")) == "PP 30/2019 art. 58(1)-(4)");
    CHECK(rules::cite("pns_performance_dismissal", d("2022-12-31")) == "PP 30/2019 art. 58(5)");
    CHECK(has(rules::cite("pns_performance_dismissal", d("2025-01-02")), "UU 20/2023 art. 52(3)(f)"));
}

TEST_CASE("the SKP scale is PP 46/2011 art 17 until 28 April 2021 and PP 30/2019 art 41(5) with PermenPAN-RB 6/2022 after", "[law]") {
    check_edge("skp_rating_scale", "2021-04-28", "2021-04-29", {{"PP 46/2011 art. 17", "buruk"}, {"PP 30/2019"}},
               {{"PP 30/2019 art. 41(5)", "PermenPAN-RB 6/2022"}, {"PP 46/2011"}});
    const rules::Rule* scale = rules::find_rule("skp_rating_scale");
    REQUIRE(scale != nullptr);
    for (const char* name : {"sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"}) {
        INFO(name);
        CHECK(has(scale->summary, name));
    }
}

TEST_CASE("UU 20/2023's own articles are cited where its full text was read", "[law]") {
    CHECK(rules::cite("jpt_retirement_age", d("2024-01-02")) == "UU 20/2023 art. 55");
    CHECK(has(rules::cite("oversight_body", d("2024-01-02")), "UU 20/2023 art. 70(3)"));
    CHECK(has(rules::cite("jpt_two_year_lock", d("2025-06-02")), "UU 20/2023 art. 75"));
    const rules::Rule* body = rules::find_rule("oversight_body");
    REQUIRE(body != nullptr);
    REQUIRE(body->bases.size() == 3);
    CHECK(body->bases[1].article == "70(3)");
    CHECK(body->bases[1].verified);
}

TEST_CASE("the performance rules of issue 13 are in the registry with no placeholder left", "[law]") {
    for (const char* id : {"jpt_performance_improvement", "jpt_performance_retest", "performance_contract",
                           "pns_performance_consequence", "tpp_cut", "development_plan", "job_fit_reassessment",
                           "assessment_stands_for_mutation", "pns_performance_improvement", "pns_performance_dismissal",
                           "pns_high_rating_succession", "skp_rating_scale"}) {
        INFO(id);
        const rules::Rule* rule = rules::find_rule(id);
        REQUIRE(rule != nullptr);
        CHECK_FALSE(rule->bases.empty());
        for (const auto& b : rule->bases) {
            CHECK_FALSE(has(b.source, "to be verified"));
            CHECK_FALSE(has(b.note, "placeholder"));
        }
    }
    CHECK(has(rules::cite("tpp_cut", d("2022-07-01")), "PP 12/2019 art. 58"));  // Cilegon 2022
    CHECK(has(rules::cite("assessment_stands_for_mutation", d("2021-05-03")), "PP 11/2017 art. 131-132"));
    // What could not be read stays without an article (docs/LAW.md).
    CHECK(rules::cite("development_plan", d("2020-06-01")).find("art.") == std::string::npos);
    CHECK(rules::cite("job_fit_reassessment", d("2020-03-23")).find("art.") == std::string::npos);
}

TEST_CASE("Pasaman Barat - an inauguration on 22 March 2024 falls in the Pilkada 2024 window", "[law]") {
    // docs/LAW.md: candidate pairs determined 2024-09-22 (PKPU 2/2024), ban from 2024-03-22;
    // the regent's inauguration of 51 officials on 2024-03-22 was annulled the same day.
    const auto w = rules::window_from_determination("Pilkada 2024", d("2024-09-22"), d("2024-12-31"));
    CHECK(format_date(w.from) == "2024-03-22");
    const std::vector<rules::ElectionWindow> ws{w};
    CHECK_FALSE(rules::window_containing(ws, d("2024-03-21")));
    CHECK(rules::window_containing(ws, d("2024-03-22")));
    CHECK(has(rules::cite("election_window_determination", d("2024-03-22")), "UU 10/2016 art. 71(2)"));
    CHECK(has(rules::cite("election_window_new_head", d("2025-02-20")), "UU 10/2016 art. 162(3)"));
}
