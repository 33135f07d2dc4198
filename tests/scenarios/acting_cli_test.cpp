// Acting officials (Plt, pelaksana tugas) through the real `alur` binary, as
// a regency's BKPSDM records them.
//
// The story (a composite of the practice the SE Kepala BKN 1/2021 on Plh and
// Plt describes, not one real case): the Kepala Dinas Pendidikan is moved to
// head the Bappeda and inaugurated there on 10 November 2025; the regent
// names the Sekretaris Dinas Plt of the Dinas by a warrant (surat perintah)
// from 11 November 2025 to 10 February 2026. `alur acting list --at` shows
// him inside that period and nobody outside it, and `alur show` shows who is
// acting. Then a job fit in the Pilkada 2024 window (candidate pairs
// determined 22 September 2024: the window from 22 March 2024 to 20 February
// 2025, UU 10/2016 art. 71): a develop (rest from office) approved by the
// PPK inside it is refused, citing the agency's policy and the window's rule,
// and passes with the Minister of Home Affairs' written approval, or with the
// policy off; the post that develop leaves vacant gets its Plt.
#include "scenario_cli.hpp"

#include "roster_rows.hpp"

#include <boost/json.hpp>

#include <fstream>

using alur::scenario::Cli;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The scenarios' file channel, and the Pilkada 2024 window.
const std::string config = alur::scenario::file_channel_config + R"(
[[election_windows]]
label = "Pilkada 2024"
determination = "2024-09-22"
until = "2025-02-20"
)";

/// `alur advance CASE EVENT ARGS... --actor ... --reason ...`.
alur::test::RunResult submit(const Cli& cli, std::vector<std::string> args, const std::string& role = "admin") {
    args.insert(args.begin(), "advance");
    for (const std::string a : {"--actor", role == "ppk" ? "bupati" : "sari", "--role", role.c_str(), "--reason",
                                "langkah kasus"})
        args.push_back(a);
    return cli(args);
}

