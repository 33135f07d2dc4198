// Upgrading journals written by every earlier release: the files in
// tests/fixtures/schema/ (v1.db .. v7.db) were each made by the real `alur`
// of the last commit at that schema version (make_fixtures.sh says which
// commit and which commands). Each is copied, looked at with
// `alur migrate --check` (the file must not change: bytes, mtime and schema
// version), upgraded with `alur migrate` (which verifies it as
// `alur audit verify`), and then read back and written to with today's binary.
// tests/support/schema_undo.hpp simulates older files in the adapter tests;
// these are the files older builds really wrote.
#include "scenario_cli.hpp"

#include "alur/sqlite/schema.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace {

using alur::scenario::Cli;
namespace fs = std::filesystem;

const fs::path fixtures = fs::path(ALUR_SOURCE_DIR) / "tests" / "fixtures" / "schema";

std::string bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// One integer read from the file with a read-only connection.
std::int64_t scalar(const std::string& db, const std::string& sql) {
    SQLite::Database raw(db, SQLite::OPEN_READONLY);
    SQLite::Statement q(raw, sql);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
}

std::int64_t stored_version(const std::string& db) {
    return scalar(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'");
}

/// The line of `out` that starts with `label`, its padding dropped ("File's schema version: 3").
std::string labelled(const std::string& out, const std::string& label) {
    const auto at = out.find(label);
    if (at == std::string::npos) return {};
    const auto end = out.find('\n', at);
    const auto value = out.find_first_not_of(' ', at + label.size());
    return label + " " + out.substr(value, end - value);
}

/// The file's bytes and mtime, to compare before and after a command that must not write it.
struct Snapshot {
    explicit Snapshot(const std::string& db) : bytes(bytes_of(db)), mtime(fs::last_write_time(db)) {}
    bool operator==(const Snapshot&) const = default;
    std::string bytes;
    fs::file_time_type mtime;
};

}  // namespace

TEST_CASE("journals written by every earlier schema version upgrade with alur migrate and verify",
          "[scenario][cli][upgrade]") {
    const int current = alur::sqlite::schema_version();
    REQUIRE(current >= 2);
    for (int version = 1; version < current; ++version) {
        const fs::path fixture = fixtures / ("v" + std::to_string(version) + ".db");
        DYNAMIC_SECTION("schema version " << version) {
            INFO(fixture.string());
            REQUIRE(fs::exists(fixture));  // every earlier version has its fixture (make_fixtures.sh)
            CHECK(fs::file_size(fixture) < 100 * 1024);  // tens of KB: make_fixtures.sh compacts them
            Cli cli;
            fs::copy_file(fixture, cli.db());
            REQUIRE(stored_version(cli.db()) == version);
            const auto events = scalar(cli.db(), "SELECT count(*) FROM events");
            const auto cases = scalar(cli.db(), "SELECT count(*) FROM cases");
            const auto case1_events = scalar(cli.db(), "SELECT count(*) FROM events WHERE case_id = 'MUT-000001'");
            REQUIRE(events > 10);

            // --check: what would run, and nothing changes.
            const Snapshot before(cli.db());
            auto check = cli({"--lang", "en", "migrate", "--check"});
            INFO(check.out << check.err);
            REQUIRE(check.exit_code == 0);
            CHECK(labelled(check.out, "File's schema version:") == "File's schema version: " + std::to_string(version));
            CHECK(labelled(check.out, "This build's schema version:") ==
                  "This build's schema version: " + std::to_string(current));
            CHECK(check.out.find("Migrations that would run (" + std::to_string(current - version) + "):") !=
                  std::string::npos);
            for (int v = version + 1; v <= current; ++v)
                CHECK(check.out.find("  v" + std::to_string(v) + "  ") != std::string::npos);
            CHECK(check.out.find("Nothing was changed (--check)") != std::string::npos);
            auto json = cli.json({"migrate", "--check", "--json"});
            CHECK(json.at("schema_version").to_number<int>() == version);
            CHECK(json.at("build_schema_version").to_number<int>() == current);
            CHECK(json.at("up_to_date").as_bool() == false);
            CHECK(json.at("pending").as_array().size() == static_cast<std::size_t>(current - version));
            CHECK(json.at("pending").as_array().front().at("version").to_number<int>() == version + 1);
            CHECK(Snapshot(cli.db()) == before);
            CHECK(stored_version(cli.db()) == version);

            // migrate: upgraded, then verified. A version 1 file's cases entered
            // their states before schema 2 gave states deadlines: they have
            // no due time and no timers until their next transition, which
            // verify reports as deadline drift (not tampering), exit 6.
            const bool before_deadlines = version == 1;
            auto migrated = cli({"--lang", "en", "migrate"});
            INFO(migrated.out << migrated.err);
            REQUIRE(migrated.exit_code == (before_deadlines ? 6 : 0));
            if (before_deadlines)
                CHECK(migrated.err.find("deadline configuration drift (not a change of the chain)") !=
                      std::string::npos);
            CHECK(migrated.out.find("Migrations run (" + std::to_string(current - version) + "):") !=
                  std::string::npos);
            CHECK(migrated.out.find("Migrated from version " + std::to_string(version) + " to version " +
                                    std::to_string(current)) != std::string::npos);
            CHECK((migrated.out.find("The journal holds: hash chain") != std::string::npos) == !before_deadlines);
            CHECK(stored_version(cli.db()) == current);

            // Read back: every event and case, the stories' states.
            const auto verified = [&] {
                auto r = cli({"audit", "verify", "--json"});
                INFO(r.err);
                CHECK(r.exit_code == (before_deadlines ? 6 : 0));
                auto v = boost::json::parse(r.out);
                CHECK(v.at("ok").as_bool() == !before_deadlines);
                if (before_deadlines) {
                    CHECK(v.at("problem").at("kind").as_string() == "drift");
                    CHECK(v.at("problem").at("field").as_string() == "due_at");
                }
                return v;
            };
            auto verify = verified();
            CHECK(verify.at("events").to_number<std::int64_t>() == events);
            if (!before_deadlines) CHECK(verify.at("cases").to_number<std::int64_t>() == cases);
            CHECK(cli.json({"list", "--json"}).as_array().size() == static_cast<std::size_t>(cases));
            CHECK(cli.json({"history", "MUT-000001", "--json"}).as_array().size() ==
                  static_cast<std::size_t>(case1_events));
            CHECK(cli.json({"show", "MUT-000001", "--json"}).at("state").as_string() == "field_visit");
            CHECK(cli.json({"show", "MUT-000002", "--json"}).at("state").as_string() == "withdrawn");
            if (version >= 3) {
                auto tokens = cli({"token", "list"});
                CHECK(tokens.exit_code == 0);
                CHECK(tokens.out.find("sari") != std::string::npos);
                // Before v5 the grants chain did not exist: the migration journals the stored tokens.
                CHECK(verify.at("tokens").to_number<int>() == 2);
                CHECK(verify.at("grants").to_number<int>() >= 3);
            }

            // Written to: a new event appended to the old chain, a new case opened.
            auto advanced = cli({"advance", "MUT-000001", "interview_recorded", "role=neighbour",
                                 "name=Ibu Nurhayati", "summary=Ramah", "--actor", "sari", "--reason",
                                 "sesudah pemutakhiran", "--at", "2025-10-02 09:00"});
            INFO(advanced.err);
            CHECK(advanced.exit_code == 0);
            const std::string opened = cli.open_case("2025-10-02 10:00", "198203112008011005", "Dra. Yuliani");
            CHECK(opened.rfind("MUT-", 0) == 0);
            CHECK(opened != "MUT-000001");
            CHECK(opened != "MUT-000002");
            auto after = verified();
            CHECK(after.at("events").to_number<std::int64_t>() == events + 2);

            // Up to date now: --check says so, and the file stays as it is.
            const Snapshot upgraded(cli.db());
            auto again = cli({"--lang", "en", "migrate", "--check"});
            CHECK(again.exit_code == 0);
            CHECK(again.out.find("The schema is up to date (version " + std::to_string(current) + ")") !=
                  std::string::npos);
            CHECK(Snapshot(cli.db()) == upgraded);
            std::cout << "upgrade: v" << version << ".db (" << fs::file_size(fixture) << " bytes, " << events
                      << " events, " << cases << " cases): --check listed " << current - version
                      << " migrations and left the file unchanged; migrated to v" << current
                      << (before_deadlines ? ", verified (only deadline drift: cases from before deadlines)"
                                           : ", verified")
                      << "; appended 2 events, verified again\n";
        }
    }
}

