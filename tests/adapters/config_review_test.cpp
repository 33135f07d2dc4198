// [performance_review] and [performance_review.ratings.<rating>] as the
// reader takes them, and calendar_months in [deadlines.<workflow>.<state>].
#include "alur/config/config.hpp"

#include "result_printing.hpp"

#include <catch2/catch.hpp>

using namespace alur;

TEST_CASE("performance_review settings and rating consequences are read", "[config][review]") {
    auto c = config::load_string("[agency]\ntimezone = \"WITA\"\n[performance_review]\nmet_percent = 90\n"
                                 "min_months_in_post = 18\nimprovement_months = 6\n"
                                 "[performance_review.ratings.kurang]\ntpp_cut_percent = 25\ntpp_cut_months = 6\n"
                                 "move_proposal = true\n",
                                 "alur.toml");
    INFO((c ? std::string() : c.error().message));
    REQUIRE(c);
    const auto& s = c->performance_review;
    CHECK(s.met_percent == 90);
    CHECK(s.min_months_in_post == 18);
    CHECK(s.timezone.name == "WITA");
    const auto& kurang = s.consequences.at("kurang");
    CHECK(kurang.tpp_cut_percent == 25);
    CHECK(kurang.tpp_cut_months == 6);
    CHECK(kurang.move_proposal);
    CHECK_FALSE(kurang.coaching);  // a rating's table replaces its defaults
    CHECK(s.consequences.at("sangat_kurang").coaching);  // the default
}

TEST_CASE("bad performance_review settings are refused naming the key", "[config][review]") {
    for (const auto& [text, key] :
         {std::pair{"[performance_review]\nmet_percent = 0\n", "performance_review.met_percent"},
          std::pair{"[performance_review]\nimprovement_months = 0\n", "performance_review.improvement_months"},
          std::pair{"[performance_review.ratings.cukup]\ncoaching = true\n", "performance_review.ratings.cukup"},
          std::pair{"[performance_review.ratings.kurang]\ntpp_cut_percent = 101\n",
                    "performance_review.ratings.kurang.tpp_cut_percent"},
          std::pair{"[performance_review.ratings.kurang]\ncoaching = 1\n", "performance_review.ratings.kurang.coaching"}}) {
        auto c = config::load_string(text, "alur.toml");
        INFO(text);
        REQUIRE_FALSE(c);
        CHECK(c.error().code == errc::invalid_input);
        CHECK_THAT(c.error().message, Catch::Contains(key));
    }
}

TEST_CASE("a deadline may be counted in calendar months", "[config][review]") {
    auto c = config::load_string("[deadlines.performance_review.improvement]\ncalendar_months = 3\n"
                                 "remind_before = [30, 5]\n",
                                 "alur.toml");
    INFO((c ? std::string() : c.error().message));
    REQUIRE(c);
    const auto& rule = c->deadlines.at("performance_review").at("improvement");
    CHECK(rule.calendar_months == 3);
    CHECK(rule.remind_before == std::vector<int>{30, 5});
    CHECK_FALSE(config::load_string("[deadlines.x.y]\ncalendar_months = 61\n", "alur.toml"));
}
