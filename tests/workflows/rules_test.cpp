#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/rules.hpp"

#include "result_printing.hpp"

using namespace alur;

namespace {
Date d(const char* s) { return parse_date(s).value(); }
}  // namespace

TEST_CASE("two-year lock boundaries", "[rules]") {
    CHECK(rules::two_year_lock("jpt_pratama", d("2023-05-02"), d("2025-05-01"), false, false).has_value());
    CHECK_FALSE(rules::two_year_lock("jpt_pratama", d("2023-05-02"), d("2025-05-02"), false, false).has_value());
    CHECK_FALSE(rules::two_year_lock("pengawas", d("2025-05-02"), d("2025-05-03"), false, false).has_value());
    // 29 February: the anniversary two years on is 28 February.
    CHECK(rules::two_year_lock("jpt_utama", d("2024-02-29"), d("2026-02-27"), false, false).has_value());
    CHECK_FALSE(rules::two_year_lock("jpt_utama", d("2024-02-29"), d("2026-02-28"), false, false).has_value());
}

TEST_CASE("election windows", "[rules]") {
    auto w = rules::window_from_determination("Pilkada 2024", d("2024-09-22"), d("2025-02-20"));
    CHECK(format_date(w.from) == "2024-03-22");
    auto h = rules::window_from_head_inauguration("Bupati baru", d("2025-02-20"));
    CHECK(format_date(h.until) == "2025-08-19");
    std::vector<rules::ElectionWindow> ws{w, h};
    CHECK(rules::window_containing(ws, d("2024-03-22"))->label == "Pilkada 2024");
    CHECK_FALSE(rules::window_containing(ws, d("2024-03-21")));
    CHECK(rules::window_containing(ws, d("2025-08-19"))->label == "Bupati baru");
    CHECK_FALSE(rules::window_containing(ws, d("2025-08-20")));
}

TEST_CASE("scoring profiles", "[rules]") {
    auto p = rules::bengkulu_2021();
    CHECK(rules::check_profile(p).has_value());
    CHECK(rules::score(p, {{"paper", 90}, {"interview", 90}, {"track_record", 80}, {"performance_contract", 70}}).outcome == "keep");
    auto low = rules::score(p, {{"paper", 50}, {"interview", 60}, {"track_record", 70}, {"performance_contract", 60}});
    CHECK(low.total == Approx(61.0));
    CHECK(low.outcome == "develop");
    p.weights["paper"] = 10;
    auto bad = rules::check_profile(p);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "weights must sum to 100 (got 90)");
}

TEST_CASE("oversight body by date", "[rules]") {
    auto sw = rules::default_oversight_switch();
    CHECK(rules::oversight_body(d("2023-12-31"), sw) == "KASN");
    CHECK(rules::oversight_body(sw, sw) == "BKN");
    const auto bodies = rules::default_oversight_bodies();
    CHECK_FALSE(rules::check_bodies(bodies).has_value());
    const Date day_before{std::chrono::sys_days{sw} - std::chrono::days{1}};
    CHECK(rules::oversight_body(day_before, bodies) == "KASN");
    CHECK(rules::oversight_body(sw, bodies) == "BKN");
}

TEST_CASE("the legal bases registry parses and cites the basis in force on the date", "[rules][law]") {
    const auto& all = rules::registry();
    REQUIRE_FALSE(all.empty());
    for (const auto& r : all) {
        INFO(r.id);
        CHECK_FALSE(r.title.empty());
        CHECK_FALSE(rules::cite(r.id, d("2025-01-01")).empty());
    }
    CHECK_THROWS_AS(rules::cite("no_such_rule", d("2025-01-01")), std::logic_error);
    CHECK(rules::find_rule("jpt_two_year_lock") != nullptr);
}

TEST_CASE("a registry with overlapping periods or a bad date is refused", "[rules][law]") {
    const std::string head = R"({"rules":[{"id":"x","title":"t","summary":"s","kind":"law","bases":[)";
    auto basis = [](const char* from, const char* until) {
        return std::string(R"({"from":)") + from + R"(,"until":)" + until +
               R"(,"cite":"c","instrument":"i","verified":false})";
    };
    CHECK_NOTHROW(rules::parse_registry(head + basis("null", R"("2023-10-30")") + "," +
                                        basis(R"("2023-10-31")", "null") + "]}]}"));
    CHECK_THROWS_WITH(rules::parse_registry(head + basis("null", R"("2023-10-30")") + "," +
                                            basis(R"("2023-10-30")", "null") + "]}]}"),
                      Catch::Contains("overlaps"));
    CHECK_THROWS_WITH(rules::parse_registry(head + basis(R"("2023-02-30")", "null") + "]}]}"),
                      Catch::Contains("from"));
    CHECK_THROWS_WITH(rules::parse_registry(head + "]}]}"), Catch::Contains("at least one basis"));
    CHECK_THROWS_WITH(rules::parse_registry("{"), Catch::Contains("not JSON"));
}
