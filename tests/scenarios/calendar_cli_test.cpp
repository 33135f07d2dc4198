// Working days across the years the cases live in: `alur calendar`, and the
// deadlines of `open`, `show` and `run-due` at the edges of the calendar.
//
// Stories and their sources:
// - A mutation case opened on Monday 21 December 2026 (the issue: "cases opened
//   this month already fall due in 2027"). Record gathering has 10 working
//   days. They skip the cuti bersama of 24 December and Christmas on 25
//   December 2026 (SKB No. 1497/2025, 2/2025, 5/2025 on the holidays of 2026),
//   New Year's Day 1 January 2027 (fixed date), and Isra Mikraj 1448 H, expected
//   on 5 January 2027: the SKB for 2027 was not found, so 2027 is shipped
//   provisional (data/holidays/2027.txt), and the case says so. Weekends only,
//   the case would be due on 4 January 2027; with the calendar it is due on
//   Friday 8 January 2027 at 16:00 WIB.
// - A Bengkulu city mutation case of February 2019: opened on Friday 1 February
//   2019, its 10 working days skip Imlek 2570 Kongzili on Tuesday 5 February
//   2019 (SKB No. 617/2018, 262/2018, 16/2018 on the holidays of 2019, signed
//   2 November 2018), so it falls due on Monday 18 February 2019, not on the
//   15th as with weekends only.
// - An officer checks deadlines by hand with `alur calendar`: a year's list, a
//   computed due date, a year with no calendar (2031), and bad input (exit 2).
#include "scenario_cli.hpp"

#include <fstream>

using alur::scenario::Cli;

