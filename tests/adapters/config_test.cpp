// Tests for adapters/config: TOML -> alur::config::Config, with file:line errors.
#include "alur/config/config.hpp"
#include "alur/workflows/rules.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
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

/// Each case, read as "bad.toml", is refused as invalid_input naming its line and key.
void check_refused(const std::vector<BadCase>& cases) {
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

}  // namespace

TEST_CASE("no file at all gives the documented defaults", "[config]") {
    const config::Config c = config::defaults();
    CHECK(c.agency_name == "Pemerintah Daerah");
    CHECK(c.timezone.name == "WIB");
    CHECK(c.timezone.offset == minutes(7 * 60));
    CHECK(c.mutation.timezone.name == "WIB");
    CHECK(c.mutation.oversight_bodies == rules::bodies_from_switch(rules::default_oversight_switch()));
    CHECK(c.mutation.oversight_bodies == rules::bodies_from_switch(ymd(2024, 8, 23)));
    CHECK(c.mutation.election_windows.empty());
    CHECK(c.mutation.default_profile == "bengkulu_2021");
    CHECK(c.mutation.profiles.size() == 3);
    CHECK(c.mutation.profiles.at("bengkulu_2021").weights == rules::bengkulu_2021().weights);
    CHECK(c.mutation.profiles.at("meranti_2022").weights == rules::meranti_2022().weights);
    CHECK(c.mutation.profiles.at("open_selection_2019").weights == rules::open_selection_2019().weights);
    CHECK(c.source == "(built-in defaults)");

    // Job fit and open selection: their own defaults and the shared settings.
    CHECK(c.job_fit.default_profile == "bengkulu_2021");
    CHECK(c.job_fit.min_months_in_post == 24);
    CHECK(c.job_fit.retirement_age == 60);
    CHECK(c.job_fit.retirement_margin_months == 12);
    CHECK(c.job_fit.profiles.size() == 3);
    CHECK(c.open_selection.default_profile == "open_selection_2019");
    CHECK(c.open_selection.oversight_bodies == rules::bodies_from_switch(ymd(2024, 8, 23)));

    // Deadlines: shipped holidays, Saturday and Sunday off, WIB, 16:00.
    const alur::DeadlineClock& clock = c.deadline_clock;
    CHECK(clock.timezone.name == "WIB");
    CHECK(clock.due_time == minutes(16 * 60));
    CHECK(clock.calendar.weekend() == std::vector<weekday>{Saturday, Sunday});
    REQUIRE(clock.calendar.holiday(ymd(2024, 4, 10)) != nullptr);  // Idul Fitri 1445 H
    CHECK(clock.calendar.add_working_days(ymd(2024, 4, 1), 10) == ymd(2024, 4, 23));
    CHECK(c.deadlines.empty());

    // Notices: the log channel, to role:admin.
    CHECK(c.notify.channels == std::vector<std::string>{"log"});
    CHECK(c.notify.file_path == "alur-notices.jsonl");
    CHECK(c.notify.webhook_url.empty());
    CHECK(c.notify.webhook_timeout == milliseconds(5000));
    CHECK(c.notify.default_recipients == std::vector<std::string>{"role:admin"});
    CHECK(c.notify.recipients.empty());
    CHECK(c.notify.recipients_for("mutation", "ppk_decision") == std::vector<std::string>{"role:admin"});
}

TEST_CASE("an empty file is the defaults, from that file", "[config]") {
    auto c = config::load_string("# nothing set\n", "empty.toml");
    REQUIRE(c.has_value());
    CHECK(c->source == "empty.toml");
    CHECK(c->agency_name == config::defaults().agency_name);
    CHECK(c->mutation.oversight_bodies == rules::bodies_from_switch(rules::default_oversight_switch()));
    CHECK(c->mutation.profiles.size() == 3);
}

TEST_CASE("the example file loads and every value lands", "[config]") {
    const auto path = std::filesystem::path(ALUR_SOURCE_DIR) / "examples" / "alur.toml";
    auto loaded = config::load_file(path);
    INFO((loaded ? std::string() : loaded.error().message));
    REQUIRE(loaded.has_value());
    const config::Config& c = *loaded;

    CHECK(c.source == path.string());
    CHECK(c.server.threads == 0);
    CHECK(c.server.max_connections == 1024);
    CHECK(c.server.max_connections_per_peer == 512);
    CHECK(c.agency_name == "Pemerintah Kabupaten Pasaman Barat");
    CHECK(c.timezone.name == "WIB");
    CHECK(c.mutation.timezone.name == "WIB");
    CHECK(c.mutation.oversight_bodies == rules::bodies_from_switch(ymd(2024, 8, 23)));

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
    REQUIRE(c.mutation.profiles.size() == 4);
    CHECK(c.job_fit.default_profile == "bengkulu_2021");
    CHECK(c.job_fit.min_months_in_post == 24);
    CHECK(c.open_selection.default_profile == "open_selection_2019");
    CHECK(c.open_selection.profiles.contains("administrator"));
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

    CHECK(c.deadline_clock.due_time == minutes(16 * 60));
    CHECK(c.deadline_clock.timezone.name == "WIB");
    CHECK(c.deadline_clock.calendar.weekend() == std::vector<weekday>{Saturday, Sunday});
    CHECK(c.deadline_clock.calendar.holiday(ymd(2024, 4, 10)) != nullptr);
    REQUIRE(c.deadlines.size() == 1);
    const auto& mutation = c.deadlines.at("mutation");
    REQUIRE(mutation.size() == 2);
    CHECK(mutation.at("record_gathering").working_days == 10);
    CHECK(mutation.at("record_gathering").remind_before == std::vector<int>{3, 1});
    CHECK(mutation.at("record_gathering").escalate_every == 2);
    CHECK(mutation.at("recommendation").working_days == 20);
    CHECK(mutation.at("recommendation").remind_before == std::vector<int>{5, 2});
    CHECK(mutation.at("recommendation").escalate_every == 5);

    CHECK(c.notify.channels == std::vector<std::string>{"log"});
    CHECK(c.notify.file_path == (path.parent_path() / "alur-notices.jsonl").lexically_normal().string());
    CHECK(c.notify.webhook_url == "http://127.0.0.1:9000/alur");
    CHECK(c.notify.webhook_timeout == milliseconds(5000));
    CHECK(c.notify.default_recipients == std::vector<std::string>{"role:admin"});
    CHECK(c.notify.recipients_for("mutation", "ppk_decision") ==
          std::vector<std::string>{"role:ppk", "sekda@pasamanbaratkab.go.id"});
    CHECK(c.notify.recipients_for("mutation", "scoring") == std::vector<std::string>{"role:admin"});
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
        REQUIRE(c->mutation.profiles.size() == 4);
        CHECK(c->mutation.profiles.at("bengkulu_2021").weights == rules::bengkulu_2021().weights);
        const auto& flat = c->mutation.profiles.at("flat");
        CHECK(flat.name == "flat");
        CHECK(flat.weights == std::map<std::string, double>{{"paper", 50}, {"interview", 50}});
        CHECK(flat.keep_at == rules::bengkulu_2021().keep_at);  // unset keys: bengkulu_2021's
    }
    SECTION("overriding one key of the built-in profile keeps its other keys") {
        auto c = config::load_string("[scoring.profiles.bengkulu_2021]\nkeep_at = 85\n", "alur.toml");
        REQUIRE(c.has_value());
        REQUIRE(c->mutation.profiles.size() == 3);
        const auto& p = c->mutation.profiles.at("bengkulu_2021");
        CHECK(p.keep_at == 85);
        CHECK(p.rotate_at == 68);
        CHECK(p.weights == rules::bengkulu_2021().weights);
    }
}

