// Job fit through the real `alur` binary, as a province's BKD runs it: the
// roster imported from a spreadsheet, one batch opening a case per JPT less
// those inaugurated too recently, every official scored on the Bengkulu 2021
// profile (paper + interview 40 %, track record + performance contract
// 60 %), the batch report ranked, the results sent to the oversight body,
// and the PPK's review of the three outcomes (a rotate opens a mutation case).
#include "jobfit_cli.hpp"
#include "roster_rows.hpp"
#include "scenario_cli.hpp"

#include <boost/json.hpp>

#include <array>
#include <cstdio>
#include <map>
#include <set>

using alur::scenario::Cli;
using alur::scenario::jobfit::advance;
using alur::scenario::jobfit::contains;
using alur::scenario::jobfit::nip_of;

namespace {

struct Official {
    std::string nip, name, post, unit, inaugurated, birth;
    std::array<int, 4> scores;  // paper, interview, track_record, performance_contract
};

/// Bengkulu province, 2021: 32 JPT Pratama heads of OPD (7 of them inaugurated
/// in April 2021) and 3 officials below JPT whom a job fit does not concern.
std::vector<Official> province() {
    std::vector<Official> out;
    for (int i = 0; i < 32; ++i) {
        const bool april = i >= 25;  // the last 7 were inaugurated in April 2021
        char birth[9], inaugurated[11], unit[32];
        std::snprintf(birth, sizeof birth, "19%02d%02d%02d", 66 + i % 14, 1 + i % 12, 1 + i % 28);
        std::snprintf(inaugurated, sizeof inaugurated, april ? "2021-04-%02d" : "2018-%02d-03", april ? 5 + i - 25 : 1 + i % 12);
        std::snprintf(unit, sizeof unit, "OPD %02d", i + 1);
        // Totals fall from the top (keep) through the middle (rotate) to the bottom (develop).
        const int base = 92 - i;
        out.push_back({nip_of(birth, i + 1), "Pejabat " + std::to_string(i + 1), "Kepala " + std::string(unit),
                       unit, inaugurated, std::string(birth).insert(4, "-").insert(7, "-"),
                       {base, base - 2, base + 1, base - 1}});
    }
    return out;
}

/// The officials, then an administrator (not part of a job fit).
std::string roster_csv(const std::vector<Official>& officials) {
    return alur::scenario::jobfit::jpt_roster_csv(officials, alur::test::roster_rows::rina);
}

}  // namespace

