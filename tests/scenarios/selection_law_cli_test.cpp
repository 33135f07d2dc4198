// Open selection as PermenPAN-RB 15/2019 and PP 11/2017 as amended say, at the
// command line: the real `alur` binary on a fresh SQLite file.
//
// Stories and sources:
// - One pansel for seven posts: Kota Bogor's open selection of 2020 for seven
//   vacant heads of OPD (DPMPPA, Dinas Kesehatan, Kesbangpol, Satpol PP, DLH,
//   Disparbud, Diskominfostandi), 32 applicants, three names per post announced
//   by the pansel's letter 028/PANSEL.JPT-Bgr/2020 of Monday 9 March 2020
//   (Republika, "21 Nama Berebut Tujuh Kursi Kepala Dinas Bogor",
//   news.republika.co.id/berita/q6xow4327). The brief asked for Kabupaten
//   Bogor; its 2019-2020 selections found (six and eight posts, letter
//   001/pansel-I/KAB.BOGOR/2020, metropolitan.id) do not list seven posts, so
//   the seven are Kota Bogor's. The pansel decree's number, its members and
//   the applicants' names are illustrative.
// - A late applicant, an applicant applying to two posts, the oversight body's
//   approval to continue, the art. 107 requirements, and a post nobody applied
//   for, filled through a job fit: modeled on those seven posts, with
//   illustrative people and numbers.
// - An extension in working days across the Nyepi and Idul Fitri holidays of
//   March 2026 (data/holidays/2026.txt, SKB 3 Menteri): illustrative.
#include "scenario_cli.hpp"

#include "alur/workflows/legal_bases.hpp"

#include <boost/json/value.hpp>

#include <fstream>
#include <set>
#include <string>
#include <vector>

using alur::scenario::Cli;
using alur::test::RunResult;

namespace {

const std::string bogor_config = R"(
[agency]
name = "Pemerintah Kota Bogor"
timezone = "WIB"
)";

// The seven posts, one a line ("post | unit"), as an HR officer would keep them.
const std::string bogor_posts = R"(# Seleksi terbuka JPT Pratama Kota Bogor 2020
Kepala Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak | DPMPPA
Kepala Dinas Kesehatan | Dinas Kesehatan
Kepala Badan Kesatuan Bangsa dan Politik | Kesbangpol
Kepala Satuan Polisi Pamong Praja | Satpol PP
Kepala Dinas Lingkungan Hidup | DLH

Kepala Dinas Kebudayaan dan Pariwisata | Disparbud
Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian | Diskominfostandi
)";

std::vector<std::string> start_args(const std::string& posts_file) {
    return {"selection", "start", "--posts", posts_file, "--sk-number", "821.2/Kep.41-BKPSDA/2020", "--chair",
            "Sekretaris Daerah Kota Bogor", "--members", "Sekda; 2 akademisi IPB; Kepala BKD Provinsi Jawa Barat; KemenPAN-RB",
            "--member-count", "5", "--at", "2020-01-20 09:00", "--actor", "evandhy"};
}

RunResult advance(const Cli& cli, const std::string& id, const std::string& event, std::vector<std::string> args,
                  const std::string& at) {
    args.insert(args.begin(), {"advance", id, event});
    args.insert(args.end(), {"--actor", "evandhy", "--reason", "seleksi terbuka JPT Pratama", "--at", at});
    return cli(args);
}

void ok(const Cli& cli, const std::string& id, const std::string& event, const std::vector<std::string>& args,
        const std::string& at) {
    auto r = advance(cli, id, event, args, at);
    INFO(id << " " << event << ": " << r.err);
    REQUIRE(r.exit_code == 0);
}

void announce(const Cli& cli, const std::string& id, const std::string& closes, const std::string& on = "2020-01-27") {
    ok(cli, id, "announced",
       {"ref=011/PANSEL.JPT-Bgr/2020", "date=" + on, "registration_closes=" + closes, "min_rank=IV/a",
        "min_years_in_post=2", "max_age=56"},
       on + " 08:00");
}

struct Applicant {
    std::string nip, name, born;
    std::string education = "S2", experience = "8", admin_years = "3";
};

