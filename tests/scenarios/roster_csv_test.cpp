// The roster CSV reader of `alur roster import` (adapters/cli/roster_csv.cpp),
// called directly: RFC 4180 records, the header, and every kind of bad row,
// each reported with its line and column.
#include "roster_csv.hpp"
#include "roster_rows.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using alur::Date;
using alur::cli::NipProblem;
using alur::cli::parse_csv;
using alur::cli::read_roster_csv;
using alur::cli::RosterIssue;
using alur::cli::RosterProblem;
using namespace std::chrono;

using namespace alur::test::roster_rows;

namespace {

const Date today{year{2025}, month{6}, day{1}};

/// The issues of a file whose only data row (line 2) is `row`.
std::vector<RosterIssue> issues_of(const std::string& row) {
    auto file = read_roster_csv(header + row, today);
    CHECK(file.officials.empty());
    return file.issues;
}

bool has(const std::vector<RosterIssue>& issues, std::size_t line, const std::string& column, RosterProblem p) {
    return std::any_of(issues.begin(), issues.end(), [&](const RosterIssue& i) {
        return i.line == line && i.column == column && i.problem == p;
    });
}

}  // namespace

TEST_CASE("csv: quoted fields, doubled quotes, line breaks in quotes, CRLF, LF and CR", "[cli][roster][csv]") {
    auto csv = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x,\r\n\nlast,\"\",z\rcr,1,2", ',');
    CHECK(csv.issues.empty());
    REQUIRE(csv.records.size() == 4);
    CHECK(csv.records[0].line == 1);
    CHECK(csv.records[0].fields == std::vector<std::string>{"a", "b,c", "say \"hi\""});
    CHECK(csv.records[1].line == 2);
    CHECK(csv.records[1].fields == std::vector<std::string>{"two\r\nlines", "x", ""});
    CHECK(csv.records[2].line == 5);  // line 4 is empty: skipped
    CHECK(csv.records[2].fields == std::vector<std::string>{"last", "", "z"});
    CHECK(csv.records[3].line == 6);
    CHECK(csv.records[3].fields == std::vector<std::string>{"cr", "1", "2"});

    auto semi = parse_csv("a;\"b;c\";d\n", ';');
    REQUIRE(semi.records.size() == 1);
    CHECK(semi.records[0].fields == std::vector<std::string>{"a", "b;c", "d"});
}

TEST_CASE("csv: a quote never closed and text after a closing quote are errors", "[cli][roster][csv]") {
    auto open = parse_csv("a,b\n1,\"never\nclosed\n", ',');
    REQUIRE(open.issues.size() == 1);
    CHECK(open.issues[0].problem == RosterProblem::unclosed_quote);
    CHECK(open.issues[0].line == 2);

    auto stray = parse_csv("a,b\n\"x\"y,z\n", ',');
    REQUIRE(stray.issues.size() == 1);
    CHECK(stray.issues[0].problem == RosterProblem::stray_quote);
    CHECK(stray.issues[0].line == 2);

    auto inside = parse_csv("Drs. \"Ucok\" Siregar,b\n", ',');  // a quote inside an unquoted field is text
    CHECK(inside.issues.empty());
    CHECK(inside.records.at(0).fields.at(0) == "Drs. \"Ucok\" Siregar");
}

TEST_CASE("csv: UTF-8 is checked strictly", "[cli][roster][csv]") {
    using alur::cli::valid_utf8;
    CHECK(valid_utf8("Hj. Siti Nurhaliza"));
    CHECK(valid_utf8("Dinas A \u2192 B, caf\u00e9, \U0001F600"));
    CHECK_FALSE(valid_utf8("caf\xe9"));          // Latin-1
    CHECK_FALSE(valid_utf8("\xc0\xaf"));         // overlong
    CHECK_FALSE(valid_utf8("\xed\xa0\x80"));     // surrogate
    CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80")); // past U+10FFFF
    CHECK_FALSE(valid_utf8("ab\xe2\x82"));       // cut short
}

TEST_CASE("roster csv: a good comma file", "[cli][roster][csv]") {
    auto file = read_roster_csv(header + hendra + rina, today);
    INFO((file.issues.empty() ? 0 : static_cast<int>(file.issues[0].problem)));
    REQUIRE(file.ok());
    CHECK(file.delimiter == ',');
    CHECK(file.rows == 2);
    REQUIRE(file.officials.size() == 2);
    CHECK(file.lines == std::vector<std::size_t>{2, 3});
    const auto& h = file.officials[0];
    CHECK(h.nip == "197603152005011002");
    CHECK(h.name == "Drs. Hendra Gunawan, M.Si.");
    CHECK(h.grade == "jpt_pratama");
    CHECK(h.post == "Kepala Dinas Pendidikan");
    CHECK(h.unit == "Dinas Pendidikan");
    CHECK(h.inaugurated_at == Date{year{2021}, month{3}, day{8}});
    CHECK(h.birth_date == Date{year{1976}, month{3}, day{15}});
}

