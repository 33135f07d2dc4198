// An auditor's copy of the journal: the agency hands the Inspektorat a copy
// of alur.db on a read-only medium (a file they may not write, in a directory
// they may not write). Every reading command works on it through the real
// binary, prints what it prints on the original, and leaves no byte changed
// and no -wal or -shm file behind; a writing command is refused.
//
// Run as root (as in CI containers), permissions do not bind, so the commands
// run as the unprivileged user 65534 (setpriv) to make the read-only real.
#include "roster_rows.hpp"
#include "scenario_cli.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using alur::scenario::Cli;

namespace {

std::string file_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `cli`'s command line with `--db db`, run as an unprivileged user when we are root.
alur::test::RunResult run_on(const Cli& cli, const std::string& db, const std::vector<std::string>& args) {
    std::string line = cli.line(args);
    const std::string original = alur::test::shell_quote(cli.db());
    line.replace(line.find(original), original.size(), alur::test::shell_quote(db));
    if (::geteuid() == 0) {
        const auto at = line.find(" && ");
        line = line.substr(0, at) + " && setpriv --reuid=65534 --regid=65534 --clear-groups" + line.substr(at + 3);
    }
    return alur::test::run(line);
}

}  // namespace

TEST_CASE("Every reading command works on a read-only copy of the journal and writes nothing", "[scenario][readonly]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-06-02 09:00");
    REQUIRE(cli({"advance", id, "record_added", "item=skp", "value=baik", "--at", "2025-06-03 09:00", "--actor", "sari", "--reason", "rekam jejak"})
                .exit_code == 0);
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << alur::test::roster_rows::header << alur::test::roster_rows::yusuf
                       << alur::test::roster_rows::rina;
    REQUIRE(cli({"roster", "import", csv}).exit_code == 0);
    auto started = cli({"jobfit", "start", "--as-of", "2021-10-01", "--at", "2021-10-04 09:00", "--actor", "tim_bkd"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    auto post = cli({"open", "open_selection", "--post", "Kepala Bappeda", "--unit", "Bappeda", "--grade",
                     "jpt_pratama", "--at", "2025-02-03 09:00", "--actor", "sari", "--reason", "jabatan lowong"});
    REQUIRE(post.exit_code == 0);
    const std::string selection = post.out.substr(0, post.out.size() - 1);

    const std::vector<std::vector<std::string>> reading{
        {"show", id},
        {"show", id, "--json"},
        {"history", id},
        {"list"},
        {"list", "--json"},
        {"export", "--format", "jsonl"},
        {"events", "mutation"},
        {"diagram", "mutation"},
        {"audit", "replay", id},
        {"audit", "verify"},
        {"audit", "checkpoint"},
        {"audit", "refusals"},
        {"token", "list"},
        {"roster", "list"},
        {"jobfit", "report", "JF-2021-001"},
        {"selection", "applicants", selection},
        {"cases", "linked", id},
        {"cases", "linked", id, "--json"},
    };
    // What each prints on the original (writable) file.
    std::vector<std::string> expected;
    for (const auto& args : reading) {
        auto r = cli(args);
        INFO(cli.line(args) << "\n" << r.err);
        REQUIRE(r.exit_code == 0);
        expected.push_back(r.out);
    }

    // The copy: alur.db alone, after `alur checkpoint` folded the WAL in (the
    // writers keep it when they close), mode 444, in a directory of mode 555.
    REQUIRE(cli({"checkpoint"}).exit_code == 0);
    const auto media = cli.dir / "media";
    std::filesystem::create_directory(media);
    const auto copy = media / "alur.db";
    std::filesystem::copy_file(cli.db(), copy);
    REQUIRE((!std::filesystem::exists(cli.db() + "-wal") || std::filesystem::file_size(cli.db() + "-wal") == 0));
    const std::string bytes = file_text(copy);
    ::chmod(cli.dir.path().c_str(), 0755);
    ::chmod(copy.c_str(), 0444);
    ::chmod(media.c_str(), 0555);

    for (std::size_t i = 0; i < reading.size(); ++i) {
        auto r = run_on(cli, copy.string(), reading[i]);
        INFO(reading[i][0] << (reading[i].size() > 1 ? " " + reading[i][1] : "") << "\n" << r.err);
        CHECK(r.exit_code == 0);
        if (reading[i][0] != "audit" || reading[i][1] != "verify") CHECK(r.out == expected[i]);  // verify prints timings
    }
    CHECK(file_text(copy) == bytes);
    CHECK_FALSE(std::filesystem::exists(copy.string() + "-wal"));
    CHECK_FALSE(std::filesystem::exists(copy.string() + "-shm"));

    // A writing command is refused and changes nothing.
    auto advance = run_on(cli, copy.string(), {"advance", id, "record_added", "item=edijab", "value=baik", "--at",
                                               "2025-06-04 09:00", "--actor", "sari", "--reason", "rekam jejak"});
    CHECK(advance.exit_code != 0);
    CHECK(file_text(copy) == bytes);

    // The same copy, writable directory but read-only file: the reading
    // commands still work (SQLite's -shm may be created beside it) and the
    // database file itself is not touched.
    ::chmod(media.c_str(), 0777);
    for (std::size_t i = 0; i < reading.size(); ++i) {
        auto r = run_on(cli, copy.string(), reading[i]);
        INFO(reading[i][0] << "\n" << r.err);
        CHECK(r.exit_code == 0);
    }
    CHECK(file_text(copy) == bytes);
    ::chmod(media.c_str(), 0755);
}

TEST_CASE("audit verify tells a changed deadline configuration as drift from an altered row as tampering", "[scenario][audit]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-06-02 09:00");
    REQUIRE(cli({"audit", "verify"}).exit_code == 0);

    // The agency lengthens record gathering after the case entered it.
    std::ofstream(cli.config(), std::ios::app) << "\n[deadlines.mutation.record_gathering]\nworking_days = 12\n";
    auto drift = cli({"audit", "verify"});
    CHECK(drift.exit_code == 6);
    CHECK(drift.err.find("penyimpangan konfigurasi tenggat") != std::string::npos);
    CHECK(drift.err.find("deadlines.working_days") != std::string::npos);
    CHECK(drift.err.find(id) != std::string::npos);
    auto json = cli({"audit", "verify", "--json"});
    CHECK(json.exit_code == 6);
    CHECK(boost::json::parse(json.out).at("problem").at("kind").as_string() == "drift");

    // An altered timer row under the configuration the case was opened with: tampering.
    {
        std::ofstream(cli.config()) << alur::scenario::file_channel_config;
    }
    REQUIRE(alur::test::run("sqlite3 " + alur::test::shell_quote(cli.db()) +
                            " \"UPDATE timers SET due_at = '2025-12-31T09:00:00.000Z' WHERE kind = 'deadline'\"")
                .exit_code == 0);
    auto tampered = cli({"audit", "verify", "--json"});
    CHECK(tampered.exit_code == 6);
    const auto problem = boost::json::parse(tampered.out).at("problem");
    CHECK(problem.at("kind").as_string() == "tampered");
    CHECK(problem.at("case_id").as_string() == id);
}
