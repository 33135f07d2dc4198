// Tests for adapters/cli/csv.cpp: every CSV the CLI writes is RFC 4180, runs
// no formula in a spreadsheet, keeps NIPs as text, and the roster reader
// (roster_csv.cpp) reads back exactly what was written.
#include "csv.hpp"
#include "roster_csv.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace alur::cli;

TEST_CASE("csv: a cell a spreadsheet would run as a formula gets a ' in front", "[cli][csv]") {
    CHECK(csv_field("=1+1") == "'=1+1");
    CHECK(csv_field("+62 811 000") == "'+62 811 000");
    CHECK(csv_field("-2") == "'-2");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("\tx") == "'\tx");
    CHECK(csv_field("\rx") == "\"'\rx\"");  // CR: quoted as well
    CHECK(csv_field("'already") == "''already");  // so that exactly one ' is dropped on reading
    CHECK(csv_field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");

    // Everything else is as it was: quoted only when it must be.
    CHECK(csv_field("Drs. Hendra Gunawan") == "Drs. Hendra Gunawan");
    CHECK(csv_field("a=b") == "a=b");
    CHECK(csv_field(" =1") == " =1");
    CHECK(csv_field("") == "");
    CHECK(csv_field("{\"value\":-1}") == "\"{\"\"value\"\":-1}\"");
    CHECK(csv_record({"1", "=x", "a,b"}) == "1,'=x,\"a,b\"\r\n");
}

TEST_CASE("csv: csv_unneutralise undoes csv_neutralise exactly", "[cli][csv]") {
    for (const std::string text :
         {"=1+1", "+x", "-", "@", "\t", "\r", "'", "''", "'=", "plain", "", "a'b", "'plain", "''=x", "-'x"}) {
        INFO(text);
        CHECK(csv_unneutralise(csv_neutralise(text)) == text);
    }
    CHECK(csv_unneutralise("'plain") == "'plain");  // a ' the writer did not add stays
}

TEST_CASE("csv: a NIP column is always quoted with a ' in front, so it stays text", "[cli][csv]") {
    CHECK(csv_text_field("197603152005011002") == "\"'197603152005011002\"");
    CHECK(csv_text_field("") == "");

    std::ostringstream out;
    CsvWriter table(out, {"nip", "name", "total"});
    table.write({"197603152005011002", "=cmd", "86.4"});
    table.write({"", "Rina", "-1"});
    CHECK(out.str() == "nip,name,total\r\n\"'197603152005011002\",'=cmd,86.4\r\n,Rina,'-1\r\n");

    std::ostringstream report;
    CsvWriter upper(report, {"PERINGKAT", "NIP"});
    upper.write({"1", "196602011990031003"});
    CHECK(report.str() == "PERINGKAT,NIP\r\n1,\"'196602011990031003\"\r\n");
}

TEST_CASE("roster csv: the ' a listed file carries is dropped on import", "[cli][csv][roster]") {
    const alur::Date today{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{1}};
    const std::string text =
        "nip,name,grade,post,unit,inaugurated_at,birth_date\r\n"
        "\"'197603152005011002\",'=SUM(A1),jpt_pratama,''Kepala,'+62 Dinas,2021-03-08,1976-03-15\r\n"
        "'198807302012122001,Rina,administrator,'Sekretaris,Dinas,2022-01-10,1988-07-30\r\n";
    const RosterFile file = read_roster_csv(text, today);
    REQUIRE(file.ok());
    REQUIRE(file.officials.size() == 2);
    CHECK(file.officials[0].nip == "197603152005011002");
    CHECK(file.officials[0].name == "=SUM(A1)");
    CHECK(file.officials[0].post == "'Kepala");
    CHECK(file.officials[0].unit == "+62 Dinas");
    CHECK(file.officials[1].nip == "198807302012122001");  // as a spreadsheet user may type it
    CHECK(file.officials[1].post == "'Sekretaris");         // a ' the writer did not add stays
}
