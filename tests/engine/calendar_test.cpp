#include "alur/engine/calendar.hpp"

#include "result_printing.hpp"

#include <random>
#include <set>

using namespace alur;
using namespace std::chrono;

namespace {

Date date_of(std::string_view text) { return parse_date(text).value(); }
std::string str(Date d) { return format_date(d); }

const Calendar& indonesia() {
    static const Calendar calendar(Calendar::shipped());
    return calendar;
}

// The working days in (from, to], counted one day at a time: the reference the fast paths must match.
int count_slowly(const Calendar& cal, Date from, Date to) {
    int n = 0;
    for (sys_days d = sys_days{from} + days{1}; d <= sys_days{to}; d += days{1})
        if (cal.is_working_day(Date{d})) ++n;
    return n;
}

}  // namespace

TEST_CASE("10 working days from Monday 2024-04-01 fall on 2024-04-23, across Idul Fitri 1445 H", "[calendar]") {
    const Calendar& cal = indonesia();
    CHECK(str(cal.add_working_days(date_of("2024-04-01"), 10)) == "2024-04-23");
    CHECK(cal.working_days_between(date_of("2024-04-01"), date_of("2024-04-23")) == 10);

    for (auto d : {"2024-04-08", "2024-04-09", "2024-04-12", "2024-04-15"}) {
        INFO(d);
        CHECK_FALSE(cal.is_working_day(date_of(d)));
        REQUIRE(cal.holiday(date_of(d)) != nullptr);
        CHECK(cal.holiday(date_of(d))->kind == "cuti_bersama");
    }
    for (auto d : {"2024-04-10", "2024-04-11"}) {
        INFO(d);
        REQUIRE(cal.holiday(date_of(d)) != nullptr);
        CHECK(cal.holiday(date_of(d))->kind == "libur_nasional");
        CHECK(cal.holiday(date_of(d))->name == "Hari Raya Idul Fitri 1445 H");
    }
    CHECK(cal.is_working_day(date_of("2024-04-05")));
    CHECK(cal.is_working_day(date_of("2024-04-16")));
    CHECK_FALSE(cal.is_working_day(date_of("2024-04-13")));  // Saturday
    CHECK(cal.holiday(date_of("2024-04-13")) == nullptr);     // a weekend, not a holiday
    CHECK(cal.holiday(date_of("2024-04-16")) == nullptr);

    // Without the holidays the same count ends on 2024-04-15.
    CHECK(str(Calendar{}.add_working_days(date_of("2024-04-01"), 10)) == "2024-04-15");
}

TEST_CASE("n == 0 is the day itself if worked, else the next working day", "[calendar]") {
    const Calendar& cal = indonesia();
    CHECK(str(cal.add_working_days(date_of("2024-04-02"), 0)) == "2024-04-02");
    CHECK(str(cal.add_working_days(date_of("2024-04-06"), 0)) == "2024-04-16");  // Saturday, then the holidays
    CHECK(str(cal.add_working_days(date_of("2024-04-10"), 0)) == "2024-04-16");  // Idul Fitri
    CHECK(str(cal.add_working_days(date_of("2024-08-17"), 0)) == "2024-08-19");  // Saturday and a holiday
    CHECK(str(cal.add_working_days(date_of("2024-12-25"), 0)) == "2024-12-27");
}

TEST_CASE("negative n counts back: reminders before a due day", "[calendar]") {
    const Calendar& cal = indonesia();
    CHECK(str(cal.add_working_days(date_of("2024-04-23"), -3)) == "2024-04-18");
    CHECK(str(cal.add_working_days(date_of("2024-04-23"), -1)) == "2024-04-22");
    CHECK(str(cal.add_working_days(date_of("2024-04-16"), -1)) == "2024-04-05");  // back across Idul Fitri
    CHECK(str(cal.add_working_days(date_of("2024-04-23"), -10)) == "2024-04-01");
    CHECK(str(cal.add_working_days(date_of("2024-04-14"), -1)) == "2024-04-05");  // from a Sunday in the holidays
    CHECK(cal.working_days_between(date_of("2024-04-23"), date_of("2024-04-18")) == -3);
}

