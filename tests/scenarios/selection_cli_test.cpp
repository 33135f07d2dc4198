// Open selection (seleksi terbuka) at the command line: the real `alur` binary
// on a fresh SQLite file.
//
// Story: Kota Padang Panjang fills three vacant OPD heads by open selection,
// one case per post, with one pansel. Dinas Pendidikan and Dinas Kesehatan
// get enough applicants (one withdraws, one turns 57 before the
// administrative check); Bappeda gets only 3 eligible applicants, so its
// registration may not close: it is extended by 14 working days, a 4th eligible
// applicant registers, and it proceeds. Every post ends with the PPK's choice
// inaugurated; `alur selection applicants` shows each applicant's status,
// reasons, scores, total and ranking.
#include "scenario_cli.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <vector>

using alur::scenario::Cli;
using alur::test::RunResult;

namespace {

// The city judges the age limit on the day of the administrative check.
const std::string city_config = R"(
[agency]
name = "Pemerintah Kota Padang Panjang"
timezone = "WIB"

[open_selection.requirements]
age_on = "check"
)";

struct Person {
    std::string nip, name, current_post, rank, years, born, disciplinary;
    std::vector<std::string> scores;  // assessment_center, paper, interview, track_record ("" when not scored)
};

struct Post {
    std::string title, unit;
    std::vector<Person> applicants;
};

const Post pendidikan{
    "Kepala Dinas Pendidikan",
    "Dinas Pendidikan dan Kebudayaan",
    {{"197603152005011002", "Drs. Ahmad Fauzi, M.Si.", "Sekretaris Dinas Pendidikan", "IV/b", "4", "1976-03-15", "none", {"85", "80", "88", "90"}},
     {"197811202003122001", "Dr. Rina Wati, M.Pd.", "Kepala Bidang SMP", "IV/a", "3", "1978-11-20", "none", {"90", "85", "80", "85"}},
     {"198005052006041003", "Budi Santoso, S.Pd., M.M.", "Kepala Bidang SD", "IV/a", "2.5", "1980-05-05", "light", {"70", "75", "72", "80"}},
     {"197201012000031004", "Drs. Hasan Basri", "Camat Padang Panjang Barat", "IV/c", "6", "1972-01-01", "none", {"80", "70", "85", "75"}},
     {"198506152010012005", "Siti Aminah, S.E.", "Kepala Subbagian Keuangan", "III/d", "1", "1985-06-15", "moderate", {}}}};

const Post kesehatan{
    "Kepala Dinas Kesehatan",
    "Dinas Kesehatan",
    {{"197409092000122001", "dr. Maya Sari, M.Kes.", "Direktur RSUD", "IV/b", "3", "1974-09-09", "none", {"88", "84", "86", "82"}},
     {"197702142003121002", "dr. Fajar Ramadhan", "Kepala Puskesmas Bukit Surungan", "IV/a", "5", "1977-02-14", "none", {"78", "80", "75", "80"}},
     {"198108172006042003", "Ns. Dewi Lestari, S.Kep., M.Kes.", "Sekretaris Dinas Kesehatan", "IV/a", "2", "1981-08-17", "none", {"82", "78", "84", "88"}},
     {"196803031994031004", "dr. Yusuf Hamid, Sp.PD", "Kepala Bidang Pelayanan", "IV/c", "8", "1968-03-03", "none", {}},
     {"198203032008011005", "dr. Andi Pratama", "Kepala Seksi Kesehatan Keluarga", "IV/a", "3", "1982-03-03", "none", {}}}};