TEST_CASE("the development table lands, with the profiles and time zone every workflow shares", "[config]") {
    auto c = config::load_string("[agency]\ntimezone = \"WIT\"\n"
                                 "[scoring.profiles.pekanbaru_2020]\nweights = { assessment_center = 50, interview = 50 }\n"
                                 "[development]\nprofile = \"pekanbaru_2020\"\n",
                                 "alur.toml");
    REQUIRE(c.has_value());
    CHECK(c->development.default_profile == "pekanbaru_2020");
    CHECK(c->development.profiles.contains("pekanbaru_2020"));
    CHECK(c->development.timezone.name == "WIT");
    CHECK(config::defaults().development.default_profile == "bengkulu_2021");
}

TEST_CASE("the job_fit and open_selection tables land, with the settings every workflow shares", "[config]") {
    auto c = config::load_string(
        "[agency]\ntimezone = \"WITA\"\n"
        "[oversight]\nswitch_date = 2024-09-01\n"
        "[[election_windows]]\nhead_inaugurated = 2025-02-20\n"
        "[scoring.profiles.pasbar_2024]\nweights = { assessment_center = 50, interview = 50 }\n"
        "[job_fit]\nprofile = \"meranti_2022\"\nmin_months_in_post = 6\n"
        "retirement_age = 58\nretirement_margin_months = 6\n"
        "[open_selection]\nprofile = \"pasbar_2024\"\n",
        "alur.toml");
    REQUIRE(c.has_value());
    CHECK(c->job_fit.default_profile == "meranti_2022");
    CHECK(c->job_fit.min_months_in_post == 6);
    CHECK(c->job_fit.retirement_age == 58);
    CHECK(c->job_fit.retirement_margin_months == 6);
    CHECK(c->open_selection.default_profile == "pasbar_2024");
    for (const auto* s : {&c->job_fit.profiles, &c->open_selection.profiles}) CHECK(s->contains("pasbar_2024"));
    CHECK(c->job_fit.oversight_bodies == rules::bodies_from_switch(ymd(2024, 9, 1)));
    CHECK(c->open_selection.oversight_bodies == rules::bodies_from_switch(ymd(2024, 9, 1)));
    CHECK(c->job_fit.election_windows.size() == 1);
    CHECK(c->open_selection.election_windows.size() == 1);
    CHECK(c->job_fit.timezone.name == "WITA");
    CHECK(c->open_selection.timezone.name == "WITA");
    CHECK(c->mutation.default_profile == "bengkulu_2021");  // [scoring] default_profile is the mutation's
}

TEST_CASE("oversight bodies are a dated list and reach every workflow", "[config]") {
    auto c = config::load_string(
        "[[oversight.bodies]]\nname = \"KASN\"\nuntil = 2024-08-22\n"
        "[[oversight.bodies]]\nname = \"BKN\"\nfrom = 2024-08-23\nuntil = 2026-12-31\n"
        "[[oversight.bodies]]\nname = \"Lembaga Pengawas Sistem Merit\"\nfrom = \"2027-01-01\"\n",
        "alur.toml");
    INFO((c ? std::string() : c.error().message));
    REQUIRE(c.has_value());
    for (const auto* bodies :
         {&c->mutation.oversight_bodies, &c->job_fit.oversight_bodies, &c->open_selection.oversight_bodies}) {
        REQUIRE(bodies->size() == 3);
        CHECK(rules::oversight_body(ymd(2024, 8, 22), *bodies) == "KASN");
        CHECK(rules::oversight_body(ymd(2024, 8, 23), *bodies) == "BKN");
        CHECK(rules::oversight_body(ymd(2026, 12, 31), *bodies) == "BKN");
        CHECK(rules::oversight_body(ymd(2027, 1, 1), *bodies) == "Lembaga Pengawas Sistem Merit");
    }
}

TEST_CASE("bare TOML dates are accepted as well as strings", "[config]") {
    auto c = config::load_string(
        "[oversight]\nswitch_date = 2024-09-01\n"
        "[[election_windows]]\nhead_inaugurated = 2025-02-20\n",
        "alur.toml");
    REQUIRE(c.has_value());
    CHECK(c->mutation.oversight_bodies == rules::bodies_from_switch(ymd(2024, 9, 1)));
    REQUIRE(c->mutation.election_windows.size() == 1);
    CHECK(c->mutation.election_windows[0].until == ymd(2025, 8, 19));
    CHECK(c->mutation.election_windows[0].label == "new regional head (inaugurated 2025-02-20)");
}

