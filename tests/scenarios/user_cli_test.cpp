// `alur user add|list|passwd|disable` on the real binary: the password read
// as one line of standard input (not a terminal), stored as a scrypt hash
// that verifies, every change journaled and checked by `alur audit verify`;
// bad input exit 2, an unknown user exit 4, a duplicate name exit 5.
#include "scenario_cli.hpp"

#include "alur/engine/passwords.hpp"
#include "alur/sqlite/users.hpp"

#include <SQLiteCpp/Database.h>
#include <boost/json/serialize.hpp>

#include <fstream>

using alur::scenario::Cli;

namespace {

/// `alur ARGS` with `input` on its standard input.
alur::test::RunResult with_stdin(const Cli& cli, const std::vector<std::string>& args, const std::string& input) {
    const auto file = cli.dir / "stdin.txt";
    std::ofstream(file) << input;
    return alur::test::run(cli.line(args) + " < " + alur::test::shell_quote(file.string()));
}

}  // namespace

TEST_CASE("alur user add reads the password from standard input and stores only its hash", "[scenario][users]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);

    auto added = with_stdin(cli, {"--lang", "en", "user", "add", "ani", "--role", "admin", "--unit", "Dinas Pendidikan"},
                            "kata-sandi-ani-1\n");
    INFO(added.err);
    REQUIRE(added.exit_code == 0);
    CHECK(added.out.find("user ani (role admin, unit Dinas Pendidikan) added") != std::string::npos);
    CHECK(added.out.find("kata-sandi") == std::string::npos);

    {
        auto store = alur::sqlite::SqliteUserStore::open(cli.db(), true).value();
        auto ani = store->find("ani").value();
        CHECK(ani.role == "admin");
        CHECK(ani.unit == "Dinas Pendidikan");
        CHECK(ani.password_hash.starts_with("scrypt$131072$8$1$"));
        CHECK(alur::verify_password("kata-sandi-ani-1", ani.password_hash));
        CHECK_FALSE(alur::verify_password("kata-sandi-ani-2", ani.password_hash));
    }

    SECTION("bad input, duplicates and unknown users") {
        auto dup = with_stdin(cli, {"user", "add", "ani", "--role", "ppk"}, "kata-sandi-lain-1\n");
        CHECK(dup.exit_code == 5);
        auto short_one = with_stdin(cli, {"--lang", "en", "user", "add", "budi", "--role", "ppk"}, "pendek\n");
        CHECK(short_one.exit_code == 2);
        CHECK(short_one.err.find("at least 10 characters") != std::string::npos);
        auto short_id = with_stdin(cli, {"user", "add", "budi", "--role", "ppk"}, "pendek\n");
        CHECK(short_id.err.find("minimal 10 karakter") != std::string::npos);
        CHECK(with_stdin(cli, {"user", "add", "budi", "--role", "ppk"}, "").exit_code == 2);  // no line
        CHECK(with_stdin(cli, {"user", "add", "budi", "--role", "clerk"}, "kata-sandi-budi-1\n").exit_code == 2);
        CHECK(with_stdin(cli, {"user", "passwd", "nobody"}, "kata-sandi-baru-1\n").exit_code == 4);
        CHECK(cli({"user", "disable", "nobody"}).exit_code == 4);
        auto list = cli.json({"user", "list", "--json"});
        CHECK(list.as_array().size() == 1);  // nothing else was added
    }

    SECTION("passwd, disable, list and audit verify") {
        auto changed = with_stdin(cli, {"user", "passwd", "ani"}, "kata-sandi-baru-2\n");
        INFO(changed.err);
        REQUIRE(changed.exit_code == 0);
        REQUIRE(with_stdin(cli, {"user", "add", "bupati", "--role", "ppk"}, "kata-sandi-ppk-1\n").exit_code == 0);
        REQUIRE(cli({"user", "disable", "bupati"}).exit_code == 0);
        {
            auto store = alur::sqlite::SqliteUserStore::open(cli.db(), true).value();
            CHECK(alur::verify_password("kata-sandi-baru-2", store->find("ani")->password_hash));
        }
        auto list = cli.json({"user", "list", "--json"});
        REQUIRE(list.as_array().size() == 2);
        CHECK(list.at(0).at("name").as_string() == "ani");
        CHECK(list.at(0).at("disabled").as_bool() == false);
        CHECK(list.at(0).at("unit").as_string() == "Dinas Pendidikan");
        CHECK(list.at(1).at("name").as_string() == "bupati");
        CHECK(list.at(1).at("disabled").as_bool() == true);
        CHECK(list.at(1).as_object().if_contains("password_hash") == nullptr);
        auto table = cli({"--lang", "en", "user", "list"});
        CHECK(table.out.find("DISABLED") != std::string::npos);

        auto verify = cli.json({"audit", "verify", "--json"});
        INFO(boost::json::serialize(verify));
        CHECK(verify.at("ok").as_bool());
        CHECK(verify.at("users").as_int64() == 2);
        CHECK(verify.at("grants").as_int64() == 4);  // two adds, a password change, a disabling

        // A hash swapped behind alur's back fails the verify (exit 6).
        {
            SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
            raw.exec("UPDATE users SET role = 'admin' WHERE name = 'bupati'");
        }
        auto bad = cli({"--lang", "en", "audit", "verify"});
        CHECK(bad.exit_code == 6);
        CHECK(bad.err.find("user bupati has role admin") != std::string::npos);
    }
}
