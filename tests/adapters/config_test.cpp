// Tests for adapters/config: TOML -> alur::config::Config, with file:line errors.
#include "alur/config/config.hpp"
#include "alur/workflows/rules.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace std::chrono;
using alur::Date;
using alur::errc;
namespace config = alur::config;
namespace rules = alur::rules;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

struct BadCase {
    const char* what;
    std::string toml;
    int line;              ///< the line the message must name
    std::string key;       ///< the key it must name (and Error::field)
    std::string fragment;  ///< a piece of the explanation
};

}  // namespace

TEST_CASE("no file at all gives the documented defaults", "[config]") {
    const config::Config c = config::defaults();
    CHECK(c.agency_name == "Pemerintah Daerah");
    CHECK(c.timezone.name == "WIB");
    CHECK(c.timezone.offset == minutes(7 * 60));
    CHECK(c.mutation.timezone.name == "WIB");
    CHECK(c.mutation.oversight_switch == rules::default_oversight_switch());
    CHECK(c.mutation.oversight_switch == ymd(2024, 8, 14));
    CHECK(c.mutation.election_windows.empty());
    CHECK(c.mutation.default_profile == "bengkulu_2021");
    REQUIRE(c.mutation.profiles.size() == 1);
    CHECK(c.mutation.profiles.at("bengkulu_2021").weights == rules::bengkulu_2021().weights);
    CHECK(c.source == "(built-in defaults)");
}

TEST_CASE("an empty file is the defaults, from that file", "[config]") {
    auto c = config::load_string("# nothing set\n", "empty.toml");
    REQUIRE(c.has_value());
    CHECK(c->source == "empty.toml");
    CHECK(c->agency_name == config::defaults().agency_name);
    CHECK(c->mutation.oversight_switch == rules::default_oversight_switch());
    CHECK(c->mutation.profiles.size() == 1);
}

TEST_CASE("the example file loads and every value lands", "[config]") {
    const auto path = std::filesystem::path(ALUR_SOURCE_DIR) / "examples" / "alur.toml";
    auto loaded = config::load_file(path);
    INFO((loaded ? std::string() : loaded.error().message));
    REQUIRE(loaded.has_value());
    const config::Config& c = *loaded;

    CHECK(c.source == path.string());
    CHECK(c.agency_name == "Pemerintah Kabupaten Pasaman Barat");
    CHECK(c.timezone.name == "WIB");
    CHECK(c.mutation.timezone.name == "WIB");
    CHECK(c.mutation.oversight_switch == ymd(2024, 8, 14));

    REQUIRE(c.mutation.election_windows.size() == 2);
    const auto& pilkada = c.mutation.election_windows[0];
    CHECK(pilkada.label == "Pilkada 2024");
    CHECK(pilkada.from == ymd(2024, 3, 22));  // 6 months before determination 2024-09-22
    CHECK(pilkada.until == ymd(2025, 2, 20));
    const auto& head = c.mutation.election_windows[1];
    CHECK(head.label == "Bupati baru");
    CHECK(head.from == ymd(2025, 2, 20));
    CHECK(head.until == ymd(2025, 8, 19));  // the day before 2025-08-20

    CHECK(c.mutation.default_profile == "bengkulu_2021");
    REQUIRE(c.mutation.profiles.size() == 2);
    const auto& bengkulu = c.mutation.profiles.at("bengkulu_2021");
    CHECK(bengkulu.weights == rules::bengkulu_2021().weights);
    CHECK(bengkulu.keep_at == 80);
    CHECK(bengkulu.rotate_at == 68);
    const auto& admin = c.mutation.profiles.at("administrator");
    CHECK(admin.name == "administrator");
    CHECK(admin.weights.at("track_record") == 40);
    CHECK(admin.weights.at("paper") == 15);
    CHECK(admin.keep_at == 75);
    CHECK(admin.rotate_at == 60);
}

TEST_CASE("the time zone reaches the mutation settings too", "[config]") {
    auto c = config::load_string("[agency]\ntimezone = \"WITA\"\n", "alur.toml");
    REQUIRE(c.has_value());
    CHECK(c->timezone.name == "WITA");
    CHECK(c->timezone.offset == minutes(8 * 60));
    CHECK(c->mutation.timezone.name == "WITA");
    CHECK(c->mutation.timezone.offset == minutes(8 * 60));
}