TEST_CASE("every deadline and notice key lands", "[config]") {
    alur::test::TempDir dir;
    std::ofstream(dir / "libur-2027.txt") << "# 2027\n2027-01-01 libur_nasional Tahun Baru 2027 Masehi\n";
    std::ofstream(dir / "alur.toml")
        << "[agency]\n"
           "timezone = \"WITA\"\n"
           "due_time = \"15:30\"\n"
           "[calendar]\n"
           "weekend = [\"Sunday\"]\n"
           "shipped_holidays = false\n"
           "holiday_files = [\"libur-2027.txt\"]\n"
           "[deadlines.mutation.record_gathering]\n"
           "working_days = 7\n"
           "remind_before = [1, 4]\n"
           "escalate_every = 0\n"
           "[deadlines.mutation.scoring]\n"
           "working_days = 2\n"
           "[deadlines.leave.approval]\n"
           "working_days = 0\n"
           "remind_before = []\n"
           "[notify]\n"
           "channels = [\"webhook\", \"file\", \"log\"]\n"
           "[notify.file]\n"
           "path = \"/var/lib/alur/notices.jsonl\"\n"
           "[notify.webhook]\n"
           "url = \"http://[::1]:9000/alur?x=1\"\n"
           "timeout_ms = 250\n"
           "[notify.recipients]\n"
           "default = [\"role:bkpsdm\", \"kepegawaian@pasamanbaratkab.go.id\"]\n"
           "[notify.recipients.mutation]\n"
           "ppk_decision = [\"role:ppk\", \"sekda@pasamanbaratkab.go.id\"]\n"
           "inauguration = []\n";
    auto loaded = config::load_file(dir / "alur.toml");
    INFO((loaded ? std::string() : loaded.error().message));
    REQUIRE(loaded.has_value());
    const config::Config& c = *loaded;

    const alur::DeadlineClock& clock = c.deadline_clock;
    CHECK(clock.timezone.name == "WITA");
    CHECK(clock.due_time == hours(15) + minutes(30));
    CHECK(clock.calendar.weekend() == std::vector<weekday>{Sunday});
    CHECK(clock.calendar.is_working_day(ymd(2024, 4, 10)));   // shipped Idul Fitri left out
    CHECK(clock.calendar.is_working_day(ymd(2024, 4, 13)));   // a Saturday
    CHECK_FALSE(clock.calendar.is_working_day(ymd(2024, 4, 14)));  // a Sunday
    REQUIRE(clock.calendar.holiday(ymd(2027, 1, 1)) != nullptr);
    CHECK(clock.calendar.holiday(ymd(2027, 1, 1))->name == "Tahun Baru 2027 Masehi");

    REQUIRE(c.deadlines.size() == 2);
    const auto& gathering = c.deadlines.at("mutation").at("record_gathering");
    CHECK(gathering.working_days == 7);
    CHECK(gathering.remind_before == std::vector<int>{1, 4});
    CHECK(gathering.escalate_every == 0);
    const auto& scoring = c.deadlines.at("mutation").at("scoring");  // keys left out: defaults
    CHECK(scoring.working_days == 2);
    CHECK(scoring.remind_before == std::vector<int>{1});  // of the default [3, 1], those below 2
    CHECK(scoring.escalate_every == 2);
    CHECK(c.deadlines.at("mutation").size() == 2);
    const auto& approval = c.deadlines.at("leave").at("approval");
    CHECK(approval.working_days == 0);
    CHECK(approval.remind_before.empty());

    CHECK(c.notify.channels == std::vector<std::string>{"webhook", "file", "log"});
    CHECK(c.notify.file_path == "/var/lib/alur/notices.jsonl");
    CHECK(c.notify.webhook_url == "http://[::1]:9000/alur?x=1");
    CHECK(c.notify.webhook_timeout == milliseconds(250));
    const std::vector<std::string> fallback{"role:bkpsdm", "kepegawaian@pasamanbaratkab.go.id"};
    CHECK(c.notify.default_recipients == fallback);
    CHECK(c.notify.recipients_for("mutation", "ppk_decision") ==
          std::vector<std::string>{"role:ppk", "sekda@pasamanbaratkab.go.id"});
    CHECK(c.notify.recipients_for("mutation", "inauguration").empty());  // nobody, on purpose
    CHECK(c.notify.recipients_for("mutation", "scoring") == fallback);
    CHECK(c.notify.recipients_for("leave", "ppk_decision") == fallback);
}

TEST_CASE("due_time as a bare TOML time, and weekend may be empty", "[config]") {
    auto c = config::load_string("[agency]\ndue_time = 07:30:00\n[calendar]\nweekend = []\n", "alur.toml");
    INFO((c ? std::string() : c.error().message));
    REQUIRE(c.has_value());
    CHECK(c->deadline_clock.due_time == hours(7) + minutes(30));
    CHECK(c->deadline_clock.calendar.weekend().empty());
    CHECK(c->deadline_clock.calendar.is_working_day(ymd(2024, 4, 13)));       // a Saturday
    CHECK_FALSE(c->deadline_clock.calendar.is_working_day(ymd(2024, 4, 10)));  // still a holiday
}

TEST_CASE("a calendar table without holiday keys keeps the shipped holidays", "[config]") {
    auto c = config::load_string("[calendar]\nweekend = [\"friday\", \"saturday\"]\n", "alur.toml");
    REQUIRE(c.has_value());
    CHECK(c->deadline_clock.calendar.holiday(ymd(2024, 4, 10)) != nullptr);
    CHECK(c->deadline_clock.calendar.is_working_day(ymd(2024, 4, 14)));       // a Sunday
    CHECK_FALSE(c->deadline_clock.calendar.is_working_day(ymd(2024, 4, 19)));  // a Friday
}

