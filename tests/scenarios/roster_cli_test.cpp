// `alur roster import` and `alur roster list` as an agency's HR staff use them:
// the real binary on a fresh SQLite file in a temporary directory.
//
// Story: the BKPSDM of a regency exports its roster from a spreadsheet — once
// with commas, once as Excel in an Indonesian locale writes it (semicolons,
// byte-order mark, quoted fields, DD/MM/YYYY) — imports it, fixes a bad file,
// re-imports after a transfer, and loads a 50 000-row file.
#include "roster_rows.hpp"
#include "test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using alur::test::RunResult;
using alur::test::shell_quote;
using alur::test::TempDir;

using namespace alur::test::roster_rows;

namespace {

const std::string alur_bin = ALUR_BIN_DIR "/alur";

/// A temporary directory with a database made by `alur init`; runs `alur` there.
class Cli {
public:
    Cli() { REQUIRE((*this)({"init"}).exit_code == 0); }

    RunResult operator()(const std::vector<std::string>& args) const {
        std::string cmd = "cd " + shell_quote(dir.path().string()) +
                          " && env -u ALUR_DB -u ALUR_CONFIG -u ALUR_LANG " + shell_quote(alur_bin) + " --db " +
                          shell_quote((dir / "alur.db").string());
        for (const auto& a : args) cmd += " " + shell_quote(a);
        return alur::test::run(cmd);
    }

    /// Writes `text` to NAME in the directory; returns NAME.
    std::string file(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
        return name;
    }

    /// `alur roster list --format csv`, which must succeed.
    std::string roster_csv() const {
        auto r = (*this)({"roster", "list", "--format", "csv"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return r.out;
    }

    TempDir dir;
};

const std::string empty_roster = "nip,name,grade,post,unit,inaugurated_at,birth_date\r\n";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("roster import: a good comma file, then list as table, csv and json", "[cli][roster]") {
    Cli cli;
    auto r = cli({"roster", "import", cli.file("roster.csv", header + hendra + rina + yusuf)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());  // no progress bar on a pipe
    CHECK(contains(r.out, "197603152005011002 Drs. Hendra Gunawan, M.Si.: baru\n"));
    CHECK(contains(r.out, "impor #1 dari roster.csv (sha256 "));
    CHECK(contains(r.out, "): 3 ditambahkan, 0 diubah, 0 tetap\n"));

    auto table = cli({"roster", "list"});
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "NIP"));
    CHECK(contains(table.out, "Ir. Yusuf Hakim"));
    CHECK(contains(table.out, "3 pejabat\n"));
    CHECK(table.out.find("Bappeda") < table.out.find("Dinas Kesehatan"));  // by unit

    // NIPs quoted with a ' in front, so a spreadsheet keeps them as text (csv.hpp).
    CHECK(cli.roster_csv() == empty_roster +
                                  "\"'196602011990031003\",Ir. Yusuf Hakim,jpt_pratama,Kepala Badan Perencanaan "
                                  "Pembangunan Daerah,Bappeda,2019-07-01,1966-02-01\r\n"
                                  "\"'198807302012122001\",\"Rina Marlina, S.E.\",administrator,Sekretaris Dinas,"
                                  "Dinas Kesehatan,2022-01-10,1988-07-30\r\n"
                                  "\"'197603152005011002\",\"Drs. Hendra Gunawan, M.Si.\",jpt_pratama,Kepala Dinas "
                                  "Pendidikan,Dinas Pendidikan,2021-03-08,1976-03-15\r\n");

    auto json = cli({"roster", "list", "--unit", "Dinas Pendidikan", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    auto rows = boost::json::parse(json.out).as_array();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].at("nip").as_string() == "197603152005011002");
    CHECK(rows[0].at("inaugurated_at").as_string() == "2021-03-08");

    SECTION("the listed csv imports again, unchanged") {
        auto again = cli({"roster", "import", cli.file("listed.csv", cli.roster_csv())});
        INFO(again.err);
        REQUIRE(again.exit_code == 0);
        CHECK(contains(again.out, "0 ditambahkan, 0 diubah, 3 tetap"));
    }
}

TEST_CASE("roster import: semicolons, BOM, CRLF, quoted fields and DD/MM/YYYY", "[cli][roster]") {
    Cli cli;
    const std::string text =
        "\xEF\xBB\xBF" "NIP;Nama;Grade;Post;Unit;Inaugurated_at;Birth_date\r\n"
        "\"19760315 200501 1 002\";\"Drs. Hendra Gunawan; M.Si.\";JPT Pratama;\"Kepala \"\"Dinas\"\" "
        "Pendidikan\";Dinas Pendidikan;08/03/2021;15/03/1976\r\n"
        "198807302012122001;Hj. Rina Marlina, S.E.;Administrator;Sekretaris Dinas;Dinas Kesehatan;10/1/2022;"
        "30/07/1988\r\n"
        ";;;;;;\r\n";
    auto bad = cli({"roster", "import", cli.file("excel.csv", text)});
    CHECK(bad.exit_code == 2);  // "Nama" is no column
    CHECK(contains(bad.err, "baris 1: kolom `Nama` tidak dikenal"));
    CHECK(contains(bad.err, "baris 1, kolom name: tidak ada di judul kolom"));

    std::string fixed = text;
    fixed.replace(fixed.find("Nama"), 4, "Name");
    auto r = cli({"roster", "import", cli.file("excel.csv", fixed)});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "2 ditambahkan, 0 diubah, 0 tetap"));
    CHECK(cli.roster_csv() == empty_roster +
                                  "\"'198807302012122001\",\"Hj. Rina Marlina, S.E.\",administrator,Sekretaris Dinas,"
                                  "Dinas Kesehatan,2022-01-10,1988-07-30\r\n"
                                  "\"'197603152005011002\",Drs. Hendra Gunawan; M.Si.,jpt_pratama,\"Kepala \"\"Dinas\"\" "
                                  "Pendidikan\",Dinas Pendidikan,2021-03-08,1976-03-15\r\n");
}

