// The `alur` command line as an administrator uses it: the real binary on a
// fresh SQLite file in a temporary directory, with the built-in configuration.
//
// Story: a regency's BKPSDM moves its Kepala Dinas Pendidikan (a JPT Pratama
// in post since 2021) to the regional planning agency. Every step of the case
// is typed at the command line and checked by what `alur` prints; then the
// exit codes a script relies on, and two `alur` processes writing one case.
#include "test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using alur::test::RunResult;
using alur::test::shell_quote;
using alur::test::TempDir;

namespace {

const std::string alur_bin = ALUR_BIN_DIR "/alur";

/// A temporary working directory with its own database; runs `alur` there.
class Cli {
public:
    RunResult operator()(const std::vector<std::string>& args) const { return alur::test::run(line(args)); }

    /// The shell command line running `alur ARGS` in the directory, without
    /// the caller's ALUR_* variables.
    std::string line(const std::vector<std::string>& args) const {
        std::string cmd = "cd " + shell_quote(dir.path().string()) +
                          " && env -u ALUR_DB -u ALUR_CONFIG -u ALUR_LANG " + shell_quote(alur_bin) + " --db " +
                          shell_quote(db());
        for (const auto& a : args) cmd += " " + shell_quote(a);
        return cmd;
    }

    std::string db() const { return (dir / "alur.db").string(); }

    boost::json::value json(const std::vector<std::string>& args) const {
        auto r = (*this)(args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return boost::json::parse(r.out);
    }

    std::size_t history_length(const std::string& case_id) const {
        return json({"history", case_id, "--json"}).as_array().size();
    }

    /// Creates the database and opens the story's case; returns its id.
    std::string open_case() const {
        REQUIRE((*this)({"init"}).exit_code == 0);
        auto r = (*this)({"open", "mutation", "--nip", "197603152005011002", "--name", "Drs. Hendra Gunawan, M.Si.",
                          "--grade", "jpt_pratama", "--post", "Kepala Dinas Pendidikan", "--target",
                          "Kepala Badan Perencanaan Pembangunan Daerah", "--unit", "Dinas Pendidikan",
                          "--inaugurated-at", "2021-03-08", "--at", "2025-09-01 08:30", "--actor", "sari"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        REQUIRE(r.out.size() > 1);
        return r.out.substr(0, r.out.size() - 1);
    }

    TempDir dir;
};

/// Runs `alur advance CASE EVENT PAIRS... --actor sari --reason ... [EXTRA...]`.
RunResult advance(const Cli& cli, const std::string& id, const std::string& event, std::vector<std::string> pairs,
                  const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"advance", id, event};
    args.insert(args.end(), pairs.begin(), pairs.end());
    for (const auto& a : {"--actor", "sari", "--reason", "langkah kasus"}) args.emplace_back(a);
    args.insert(args.end(), extra.begin(), extra.end());
    return cli(args);
}

/// Advances and checks the one line printed: "CASE: from -> to (v N)".
void step(const Cli& cli, const std::string& id, const std::string& event, std::vector<std::string> pairs,
          const std::string& from, const std::string& to, int version, const std::vector<std::string>& extra = {}) {
    auto r = advance(cli, id, event, std::move(pairs), extra);
    INFO(event << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == id + ": " + from + " -> " + to + " (v " + std::to_string(version) + ")\n");
}

const std::vector<std::string> items{"career_history", "achievements", "skp", "edijab", "competency_test",
                                     "superior_recommendation", "neutrality", "discipline"};

}  // namespace

TEST_CASE("a mutation case goes through all six states to completed using only the CLI", "[scenario][cli]") {
    Cli cli;
    auto init = cli({"init"});
    REQUIRE(init.exit_code == 0);
    CHECK(init.out.find("alur.db") != std::string::npos);

    const std::string id = cli.open_case();
    CHECK(id == "MUT-000001");

    int v = 1;
    for (const auto& item : items)
        step(cli, id, "record_added", {"item=" + item, "value=lengkap", "source=BKPSDM"}, "record_gathering",
             "record_gathering", ++v, {"--at", "2025-09-03"});
    step(cli, id, "records_completed", {}, "record_gathering", "field_visit", ++v, {"--at", "2025-09-05"});

    step(cli, id, "visit_scheduled", {"date=2025-09-15", "team=Tim Penilai: Yusri, Dewi"}, "field_visit",
         "field_visit", ++v, {"--at", "2025-09-08"});
    step(cli, id, "interview_recorded", {"role=rt_head", "name=Bapak Syafrizal", "summary=Aktif di kegiatan warga"},
         "field_visit", "field_visit", ++v, {"--at", "2025-09-15"});
    step(cli, id, "interview_recorded", {"role=community_figure", "name=H. Zainal", "summary=Jujur"}, "field_visit",
         "field_visit", ++v, {"--at", "2025-09-15"});
    step(cli, id, "interview_recorded", {"role=neighbour", "name=Ibu Nurhayati", "summary=Ramah"}, "field_visit",
         "field_visit", ++v, {"--at", "2025-09-15"});
    step(cli, id, "visit_completed", {}, "field_visit", "scoring", ++v, {"--at", "2025-09-16"});

    for (const auto& score : {"paper=86", "interview=84", "track_record=90", "performance_contract=88"}) {
        const std::string s = score;
        step(cli, id, "score_recorded", {"component=" + s.substr(0, s.find('=')), "value=" + s.substr(s.find('=') + 1)},
             "scoring", "scoring", ++v, {"--at", "2025-09-22"});
    }
    step(cli, id, "scoring_completed", {}, "scoring", "recommendation", ++v, {"--at", "2025-09-23"});

    step(cli, id, "recommendation_requested", {"ref=800/412/BKPSDM/2025"}, "recommendation", "recommendation", ++v,
         {"--at", "2025-09-24"});
    step(cli, id, "recommendation_received", {"decision=approve", "ref=R-1187/BKN/X/2025"}, "recommendation",
         "ppk_decision", ++v, {"--at", "2025-10-14"});

    // The PPK decides: the role is `ppk`; a score-like SK number stays text.
    step(cli, id, "ppk_decided", {"decision=approve", "post=Kepala Bappeda", "sk_number=821"}, "ppk_decision",
         "inauguration", ++v, {"--role", "ppk", "--at", "2025-10-27"});

    step(cli, id, "inauguration_scheduled", {"date=2025-11-10"}, "inauguration", "inauguration", ++v,
         {"--at", "2025-10-28"});
    step(cli, id, "inaugurated", {"date=2025-11-10", "sk_number=821.2/145/BKPSDM/2025"}, "inauguration", "completed",
         ++v, {"--at", "2025-11-10 09:00"});

    auto shown = cli.json({"show", id, "--json"}).as_object();
    CHECK(shown.at("state").as_string() == "completed");
    CHECK(shown.at("version").to_number<int>() == v);
    // A completed case only takes the acting official (Plt) of the post it left.
    CHECK(shown.at("allowed_events") == boost::json::array{"acting_assigned", "acting_ended"});

    auto history = cli.json({"history", id, "--json"}).as_array();
    REQUIRE(history.size() == static_cast<std::size_t>(v));
    CHECK(history.front().at("name").as_string() == "opened");
    CHECK(history.front().at("occurred_at").as_string() == "2025-09-01T08:30:00+07:00");
    CHECK(history.back().at("name").as_string() == "inaugurated");
    CHECK(history.back().at("actor").as_string() == "sari");
    const auto& decision = history.at(history.size() - 3).as_object();
    CHECK(decision.at("role").as_string() == "ppk");
    CHECK(decision.at("payload").at("sk_number").as_string() == "821");

    auto listed = cli.json({"list", "--state", "completed", "--json"}).as_array();
    REQUIRE(listed.size() == 1);
    CHECK(listed.front().at("id").as_string() == id);
    CHECK(cli.json({"list", "--state", "rejected", "--json"}).as_array().empty());

    auto text = cli({"show", id});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("completed") != std::string::npos);
    CHECK(cli({"history", id}).out.find("inaugurated") != std::string::npos);

