// GET /api/export (adapters/http/src/export.cpp) through Api::handle on a
// real SQLite journal: JSON Lines and CSV streamed a journal page a chunk
// (many events, several chunks), the same rows as `alur export`
// (alur/reports/event_rows.hpp); the since and workflow filters; XLSX
// written to a temporary file that is gone once streamed, whose NIP cells
// are strings (read back with unzip); bad queries 400, other roles 403.
#include "api_fixture.hpp"

#include "alur/reports/event_rows.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

using namespace alur;
namespace json = boost::json;

namespace {

/// `n` lines of text.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(std::move(line));
        start = end + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string>& chunks) {
    std::string out;
    for (const auto& c : chunks) out += c;
    return out;
}

/// Cases with many events: 1 200 record_added events over 3 mutation cases (more than one chunk of 1 000).
void fill(test::ApiFixture& s) {
    for (int c = 0; c < 3; ++c) {
        const std::string id = s.f.open().value().projection.id;
        for (int i = 0; i < 399; ++i)
            s.f.send(id, "record_added", {{"item", "skp"}, {"value", "nilai " + std::to_string(i)}}).value();
    }
}

/// The files named alur-export-*.xlsx in the temporary directory.
std::size_t temporary_workbooks() {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
        if (e.path().filename().string().starts_with("alur-export-") && e.path().extension() == ".xlsx") ++n;
    return n;
}

}  // namespace

TEST_CASE("GET api export streams every event as JSON Lines in several chunks", "[http][export]") {
    test::ApiFixture s;
    fill(s);
    const auto events = s.journal->read_events(0, 0).value();
    REQUIRE(events.size() == 1200);

    auto r = s.get("/api/export?format=jsonl", "inspektorat");
    REQUIRE(r.status == 200);
    REQUIRE(r.stream);
    CHECK(r.content_type.starts_with("application/jsonl"));
    const std::string disposition = test::header_of(r, "Content-Disposition");
    CHECK(std::regex_match(disposition, std::regex(R"(attachment; filename="alur-export-\d{8}-\d{4}\.jsonl")")));
    const auto chunks = test::chunks_of(r);
    CHECK(chunks.size() == 2);  // 1 000 events, then 200
    const auto lines = lines_of(joined(chunks));
    REQUIRE(lines.size() == events.size());
    for (std::size_t i = 0; i < lines.size(); i += 199) {
        const auto line = json::parse(lines[i]).as_object();
        CHECK(line.at("global_seq").as_int64() == events[i].global_seq);
        CHECK(line.at("hash").as_string() == events[i].hash);
        CHECK(line.at("occurred_at_local").as_string().ends_with("+07:00"));
    }
    // The same line as `alur export` writes (the shared row logic).
    CHECK(json::parse(lines[0]) == json::value(reports::event_line_json(events[0], TimeZone{})));
    // The default format is jsonl; an admin may export too.
    auto admin = s.get("/api/export");
    REQUIRE(admin.status == 200);
    CHECK(lines_of(joined(test::chunks_of(admin))).size() == events.size());
}

