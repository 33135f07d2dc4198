// The files of an agency's server, as its IT officer meets them: every file
// `alur` creates is its owner's alone (0600) even under a permissive umask;
// `alur serve` warns about a database others may read; one server per
// database; `alur backup` and `alur restore` refuse what they must and
// leave nothing half-done. The real binary in a temporary directory.
// (The backup taken under write load is tests/crash/backup_load_test.cpp.)
#include "scenario_cli.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using alur::scenario::Cli;
using alur::scenario::Server;

namespace {

namespace fs = std::filesystem;

/// The permission bits of `path`, or -1 if it is not there.
int mode_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return -1;
    return static_cast<int>(st.st_mode & 07777);
}

std::string file_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `alur ARGS` run under `umask 022`, the usual login default.
alur::test::RunResult with_umask_022(const Cli& cli, const std::vector<std::string>& args) {
    return alur::test::run("umask 022 && " + cli.line(args));
}

/// The line of `out` starting with `prefix` (empty if none).
std::string line_of(const std::string& out, const std::string& prefix) {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0) return line;
    return {};
}

/// A case of record gathering with one record added (two events).
std::string case_with_two_events(const Cli& cli, const std::string& nip = "197603152005011002") {
    const std::string id = cli.open_case("2024-04-01 08:00", nip);
    auto added = cli({"advance", id, "record_added", "item=skp", "value=baik", "--at", "2024-04-02 09:00", "--actor",
                      "sari", "--reason", "rekam jejak"});
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    return id;
}

}  // namespace

TEST_CASE("Every file alur creates is mode 0600 under umask 022", "[scenario][backup][files]") {
    Cli cli;
    auto init = with_umask_022(cli, {"init"});
    INFO(init.err);
    REQUIRE(init.exit_code == 0);
    auto opened = with_umask_022(cli, {"open", "mutation", "--nip", "197603152005011002", "--name", "Hendra",
                                       "--grade", "jpt_pratama", "--post", "Kepala Dinas", "--inaugurated-at",
                                       "2021-03-08", "--at", "2024-04-01 08:00", "--actor", "sari"});
    REQUIRE(opened.exit_code == 0);
    // Weeks later: the reminders and the escalation fire, and their notices go to the file.
    auto due = with_umask_022(cli, {"run-due", "--now", "2024-04-30 09:00"});
    INFO(due.err);
    REQUIRE(due.exit_code == 0);
    const std::string jsonl = (cli.dir / "events.jsonl").string(), xlsx = (cli.dir / "events.xlsx").string();
    REQUIRE(with_umask_022(cli, {"export", "--out", jsonl}).exit_code == 0);
    REQUIRE(with_umask_022(cli, {"export", "--format", "xlsx", "--out", xlsx}).exit_code == 0);
    const std::string backup = (cli.dir / "backups" / "alur-1.db").string();
    auto backed = with_umask_022(cli, {"backup", backup});
    INFO(backed.err);
    REQUIRE(backed.exit_code == 0);

    const std::vector<std::string> files{cli.db(), cli.db() + "-wal", cli.notices_file(), jsonl, xlsx, backup};
    for (const auto& f : files) {
        INFO(f);
        CHECK(mode_of(f) == 0600);
    }
    if (fs::exists(cli.db() + "-shm")) CHECK(mode_of(cli.db() + "-shm") == 0600);
    CHECK(mode_of((cli.dir / "backups").string()) == 0700);  // the directory backup made
    CHECK(cli.notices().size() >= 1);

    if (::geteuid() == 0) {  // CI runs as root: what root's backup makes goes to the database's owner
        for (const char* s : {"", "-wal", "-shm"}) (void)!::chown((cli.db() + s).c_str(), 65534, 65534);
        const std::string owned = (cli.dir / "owned" / "sub" / "x.db").string();
        auto root_backup = cli({"backup", owned});
        INFO(root_backup.err);
        REQUIRE(root_backup.exit_code == 0);
        for (const auto& p : {owned, (cli.dir / "owned" / "sub").string(), (cli.dir / "owned").string()}) {
            struct stat st {};
            REQUIRE(::stat(p.c_str(), &st) == 0);
            INFO(p);
            CHECK(st.st_uid == 65534);
        }
    }
    std::printf("modes under umask 022: database, -wal, notices, export jsonl and xlsx, backup 0600; backup dir 0700\n");
}