    auto events = cli({"events", "mutation"});
    CHECK(events.exit_code == 0);
    CHECK(events.out.find("records_completed") != std::string::npos);
    CHECK(events.out.find("rt_head") != std::string::npos);
    CHECK(cli({"diagram", "mutation"}).out.rfind("stateDiagram-v2", 0) == 0);
    CHECK(cli({"diagram", "mutation", "--format", "dot"}).out.rfind("digraph", 0) == 0);
    // Replaying the story gives exactly what was stored.
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("the CLI's exit codes tell a script what happened", "[scenario][cli]") {
    Cli cli;

    SECTION("4: no database yet, or no such case") {
        auto r = cli({"show", "MUT-000001"});
        CHECK(r.exit_code == 4);
        CHECK(r.err.find("alur init") != std::string::npos);
        cli.open_case();
        CHECK(cli({"show", "MUT-999999"}).exit_code == 4);
        CHECK(cli({"history", "MUT-999999"}).exit_code == 4);
        CHECK(advance(cli, "MUT-999999", "records_completed", {}).exit_code == 4);
    }

    SECTION("2: bad usage, bad arguments, bad payloads") {
        const std::string id = cli.open_case();
        CHECK(cli({}).exit_code == 2);
        CHECK(cli({"frobnicate"}).exit_code == 2);
        CHECK(cli({"advance", id, "records_completed", "--reason", "tanpa pelaku"}).exit_code == 2);  // no --actor
        CHECK(cli({"--lang", "fr", "list"}).exit_code == 2);
        CHECK(advance(cli, id, "record_added", {"item"}).exit_code == 2);
        CHECK(advance(cli, id, "record_added", {"item=skp"}, {"--data", "{not json"}).exit_code == 2);
        CHECK(advance(cli, id, "record_added", {"item=skp", "value=85"}, {"--at", "2025-02-30"}).exit_code == 2);
        CHECK(advance(cli, id, "no_such_event", {}).exit_code == 2);

        auto bad_item = advance(cli, id, "record_added", {"item=horoscope", "value=Leo"});
        CHECK(bad_item.exit_code == 2);
        CHECK(bad_item.err.find("item") != std::string::npos);
        auto missing = advance(cli, id, "record_added", {"item=skp"});
        CHECK(missing.exit_code == 2);
        CHECK(missing.err.find("value") != std::string::npos);

        auto bad_nip = cli({"open", "mutation", "--nip", "197602302005011002", "--name", "X", "--grade",
                            "jpt_pratama", "--post", "Kepala Dinas", "--inaugurated-at", "2021-03-08"});
        CHECK(bad_nip.exit_code == 2);
        CHECK(bad_nip.err.find("NIP") != std::string::npos);

        // --data and key=value together; nothing above was written.
        auto merged = advance(cli, id, "record_added", {"value=85"}, {"--data", R"({"item":"skp","value":"70"})"});
        INFO(merged.err);
        CHECK(merged.exit_code == 0);
        auto history = cli.json({"history", id, "--json"}).as_array();
        REQUIRE(history.size() == 2);
        CHECK(history.back().at("payload").at("value").as_string() == "85");
    }

    SECTION("3: refused by the workflow, naming what is missing") {
        const std::string id = cli.open_case();
        advance(cli, id, "record_added", {"item=skp", "value=Sangat baik"});
        auto r = advance(cli, id, "records_completed", {});
        CHECK(r.exit_code == 3);
        CHECK(r.out.empty());
        for (const auto& item : {"career_history", "edijab", "discipline"}) CHECK(r.err.find(item) != std::string::npos);
        CHECK(r.err.find("skp,") == std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line

        CHECK(advance(cli, id, "visit_completed", {}).exit_code == 3);  // no such transition here
        auto en = cli({"--lang", "en", "advance", id, "records_completed", "--actor", "sari", "--reason", "x"});
        CHECK(en.exit_code == 3);
        CHECK(en.err.rfind("alur: refused by the workflow: ", 0) == 0);
        CHECK(cli.history_length(id) == 2);
    }

    SECTION("5: an expected version that is not the case's") {
        const std::string id = cli.open_case();
        auto stale = advance(cli, id, "record_added", {"item=skp", "value=85"}, {"--expect-version", "7"});
        CHECK(stale.exit_code == 5);
        CHECK(advance(cli, id, "record_added", {"item=skp", "value=85"}, {"--expect-version", "1"}).exit_code == 0);
        CHECK(cli.history_length(id) == 2);
    }

    SECTION("an idempotency key: the same command answers the same, another command conflicts (5)") {
        const std::string id = cli.open_case();
        auto first = advance(cli, id, "record_added", {"item=skp", "value=85"}, {"--key", "skp-2025"});
        REQUIRE(first.exit_code == 0);
        auto again = advance(cli, id, "record_added", {"item=skp", "value=85"}, {"--key", "skp-2025"});
        CHECK(again.exit_code == 0);
        CHECK(again.out == first.out);
        CHECK(cli.history_length(id) == 2);

        auto other = advance(cli, id, "record_added", {"item=skp", "value=90"}, {"--key", "skp-2025"});
        CHECK(other.exit_code == 5);
        CHECK(cli.history_length(id) == 2);
    }
}

TEST_CASE("two alur processes writing one case lose and duplicate nothing", "[scenario][cli]") {
    Cli cli;
    const std::string id = cli.open_case();

    // Two shells in the background, each running `alur advance` 20 times.
    const std::string one = cli.line({"advance", id, "record_added", "item=skp", "value=$i", "--actor", "sari",
                                      "--reason", "bersamaan"});
    // `value=$i` must expand: lift it out of its single quotes.
    std::string cmd = one;
    const std::string quoted = shell_quote("value=$i");
    cmd.replace(cmd.find(quoted), quoted.size(), "value=\"$i\"");
    const std::string loop = "for i in $(seq 1 20); do " + cmd + " >/dev/null || echo FAILED $i; done";
    auto r = alur::test::run("( ( " + loop + " ) & ( " + loop + " ) & wait )");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("FAILED") == std::string::npos);

    auto history = cli.json({"history", id, "--json"}).as_array();
    REQUIRE(history.size() == 41);
    for (std::size_t i = 0; i < history.size(); ++i) CHECK(history[i].at("seq").to_number<std::size_t>() == i + 1);
    CHECK(cli.json({"show", id, "--json"}).at("version").to_number<int>() == 41);
    CHECK(cli({"audit", "verify"}).exit_code == 0);  // chain and projection intact after the race
}