TEST_CASE("GET api export writes CSV with its header and filters by since and workflow", "[http][export]") {
    test::ApiFixture s;
    fill(s);
    const auto events = s.journal->read_events(0, 0).value();

    auto r = s.get("/api/export?format=csv", "inspektorat");
    REQUIRE(r.status == 200);
    CHECK(r.content_type.starts_with("text/csv"));
    CHECK(test::header_of(r, "Content-Disposition").ends_with(".csv\""));
    const auto chunks = test::chunks_of(r);
    CHECK(chunks.size() == 2);
    const auto lines = lines_of(joined(chunks));
    REQUIRE(lines.size() == events.size() + 1);
    std::string header;
    for (const auto& c : reports::event_columns()) header += (header.empty() ? "" : ",") + c;
    CHECK(lines[0] == header);
    CHECK(lines[1].starts_with(events[0].case_id + ",1," + std::to_string(events[0].global_seq) + ",opened,"));

    // since: only what occurred from then on (every event here is at 2025-06-02T09:00 or 2025-06-03T10:00 WIB).
    const auto later = std::count_if(events.begin(), events.end(),
                                     [](const EventRecord& e) { return e.occurred_at >= test::at("2025-06-03T00:00"); });
    REQUIRE(later > 0);
    REQUIRE(later < static_cast<std::ptrdiff_t>(events.size()));
    auto since = s.get("/api/export?format=csv&since=2025-06-03", "inspektorat");
    REQUIRE(since.status == 200);
    CHECK(static_cast<std::ptrdiff_t>(lines_of(joined(test::chunks_of(since))).size()) == later + 1);

    // workflow: none of these is an open selection.
    auto none = s.get("/api/export?format=jsonl&workflow=open_selection", "inspektorat");
    REQUIRE(none.status == 200);
    CHECK(joined(test::chunks_of(none)).empty());
    CHECK(test::header_of(none, "Content-Disposition").find("-open_selection.jsonl") != std::string::npos);
    auto mutation = s.get("/api/export?format=csv&workflow=mutation", "inspektorat");
    CHECK(lines_of(joined(test::chunks_of(mutation))).size() == events.size() + 1);
}

TEST_CASE("GET api export answers a bad query 400 and other roles 403", "[http][export]") {
    test::ApiFixture s;
    s.f.open().value();
    for (const char* target : {"/api/export?format=pdf", "/api/export?since=yesterday", "/api/export?since=2025-13-01",
                               "/api/export?workflow=nope"}) {
        auto r = s.get(target, "inspektorat");
        INFO(target << " " << r.body);
        CHECK(r.status == 400);
        CHECK(!r.stream);
        CHECK(test::error_code(r) == "invalid_input");
    }
    CHECK(test::body_of(s.get("/api/export?format=pdf", "inspektorat")).at("error").at("field").as_string() == "format");
    auto ppk = s.get("/api/export", "bupati");
    CHECK(ppk.status == 403);
    CHECK(!ppk.stream);
    http::Request anonymous;
    anonymous.method = "GET";
    anonymous.target = "/api/export";
    CHECK(s.api->handle(anonymous).status == 401);
}

TEST_CASE("GET api export writes XLSX with NIPs as text and leaves no temporary file", "[http][export][xlsx]") {
    test::ApiFixture s;
    s.f.case_in("scoring");
    const auto events = s.journal->read_events(0, 0).value();
    const std::size_t before = temporary_workbooks();

    auto r = s.get("/api/export?format=xlsx", "inspektorat");
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    CHECK(test::header_of(r, "Content-Disposition").ends_with(".xlsx\""));
    const std::string book = joined(test::chunks_of(r));
    CHECK(book.starts_with("PK"));
    CHECK(temporary_workbooks() == before);  // unlinked once opened

    const auto path = s.dir / "export.xlsx";
    std::ofstream(path, std::ios::binary) << book;
    auto unzip = [&](const std::string& member) {
        auto out = test::run("unzip -p " + test::shell_quote(path.string()) + " " + member);
        REQUIRE(out.exit_code == 0);
        return out.out;
    };
    const std::string sheet = unzip("xl/worksheets/sheet1.xml");
    // The opened event's NIP (column E) is a string cell, never a number.
    std::smatch cell;
    REQUIRE(std::regex_search(sheet, cell, std::regex(R"(<c r="E2"([^>]*)>(.*?)</c>)")));
    INFO(cell.str(0));
    CHECK(cell.str(1).find("t=\"inlineStr\"") != std::string::npos);
    CHECK(cell.str(2).find("197603152005011002") != std::string::npos);
    CHECK(sheet.find("<v>197603152005011002</v>") == std::string::npos);
    // The header row is frozen; a date cell carries a number (Excel's date) with a date style.
    CHECK(sheet.find("ySplit=\"1\"") != std::string::npos);
    CHECK(sheet.find("<autoFilter") != std::string::npos);
    REQUIRE(std::regex_search(sheet, cell, std::regex(R"(<c r="I2" s="\d+"><v>([0-9.]+)</v></c>)")));
    // 2025-06-02 09:00 WIB: Excel's serial 45810.375.
    CHECK(std::stod(cell.str(1)) == Approx(45810.375));
    // One row per event, and a second sheet with the case.
    CHECK(std::regex_search(sheet, std::regex("<row r=\"" + std::to_string(events.size() + 1) + "\"")));
    CHECK(!std::regex_search(sheet, std::regex("<row r=\"" + std::to_string(events.size() + 2) + "\"")));
    const std::string cases = unzip("xl/worksheets/sheet2.xml");
    CHECK(cases.find("MUT-000001") != std::string::npos);
    CHECK(cases.find("197603152005011002") != std::string::npos);
    const std::string styles = unzip("xl/styles.xml");
    CHECK(styles.find("dd/mm/yyyy hh:mm") != std::string::npos);
}

