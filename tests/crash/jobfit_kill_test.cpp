// A job fit batch is one thing: the real `alur jobfit start` of a 4,000-JPT
// roster, killed with SIGKILL at random moments (seeded), run again after
// each kill, finishes the same batch with exactly one case per official, the
// batch lists all of them, a finished batch run again opens nothing, and
// `alur audit verify` passes.
//
// The seed is ALUR_CRASH_SEED (default 20261201); the kill moments are
// uniform in [5 ms, 500 ms] after the process starts (a whole run takes about
// 1.5 s with the files in /dev/shm), so the early ones land
// in reading the roster, planning and storing the batch, the later ones among
// the cases.
#include "../scenarios/scenario_cli.hpp"
#include "crash_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

using alur::crash::Process;
using alur::scenario::Cli;

namespace {

constexpr int officials = 4000;

/// A valid NIP for official `i`: born 1970..1989 (all below retirement on the
/// batch date), appointed at 25, male, serial 001.
std::string nip_of(int i, std::string& birth) {
    char b[32], nip[64];
    const int year = 1970 + i % 20, month = 1 + (i / 20) % 12, day = 1 + (i / 240) % 28;
    std::snprintf(b, sizeof b, "%04d-%02d-%02d", year, month, day);
    std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d1001", year, month, day, year + 25, month);
    birth = b;
    return nip;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

unsigned seed() {
    const char* s = std::getenv("ALUR_CRASH_SEED");
    return s && *s ? static_cast<unsigned>(std::strtoul(s, nullptr, 10)) : 20261201u;
}

}  // namespace

TEST_CASE("jobfit start killed at random moments and run again opens one case per official of 4000",
          "[crash][jobfit]") {
    alur::crash::prefer_memory_tmpdir();
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    std::string csv = "nip,name,grade,post,unit,inaugurated_at,birth_date\n";
    std::set<std::string> roster;
    for (int i = 0; i < officials; ++i) {
        std::string birth;
        const std::string nip = nip_of(i, birth);
        roster.insert(nip);
        csv += nip + ",Pejabat " + std::to_string(i) + ",jpt_pratama,Kepala OPD " + std::to_string(i) + ",OPD " +
               std::to_string(i % 40) + ",2020-01-06," + birth + "\n";
    }
    REQUIRE(roster.size() == officials);
    std::ofstream(cli.dir / "roster.csv") << csv;
    auto imported = cli({"roster", "import", (cli.dir / "roster.csv").string()});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);

    std::vector<std::string> argv{alur::scenario::alur_bin};
    for (const auto& g : cli.globals()) argv.push_back(g);
    for (const char* a : {"jobfit", "start", "--as-of", "2026-10-01", "--actor", "tim_bkd"}) argv.emplace_back(a);

    std::mt19937 rng(seed());
    std::uniform_int_distribution<int> delay_ms(5, 500);
    std::string batch;  // the id the first run that got that far printed
    int killed = 0, finished_early = 0;
    std::string progress;  // cases open after each round
    for (int round = 0; round < 8; ++round) {
        const int delay = delay_ms(rng);
        const std::string name = "round" + std::to_string(round);
        Process p(argv, cli.dir.path().string(), (cli.dir / (name + ".out")).string(),
                  (cli.dir / (name + ".err")).string());
        if (auto code = p.wait_for(std::chrono::milliseconds(delay))) {
            INFO(p.err());
            REQUIRE(*code == 0);  // it finished before the kill
            ++finished_early;
        } else {
            p.kill9();
            CHECK(p.killed_by_signal());
            ++killed;
        }
        const std::string id = first_line(p.out());
        INFO("round " << round << ", killed after " << delay << " ms, printed: " << id);
        if (!id.empty() && batch.empty()) batch = id;
        if (!id.empty()) CHECK(id == batch);  // every run works on the same batch
        progress += (round ? " " : "") + std::to_string(cli.json({"list", "--json", "--workflow", "job_fit"}).as_array().size());
    }

