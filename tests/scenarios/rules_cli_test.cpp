// `alur rules`: an officer (or an auditor) asks which legal basis Alur cites
// for each rule on a given date. UU 5/2014 was repealed by UU 20/2023 on its
// promulgation (31 October 2023, docs/LAW.md): on 30 October 2023 the two-year
// lock is UU 5/2014 art. 116(1) itself; from 31 October 2023 the citation says
// it continues through the implementing regulation.
#include "test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <string>

using alur::test::shell_quote;

namespace {

const std::string alur_bin = ALUR_BIN_DIR "/alur";

alur::test::RunResult alur_rules(const std::string& args) {
    return alur::test::run("env -u ALUR_DB -u ALUR_CONFIG -u ALUR_LANG " + shell_quote(alur_bin) + " " + args);
}

boost::json::object rule_in_force(const boost::json::value& doc, const std::string& id) {
    for (const auto& r : doc.at("rules").as_array())
        if (r.at("id").as_string() == id) return r.at("in_force").as_object();
    FAIL("no rule " << id);
    return {};
}

}  // namespace

TEST_CASE("alur rules lists every rule with the basis in force on the date asked", "[rules_cli]") {
    auto before = alur_rules("rules --at 2023-10-30 --json");
    INFO(before.err);
    REQUIRE(before.exit_code == 0);
    auto after = alur_rules("rules --at 2023-10-31 --json");
    REQUIRE(after.exit_code == 0);
    const auto b = boost::json::parse(before.out), a = boost::json::parse(after.out);
    CHECK(b.at("at").as_string() == "2023-10-30");
    CHECK(b.at("rules").as_array().size() == a.at("rules").as_array().size());
    CHECK(rule_in_force(b, "jpt_two_year_lock").at("cite").as_string() == "UU 5/2014 art. 116(1)");
    CHECK(std::string(rule_in_force(a, "jpt_two_year_lock").at("cite").as_string()).find("UU 20/2023") !=
          std::string::npos);

    auto table = alur_rules("--lang en rules --at 2025-06-01");
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Rules and their legal basis in force on 2025-06-01") != std::string::npos);
    CHECK(table.out.find("election_window_determination") != std::string::npos);
    CHECK(table.out.find("UU 10/2016 art. 71(2)") != std::string::npos);
}

TEST_CASE("alur rules refuses a date that is not one", "[rules_cli]") {
    for (const char* bad : {"2023-02-30", "31-10-2023", "yesterday"}) {
        auto r = alur_rules(std::string("--lang en rules --at ") + bad);
        INFO(bad);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--at must be a date YYYY-MM-DD") != std::string::npos);
        CHECK(r.out.empty());
    }
}