TEST_CASE("GET api export names the XLSX columns in the language asked and a CSV keeps its keys unless asked for labels",
          "[http][export][xlsx][i18n]") {
    test::ApiFixture s;
    s.f.case_in("scoring");
    auto header_row = [&](const std::string& target, const std::string& accept_language = {}) {
        http::Request req;
        req.method = "GET";
        req.target = target;
        req.authorization = "Bearer inspektorat-secret";
        req.accept_language = accept_language;
        auto r = s.api->handle(req);
        REQUIRE(r.status == 200);
        const auto path = s.dir / "header.xlsx";
        std::ofstream(path, std::ios::binary | std::ios::trunc) << joined(test::chunks_of(r));
        auto out = test::run("unzip -p " + test::shell_quote(path.string()) + " xl/worksheets/sheet1.xml");
        REQUIRE(out.exit_code == 0);
        std::smatch row;
        REQUIRE(std::regex_search(out.out, row, std::regex(R"(<row r="1".*?</row>)")));
        return row.str(0);
    };
    // Indonesian by default, the local times naming the agency's zone.
    const std::string id = header_row("/api/export?format=xlsx");
    INFO(id);
    CHECK(id.find("<t>nomor kasus</t>") != std::string::npos);
    CHECK(id.find("<t>waktu kejadian (WIB)</t>") != std::string::npos);
    CHECK(id.find("<t>waktu kejadian (UTC)</t>") != std::string::npos);
    CHECK(id.find("case_id") == std::string::npos);
    // English by ?lang=en, and by Accept-Language.
    const std::string en = header_row("/api/export?format=xlsx&lang=en");
    CHECK(en.find("<t>occurred at (WIB)</t>") != std::string::npos);
    CHECK(en.find("<t>case</t>") != std::string::npos);
    CHECK(header_row("/api/export?format=xlsx", "en-US,en;q=0.9").find("<t>recorded by</t>") != std::string::npos);

    // CSV: the keys stay the header by default (scripts read them), in any language.
    std::string keys;
    for (const auto& c : reports::event_columns()) keys += (keys.empty() ? "" : ",") + c;
    CHECK(lines_of(joined(test::chunks_of(s.get("/api/export?format=csv&lang=en", "inspektorat"))))[0] == keys);
    // headers=labels: the columns' names for people.
    auto labels = lines_of(joined(test::chunks_of(s.get("/api/export?format=csv&headers=labels", "inspektorat"))));
    CHECK(labels[0].starts_with("nomor kasus,urutan dalam kasus,urutan jurnal,peristiwa,muatan (JSON),"));
    CHECK(labels[0].find("waktu kejadian (UTC)") != std::string::npos);
    CHECK(labels[0].find("waktu kejadian (WIB)") != std::string::npos);
    auto labels_en = lines_of(joined(test::chunks_of(s.get("/api/export?format=csv&headers=labels&lang=en", "inspektorat"))));
    CHECK(labels_en[0].starts_with("case,no. in case,journal no.,event,payload (JSON),"));
    CHECK(labels.size() == labels_en.size());
    CHECK(labels[1] == labels_en[1]);  // the rows are the same

    // Bad values: 400, nothing streamed.
    auto bad = s.get("/api/export?format=csv&headers=names", "inspektorat");
    CHECK(bad.status == 400);
    CHECK(!bad.stream);
    CHECK(s.get("/api/export?format=xlsx&lang=fr", "inspektorat").status == 400);
}