TEST_CASE("working_days_between counts after from up to and including to, negative backwards", "[calendar]") {
    const Calendar& cal = indonesia();
    CHECK(cal.working_days_between(date_of("2024-04-01"), date_of("2024-04-01")) == 0);
    CHECK(cal.working_days_between(date_of("2024-04-01"), date_of("2024-04-02")) == 1);
    CHECK(cal.working_days_between(date_of("2024-04-05"), date_of("2024-04-15")) == 0);
    CHECK(cal.working_days_between(date_of("2024-04-05"), date_of("2024-04-16")) == 1);
    CHECK(cal.working_days_between(date_of("2024-04-16"), date_of("2024-04-05")) == -1);
    CHECK(cal.working_days_between(date_of("2024-04-23"), date_of("2024-04-01")) == -10);
    // Whole years: 2024 has 262 weekdays, 24 of them holidays or collective leave
    // (5 more of the 29 listed days fall on a weekend).
    CHECK(cal.working_days_between(date_of("2023-12-31"), date_of("2024-12-31")) == 262 - 24);
    CHECK(cal.working_days_between(date_of("2024-12-31"), date_of("2023-12-31")) == -(262 - 24));
}

TEST_CASE("add_working_days and working_days_between agree on random dates", "[calendar]") {
    const Calendar& cal = indonesia();
    const Calendar six_day_week(Calendar::shipped(), {Sunday});
    const Calendar plain;
    std::mt19937 rng(20240401);
    std::uniform_int_distribution<int> offset(0, 3 * 366 + 60);  // 2023-12-01 .. 2027-01-30: across every file
    std::uniform_int_distribution<int> count(-300, 300);
    const sys_days base = sys_days{date_of("2023-12-01")};

    for (const Calendar* c : {&cal, &six_day_week, &plain}) {
        for (int i = 0; i < 3000; ++i) {
            const Date from{base + days{offset(rng)}};
            const int n = count(rng);
            const Date to = c->add_working_days(from, n);
            INFO("from " << str(from) << " n " << n << " -> " << str(to));
            REQUIRE(c->is_working_day(to));
            if (n > 0) {
                REQUIRE(sys_days{to} > sys_days{from});
                REQUIRE(c->working_days_between(from, to) == n);
                // the n-th, not a later one: the day before holds n - 1
                REQUIRE(c->working_days_between(from, Date{sys_days{to} - days{1}}) == n - 1);
            } else if (n < 0) {
                // |n| working days in [to, from): counted as (to - 1, from - 1]
                REQUIRE(sys_days{to} < sys_days{from});
                const Date before_to{sys_days{to} - days{1}}, before_from{sys_days{from} - days{1}};
                REQUIRE(c->working_days_between(before_from, before_to) == n);
            } else if (sys_days{to} != sys_days{from}) {
                REQUIRE(sys_days{to} > sys_days{from});
                REQUIRE_FALSE(c->is_working_day(from));
                REQUIRE(c->working_days_between(from, Date{sys_days{to} - days{1}}) == 0);
            }

            const Date other{base + days{offset(rng)}};
            const int between = c->working_days_between(from, other);
            INFO("other " << str(other) << " between " << between);
            REQUIRE(between == -c->working_days_between(other, from));
            if (sys_days{other} >= sys_days{from}) REQUIRE(between == count_slowly(*c, from, other));
            else REQUIRE(between == -count_slowly(*c, other, from));
            if (c->is_working_day(other) && sys_days{other} > sys_days{from})
                REQUIRE(str(c->add_working_days(from, between)) == str(other));
        }
    }
}