TEST_CASE("a province's job fit of 32 JPT: 7 excluded, 25 scored 40/60, ranked and sent for recommendation",
          "[scenario][jobfit]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const auto officials = province();
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << roster_csv(officials);
    auto imported = cli({"roster", "import", csv});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);

    // The batch: its id alone on the first line, then who was opened and who excluded, with why.
    auto started = cli({"jobfit", "start", "--as-of", "2021-10-01", "--at", "2021-10-04 09:00", "--actor", "tim_bkd"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    REQUIRE(started.out.rfind("JF-2021-001\n", 0) == 0);
    CHECK(contains(started.out, "Dibuka 25 kasus (profil bengkulu_2021, tanggal acuan 2021-10-01):"));
    CHECK(contains(started.out, "Dikecualikan 7 pejabat:"));
    // In Indonesian (the default), dates as the agency writes them and the citation as pasal.
    const auto dmy = [](const std::string& iso) { return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4); };
    for (int i = 25; i < 32; ++i)
        CHECK(contains(started.out, officials[i].nip + "  " + officials[i].name + "  " + officials[i].post +
                                        ": dilantik " + dmy(officials[i].inaugurated) +
                                        ", kurang dari 24 bulan sebelum tanggal batch 01/10/2021 ("));
    CHECK_FALSE(contains(started.out, "less than 24 months"));
    CHECK_FALSE(contains(started.out, "Rina Marlina"));

    // The report's exclusions: Indonesian by default, English with --lang en (the stored reason).
    auto report_id = cli({"jobfit", "report", "JF-2021-001"});
    REQUIRE(report_id.exit_code == 0);
    CHECK(contains(report_id.out, officials[25].nip + "  " + officials[25].name + "  " + officials[25].post +
                                      ": dilantik " + dmy(officials[25].inaugurated) + ", kurang dari 24 bulan"));
    auto report_en = cli({"--lang", "en", "jobfit", "report", "JF-2021-001"});
    REQUIRE(report_en.exit_code == 0);
    for (int i = 25; i < 32; ++i)
        CHECK(contains(report_en.out, officials[i].nip + "  " + officials[i].name + "  " + officials[i].post +
                                          ": inaugurated " + officials[i].inaugurated +
                                          ", less than 24 months before the batch date 2021-10-01"));
    CHECK_FALSE(contains(report_en.out, "kurang dari"));

    // Every included official is scored on the four components of bengkulu_2021.
    auto report = cli.json({"jobfit", "report", "JF-2021-001", "--format", "json"});
    const auto& rows = report.at("officials").as_array();
    REQUIRE(rows.size() == 25);
    CHECK(report.at("excluded").as_array().size() == 7);
    std::map<std::string, const Official*> by_nip;
    for (const auto& o : officials) by_nip[o.nip] = &o;
    for (const auto& row : rows) {
        const std::string id(row.at("case").as_string());
        const Official& o = *by_nip.at(std::string(row.at("nip").as_string()));
        CHECK(row.at("state").as_string() == "assessment");
        const char* components[] = {"paper", "interview", "track_record", "performance_contract"};
        for (int c = 0; c < 4; ++c)
            advance(cli, {id, "score_recorded", std::string("component=") + components[c],
                          "value=" + std::to_string(o.scores[c]), "--at", "2021-10-11 10:00"});
        advance(cli, {id, "assessment_completed", "--at", "2021-10-12 10:00"});
        advance(cli, {id, "panel_reported", "ref=BA/PANSEL/2021/" + id, "summary=hasil uji kompetensi",
                      "--at", "2021-10-13 10:00"});
        advance(cli, {id, "recommendation_requested", "ref=800/1021/BKD/2021", "--at", "2021-10-14 10:00"});
    }

    // The report: components, total (40/60), rank and outcome of each official.
    report = cli.json({"jobfit", "report", "JF-2021-001", "--format", "json"});
    std::map<std::string, int> outcomes;
    double previous = 101;
    int expected_rank = 0;
    for (const auto& row : report.at("officials").as_array()) {
        const Official& o = *by_nip.at(std::string(row.at("nip").as_string()));
        const double total = row.at("total").to_number<double>();
        const double weighted = 0.2 * o.scores[0] + 0.2 * o.scores[1] + 0.3 * o.scores[2] + 0.3 * o.scores[3];
        CHECK(total == Approx(weighted).margin(0.005));
        CHECK(total <= previous);  // ranked, highest first
        previous = total;
        CHECK(row.at("rank").as_int64() == ++expected_rank);
        CHECK(row.at("state").as_string() == "recommendation");
        const std::string outcome(row.at("outcome").as_string());
        CHECK(outcome == (total >= 80 ? "keep" : total >= 68 ? "rotate" : "develop"));
        ++outcomes[outcome];
    }
    CHECK(outcomes.size() == 3);
    CHECK(outcomes["keep"] + outcomes["rotate"] + outcomes["develop"] == 25);

    // 2021: the oversight body was KASN.
    const std::string first(report.at("officials").as_array()[0].at("case").as_string());
    auto shown = cli.json({"show", first, "--json"});
    CHECK(shown.at("data").at("recommendation").at("request").at("body").as_string() == "KASN");

    // The table and CSV say the same.
    auto table = cli({"jobfit", "report", "JF-2021-001"});
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "Angkatan JF-2021-001 (tanggal acuan 2021-10-01, profil bengkulu_2021, seluruh instansi)"));
    CHECK(contains(table.out, "Dikecualikan 7 pejabat:"));
    auto csv_report = cli({"jobfit", "report", "JF-2021-001", "--format", "csv"});
    REQUIRE(csv_report.exit_code == 0);
    CHECK(csv_report.out.rfind("PERINGKAT,KASUS,NIP,NAMA,JABATAN,interview,paper,performance_contract,track_record,"
                               "TOTAL,HASIL,STATUS,KASUS TERKAIT,DIKECUALIKAN\r\n",
                               0) == 0);
    std::size_t lines = 0;
    for (char c : csv_report.out) lines += c == '\n';
    CHECK(lines == 1 + 25 + 7);
}