TEST_CASE("holiday files and the notice file are relative to the config file's directory", "[config]") {
    alur::test::TempDir dir;
    const auto conf = dir.path() / "etc";
    std::filesystem::create_directories(conf / "libur");
    std::ofstream(conf / "libur" / "daerah.txt") << "2027-03-15 libur_nasional Hari Jadi Kabupaten\n";
    // A shipped day listed again: the later entry names it.
    std::ofstream(conf / "lagi.txt") << "2024-04-10 libur_nasional Idul Fitri (daerah)\n";
    const auto file = conf / "alur.toml";
    std::ofstream(file) << "[calendar]\nholiday_files = [\"libur/daerah.txt\", \"./lagi.txt\"]\n"
                           "[notify.file]\npath = \"../var/notices.jsonl\"\n";

    auto loaded = config::load_file(file);
    INFO((loaded ? std::string() : loaded.error().message));
    REQUIRE(loaded.has_value());
    const auto& calendar = loaded->deadline_clock.calendar;
    REQUIRE(calendar.holiday(ymd(2027, 3, 15)) != nullptr);
    CHECK(calendar.holiday(ymd(2027, 3, 15))->name == "Hari Jadi Kabupaten");
    REQUIRE(calendar.holiday(ymd(2024, 4, 10)) != nullptr);
    CHECK(calendar.holiday(ymd(2024, 4, 10))->name == "Idul Fitri (daerah)");
    CHECK(calendar.holiday(ymd(2024, 4, 11)) != nullptr);  // the other shipped days stay
    CHECK(loaded->notify.file_path == (dir.path() / "var" / "notices.jsonl").string());

    SECTION("load_string resolves against the base directory it is given") {
        auto c = config::load_string("[calendar]\nholiday_files = [\"libur/daerah.txt\"]\n", "inline.toml", conf);
        INFO((c ? std::string() : c.error().message));
        REQUIRE(c.has_value());
        CHECK(c->deadline_clock.calendar.holiday(ymd(2027, 3, 15)) != nullptr);
    }
    SECTION("without a base directory, relative to the working directory") {
        auto c = config::load_string("[calendar]\nholiday_files = [\"libur/daerah.txt\"]\n"
                                     "[notify.file]\npath = \"notices.jsonl\"\n",
                                     "inline.toml");
        REQUIRE_FALSE(c.has_value());  // no libur/ in the working directory
        CHECK(c.error().message.find("not found: libur/daerah.txt") != std::string::npos);
    }
}

TEST_CASE("a bad holiday file is reported at both its line and the config's", "[config]") {
    alur::test::TempDir dir;
    std::ofstream(dir / "good.txt") << "2027-01-01 libur_nasional Tahun Baru 2027 Masehi\n";
    std::ofstream(dir / "bad.txt") << "# libur 2027\n2027-02-30 libur_nasional Tidak ada\n";
    const auto file = dir / "alur.toml";
    std::ofstream(file) << "[agency]\nname = \"X\"\n\n[calendar]\nholiday_files = [\n  \"good.txt\",\n  \"bad.txt\",\n]\n";

    auto loaded = config::load_file(file);
    REQUIRE_FALSE(loaded.has_value());
    const alur::Error& e = loaded.error();
    INFO(e.message);
    CHECK(e.code == errc::invalid_input);
    CHECK(e.field == "calendar.holiday_files[1]");
    const std::string config_at = file.string() + ":7: calendar.holiday_files[1]: ";
    CHECK(e.message.rfind(config_at, 0) == 0);
    CHECK(e.message.find((dir / "bad.txt").string() + ":2: ", config_at.size()) == config_at.size());
    CHECK(e.message.find("bad date") != std::string::npos);

    SECTION("an unknown kind") {
        std::ofstream(dir / "bad.txt") << "2027-02-01 libur_daerah Hari Jadi\n";
        auto again = config::load_file(file);
        REQUIRE_FALSE(again.has_value());
        INFO(again.error().message);
        CHECK(again.error().message.rfind(config_at + (dir / "bad.txt").string() + ":1: ", 0) == 0);
    }
    SECTION("a missing file") {
        std::filesystem::remove(dir / "bad.txt");
        auto again = config::load_file(file);
        REQUIRE_FALSE(again.has_value());
        INFO(again.error().message);
        CHECK(again.error().code == errc::invalid_input);
        CHECK(again.error().message.rfind(config_at + "holiday file not found: " + (dir / "bad.txt").string(), 0) ==
              0);
    }
    SECTION("a directory") {
        std::filesystem::remove(dir / "bad.txt");
        std::filesystem::create_directory(dir / "bad.txt");
        auto again = config::load_file(file);
        REQUIRE_FALSE(again.has_value());
        INFO(again.error().message);
        CHECK(again.error().message.rfind(config_at, 0) == 0);
        CHECK(again.error().message.find("is a directory") != std::string::npos);
    }
}

