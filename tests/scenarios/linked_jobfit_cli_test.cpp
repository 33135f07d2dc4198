// Bengkulu province, 2021: after the job fit (uji kompetensi) of its 32 JPT
// Pratama heads of OPD (7 of them inaugurated in April 2021 and left out),
// the province opened bidding (seleksi terbuka) for its 6 vacant posts. Here
// the batch's 25 officials are scored on bengkulu_2021 and the oversight body
// (KASN in 2021) recommends; the PPK (the governor) approves the outcomes:
// 16 keep, 5 rotate, 4 develop (rest from office). Each rotation opens a
// mutation that goes straight to the PPK's decision, with the job fit's scores,
// outcome and recommendation in its data (no records, visit or scoring
// again); two of them name their target post, are decided and inaugurated,
// and a Plt acts in each post they left (a third's Plt has already ended: no
// vacancy). The 4 posts left by develop (one with
// a Plt) and the 2 posts held by a Plt are the batch's 6 vacancies:
// `alur selection start --from-jobfit` opens an open selection for each with
// one pansel, each linked to the batch. Run again, it opens nothing.
// `audit verify` passes, and replay equals projection for every linked case.
#include "jobfit_cli.hpp"
#include "scenario_cli.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

using alur::scenario::Cli;
using alur::scenario::jobfit::contains;
using alur::scenario::jobfit::nip_of;

namespace {

std::string advance(const Cli& cli, const std::vector<std::string>& args, const std::string& role = "admin") {
    return alur::scenario::jobfit::advance(cli, args, role, "tindak lanjut uji kompetensi 2021");
}

struct Official {
    std::string nip, name, post, unit, inaugurated, birth, outcome;
};

/// 32 heads of OPD; the last 7 inaugurated in April 2021. Of the other 25:
/// 16 keep, 5 rotate, 4 develop.
std::vector<Official> province() {
    std::vector<Official> out;
    for (int i = 0; i < 32; ++i) {
        const bool april = i >= 25;
        char birth[9], inaugurated[11], unit[32];
        std::snprintf(birth, sizeof birth, "19%02d%02d%02d", 66 + i % 14, 1 + i % 12, 1 + i % 28);
        std::snprintf(inaugurated, sizeof inaugurated, april ? "2021-04-%02d" : "2018-%02d-03",
                      april ? 5 + i - 25 : 1 + i % 12);
        std::snprintf(unit, sizeof unit, "OPD %02d", i + 1);
        out.push_back({nip_of(birth, i + 1), "Pejabat " + std::to_string(i + 1), "Kepala " + std::string(unit), unit,
                       inaugurated, std::string(birth).insert(4, "-").insert(7, "-"),
                       i < 16 ? "keep" : i < 21 ? "rotate" : "develop"});
    }
    return out;
}

/// bengkulu_2021 scores (paper, interview, track_record, performance_contract) giving each outcome.
std::vector<std::pair<std::string, int>> scores_for(const std::string& outcome) {
    if (outcome == "keep") return {{"paper", 85}, {"interview", 85}, {"track_record", 85}, {"performance_contract", 85}};
    if (outcome == "rotate") return {{"paper", 80}, {"interview", 90}, {"track_record", 70}, {"performance_contract", 60}};
    return {{"paper", 60}, {"interview", 60}, {"track_record", 60}, {"performance_contract", 60}};
}

const std::vector<std::string> pansel{"--sk-number", "800/1520/BKD/2021", "--chair", "Sekretaris Daerah Provinsi",
                                      "--members", "Lima anggota pansel", "--member-count", "5"};

/// Replay of the case equals its projection.
void replay_equals_projection(const Cli& cli, const std::string& id) {
    INFO(id);
    auto replay = cli.json({"audit", "replay", id, "--json"});
    auto shown = cli.json({"show", id, "--json"});
    CHECK(replay.at("data") == shown.at("data"));
    CHECK(replay.at("state") == shown.at("state"));
}

}  // namespace