TEST_CASE("roster import: each kind of bad row is listed with its line and column, and nothing is imported",
          "[cli][roster]") {
    Cli cli;
    REQUIRE(cli({"roster", "import", cli.file("first.csv", header + yusuf)}).exit_code == 0);
    const std::string before = cli.roster_csv();

    const std::string text = header + hendra +                                                    // 2: good
                             "19760315200501100,A,jpt_pratama,P,U,2021-03-08,1976-03-15\n" +       // 3: length
                             "1976031520050110O2,B,jpt_pratama,P,U,2021-03-08,1976-03-15\n" +      // 4: digits
                             "198807302012122001,C,administrator,P,U,2022-01-10,1988-07-31\n" +    // 5: birth date
                             "196602011990031003,D,eselon_2,P,U,2019-07-01,1966-02-01\n" +         // 6: grade
                             "197011222000031001,E,pengawas,P,U,2020-02-30,1970-11-22\n" +         // 7: date
                             "197011222000031002,F,pengawas,P,2020-05-04,1970-11-22\n" +           // 8: field count
                             "197603152005011002,G,pengawas,P,U,2020-05-04,1976-03-15\n" +         // 9: duplicate
                             "196602011990031004,,pengawas,P,U,2027-01-01,1966-02-01\n";           // 10: empty, future
    auto r = cli({"roster", "import", cli.file("bad.csv", text)});
    CHECK(r.exit_code == 2);
    INFO(r.err);
    CHECK(contains(r.err, "baris 3, kolom nip: NIP `19760315200501100` harus 18 angka\n"));
    CHECK(contains(r.err, "baris 4, kolom nip: NIP `1976031520050110O2` hanya boleh berisi angka\n"));
    CHECK(contains(r.err, "baris 5, kolom birth_date: `1988-07-31` tidak sama dengan tanggal lahir pada NIP "
                          "(1988-07-30)\n"));
    CHECK(contains(r.err, "baris 6, kolom grade: jenjang jabatan `eselon_2` tidak dikenal (jenjang: jpt_utama, "));
    CHECK(contains(r.err, "baris 7, kolom inaugurated_at: `2020-02-30` bukan tanggal yang sah"));
    CHECK(contains(r.err, "baris 8: 6 isian, seharusnya 7"));
    CHECK(contains(r.err, "baris 9, kolom nip: NIP `197603152005011002` sudah ada di baris 2\n"));
    CHECK(contains(r.err, "baris 10, kolom name: kosong; wajib diisi\n"));
    CHECK(contains(r.err, "baris 10, kolom inaugurated_at: `2027-01-01` belum tiba\n"));
    CHECK(contains(r.err, "alur: masukan tidak sah: bad.csv: 8 baris bermasalah (lihat di atas); tidak ada yang "
                          "diimpor\n"));
    CHECK_FALSE(contains(r.err, "baris 2,"));
    CHECK_FALSE(contains(r.err, "baris 2:"));
    CHECK(r.out.empty());
    CHECK(cli.roster_csv() == before);

    SECTION("in English") {
        auto en = cli({"--lang", "en", "roster", "import", "bad.csv"});
        CHECK(en.exit_code == 2);
        CHECK(contains(en.err, "line 3, column nip: NIP `19760315200501100` must be 18 digits\n"));
        CHECK(contains(en.err, "line 9, column nip: NIP `197603152005011002` is also on line 2\n"));
    }
    SECTION("a missing column in the header") {
        auto m = cli({"roster", "import",
                      cli.file("nounit.csv", "nip,name,grade,post,inaugurated_at,birth_date\n"
                                             "197603152005011002,A,jpt_pratama,P,2021-03-08,1976-03-15\n")});
        CHECK(m.exit_code == 2);
        CHECK(contains(m.err, "baris 1, kolom unit: tidak ada di judul kolom (kolom yang diperlukan: nip, name, "));
        CHECK(cli.roster_csv() == before);
    }
    SECTION("a file that is not UTF-8") {
        auto m = cli({"roster", "import", cli.file("latin1.csv", header + "197603152005011002,Jos\xe9,jpt_pratama,P,U,"
                                                                          "2021-03-08,1976-03-15\n")});
        CHECK(m.exit_code == 2);
        CHECK(contains(m.err, "baris 2, kolom name: bukan teks UTF-8"));
    }
    SECTION("a NIP a spreadsheet wrote as a number gets a hint") {
        auto m = cli({"roster", "import",
                      cli.file("sci.csv", header + "1.97603E+17,A,jpt_pratama,P,U,2021-03-08,1976-03-15\n")});
        CHECK(m.exit_code == 2);
        CHECK(contains(m.err, "jadikan kolomnya teks"));
    }
}