TEST_CASE("alur migrate refuses a file of a newer schema and changes nothing", "[scenario][cli][upgrade]") {
    const int current = alur::sqlite::schema_version();
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    cli.open_case("2025-09-01 08:30");
    {
        SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE meta SET value = '" + std::to_string(current + 1) + "' WHERE key = 'schema_version'");
        raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const Snapshot before(cli.db());
    for (const std::vector<std::string>& args : {std::vector<std::string>{"migrate", "--check"},
                                                std::vector<std::string>{"migrate"}}) {
        auto r = cli(args);
        INFO(r.out << r.err);
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("berskema versi " + std::to_string(current + 1)) != std::string::npos);
        CHECK(r.err.find("tidak ada yang diubah") != std::string::npos);
    }
    auto en = cli({"--lang", "en", "migrate", "--check"});
    CHECK(en.exit_code == 3);
    CHECK(en.err.find("newer than this build's (" + std::to_string(current) + "): install a newer alur") !=
          std::string::npos);
    CHECK(Snapshot(cli.db()) == before);
    CHECK(stored_version(cli.db()) == current + 1);

    Cli none;
    auto missing = none({"migrate", "--check"});
    CHECK(missing.exit_code == 4);
    CHECK(!fs::exists(none.db()));
    CHECK(none({"migrate", "--json"}).exit_code == 2);  // --json needs --check
}

TEST_CASE("alur migrate refuses while alur serve holds the database and changes nothing", "[scenario][cli][upgrade]") {
    Cli cli;
    fs::copy_file(fixtures / "v7.db", cli.db());
    // What a running `alur serve` holds (serve_lock.hpp): flock on DB.serve.lock, "PID COMMAND" inside.
    const std::string lock_path = fs::canonical(cli.db()).string() + ".serve.lock";
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    // A live process (this test's own): the lock names only a holder that is running.
    const std::string pid = std::to_string(::getpid());
    const std::string holder = pid + " serve\n";
    REQUIRE(::write(fd, holder.data(), holder.size()) == static_cast<ssize_t>(holder.size()));
    const Snapshot before(cli.db());
    auto refused = cli({"--lang", "en", "migrate"});
    INFO(refused.out << refused.err);
    CHECK(refused.exit_code == 5);
    CHECK(refused.err.find("is in use by `alur serve` (PID " + pid + "): stop it before migrating") != std::string::npos);
    CHECK(cli({"migrate", "--check"}).exit_code == 0);  // looking is allowed beside a server
    CHECK(Snapshot(cli.db()) == before);
    CHECK(stored_version(cli.db()) == 7);
    ::close(fd);
    CHECK(cli({"migrate"}).exit_code == 0);  // the server gone: it migrates
    CHECK(stored_version(cli.db()) == alur::sqlite::schema_version());
}