TEST_CASE("Bengkulu 2021: a job fit of 32 then open selection for its 6 vacant posts - a rotate goes to the PPK",
          "[scenario][jobfit][selection][linked]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const auto officials = province();
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << alur::scenario::jobfit::jpt_roster_csv(officials);
    REQUIRE(cli({"roster", "import", csv}).exit_code == 0);

    auto started = cli({"jobfit", "start", "--as-of", "2021-10-01", "--at", "2021-10-04 09:00", "--actor", "tim_bkd"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    REQUIRE(started.out.rfind("JF-2021-001\n", 0) == 0);
    CHECK(contains(started.out, "Dibuka 25 kasus"));
    CHECK(contains(started.out, "Dikecualikan 7 pejabat:"));

    // Before any outcome is approved, the batch has no vacancy to open a selection for.
    std::vector<std::string> from_batch{"selection", "start", "--from-jobfit", "JF-2021-001", "--at", "2021-10-05 09:00",
                                        "--actor", "tim_bkd"};
    from_batch.insert(from_batch.end(), pansel.begin(), pansel.end());
    auto too_early = cli(from_batch);
    CHECK(too_early.exit_code == 2);
    CHECK(contains(too_early.err, "angkatan JF-2021-001 tidak meninggalkan jabatan lowong"));

    std::map<std::string, std::string> case_of;  // nip -> job fit case
    const auto report = cli.json({"jobfit", "report", "JF-2021-001", "--format", "json"});
    for (const auto& row : report.at("officials").as_array())
        case_of[std::string(row.at("nip").as_string())] = std::string(row.at("case").as_string());
    REQUIRE(case_of.size() == 25);

    // The job fit: scores, the panel, KASN's recommendation.
    for (int i = 0; i < 25; ++i) {
        const Official& o = officials[i];
        const std::string& id = case_of.at(o.nip);
        for (const auto& [component, value] : scores_for(o.outcome))
            advance(cli, {id, "score_recorded", "component=" + component, "value=" + std::to_string(value), "--at",
                          "2021-10-11 10:00"});
        advance(cli, {id, "assessment_completed", "--at", "2021-10-12 10:00"});
        advance(cli, {id, "panel_reported", "ref=BA/PANSEL/2021/" + id, "summary=hasil uji kompetensi", "--at",
                      "2021-10-13 10:00"});
        advance(cli, {id, "recommendation_requested", "ref=800/1021/BKD/2021", "--at", "2021-10-14 10:00"});
        advance(cli, {id, "recommendation_received", "decision=approve", "ref=B-3021/KASN/10/2021", "--at",
                      "2021-10-25 10:00"});
    }

    // The governor approves every outcome. Each rotate opens a mutation at the PPK's
    // decision; two name the post the official moves to.
    const std::map<int, std::pair<std::string, std::string>> targets{
        {16, {"Staf Ahli Gubernur Bidang Pemerintahan", "Sekretariat Daerah"}},
        {17, {"Staf Ahli Gubernur Bidang Ekonomi", "Sekretariat Daerah"}}};
    std::map<int, std::string> mutation_of;
    int opened = 0;
    for (int i = 0; i < 25; ++i) {
        const Official& o = officials[i];
        std::vector<std::string> review{case_of.at(o.nip), "ppk_reviewed", "decision=approve",
                                        "sk_number=800/2021/JF/" + std::to_string(i + 1), "--at", "2021-11-01 10:00"};
        if (auto t = targets.find(i); t != targets.end()) {
            review.push_back("target_post=" + t->second.first);
            review.push_back("target_unit=" + t->second.second);
        }
        const std::string out = advance(cli, review, "ppk");
        CHECK(contains(out, case_of.at(o.nip) + ": ppk_review -> closed"));
        if (o.outcome == "rotate") {
            char id[16];
            std::snprintf(id, sizeof id, "MUT-%06d", ++opened);
            CHECK(contains(out, std::string(id) + " dibuka (mutation, ppk_decision)"));
            mutation_of[i] = id;
        } else {
            CHECK_FALSE(contains(out, "dibuka (mutation"));
        }
    }
    REQUIRE(mutation_of.size() == 5);

    // Each mutation carries the job fit's assessment: nothing is gathered, visited or scored again.
    for (const auto& [i, id] : mutation_of) {
        const auto source = cli.json({"show", case_of.at(officials[i].nip), "--json"}).at("data");
        const auto shown = cli.json({"show", id, "--json"});
        CHECK(shown.at("state").as_string() == "ppk_decision");
        const auto& data = shown.at("data");
        CHECK(data.at("origin").as_string() == case_of.at(officials[i].nip));
        const auto& assessment = data.at("assessment");
        CHECK(assessment.at("case") == data.at("origin"));
        CHECK(assessment.at("scores") == source.at("scores"));
        CHECK(assessment.at("total") == source.at("total"));
        CHECK(assessment.at("outcome").as_string() == "rotate");
        CHECK(assessment.at("recommendation").at("response").at("ref").as_string() == "B-3021/KASN/10/2021");
        CHECK(assessment.at("review").at("decision").as_string() == "approve");
        CHECK_FALSE(data.as_object().contains("records"));
        CHECK_FALSE(data.as_object().contains("scores"));
        CHECK(cli.count_events(id, "record_added") == 0);
        const auto allowed = shown.at("allowed_events").as_array();
        CHECK(std::find(allowed.begin(), allowed.end(), boost::json::value("ppk_decided")) != allowed.end());
        if (auto t = targets.find(i); t != targets.end()) {
            CHECK(data.at("official").at("target").as_string() == t->second.first);
            CHECK(data.at("official").at("target_unit").as_string() == t->second.second);
        }
    }

    // The two targeted moves are decided and inaugurated; a Plt acts in each post left.
    int plt = 0;
    for (const auto& [i, target] : targets) {
        const std::string& id = mutation_of.at(i);
        advance(cli, {id, "ppk_decided", "decision=approve", "post=" + target.first,
                      "sk_number=821.2/" + std::to_string(i) + "/BKD/2021", "--at", "2021-11-08 10:00"},
                "ppk");
        advance(cli, {id, "inaugurated", "date=2021-11-15", "sk_number=821.2/" + std::to_string(i) + "/BKD/2021",
                      "--at", "2021-11-15 09:00"});
        advance(cli, {id, "acting_assigned", "nip=" + nip_of("19750101", 40 + ++plt), "name=Plt " + std::to_string(plt),
                      "post=" + officials[i].post, "from=2021-11-16", "until=2022-02-15",
                      "letter=800/SP/" + std::to_string(plt) + "/2021", "--at", "2021-11-16 09:00"});
        CHECK(cli.json({"show", id, "--json"}).at("state").as_string() == "completed");
    }
    // A third move is completed too, but the Plt of its old post served only until a
    // definitive head was inaugurated there: that post is no longer vacant.
    {
        const std::string& id = mutation_of.at(18);
        advance(cli, {id, "ppk_decided", "decision=approve", "post=Staf Ahli Gubernur Bidang Kemasyarakatan",
                      "sk_number=821.2/18/BKD/2021", "--at", "2021-11-08 10:00"},
                "ppk");
        advance(cli, {id, "inaugurated", "date=2021-11-15", "sk_number=821.2/18/BKD/2021", "--at", "2021-11-15 09:00"});
        advance(cli, {id, "acting_assigned", "nip=" + nip_of("19750101", 44), "name=Plt 4", "post=" + officials[18].post,
                      "from=2021-11-16", "until=2022-02-15", "letter=800/SP/4/2021", "--at", "2021-11-16 09:00"});
        advance(cli, {id, "acting_ended", "date=2021-11-19", "reason=pejabat definitif dilantik", "--at",
                      "2021-11-19 15:00"});
    }
    // One official resting from office (develop) has a Plt too.
    const std::string rested = case_of.at(officials[21].nip);
    advance(cli, {rested, "acting_assigned", "nip=" + nip_of("19750101", 43), "name=Plt 3",
                  "post=" + officials[21].post, "from=2021-11-02", "until=2022-02-01", "letter=800/SP/3/2021", "--at",
                  "2021-11-02 09:00"});

    // One pansel for the batch's 6 vacancies: the 4 posts left by develop and the 2 held by a Plt.
    std::vector<std::string> start = from_batch;
    start[5] = "2021-11-22 09:00";
    auto selection = cli(start);
    INFO(selection.err);
    REQUIRE(selection.exit_code == 0);
    CHECK(contains(selection.out, "6 kasus seleksi terbuka dibuka dengan satu pansel (SK 800/1520/BKD/2021)"));
    std::set<std::string> expected_posts;
    for (int i : {21, 22, 23, 24}) {
        expected_posts.insert(officials[i].post);
        CHECK(contains(selection.out, officials[i].post + " (" + officials[i].unit + ")  <- " + case_of.at(officials[i].nip)));
    }
    for (const auto& [i, target] : targets) {
        expected_posts.insert(officials[i].post);
        CHECK(contains(selection.out, officials[i].post + " (" + officials[i].unit + ")  <- " + mutation_of.at(i) +
                                          " (dijabat Plt "));
    }
    CHECK_FALSE(contains(selection.out, officials[18].post));
    std::set<std::string> posts;
    const auto cases = cli.json({"list", "--workflow", "open_selection", "--json"}).as_array();
    REQUIRE(cases.size() == 6);
    for (const auto& c : cases) {
        const std::string id(c.at("id").as_string());
        const auto shown = cli.json({"show", id, "--json"});
        const auto& data = shown.at("data");
        CHECK(shown.at("state").as_string() == "announcement");  // opened and given the pansel
        CHECK(data.at("jobfit_batch").as_string() == "JF-2021-001");
        CHECK(data.at("grade").as_string() == "jpt_pratama");
        CHECK(data.at("pansel").at("sk_number").as_string() == "800/1520/BKD/2021");
        posts.insert(std::string(data.at("post").as_string()));
        replay_equals_projection(cli, id);
    }
    CHECK(posts == expected_posts);

    // Run again (or after a crash): the vacancies already opened are listed, nothing is opened twice.
    auto again = cli(start);
    REQUIRE(again.exit_code == 0);
    CHECK(contains(again.out, "0 kasus seleksi terbuka dibuka"));
    std::size_t listed = 0;
    for (std::size_t at = again.out.find("sudah dibuka dari angkatan JF-2021-001"); at != std::string::npos;
         at = again.out.find("sudah dibuka dari angkatan JF-2021-001", at + 1))
        ++listed;
    CHECK(listed == 6);
    CHECK(cli.json({"list", "--workflow", "open_selection", "--json"}).as_array().size() == 6);

    for (const auto& [i, id] : mutation_of) replay_equals_projection(cli, id);
    replay_equals_projection(cli, rested);
    auto verify = cli({"audit", "verify"});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
}

TEST_CASE("selection start --from-jobfit refuses bad input and writes nothing", "[scenario][selection][linked]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    std::vector<std::string> both{"selection", "start", "--posts", "Kepala Dinas Sosial", "--unit", "Dinas Sosial",
                                  "--from-jobfit", "JF-2021-001"};
    both.insert(both.end(), pansel.begin(), pansel.end());
    CHECK(cli(both).exit_code == 2);
    std::vector<std::string> neither{"selection", "start"};
    neither.insert(neither.end(), pansel.begin(), pansel.end());
    auto none = cli(neither);
    CHECK(none.exit_code == 2);
    CHECK(contains(none.err, "--posts atau --from-jobfit"));
    std::vector<std::string> unknown{"selection", "start", "--from-jobfit", "JF-2021-009"};
    unknown.insert(unknown.end(), pansel.begin(), pansel.end());
    CHECK(cli(unknown).exit_code == 4);
    CHECK(cli.json({"list", "--json"}).as_array().empty());
}
