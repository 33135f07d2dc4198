// `alur advance --batch FILE.jsonl`: the real binary, one command per line,
// all through the engine's group commit; a result line per input line, exit 0
// only if every line succeeded, else the code of the first failure, and
// nothing of a failed line written.
#include "scenario_cli.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using alur::scenario::Cli;

namespace {

std::vector<boost::json::object> json_lines(const std::string& text) {
    std::vector<boost::json::object> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(boost::json::parse(line).as_object());
    return out;
}

std::string record_line(const std::string& id, const std::string& item, const std::string& extra = "") {
    return R"({"case":")" + id + R"(","event":"record_added","payload":{"item":")" + item +
           R"(","value":"ada"},"at":"2025-09-03 10:00")" + extra + "}";
}

}  // namespace

TEST_CASE("advance --batch: a result per line, the first failure's exit code, nothing of a failed line",
          "[scenario][batch]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-09-01 08:30");
    {
        std::ofstream f(cli.dir / "batch.jsonl");
        f << record_line(id, "skp") << "\n"
          << "{not json\n"
          << "\n"  // blank lines are skipped, and still counted
          << R"({"case":")" << id << R"(","event":"records_completed","at":"2025-09-03 10:00"})" << "\n"
          << record_line(id, "edijab", R"(,"key":"b-1")") << "\n"
          << R"({"case":")" << id << R"(","event":"record_added","colour":"red"})" << "\n";
    }
    auto r = cli({"advance", "--batch", "batch.jsonl", "--actor", "sari", "--reason", "impor", "--json"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);  // line 2's malformed JSON comes first
    CHECK(r.err.find("3 dari 5 baris gagal") != std::string::npos);
    auto lines = json_lines(r.out);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].at("line").as_int64() == 1);
    CHECK(lines[0].at("ok").as_bool());
    CHECK(lines[0].at("version").as_int64() == 2);
    CHECK(lines[1].at("line").as_int64() == 2);
    CHECK_FALSE(lines[1].at("ok").as_bool());
    CHECK(lines[1].at("error").at("code").as_string() == "invalid_input");
    CHECK(lines[2].at("line").as_int64() == 4);
    CHECK(lines[2].at("error").at("code").as_string() == "refused");
    CHECK(lines[3].at("line").as_int64() == 5);
    CHECK(lines[3].at("ok").as_bool());
    CHECK(lines[3].at("version").as_int64() == 3);  // decided on line 1's state
    CHECK(lines[4].at("error").at("field").as_string() == "colour");
    // Only the two good lines reached the journal.
    CHECK(cli.count_events(id, "record_added") == 2);
    CHECK(cli.count_events(id, "records_completed") == 0);

    // The same file again: the keyed line is answered as before, the others are written again or refused again.
    auto again = cli({"advance", "--batch", "batch.jsonl", "--actor", "sari", "--reason", "impor", "--json"});
    auto second = json_lines(again.out);
    REQUIRE(second.size() == 5);
    CHECK(second[3].at("replayed").as_bool());
    CHECK(second[3].at("seq").as_int64() == 3);
    CHECK(cli.count_events(id, "record_added") == 3);
}

TEST_CASE("advance --batch from standard input opens and advances, exit 0 when all succeed", "[scenario][batch]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-09-01 08:30");
    const std::string input =
        record_line(id, "skp") + "\n" + record_line(id, "edijab") + "\n" +
        R"({"workflow":"mutation","payload":{"nip":"197603152005011002","name":"Ir. Budi","grade":"jpt_pratama",)"
        R"("post":"Kepala Dinas PUPR","inaugurated_at":"2021-03-08"},"at":"2025-09-01 09:00","actor":"andi"})" "\n";
    auto r = alur::test::run("printf '%s' " + alur::test::shell_quote(input) + " | (" +
                             cli.line({"advance", "--batch", "-", "--actor", "sari", "--reason", "impor"}) + ")");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("baris 1: " + id + ": record_gathering -> record_gathering (v 2)") != std::string::npos);
    CHECK(r.out.find("baris 2: " + id + ": record_gathering -> record_gathering (v 3)") != std::string::npos);
    CHECK(r.out.find("baris 3: MUT-000002") != std::string::npos);
    auto history = cli.json({"history", "MUT-000002", "--json"});
    CHECK(history.as_array().front().at("actor").as_string() == "andi");
}

TEST_CASE("advance --batch refuses a case, an event or a key beside it and writes nothing", "[scenario][batch]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2025-09-01 08:30");
    std::ofstream(cli.dir / "one.jsonl") << record_line(id, "skp") << "\n";
    auto r = cli({"advance", id, "record_added", "--batch", "one.jsonl", "--actor", "sari", "--reason", "x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--batch") != std::string::npos);
    auto k = cli({"advance", "--batch", "one.jsonl", "--key", "k", "--actor", "sari", "--reason", "x"});
    CHECK(k.exit_code == 2);
    auto empty = cli({"advance", "--batch", "missing.jsonl", "--actor", "sari", "--reason", "x"});
    CHECK(empty.exit_code == 4);
    std::ofstream(cli.dir / "blank.jsonl") << "\n\n";
    auto blank = cli({"advance", "--batch", "blank.jsonl", "--actor", "sari", "--reason", "x"});
    CHECK(blank.exit_code == 2);
    CHECK(cli.count_events(id, "record_added") == 0);
    // Without --batch, CASE, EVENT and --reason are still required.
    CHECK(cli({"advance", id, "--actor", "sari", "--reason", "x"}).exit_code == 2);
    CHECK(cli({"advance", id, "record_added", "item=skp", "value=x", "--actor", "sari"}).exit_code == 2);
}