TEST_CASE("profiles in the file add to or override the built-in one", "[config]") {
    SECTION("a new profile is added, the built-in one stays") {
        auto c = config::load_string(
            "[scoring]\n"
            "default_profile = \"flat\"\n"
            "[scoring.profiles.flat]\n"
            "weights = { paper = 50, interview = 50.0 }\n",
            "alur.toml");
        REQUIRE(c.has_value());
        CHECK(c->mutation.default_profile == "flat");
        REQUIRE(c->mutation.profiles.size() == 2);
        CHECK(c->mutation.profiles.at("bengkulu_2021").weights == rules::bengkulu_2021().weights);
        const auto& flat = c->mutation.profiles.at("flat");
        CHECK(flat.name == "flat");
        CHECK(flat.weights == std::map<std::string, double>{{"paper", 50}, {"interview", 50}});
        CHECK(flat.keep_at == rules::bengkulu_2021().keep_at);  // unset keys: bengkulu_2021's
    }
    SECTION("overriding one key of the built-in profile keeps its other keys") {
        auto c = config::load_string("[scoring.profiles.bengkulu_2021]\nkeep_at = 85\n", "alur.toml");
        REQUIRE(c.has_value());
        REQUIRE(c->mutation.profiles.size() == 1);
        const auto& p = c->mutation.profiles.at("bengkulu_2021");
        CHECK(p.keep_at == 85);
        CHECK(p.rotate_at == 68);
        CHECK(p.weights == rules::bengkulu_2021().weights);
    }
}

TEST_CASE("bare TOML dates are accepted as well as strings", "[config]") {
    auto c = config::load_string(
        "[oversight]\nswitch_date = 2024-09-01\n"
        "[[election_windows]]\nhead_inaugurated = 2025-02-20\n",
        "alur.toml");
    REQUIRE(c.has_value());
    CHECK(c->mutation.oversight_switch == ymd(2024, 9, 1));
    REQUIRE(c->mutation.election_windows.size() == 1);
    CHECK(c->mutation.election_windows[0].until == ymd(2025, 8, 19));
    CHECK(c->mutation.election_windows[0].label == "new regional head (inaugurated 2025-02-20)");
}

TEST_CASE("bad input is refused naming the file, line and key", "[config]") {
    const std::vector<BadCase> cases = {
        // unknown keys, at every level
        {"unknown top-level key", "[agency]\nname = \"X\"\n[agnecy]\nname = \"Y\"\n", 3, "agnecy",
         "unknown key"},
        {"unknown key in a table", "[agency]\nname = \"X\"\nzone = \"WIB\"\n", 3, "agency.zone",
         "expected name or timezone"},
        {"unknown key in a window", "[[election_windows]]\nhead_inaugurated = \"2025-02-20\"\n\n"
                                    "[[election_windows]]\nlabel = \"x\"\nhead_inagurated = \"2025-02-20\"\n",
         6, "election_windows[1].head_inagurated", "unknown key"},
        {"unknown key in a profile", "[scoring.profiles.x]\nkeep_at = 80\nkeepat = 80\n", 3,
         "scoring.profiles.x.keepat", "unknown key"},
        {"misspelt profiles table", "[scoring]\n\n[scoring.profile.x]\nkeep_at = 80\n", 3,
         "scoring.profile", "unknown key"},
        // wrong types
        {"integer for a string", "[agency]\nname = 5\n", 2, "agency.name", "expected a string, got an integer"},
        {"string for a number", "[scoring.profiles.x]\n\nkeep_at = \"80\"\n", 3, "scoring.profiles.x.keep_at",
         "expected a number"},
        {"string for a weight", "[scoring.profiles.x]\nweights = { paper = \"50\", interview = 50 }\n", 2,
         "scoring.profiles.x.weights.paper", "expected a number"},
        {"number for a date", "[oversight]\nswitch_date = 20240814\n", 2, "oversight.switch_date",
         "expected a date"},
        {"table for the windows", "[election_windows]\nlabel = \"x\"\n", 1, "election_windows",
         "array of tables"},
        {"value for a table", "agency = \"Pemda\"\n", 1, "agency", "expected a table"},
        {"empty name", "[agency]\nname = \"\"\n", 2, "agency.name", "must not be empty"},
        {"infinite weight", "[scoring.profiles.x]\nweights = { a = inf }\n", 2, "scoring.profiles.x.weights.a",
         "finite"},
        // impossible values
        {"weights not summing to 100",
         "[agency]\nname = \"X\"\n\n[scoring.profiles.x]\n"
         "weights = { paper = 20, interview = 20, track_record = 30, performance_contract = 20 }\n",
         5, "scoring.profiles.x.weights", "100"},
        {"keep_at out of range", "[scoring.profiles.x]\nkeep_at = 120\n", 2, "scoring.profiles.x.keep_at", ""},
        {"keep_at below rotate_at", "[scoring.profiles.x]\nkeep_at = 60\nrotate_at = 70\n", 3,
         "scoring.profiles.x.rotate_at", ""},
        {"keep_at below the built-in rotate_at", "[scoring.profiles.x]\n\nkeep_at = 60\n", 3,
         "scoring.profiles.x.keep_at", ""},
        {"no weights", "[scoring.profiles.x]\nkeep_at = 80\nweights = {}\n", 3, "scoring.profiles.x.weights", ""},
        {"a weight out of range", "[scoring.profiles.x]\nweights = { paper = 120, interview = -20 }\n", 2,
         "scoring.profiles.x.weights", ""},
        {"impossible date", "[oversight]\nswitch_date = \"2024-02-30\"\n", 2, "oversight.switch_date", ""},
        {"malformed date", "[[election_windows]]\ndetermination = \"22-09-2024\"\nuntil = \"2025-02-20\"\n", 2,
         "election_windows[0].determination", ""},
        {"determination without until", "[[election_windows]]\nlabel = \"Pilkada\"\ndetermination = \"2024-09-22\"\n",
         3, "election_windows[0].until", "needs until"},
        {"both determination and head_inaugurated",
         "[[election_windows]]\ndetermination = \"2024-09-22\"\nuntil = \"2025-02-20\"\n"
         "head_inaugurated = \"2025-02-20\"\n",
         4, "election_windows[0].head_inaugurated", "not both"},
        {"neither determination nor head_inaugurated", "\n[[election_windows]]\nlabel = \"x\"\n", 2,
         "election_windows[0]", "needs determination"},
        {"until with head_inaugurated",
         "[[election_windows]]\nhead_inaugurated = \"2025-02-20\"\nuntil = \"2025-08-19\"\n", 3,
         "election_windows[0].until", "6 months"},
        {"until before the window starts",
         "[[election_windows]]\ndetermination = \"2024-09-22\"\nuntil = \"2024-01-31\"\n", 3,
         "election_windows[0].until", "before the window's start 2024-03-22"},
        {"unknown time zone", "[agency]\n\ntimezone = \"CET\"\n", 3, "agency.timezone", ""},
        {"default_profile naming no profile", "[scoring]\ndefault_profile = \"bengkulu\"\n", 2,
         "scoring.default_profile", "no profile named \"bengkulu\""},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto loaded = config::load_string(c.toml, "bad.toml");
        REQUIRE_FALSE(loaded.has_value());
        const alur::Error& e = loaded.error();
        INFO(e.message);
        CHECK(e.code == errc::invalid_input);
        CHECK(e.field == c.key);
        CHECK(e.message.rfind("bad.toml:" + std::to_string(c.line) + ": " + c.key + ": ", 0) == 0);
        CHECK(e.message.find(c.fragment) != std::string::npos);
    }
}