const Post bappeda{
    "Kepala Badan Perencanaan Pembangunan Daerah",
    "Bappeda",
    {{"197505202001121001", "Ir. Rudi Hartono, M.T.", "Sekretaris Bappeda", "IV/b", "4", "1975-05-20", "none", {"84", "82", "86", "88"}},
     {"197910102005012002", "Dra. Lina Marlina, M.Si.", "Kepala Bidang Perencanaan Ekonomi", "IV/a", "3", "1979-10-10", "none", {"80", "85", "78", "84"}},
     {"198012122006041003", "Hendra Saputra, S.E., M.Ec.Dev.", "Kepala Bidang Litbang", "IV/a", "2", "1980-12-12", "none", {"76", "70", "80", "78"}},
     {"198304042009011004", "Rahmat Hidayat, S.T.", "Kepala Seksi Tata Ruang", "III/c", "4", "1983-04-04", "none", {}},
     // registers during the extension
     {"197708082002121005", "Drs. Syahrial, M.Si.", "Kepala Bagian Perekonomian", "IV/a", "2", "1977-08-08", "none", {"86", "80", "84", "80"}}}};

const std::vector<std::string> components{"assessment_center", "paper", "interview", "track_record"};

RunResult advance(const Cli& cli, const std::string& id, const std::string& event, std::vector<std::string> args,
                  const std::string& at, const std::string& role = "admin") {
    args.insert(args.begin(), {"advance", id, event});
    args.insert(args.end(), {"--actor", role == "ppk" ? "wali_kota" : "sari", "--role", role, "--reason",
                             "seleksi terbuka JPT Pratama", "--at", at});
    return cli(args);
}

/// Advances, and requires it to be accepted.
void ok(const Cli& cli, const std::string& id, const std::string& event, const std::vector<std::string>& args,
        const std::string& at, const std::string& role = "admin") {
    auto r = advance(cli, id, event, args, at, role);
    INFO(id << " " << event << ": " << r.err);
    REQUIRE(r.exit_code == 0);
}

std::string open_post(const Cli& cli, const Post& post) {
    auto r = cli({"open", "open_selection", "--post", post.title, "--unit", post.unit, "--grade", "jpt_pratama",
                  "--at", "2025-02-03 09:00", "--actor", "sari", "--reason", "jabatan lowong"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, r.out.size() - 1);
}

void register_applicant(const Cli& cli, const std::string& id, const Person& p, const std::string& at) {
    ok(cli, id, "applicant_registered",
       {"nip=" + p.nip, "name=" + p.name, "current_post=" + p.current_post, "rank=" + p.rank,
        "years_in_post=" + p.years, "birth_date=" + p.born, "disciplinary=" + p.disciplinary,
        // what PP 11/2017 art. 107 asks of a JPT pratama: every applicant here meets it
        "education=S2", "years_related_experience=10", "years_in_admin_post=4"},
       at);
}

/// Records the scores of one stage (components `from`..`to`) of every applicant who has them.
void score_stage(const Cli& cli, const std::string& id, const Post& post, std::size_t from, std::size_t to,
                 const std::string& at) {
    for (const auto& p : post.applicants)
        if (!p.scores.empty())
            for (std::size_t c = from; c < to; ++c)
                ok(cli, id, "score_recorded", {"nip=" + p.nip, "component=" + components[c], "value=" + p.scores[c]}, at);
}

/// From registration closed to completed: administrative selection on `checked`, scores,
/// the shortlist, the recommendation, the PPK's choice and the inauguration on `inaugurated`.
void select(const Cli& cli, const std::string& id, const Post& post, const std::string& checked,
            const std::vector<std::string>& shortlist, const std::string& chosen, const std::string& inaugurated) {
    ok(cli, id, "administrative_completed", {}, checked + " 10:00");
    score_stage(cli, id, post, 0, 2, checked + " 14:00");  // assessment center and paper
    ok(cli, id, "assessment_completed", {}, checked + " 16:00");
    score_stage(cli, id, post, 2, 4, "2025-03-20 14:00");  // interview and track record
    ok(cli, id, "interviews_completed", {}, "2025-03-20 16:00");
    ok(cli, id, "shortlist_set", {"first=" + shortlist[0], "second=" + shortlist[1], "third=" + shortlist[2]},
       "2025-03-24 09:00");
    ok(cli, id, "recommendation_requested", {"ref=800/211/BKPSDM/2025"}, "2025-03-24 10:00");
    ok(cli, id, "recommendation_received", {"decision=approve", "ref=R-733/BKN/2025"}, "2025-04-14 10:00");
    ok(cli, id, "ppk_chose", {"nip=" + chosen}, "2025-04-21 10:00", "ppk");
    ok(cli, id, "inauguration_scheduled", {"date=" + inaugurated}, "2025-04-22 10:00");
    ok(cli, id, "inaugurated", {"date=" + inaugurated, "sk_number=821.2/" + id + "/2025"}, inaugurated + " 09:00");
}

boost::json::object applicant_json(const boost::json::value& listed, const std::string& nip) {
    for (const auto& a : listed.at("applicants").as_array())
        if (a.at("nip").as_string() == nip) return a.as_object();
    FAIL("no applicant " << nip);
    return {};
}

}  // namespace

