// What auditors run at the command line: `alur history --format`, `alur export`,
// `alur audit replay|verify|checkpoint`, and corrections through `alur advance`.
//
// Story: the Inspektorat audits a mutation case of the BKPSDM. It takes the
// case's history and the whole journal out as CSV and JSON Lines (a reason
// with a comma, a quote and a line break must survive the trip), rebuilds the
// case as it stood on an earlier day with the deadline it had then, keeps a
// checkpoint line in its minutes and later proves the journal still begins
// with those events; someone then edits a row behind Alur's back with the
// sqlite3 shell, and verify names the row.
#include "scenario_cli.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using alur::scenario::Cli;

namespace {

using Record = std::vector<std::string>;

/// A small RFC 4180 reader: records end with CRLF (or LF); a quoted field
/// may hold commas, CR, LF and doubled quotes. Fails the test on malformed input.
std::vector<Record> parse_csv(const std::string& text) {
    std::vector<Record> records;
    Record record;
    std::string field;
    bool quoted = false;      // inside a quoted field
    bool was_quoted = false;  // the current field was quoted (nothing may follow its closing quote)
    auto malformed = [&](std::size_t at, const char* why) { FAIL("malformed CSV at byte " << at << ": " << why); };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c != '"') field += c;
            else if (i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
            else quoted = false;
        } else if (c == '"') {
            if (!field.empty() || was_quoted) malformed(i, "a quote inside an unquoted field");
            quoted = was_quoted = true;
        } else if (c == ',' || c == '\r' || c == '\n') {
            if (c == '\r' && (i + 1 >= text.size() || text[++i] != '\n')) malformed(i, "CR without LF");
            record.push_back(std::move(field));
            field.clear();
            was_quoted = false;
            if (c != ',') {
                records.push_back(std::move(record));
                record.clear();
            }
        } else {
            if (was_quoted) malformed(i, "text after a closing quote");
            field += c;
        }
    }
    if (quoted) malformed(text.size(), "an unclosed quote");
    if (!field.empty() || !record.empty()) malformed(text.size(), "the last record has no line break");
    return records;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(line);
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string tricky_reason = "Catatan \"penting\", baris pertama\nbaris kedua, dengan koma";

const std::vector<std::string> columns{"case_id",     "seq",         "global_seq", "name",
                                       "payload",     "actor",       "role",       "reason",
                                       "occurred_at", "recorded_at", "prev_hash",  "hash",
                                       "occurred_at_local", "recorded_at_local", "recorded_by"};

alur::test::RunResult advance(const Cli& cli, const std::string& id, const std::string& event,
                              std::vector<std::string> args, const std::string& at,
                              const std::string& reason = "langkah kasus") {
    std::vector<std::string> all{"advance", id, event};
    all.insert(all.end(), args.begin(), args.end());
    for (const auto& a : {"--actor", "sari", "--reason"}) all.emplace_back(a);
    all.push_back(reason);
    all.emplace_back("--at");
    all.push_back(at);
    return cli(all);
}

void step(const Cli& cli, const std::string& id, const std::string& event, std::vector<std::string> args,
          const std::string& at, const std::string& reason = "langkah kasus") {
    auto r = advance(cli, id, event, std::move(args), at, reason);
    INFO(event << ": " << r.err);
    REQUIRE(r.exit_code == 0);
}

const std::vector<std::string> items{"career_history", "achievements", "skp", "edijab", "competency_test",
                                     "superior_recommendation", "neutrality", "discipline"};

/// The story's case up to scoring: opened 2025-09-01, records 09-03 (the SKP
/// with the tricky reason), field visit from 09-05, one score on 09-16.
/// Events: 1 opened, 2-9 record_added (4: skp), 10 records_completed,
/// 11 visit_scheduled, 12-14 interviews, 15 visit_completed, 16 score_recorded.
struct Story {
    Cli cli;
    std::string id;
    std::string due_in_records;  ///< the deadline while in record_gathering
    int events = 0;