std::vector<std::string> registration(const Applicant& a) {
    std::vector<std::string> out{"nip=" + a.nip, "name=" + a.name, "current_post=Kepala Bagian", "rank=IV/a",
                                 "years_in_post=3", "birth_date=" + a.born, "disciplinary=none"};
    if (!a.education.empty()) out.push_back("education=" + a.education);
    if (!a.experience.empty()) out.push_back("years_related_experience=" + a.experience);
    if (!a.admin_years.empty()) out.push_back("years_in_admin_post=" + a.admin_years);
    return out;
}

const Applicant dewi{"197508172000122001", "dr. Dewi Anggraeni, M.Kes.", "1975-08-17"};
const Applicant rahmat{"197702142002121002", "Rahmat Hidayat, S.Sos., M.Si.", "1977-02-14"};
const Applicant sri{"197811202003122003", "Dra. Sri Wahyuni, M.M.", "1978-11-20"};
const Applicant agus{"198005052005011004", "Agus Setiawan, S.T., M.T.", "1980-05-05"};

std::vector<std::string> case_ids(const std::string& out) {
    std::vector<std::string> ids;
    std::size_t at = 0;
    while ((at = out.find("SEL-", at)) != std::string::npos) {
        if (at == 0 || out[at - 1] == '\n') ids.push_back(out.substr(at, 10));
        at += 4;
    }
    return ids;
}

/// `alur selection start` for the seven posts; returns their case ids in file order.
std::vector<std::string> start_bogor(const Cli& cli) {
    const std::string file = (cli.dir / "posts.txt").string();
    std::ofstream(file) << bogor_posts;
    auto r = cli(start_args(file));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return case_ids(r.out);
}

}  // namespace

