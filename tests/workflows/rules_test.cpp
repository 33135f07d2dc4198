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
}