    Story() {
        REQUIRE(cli({"init"}).exit_code == 0);
        id = cli.open_case("2025-09-01 08:30");
        due_in_records = std::string(cli.json({"show", id, "--json"}).at("due_at").as_string());
        for (const auto& item : items)
            step(cli, id, "record_added", {"item=" + item, "value=lengkap", "source=BKPSDM"}, "2025-09-03 10:00",
                 item == "skp" ? tricky_reason : "langkah kasus");
        step(cli, id, "records_completed", {}, "2025-09-05 09:00");
        step(cli, id, "visit_scheduled", {"date=2025-09-15", "team=Tim Penilai"}, "2025-09-08 09:00");
        step(cli, id, "interview_recorded", {"role=rt_head", "name=Bapak Syafrizal", "summary=Aktif"},
             "2025-09-15 10:00");
        step(cli, id, "interview_recorded", {"role=community_figure", "name=H. Zainal", "summary=Jujur"},
             "2025-09-15 11:00");
        step(cli, id, "interview_recorded", {"role=neighbour", "name=Ibu Nurhayati", "summary=Ramah"},
             "2025-09-15 12:00");
        step(cli, id, "visit_completed", {}, "2025-09-16 08:00");
        step(cli, id, "score_recorded", {"component=paper", "value=86"}, "2025-09-16 10:00");
        events = 16;
    }
};

}  // namespace

