// Who did it, and what was refused, at the command line.
//
// Story: at the BKPSDM two operators share the `alur` command line. Every
// event names the operating-system user who recorded it besides the actor it
// claims; a refused command stays on record in the refusals log that the
// Inspektorat lists and verifies; once the agency sets [cli] require_token,
// nobody writes without a granted token and nobody can claim another name.
// Someone then slips a token into the database behind Alur's back: it never
// authenticates, and `audit verify` names it.
#include "scenario_cli.hpp"

#include <pwd.h>
#include <unistd.h>

#include <string>
#include <vector>

using alur::scenario::Cli;

namespace {

std::string me() {
    const passwd* pw = getpwuid(geteuid());
    return pw ? pw->pw_name : "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// `alur token add NAME --role ROLE [extra...]`: the token printed on the second line.
std::string new_token(const Cli& cli, const std::string& name, const std::string& role,
                      const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"token", "add", name, "--role", role};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = cli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string token = r.out.substr(r.out.find('\n') + 1);
    while (!token.empty() && token.back() == '\n') token.pop_back();
    REQUIRE(token.size() == 64);
    return token;
}

/// Runs the CLI with $ALUR_TOKEN set.
alur::test::RunResult with_env_token(const Cli& cli, const std::string& token, const std::vector<std::string>& args) {
    return alur::test::run("export ALUR_TOKEN=" + alur::test::shell_quote(token) + "; " + cli.line(args));
}

alur::test::RunResult sql(const Cli& cli, const std::string& statement) {
    return alur::test::run("sqlite3 " + alur::test::shell_quote(cli.db()) + " " + alur::test::shell_quote(statement));
}

const std::vector<std::string> open_args{"open", "mutation", "--nip", "197603152005011002", "--name", "Drs. Hendra",
                                         "--grade", "jpt_pratama", "--post", "Kepala Dinas Pendidikan",
                                         "--inaugurated-at", "2021-03-08", "--at", "2025-09-01 08:30"};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TEST_CASE("every event names the OS user who recorded it in history show and export", "[scenario][accountability]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-09-01 08:30");
    const auto history = cli.json({"history", id, "--json"});
    REQUIRE(history.as_array().size() == 1);
    CHECK(history.as_array()[0].at("actor").as_string() == "sari");
    CHECK(history.as_array()[0].at("recorded_by").as_string() == me());

    auto table = cli({"--lang", "en", "history", id});
    CHECK(contains(table.out, "recorded by: " + me()));
    CHECK(cli.json({"show", id, "--json"}).at("last_event").at("recorded_by").as_string() == me());
    CHECK(contains(cli({"--lang", "en", "show", id}).out, "recorded by " + me()));