TEST_CASE("roster import: a re-import reports each change, a dry run writes nothing", "[cli][roster]") {
    Cli cli;
    REQUIRE(cli({"roster", "import", cli.file("roster.csv", header + hendra + rina + yusuf)}).exit_code == 0);
    const std::string before = cli.roster_csv();

    const std::string moved =
        "197603152005011002,\"Drs. Hendra Gunawan, M.Si.\",jpt_pratama,Kepala Bappeda,Bappeda,2025-05-20,"
        "1976-03-15\n";
    const std::string anwar =
        "197011222000031001,Anwar Syah,pengawas,Kepala Seksi Kurikulum,Dinas Pendidikan,2020-05-04,1970-11-22\n";
    const std::string next = cli.file("roster-2.csv", header + moved + rina + anwar);

    auto dry = cli({"roster", "import", next, "--dry-run"});
    INFO(dry.err);
    REQUIRE(dry.exit_code == 0);
    const std::string change =
        "197603152005011002 Drs. Hendra Gunawan, M.Si.: post Kepala Dinas Pendidikan \u2192 Kepala Bappeda; "
        "unit Dinas Pendidikan \u2192 Bappeda; inaugurated_at 2021-03-08 \u2192 2025-05-20\n";
    CHECK(contains(dry.out, change));
    CHECK(contains(dry.out, "197011222000031001 Anwar Syah: baru\n"));
    CHECK(contains(dry.out, "1 akan ditambahkan, 1 akan diubah, 1 tetap"));
    CHECK(contains(dry.out, "Tidak ada yang ditulis (--dry-run).\n"));
    CHECK(cli.roster_csv() == before);

    auto real = cli({"roster", "import", next});
    INFO(real.err);
    REQUIRE(real.exit_code == 0);
    CHECK(contains(real.out, change));
    CHECK(contains(real.out, "impor #2 dari roster-2.csv"));
    CHECK(contains(real.out, "1 ditambahkan, 1 diubah, 1 tetap"));
    const std::string after = cli.roster_csv();
    CHECK(count_lines(after) == 5);  // header, 4 officials: Yusuf was not in the file and stays
    CHECK(contains(after, "\"'197603152005011002\",\"Drs. Hendra Gunawan, M.Si.\",jpt_pratama,Kepala Bappeda,Bappeda,"));
    CHECK(contains(after, "\"'196602011990031003\",Ir. Yusuf Hakim"));

    auto same = cli({"roster", "import", next});
    REQUIRE(same.exit_code == 0);
    CHECK(contains(same.out, "0 ditambahkan, 0 diubah, 3 tetap"));
}