void ok(const Cli& cli, std::vector<std::string> args, const std::string& role = "admin") {
    auto r = submit(cli, args, role);
    INFO(cli.line(args) << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
}

/// The mutation of the Kepala Dinas Pendidikan to the Bappeda, completed on 2025-11-10.
std::string moved_away(const Cli& cli) {
    const std::string id = cli.open_case("2025-09-01 08:30");
    for (const char* item : {"career_history", "achievements", "skp", "edijab", "competency_test",
                             "superior_recommendation", "neutrality", "discipline"})
        ok(cli, {id, "record_added", std::string("item=") + item, "value=lengkap", "--at", "2025-09-03"});
    ok(cli, {id, "records_completed", "--at", "2025-09-05"});
    for (const char* role : {"rt_head", "community_figure", "neighbour"})
        ok(cli, {id, "interview_recorded", std::string("role=") + role, "name=Warga", "summary=baik", "--at", "2025-09-15"});
    ok(cli, {id, "visit_completed", "--at", "2025-09-16"});
    for (const char* c : {"paper", "interview", "track_record", "performance_contract"})
        ok(cli, {id, "score_recorded", std::string("component=") + c, "value=86", "--at", "2025-09-22"});
    ok(cli, {id, "scoring_completed", "--at", "2025-09-23"});
    ok(cli, {id, "recommendation_requested", "ref=800/412/BKPSDM/2025", "--at", "2025-09-24"});
    ok(cli, {id, "recommendation_received", "decision=approve", "ref=R-1187/BKN/X/2025", "--at", "2025-10-14"});
    ok(cli, {id, "ppk_decided", "decision=approve", "post=Kepala Bappeda", "sk_number=821/77/2025", "--at", "2025-10-27"},
       "ppk");
    ok(cli, {id, "inaugurated", "date=2025-11-10", "sk_number=821.2/145/BKPSDM/2025", "--at", "2025-11-10 09:00"});
    return id;
}

const std::vector<std::string> syahrial{"nip=197208142000031003", "name=Drs. Syahrial, M.Pd.",
                                        "post=Kepala Dinas Pendidikan", "letter=800/1123/SP/BKPSDM/2025"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

}  // namespace

TEST_CASE("the Kepala Dinas moves away and the Sekretaris Dinas acts in the post by warrant", "[scenario][acting]") {
    Cli cli(config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = moved_away(cli);
    CHECK(cli.json({"show", id, "--json"}).at("state").as_string() == "completed");
    CHECK(contains(cli({"acting", "list", "--at", "2025-11-20"}).out, "Tidak ada Plt pada 2025-11-20."));

    // Bad input: nothing is written, exit 2, the field named.
    const auto version = cli.json({"show", id, "--json"}).at("version").as_int64();
    auto backwards = submit(cli, with({id, "acting_assigned", "from=2025-11-11", "until=2025-11-01", "--at", "2025-11-10 14:00"}, syahrial));
    CHECK(backwards.exit_code == 2);
    CHECK(contains(backwards.err, "until"));
    CHECK(contains(backwards.err, "lies before 'from' (2025-11-11)"));
    auto bad_nip = submit(cli, {id, "acting_assigned", "nip=197208142000031", "name=Drs. Syahrial, M.Pd.",
                                 "post=Kepala Dinas Pendidikan", "letter=800/1123/SP/BKPSDM/2025", "from=2025-11-11",
                                 "until=2026-02-10", "--at", "2025-11-10 14:00"});
    CHECK(bad_nip.exit_code == 2);
    CHECK(contains(bad_nip.err, "nip"));
    // Before the post was vacant: refused (3), citing the rule.
    auto early = submit(cli, with({id, "acting_assigned", "from=2025-11-03", "until=2026-02-02", "--at", "2025-11-10 14:00"}, syahrial));
    CHECK(early.exit_code == 3);
    CHECK(contains(early.err, "before the post became vacant on 2025-11-10"));
    CHECK(cli.json({"show", id, "--json"}).at("version").as_int64() == version);
    CHECK(cli.count_events(id, "acting_assigned") == 0);

    // The regent's warrant: Plt from 11 November 2025 to 10 February 2026.
    ok(cli, with({id, "acting_assigned", "from=2025-11-11", "until=2026-02-10", "--at", "2025-11-10 14:00"}, syahrial));

    auto inside = cli.json({"acting", "list", "--at", "2025-12-01", "--json"});
    CHECK(inside.at("at").as_string() == "2025-12-01");
    const auto& acting = inside.at("acting").as_array();
    REQUIRE(acting.size() == 1);
    CHECK(acting[0].at("nip").as_string() == "197208142000031003");
    CHECK(acting[0].at("post").as_string() == "Kepala Dinas Pendidikan");
    CHECK(acting[0].at("letter").as_string() == "800/1123/SP/BKPSDM/2025");
    CHECK(acting[0].at("case").as_string() == id);
    CHECK(acting[0].at("workflow").as_string() == "mutation");
    CHECK(contains(std::string(acting[0].at("vacated_by").as_string()), "Drs. Hendra Gunawan"));

    auto table = cli({"acting", "list", "--at", "2026-02-10"});
    CHECK(table.exit_code == 0);
    CHECK(contains(table.out, "Pelaksana tugas (Plt) pada 2026-02-10:"));
    CHECK(contains(table.out, "Drs. Syahrial, M.Pd."));
    CHECK(contains(table.out, id + " (mutation)"));
    CHECK(contains(cli({"--lang", "en", "acting", "list", "--at", "2026-02-10"}).out, "VACATED BY"));
    // Outside the period: the day of the inauguration, and after the warrant ends.
    CHECK(cli.json({"acting", "list", "--at", "2025-11-10", "--json"}).at("acting").as_array().empty());
    CHECK(contains(cli({"acting", "list", "--at", "2026-02-11"}).out, "Tidak ada Plt pada 2026-02-11."));
    CHECK(cli({"acting", "list", "--at", "2026-02-30"}).exit_code == 2);

    // `alur show` says who is acting.
    auto shown = cli({"show", id, "--now", "2025-12-01 09:00"});
    CHECK(contains(shown.out, "Pelaksana tugas (Plt):"));
    CHECK(contains(shown.out, "Drs. Syahrial, M.Pd. (NIP 197208142000031003)"));
    CHECK(contains(shown.out, "sedang menjabat"));
    auto json = cli.json({"show", id, "--json", "--now", "2025-12-01 09:00"});
    REQUIRE(json.at("acting_now").as_array().size() == 1);
    CHECK(json.at("acting_now").at(0).at("name").as_string() == "Drs. Syahrial, M.Pd.");
    CHECK(json.at("state").as_string() == "completed");
    CHECK(json.at("due_at").is_null());
    CHECK(contains(cli({"show", id, "--now", "2026-03-01 09:00"}).out, "selesai"));

    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("a develop in the Pilkada window is refused citing the policy, then allowed", "[scenario][acting][jobfit]") {
    Cli cli(config);
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << alur::test::roster_rows::header
                       << "197405252000031003,Dra. Develop Satu,jpt_pratama,Kepala Dinas Sosial,Dinas Sosial,"
                          "2019-03-04,1974-05-25\n"
                       << "197506102000031004,Ir. Develop Dua,jpt_pratama,Kepala Dinas Perikanan,Dinas Perikanan,"
                          "2019-03-04,1975-06-10\n";
    REQUIRE(cli({"roster", "import", csv}).exit_code == 0);
    auto started = cli({"jobfit", "start", "--as-of", "2024-04-01", "--at", "2024-04-01 09:00", "--actor", "sari"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    REQUIRE(started.out.rfind("JF-2024-001\n", 0) == 0);
    std::vector<std::string> cases;
    const auto report = cli.json({"jobfit", "report", "JF-2024-001", "--format", "json"});
    for (const auto& row : report.at("officials").as_array()) cases.emplace_back(row.at("case").as_string());
    REQUIRE(cases.size() == 2);
    for (const auto& id : cases) {
        for (const char* c : {"paper", "interview", "track_record", "performance_contract"})
            ok(cli, {id, "score_recorded", std::string("component=") + c, "value=58", "--at", "2024-04-08 10:00"});
        ok(cli, {id, "assessment_completed", "--at", "2024-04-09 10:00"});
        ok(cli, {id, "panel_reported", "ref=BA/2024", "summary=di bawah standar", "--at", "2024-04-10 10:00"});
        ok(cli, {id, "recommendation_requested", "ref=800/2024", "--at", "2024-04-11 10:00"});
        ok(cli, {id, "recommendation_received", "decision=approve", "ref=B-2024/KASN", "--at", "2024-04-25 10:00"});
        CHECK(cli.json({"show", id, "--json"}).at("data").at("outcome").as_string() == "develop");
    }

    // 6 May 2024 lies in the window: the develop is a replacement by the default policy.
    auto refused = submit(cli, {cases[0], "ppk_reviewed", "decision=approve", "sk_number=800/55/2024", "--at", "2024-05-06 10:00"}, "ppk");
    CHECK(refused.exit_code == 3);
    CHECK(contains(refused.err, "'Pilkada 2024' (2024-03-22 to 2025-02-20)"));
    CHECK(contains(refused.err, "UU 10/2016"));
    CHECK(contains(refused.err, "[job_fit] develop_is_replacement"));
    CHECK(cli.json({"show", cases[0], "--json"}).at("state").as_string() == "ppk_review");

    // With the Minister's written approval it passes.
    ok(cli, {cases[0], "ministerial_approval_recorded", "letter=100.2.2.6/2210/OTDA", "date=2024-05-03", "--at", "2024-05-03 10:00"});
    ok(cli, {cases[0], "ppk_reviewed", "decision=approve", "sk_number=800/55/2024", "--at", "2024-05-06 10:00"}, "ppk");
    auto review = cli.json({"show", cases[0], "--json"}).at("data").at("review");
    CHECK(review.at("develop_in_window").as_string() == "replacement");

    // The agency turns the policy off: the other develop passes without an approval.
    std::ofstream(cli.config()) << config << "\n[job_fit]\ndevelop_is_replacement = false\n";
    ok(cli, {cases[1], "ppk_reviewed", "decision=approve", "sk_number=800/56/2024", "--at", "2024-05-06 11:00"}, "ppk");
    CHECK(cli.json({"show", cases[1], "--json"}).at("data").at("review").at("develop_in_window").as_string() ==
          "not_replacement");
    // A wrong value of the key is refused with the file and key.
    std::ofstream(cli.config()) << config << "\n[job_fit]\ndevelop_is_replacement = \"no\"\n";
    auto bad = cli({"acting", "list"});
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "develop_is_replacement"));
    std::ofstream(cli.config()) << config;

    // The post the first develop left vacant gets its Plt, from the review's date on.
    ok(cli, {cases[0], "acting_assigned", "nip=197208142000031003", "name=Drs. Syahrial, M.Pd.",
             "post=Kepala Dinas Sosial", "from=2024-05-07", "until=2024-08-06", "letter=800/60/SP/2024", "--at",
             "2024-05-06 15:00"});
    auto listed = cli.json({"acting", "list", "--at", "2024-06-01", "--json"}).at("acting").as_array();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].at("case").as_string() == cases[0]);
    CHECK(listed[0].at("workflow").as_string() == "job_fit");
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}