TEST_CASE("history --format csv, json and table show every field, corrections beside the original",
          "[scenario][audit]") {
    Story s;
    const Cli& cli = s.cli;

    SECTION("csv parses back, with a reason holding a comma, a quote and a line break") {
        auto r = cli({"history", s.id, "--format", "csv"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out.find("\r\n") != std::string::npos);
        const auto records = parse_csv(r.out);
        REQUIRE(records.size() == static_cast<std::size_t>(s.events) + 1);
        CHECK(records.front() == columns);
        for (std::size_t i = 1; i < records.size(); ++i) {
            const auto& row = records[i];
            REQUIRE(row.size() == columns.size());
            CHECK(row[0] == s.id);
            CHECK(row[1] == std::to_string(i));
            CHECK(row[10].size() == 64);
            CHECK(row[11].size() == 64);
            if (i > 1) CHECK(row[10] == records[i - 1][11]);  // the chain, row to row
        }
        CHECK(records[1][3] == "opened");
        CHECK(records[1][8] == "2025-09-01T01:30:00.000Z");  // as stored and hashed
        CHECK(records[1][12] == "2025-09-01T08:30:00+07:00");
        CHECK(records[4][7] == tricky_reason);
        CHECK(boost::json::parse(records[4][4]).at("item").as_string() == "skp");
    }

    SECTION("json: every field, and --json is --format json") {
        auto a = cli.json({"history", s.id, "--format", "json"}).as_array();
        auto b = cli.json({"history", s.id, "--json"}).as_array();
        CHECK(a == b);
        REQUIRE(a.size() == static_cast<std::size_t>(s.events));
        for (const auto& key : {"case_id", "seq", "global_seq", "name", "payload", "actor", "role", "reason",
                                "occurred_at", "recorded_at", "prev_hash", "hash", "corrections"})
            CHECK(a[0].as_object().contains(key));
        CHECK(a[3].at("reason").as_string() == tricky_reason);
        CHECK(a[0].at("prev_hash").as_string() == std::string(64, '0'));
        CHECK(a[1].at("prev_hash") == a[0].at("hash"));
    }

    SECTION("a correction through advance: the original stays, the correction is shown beside it") {
        // A score: value=85 is a JSON number; the payload's reason and --reason are both required.
        auto no_reason = advance(cli, s.id, "corrected", {"of=16", "field=value", "value=85"}, "2025-09-17 09:00");
        CHECK(no_reason.exit_code == 2);
        CHECK(no_reason.err.find("reason") != std::string::npos);
        step(cli, s.id, "corrected", {"of=16", "field=value", "value=85", "reason=salah ketik, nilai 85"},
             "2025-09-17 09:00", "koreksi nilai");
        // A text field: value=85 stays text, as it would on the original event.
        step(cli, s.id, "corrected", {"of=4", "field=value", "value=85", "reason=nilai SKP"}, "2025-09-17 09:05",
             "koreksi catatan");

        auto history = cli.json({"history", s.id, "--json"}).as_array();
        REQUIRE(history.size() == 18);
        CHECK(history[15].at("payload").at("value").to_number<int>() == 86);  // the original is untouched
        const auto& score = history[15].at("corrections").as_array();
        REQUIRE(score.size() == 1);
        CHECK(score[0].at("by_seq").to_number<int>() == 17);
        CHECK(score[0].at("field").as_string() == "value");
        CHECK(score[0].at("value").is_number());
        CHECK(score[0].at("value").to_number<int>() == 85);
        CHECK(score[0].at("reason").as_string() == "salah ketik, nilai 85");
        const auto& record = history[3].at("corrections").as_array();
        REQUIRE(record.size() == 1);
        CHECK(record[0].at("value").as_string() == "85");
        CHECK(history[16].at("name").as_string() == "corrected");
        CHECK(history[16].at("reason").as_string() == "koreksi nilai");

        auto table = cli({"history", s.id});
        REQUIRE(table.exit_code == 0);
        const auto at16 = table.out.find("#16  score_recorded");
        const auto note = table.out.find("dikoreksi oleh #17: value = 85 (salah ketik, nilai 85)");
        REQUIRE(at16 != std::string::npos);
        REQUIRE(note != std::string::npos);
        CHECK(note > at16);
        CHECK(note < table.out.find("#17  corrected"));
        CHECK(table.out.find("dikoreksi oleh #18: value = \"85\" (nilai SKP)") != std::string::npos);
        CHECK(cli({"--lang", "en", "history", s.id}).out.find("corrected by #17: value = 85") != std::string::npos);

        // The csv has the corrected rows and the corrections.
        auto csv = parse_csv(cli({"history", s.id, "--format", "csv"}).out);
        REQUIRE(csv.size() == 19);
        CHECK(csv[16][3] == "score_recorded");
        CHECK(csv[17][3] == "corrected");

        // Replay applies the correction; verify still holds.
        auto replay = cli.json({"audit", "replay", s.id, "--json"});
        CHECK(replay.at("steps").as_array().size() == 18);
        CHECK(replay.at("data") == cli.json({"show", s.id, "--json"}).at("data"));
        CHECK(cli({"audit", "verify"}).exit_code == 0);
    }

    SECTION("an unknown format is a usage error") {
        CHECK(cli({"history", s.id, "--format", "xml"}).exit_code == 2);
        CHECK(cli({"history", "MUT-999999", "--format", "csv"}).exit_code == 4);
    }
}

TEST_CASE("export writes the journal or a slice, every field, in global order", "[scenario][audit]") {
    Story s;
    const Cli& cli = s.cli;
    const std::string second = cli.open_case("2025-09-10 09:00", "198503122010011003", "Rina Marlina, S.E.");
    const int total = s.events + 1;

    SECTION("jsonl: one line per event, in global order, every field") {
        auto r = cli({"export", "--format", "jsonl"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto lines = lines_of(r.out);
        REQUIRE(lines.size() == static_cast<std::size_t>(total));
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto v = boost::json::parse(lines[i]).as_object();
            CHECK(v.at("global_seq").to_number<std::size_t>() == i + 1);
            for (const auto& c : columns) CHECK(v.contains(c));
        }
        CHECK(boost::json::parse(lines.back()).at("case_id").as_string() == second);
        CHECK(cli({"export"}).out == r.out);  // jsonl is the default
    }

    SECTION("--since and --workflow slice it") {
        const auto since = lines_of(cli({"export", "--since", "2025-09-10"}).out);
        // 2025-09-10 on: the second case's opening, the visit (09-15, 09-16) and the score.
        REQUIRE(since.size() == 6);
        for (const auto& l : since)
            CHECK(boost::json::parse(l).at("occurred_at_local").as_string() >= "2025-09-10");
        CHECK(lines_of(cli({"export", "--since", "2025-09-16 09:00"}).out).size() == 1);
        CHECK(lines_of(cli({"export", "--workflow", "mutation"}).out).size() == static_cast<std::size_t>(total));
        CHECK(lines_of(cli({"export", "--workflow", "mutation", "--since", "2030-01-01"}).out).empty());
        CHECK(cli({"export", "--workflow", "promotion"}).exit_code == 2);
        CHECK(cli({"export", "--since", "2025-13-01"}).exit_code == 2);
        CHECK(cli({"export", "--format", "xml"}).exit_code == 2);
    }

    SECTION("csv --headers labels: the columns' names in --lang; the keys by default") {
        const auto keys = parse_csv(cli({"export", "--format", "csv"}).out);
        CHECK(keys.front() == columns);
        CHECK(parse_csv(cli({"export", "--format", "csv", "--headers", "keys"}).out).front() == columns);
        const auto id = parse_csv(cli({"export", "--format", "csv", "--headers", "labels"}).out);
        REQUIRE(id.size() == keys.size());
        CHECK(id.front().at(0) == "nomor kasus");
        CHECK(id.front().at(8) == "waktu kejadian (UTC)");
        CHECK(id.front().at(12) == "waktu kejadian (WIB)");
        CHECK(id.back() == keys.back());  // the records are the same
        const auto en = parse_csv(cli({"--lang", "en", "export", "--format", "csv", "--headers", "labels"}).out);
        CHECK(en.front().at(0) == "case");
        CHECK(en.front().at(13) == "recorded at (WIB)");
        CHECK(cli({"export", "--format", "csv", "--headers", "names"}).exit_code == 2);
    }

    SECTION("csv to --out: the file appears whole, no temporary file stays") {
        const std::string out = (cli.dir / "jurnal.csv").string();
        auto r = cli({"export", "--format", "csv", "--out", out});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out == std::to_string(total) + " peristiwa diekspor ke " + out + "\n");
        CHECK_FALSE(std::filesystem::exists(out + ".tmp"));
        const auto records = parse_csv(read_file(out));
        REQUIRE(records.size() == static_cast<std::size_t>(total) + 1);
        CHECK(records.front() == columns);
        CHECK(records[4][7] == tricky_reason);
        CHECK(records.back()[0] == second);

        // A file that cannot be written: an error, and nothing left behind.
        const std::string bad = (cli.dir / "no-such-dir" / "jurnal.csv").string();
        auto failed = cli({"export", "--format", "csv", "--out", bad});
        CHECK(failed.exit_code == 1);
        CHECK_FALSE(std::filesystem::exists(bad));
        CHECK_FALSE(std::filesystem::exists(bad + ".tmp"));
    }

    SECTION("xlsx to --out: a workbook whose NIP cells are text") {
        const std::string out = (cli.dir / "jurnal.xlsx").string();
        auto r = cli({"export", "--format", "xlsx", "--out", out});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out == std::to_string(total) + " peristiwa diekspor ke " + out + "\n");
        CHECK_FALSE(std::filesystem::exists(out + ".tmp"));
        auto sheet = alur::test::run("unzip -p " + alur::test::shell_quote(out) + " xl/worksheets/sheet1.xml");
        REQUIRE(sheet.exit_code == 0);
        // The second case's opening (the last row) names its NIP in column E, as a string.
        const std::string cell = "<c r=\"E" + std::to_string(total + 1) + "\" t=\"inlineStr\"><is><t>198503122010011003</t>";
        CHECK(sheet.out.find(cell) != std::string::npos);
        CHECK(sheet.out.find("<v>198503122010011003</v>") == std::string::npos);
        // The header row for people, in --lang: Indonesian by default, English with --lang en.
        CHECK(sheet.out.find("<t>nomor kasus</t>") != std::string::npos);
        CHECK(sheet.out.find("<t>waktu kejadian (WIB)</t>") != std::string::npos);
        const std::string en_out = (cli.dir / "journal.xlsx").string();
        REQUIRE(cli({"--lang", "en", "export", "--format", "xlsx", "--out", en_out}).exit_code == 0);
        auto en_sheet = alur::test::run("unzip -p " + alur::test::shell_quote(en_out) + " xl/worksheets/sheet1.xml");
        CHECK(en_sheet.out.find("<t>occurred at (WIB)</t>") != std::string::npos);
        CHECK(en_sheet.out.find("<t>nomor kasus</t>") == std::string::npos);
        // Without --out there is nowhere to write it: exit 2, nothing written.
        auto bare = cli({"export", "--format", "xlsx"});
        CHECK(bare.exit_code == 2);
        CHECK(bare.out.empty());
        CHECK(bare.err.find("--out") != std::string::npos);
    }
}