TEST_CASE("a custom weekend: a six-day week with only Sunday off", "[calendar]") {
    const Calendar six(Calendar::shipped(), {Sunday});
    REQUIRE(six.weekend().size() == 1);
    CHECK(six.is_working_day(date_of("2024-04-06")));        // Saturday is worked
    CHECK_FALSE(six.is_working_day(date_of("2024-04-07")));  // Sunday
    CHECK_FALSE(six.is_working_day(date_of("2024-04-08")));  // cuti bersama
    // Apr 2-6 (5), Saturday 13 (6), 16-19 (10): Monday 2024-04-01 + 10 lands on 2024-04-19.
    CHECK(six.is_working_day(date_of("2024-04-13")));
    CHECK(str(six.add_working_days(date_of("2024-04-01"), 10)) == "2024-04-19");
    CHECK(six.working_days_between(date_of("2024-04-01"), date_of("2024-04-19")) == 10);
    CHECK(str(six.add_working_days(date_of("2024-04-19"), -5)) == "2024-04-06");
    CHECK(str(six.add_working_days(date_of("2024-04-19"), -6)) == "2024-04-05");
    // A holiday on a Saturday counts in a six-day week (Hari Lahir Pancasila, 2024-06-01).
    CHECK_FALSE(six.is_working_day(date_of("2024-06-01")));
    CHECK(six.working_days_between(date_of("2024-05-31"), date_of("2024-06-03")) == 1);

    const Calendar friday_off({}, {Friday});
    CHECK_FALSE(friday_off.is_working_day(date_of("2024-04-05")));
    CHECK(str(friday_off.add_working_days(date_of("2024-04-04"), 1)) == "2024-04-06");

    CHECK_THROWS_AS(Calendar({}, {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday}),
                    std::invalid_argument);
}

TEST_CASE("a holiday given twice to the constructor keeps the last", "[calendar]") {
    std::vector<Holiday> hs = Calendar::shipped();
    hs.push_back(Holiday{date_of("2024-04-10"), "libur_nasional", "Idul Fitri (agency file)"});
    hs.push_back(Holiday{date_of("2024-04-22"), "cuti_bersama", "agency leave"});
    const Calendar cal(std::move(hs));
    CHECK(cal.holiday(date_of("2024-04-10"))->name == "Idul Fitri (agency file)");
    CHECK(str(cal.add_working_days(date_of("2024-04-01"), 10)) == "2024-04-24");
}

TEST_CASE("parse reads holiday files and names the line of each error", "[calendar]") {
    auto ok = Calendar::parse("# header\n"
                              "\n"
                              "2024-04-10 libur_nasional Hari Raya Idul Fitri 1445 H   # inline comment\r\n"
                              "  2024-04-08\tcuti_bersama   Hari Raya  Idul Fitri\n"
                              "2024-04-09 cuti_bersama last line without newline",
                              "agency.txt");
    REQUIRE(test::ok(ok));
    REQUIRE(ok->size() == 3);
    CHECK(str((*ok)[0].date) == "2024-04-10");
    CHECK((*ok)[0].kind == "libur_nasional");
    CHECK((*ok)[0].name == "Hari Raya Idul Fitri 1445 H");
    CHECK((*ok)[1].name == "Hari Raya  Idul Fitri");
    CHECK((*ok)[2].name == "last line without newline");
    CHECK(test::ok(Calendar::parse("", "empty.txt")));
    CHECK(Calendar::parse("# only comments\n\n", "c.txt")->empty());

    struct Bad {
        const char* text;
        const char* where;
        const char* what;
    };
    for (const Bad& b : {
             Bad{"2024-01-01 libur_nasional ok\n2024-02-30 libur_nasional Bad\n", "x.txt:2: ", "bad date"},
             Bad{"\n\n2024-1-01 libur_nasional Bad\n", "x.txt:3: ", "bad date"},
             Bad{"tomorrow libur_nasional Bad\n", "x.txt:1: ", "bad date"},
             Bad{"2024-01-01 libur Tahun Baru\n", "x.txt:1: ", "unknown kind 'libur'"},
             Bad{"# c\n2024-01-01\n", "x.txt:2: ", "missing kind"},
             Bad{"2024-01-01 cuti_bersama   # no name\n", "x.txt:1: ", "missing name"},
             Bad{"2024-01-01 libur_nasional A\n2024-01-02 cuti_bersama B\n2024-01-01 cuti_bersama C\n", "x.txt:3: ",
                 "2024-01-01 is listed twice (first on line 1)"},
         }) {
        INFO(b.text);
        auto r = Calendar::parse(b.text, "x.txt");
        REQUIRE(test::failed(r));
        CHECK(r.error().code == errc::invalid_input);
        CHECK_THAT(r.error().message, Catch::StartsWith(b.where));
        CHECK_THAT(r.error().message, Catch::Contains(b.what));
    }
}