    // Run to the end: the same batch, every official once.
    Process last(argv, cli.dir.path().string(), (cli.dir / "last.out").string(), (cli.dir / "last.err").string());
    {
        INFO(last.err());
        REQUIRE(last.wait() == 0);
    }
    const std::string out = last.out();
    if (batch.empty()) batch = first_line(out);
    CHECK(first_line(out) == batch);
    CHECK(batch == "JF-2026-001");
    CHECK(out.find("Dibuka 4000 kasus (profil bengkulu_2021, tanggal acuan 2026-10-01):") != std::string::npos);

    // The batch lists all of them, each with its own case.
    auto report = cli.json({"jobfit", "report", batch, "--format", "json"});
    const auto& rows = report.at("officials").as_array();
    CHECK(rows.size() == officials);
    std::set<std::string> listed, cases;
    for (const auto& r : rows) {
        listed.insert(std::string(r.at("nip").as_string()));
        cases.insert(std::string(r.at("case").as_string()));
    }
    CHECK(listed == roster);
    CHECK(cases.size() == officials);
    CHECK(cli({"jobfit", "report", "JF-2026-002"}).exit_code == 4);  // no second batch

    // Exactly one case per official in the journal.
    auto exported = cli({"export", "--workflow", "job_fit", "--format", "jsonl"});
    REQUIRE(exported.exit_code == 0);
    std::map<std::string, int> opened;
    for (const auto& e : alur::crash::json_lines(exported.out))
        if (e.at("name").as_string() == "opened") ++opened[std::string(e.at("payload").at("nip").as_string())];
    CHECK(opened.size() == officials);
    int twice = 0;
    for (const auto& [nip, n] : opened) twice += n != 1;
    CHECK(twice == 0);

    // A finished batch run again opens nothing and prints the same batch.
    auto again = cli({"jobfit", "start", "--as-of", "2026-10-01", "--actor", "tim_bkd"});
    REQUIRE(again.exit_code == 0);
    CHECK(again.out == out);
    auto after = cli({"export", "--workflow", "job_fit", "--format", "jsonl"});
    CHECK(alur::crash::json_lines(after.out).size() == alur::crash::json_lines(exported.out).size());

    auto verified = cli({"audit", "verify"});
    INFO(verified.out << verified.err);
    CHECK(verified.exit_code == 0);
    std::printf("jobfit crash: %d officials, %d runs killed, %d finished before the kill, cases open after "
                "each: %s; then one run to the end; seed %u\n",
                officials, killed, finished_early, progress.c_str(), seed());
}

TEST_CASE("jobfit start stores its plan and finds the same batch again until it is finished", "[crash][jobfit]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    std::string csv = "nip,name,grade,post,unit,inaugurated_at,birth_date\n";
    for (int i = 0; i < 3; ++i) {
        std::string birth;
        const std::string nip = nip_of(i, birth);
        csv += nip + ",Pejabat " + std::to_string(i) + ",jpt_pratama,Kepala OPD,OPD " + std::to_string(i) +
               ",2020-01-06," + birth + "\n";
    }
    std::ofstream(cli.dir / "roster.csv") << csv;
    REQUIRE(cli({"roster", "import", (cli.dir / "roster.csv").string()}).exit_code == 0);
    auto first = cli({"jobfit", "start", "--as-of", "2026-10-01", "--unit", "OPD 1"});
    REQUIRE(first.exit_code == 0);
    CHECK(first_line(first.out) == "JF-2026-001");
    // Another unit or date is another batch; the same command is the same batch.
    auto other = cli({"jobfit", "start", "--as-of", "2026-10-01", "--unit", "OPD 2"});
    REQUIRE(other.exit_code == 0);
    CHECK(first_line(other.out) == "JF-2026-002");
    auto same = cli({"jobfit", "start", "--as-of", "2026-10-01", "--unit", "OPD 1"});
    REQUIRE(same.exit_code == 0);
    CHECK(same.out == first.out);
    CHECK(cli.json({"list", "--json", "--workflow", "job_fit"}).as_array().size() == 2);
}