TEST_CASE("audit replay rebuilds a case step by step, and as it stood on an earlier day", "[scenario][audit]") {
    Story s;
    const Cli& cli = s.cli;

    auto text = cli({"audit", "replay", s.id});
    INFO(text.err);
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("record_gathering \u2192 field_visit") != std::string::npos);
    CHECK(text.out.find("score_recorded") != std::string::npos);
    CHECK(text.out.find("2025-09-05 09:00 WIB") != std::string::npos);
    CHECK(text.out.find("Status akhir:") != std::string::npos);
    CHECK(text.out.find("scoring") != std::string::npos);
    CHECK(text.out.find("baris pertama\u23CEbaris kedua") != std::string::npos);  // one line per step

    auto now = cli.json({"audit", "replay", s.id, "--json"});
    const auto shown = cli.json({"show", s.id, "--json"});
    CHECK(now.at("steps").as_array().size() == static_cast<std::size_t>(s.events));
    CHECK(now.at("state") == shown.at("state"));
    CHECK(now.at("data") == shown.at("data"));
    CHECK(now.at("due_at") == shown.at("due_at"));
    CHECK(now.at("as_of").is_null());
    const auto& step10 = now.at("steps").as_array()[9];
    CHECK(step10.at("event").as_string() == "records_completed");
    CHECK(step10.at("before").as_string() == "record_gathering");
    CHECK(step10.at("after").as_string() == "field_visit");
    CHECK(step10.at("actor").as_string() == "sari");
    CHECK(step10.at("occurred_at").as_string() == "2025-09-05T09:00:00+07:00");

    // A date: the end of that day. On 09-04 the case was gathering records, due then as shown then.
    auto then = cli.json({"audit", "replay", s.id, "--as-of", "2025-09-04", "--json"});
    CHECK(then.at("steps").as_array().size() == 9);
    CHECK(then.at("state").as_string() == "record_gathering");
    CHECK(then.at("due_at").as_string() == s.due_in_records);
    CHECK(then.at("due_at") != shown.at("due_at"));
    CHECK(then.at("as_of").as_string() == "2025-09-04T23:59:59+07:00");
    auto then_text = cli({"audit", "replay", s.id, "--as-of", "2025-09-04"});
    CHECK(then_text.out.find("Jatuh tempo saat itu:") != std::string::npos);
    CHECK(then_text.out.find("per 2025-09-04 23:59 WIB") != std::string::npos);

    // At each event's own time: the state after that event.
    const auto& steps = now.at("steps").as_array();
    for (std::size_t i : {std::size_t{0}, std::size_t{9}, std::size_t{15}}) {
        const std::string at(steps[i].at("occurred_at").as_string());
        auto at_event = cli.json({"audit", "replay", s.id, "--as-of", at, "--json"});
        CHECK(at_event.at("state") == steps[i].at("after"));
    }

    CHECK(cli({"audit", "replay", s.id, "--as-of", "2025-08-31"}).exit_code == 4);  // not yet opened
    CHECK(cli({"audit", "replay", "MUT-999999"}).exit_code == 4);
    CHECK(cli({"audit", "replay", s.id, "--as-of", "kemarin"}).exit_code == 2);
}