namespace {

/// The deadline scenarios' configuration, for the city of Bengkulu (WIB, like Pasaman Barat).
std::string bengkulu_config() {
    std::string config = alur::scenario::file_channel_config;
    const std::string name = "Pemerintah Kabupaten Pasaman Barat";
    config.replace(config.find(name), name.size(), "Pemerintah Kota Bengkulu");
    return config;
}

std::string open_mutation(const Cli& cli, const std::string& at, const std::string& inaugurated) {
    auto r = cli({"open", "mutation", "--nip", "197603152005011002", "--name", "Drs. Hendra Gunawan, M.Si.",
                  "--grade", "jpt_pratama", "--post", "Kepala Dinas Pendidikan", "--inaugurated-at", inaugurated,
                  "--at", at, "--now", at, "--actor", "sari"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(r.out.size() > 1);
    return r.out.substr(0, r.out.size() - 1);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a case opened on 2026-12-21 falls due on 2027-01-08 and says 2027 is provisional",
          "[scenario][calendar]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open_mutation(cli, "2026-12-21 08:00", "2021-03-08");

    auto shown = cli.json({"show", id, "--json", "--now", "2026-12-22 09:00"}).as_object();
    CHECK(shown.at("due_at").as_string() == "2027-01-08T16:00:00+07:00");
    const auto& gaps = shown.at("calendar").as_array();
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0].at("year").to_number<int>() == 2027);
    CHECK(gaps[0].at("status").as_string() == "provisional");
    // Reminders 3 and 1 working days before the due day: Monday 4 and Thursday 7 January (5 January is expected Isra Mikraj).
    const auto& timers = shown.at("timers").as_array();
    REQUIRE(timers.size() == 3);
    CHECK(timers[0].at("fire_at").as_string() == "2027-01-04T16:00:00+07:00");
    CHECK(timers[1].at("fire_at").as_string() == "2027-01-07T16:00:00+07:00");

    auto text = cli({"show", id, "--now", "2026-12-22 09:00"});
    CHECK(has(text.out, "2027-01-08 16:00 WIB"));
    CHECK(has(text.out, "kalender libur 2027 masih sementara (tanggal perkiraan)"));
    auto english = cli({"--lang", "en", "show", id, "--now", "2026-12-22 09:00"});
    CHECK(has(english.out, "the holiday calendar for 2027 is provisional (expected dates)"));

    // The first reminder fires: its event keeps the gap, the notice says it, serve's log warns, verify agrees.
    auto run = cli({"run-due", "--now", "2027-01-04 17:00"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(has(run.err, "without a confirmed calendar: The holiday calendar for 2027 is provisional"));
    auto history = cli.json({"history", id, "--json"}).as_array();
    REQUIRE(history.size() == 2);
    CHECK(history[1].at("name").as_string() == "reminder_due");
    CHECK(history[1].at("payload").at("calendar").as_array()[0].at("status").as_string() == "provisional");
    auto notices = cli.notices();
    REQUIRE(notices.size() == 1);
    const auto& message = notices[0].at("payload").at("message");
    CHECK(has(std::string(message.at("id").as_string()), "Kalender libur 2027 masih sementara"));
    CHECK(has(std::string(message.at("en").as_string()), "The holiday calendar for 2027 is provisional"));
    CHECK(notices[0].at("payload").at("calendar").as_array()[0].at("year").to_number<int>() == 2027);
    auto verified = cli({"audit", "verify"});
    INFO(verified.out << verified.err);
    CHECK(verified.exit_code == 0);
}

TEST_CASE("the agency's own 2027 file from the decree replaces the provisional one", "[scenario][calendar]") {
    // Say the decree keeps Isra Mikraj off 5 January: the agency ships its own confirmed 2027.
    Cli cli(alur::scenario::file_channel_config + "\n[calendar]\nholiday_files = [\"libur-2027.txt\"]\n");
    std::ofstream(cli.dir / "libur-2027.txt") << "# SKB 2027 (example)\n# year: 2027\n"
                                                 "2027-01-01 libur_nasional Tahun Baru 2027 Masehi\n";
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open_mutation(cli, "2026-12-21 08:00", "2021-03-08");
    auto shown = cli.json({"show", id, "--json", "--now", "2026-12-22 09:00"}).as_object();
    CHECK(shown.at("due_at").as_string() == "2027-01-07T16:00:00+07:00");
    CHECK(shown.at("calendar").as_array().empty());
    CHECK_FALSE(has(cli({"show", id, "--now", "2026-12-22 09:00"}).out, "Kalender"));
    auto listed = cli.json({"calendar", "--year", "2027", "--json"}).as_object();
    CHECK(listed.at("status").as_string() == "confirmed");
    CHECK(listed.at("holidays").as_array().size() == 1);
}

TEST_CASE("a Bengkulu city case of February 2019 skips Imlek 2570 on 5 February 2019", "[scenario][calendar]") {
    Cli cli(bengkulu_config());
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = open_mutation(cli, "2019-02-01 08:00", "2016-01-04");
    auto shown = cli.json({"show", id, "--json", "--now", "2019-02-04 09:00"}).as_object();
    CHECK(shown.at("due_at").as_string() == "2019-02-18T16:00:00+07:00");
    CHECK(shown.at("working_days_left").to_number<int>() == 9);  // 4 February is worked, 5 February is not
    CHECK(shown.at("calendar").as_array().empty());
    CHECK_FALSE(has(cli({"show", id, "--now", "2019-02-04 09:00"}).out, "Kalender"));

    auto counted = cli.json({"calendar", "--from", "2019-02-01", "--working-days", "10", "--json"}).as_object();
    CHECK(counted.at("due").as_string() == "2019-02-18");
    std::vector<std::string> skipped;
    for (const auto& d : counted.at("skipped").as_array())
        if (d.at("kind").as_string() != "weekend") skipped.push_back(std::string(d.at("date").as_string()));
    CHECK(skipped == std::vector<std::string>{"2019-02-05"});
}

TEST_CASE("alur calendar lists a year and counts a deadline by hand", "[scenario][calendar]") {
    Cli cli;
    auto year = cli({"calendar", "--year", "2019"});
    INFO(year.err);
    REQUIRE(year.exit_code == 0);
    CHECK(has(year.out, "kalender 2019 sesuai keputusan bersama: data/holidays/2019.txt"));
    CHECK(has(year.out, "2019-02-05  Selasa  libur nasional  Tahun Baru Imlek 2570 Kongzili"));
    CHECK(has(year.out, "2019-04-17  Rabu    libur nasional  Hari Pemungutan Suara Pemilihan Umum 2019"));
    CHECK(has(year.out, "2019-12-24  Selasa  cuti bersama"));

    auto provisional = cli.json({"calendar", "--year", "2027", "--json"}).as_object();
    CHECK(provisional.at("status").as_string() == "provisional");
    CHECK(provisional.at("source").as_string() == "data/holidays/2027.txt");
    int expected = 0;
    for (const auto& h : provisional.at("holidays").as_array()) {
        if (h.at("date").as_string() == "2027-01-01") CHECK_FALSE(h.at("provisional").as_bool());
        if (h.at("date").as_string() == "2027-03-10") CHECK(h.at("provisional").as_bool());
        if (h.at("provisional").as_bool()) ++expected;
    }
    CHECK(expected == 13);

    auto due = cli({"calendar", "--from", "2026-12-21", "--working-days", "10"});
    INFO(due.err);
    REQUIRE(due.exit_code == 0);
    CHECK(has(due.out, "10 hari kerja sejak 2026-12-21 (Senin): jatuh tempo 2027-01-08 (Jumat)"));
    CHECK(has(due.out, "Kalender: kalender libur 2027 masih sementara"));
    CHECK(has(due.out, "Hari yang dilewati (8):"));
    CHECK(has(due.out, "2026-12-24  Kamis   cuti bersama    Kelahiran Yesus Kristus (Hari Raya Natal)"));
    CHECK(has(due.out, "2027-01-01  Jumat   libur nasional  Tahun Baru 2027 Masehi"));
    CHECK(has(due.out, "2027-01-05  Selasa  libur nasional  Isra Mikraj Nabi Muhammad SAW"));
    CHECK(has(due.out, "perkiraan"));
    // Backwards too: 10 working days before 2027-01-08 is where it started.
    CHECK(cli.json({"calendar", "--from", "2027-01-08", "--working-days", "-10", "--json"}).at("due").as_string() ==
          "2026-12-21");

    // A year with no calendar: said plainly, counted with weekends only.
    auto missing = cli({"calendar", "--year", "2031"});
    REQUIRE(missing.exit_code == 0);
    CHECK(has(missing.out, "kalender 2031 BELUM TERSEDIA: hanya akhir pekan yang dilewati"));
    CHECK(has(cli({"--lang", "en", "calendar", "--year", "2031"}).out, "calendar 2031 MISSING: only weekends are skipped"));
    auto beyond = cli.json({"calendar", "--from", "2031-12-30", "--working-days", "3", "--json"}).as_object();
    CHECK(beyond.at("due").as_string() == "2032-01-02");  // 1 January 2032 counted as a working day
    REQUIRE(beyond.at("calendar").as_array().size() == 2);
    CHECK(beyond.at("calendar").as_array()[0].at("status").as_string() == "missing");
    CHECK(beyond.at("calendar").as_array()[1].at("year").to_number<int>() == 2032);
}

TEST_CASE("alur calendar refuses bad input with exit 2", "[scenario][calendar]") {
    Cli cli;
    struct Bad {
        std::vector<std::string> args;
        const char* says;
    };
    for (const Bad& b : {
             Bad{{"calendar", "--from", "2026-02-30", "--working-days", "3"}, "--from: '2026-02-30' is not a real date"},
             Bad{{"calendar", "--from", "21-12-2026", "--working-days", "3"}, "--from"},
             Bad{{"calendar", "--from", "2026-12-21", "--working-days", "ten"}, "--working-days harus bilangan bulat"},
             Bad{{"calendar", "--from", "2026-12-21", "--working-days", "1.5"}, "bukan '1.5'"},
             Bad{{"calendar", "--from", "2026-12-21", "--working-days", "5000"}, "antara -1000 dan 1000"},
             Bad{{"calendar", "--working-days", "5"}, "--working-days memerlukan --from TANGGAL"},
             Bad{{"calendar", "--year", "1200"}, "--year harus tahun antara 1900 dan 2200, bukan '1200'"},
             Bad{{"calendar", "--year", "20x7"}, "bukan '20x7'"},
             Bad{{"calendar", "--year", "2027", "--from", "2027-01-04"}, "--year tidak dipakai bersama"},
         }) {
        auto r = cli(b.args);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(has(r.err, b.says));
        CHECK(r.out.empty());
    }
}