TEST_CASE("shipped() covers 2019 to 2027", "[calendar]") {
    const auto& shipped = Calendar::shipped();
    REQUIRE(&shipped == &Calendar::shipped());  // parsed once
    std::set<sys_days> dates;
    for (const Holiday& h : shipped) {
        CHECK(dates.insert(sys_days{h.date}).second);
        CHECK((h.kind == "libur_nasional" || h.kind == "cuti_bersama"));
        CHECK_FALSE(h.name.empty());
    }
    CHECK(std::is_sorted(shipped.begin(), shipped.end(),
                         [](const Holiday& a, const Holiday& b) { return sys_days{a.date} < sys_days{b.date}; }));

    const Calendar& cal = indonesia();
    struct Expect {
        const char* date;
        const char* name_part;
    };
    for (const Expect& e : {
             Expect{"2024-01-01", "Tahun Baru 2024"}, Expect{"2024-04-10", "Idul Fitri 1445"},
             Expect{"2024-12-25", "Natal"}, Expect{"2025-01-01", "Tahun Baru 2025"},
             Expect{"2025-03-31", "Idul Fitri 1446"}, Expect{"2025-04-01", "Idul Fitri 1446"},
             Expect{"2025-12-25", "Natal"}, Expect{"2026-01-01", "Tahun Baru 2026"},
             Expect{"2026-03-21", "Idul Fitri 1447"}, Expect{"2026-03-22", "Idul Fitri 1447"},
             Expect{"2026-12-25", "Natal"},
         }) {
        INFO(e.date);
        const Holiday* h = cal.holiday(date_of(e.date));
        REQUIRE(h != nullptr);
        CHECK(h->kind == "libur_nasional");
        CHECK_THAT(h->name, Catch::Contains(e.name_part));
    }
    // Each year: its Idul Fitri collective leave.
    for (auto d : {"2024-04-15", "2025-04-07", "2026-03-24"}) {
        INFO(d);
        REQUIRE(cal.holiday(date_of(d)) != nullptr);
        CHECK(cal.holiday(date_of(d))->kind == "cuti_bersama");
    }
    // 2019-2023 for the historic cases, 2027 for the cases that fall due in it.
    for (const Expect& e : {
             Expect{"2019-02-05", "Imlek 2570"}, Expect{"2019-04-17", "Pemilihan Umum 2019"},
             Expect{"2020-12-09", "Kepala Daerah"}, Expect{"2021-08-11", "Tahun Baru Islam 1443"},
             Expect{"2022-07-10", "Idul Adha 1443"}, Expect{"2023-04-22", "Idul Fitri 1444"},
             Expect{"2027-01-01", "Tahun Baru 2027"}, Expect{"2027-08-17", "Kemerdekaan"},
         }) {
        INFO(e.date);
        const Holiday* h = cal.holiday(date_of(e.date));
        REQUIRE(h != nullptr);
        CHECK(h->kind == "libur_nasional");
        CHECK_FALSE(h->provisional);
        CHECK_THAT(h->name, Catch::Contains(e.name_part));
    }
    // The amendments hold, not the first decree: the COVID years' cut leave days are working days.
    for (auto d : {"2020-05-22", "2020-05-26", "2020-12-28", "2020-12-29", "2020-12-30", "2021-05-17", "2021-08-10",
                   "2021-12-24", "2021-12-27", "2022-07-08", "2023-04-26"}) {
        INFO(d);
        CHECK(cal.is_working_day(date_of(d)));
    }
    for (auto d : {"2020-12-31", "2021-05-12", "2022-04-29", "2022-05-06", "2023-04-19", "2023-06-28", "2023-06-30"}) {
        INFO(d);
        REQUIRE(cal.holiday(date_of(d)) != nullptr);
        CHECK(cal.holiday(date_of(d))->kind == "cuti_bersama");
    }
    // 2027's lunar holidays are expected dates.
    REQUIRE(cal.holiday(date_of("2027-03-10")) != nullptr);
    CHECK(cal.holiday(date_of("2027-03-10"))->provisional);
    // Beyond the shipped years only weekends are skipped.
    CHECK(cal.is_working_day(date_of("2028-01-03")));
    CHECK(cal.holiday(date_of("2028-01-01")) == nullptr);
}