TEST_CASE("Kota Bogor 2020: one pansel for seven JPT pratama posts, one case each", "[scenario][cli][selection_law]") {
    Cli cli(bogor_config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string file = (cli.dir / "posts.txt").string();
    std::ofstream(file) << bogor_posts;

    // A decree the workflow refuses (an even pansel) opens nothing, for any post.
    auto even = start_args(file);
    even[even.size() - 5] = "6";  // --member-count
    auto refused = cli(even);
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("Kepala Dinas Pemberdayaan Masyarakat") != std::string::npos);
    CHECK(refused.err.find("odd number of members, at least 5 and at most 9 (got 6)") != std::string::npos);
    CHECK(cli.json({"list", "--json"}).as_array().empty());

    auto started = cli(start_args(file));
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    const auto ids = case_ids(started.out);
    REQUIRE(ids.size() == 7);
    CHECK(ids.front() == "SEL-000001");
    CHECK(ids.back() == "SEL-000007");
    CHECK(started.out.find("SEL-000002  Kepala Dinas Kesehatan (Dinas Kesehatan)\n") != std::string::npos);
    CHECK(started.out.find("7 kasus seleksi terbuka dibuka dengan satu pansel (SK 821.2/Kep.41-BKPSDA/2020)") !=
          std::string::npos);
    std::set<std::string> units;
    for (const auto& id : ids) {
        auto shown = cli.json({"show", id, "--json"});
        CHECK(shown.at("state").as_string() == "announcement");
        CHECK(shown.at("data").at("pansel").at("sk_number").as_string() == "821.2/Kep.41-BKPSDA/2020");
        CHECK(shown.at("data").at("pansel").at("member_count").to_number<int>() == 5);
        units.insert(std::string(shown.at("data").at("unit").as_string()));
    }
    CHECK(units.size() == 7);
    CHECK(units.count("Diskominfostandi") == 1);

    // The same command again (after a crash, say) answers the cases it opened: still seven.
    auto again = cli(start_args(file));
    REQUIRE(again.exit_code == 0);
    CHECK(case_ids(again.out) == ids);
    CHECK(cli.json({"list", "--json"}).as_array().size() == 7);

    // Posts given on the command line share --unit; a post named twice is bad input (2), nothing opened.
    auto twice = cli({"selection", "start", "--posts", "Staf Ahli Bidang Pemerintahan", "Staf Ahli Bidang Pemerintahan",
                      "--unit", "Sekretariat Daerah", "--sk-number", "821.2/Kep.42-BKPSDA/2020", "--chair", "Sekda",
                      "--members", "5 orang", "--member-count", "5", "--at", "2020-01-21 09:00"});
    CHECK(twice.exit_code == 2);
    CHECK(twice.err.find("--posts: jabatan 'Staf Ahli Bidang Pemerintahan' (Sekretariat Daerah) disebut dua kali") !=
          std::string::npos);
    auto no_unit = cli({"selection", "start", "--posts", "Staf Ahli Bidang Ekonomi", "--sk-number", "x", "--chair",
                        "Sekda", "--members", "5 orang", "--member-count", "5"});
    CHECK(no_unit.exit_code == 2);
    auto two = cli({"--lang", "en", "selection", "start", "--posts", "Staf Ahli Bidang Pemerintahan", "Staf Ahli Bidang Ekonomi",
                    "--unit", "Sekretariat Daerah", "--sk-number", "821.2/Kep.42-BKPSDA/2020", "--chair", "Sekda",
                    "--members", "Sekda; 4 akademisi", "--member-count", "5", "--at", "2020-01-21 09:00"});
    INFO(two.err);
    REQUIRE(two.exit_code == 0);
    CHECK(case_ids(two.out) == std::vector<std::string>{"SEL-000008", "SEL-000009"});
    CHECK(two.out.find("2 open selection cases opened with one pansel (decree 821.2/Kep.42-BKPSDA/2020)") !=
          std::string::npos);
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("Bogor: a late applicant is refused, one applicant applies to two posts", "[scenario][cli][selection_law]") {
    Cli cli(bogor_config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const auto ids = start_bogor(cli);
    const std::string& dinkes = ids[1];
    const std::string& dlh = ids[4];
    announce(cli, dinkes, "2020-02-10");
    announce(cli, dlh, "2020-02-10");

    // Dr. Dewi applies to Dinas Kesehatan and to DLH: a record in each.
    ok(cli, dinkes, "applicant_registered", registration(dewi), "2020-02-03 10:00");
    ok(cli, dlh, "applicant_registered", registration(dewi), "2020-02-04 10:00");
    ok(cli, dlh, "applicant_withdrawn", {"nip=" + dewi.nip, "reason=memilih Dinas Kesehatan"}, "2020-02-05 10:00");
    auto in_dinkes = cli.json({"selection", "applicants", dinkes, "--format", "json"});
    auto in_dlh = cli.json({"selection", "applicants", dlh, "--format", "json"});
    CHECK(in_dinkes.at("applicants").at(0).at("status").as_string() == "registered");
    CHECK(in_dinkes.at("applicants").at(0).at("registered_on").as_string() == "2020-02-03");
    CHECK(in_dlh.at("applicants").at(0).at("status").as_string() == "withdrawn");

    // Registration closed on Monday 10 February; Rahmat's registration of the 11th is refused (3).
    ok(cli, dinkes, "applicant_registered", registration(sri), "2020-02-10 23:00");
    auto late = advance(cli, dinkes, "applicant_registered", registration(rahmat), "2020-02-11 08:15");
    CHECK(late.exit_code == 3);
    CHECK(late.err.find("PermenPAN-RB 15/2019: registration closed on 2020-02-10; NIP 197702142002121002 (Rahmat "
                        "Hidayat, S.Sos., M.Si.) registered on 2020-02-11, too late") != std::string::npos);
    CHECK(cli.json({"selection", "applicants", dinkes, "--format", "json"}).at("applicants").as_array().size() == 2);
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("Bogor: two extensions, then the selection continues with the oversight body's written approval", "[scenario][cli][selection_law]") {
    Cli cli(bogor_config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string satpol = start_bogor(cli)[3];
    announce(cli, satpol, "2020-02-10");
    for (const auto& a : {dewi, rahmat, sri}) ok(cli, satpol, "applicant_registered", registration(a), "2020-02-05 10:00");
    auto closing = advance(cli, satpol, "registration_closed", {}, "2020-02-10 16:00");
    CHECK(closing.exit_code == 3);
    CHECK(closing.err.find("extend it with registration_extended (0 of 2 extensions used)") != std::string::npos);
    auto early = advance(cli, satpol, "continuation_approved", {"letter=B-388/KASN/2/2020", "date=2020-02-10"},
                         "2020-02-10 16:30");
    CHECK(early.exit_code == 3);
    CHECK(early.err.find("SE MenPAN-RB 52/2020") != std::string::npos);
    ok(cli, satpol, "registration_extended", {"days=5", "reason=pelamar kurang dari 4"}, "2020-02-10 16:30");
    ok(cli, satpol, "registration_extended", {"days=5", "reason=masih kurang dari 4"}, "2020-02-17 16:30");
    auto after_two = advance(cli, satpol, "registration_closed", {}, "2020-02-24 16:00");
    CHECK(after_two.exit_code == 3);
    CHECK(after_two.err.find("continue with the oversight body's written approval (continuation_approved)") !=
          std::string::npos);
    ok(cli, satpol, "continuation_approved", {"letter=B-512/KASN/2/2020", "date=2020-02-25"}, "2020-02-26 09:00");
    ok(cli, satpol, "registration_closed", {}, "2020-02-26 16:00");
    auto shown = cli.json({"show", satpol, "--json"});
    CHECK(shown.at("state").as_string() == "administrative_selection");
    CHECK(shown.at("data").at("continuation").at("letter").as_string() == "B-512/KASN/2/2020");
    CHECK(shown.at("data").at("continuation").at("body").as_string() == "KASN");  // the body on 25 February 2020
    ok(cli, satpol, "administrative_completed", {}, "2020-02-27 10:00");
    CHECK(cli.json({"show", satpol, "--json"}).at("state").as_string() == "assessment");
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("Bogor: nobody applies for Kesbangpol, the post is filled through a job fit", "[scenario][cli][selection_law]") {
    Cli cli(bogor_config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string kesbangpol = start_bogor(cli)[2];
    announce(cli, kesbangpol, "2020-02-10");
    ok(cli, kesbangpol, "registration_extended", {"days=5", "reason=tidak ada pelamar"}, "2020-02-10 16:30");
    ok(cli, kesbangpol, "registration_extended", {"days=5", "reason=tidak ada pelamar"}, "2020-02-17 16:30");
    auto filled = advance(cli, kesbangpol, "filled_by_job_fit",
                          {"nip=196905121994031005", "name=Drs. Bambang Sudrajat, M.Si.", "grade=jpt_pratama",
                           "post=Kepala Dinas Kependudukan dan Pencatatan Sipil", "unit=Disdukcapil",
                           "inaugurated_at=2017-06-05", "reason=tidak ada pelamar setelah dua kali perpanjangan"},
                          "2020-02-25 10:00");
    INFO(filled.err);
    REQUIRE(filled.exit_code == 0);
    auto shown = cli.json({"show", kesbangpol, "--json"});
    CHECK(shown.at("state").as_string() == "referred_to_job_fit");
    auto job_fits = cli.json({"list", "--workflow", "job_fit", "--json"}).as_array();
    REQUIRE(job_fits.size() == 1);
    const std::string jf(job_fits.at(0).at("id").as_string());
    auto job_fit = cli.json({"show", jf, "--json"});
    CHECK(job_fit.at("state").as_string() == "assessment");
    CHECK(job_fit.at("data").at("origin").as_string() == kesbangpol);
    CHECK(job_fit.at("data").at("as_of").as_string() == "2020-02-25");
    // Linked both ways: the job fit came from the selection, the selection opened the job fit.
    CHECK(job_fit.at("linked").at("came_from").at(0).at("id").as_string() == kesbangpol);
    auto opened = cli.json({"cases", "linked", kesbangpol, "--json"}).at("opened").as_array();
    REQUIRE(opened.size() == 1);
    CHECK(opened.at(0).at("id").as_string() == jf);
    CHECK(opened.at(0).at("workflow").as_string() == "job_fit");
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("a registration extended by 5 working days across Nyepi and Idul Fitri 2026", "[scenario][cli][selection_law]") {
    Cli cli(bogor_config);
    REQUIRE(cli({"init"}).exit_code == 0);
    auto started = cli({"selection", "start", "--posts", "Kepala Dinas Pendidikan", "--unit", "Dinas Pendidikan",
                        "--sk-number", "800/Kep.12-BKPSDA/2026", "--chair", "Sekretaris Daerah", "--members",
                        "Sekda; 4 akademisi", "--member-count", "5", "--at", "2026-02-23 09:00", "--actor", "evandhy"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    const std::string id = case_ids(started.out).at(0);
    announce(cli, id, "2026-03-16", "2026-03-02");
    ok(cli, id, "applicant_registered", registration(dewi), "2026-03-05 10:00");
    ok(cli, id, "registration_extended", {"days=5", "reason=pelamar kurang dari 4"}, "2026-03-16 16:00");
    // Tuesday 17 March, then past cuti bersama Nyepi (18), Nyepi (19), Idul Fitri and its cuti bersama
    // (20-24 March) and the weekends: 25, 26, 27 and 30 March. Five calendar days would end on the 21st.
    auto reg = cli.json({"show", id, "--json"}).at("data").at("registration");
    CHECK(reg.at("closes").as_string() == "2026-03-30");
    CHECK(reg.at("extensions").at(0).at("counted").as_string() == "working_days");
    ok(cli, id, "applicant_registered", registration(rahmat), "2026-03-30 15:00");
    CHECK(advance(cli, id, "applicant_registered", registration(sri), "2026-03-31 08:00").exit_code == 3);
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("Bogor: PP 11/2017 art. 107 requirements, each failure citing the article", "[scenario][cli][selection_law]") {
    Cli cli(bogor_config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string disparbud = start_bogor(cli)[5];
    announce(cli, disparbud, "2020-02-10");
    Applicant diploma = agus;
    diploma.education = "D-III";
    diploma.experience = "3";
    diploma.admin_years = "1";
    Applicant unstated = sri;
    unstated.education.clear();
    unstated.experience.clear();
    unstated.admin_years.clear();
    for (const auto& a : {dewi, rahmat, unstated, diploma})
        ok(cli, disparbud, "applicant_registered", registration(a), "2020-02-05 10:00");
    Applicant fifth{"197012252000031005", "Ir. Hendra Kusuma", "1970-12-25", "D-IV", "12", "6"};
    Applicant sixth{"197106062000121006", "Dra. Lilis Suryani", "1971-06-06", "S1", "9", "2"};
    ok(cli, disparbud, "applicant_registered", registration(fifth), "2020-02-06 10:00");
    ok(cli, disparbud, "applicant_registered", registration(sixth), "2020-02-06 11:00");
    ok(cli, disparbud, "registration_closed", {}, "2020-02-10 16:00");
    ok(cli, disparbud, "administrative_completed", {}, "2020-02-11 10:00");

    auto listed = cli.json({"selection", "applicants", disparbud, "--format", "json"});
    const auto& applicants = listed.at("applicants").as_array();
    REQUIRE(applicants.size() == 6);
    auto reasons_of = [&](const std::string& nip) {
        for (const auto& a : applicants)
            if (a.at("nip").as_string() == nip) return a.at("reasons").as_array();
        FAIL("no applicant " << nip);
        return boost::json::array{};
    };
    const auto d3 = reasons_of(diploma.nip);
    REQUIRE(d3.size() == 3);
    const std::string art107 = alur::rules::cite("jpt_pratama_requirements", alur::parse_date("2020-02-11").value());
    CHECK(d3.at(0).as_string() == "education D-III below the required S1/D-IV (" + art107 + ")");
    CHECK(std::string(d3.at(1).as_string()).find("3 years of experience related to the post, fewer than the required 5") == 0);
    CHECK(std::string(d3.at(2).as_string()).find("1 year in an administrator or ahli madya post, fewer than the required 2") == 0);
    const auto none = reasons_of(unstated.nip);
    REQUIRE(none.size() == 3);
    CHECK(std::string(none.at(0).as_string()).find("education not stated; at least S1/D-IV is required (") == 0);
    for (const auto& r : none) CHECK(std::string(r.as_string()).find("art. 107") != std::string::npos);
    CHECK(reasons_of(fifth.nip).empty());  // D-IV counts as S1
    CHECK(reasons_of(sixth.nip).empty());
    CHECK(cli.json({"show", disparbud, "--json"}).at("state").as_string() == "assessment");

    // In the table, in English.
    auto table = cli({"--lang", "en", "selection", "applicants", disparbud});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("education not stated") != std::string::npos);
    // In Indonesian (the default): the same reasons from the catalog, the citation as pasal.
    auto id_table = cli({"selection", "applicants", disparbud});
    REQUIRE(id_table.exit_code == 0);
    INFO(id_table.out);
    CHECK(id_table.out.find("pendidikan D-III di bawah syarat S1/D-IV (PP 11/2017") !=
          std::string::npos);
    CHECK(id_table.out.find("pendidikan tidak diisi; paling rendah S1/D-IV disyaratkan (") != std::string::npos);
    CHECK(id_table.out.find("pasal 107)") != std::string::npos);
    CHECK(id_table.out.find("education not stated") == std::string::npos);
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}
