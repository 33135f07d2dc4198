// Pekanbaru 2020, through the real `alur` binary (docs/LAW.md: the Riau
// government at Pekanbaru): the job fit of December 2019, which the oversight
// body (KASN) returned in February 2020 with its minutes and scores
// incomplete; with KASN's written permission (March 2020) the officials were
// assessed again. Of the three outcomes, the official
// below standard was sent to upgrading and rested from office with an acting
// official (Plt) in the post, re-assessed after the development period, and
// returned to a post through a mutation case. Every step has its date; the
// re-assessment's deadline fires on the `--now` clock; `audit verify` passes
// and replay equals the projection of every linked case.
#include "roster_rows.hpp"
#include "scenario_cli.hpp"

#include <boost/json.hpp>

#include <array>
#include <cstdio>
#include <map>

using alur::scenario::Cli;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `alur advance` that must succeed; returns its stdout.
std::string advance(const Cli& cli, const std::vector<std::string>& args, const std::string& role = "admin") {
    std::vector<std::string> all{"advance"};
    all.insert(all.end(), args.begin(), args.end());
    for (const std::string a : {"--actor", role == "ppk" ? "walikota" : "tim_bkpsdm", "--role", role.c_str(),
                                "--reason", "uji kompetensi Pekanbaru 2020"})
        all.push_back(a);
    auto r = cli(all);
    INFO(cli.line(all) << "\n" << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

struct Official {
    std::string nip, name, post, unit;
    std::array<int, 4> first, second;  // paper, interview, track_record, performance_contract
};

/// Three heads of OPD; the new assessment gives keep, rotate and develop.
const std::vector<Official>& officials() {
    static const std::vector<Official> three{
        {"196803122000031001", "Drs. Keep Pekanbaru", "Kepala Dinas Pendidikan", "Dinas Pendidikan",
         {70, 70, 70, 70}, {85, 85, 85, 85}},
        {"197004182000031002", "Ir. Rotate Pekanbaru", "Kepala Dinas PUPR", "Dinas PUPR",
         {70, 70, 70, 70}, {80, 90, 70, 60}},
        {"197205242000031003", "Dra. Develop Pekanbaru", "Kepala Dinas Sosial", "Dinas Sosial",
         {70, 70, 70, 70}, {60, 60, 60, 60}},
    };
    return three;
}

std::string birth_of(const std::string& nip) { return nip.substr(0, 4) + "-" + nip.substr(4, 2) + "-" + nip.substr(6, 2); }

void score(const Cli& cli, const std::string& id, const std::array<int, 4>& s, const std::string& day) {
    const char* components[] = {"paper", "interview", "track_record", "performance_contract"};
    for (int c = 0; c < 4; ++c)
        advance(cli, {id, "score_recorded", std::string("component=") + components[c], "value=" + std::to_string(s[c]),
                      "--at", day + " 10:00"});
}

/// `audit replay` (the events alone) says what `show` (the projection) says.
void replay_equals_projection(const Cli& cli, const std::string& id) {
    auto replay = cli.json({"audit", "replay", id, "--json"});
    auto shown = cli.json({"show", id, "--json"});
    INFO(id);
    CHECK(replay.at("state") == shown.at("state"));
    CHECK(replay.at("data") == shown.at("data"));
}

/// "2020-12-21T16:00:00+07:00" -> "2020-12-21 16:00".
std::string local_minute(const boost::json::value& v) {
    const std::string s(v.as_string());
    return s.substr(0, 10) + " " + s.substr(11, 5);
}

}  // namespace

TEST_CASE("Pekanbaru 2020: a refused job fit assessed again, the develop official upgraded, rested with a Plt, "
          "re-assessed and returned",
          "[scenario][development]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    std::string csv = alur::test::roster_rows::header;
    for (const auto& o : officials())
        csv += o.nip + "," + o.name + ",jpt_pratama," + o.post + "," + o.unit + ",2017-05-08," + birth_of(o.nip) + "\n";
    const std::string roster = (cli.dir / "roster.csv").string();
    std::ofstream(roster) << csv;
    REQUIRE(cli({"roster", "import", roster}).exit_code == 0);

    auto started = cli({"jobfit", "start", "--as-of", "2019-12-02", "--at", "2019-12-02 09:00", "--actor", "tim_bkpsdm"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    REQUIRE(started.out.rfind("JF-2019-001\n", 0) == 0);
    auto report = cli.json({"jobfit", "report", "JF-2019-001", "--format", "json"});
    std::map<std::string, std::string> case_of;  // name -> job fit case
    for (const auto& row : report.at("officials").as_array())
        case_of[std::string(row.at("name").as_string())] = std::string(row.at("case").as_string());
    REQUIRE(case_of.size() == 3);

    // The first assessment (December 2019); KASN returns it (2020-02-05): minutes and scores incomplete.
    for (const auto& o : officials()) {
        const std::string& id = case_of.at(o.name);
        score(cli, id, o.first, "2019-12-09");
        advance(cli, {id, "assessment_completed", "--at", "2019-12-10 10:00"});
        advance(cli, {id, "panel_reported", "ref=BA/PANSEL/2020/01", "summary=hasil uji kompetensi", "--at",
                      "2019-12-11 10:00"});
        advance(cli, {id, "recommendation_requested", "ref=800/BKPSDM/2019/112", "--at", "2019-12-12 10:00"});
        const std::string out = advance(cli, {id, "recommendation_received", "decision=reject", "ref=B-512/KASN/2/2020",
                                              "notes=berita acara dan nilai belum lengkap", "--at", "2020-02-05 10:00"});
        CHECK(contains(out, id + ": recommendation -> closed"));
    }

    // Nothing more can be recorded on a refused job fit; KASN's written permission (2020-03-20) reopens it.
    const std::string develop_jf = case_of.at("Dra. Develop Pekanbaru");
    auto no_permission = cli({"advance", develop_jf, "score_recorded", "component=paper", "value=60", "--at",
                              "2020-03-23 08:00", "--actor", "tim_bkpsdm", "--reason", "uji ulang"});
    CHECK(no_permission.exit_code == 3);
    CHECK(contains(no_permission.err, "closed is final; it only takes reassessment_permitted"));
    for (const auto& o : officials()) {
        const std::string& id = case_of.at(o.name);
        const std::string out = advance(cli, {id, "reassessment_permitted", "letter=B-1873/KASN/3/2020",
                                              "date=2020-03-20", "--at", "2020-03-23 09:00"});
        CHECK(contains(out, id + ": closed -> assessment"));
        score(cli, id, o.second, "2020-03-30");
        advance(cli, {id, "assessment_completed", "--at", "2020-03-31 10:00"});
        advance(cli, {id, "panel_reported", "ref=BA/PANSEL/2020/07", "summary=uji kompetensi ulang", "--at",
                      "2020-04-01 10:00"});
        advance(cli, {id, "recommendation_requested", "ref=800/BKPSDM/2020/301", "--at", "2020-04-02 10:00"});
        advance(cli, {id, "recommendation_received", "decision=approve", "ref=B-2011/KASN/4/2020", "--at",
                      "2020-04-20 10:00"});
    }
    // The earlier scores stay in the history; the new ones are new events.
    auto shown = cli.json({"show", develop_jf, "--json"});
    const auto& earlier = shown.at("data").at("earlier_assessments").as_array();
    REQUIRE(earlier.size() == 1);
    CHECK(earlier[0].at("permission").at("body").as_string() == "KASN");
    CHECK(earlier[0].at("recommendation").at("response").at("decision").as_string() == "reject");
    CHECK(shown.at("data").at("outcome").as_string() == "develop");
    CHECK(cli.count_events(develop_jf, "score_recorded") == 8);
    CHECK(cli.count_events(develop_jf, "corrected") == 0);

    // The PPK's review (2020-05-04): a rotate opens a mutation, the develop a development case.
    std::map<std::string, std::string> outcome_of;
    report = cli.json({"jobfit", "report", "JF-2019-001", "--format", "json"});
    for (const auto& row : report.at("officials").as_array())
        outcome_of[std::string(row.at("name").as_string())] = std::string(row.at("outcome").as_string());
    CHECK(outcome_of == std::map<std::string, std::string>{{"Drs. Keep Pekanbaru", "keep"},
                                                           {"Ir. Rotate Pekanbaru", "rotate"},
                                                           {"Dra. Develop Pekanbaru", "develop"}});
    for (const auto& o : officials()) {
        const std::string out = advance(cli, {case_of.at(o.name), "ppk_reviewed", "decision=approve",
                                              "sk_number=800/WK/2020/" + o.unit, "--at", "2020-05-04 10:00"},
                                        "ppk");
        CHECK(contains(out, "MUT-000001 dibuka (mutation, ppk_decision)") == (o.name == "Ir. Rotate Pekanbaru"));
        CHECK(contains(out, "DEV-000001 dibuka (development, planning)") == (o.name == "Dra. Develop Pekanbaru"));
    }
    const std::string dev = "DEV-000001";
    auto opened = cli.json({"show", dev, "--json"});
    CHECK(opened.at("data").at("origin").as_string() == develop_jf);
    CHECK(opened.at("data").at("assessment").at("outcome").as_string() == "develop");
    CHECK(opened.at("data").at("assessment").at("total").to_number<double>() == Approx(60));

    // The plan: upgrading (PKN II at BPSDM Riau) and rest from office from 2020-05-18, with a Plt.
    advance(cli, {dev, "upgrading_planned", "program=Pelatihan Kepemimpinan Nasional Tingkat II",
                  "provider=BPSDM Provinsi Riau", "from=2020-07-01", "until=2020-09-30", "--at", "2020-05-11 10:00"});
    advance(cli, {dev, "rest_from_office_decreed", "decree=821.2/BKPSDM/2020/45", "from=2020-05-18",
                  "until=2020-11-30", "--at", "2020-05-12 10:00"});
    auto too_early = cli({"advance", dev, "acting_assigned", "nip=197208122000031004", "name=Drs. Syafrizal",
                          "post=Kepala Dinas Sosial", "from=2020-05-15", "until=2020-11-30", "letter=800/SPT/2020/31",
                          "--at", "2020-05-13 10:00", "--actor", "tim_bkpsdm", "--reason", "Plt"});
    CHECK(too_early.exit_code == 3);
    CHECK(contains(too_early.err, "before the post became vacant on 2020-05-18"));
    advance(cli, {dev, "acting_assigned", "nip=197208122000031004", "name=Drs. Syafrizal", "post=Kepala Dinas Sosial",
                  "from=2020-05-18", "until=2020-11-30", "letter=800/SPT/2020/31", "--at", "2020-05-13 10:00"});
    CHECK(contains(advance(cli, {dev, "plan_completed", "--at", "2020-05-15 10:00"}), dev + ": planning -> upgrading"));
    auto acting = cli({"acting", "list", "--at", "2020-09-15"});
    REQUIRE(acting.exit_code == 0);
    CHECK(contains(acting.out, "Drs. Syafrizal"));
    CHECK(contains(acting.out, dev));

    // The training is done (2020-09-30).
    advance(cli, {dev, "training_completed", "program=Pelatihan Kepemimpinan Nasional Tingkat II",
                  "certificate=STTPP/PKN-II/2020/118", "date=2020-09-30", "--at", "2020-09-30 16:30"});

    // The re-assessment's deadline: the timers of `upgrading`, fired on the --now clock
    // (other cases' timers fire too: only this case's lines are checked).
    auto upgrading = cli.json({"show", dev, "--json"});
    const auto& timers = upgrading.at("timers").as_array();
    REQUIRE(timers.size() == 3);  // two reminders and the deadline
    CHECK(timers[2].at("kind").as_string() == "deadline");
    const std::string first_reminder = local_minute(timers[0].at("fire_at"));
    auto none = cli({"run-due", "--now", "2020-10-01 08:00"});
    REQUIRE(none.exit_code == 0);
    CHECK_FALSE(contains(none.out, dev + ":"));
    CHECK(cli.count_events(dev, "reminder_due") == 0);
    auto fired = cli({"run-due", "--now", first_reminder});
    INFO(fired.err);
    REQUIRE(fired.exit_code == 0);
    CHECK(contains(fired.out, dev + ": pengingat tahap upgrading"));
    CHECK(contains(fired.out, dev + ": pengingat tahap upgrading, jatuh tempo " + local_minute(timers[2].at("fire_at"))));
    CHECK(cli.count_events(dev, "reminder_due") == 1);
    // The deadline passes without a re-assessment: the second reminder and the escalation.
    const std::string due = local_minute(timers[2].at("fire_at"));
    CHECK(due < std::string("2020-12-07"));
    auto escalated = cli({"run-due", "--now", due});
    REQUIRE(escalated.exit_code == 0);
    CHECK(contains(escalated.out, dev + ": eskalasi tahap upgrading, jatuh tempo " + due));
    CHECK(cli.count_events(dev, "reminder_due") == 2);
    CHECK(cli.count_events(dev, "deadline_passed") == 1);

    // Re-assessed (2020-12-07) and returned to a post (2020-12-21).
    advance(cli, {dev, "reassessment_started", "--at", "2020-12-07 09:00"});
    score(cli, dev, {82, 84, 80, 81}, "2020-12-07");
    advance(cli, {dev, "reassessment_completed", "--at", "2020-12-08 10:00"});
    auto decided = cli.json({"show", dev, "--json"});
    CHECK(decided.at("state").as_string() == "ppk_decision");
    CHECK(decided.at("data").at("outcome").as_string() == "keep");
    const std::string returned = advance(cli, {dev, "ppk_decided", "decision=return", "post=Kepala Dinas Perhubungan",
                                               "unit=Dinas Perhubungan", "sk_number=821.2/WK/2020/309", "--at",
                                               "2020-12-21 10:00"},
                                         "ppk");
    CHECK(contains(returned, dev + ": ppk_decision -> returned"));
    // Its own re-assessment has no recommendation of the oversight body: the JPT move asks for one first.
    CHECK(contains(returned, "MUT-000002 dibuka (mutation, recommendation)"));
    auto mutation = cli.json({"show", "MUT-000002", "--json"});
    CHECK(mutation.at("data").at("origin").as_string() == dev);
    CHECK(mutation.at("data").at("official").at("nip").as_string() == officials()[2].nip);

    auto verify = cli({"audit", "verify"});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
    for (const auto& [name, id] : case_of) replay_equals_projection(cli, id);
    for (const std::string id : {"DEV-000001", "MUT-000001", "MUT-000002"}) replay_equals_projection(cli, id);
}

TEST_CASE("development: bad input is refused and writes nothing", "[scenario][development]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    // A development case names its job fit case: one that does not exist is refused.
    auto orphan = cli({"open", "development", "--nip", "197205242000031003", "--name", "Dra. Develop", "--grade",
                       "jpt_pratama", "--post", "Kepala Dinas Sosial", "--unit", "Dinas Sosial", "--inaugurated-at",
                       "2017-05-08", "--origin", "JF-000009", "--actor", "sari"});
    CHECK(orphan.exit_code != 0);
    CHECK(cli.json({"list", "--json"}).as_array().empty());
    auto events = cli({"events", "development"});
    REQUIRE(events.exit_code == 0);
    for (const char* e : {"upgrading_planned", "rest_from_office_decreed", "reassessment_requested", "ppk_decided"})
        CHECK(contains(events.out, e));
}

TEST_CASE("a development re-assessed by a linked job fit: its closing is recorded on the development case",
          "[scenario][development][linked]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const Official& o = officials()[2];  // below standard
    const std::string roster = (cli.dir / "roster.csv").string();
    std::ofstream(roster) << alur::test::roster_rows::header + o.nip + "," + o.name + ",jpt_pratama," + o.post + "," +
                                 o.unit + ",2017-05-08," + birth_of(o.nip) + "\n";
    REQUIRE(cli({"roster", "import", roster}).exit_code == 0);
    REQUIRE(cli({"jobfit", "start", "--as-of", "2020-03-02", "--at", "2020-03-02 09:00", "--actor", "tim_bkpsdm"})
                .exit_code == 0);
    const std::string jf = "JF-000001";
    score(cli, jf, o.second, "2020-03-09");
    advance(cli, {jf, "assessment_completed", "--at", "2020-03-10 10:00"});
    advance(cli, {jf, "panel_reported", "ref=BA/PANSEL/2020/03", "summary=-", "--at", "2020-03-11 10:00"});
    advance(cli, {jf, "recommendation_requested", "ref=800/BKPSDM/2020/140", "--at", "2020-03-12 10:00"});
    advance(cli, {jf, "recommendation_received", "decision=approve", "ref=B-901/KASN/3/2020", "--at", "2020-03-26 10:00"});
    CHECK(contains(advance(cli, {jf, "ppk_reviewed", "decision=approve", "--at", "2020-04-06 10:00"}, "ppk"),
                   "DEV-000001 dibuka (development, planning)"));
    const std::string dev = "DEV-000001";
    advance(cli, {dev, "upgrading_planned", "program=Pelatihan Kepemimpinan Nasional Tingkat II",
                  "provider=BPSDM Provinsi Riau", "from=2020-06-01", "until=2020-08-31", "--at", "2020-04-13 10:00"});
    advance(cli, {dev, "plan_completed", "--at", "2020-04-14 10:00"});

    // The re-assessment is a job fit of its own, opened in the same transaction.
    const std::string requested = advance(cli, {dev, "reassessment_requested", "--at", "2020-09-07 10:00"});
    CHECK(contains(requested, dev + ": upgrading -> awaiting_job_fit"));
    CHECK(contains(requested, "JF-000002 dibuka (job_fit, assessment)"));
    const std::string retest = "JF-000002";
    auto opened = cli.json({"show", retest, "--json"});
    CHECK(opened.at("data").at("origin").as_string() == dev);
    CHECK(opened.at("data").at("as_of").as_string() == "2020-09-07");

    score(cli, retest, o.first, "2020-09-14");  // 70 each: rotate
    advance(cli, {retest, "assessment_completed", "--at", "2020-09-15 10:00"});
    advance(cli, {retest, "panel_reported", "ref=BA/PANSEL/2020/09", "summary=uji ulang", "--at", "2020-09-16 10:00"});
    advance(cli, {retest, "recommendation_requested", "ref=800/BKPSDM/2020/377", "--at", "2020-09-17 10:00"});
    advance(cli, {retest, "recommendation_received", "decision=approve", "ref=B-2290/KASN/10/2020", "--at",
                  "2020-10-01 10:00"});
    const std::string closed = advance(cli, {retest, "ppk_reviewed", "decision=approve", "--at", "2020-10-05 10:00"}, "ppk");
    CHECK(contains(closed, retest + ": ppk_review -> closed"));
    CHECK(contains(closed, dev + " dicatat: development (ppk_decision)"));
    CHECK_FALSE(contains(closed, "dibuka"));  // no mutation of its own: the development case decides

    auto waiting = cli.json({"show", dev, "--json"});
    CHECK(waiting.at("state").as_string() == "ppk_decision");
    CHECK(waiting.at("data").at("outcome").as_string() == "rotate");
    CHECK(waiting.at("data").at("reassessment").at("result").at("case").as_string() == retest);
    CHECK(advance(cli, {dev, "ppk_decided", "decision=return", "post=Kepala Dinas Perhubungan", "--at",
                        "2020-10-12 10:00"},
                  "ppk")
              .find(dev + ": ppk_decision -> returned") != std::string::npos);

    auto verify = cli({"audit", "verify"});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
    const auto cases = cli.json({"list", "--json"});
    CHECK(cases.as_array().size() == 4);  // JF-000001, DEV-000001, JF-000002, MUT-000001
    for (const auto& row : cases.as_array()) {
        const std::string id(row.at("id").as_string());
        replay_equals_projection(cli, id);
    }
}