TEST_CASE("the shipped calendar knows its years: 2019 to 2026 confirmed and 2027 provisional", "[calendar][coverage]") {
    const Calendar cal = Calendar::from_files(Calendar::shipped_files());
    for (int y = 2019; y <= 2026; ++y) {
        INFO(y);
        CHECK(cal.year(y).status == YearStatus::confirmed);
        CHECK(cal.year(y).source == "data/holidays/" + std::to_string(y) + ".txt");
    }
    CHECK(cal.year(2027).status == YearStatus::provisional);
    CHECK(cal.year(2018).status == YearStatus::missing);
    CHECK(cal.year(2028).status == YearStatus::missing);
    CHECK(cal.covered_years().size() == 9);
    CHECK(cal.gaps(date_of("2026-12-21"), date_of("2026-12-31")).empty());
    const auto gaps = cal.gaps(date_of("2026-12-21"), date_of("2028-01-14"));
    REQUIRE(gaps.size() == 2);
    CHECK(gaps[0].year == 2027);
    CHECK(gaps[0].status == YearStatus::provisional);
    CHECK(gaps[1].year == 2028);
    CHECK(gaps[1].status == YearStatus::missing);
    CHECK(cal.gaps(date_of("2028-01-14"), date_of("2026-12-21")).size() == 2);  // either order
    // Only the fixed-date holidays of 2027 are not marked provisional.
    std::set<std::string> confirmed;
    for (const Holiday& h : cal.holidays_of(2027))
        if (!h.provisional) confirmed.insert(format_date(h.date));
    CHECK(confirmed == std::set<std::string>{"2027-01-01", "2027-05-01", "2027-06-01", "2027-08-17", "2027-12-25"});
    CHECK(cal.holidays_of(2026).size() == 25);
    // A deadline into a missing year is still counted, weekends only there.
    CHECK(str(cal.add_working_days(date_of("2027-12-30"), 3)) == "2028-01-04");
}