TEST_CASE("alur serve warns at start when the database is open to others", "[scenario][backup][files]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    REQUIRE(::chmod(cli.db().c_str(), 0644) == 0);
    Server server(cli, {"--listen", "127.0.0.1:0"}, "loose");
    REQUIRE(server.wait_line("alur serve: siap"));
    const std::string log = server.log();
    INFO(log);
    CHECK(log.find("peringatan: " + cli.db() + " (0644) terbuka bagi grup atau pengguna lain") != std::string::npos);
    CHECK(log.find("`chmod 600 " + cli.db()) != std::string::npos);
    CHECK(log.find("open to group or others") != std::string::npos);  // the log line, in English
    CHECK(mode_of((cli.db() + ".serve.lock")) == 0600);
    server.stop(SIGTERM);

    REQUIRE(::chmod(cli.db().c_str(), 0600) == 0);
    for (const char* s : {"-wal", "-shm"}) ::chmod((cli.db() + s).c_str(), 0600);
    Server quiet(cli, {"--listen", "127.0.0.1:0"}, "tight");
    REQUIRE(quiet.wait_line("alur serve: siap"));
    CHECK(quiet.log().find("chmod") == std::string::npos);
}

TEST_CASE("A second alur serve on one database refuses naming the first's PID while the CLI keeps working",
          "[scenario][backup][serve]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = case_with_two_events(cli);
    {
        Server first(cli, {"--listen", "127.0.0.1:0"}, "first");
        REQUIRE(first.wait_line("alur serve: siap"));

        auto second = cli({"serve", "--listen", "127.0.0.1:0"});
        INFO(second.err);
        CHECK(second.exit_code == 5);
        CHECK(second.err.find("sudah dilayani oleh `alur serve` (PID " + std::to_string(first.pid()) + ")") !=
              std::string::npos);
        auto english = cli({"--lang", "en", "serve", "--listen", "127.0.0.1:0"});
        CHECK(english.exit_code == 5);
        CHECK(english.err.find("is already served by `alur serve` (PID " + std::to_string(first.pid()) + ")") !=
              std::string::npos);
        std::printf("second serve: exit %d: %s", second.exit_code, english.err.c_str());

        // Beside the server: reading, writing and backing up work.
        auto listed = cli({"list"});
        CHECK(listed.exit_code == 0);
        CHECK(listed.out.find(id) != std::string::npos);
        CHECK(cli({"advance", id, "record_added", "item=edijab", "value=baik", "--actor", "sari", "--reason", "r"})
                  .exit_code == 0);
        const std::string backup = (cli.dir / "beside.db").string();
        CHECK(cli({"backup", backup}).exit_code == 0);

        // Restore is refused while it runs, and changes nothing.
        const std::string before = cli({"audit", "checkpoint"}).out;
        auto restore = cli({"restore", backup});
        CHECK(restore.exit_code == 5);
        CHECK(restore.err.find("(PID " + std::to_string(first.pid()) + ")") != std::string::npos);
        CHECK(cli({"audit", "checkpoint"}).out == before);
        first.kill9();
    }
    // Killed: the lock file stays, but the kernel released the lock.
    CHECK(fs::exists(cli.db() + ".serve.lock"));
    Server again(cli, {"--listen", "127.0.0.1:0"}, "again");
    INFO(again.log());
    CHECK(again.wait_line("alur serve: siap"));
}