TEST_CASE("a city's open selection for three OPD heads, with Bappeda's registration extended", "[scenario][cli][selection]") {
    Cli cli(city_config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string sel_pendidikan = open_post(cli, pendidikan);
    const std::string sel_kesehatan = open_post(cli, kesehatan);
    const std::string sel_bappeda = open_post(cli, bappeda);
    CHECK(sel_pendidikan == "SEL-000001");
    CHECK(sel_bappeda == "SEL-000003");

    // One pansel of 7 for the three posts; one announcement each.
    for (const auto& id : {sel_pendidikan, sel_kesehatan, sel_bappeda}) {
        auto small = advance(cli, id, "pansel_formed",
                             {"sk_number=800/15/2025", "chair=Sekretaris Daerah", "members=5 nama", "member_count=4"},
                             "2025-02-05 10:00");
        CHECK(small.exit_code == 3);
        CHECK(small.err.find("PermenPAN-RB 15/2019: the pansel (selection committee) has an odd number of members") !=
              std::string::npos);
        ok(cli, id, "pansel_formed",
           {"sk_number=800/15/2025", "chair=Sekretaris Daerah",
            "members=Sekda; Asisten Administrasi Umum; Kepala BKPSDM; 2 akademisi UNP; 2 praktisi", "member_count=7"},
           "2025-02-05 10:00");
        ok(cli, id, "announced",
           {"ref=800/16/PANSEL/2025", "date=2025-02-10", "registration_closes=2025-02-24", "min_rank=IV/a",
            "min_years_in_post=2", "max_age=56"},
           "2025-02-10 08:00");
    }

    // Registration: all five at Pendidikan and Kesehatan; four at Bappeda (one below IV/a).
    for (const auto& p : pendidikan.applicants) register_applicant(cli, sel_pendidikan, p, "2025-02-12 09:00");
    for (const auto& p : kesehatan.applicants) register_applicant(cli, sel_kesehatan, p, "2025-02-13 09:00");
    for (std::size_t i = 0; i < 4; ++i) register_applicant(cli, sel_bappeda, bappeda.applicants[i], "2025-02-14 09:00");
    ok(cli, sel_kesehatan, "applicant_withdrawn",
       {"nip=198203032008011005", "reason=diterima di Kementerian Kesehatan"}, "2025-02-20 11:00");
    auto twice = advance(cli, sel_kesehatan, "applicant_registered",
                         {"nip=197409092000122001", "name=dr. Maya Sari, M.Kes.", "current_post=Direktur RSUD",
                          "rank=IV/b", "years_in_post=3", "birth_date=1974-09-09", "disciplinary=none"},
                         "2025-02-20 12:00");
    CHECK(twice.exit_code == 3);
    CHECK(twice.err.find("NIP 197409092000122001 is already registered for this post") != std::string::npos);

    auto before_close = cli({"selection", "applicants", sel_bappeda});
    INFO(before_close.err);
    REQUIRE(before_close.exit_code == 0);
    CHECK(before_close.out.rfind("SEL-000003 · Kepala Badan Perencanaan Pembangunan Daerah · Bappeda · registration · "
                                 "4 pelamar\n",
                                 0) == 0);
    CHECK(before_close.out.find("terdaftar") != std::string::npos);

    // Closing day: Pendidikan (4 eligible of 5) and Kesehatan (4 of 4) close; Bappeda has 3 of 4.
    ok(cli, sel_pendidikan, "registration_closed", {}, "2025-02-24 16:00");
    ok(cli, sel_kesehatan, "registration_closed", {}, "2025-02-24 16:00");
    auto refused = advance(cli, sel_bappeda, "registration_closed", {}, "2025-02-24 16:00");
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("PermenPAN-RB 15/2019: registration may close only with more than 3 eligible applicants "
                           "for the post (have 3 eligible of 4 applicants on 2025-02-24); extend it with "
                           "registration_extended (0 of 2 extensions used)") != std::string::npos);
    ok(cli, sel_bappeda, "registration_extended", {"days=14", "reason=pelamar memenuhi syarat kurang dari 4"},
       "2025-02-24 16:30");
    register_applicant(cli, sel_bappeda, bappeda.applicants[4], "2025-03-03 09:00");
    ok(cli, sel_bappeda, "registration_closed", {}, "2025-03-10 16:00");
    auto shown = cli.json({"show", sel_bappeda, "--json"});
    CHECK(shown.at("state").as_string() == "administrative_selection");
    const auto& registration = shown.at("data").at("registration");
    CHECK(registration.at("closes").as_string() == "2025-03-14");  // 14 working days after 2025-02-24
    REQUIRE(registration.at("extensions").as_array().size() == 1);
    CHECK(registration.at("extensions").at(0).at("days").to_number<int>() == 14);
    CHECK(registration.at("extensions").at(0).at("extended_on").as_string() == "2025-02-24");

    // The rest of each selection; Yusuf Hamid turns 57 on the day Kesehatan's requirements are checked.
    select(cli, sel_pendidikan, pendidikan, "2025-03-03", {"197603152005011002", "197811202003122001", "197201012000031004"},
           "197811202003122001", "2025-05-05");
    select(cli, sel_kesehatan, kesehatan, "2025-03-03", {"197409092000122001", "198108172006042003", "197702142003121002"},
           "197409092000122001", "2025-05-05");
    ok(cli, sel_bappeda, "administrative_completed", {}, "2025-03-11 10:00");
    score_stage(cli, sel_bappeda, bappeda, 0, 2, "2025-03-12 14:00");
    ok(cli, sel_bappeda, "assessment_completed", {}, "2025-03-12 16:00");
    score_stage(cli, sel_bappeda, bappeda, 2, 4, "2025-03-20 14:00");
    ok(cli, sel_bappeda, "interviews_completed", {}, "2025-03-20 16:00");
    auto not_top = advance(cli, sel_bappeda, "shortlist_set",
                           {"first=197505202001121001", "second=197910102005012002", "third=198012122006041003"},
                           "2025-03-24 09:00");
    CHECK(not_top.exit_code == 3);
    CHECK(not_top.err.find("197708082002121005 (Drs. Syahrial, M.Si.) has total 83.6, above third") != std::string::npos);
    ok(cli, sel_bappeda, "shortlist_set",
       {"first=197505202001121001", "second=197708082002121005", "third=197910102005012002"}, "2025-03-24 09:00");
    ok(cli, sel_bappeda, "recommendation_requested", {"ref=800/212/BKPSDM/2025"}, "2025-03-24 10:00");
    ok(cli, sel_bappeda, "recommendation_received", {"decision=approve", "ref=R-734/BKN/2025"}, "2025-04-14 10:00");
    auto outside = advance(cli, sel_bappeda, "ppk_chose", {"nip=198012122006041003"}, "2025-04-21 10:00", "ppk");
    CHECK(outside.exit_code == 3);
    CHECK(outside.err.find("the PPK chooses one of the 3 shortlisted applicants") != std::string::npos);
    ok(cli, sel_bappeda, "ppk_chose", {"nip=197708082002121005"}, "2025-04-21 10:00", "ppk");
    ok(cli, sel_bappeda, "inaugurated", {"date=2025-05-19", "sk_number=821.2/31/2025"}, "2025-05-19 09:00");

    for (const auto& id : {sel_pendidikan, sel_kesehatan, sel_bappeda})
        CHECK(cli.json({"show", id, "--json"}).at("state").as_string() == "completed");

    // The applicants as a table, in Indonesian and in English.
    auto table = cli({"selection", "applicants", sel_bappeda});
    INFO(table.err);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.rfind("SEL-000003 · Kepala Badan Perencanaan Pembangunan Daerah · Bappeda · completed · "
                          "5 pelamar\n\nNIP ",
                          0) == 0);
    for (const auto* text : {"NAMA", "JABATAN SAAT INI", "ALASAN", "assessment_center", "PERINGKAT", "dipilih PPK",
                             "tiga besar", "memenuhi syarat", "tidak memenuhi syarat",
                             "golongan III/c di bawah syarat IV/a", "85.2", "83.6"})
        CHECK(table.out.find(text) != std::string::npos);
    CHECK(table.out.find("rank III/c below the required IV/a") == std::string::npos);  // not the stored English
    auto en = cli({"--lang", "en", "selection", "applicants", sel_kesehatan});
    REQUIRE(en.exit_code == 0);
    for (const auto* text : {"5 applicants", "CURRENT POST", "RANK", "withdrawn", "diterima di Kementerian Kesehatan",
                             "failed", "age 57 on 2025-03-03, above the limit 56", "chosen"})
        CHECK(en.out.find(text) != std::string::npos);

    // As CSV: one row each, in registration order, raw statuses.
    auto csv = cli({"selection", "applicants", sel_bappeda, "--format", "csv"});
    INFO(csv.err);
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out ==
          "nip,name,current_post,status,reasons,assessment_center,interview,paper,track_record,total,ranking\r\n"
          "\"'197505202001121001\",\"Ir. Rudi Hartono, M.T.\",Sekretaris Bappeda,shortlisted,,84,86,82,88,85.2,1\r\n"
          "\"'197910102005012002\",\"Dra. Lina Marlina, M.Si.\",Kepala Bidang Perencanaan Ekonomi,shortlisted,,80,78,85,84,80.7,3\r\n"
          "\"'198012122006041003\",\"Hendra Saputra, S.E., M.Ec.Dev.\",Kepala Bidang Litbang,eligible,,76,80,70,78,77,4\r\n"
          "\"'198304042009011004\",\"Rahmat Hidayat, S.T.\",Kepala Seksi Tata Ruang,failed,rank III/c below the required IV/a,,,,,,\r\n"
          "\"'197708082002121005\",\"Drs. Syahrial, M.Si.\",Kepala Bagian Perekonomian,chosen,,86,84,80,80,83.6,2\r\n");

    // As JSON.
    auto listed = cli.json({"selection", "applicants", sel_pendidikan, "--format", "json"});
    CHECK(listed.at("case").as_string() == "SEL-000001");
    CHECK(listed.at("post").as_string() == "Kepala Dinas Pendidikan");
    CHECK(listed.at("state").as_string() == "completed");
    CHECK(listed.at("applicants").as_array().size() == 5);
    auto siti = applicant_json(listed, "198506152010012005");
    CHECK(siti.at("status").as_string() == "failed");
    CHECK(siti.at("reasons").as_array().size() == 3);
    CHECK(siti.at("reasons").at(2).as_string() == "disciplinary record: moderate");
    auto rina = applicant_json(listed, "197811202003122001");
    CHECK(rina.at("status").as_string() == "chosen");
    CHECK(rina.at("total").to_number<double>() == Approx(85.5));
    CHECK(rina.at("ranking").to_number<int>() == 2);
    CHECK(applicant_json(listed, "198005052006041003").at("ranking").to_number<int>() == 4);

    // A case that is not an open selection (2), no such case (4), an unknown format (2).
    const std::string mutation = cli.open_case("2025-06-02 09:00");
    auto other = cli({"selection", "applicants", mutation});
    CHECK(other.exit_code == 2);
    CHECK(other.err.find(mutation + " adalah kasus mutation, bukan kasus open_selection") != std::string::npos);
    CHECK(cli({"selection", "applicants", "SEL-000099"}).exit_code == 4);
    CHECK(cli({"selection", "applicants", sel_bappeda, "--format", "xml"}).exit_code == 2);

    // Replaying every case gives exactly what was stored.
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}