TEST_CASE("parse_file reads the year and status headers and the provisional marks", "[calendar][coverage]") {
    auto f = Calendar::parse_file("# year: 2027\n# status: provisional\n"
                                  "2027-01-01 libur_nasional Tahun Baru\n"
                                  "2027-03-10 libur_nasional Idul Fitri  # provisional: expected\n"
                                  "2027-03-11 libur_nasional Idul Fitri #provisional\n"
                                  "2027-06-01 libur_nasional Pancasila  # provisionally confirmed? no: a plain comment\n",
                                  "x.txt");
    REQUIRE(test::ok(f));
    CHECK(f->declared);
    CHECK(f->provisional);
    CHECK(f->years == std::vector<int>{2027});
    REQUIRE(f->holidays.size() == 4);
    CHECK_FALSE(f->holidays[0].provisional);
    CHECK(f->holidays[1].provisional);
    CHECK(f->holidays[2].provisional);
    CHECK_FALSE(f->holidays[3].provisional);
    CHECK(f->holidays[1].name == "Idul Fitri");

    // A file written before the headers: the years of its dates, confirmed.
    auto old = Calendar::parse_file("2024-12-25 libur_nasional Natal\n2025-01-01 libur_nasional Tahun Baru\n", "o.txt");
    REQUIRE(test::ok(old));
    CHECK_FALSE(old->declared);
    CHECK_FALSE(old->provisional);
    CHECK(old->years == std::vector<int>{2024, 2025});
    // parse() still reads every file it read before, and the new ones.
    CHECK(test::ok(Calendar::parse("# year: 2027\n2027-01-01 libur_nasional Tahun Baru\n", "n.txt")));

    auto none = Calendar::parse_file("# year: none\n2031-02-03 libur_nasional Hari Jadi Kota\n", "r.txt");
    REQUIRE(test::ok(none));
    CHECK(none->years.empty());
    CHECK(Calendar::from_files({*none}).year(2031).status == YearStatus::missing);
    CHECK_FALSE(Calendar::from_files({*none}).is_working_day(date_of("2031-02-03")));

    struct Bad {
        const char* text;
        const char* where;
        const char* what;
    };
    for (const Bad& b : {
             Bad{"# year: 27\n", "x.txt:1: ", "bad year '27'"},
             Bad{"# year: 2027\n# year: 2028\n", "x.txt:2: ", "'# year:' is given twice (first on line 1)"},
             Bad{"# status: maybe\n", "x.txt:1: ", "unknown status 'maybe'"},
             Bad{"# year: 2027\n\n2028-01-01 libur_nasional Tahun Baru\n", "x.txt:3: ",
                 "2028-01-01 is outside the file's year 2027 (line 1)"},
             Bad{"# year: none\n# status: provisional\n", "x.txt:2: ", "needs a year the file covers"},
         }) {
        INFO(b.text);
        auto r = Calendar::parse_file(b.text, "x.txt");
        REQUIRE(test::failed(r));
        CHECK(r.error().code == errc::invalid_input);
        CHECK_THAT(r.error().message, Catch::StartsWith(b.where));
        CHECK_THAT(r.error().message, Catch::Contains(b.what));
    }
}

TEST_CASE("a file that declares its year replaces the provisional one, a supplement does not", "[calendar][coverage]") {
    std::vector<HolidayFile> files = Calendar::shipped_files();
    // The decree is out: an agency's own 2027 file moves Idul Fitri by a day and adds cuti bersama.
    auto decree = Calendar::parse_file("# year: 2027\n"
                                       "2027-01-01 libur_nasional Tahun Baru 2027 Masehi\n"
                                       "2027-03-09 libur_nasional Hari Raya Idul Fitri 1448 H\n"
                                       "2027-03-12 cuti_bersama Hari Raya Idul Fitri 1448 H\n",
                                       "/etc/alur/libur-2027.txt");
    REQUIRE(test::ok(decree));
    auto with_decree = files;
    with_decree.push_back(*decree);
    const Calendar cal = Calendar::from_files(with_decree);
    CHECK(cal.year(2027).status == YearStatus::confirmed);
    CHECK(cal.year(2027).source == "/etc/alur/libur-2027.txt");
    CHECK(cal.is_working_day(date_of("2027-03-11")));  // the shipped expected day is gone
    CHECK_FALSE(cal.is_working_day(date_of("2027-03-12")));
    CHECK(cal.holidays_of(2027).size() == 3);
    CHECK(cal.holidays_of(2026).size() == 25);  // other years untouched

    // A regional supplement without a year header adds its day but confirms nothing.
    auto regional = Calendar::parse_file("2027-04-18 libur_nasional Hari Jadi Provinsi\n", "daerah.txt");
    REQUIRE(test::ok(regional));
    auto with_regional = files;
    with_regional.push_back(*regional);
    const Calendar cal2 = Calendar::from_files(with_regional);
    CHECK(cal2.year(2027).status == YearStatus::provisional);
    CHECK(cal2.holiday(date_of("2027-04-18")) != nullptr);
    CHECK(cal2.holiday(date_of("2027-03-10")) != nullptr);

    // Holidays without files (the older constructor): their years count as covered.
    const Calendar legacy(Calendar::shipped());
    CHECK(legacy.year(2026).status == YearStatus::confirmed);
    CHECK(legacy.year(2027).status == YearStatus::provisional);  // it has provisional days
    CHECK(legacy.year(2028).status == YearStatus::missing);
    CHECK(Calendar().covered_years().empty());
}