TEST_CASE("the PPK's review of the three outcomes: only an approved rotate opens a mutation case",
          "[scenario][jobfit]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    // Three officials, one per outcome on meranti_2022 (assessment center 25, paper 20, interview 35, track record 20).
    std::vector<Official> three{
        {nip_of("19700315", 1), "Drs. Keep", "Kepala Dinas Pendidikan", "Dinas Pendidikan", "2019-01-07", "1970-03-15",
         {90, 85, 88, 86}},
        {nip_of("19720420", 2), "Ir. Rotate", "Kepala Dinas PUPR", "Dinas PUPR", "2019-02-04", "1972-04-20",
         {75, 70, 72, 70}},
        {nip_of("19740525", 3), "Dra. Develop", "Kepala Dinas Sosial", "Dinas Sosial", "2019-03-04", "1974-05-25",
         {60, 55, 62, 58}},
    };
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << roster_csv(three);
    REQUIRE(cli({"roster", "import", csv}).exit_code == 0);
    auto started = cli({"jobfit", "start", "--as-of", "2022-08-01", "--profile", "meranti_2022", "--at",
                        "2022-08-01 09:00"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    REQUIRE(started.out.rfind("JF-2022-001\n", 0) == 0);
    CHECK(contains(started.out, "Dikecualikan 0 pejabat:"));

    auto report = cli.json({"jobfit", "report", "JF-2022-001", "--format", "json"});
    std::map<std::string, std::string> case_of;  // name -> case
    for (const auto& row : report.at("officials").as_array())
        case_of[std::string(row.at("name").as_string())] = std::string(row.at("case").as_string());
    REQUIRE(case_of.size() == 3);
    for (const auto& o : three) {
        const std::string& id = case_of.at(o.name);
        const char* components[] = {"assessment_center", "paper", "interview", "track_record"};
        for (int c = 0; c < 4; ++c)
            advance(cli, {id, "score_recorded", std::string("component=") + components[c],
                          "value=" + std::to_string(o.scores[c]), "--at", "2022-08-08 10:00"});
        advance(cli, {id, "assessment_completed", "--at", "2022-08-09 10:00"});
        advance(cli, {id, "panel_reported", "ref=BA/2022", "summary=-", "--at", "2022-08-10 10:00"});
        advance(cli, {id, "recommendation_requested", "ref=800/2022", "--at", "2022-08-11 10:00"});
        advance(cli, {id, "recommendation_received", "decision=approve", "ref=B-2022/KASN", "--at", "2022-08-25 10:00"});
    }
    report = cli.json({"jobfit", "report", "JF-2022-001", "--format", "json"});
    std::map<std::string, std::string> outcome_of;
    for (const auto& row : report.at("officials").as_array())
        outcome_of[std::string(row.at("name").as_string())] = std::string(row.at("outcome").as_string());
    CHECK(outcome_of == std::map<std::string, std::string>{
                            {"Drs. Keep", "keep"}, {"Ir. Rotate", "rotate"}, {"Dra. Develop", "develop"}});

    for (const auto& o : three) {
        const std::string out = advance(cli, {case_of.at(o.name), "ppk_reviewed", "decision=approve",
                                              "sk_number=800/2022/" + o.name, "--at", "2022-09-05 10:00"},
                                        "ppk");
        CHECK(contains(out, case_of.at(o.name) + ": ppk_review -> closed"));
        CHECK(contains(out, "MUT-000001 dibuka (mutation, ppk_decision)") == (o.name == "Ir. Rotate"));
    }

    // The rotated official's mutation case names its origin and the report links it.
    auto mutation = cli.json({"show", "MUT-000001", "--json"});
    CHECK(mutation.at("data").at("origin").as_string() == case_of.at("Ir. Rotate"));
    CHECK(mutation.at("data").at("official").at("nip").as_string() == three[1].nip);
    CHECK(mutation.at("state").as_string() == "ppk_decision");  // the job fit's assessment stands for the move
    CHECK(mutation.at("data").at("assessment").at("outcome").as_string() == "rotate");
    report = cli.json({"jobfit", "report", "JF-2022-001", "--format", "json"});
    for (const auto& row : report.at("officials").as_array()) {
        CHECK(row.at("state").as_string() == "closed");
        const bool rotated = row.at("name").as_string() == "Ir. Rotate";
        CHECK(row.at("linked_case").is_null() == !rotated);
        if (rotated) CHECK(row.at("linked_case").as_string() == "MUT-000001");
        if (rotated) CHECK(row.at("linked_cases").at(0).at("id").as_string() == "MUT-000001");
    }

    // Two-way links: where the mutation came from, what the job fit opened; in show as well.
    const std::string rotated = case_of.at("Ir. Rotate");
    auto up = cli.json({"cases", "linked", "MUT-000001", "--json"});
    REQUIRE(up.at("came_from").as_array().size() == 1);
    CHECK(up.at("came_from").at(0).at("id").as_string() == rotated);
    CHECK(up.at("came_from").at(0).at("workflow").as_string() == "job_fit");
    CHECK(up.at("opened").as_array().empty());
    auto down = cli.json({"cases", "linked", rotated, "--json"});
    CHECK(down.at("came_from").as_array().empty());
    REQUIRE(down.at("opened").as_array().size() == 1);
    CHECK(down.at("opened").at(0).at("id").as_string() == "MUT-000001");
    CHECK(cli.json({"cases", "linked", case_of.at("Drs. Keep"), "--json"}).at("opened").as_array().empty());
    auto table = cli({"cases", "linked", rotated});
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "Berasal dari:\n    (tidak ada)"));
    CHECK(contains(table.out, "Membuka:\n    MUT-000001  mutation  " + std::string(mutation.at("state").as_string())));
    auto shown = cli({"show", "MUT-000001"});
    CHECK(contains(shown.out, "Kasus terkait:\n  Berasal dari:\n    " + rotated + "  job_fit  closed"));
    CHECK(mutation.at("linked").at("came_from").at(0).at("id").as_string() == rotated);
    CHECK(cli({"cases", "linked", "MUT-999999"}).exit_code == 4);
    auto listed = cli.json({"list", "--origin", rotated, "--json"}).as_array();
    REQUIRE(listed.size() == 1);
    CHECK(listed.at(0).at("id").as_string() == "MUT-000001");
    CHECK(listed.at(0).at("origin").as_string() == rotated);
    auto csv_report = cli({"jobfit", "report", "JF-2022-001", "--format", "csv"});
    CHECK(contains(csv_report.out, "MUT-000001 (mutation)"));
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("jobfit start and report refuse bad input and write nothing", "[scenario][jobfit]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    auto empty = cli({"jobfit", "start", "--as-of", "2021-10-01"});
    CHECK(empty.exit_code == 2);
    CHECK(contains(empty.err, "tidak ada pejabat JPT untuk diuji di seluruh instansi (0 dikecualikan)"));

    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << alur::test::roster_rows::header << alur::test::roster_rows::yusuf;
    REQUIRE(cli({"roster", "import", csv}).exit_code == 0);
    auto bad_date = cli({"jobfit", "start", "--as-of", "2021-02-30"});
    CHECK(bad_date.exit_code == 2);
    CHECK(contains(bad_date.err, "--as-of: \"2021-02-30\""));
    auto bad_profile = cli({"--lang", "en", "jobfit", "start", "--as-of", "2021-10-01", "--profile", "bengkulu"});
    CHECK(bad_profile.exit_code == 2);
    CHECK(contains(bad_profile.err, "--profile: no scoring profile \"bengkulu\" (profiles: bengkulu_2021, meranti_2022"));
    auto missing = cli({"jobfit", "start"});
    CHECK(missing.exit_code == 2);

    auto dry = cli({"jobfit", "start", "--as-of", "2021-10-01", "--dry-run"});
    REQUIRE(dry.exit_code == 0);
    CHECK(contains(dry.out, "Akan dibuka 1 kasus"));
    CHECK(cli.json({"list", "--json"}).as_array().empty());

    auto unknown = cli({"jobfit", "report", "JF-2021-009"});
    CHECK(unknown.exit_code == 4);
    auto bad_format = cli({"jobfit", "report", "JF-2021-001", "--format", "xml"});
    CHECK(bad_format.exit_code == 2);
    // The dry run reserved no batch id: the first real batch is still 001.
    auto real = cli({"jobfit", "start", "--as-of", "2021-10-01"});
    REQUIRE(real.exit_code == 0);
    CHECK(real.out.rfind("JF-2021-001\n", 0) == 0);
}