TEST_CASE("roster import: what is not there", "[cli][roster]") {
    Cli cli;
    auto missing = cli({"roster", "import", "nowhere.csv"});
    CHECK(missing.exit_code == 4);
    CHECK(contains(missing.err, "berkas nowhere.csv tidak ada"));

    TempDir empty;
    auto no_db = alur::test::run("cd " + shell_quote(empty.path().string()) + " && env -u ALUR_DB -u ALUR_CONFIG " +
                                 shell_quote(alur_bin) + " roster list");
    CHECK(no_db.exit_code == 4);

    auto none = cli({"roster", "list"});
    REQUIRE(none.exit_code == 0);
    CHECK(none.out == "(roster kosong)\n");
    CHECK(cli({"roster", "list", "--format", "json"}).out == "[]\n");
}

TEST_CASE("roster import: a 50 000-row file", "[cli][roster][large]") {
    using namespace std::chrono;
    Cli cli;
    const char* grades[] = {"jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "fungsional",
                            "pelaksana"};
    constexpr int rows = 50'000;
    std::string text = header;
    text.reserve(static_cast<std::size_t>(rows) * 120);
    const sys_days first{year{1960} / January / 1};
    for (int i = 0; i < rows; ++i) {
        // Unique NIPs: 9 000 birth dates (1960-1984) x serials 001-006.
        const year_month_day birth{first + days{i % 9000}};
        const int born = static_cast<int>(birth.year());
        char nip[64];
        std::snprintf(nip, sizeof nip, "%04d%02u%02u%04d%02d%d%03d", born, static_cast<unsigned>(birth.month()),
                      static_cast<unsigned>(birth.day()), born + 22, i % 12 + 1, i % 2 + 1, i / 9000 + 1);
        char dates[64];
        std::snprintf(dates, sizeof dates, "%04d-%02d-01,%04d-%02u-%02u", born + 30, i % 12 + 1, born,
                      static_cast<unsigned>(birth.month()), static_cast<unsigned>(birth.day()));
        text += std::string(nip) + ",Pegawai " + std::to_string(i) + "," + grades[i % 7] + ",Jabatan " +
                std::to_string(i % 300) + ",Dinas " + std::to_string(i % 40) + "," + dates + "\n";
    }
    const std::string file = cli.file("big.csv", text);

    const auto start = steady_clock::now();
    auto r = cli({"roster", "import", file});
    const auto took = duration_cast<milliseconds>(steady_clock::now() - start);
    INFO(r.err.substr(0, 2000));
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "50000 ditambahkan, 0 diubah, 0 tetap"));
    CHECK(r.err.empty());  // no progress bar: stderr is not a terminal
    INFO("50 000-row roster import: " << took.count() << " ms");
    CHECK(took < seconds(30));  // about 1 s on a laptop

    CHECK(count_lines(cli.roster_csv()) == rows + 1);
    auto unit = cli({"roster", "list", "--unit", "Dinas 7", "--format", "json"});
    REQUIRE(unit.exit_code == 0);
    CHECK(boost::json::parse(unit.out).as_array().size() == rows / 40);
}