TEST_CASE("a TOML syntax error is refused with its line", "[config]") {
    SECTION("a missing value") {
        auto c = config::load_string("[agency]\nname = \"X\"\ntimezone =\n", "bad.toml");
        REQUIRE_FALSE(c.has_value());
        CHECK(c.error().code == errc::invalid_input);
        INFO(c.error().message);
        CHECK(c.error().message.rfind("bad.toml:3:", 0) == 0);
        CHECK(c.error().message.find("syntax error") != std::string::npos);
    }
    SECTION("a key given twice") {
        auto c = config::load_string("[agency]\nname = \"X\"\n\nname = \"Y\"\n", "bad.toml");
        REQUIRE_FALSE(c.has_value());
        CHECK(c.error().code == errc::invalid_input);
        INFO(c.error().message);
        CHECK(c.error().message.rfind("bad.toml:4:", 0) == 0);
    }
}

TEST_CASE("load_file: a missing file is not_found, a bad one names its path", "[config]") {
    alur::test::TempDir dir;

    auto missing = config::load_file(dir / "absent.toml");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == errc::not_found);
    CHECK(missing.error().message.find("absent.toml") != std::string::npos);

    auto directory = config::load_file(dir.path());
    REQUIRE_FALSE(directory.has_value());
    CHECK(directory.error().code == errc::invalid_input);

    const auto bad = dir / "alur.toml";
    std::ofstream(bad) << "[agency]\nname = \"X\"\ntimezone = \"EST\"\n";
    auto refused = config::load_file(bad);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::invalid_input);
    CHECK(refused.error().message.rfind(bad.string() + ":3: agency.timezone: ", 0) == 0);

    const auto good = dir / "good.toml";
    std::ofstream(good) << "[agency]\nname = \"Pemerintah Kota Padang\"\n";
    auto loaded = config::load_file(good);
    REQUIRE(loaded.has_value());
    CHECK(loaded->agency_name == "Pemerintah Kota Padang");
    CHECK(loaded->source == good.string());
}