TEST_CASE("roster csv: semicolons, BOM, CRLF, columns in any order, as spreadsheets write them",
          "[cli][roster][csv]") {
    const std::string text =
        "\xEF\xBB\xBF" "Birth_Date; NIP ;Name;Grade;Post;Unit;Inaugurated_At\r\n"
        "15/03/1976;19760315 200501 1 002;\"Drs. Hendra Gunawan; M.Si.\";JPT Pratama;\"Kepala \"\"Dinas\"\" "
        "Pendidikan\";Dinas Pendidikan;8/3/2021\r\n"
        ";;;;;;\r\n"
        "\r\n";
    auto file = read_roster_csv(text, today);
    REQUIRE(file.ok());
    CHECK(file.delimiter == ';');
    REQUIRE(file.officials.size() == 1);
    const auto& h = file.officials[0];
    CHECK(h.nip == "197603152005011002");
    CHECK(h.name == "Drs. Hendra Gunawan; M.Si.");
    CHECK(h.grade == "jpt_pratama");
    CHECK(h.post == "Kepala \"Dinas\" Pendidikan");
    CHECK(h.inaugurated_at == Date{year{2021}, month{3}, day{8}});
    CHECK(h.birth_date == Date{year{1976}, month{3}, day{15}});
}

TEST_CASE("roster csv: the header names exactly the seven columns", "[cli][roster][csv]") {
    SECTION("a missing column") {
        auto file = read_roster_csv("nip,name,grade,post,inaugurated_at,birth_date\n" + hendra, today);
        REQUIRE(file.issues.size() == 1);
        CHECK(file.issues[0] == RosterIssue{1, "unit", RosterProblem::missing_column});
    }
    SECTION("an unknown and a duplicate column") {
        auto file = read_roster_csv("nip,name,grade,post,unit,inaugurated_at,birth_date,golongan,NAME\n", today);
        CHECK(has(file.issues, 1, "", RosterProblem::unknown_column));
        CHECK(file.issues[0].value == "golongan");
        CHECK(has(file.issues, 1, "name", RosterProblem::duplicate_column));
    }
    SECTION("no header: the first line is data") {
        auto file = read_roster_csv(hendra, today);
        CHECK(has(file.issues, 1, "", RosterProblem::unknown_column));
        CHECK(has(file.issues, 1, "nip", RosterProblem::missing_column));
    }
    SECTION("an empty file, a header alone") {
        CHECK(read_roster_csv("", today).issues.at(0).problem == RosterProblem::no_header);
        CHECK(read_roster_csv("\xEF\xBB\xBF\r\n", today).issues.at(0).problem == RosterProblem::no_header);
        CHECK(read_roster_csv(header, today).issues.at(0) == RosterIssue{2, "", RosterProblem::no_rows});
    }
}