TEST_CASE("alur backup refuses an existing DEST unless --force and prints the checkpoint line",
          "[scenario][backup]") {
    Cli cli;
    const std::string dest = (cli.dir / "alur-backup.db").string();
    auto none = cli({"backup", dest});
    CHECK(none.exit_code == 4);  // no database yet
    CHECK_FALSE(fs::exists(dest));

    REQUIRE(cli({"init"}).exit_code == 0);
    case_with_two_events(cli);
    auto made = cli({"backup", dest});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    const std::string checkpoint = cli({"audit", "checkpoint"}).out;
    CHECK(line_of(made.out, "alur-checkpoint v1 ") + "\n" == checkpoint);
    CHECK(made.out.find("cadangan " + dest + ": 2 peristiwa, 1 kasus, terverifikasi") != std::string::npos);

    // The backup is a database of its own: alone (no -wal), verified, the same events.
    CHECK_FALSE(fs::exists(dest + "-wal"));
    auto verified = cli.on_db(dest, {"audit", "verify"});
    CHECK(verified.exit_code == 0);
    CHECK(cli.on_db(dest, {"export"}).out == cli({"export"}).out);

    const std::string bytes = file_text(dest);
    case_with_two_events(cli, "198001012006041001");
    auto again = cli({"backup", dest});
    CHECK(again.exit_code == 5);
    CHECK(again.err.find(dest + " sudah ada; beri --force") != std::string::npos);
    CHECK(file_text(dest) == bytes);
    auto forced = cli({"backup", dest, "--force", "--json"});
    INFO(forced.err);
    REQUIRE(forced.exit_code == 0);
    const auto report = boost::json::parse(forced.out);
    CHECK(report.at("events").as_int64() == 4);
    CHECK(report.at("cases").as_int64() == 2);
    CHECK(std::string(report.at("checkpoint").as_string()) + "\n" == cli({"audit", "checkpoint"}).out);
    CHECK(file_text(dest) != bytes);

    CHECK(cli({"backup", cli.dir.path().string()}).exit_code == 2);  // a directory
    CHECK(cli({"backup", cli.db()}).exit_code == 2);                 // the database itself
    CHECK(cli({"backup", cli.db(), "--force"}).exit_code == 2);
    // No temporary file is left behind by any of these.
    for (const auto& entry : fs::directory_iterator(cli.dir.path()))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("alur restore checks SRC first and refuses a damaged one leaving the database as it was",
          "[scenario][backup]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = case_with_two_events(cli);
    const std::string good = (cli.dir / "good.db").string();
    REQUIRE(cli({"backup", good}).exit_code == 0);
    const std::string second = case_with_two_events(cli, "198001012006041001");
    const std::string checkpoint = cli({"audit", "checkpoint"}).out;

    auto missing = cli({"restore", (cli.dir / "nothing.db").string()});
    CHECK(missing.exit_code == 4);

    const std::string garbage = (cli.dir / "garbage.db").string();
    std::ofstream(garbage) << std::string(8192, 'x');
    auto not_db = cli({"restore", garbage});
    INFO(not_db.err);
    CHECK(not_db.exit_code == 6);
    CHECK(cli({"audit", "checkpoint"}).out == checkpoint);

    // A backup whose event row was altered afterwards.
    const std::string tampered = (cli.dir / "tampered.db").string();
    fs::copy_file(good, tampered);
    auto altered = alur::test::run("sqlite3 " + alur::test::shell_quote(tampered) +
                                   " \"UPDATE events SET reason = 'diubah' WHERE seq = 2\"");
    REQUIRE(altered.exit_code == 0);
    auto bad = cli({"restore", tampered});
    INFO(bad.err);
    CHECK(bad.exit_code == 6);
    CHECK(bad.err.find("tidak lolos pemeriksaan, basis data " + cli.db() + " tidak diubah") != std::string::npos);
    CHECK(cli({"audit", "checkpoint"}).out == checkpoint);
    CHECK(cli({"show", second}).exit_code == 0);
    std::printf("restore of a tampered backup: exit %d: %s", bad.exit_code, bad.err.c_str());

    // The good one: the database is what the backup held, the old one kept aside.
    auto restored = cli({"restore", good});
    INFO(restored.err);
    REQUIRE(restored.exit_code == 0);
    CHECK(restored.out.find("dipulihkan dari " + good + ": 2 peristiwa, 1 kasus, terverifikasi") != std::string::npos);
    CHECK(cli({"audit", "verify"}).exit_code == 0);
    CHECK(cli({"show", id}).exit_code == 0);
    CHECK(cli({"show", second}).exit_code == 4);
    CHECK(mode_of(cli.db()) == 0600);
    const std::string kept_prefix = "basis data yang lama disimpan sebagai ";
    const std::string kept_line = line_of(restored.out, kept_prefix);
    REQUIRE_FALSE(kept_line.empty());
    const std::string kept = kept_line.substr(kept_prefix.size(), kept_line.find(" (hapus") - kept_prefix.size());
    CHECK(cli.on_db(kept, {"audit", "checkpoint"}).out == checkpoint);  // the old one, whole
    // The database works for writing again.
    CHECK(cli({"advance", id, "record_added", "item=edijab", "value=baik", "--actor", "sari", "--reason", "r"})
              .exit_code == 0);
}

TEST_CASE("A backup of a database of an older schema keeps its version and restores migrated", "[scenario][backup]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = case_with_two_events(cli);
    // As the previous release left it (schema 7: no users table), before an upgrade's backup.
    REQUIRE(cli({"checkpoint"}).exit_code == 0);
    auto undone = alur::test::run("sqlite3 " + alur::test::shell_quote(cli.db()) +
                                  " \"DROP TABLE users; UPDATE meta SET value = '7' WHERE key = 'schema_version'\"");
    REQUIRE(undone.exit_code == 0);
    const std::string dest = (cli.dir / "backups" / "pre-upgrade-0.9.db").string();
    auto made = cli({"backup", dest});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    CHECK(made.out.find("skema versi 7 (alur ini: 8): cadangan tetap versi 7") != std::string::npos);
    auto version = [](const std::string& db) {
        return alur::test::run("sqlite3 " + alur::test::shell_quote(db) +
                               " \"SELECT value FROM meta WHERE key = 'schema_version'\"")
            .out;
    };
    CHECK(version(dest) == "7\n");
    for (const auto& entry : fs::directory_iterator(cli.dir / "backups"))  // the scratch copy is gone
        CHECK(entry.path().filename().string() == "pre-upgrade-0.9.db");

    const std::string fresh = (cli.dir / "elsewhere" / "alur.db").string();
    auto restored = cli.on_db(fresh, {"restore", dest});
    INFO(restored.err);
    REQUIRE(restored.exit_code == 0);
    CHECK(version(fresh) == "8\n");
    CHECK(cli.on_db(fresh, {"show", id}).exit_code == 0);
    CHECK(cli.on_db(fresh, {"audit", "verify"}).exit_code == 0);
}