TEST_CASE("bad input is refused naming the file, line and key", "[config]") {
    const std::vector<BadCase> cases = {
        // unknown keys, at every level
        {"unknown top-level key", "[agency]\nname = \"X\"\n[agnecy]\nname = \"Y\"\n", 3, "agnecy",
         "unknown key"},
        {"unknown key in a table", "[agency]\nname = \"X\"\nzone = \"WIB\"\n", 3, "agency.zone",
         "expected name, timezone, due_time"},
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
        {"both switch_date and bodies",
         "[oversight]\nswitch_date = 2024-08-23\n[[oversight.bodies]]\nname = \"KASN\"\n", 3, "oversight.bodies",
         "not both"},
        {"a body without a name", "[[oversight.bodies]]\nfrom = 2024-01-01\n", 1, "oversight.bodies[0].name",
         "needs a name"},
        {"unknown key in a body", "[[oversight.bodies]]\nname = \"BKN\"\nsince = 2024-01-01\n", 3,
         "oversight.bodies[0].since", "unknown key"},
        {"bodies with a gap",
         "[[oversight.bodies]]\nname = \"KASN\"\nuntil = 2024-08-22\n"
         "[[oversight.bodies]]\nname = \"BKN\"\nfrom = 2024-08-25\n",
         1, "oversight.bodies", "must begin on 2024-08-23"},
        {"bodies overlapping",
         "[[oversight.bodies]]\nname = \"KASN\"\nuntil = 2024-08-22\n"
         "[[oversight.bodies]]\nname = \"BKN\"\nfrom = 2024-08-01\n",
         1, "oversight.bodies", "overlap"},
        {"a first body with a from date", "[[oversight.bodies]]\nname = \"BKN\"\nfrom = 2024-08-23\n", 1,
         "oversight.bodies", "no from date"},
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
        // [agency] due_time
        {"due time not HH:MM", "[agency]\nname = \"X\"\ndue_time = \"4pm\"\n", 3, "agency.due_time",
         "expected a local time of day \"HH:MM\""},
        {"due time past midnight", "[agency]\ndue_time = \"24:00\"\n", 2, "agency.due_time", "\"23:59\""},
        {"due time without leading zero", "[agency]\ndue_time = \"9:30\"\n", 2, "agency.due_time", "HH:MM"},
        {"due time as a number", "[agency]\ndue_time = 16\n", 2, "agency.due_time",
         "expected a time of day \"HH:MM\", got an integer"},
        {"due time with seconds", "[agency]\ndue_time = 16:00:30\n", 2, "agency.due_time", "hours and minutes only"},
        // [calendar]
        {"unknown key in calendar", "[calendar]\nweekends = [\"sunday\"]\n", 2, "calendar.weekends",
         "expected weekend, holiday_files, shipped_holidays"},
        {"unknown weekday", "[calendar]\nweekend = [\"saturday\", \"sabtu\"]\n", 2, "calendar.weekend[1]",
         "unknown day \"sabtu\""},
        {"a weekday twice", "[calendar]\nweekend = [\n  \"sunday\",\n  \"Sunday\",\n]\n", 4, "calendar.weekend[1]",
         "given twice"},
        {"no working day left",
         "[calendar]\nweekend = [\"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", "
         "\"sunday\"]\n",
         2, "calendar.weekend", "no working days"},
        {"weekend as a string", "[calendar]\nweekend = \"saturday\"\n", 2, "calendar.weekend", "expected an array"},
        {"weekend day as a number", "[calendar]\nweekend = [6]\n", 2, "calendar.weekend[0]", "expected a string"},
        {"shipped_holidays not a boolean", "[calendar]\nshipped_holidays = \"yes\"\n", 2,
         "calendar.shipped_holidays", "expected a boolean"},
        {"holiday_files as a string", "[calendar]\nholiday_files = \"libur.txt\"\n", 2, "calendar.holiday_files",
         "expected an array"},
        {"holiday file missing", "[calendar]\n\nholiday_files = [\"/nonexistent/alur/libur-2027.txt\"]\n", 3,
         "calendar.holiday_files[0]", "not found: /nonexistent/alur/libur-2027.txt"},
        {"holiday file name empty", "[calendar]\nholiday_files = [\"\"]\n", 2, "calendar.holiday_files[0]",
         "must not be empty"},
        // [deadlines]
        {"deadlines as a value", "deadlines = 5\n", 1, "deadlines", "expected a table"},
        {"a workflow's deadlines as a value", "[deadlines]\nmutation = 5\n", 2, "deadlines.mutation",
         "expected a table of states"},
        {"a state's deadline as a number", "[deadlines.mutation]\nrecord_gathering = 10\n", 2,
         "deadlines.mutation.record_gathering", "expected a table"},
        {"unknown key in a deadline", "[deadlines.mutation.scoring]\nworking_day = 5\n", 2,
         "deadlines.mutation.scoring.working_day", "unknown key"},
        {"negative working days", "[deadlines.mutation.scoring]\nworking_days = -1\n", 2,
         "deadlines.mutation.scoring.working_days", "must be from 0 to 1000 (got -1)"},
        {"too many working days", "[deadlines.mutation.scoring]\nworking_days = 5000\n", 2,
         "deadlines.mutation.scoring.working_days", "must be from 0 to 1000"},
        {"fractional working days", "[deadlines.mutation.scoring]\nworking_days = 2.5\n", 2,
         "deadlines.mutation.scoring.working_days", "expected an integer, got a float"},
        {"working days as a string", "[deadlines.mutation.scoring]\nworking_days = \"5\"\n", 2,
         "deadlines.mutation.scoring.working_days", "expected an integer"},
        {"a reminder not before the state's first day",
         "[deadlines.mutation.scoring]\nworking_days = 5\nremind_before = [2,\n 5]\n", 4,
         "deadlines.mutation.scoring.remind_before[1]", "must be less than working_days (5)"},
        {"a reminder beyond the default working days", "[deadlines.mutation.scoring]\nremind_before = [12]\n", 2,
         "deadlines.mutation.scoring.remind_before[0]", "(10, the default)"},
        {"a reminder on the due day", "[deadlines.mutation.scoring]\nremind_before = [0]\n", 2,
         "deadlines.mutation.scoring.remind_before[0]", "must be from 1"},
        {"a reminder twice", "[deadlines.mutation.scoring]\nremind_before = [2, 2]\n", 2,
         "deadlines.mutation.scoring.remind_before[1]", "given twice"},
        {"remind_before as a number", "[deadlines.mutation.scoring]\nremind_before = 3\n", 2,
         "deadlines.mutation.scoring.remind_before", "expected an array"},
        {"negative escalation period", "[deadlines.mutation.scoring]\n\nescalate_every = -2\n", 3,
         "deadlines.mutation.scoring.escalate_every", "must be from 0"},
        {"empty state name", "[deadlines.mutation.\"\"]\nworking_days = 5\n", 1, "deadlines.mutation.\"\"",
         "must not be empty"},
        // [notify]
        {"unknown key in notify", "[notify]\nchannel = [\"log\"]\n", 2, "notify.channel", "unknown key"},
        {"unknown channel", "[notify]\nchannels = [\"log\", \"sms\"]\n", 2, "notify.channels[1]",
         "unknown channel \"sms\" (expected log, file, webhook or email)"},
        {"no channel", "[notify]\nchannels = []\n", 2, "notify.channels", "at least one channel"},
        {"a channel twice", "[notify]\nchannels = [\"file\", \"file\"]\n", 2, "notify.channels[1]", "given twice"},
        {"email without url", "[notify]\nchannels = [\"log\", \"email\"]\n[notify.email]\nfrom = \"alur@bkpsdm.go.id\"\n",
         3, "notify.email.url", "missing: the email channel"},
        {"email without from", "[notify]\nchannels = [\"email\"]\n[notify.email]\nurl = \"smtp://localhost:587\"\n", 3,
         "notify.email.from", "missing: the email channel"},
        {"email url not smtp", "[notify.email]\nurl = \"http://mail.go.id\"\n", 2, "notify.email.url",
         "the scheme must be smtp or smtps"},
        {"email url with a password", "[notify.email]\nurl = \"smtp://u:p@mail.go.id\"\n", 2, "notify.email.url",
         "must not hold a user name or password"},
        {"email from not an address", "[notify.email]\nfrom = \"alur\"\n", 2, "notify.email.from",
         "is not an e-mail address"},
        {"email from with a second address", "[notify.email]\nfrom = \"a@b.go.id>,c@d.go.id\"\n", 2, "notify.email.from",
         "is not an e-mail address"},
        {"email starttls unknown", "[notify.email]\n\nstarttls = \"yes\"\n", 3, "notify.email.starttls",
         "expected \"required\", \"opportunistic\" or \"off\""},
        {"email language unknown", "[notify.email]\nlanguage = \"jv\"\n", 2, "notify.email.language",
         "expected \"id\" or \"en\""},
        {"email password and password_file", "[notify.email]\nusername = \"u\"\npassword = \"p\"\npassword_file = \"pw\"\n",
         4, "notify.email.password_file", "not both"},
        {"email password without user", "[notify.email]\npassword = \"p\"\n", 2, "notify.email.username",
         "without a user name"},
        {"email timeout zero", "[notify.email]\ntimeout_ms = 0\n", 2, "notify.email.timeout_ms", "from 1"},
        {"email unknown key", "[notify.email]\nport = 25\n", 2, "notify.email.port", "unknown key"},
        {"email recipient not an address",
         "[notify]\nchannels = [\"email\"]\n[notify.email]\nurl = \"smtp://localhost\"\nfrom = \"a@b.go.id\"\n"
         "[notify.recipients]\ndefault = [\"role:admin\", \"sekda\"]\n",
         7, "notify.recipients.default", "\"sekda\" is not an e-mail address"},
        {"webhook without url", "[notify]\nchannels = [\"log\",\n  \"webhook\"]\n[notify.webhook]\ntimeout_ms = 100\n",
         3, "notify.webhook.url", "missing: the webhook channel"},
        {"unknown key in notify.file", "[notify.file]\nname = \"x.jsonl\"\n", 2, "notify.file.name", "unknown key"},
        {"empty file path", "[notify.file]\npath = \"\"\n", 2, "notify.file.path", "must not be empty"},
        {"webhook url not http", "[notify.webhook]\nurl = \"ftp://example.org/x\"\n", 2, "notify.webhook.url",
         "https://host"},
        {"webhook url https without host", "[notify.webhook]\nurl = \"https:///x\"\n", 2, "notify.webhook.url",
         "the host is missing"},
        {"webhook url without host", "[notify.webhook]\nurl = \"http://:9000/alur\"\n", 2, "notify.webhook.url",
         "host is missing"},
        {"webhook url with a bad port", "[notify.webhook]\nurl = \"http://127.0.0.1:70000/alur\"\n", 2,
         "notify.webhook.url", "port"},
        {"webhook url with spaces", "[notify.webhook]\nurl = \"http://example.org/a b\"\n", 2, "notify.webhook.url",
         "spaces"},
        {"zero timeout", "[notify.webhook]\nurl = \"http://127.0.0.1:9000\"\ntimeout_ms = 0\n", 3,
         "notify.webhook.timeout_ms", "must be from 1 to 600000"},
        {"timeout as a string", "[notify.webhook]\ntimeout_ms = \"5s\"\n", 2, "notify.webhook.timeout_ms",
         "expected an integer, got a string"},
        {"default recipients as a string", "[notify.recipients]\ndefault = \"role:admin\"\n", 2,
         "notify.recipients.default", "expected an array of recipients"},
        {"recipients of a workflow as a list", "[notify.recipients]\nmutation = [\"role:ppk\"]\n", 2,
         "notify.recipients.mutation", "expected a table of states"},
        {"a role without a name", "[notify.recipients.mutation]\nppk_decision = [\"role:\"]\n", 2,
         "notify.recipients.mutation.ppk_decision[0]", "needs a role name"},
        {"a role in upper case", "[notify.recipients.mutation]\nppk_decision = [\"role:ppk\", \"Role:admin\"]\n", 2,
         "notify.recipients.mutation.ppk_decision[1]", "lower case"},
        {"a role name with a dot", "[notify.recipients]\ndefault = [\"role:p.p.k\"]\n", 2,
         "notify.recipients.default[0]", "only letters, digits"},
        {"an address with a space", "[notify.recipients]\ndefault = [\"sekda @pasbar.go.id\"]\n", 2,
         "notify.recipients.default[0]", "spaces"},
        {"a recipient twice", "[notify.recipients.mutation]\nscoring = [\"role:ppk\", \"role:ppk\"]\n", 2,
         "notify.recipients.mutation.scoring[1]", "given twice"},
        {"a recipient as a number", "[notify.recipients.mutation]\nscoring = [5]\n", 2,
         "notify.recipients.mutation.scoring[0]", "expected a string"},
        // [job_fit] and [open_selection]
        {"job fit with an unknown profile", "[job_fit]\nprofile = \"bengkulu\"\n", 2, "job_fit.profile",
         "no profile named \"bengkulu\" (defined: bengkulu_2021, meranti_2022, open_selection_2019)"},
        {"job fit months as a float", "[job_fit]\nmin_months_in_post = 24.0\n", 2, "job_fit.min_months_in_post",
         "expected an integer"},
        {"retirement age out of range", "[job_fit]\nretirement_age = 160\n", 2, "job_fit.retirement_age", "50"},
        {"unknown job fit key", "[job_fit]\nmin_months = 24\n", 2, "job_fit.min_months", "unknown key"},
        {"open selection with an unknown profile", "[open_selection]\nprofile = \"x\"\n", 2,
         "open_selection.profile", "no profile named"},
        // [development]
        {"development with an unknown profile", "[development]\nprofile = \"x\"\n", 2, "development.profile",
         "no profile named"},
        {"unknown development key", "[development]\ndeadline = 120\n", 2, "development.deadline", "unknown key"},
    };
    check_refused(cases);
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

TEST_CASE("load_file: only a regular file of at most 1 MiB is read, and holiday files alike", "[config][files]") {
    alur::test::TempDir dir;
    const auto fifo = dir / "alur.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // nobody writes: a blocking read would hang here

    for (const std::filesystem::path& path : {fifo, std::filesystem::path("/dev/zero"), dir.path()}) {
        INFO(path.string());
        auto loaded = config::load_file(path);
        REQUIRE_FALSE(loaded.has_value());
        CHECK(loaded.error().code == errc::invalid_input);
        CHECK_THAT(loaded.error().message, Catch::StartsWith("configuration file " + path.string() + " is ") &&
                                               Catch::EndsWith(", not a regular file"));
    }

    const auto big = dir / "big.toml";
    std::ofstream(big) << "[agency]\nname = \"X\"\n";
    std::filesystem::resize_file(big, config::max_file_bytes + 1);  // NULs after the text: never parsed
    auto too_big = config::load_file(big);
    REQUIRE_FALSE(too_big.has_value());
    CHECK(too_big.error().code == errc::invalid_input);
    CHECK(too_big.error().message == "configuration file " + big.string() + " is larger than 1 MiB");

    const auto file = dir / "alur.toml";
    std::ofstream(file) << "[calendar]\nholiday_files = [\"alur.fifo\", \"big.toml\"]\n";
    auto holiday_fifo = config::load_file(file);
    REQUIRE_FALSE(holiday_fifo.has_value());
    CHECK(holiday_fifo.error().code == errc::invalid_input);
    CHECK(holiday_fifo.error().message == file.string() + ":2: calendar.holiday_files[0]: holiday file " +
                                              fifo.string() + " is a FIFO, not a regular file");

    std::ofstream(file) << "[calendar]\nholiday_files = [\"big.toml\"]\n";
    auto holiday_big = config::load_file(file);
    REQUIRE_FALSE(holiday_big.has_value());
    CHECK(holiday_big.error().message == file.string() + ":2: calendar.holiday_files[0]: holiday file " +
                                             big.string() + " is larger than 1 MiB");
}

TEST_CASE("config strings and keys are checked as text, naming the line and key", "[config][text]") {
    const std::vector<BadCase> cases = {
        {"an escape sequence in the agency's name", "[agency]\nname = \"Dinas\\u001b[2J\"\n", 2, "agency.name",
         "contains the control character U+001B"},
        {"a newline in a one-line value", "[agency]\nname = \"\"\"\nA\nB\"\"\"\n", 2, "agency.name",
         "control character U+000A"},
        {"a name of spaces only", "[agency]\nname = \"   \"\n", 2, "agency.name", "holds only white space"},
        {"a name of zero-width spaces only", "[agency]\nname = \"\\u200B\\u200B\"\n", 2, "agency.name",
         "holds only white space"},
        {"a C1 control in a recipient", "[notify.recipients]\ndefault = [\"role:admin\\u009b\"]\n", 2,
         "notify.recipients.default[0]", "control character U+009B"},
        {"a bell in a profile's name",
         "[scoring.profiles.\"bell\\u0007\"]\nweights = { paper = 100 }\nkeep_at = 80\nrotate_at = 60\n", 1,
         "scoring.profiles.\"bell\u0007\"", "the key contains the control character U+0007"},
        {"an election label too long", "[[election_windows]]\nlabel = \"" + std::string(2001, 'x') +
                                           "\"\nhead_inaugurated = 2025-02-20\n",
         2, "election_windows[0].label", "longer than 2000 characters"},
    };
    check_refused(cases);

    auto fine = config::load_string("[agency]\nname = \"Pemerintah Kabupaten Bengkulu Tengah \u2014 BKPSDM\"\n",
                                    "good.toml");
    REQUIRE(fine.has_value());
    CHECK(fine->agency_name == "Pemerintah Kabupaten Bengkulu Tengah \u2014 BKPSDM");
}

TEST_CASE("journal section: max_future_skew is a duration, 10 minutes by default", "[config]") {
    CHECK(config::load_string("", "empty.toml").value().max_future_skew == minutes(10));
    CHECK(config::load_string("[journal]\nmax_future_skew = \"90s\"\n", "a.toml").value().max_future_skew ==
          seconds(90));
    CHECK(config::load_string("[journal]\nmax_future_skew = \"2h\"\n", "a.toml").value().max_future_skew == hours(2));
    CHECK(config::load_string("[journal]\nmax_future_skew = 0\n", "a.toml").value().max_future_skew == seconds(0));
    for (const char* bad : {"max_future_skew = \"25h\"", "max_future_skew = \"soon\"", "max_future_skew = -5",
                            "max_future_skew = 1.5", "skew = \"1m\""}) {
        auto r = config::load_string(std::string("[journal]\n") + bad + "\n", "bad.toml");
        INFO(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_input);
        CHECK_THAT(r.error().message, Catch::Contains("bad.toml:2"));
    }
}

TEST_CASE("the server table: threads and connection limits with one thread per core and 1024 / 512 by default", "[config]") {
    const auto defaults = config::load_string("", "empty.toml").value().server;
    CHECK(defaults.threads == 0);
    CHECK(defaults.max_connections == 1024);
    CHECK(defaults.max_connections_per_peer == 512);
    const auto set = config::load_string("[server]\nthreads = 4\nmax_connections = 10\nmax_connections_per_peer = 2\n",
                                         "a.toml")
                         .value()
                         .server;
    CHECK(set.threads == 4);
    CHECK(set.max_connections == 10);
    CHECK(set.max_connections_per_peer == 2);
    for (const char* bad : {"threads = -1", "threads = 257", "threads = 2.0", "max_connections = 0",
                            "max_connections_per_peer = 0", "max_connections = \"many\"", "workers = 2"}) {
        auto r = config::load_string(std::string("[server]\n") + bad + "\n", "bad.toml");
        INFO(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_input);
        CHECK_THAT(r.error().message, Catch::Contains("bad.toml:2") && Catch::Contains("server."));
    }
}

TEST_CASE("journal section: batch_commands and batch_bytes bound the group commit", "[config]") {
    const auto empty = config::load_string("", "empty.toml").value();
    CHECK(empty.batch_commands == 1000);
    CHECK(empty.batch_bytes == 4u << 20);
    const auto set = config::load_string("[journal]\nbatch_commands = 64\nbatch_bytes = 65536\n", "a.toml").value();
    CHECK(set.batch_commands == 64);
    CHECK(set.batch_bytes == 65536);
    for (const char* bad : {"batch_commands = 0", "batch_commands = 100001", "batch_commands = \"10\"",
                            "batch_bytes = 1023", "batch_bytes = 1.5"}) {
        auto r = config::load_string(std::string("[journal]\n") + bad + "\n", "bad.toml");
        INFO(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_input);
        CHECK_THAT(r.error().message, Catch::Contains("bad.toml:2"));
        CHECK_THAT(r.error().message, Catch::Contains("journal.batch_"));
    }
}

TEST_CASE("open_selection: the extension limit, the art. 107 requirements and the calendar", "[config][selection_law]") {
    auto defaults = config::load_string("", "alur.toml");
    REQUIRE(defaults.has_value());
    CHECK(defaults->open_selection.max_extension_days == 30);
    CHECK(defaults->open_selection.requirements.enabled);
    CHECK(defaults->open_selection.requirements.min_education == "S1");
    CHECK(defaults->open_selection.requirements.min_years_related_experience == 5);
    CHECK(defaults->open_selection.requirements.min_years_in_admin_post == 2);
    CHECK(defaults->open_selection.requirements.age_on == "registration_closes");
    // The agency's calendar (the shipped holidays): Idul Fitri 1446 H is no working day.
    CHECK_FALSE(defaults->open_selection.calendar.is_working_day(ymd(2025, 3, 31)));

    auto c = config::load_string(
        "[calendar]\nshipped_holidays = false\n"
        "[open_selection]\nmax_extension_days = 7\n"
        "[open_selection.requirements]\nmin_education = \"S2\"\nmin_years_related_experience = 7.5\n"
        "min_years_in_admin_post = 3\nage_on = \"check\"\n",
        "alur.toml");
    INFO((c ? std::string() : c.error().message));
    REQUIRE(c.has_value());
    CHECK(c->open_selection.max_extension_days == 7);
    CHECK(c->open_selection.requirements.min_education == "S2");
    CHECK(c->open_selection.requirements.min_years_related_experience == 7.5);
    CHECK(c->open_selection.requirements.min_years_in_admin_post == 3);
    CHECK(c->open_selection.requirements.age_on == "check");
    CHECK(c->open_selection.calendar.is_working_day(ymd(2025, 3, 31)));

    for (const auto& [toml, message] : std::vector<std::pair<std::string, std::string>>{
             {"[open_selection]\nmax_extension_days = 0\n", "max_extension_days"},
             {"[open_selection.requirements]\nmin_education = \"S4\"\n",
              "open_selection.requirements.min_education: \"S4\" is not an education level (SMA, D-I, D-II, D-III, "
              "D-IV, S1, S2, S3)"},
             {"[open_selection.requirements]\nmin_years_in_admin_post = -1\n", "must be between 0 and 45 years"},
             {"[open_selection.requirements]\nage_on = \"inauguration\"\n",
              "must be \"registration_closes\" or \"check\", not \"inauguration\""},
             {"[open_selection.requirements]\nmax_age = 56\n", "max_age"}}) {
        auto bad = config::load_string(toml, "alur.toml");
        REQUIRE_FALSE(bad.has_value());
        CHECK(bad.error().code == errc::invalid_input);
        CHECK_THAT(bad.error().message, Catch::Contains(message));
    }
}

TEST_CASE("the server table: max_upload_bytes bounds an uploaded roster at 8 MiB by default", "[config]") {
    CHECK(config::load_string("", "empty.toml").value().server.max_upload_bytes == 8 * 1024 * 1024);
    CHECK(config::load_string("[server]\nmax_upload_bytes = 65536\n", "a.toml").value().server.max_upload_bytes ==
          65536);
    for (const char* bad : {"max_upload_bytes = 65535", "max_upload_bytes = 1073741825", "max_upload_bytes = \"8M\""}) {
        auto r = config::load_string(std::string("[server]\n") + bad + "\n", "bad.toml");
        INFO(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::invalid_input);
        CHECK_THAT(r.error().message, Catch::Contains("max_upload_bytes"));
    }
}