TEST_CASE("audit checkpoint and verify: exit 0 while the journal holds, 6 naming the tampered row",
          "[scenario][audit]") {
    Story s;
    const Cli& cli = s.cli;

    auto cp = cli({"audit", "checkpoint"});
    INFO(cp.err);
    REQUIRE(cp.exit_code == 0);
    REQUIRE(cp.out.rfind("alur-checkpoint v1 events=16 head=", 0) == 0);
    REQUIRE(cp.out.back() == '\n');
    REQUIRE(lines_of(cp.out).size() == 1);
    const std::string line = cp.out.substr(0, cp.out.size() - 1);

    auto ok = cli({"audit", "verify", "--checkpoint", line});
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("16 peristiwa diperiksa") != std::string::npos);
    CHECK(ok.out.find("1 kasus") != std::string::npos);
    CHECK(ok.out.find("peristiwa/detik") != std::string::npos);
    CHECK(ok.out.find("Jurnal utuh") != std::string::npos);

    // More events later: the old checkpoint still holds.
    step(cli, s.id, "score_recorded", {"component=interview", "value=84"}, "2025-09-16 11:00");
    CHECK(cli({"audit", "verify", "--checkpoint", line}).exit_code == 0);
    auto js = cli.json({"audit", "verify", "--case", s.id, "--json"});
    CHECK(js.at("ok").as_bool());
    CHECK(js.at("events").to_number<int>() == 17);
    CHECK(js.at("cases").to_number<int>() == 1);
    CHECK(js.at("problem").is_null());

    CHECK(cli({"audit", "verify", "--checkpoint", "alur-checkpoint v1 events=x"}).exit_code == 2);
    CHECK(cli({"audit", "verify", "--case", "MUT-999999"}).exit_code == 4);

    // Someone edits row 3 behind Alur's back.
    auto tamper = alur::test::run("sqlite3 " + alur::test::shell_quote(cli.db()) +
                                  " \"UPDATE events SET reason='x' WHERE global_seq=3\"");
    INFO(tamper.err);
    REQUIRE(tamper.exit_code == 0);
    auto bad = cli({"audit", "verify"});
    CHECK(bad.exit_code == 6);
    CHECK(bad.err.rfind("alur: verifikasi gagal: baris global 3, kasus " + s.id + ", kolom hash: ", 0) == 0);
    CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);
    auto en = cli({"--lang", "en", "audit", "verify", "--checkpoint", line});
    CHECK(en.exit_code == 6);
    CHECK(en.err.rfind("alur: verification failed: global row 3, case " + s.id + ", field hash: ", 0) == 0);
    auto bad_json = cli({"audit", "verify", "--json"});
    CHECK(bad_json.exit_code == 6);
    const auto report = boost::json::parse(bad_json.out);
    CHECK(report.at("problem").at("global_seq").to_number<int>() == 3);
    CHECK(report.at("problem").at("field").as_string() == "hash");
}