TEST_CASE("roster csv: each kind of bad row, with its line and column", "[cli][roster][csv]") {
    SECTION("NIP length") {
        auto i = issues_of("19760315200501100,A,jpt_pratama,P,U,2021-03-08,1976-03-15\n");
        REQUIRE(i.size() == 1);
        CHECK(i[0].line == 2);
        CHECK(i[0].column == "nip");
        CHECK(i[0].problem == RosterProblem::nip);
        CHECK(i[0].nip == NipProblem::length);
        CHECK(i[0].value == "19760315200501100");
    }
    SECTION("NIP not digits; a NIP a spreadsheet turned into a number") {
        CHECK(issues_of("1976031520050110O2,A,jpt_pratama,P,U,2021-03-08,1976-03-15\n").at(0).nip ==
              NipProblem::not_digits);
        CHECK(issues_of("1.97603E+17,A,jpt_pratama,P,U,2021-03-08,1976-03-15\n").at(0).problem == RosterProblem::nip);
    }
    SECTION("NIP with an impossible appointment month") {
        CHECK(issues_of("197603152005131002,A,jpt_pratama,P,U,2021-03-08,1976-03-15\n").at(0).nip ==
              NipProblem::appointment_month);
    }
    SECTION("birth_date differs from the NIP") {
        auto i = issues_of("197603152005011002,A,jpt_pratama,P,U,2021-03-08,1976-03-16\n");
        REQUIRE(i.size() == 1);
        CHECK(i[0].column == "birth_date");
        CHECK(i[0].problem == RosterProblem::birth_date_mismatch);
        CHECK(i[0].expected == "1976-03-15");
    }
    SECTION("unknown grade") {
        auto i = issues_of("197603152005011002,A,eselon_2,P,U,2021-03-08,1976-03-15\n");
        REQUIRE(i.size() == 1);
        CHECK(i[0] == RosterIssue{2, "grade", RosterProblem::grade, "eselon_2"});
    }
    SECTION("bad dates") {
        auto i = issues_of("197603152005011002,A,jpt_pratama,P,U,2021-02-30,15-03-1976\n");
        CHECK(has(i, 2, "inaugurated_at", RosterProblem::date));
        CHECK(has(i, 2, "birth_date", RosterProblem::date));
        CHECK(issues_of("197603152005011002,A,jpt_pratama,P,U,31/02/2021,1976-03-15\n").at(0).problem ==
              RosterProblem::date);
        CHECK(issues_of("197603152005011002,A,jpt_pratama,P,U,03/08/21,1976-03-15\n").at(0).problem ==
              RosterProblem::date);
    }
    SECTION("inaugurated before 17 or after today") {
        auto young = issues_of("197603152005011002,A,jpt_pratama,P,U,1990-01-02,1976-03-15\n");
        REQUIRE(young.size() == 1);
        CHECK(young[0].problem == RosterProblem::inaugurated_too_young);
        CHECK(young[0].expected == "1993-03-15");
        CHECK(issues_of("197603152005011002,A,jpt_pratama,P,U,2025-06-02,1976-03-15\n").at(0).problem ==
              RosterProblem::inaugurated_future);
    }
    SECTION("empty name, post, unit") {
        auto i = issues_of("197603152005011002, ,jpt_pratama,,\"\",2021-03-08,1976-03-15\n");
        CHECK(i.size() == 3);
        CHECK(has(i, 2, "name", RosterProblem::empty));
        CHECK(has(i, 2, "post", RosterProblem::empty));
        CHECK(has(i, 2, "unit", RosterProblem::empty));
    }
    SECTION("wrong field count") {
        auto i = issues_of("197603152005011002,A,jpt_pratama,P,2021-03-08,1976-03-15\n");
        REQUIRE(i.size() == 1);
        CHECK(i[0].problem == RosterProblem::field_count);
        CHECK(i[0].count == 6);
        CHECK(i[0].column.empty());
    }
    SECTION("a control character, or only invisible characters, in name, post or unit") {
        auto i = issues_of("197603152005011002,A\tB,jpt_pratama,\"Kepala\x1b[2J\",\"\xe2\x80\x8b\",2021-03-08,"
                           "1976-03-15\n");
        REQUIRE(i.size() == 3);
        CHECK(has(i, 2, "name", RosterProblem::text));
        CHECK(has(i, 2, "post", RosterProblem::text));
        CHECK(has(i, 2, "unit", RosterProblem::text));
        for (const auto& issue : i) CHECK_FALSE(issue.expected.empty());
        CHECK(i[1].expected.find("U+001B") != std::string::npos);
    }
    SECTION("not UTF-8") {
        auto i = issues_of("197603152005011002,Caf\xe9,jpt_pratama,P,U,2021-03-08,1976-03-15\n");
        REQUIRE(i.size() == 1);
        CHECK(i[0] == RosterIssue{2, "name", RosterProblem::not_utf8});
    }
}

TEST_CASE("roster csv: every bad line is reported, duplicates name both lines, nothing is returned",
          "[cli][roster][csv]") {
    const std::string text = header + hendra +                                         // 2: good
                             "123,B,jpt_pratama,P,U,2021-03-08,1976-03-15\n" +         // 3: NIP
                             rina +                                                    // 4: good
                             "198807302012122001,Rina Lagi,pengawas,P,U,2022-01-10,1988-07-30\n" +  // 5: duplicate
                             "197603152005011002,C,lurah,P,U,2021-03-08,1976-03-15,extra\n" +  // 6: count
                             "196602011990031003,D,lurah,,U,2019-07-01,1966-02-02\n";  // 7: grade, post, birth
    auto file = read_roster_csv(text, today);
    CHECK(file.officials.empty());
    CHECK(file.lines.empty());
    CHECK(file.rows == 6);
    CHECK(has(file.issues, 3, "nip", RosterProblem::nip));
    CHECK(has(file.issues, 5, "nip", RosterProblem::duplicate_nip));
    CHECK(has(file.issues, 6, "", RosterProblem::field_count));
    CHECK(has(file.issues, 7, "grade", RosterProblem::grade));
    CHECK(has(file.issues, 7, "post", RosterProblem::empty));
    CHECK(has(file.issues, 7, "birth_date", RosterProblem::birth_date_mismatch));
    CHECK(file.issues.size() == 6);
    const auto dup = std::find_if(file.issues.begin(), file.issues.end(),
                                  [](const RosterIssue& i) { return i.problem == RosterProblem::duplicate_nip; });
    CHECK(dup->other_line == 4);
    CHECK(std::is_sorted(file.issues.begin(), file.issues.end(),
                         [](const RosterIssue& a, const RosterIssue& b) { return a.line < b.line; }));
}

TEST_CASE("roster csv: progress is reported while rows are checked", "[cli][roster][csv]") {
    std::string text = header;
    for (int i = 0; i < 2500; ++i) text += rina;  // duplicates, but every row is still checked
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    read_roster_csv(text, today, [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
    REQUIRE(calls.size() == 3);
    CHECK(calls[0] == std::pair<std::size_t, std::size_t>{1000, 2500});
    CHECK(calls[2] == std::pair<std::size_t, std::size_t>{2500, 2500});
}
