// Performance reviews through the real `alur` binary, as two agencies ran them.
//
// Bogor 2020: the regent inaugurates seven heads of OPD chosen by open
// selection and has each sign a performance contract (perjanjian kinerja).
// One of them misses the contract's targets after a year in the post, gets
// six months to improve (UU 5/2014 art. 118), misses again, takes the
// competency test again (a linked job fit) and is moved to a lower post
// (a linked mutation case).
//
// Cilegon 2022: the SKP ratings of one unit's officials; a `kurang` leads to
// the TPP cut the mayor's regulation sets (configured) and a proposal to move
// the official (a linked mutation case).
//
// After each story `audit verify` passes, and every case rebuilt from its
// events (`audit replay`) equals its projection (`show`).
#include "roster_rows.hpp"
#include "scenario_cli.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <map>

using alur::scenario::Cli;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A valid NIP: born on `birth` (YYYYMMDD), appointed March 2000, serial `serial`.
std::string nip_of(const std::string& birth, int serial) {
    char tail[16];
    std::snprintf(tail, sizeof tail, "2000031%03d", serial);
    return birth + tail;
}

/// `alur advance` that must succeed; returns its stdout.
std::string advance(const Cli& cli, const std::vector<std::string>& args, const std::string& role = "admin") {
    std::vector<std::string> all{"advance"};
    all.insert(all.end(), args.begin(), args.end());
    for (const std::string a : {"--actor", role == "ppk" ? "bupati" : "tim_bkpsdm", "--role", role.c_str(),
                                "--reason", "penilaian kinerja"})
        all.push_back(a);
    auto r = cli(all);
    INFO(cli.line(all) << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

struct Official {
    std::string nip, name, grade, post, unit, inaugurated, birth;
};

std::string roster_csv(const std::vector<Official>& officials) {
    std::string csv = alur::test::roster_rows::header;
    for (const auto& o : officials)
        csv += o.nip + ",\"" + o.name + "\"," + o.grade + "," + o.post + "," + o.unit + "," + o.inaugurated + "," +
               o.birth + "\n";
    return csv;
}

void import_roster(const Cli& cli, const std::vector<Official>& officials) {
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << roster_csv(officials);
    auto imported = cli({"roster", "import", csv});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
}

/// The case ids `review start` printed, by NIP.
std::map<std::string, std::string> cases_of(const Cli& cli, int year) {
    std::map<std::string, std::string> out;
    const auto report = cli.json({"review", "report", "--year", std::to_string(year), "--format", "json"});
    for (const auto& row : report.at("officials").as_array())
        out[std::string(row.at("nip").as_string())] = std::string(row.at("case").as_string());
    return out;
}

/// The two targets of every contract here: T1 weight 60 of 100 (percent), T2 weight 40 of 12 (units).
void sign(const Cli& cli, const std::string& id, const std::string& at) {
    advance(cli, {id, "target_set", "target=T1", "indicator=capaian program prioritas", "target_value=100",
                  "weight=60", "measure=persen", "--at", at});
    advance(cli, {id, "target_set", "target=T2", "indicator=kegiatan strategis selesai", "target_value=12",
                  "weight=40", "measure=kegiatan", "--at", at});
    advance(cli, {id, "contract_signed", "signed_on=" + at.substr(0, 10), "ref=PK/" + id, "--at", at});
}

void achieve(const Cli& cli, const std::string& id, int t1, int t2, const std::string& at) {
    advance(cli, {id, "achievement_recorded", "target=T1", "value=" + std::to_string(t1), "--at", at});
    advance(cli, {id, "achievement_recorded", "target=T2", "value=" + std::to_string(t2), "--at", at});
}

/// Replay from the events equals the projection, for each case.
void check_replays(const Cli& cli, const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        INFO(id);
        auto replay = cli.json({"audit", "replay", id, "--json"});
        auto shown = cli.json({"show", id, "--json"});
        CHECK(replay.at("data") == shown.at("data"));
        CHECK(replay.at("state") == shown.at("state"));
    }
}

/// Bogor, 2020: seven heads of OPD inaugurated on 6 January 2020 after open selection.
std::vector<Official> bogor_heads() {
    const char* posts[] = {"Kepala Dinas Pekerjaan Umum", "Kepala Dinas Kesehatan", "Kepala Dinas Pendidikan",
                           "Kepala Dinas Perhubungan", "Kepala Badan Pendapatan Daerah", "Kepala Dinas Sosial",
                           "Kepala Dinas Pariwisata"};
    std::vector<Official> out;
    for (int i = 0; i < 7; ++i) {
        char birth[9];
        std::snprintf(birth, sizeof birth, "19%02d%02d%02d", 68 + i, 2 + i, 3 + i);
        const std::string post = posts[i];
        out.push_back({nip_of(birth, i + 1), "Kepala OPD " + std::to_string(i + 1), "jpt_pratama", post,
                       post.substr(7), "2020-01-06", std::string(birth).insert(4, "-").insert(7, "-")});
    }
    return out;
}

}  // namespace