    auto jsonl = cli({"export", "--format", "jsonl"});
    REQUIRE(jsonl.exit_code == 0);
    CHECK(boost::json::parse(jsonl.out.substr(0, jsonl.out.find('\n'))).at("recorded_by").as_string() == me());
    auto csv = cli({"export", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(contains(csv.out.substr(0, csv.out.find('\n')), "recorded_by"));
}

TEST_CASE("refused commands are listed by audit refusals and verified by audit verify", "[scenario][accountability]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-09-01 08:30");
    CHECK(cli({"advance", id, "records_completed", "--actor", "sari", "--reason", "x"}).exit_code == 3);  // guard
    CHECK(cli({"advance", id, "ppk_decided", "decision=approve", "--actor", "inspektur", "--role", "auditor",
               "--reason", "x"})
              .exit_code == 3);  // role
    CHECK(cli({"advance", id, "record_added", "item=nope", "value=x", "--actor", "sari\x1b[2J", "--reason", "x"})
              .exit_code == 2);  // invalid: a control character in the actor
    CHECK(cli.count_events(id, "opened") == 1);
    CHECK(cli.json({"history", id, "--json"}).as_array().size() == 1);  // no case changed

    auto listed = cli({"audit", "refusals"});
    INFO(listed.err);
    REQUIRE(listed.exit_code == 0);
    CHECK(contains(listed.out, "3 penolakan"));
    CHECK_FALSE(contains(listed.out, "\x1b"));  // stored escaped: the auditor's screen stays intact
    CHECK(contains(listed.out, "sari\\x1B[2J"));
    CHECK(contains(cli({"--lang", "en", "audit", "refusals"}).out, "3 refusals"));

    const auto js = cli.json({"audit", "refusals", "--json"}).as_array();
    REQUIRE(js.size() == 3);
    CHECK(js[0].at("code").as_string() == "refused");
    CHECK(js[0].at("case_id").as_string() == id);
    CHECK(js[0].at("event").as_string() == "records_completed");
    CHECK(js[0].at("recorded_by").as_string() == me());
    CHECK(js[1].at("code").as_string() == "forbidden");
    CHECK(js[1].at("role").as_string() == "auditor");
    CHECK(js[2].at("code").as_string() == "invalid_input");
    CHECK(js[1].at("prev_hash") == js[0].at("hash"));
    CHECK(cli.json({"audit", "refusals", "--case", "MUT-000099", "--json"}).as_array().empty());
    CHECK(contains(cli({"audit", "refusals", "--case", "MUT-000099"}).out, "tidak ada penolakan"));
    CHECK(cli.json({"audit", "refusals", "--since", "2199-01-01 00:00", "--json"}).as_array().empty());
    CHECK(cli({"audit", "refusals", "--since", "kemarin"}).exit_code == 2);

    auto verified = cli.json({"audit", "verify", "--json"});
    CHECK(verified.at("ok").as_bool());
    CHECK(verified.at("refusals").as_int64() == 3);

    REQUIRE(sql(cli, "UPDATE refusals SET actor = 'orang lain' WHERE seq = 2").exit_code == 0);
    auto tampered = cli({"audit", "verify"});
    CHECK(tampered.exit_code == 6);
    CHECK(contains(tampered.err, "log penolakan, entri 2"));
}

TEST_CASE("with require_token the CLI writes only with a granted token and takes actor and role from it",
          "[scenario][accountability][tokens]") {
    Cli cli(alur::scenario::file_channel_config + "\n[cli]\nrequire_token = true\n");
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string admin = new_token(cli, "sari", "admin");  // the first token needs none
    auto second = cli({"token", "add", "bupati", "--role", "ppk"});
    CHECK(second.exit_code == 2);
    CHECK(contains(second.err, "--token"));
    const std::string ppk = new_token(cli, "bupati", "ppk", {"--token", admin});
    CHECK(cli({"token", "add", "x", "--role", "admin", "--token", ppk}).exit_code == 3);  // admins grant

    auto without = cli(plus(open_args, {"--actor", "sari"}));
    CHECK(without.exit_code == 2);
    CHECK(contains(without.err, "require_token"));
    auto claimed = cli(plus(open_args, {"--token", admin, "--actor", "bupati"}));
    CHECK(claimed.exit_code == 2);
    CHECK(contains(claimed.err, "--actor"));
    CHECK(cli(plus(open_args, {"--token", admin, "--role", "ppk"})).exit_code == 2);
    CHECK(cli(plus(open_args, {"--token", "not-a-token"})).exit_code == 3);

    auto opened = cli(plus(open_args, {"--token", admin}));
    INFO(opened.err);
    REQUIRE(opened.exit_code == 0);
    const std::string id = opened.out.substr(0, opened.out.size() - 1);
    auto step = with_env_token(cli, admin, {"advance", id, "record_added", "item=skp", "value=baik", "--reason", "SKP"});
    INFO(step.err);
    CHECK(step.exit_code == 0);
    const auto history = cli.json({"history", id, "--json"}).as_array();
    REQUIRE(history.size() == 2);
    for (const auto& e : history) {
        CHECK(e.at("actor").as_string() == "sari");
        CHECK(e.at("role").as_string() == "admin");
        CHECK(e.at("recorded_by").as_string() == me());
    }
    // The ppk token may not record an admin's event: refused as the API refuses it.
    CHECK(with_env_token(cli, ppk, {"advance", id, "record_added", "item=edijab", "value=x", "--reason", "x"})
              .exit_code == 3);

    REQUIRE(cli({"token", "revoke", "bupati", "--token", admin}).exit_code == 0);
    CHECK(with_env_token(cli, ppk, {"advance", id, "record_added", "item=edijab", "value=x", "--reason", "x"})
              .exit_code == 3);
    CHECK(cli({"roster", "import", "roster.csv"}).exit_code == 2);  // other writers need a token too
    auto batch = cli({"jobfit", "start", "--as-of", "2025-01-01"});
    CHECK(batch.exit_code == 2);
    CHECK(contains(batch.err, "require_token"));
    auto batch_claimed = cli({"jobfit", "start", "--as-of", "2025-01-01", "--token", admin, "--actor", "bupati"});
    CHECK(batch_claimed.exit_code == 2);
    CHECK(contains(batch_claimed.err, "--actor"));
    CHECK(cli({"audit", "verify"}).exit_code == 0);  // reading needs none
}

TEST_CASE("a token slipped into the database never authenticates and fails audit verify",
          "[scenario][accountability][tokens]") {
    Cli cli(alur::scenario::file_channel_config + "\n[cli]\nrequire_token = true\n");
    REQUIRE(cli({"init"}).exit_code == 0);
    new_token(cli, "sari", "admin");
    auto list = cli({"--lang", "en", "token", "list"});
    CHECK(contains(list.out, "GRANTED BY"));
    CHECK(contains(list.out, me()));
    CHECK(cli({"audit", "verify"}).exit_code == 0);

    // sha256("rahasia-penyusup")
    const std::string secret = "rahasia-penyusup";
    auto hashed = alur::test::run("printf %s " + alur::test::shell_quote(secret) + " | sha256sum | cut -c1-64");
    REQUIRE(hashed.exit_code == 0);
    const std::string sha = hashed.out.substr(0, 64);
    REQUIRE(sql(cli, "INSERT INTO tokens (name, role, sha256, created_at) VALUES ('penyusup', 'admin', '" + sha +
                         "', '2025-01-01T00:00:00.000Z')")
                .exit_code == 0);
    CHECK(cli(plus(open_args, {"--token", secret})).exit_code == 3);
    auto verify = cli({"audit", "verify"});
    CHECK(verify.exit_code == 6);
    CHECK(contains(verify.err, "penyusup"));
}