TEST_CASE("Bogor 2020 seven heads sign performance contracts and one who misses twice is re-tested and moved",
          "[scenario][review]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const auto heads = bogor_heads();
    import_roster(cli, heads);

    // One case per head for 2020, the batch id alone on the first line.
    auto started = cli({"review", "start", "--year", "2020", "--grade", "jpt_pratama", "--at", "2020-01-08 09:00",
                        "--actor", "tim_bkpsdm"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    REQUIRE(started.out.rfind("PK-2020\n", 0) == 0);
    CHECK(contains(started.out, "Dibuka 7 kasus penilaian kinerja tahun 2020 (0 sudah ada):"));
    // Run again: nothing new (resumable, no second case for anyone).
    auto again = cli({"review", "start", "--year", "2020", "--at", "2020-01-08 09:30"});
    REQUIRE(again.exit_code == 0);
    CHECK(contains(again.out, "Dibuka 0 kasus penilaian kinerja tahun 2020 (7 sudah ada):"));
    auto cases = cases_of(cli, 2020);
    REQUIRE(cases.size() == 7);

    // Every contract signed on 13 January 2020; six meet it in January 2021, the first head does not.
    const std::string missed = cases.at(heads[0].nip);
    for (const auto& [nip, id] : cases) {
        sign(cli, id, "2020-01-13 10:00");
        advance(cli, {id, "progress_recorded", "quarter=2", "target=T1", "value=45", "--at", "2020-07-06 10:00"});
        advance(cli, {id, "evaluation_started", "--at", "2021-01-11 09:00"});
        if (id == missed) achieve(cli, id, 70, 6, "2021-01-15 10:00");  // 42 + 20 = 62 %
        else achieve(cli, id, 100, 12, "2021-01-15 10:00");
        const std::string out =
            advance(cli, {id, "evaluated", id == missed ? "rating=butuh_perbaikan" : "rating=baik", "--at",
                          "2021-01-19 10:00"},
                    "ppk");
        CHECK(contains(out, id == missed ? "evaluation -> improvement" : "evaluation -> closed"));
    }

    // Six calendar months to improve: until 19 July 2021, the improvement state's deadline at 16:00.
    auto shown = cli.json({"show", missed, "--json"});
    CHECK(shown.at("state").as_string() == "improvement");
    CHECK(shown.at("data").at("achievement").to_number<double>() == 62);
    CHECK(shown.at("data").at("improvement").at("until").as_string() == "2021-07-19");
    CHECK(contains(std::string(shown.at("data").at("improvement").at("basis").as_string()), "UU 5/2014"));
    CHECK(contains(std::string(shown.at("due_at").as_string()), "2021-07-19"));
    auto early = cli({"--lang", "en", "advance", missed, "improvement_ended", "--at", "2021-07-12 09:00", "--actor",
                      "tim_bkpsdm", "--role", "admin", "--reason", "x"});
    CHECK(early.exit_code == 3);
    CHECK(contains(early.err, "the improvement period runs until 2021-07-19"));
    advance(cli, {missed, "improvement_ended", "--at", "2021-07-20 09:00"});

    // Still not met: the re-test opens a linked job fit in the same step.
    achieve(cli, missed, 85, 8, "2021-07-22 10:00");  // 51 + 26.67 = 77.67 %
    const std::string re = advance(cli, {missed, "re_evaluated", "rating=kurang", "--at", "2021-07-26 10:00"}, "ppk");
    CHECK(contains(re, "re_evaluation -> retest"));
    CHECK(contains(re, "JF-000001 dibuka (job_fit, assessment)"));
    auto jf = cli.json({"show", "JF-000001", "--json"});
    CHECK(jf.at("data").at("origin").as_string() == missed);
    CHECK(jf.at("data").at("official").at("nip").as_string() == heads[0].nip);

    // The re-test: below standard (develop), recommended, approved by the regent.
    const char* components[] = {"paper", "interview", "track_record", "performance_contract"};
    for (const char* c : components)
        advance(cli, {"JF-000001", "score_recorded", std::string("component=") + c, "value=60", "--at",
                      "2021-08-02 10:00"});
    advance(cli, {"JF-000001", "assessment_completed", "--at", "2021-08-02 11:00"});
    advance(cli, {"JF-000001", "panel_reported", "ref=BA/PANSEL/2021/07", "summary=di bawah standar", "--at",
                  "2021-08-03 10:00"});
    advance(cli, {"JF-000001", "recommendation_requested", "ref=800/812/BKPSDM", "--at", "2021-08-04 10:00"});
    advance(cli, {"JF-000001", "recommendation_received", "decision=approve", "ref=B-2021/KASN", "--at",
                  "2021-08-16 10:00"});
    const std::string reviewed = advance(cli, {"JF-000001", "ppk_reviewed", "decision=approve",
                                               "sk_number=800/77/2021", "--at", "2021-08-18 10:00"},
                                         "ppk");
    // The closing job fit tells the review in the same transaction.
    CHECK(contains(reviewed, "> " + missed + " dicatat: performance_review (move)"));
    shown = cli.json({"show", missed, "--json"});
    REQUIRE(shown.at("state").as_string() == "move");
    CHECK(shown.at("data").at("retest").at("outcome").as_string() == "develop");
    CHECK(shown.at("data").at("retest").at("assessment").at("total").to_number<double>() == 60);

    // The move the re-test allows: a lower post (develop), as a linked mutation case.
    auto wrong = cli({"--lang", "en", "advance", missed, "move_decided", "kind=another_post",
                      "target=Kepala Dinas Pertanian", "--at", "2021-08-23 10:00", "--actor", "bupati", "--role",
                      "ppk", "--reason", "x"});
    CHECK(wrong.exit_code == 3);
    CHECK(contains(wrong.err, "the move is lower_post, not another_post"));
    const std::string moved = advance(cli, {missed, "move_decided", "kind=lower_post",
                                            "target=Sekretaris Dinas Pekerjaan Umum", "sk_number=821/90/2021",
                                            "--at", "2021-08-23 10:00"},
                                      "ppk");
    CHECK(contains(moved, "move -> moved"));
    CHECK(contains(moved, "MUT-000001 dibuka (mutation,"));
    auto mutation = cli.json({"show", "MUT-000001", "--json"});
    CHECK(mutation.at("data").at("origin").as_string() == missed);
    CHECK(mutation.at("data").at("official").at("nip").as_string() == heads[0].nip);

    // The year's report: every head, the one moved with the whole path and both linked cases.
    auto report = cli.json({"review", "report", "--year", "2020", "--format", "json"});
    const auto& rows = report.at("officials").as_array();
    REQUIRE(rows.size() == 7);
    int closed = 0;
    for (const auto& row : rows) {
        if (row.at("case").as_string() != missed) {
            closed += row.at("state").as_string() == "closed";
            CHECK(row.at("achievement").to_number<double>() == 100);
            CHECK(row.at("linked_cases").as_array().empty());
            continue;
        }
        CHECK(row.at("state").as_string() == "moved");
        CHECK(row.at("rating").as_string() == "kurang");
        std::string cons;
        for (const auto& c : row.at("consequences").as_array()) cons += std::string(c.as_string()) + ";";
        CHECK(cons == "improvement until 2021-07-19;retest;move lower_post;");
        CHECK(row.at("linked_cases") == boost::json::array{"JF-000001", "MUT-000001"});
    }
    CHECK(closed == 6);
    auto table = cli({"review", "report", "--year", "2020"});
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "Penilaian kinerja tahun 2020: 7 kasus"));
    CHECK(contains(table.out, "JF-000001 MUT-000001"));

    CHECK(cli({"audit", "verify"}).exit_code == 0);
    std::vector<std::string> all{"JF-000001", "MUT-000001"};
    for (const auto& [nip, id] : cases) all.push_back(id);
    check_replays(cli, all);
}

TEST_CASE("Cilegon 2022 a unit's SKP ratings and a kurang leads to the configured TPP cut and a move proposal",
          "[scenario][review]") {
    Cli cli(alur::scenario::file_channel_config + R"(
[performance_review.ratings.kurang]
tpp_cut_percent = 25
tpp_cut_months = 6
coaching = true
move_proposal = true
)");
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string unit = "Dinas Perindustrian dan Perdagangan";
    std::vector<Official> staff{
        {nip_of("19750310", 11), "Hj. Siti Aminah, S.E.", "administrator", "Sekretaris Dinas", unit, "2019-02-04", "1975-03-10"},
        {nip_of("19800522", 12), "Dedi Supriadi, S.T.", "administrator", "Kepala Bidang Perdagangan", unit, "2020-03-02", "1980-05-22"},
        {nip_of("19830817", 13), "Rudi Hartono, S.Sos.", "pengawas", "Kepala Seksi Pasar", unit, "2020-06-01", "1983-08-17"},
        {nip_of("19820112", 14), "Nurul Huda, A.Md.", "pengawas", "Kepala Subbagian Umum", unit, "2021-01-04", "1982-01-12"},
        {nip_of("19810905", 15), "Agus Salim", "pelaksana", "Pengadministrasi Umum", unit, "2018-07-02", "1981-09-05"},
        {nip_of("19780101", 16), "Ir. Lain Unit", "administrator", "Sekretaris Dinas", "Dinas Kesehatan", "2019-02-04", "1978-01-01"},
    };
    import_roster(cli, staff);
    auto started = cli({"review", "start", "--year", "2022", "--unit", unit, "--at", "2022-01-10 09:00"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    CHECK(contains(started.out, "Dibuka 5 kasus penilaian kinerja tahun 2022 (0 sudah ada):"));
    CHECK_FALSE(contains(started.out, "Ir. Lain Unit"));
    auto cases = cases_of(cli, 2022);
    REQUIRE(cases.size() == 5);

    // The year's ratings: T1 and T2 realised, then the PPK's rating.
    const std::map<std::string, std::tuple<int, int, std::string>> results{
        {staff[0].nip, {100, 12, "sangat_baik"}}, {staff[1].nip, {100, 11, "baik"}}, {staff[2].nip, {95, 12, "baik"}},
        {staff[3].nip, {80, 9, "butuh_perbaikan"}}, {staff[4].nip, {60, 5, "kurang"}}};
    for (const auto& [nip, id] : cases) {
        const auto& [t1, t2, rating] = results.at(nip);
        sign(cli, id, "2022-01-17 10:00");
        advance(cli, {id, "evaluation_started", "--at", "2023-01-09 09:00"});
        achieve(cli, id, t1, t2, "2023-01-12 10:00");
        advance(cli, {id, "evaluated", "rating=" + rating, "--at", "2023-01-16 10:00"}, "ppk");
    }
    const std::string kurang = cases.at(staff[4].nip);
    const std::string coached = cases.at(staff[3].nip);
    auto shown = cli.json({"show", kurang, "--json"});
    CHECK(shown.at("state").as_string() == "follow_up");
    CHECK(shown.at("data").at("consequences").at("tpp_cut_percent").to_number<double>() == 25);
    CHECK(cli.json({"show", coached, "--json"}).at("state").as_string() == "follow_up");  // coaching (the default)

    // The TPP cut: only the configured percent (the mayor's regulation), then coaching and the move proposal.
    auto wrong = cli({"--lang", "en", "advance", kurang, "tpp_cut_decided", "percent=50", "from=2023-02-01",
                      "basis=Perwali Cilegon tentang TPP", "--at", "2023-01-18 10:00", "--actor", "walikota",
                      "--role", "ppk", "--reason", "x"});
    CHECK(wrong.exit_code == 3);
    CHECK(contains(wrong.err, "is 25 percent as the regional head's regulation sets it"));
    advance(cli, {kurang, "tpp_cut_decided", "from=2023-02-01", "basis=Perwali Cilegon tentang TPP", "--at",
                  "2023-01-18 10:00"},
            "ppk");
    advance(cli, {kurang, "coaching_recorded", "date=2023-01-19", "by=Kepala Dinas", "--at", "2023-01-19 10:00"});
    const std::string proposed = advance(
        cli, {kurang, "move_proposed", "target=Pengadministrasi Umum Kecamatan", "--at", "2023-01-20 10:00"}, "ppk");
    CHECK(contains(proposed, "MUT-000001 dibuka (mutation, record_gathering)"));
    advance(cli, {kurang, "follow_up_completed", "--at", "2023-01-23 10:00"});
    advance(cli, {coached, "coaching_recorded", "date=2023-01-19", "by=Sekretaris Dinas", "--at", "2023-01-19 11:00"});
    advance(cli, {coached, "follow_up_completed", "--at", "2023-01-23 10:00"});

    shown = cli.json({"show", kurang, "--json"});
    CHECK(shown.at("state").as_string() == "closed");
    CHECK(shown.at("data").at("tpp_cut").at("percent").to_number<double>() == 25);
    CHECK(shown.at("data").at("tpp_cut").at("months").as_int64() == 6);
    CHECK(cli.json({"show", "MUT-000001", "--json"}).at("data").at("origin").as_string() == kurang);

    auto report = cli.json({"review", "report", "--year", "2022", "--format", "json"});
    std::map<std::string, std::string> rating_of;
    for (const auto& row : report.at("officials").as_array()) {
        rating_of[std::string(row.at("nip").as_string())] = std::string(row.at("rating").as_string());
        CHECK(row.at("state").as_string() == "closed");
        if (row.at("case").as_string() == kurang) {
            std::string cons;
            for (const auto& c : row.at("consequences").as_array()) cons += std::string(c.as_string()) + ";";
            CHECK(cons == "tpp_cut 25% 6m;coaching;move_proposal;");
            CHECK(row.at("linked_cases") == boost::json::array{"MUT-000001"});
        }
    }
    CHECK(rating_of.size() == 5);
    CHECK(rating_of.at(staff[4].nip) == "kurang");
    CHECK(rating_of.at(staff[0].nip) == "sangat_baik");
    auto csv = cli({"--lang", "en", "review", "report", "--year", "2022", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("CASE,NIP,NAME,POST,UNIT,ACHIEVEMENT %,RATING,CONSEQUENCES,STATE,LINKED CASES\r\n", 0) == 0);

    CHECK(cli({"audit", "verify"}).exit_code == 0);
    std::vector<std::string> all{"MUT-000001"};
    for (const auto& [nip, id] : cases) all.push_back(id);
    check_replays(cli, all);
}

TEST_CASE("review start and report refuse bad input and write nothing", "[scenario][review]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    auto empty = cli({"review", "start", "--year", "2022"});
    CHECK(empty.exit_code == 2);
    CHECK(contains(empty.err, "tidak ada pegawai di roster"));
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << alur::test::roster_rows::header << alur::test::roster_rows::yusuf;
    REQUIRE(cli({"roster", "import", csv}).exit_code == 0);
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{"review", "start", "--year", "20x2"}, {"review", "start", "--year", "1999"},
          {"review", "start", "--year", "2022", "--grade", "kepala"}, {"review", "start"},
          {"review", "report", "--year", "2022", "--format", "xml"}, {"review", "report", "--year", "abc"}}) {
        auto r = cli(bad);
        INFO(cli.line(bad));
        CHECK(r.exit_code == 2);
    }
    CHECK(cli.json({"list", "--json"}).as_array().empty());
    auto none = cli.json({"review", "report", "--year", "2022", "--format", "json"});
    CHECK(none.at("officials").as_array().empty());
}

TEST_CASE("review start leaves out an official inaugurated after the cases' date and a later run takes them",
          "[scenario][review]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    auto heads = bogor_heads();
    heads.resize(2);
    heads[1].inaugurated = "2020-03-02";  // took the post after the first run's date
    import_roster(cli, heads);

    auto first = cli({"review", "start", "--year", "2020", "--at", "2020-01-08 09:00", "--actor", "tim_bkpsdm"});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(contains(first.out, "Dibuka 1 kasus penilaian kinerja tahun 2020 (0 sudah ada):"));
    CHECK(contains(first.out, heads[1].nip + "  " + heads[1].name + ": dilewati, dilantik pada jabatannya 2020-03-02 "
                                                                    "(setelah tanggal kasus 2020-01-08)"));
    CHECK(cases_of(cli, 2020).size() == 1);

    auto later = cli({"review", "start", "--year", "2020", "--at", "2020-03-09 09:00", "--actor", "tim_bkpsdm"});
    INFO(later.err);
    REQUIRE(later.exit_code == 0);
    CHECK(contains(later.out, "Dibuka 1 kasus penilaian kinerja tahun 2020 (1 sudah ada):"));
    CHECK_FALSE(contains(later.out, "dilewati"));
    const auto cases = cases_of(cli, 2020);
    CHECK(cases.size() == 2);
    CHECK(cases.count(heads[1].nip) == 1);
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}
