// The roster and job fit routes of the HTTP API (adapters/http/src/
// roster_routes.cpp, jobfit_routes.cpp) through Api::handle, on a real SQLite
// file (journal, roster and batch stores as `alur serve` opens them): search
// and paging, an import with bad lines that lists every one and writes
// nothing, then a good one; a job fit dry run with its exclusions, a start
// answered 202 whose cases open on the batch's thread (held by the test at
// after_write, no sleeps), its report, CSV download and every error status.
#include "alur/engine/engine.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/http/metrics.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/sqlite/roster.hpp"
#include "alur/workflows/job_fit.hpp"

#include "result_printing.hpp"
#include "test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <future>

using namespace alur;
namespace json = boost::json;

namespace {

constexpr auto patience = std::chrono::seconds(30);

const std::string header = "nip,name,grade,post,unit,inaugurated_at,birth_date\n";
// Included on 2025-06-02 (in post since 2021).
const std::string hendra =
    "197603152005011002,\"Drs. Hendra Gunawan, M.Si.\",jpt_pratama,Kepala Dinas Pendidikan,Dinas Pendidikan,"
    "2021-03-08,1976-03-15\n";
// Not a JPT: not in a job fit batch.
const std::string rina =
    "198807302012122001,\"Rina Marlina, S.E.\",administrator,Sekretaris Dinas,Dinas Kesehatan,2022-01-10,"
    "1988-07-30\n";
// Turns 60 in February 2026: excluded (retirement).
const std::string yusuf =
    "196602011990031003,Ir. Yusuf Hakim,jpt_pratama,Kepala Badan Perencanaan Pembangunan Daerah,Bappeda,"
    "2019-07-01,1966-02-01\n";

struct Setup {
    test::TempDir dir;
    std::string path = (dir / "alur.db").string();
    std::shared_ptr<Journal> journal = sqlite::SqliteJournal::open(path).value();
    std::shared_ptr<sqlite::SqliteRoster> roster = sqlite::SqliteRoster::open(path).value();
    std::shared_ptr<sqlite::SqliteBatchStore> batches = sqlite::SqliteBatchStore::open(path).value();
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(parse_datetime("2025-06-02T09:00", TimeZone{}).value());
    job_fit::Settings settings;
    std::unique_ptr<Engine> engine;
    MemoryTokenStore tokens;
    http::Metrics metrics;
    std::unique_ptr<http::Api> api;

    // after_write, called by the batch's thread after each case: waits while `hold` is set.
    std::mutex mutex;
    std::shared_future<void> hold;
    std::promise<void> finished;
    std::future<void> finished_future = finished.get_future();

    Setup() {
        EngineOptions options;
        options.journal = journal;
        options.clock = clock;
        options.reference_exists = [b = batches](std::string_view kind, std::string_view id) -> Result<bool> {
            if (kind != "jobfit_batch") return false;
            return b->exists(id);
        };
        engine = std::make_unique<Engine>(options);
        engine->add_workflow(job_fit::make_workflow(settings));
        for (auto [name, role] : {std::pair{"sari", "admin"}, std::pair{"bupati", "ppk"}}) {
            Token t;
            t.name = name;
            t.role = role;
            t.created_at = clock->now();
            t.granted_by = "test";
            tokens.add(t, sha256_hex(std::string(role) + "-secret")).value();
        }
        http::ApiOptions o;
        o.engine = engine.get();
        o.tokens = &tokens;
        o.metrics = &metrics;
        o.roster = roster.get();
        o.batches = batches.get();
        o.job_fit = &settings;
        o.after_write = [this] {
            std::shared_future<void> gate;
            {
                std::lock_guard lock(mutex);
                gate = hold;
            }
            if (gate.valid()) (void)gate.wait_for(patience);
        };
        o.jobfit_finished = [this](const std::string&) { finished.set_value(); };
        api = std::make_unique<http::Api>(std::move(o));
    }

    http::Response call(const std::string& method, const std::string& target, const std::string& body = {},
                        const std::string& role = "admin", const std::string& accept_language = {}) {
        http::Request r;
        r.method = method;
        r.target = target;
        r.body = body;
        if (!role.empty()) r.authorization = "Bearer " + role + "-secret";
        r.accept_language = accept_language;
        return api->handle(r);
    }
    json::value get(const std::string& target, int status = 200) {
        const auto r = call("GET", target);
        INFO(target << ": " << r.body);
        REQUIRE(r.status == status);
        return json::parse(r.body);
    }
    std::size_t roster_total() { return static_cast<std::size_t>(get("/api/roster").at("total").as_int64()); }
};

std::string code_of(const http::Response& r) {
    return std::string(json::parse(r.body).at("error").at("code").as_string());
}
std::string field_of(const http::Response& r) {
    const json::value v = json::parse(r.body);
    const auto& e = v.at("error").as_object();
    return e.contains("field") ? std::string(e.at("field").as_string()) : std::string();
}

}  // namespace

TEST_CASE("roster import over HTTP lists every bad line and writes nothing then imports a good file",
          "[http][roster][sqlite]") {
    Setup s;
    // Line 3: a NIP of 17 digits; line 4: a date that is none; line 5: an unknown grade.
    const std::string bad = header + hendra + "19880730201212200,Rina,administrator,Sekretaris,Dinas Kesehatan,"
                                              "2022-01-10,1988-07-30\n" +
                            "196602011990031003,Ir. Yusuf Hakim,jpt_pratama,Kepala Bappeda,Bappeda,2019-13-01,"
                            "1966-02-01\n" +
                            "197005172000031001,Ir. Rahmat,menteri,Kepala Dinas PUPR,Dinas PUPR,2019-01-07,1970-05-17\n";
    auto r = s.call("POST", "/api/roster/import?dry_run=false&lang=en", bad);
    INFO(r.body);
    REQUIRE(r.status == 422);
    auto body = json::parse(r.body);
    CHECK(body.at("error").at("code") == "invalid_input");
    CHECK(body.at("error").at("message") == "3 bad lines; nothing was imported");
    const auto& lines = body.at("lines").as_array();
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].at("line") == 3);
    CHECK(lines[0].at("field") == "nip");
    CHECK(lines[1].at("line") == 4);
    CHECK(lines[1].at("field") == "inaugurated_at");
    CHECK(std::string(lines[1].at("message").as_string()).find("2019-13-01") != std::string::npos);
    CHECK(lines[2].at("line") == 5);
    CHECK(lines[2].at("field") == "grade");
    CHECK(s.roster_total() == 0);  // nothing written, not even the good line 2

    // The same in Indonesian, by Accept-Language (the default too).
    r = s.call("POST", "/api/roster/import", bad, "admin", "id-ID,id;q=0.9,en;q=0.8");
    REQUIRE(r.status == 422);
    body = json::parse(r.body);
    CHECK(body.at("error").at("message") == "3 baris bermasalah; tidak ada yang diimpor");
    CHECK(std::string(body.at("lines").at(0).at("text").as_string()).starts_with("baris 3, kolom nip: "));
    r = s.call("POST", "/api/roster/import", bad, "admin", "fr-FR, en;q=0.5");
    CHECK(json::parse(r.body).at("error").at("message") == "3 bad lines; nothing was imported");

    // A good file: a dry run compares and writes nothing; the import then adds.
    const std::string good = header + hendra + rina + yusuf;
    r = s.call("POST", "/api/roster/import?dry_run=true&source=roster-2025.csv&lang=en", good);
    INFO(r.body);
    REQUIRE(r.status == 200);
    body = json::parse(r.body);
    CHECK(body.at("dry_run") == true);
    CHECK(body.at("added") == 3);
    CHECK(body.at("changed") == 0);
    CHECK(body.at("import_id").is_null());
    CHECK(std::string(body.at("summary").as_string()).starts_with("dry run of roster-2025.csv (sha256 "));
    CHECK(s.roster_total() == 0);

    r = s.call("POST", "/api/roster/import?source=roster-2025.csv", good);
    REQUIRE(r.status == 200);
    body = json::parse(r.body);
    CHECK(body.at("dry_run") == false);
    CHECK(body.at("added") == 3);
    CHECK(body.at("import_id") == 1);
    CHECK(body.at("changes").as_array().size() == 3);
    CHECK(s.roster_total() == 3);

    // Hendra moves: one changed, two unchanged, the field named with before and after.
    std::string moved = hendra;
    moved.replace(moved.find("Kepala Dinas Pendidikan"), 23, "Kepala Dinas Kesehatan");
    r = s.call("POST", "/api/roster/import", header + moved + rina + yusuf);
    REQUIRE(r.status == 200);
    body = json::parse(r.body);
    CHECK(body.at("changed") == 1);
    CHECK(body.at("unchanged") == 2);
    CHECK(body.at("changes").at(0).at("kind") == "changed");
    CHECK(body.at("changes").at(0).at("fields").at(0).at("field") == "post");
    CHECK(body.at("changes").at(0).at("fields").at(0).at("after") == "Kepala Dinas Kesehatan");

    // Errors: another role 403, no token 401, a bad dry_run 400, an empty body 422; nothing changed.
    r = s.call("POST", "/api/roster/import", good, "ppk");
    CHECK(r.status == 403);
    CHECK(code_of(r) == "forbidden");
    CHECK(s.call("POST", "/api/roster/import", good, "").status == 401);
    r = s.call("POST", "/api/roster/import?dry_run=maybe", good);
    CHECK(r.status == 400);
    CHECK(field_of(r) == "dry_run");
    r = s.call("POST", "/api/roster/import", "");
    CHECK(r.status == 422);
    CHECK(json::parse(r.body).at("lines").at(0).at("line") == 1);
    CHECK(s.call("GET", "/api/roster/import").status == 405);
    CHECK(s.roster_total() == 3);

    // The server reads an import's body up to [server] max_upload_bytes (default 8 MiB), answering 413
    // beyond it; other routes keep the server's limit (0 here: Server::Options::body_limit, 64 KiB).
    CHECK(s.api->body_limit("POST", "/api/roster/import?dry_run=true") == 8 * 1024 * 1024);
    CHECK(s.api->body_limit("POST", "/api/jobfit") == 0);
}

TEST_CASE("roster search and paging over HTTP", "[http][roster][sqlite]") {
    Setup s;
    REQUIRE(s.call("POST", "/api/roster/import", header + hendra + rina + yusuf).status == 200);

    auto all = s.get("/api/roster");
    CHECK(all.at("total") == 3);
    CHECK(all.at("next_cursor").is_null());
    const auto& first = all.at("officials").at(0).as_object();
    for (const char* key : {"nip", "name", "grade", "post", "unit", "inaugurated_at", "birth_date"})
        CHECK(first.contains(key));

    CHECK(s.get("/api/roster?q=HENDRA").at("officials").at(0).at("nip") == "197603152005011002");  // name, any case
    CHECK(s.get("/api/roster?q=19880730").at("officials").at(0).at("name") == "Rina Marlina, S.E.");  // NIP
    CHECK(s.get("/api/roster?q=perencanaan").at("total") == 1);  // post
    CHECK(s.get("/api/roster?q=kepala").at("total") == 2);
    CHECK(s.get("/api/roster?unit=Bappeda").at("total") == 1);
    CHECK(s.get("/api/roster?grade=jpt_pratama").at("total") == 2);
    CHECK(s.get("/api/roster?q=nobody").at("total") == 0);

    // Pages of one, following next_cursor to the end.
    std::set<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 4; ++page) {
        auto p = s.get("/api/roster?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor));
        CHECK(p.at("total") == 3);
        REQUIRE(p.at("officials").as_array().size() == 1);
        seen.insert(std::string(p.at("officials").at(0).at("nip").as_string()));
        if (p.at("next_cursor").is_null()) break;
        cursor = std::string(p.at("next_cursor").as_string());
    }
    CHECK(seen.size() == 3);

    for (const char* target : {"/api/roster?limit=0", "/api/roster?limit=1001", "/api/roster?limit=x"}) {
        const auto r = s.call("GET", target);
        CHECK(r.status == 400);
        CHECK(field_of(r) == "limit");
    }
    const auto r = s.call("GET", "/api/roster?cursor=abc");
    CHECK(r.status == 400);
    CHECK(field_of(r) == "cursor");
    CHECK(s.call("GET", "/api/roster", "", "ppk").status == 200);  // any signed-in role reads it
    CHECK(s.call("GET", "/api/roster", "", "").status == 401);
}

TEST_CASE("job fit over HTTP: a dry run shows the exclusions then a start opens the cases off the request",
          "[http][jobfit][sqlite]") {
    Setup s;
    REQUIRE(s.call("POST", "/api/roster/import", header + hendra + rina + yusuf).status == 200);

    // The dry run: who would be opened, who is excluded and why; nothing stored.
    auto r = s.call("POST", "/api/jobfit", R"({"as_of": "2025-06-02", "dry_run": true})");
    INFO(r.body);
    REQUIRE(r.status == 200);
    auto body = json::parse(r.body);
    CHECK(body.at("dry_run") == true);
    CHECK(body.at("profile") == "bengkulu_2021");
    REQUIRE(body.at("included").as_array().size() == 1);
    CHECK(body.at("included").at(0).at("nip") == "197603152005011002");
    REQUIRE(body.at("excluded").as_array().size() == 1);
    CHECK(body.at("excluded").at(0).at("nip") == "196602011990031003");
    CHECK_FALSE(body.at("excluded").at(0).at("reason").as_string().empty());
    // The exclusion as data and in each language: the rule, its citation, the dates.
    {
        const auto& e = body.at("excluded").at(0);
        REQUIRE(e.at("causes").as_array().size() == 1);
        const auto& cause = e.at("causes").at(0);
        CHECK(cause.at("rule") == "jpt_retirement_age");
        CHECK(cause.at("kind") == "retires");
        CHECK(cause.at("age") == 60);
        CHECK(e.at("reason_text").at("en") == e.at("reason"));
        const std::string id(e.at("reason_text").at("id").as_string());
        INFO(id);
        CHECK(id.rfind("pensiun ", 0) == 0);
        CHECK(id.find("usia 60") != std::string::npos);
        CHECK(id.find("02/06/2025") != std::string::npos);  // the batch date as the agency writes it
        CHECK(id.find("pasal") != std::string::npos);
        CHECK(id.find("art.") == std::string::npos);
        CHECK(id.find("[job_fit]") == std::string::npos);
    }
    CHECK(s.get("/api/jobfit").at("batches").as_array().empty());

    // Bad input names the field; other roles may not; nobody to include is refused.
    for (auto [request, field] : {std::pair{R"({})", "as_of"}, std::pair{R"({"as_of": "2025-13-01"})", "as_of"},
                                  std::pair{R"({"as_of": 20250602})", "as_of"},
                                  std::pair{R"({"as_of": "2025-06-02", "profile": "nope"})", "profile"},
                                  std::pair{R"({"as_of": "2025-06-02", "dry_run": "yes"})", "dry_run"},
                                  std::pair{R"({"as_of": "2025-06-02", "size": 3})", "size"},
                                  std::pair{R"(not json)", "body"}}) {
        r = s.call("POST", "/api/jobfit", request);
        INFO(request << " -> " << r.body);
        CHECK(r.status == 400);
        CHECK(code_of(r) == "invalid_input");
        CHECK(field_of(r) == field);
    }
    r = s.call("POST", "/api/jobfit", R"({"as_of": "2025-06-02"})", "ppk");
    CHECK(r.status == 403);
    r = s.call("POST", "/api/jobfit", R"({"as_of": "2025-06-02", "unit": "Dinas Pariwisata"})");
    CHECK(r.status == 422);
    CHECK(code_of(r) == "refused");
    CHECK(s.get("/api/jobfit").at("batches").as_array().empty());

    // The start: the batch is stored and answered at once (202); its case opens on the batch's
    // thread, held at after_write while the test looks at the running batch.
    std::promise<void> release;
    {
        std::lock_guard lock(s.mutex);
        s.hold = release.get_future().share();
    }
    r = s.call("POST", "/api/jobfit", R"({"as_of": "2025-06-02", "reason": "uji kompetensi 2025"})");
    INFO(r.body);
    REQUIRE(r.status == 202);
    body = json::parse(r.body);
    const std::string batch(body.at("batch").as_string());
    CHECK(batch == "JF-2025-001");
    CHECK(body.at("status_url") == "/api/jobfit/JF-2025-001");
    CHECK(s.get("/api/jobfit/" + batch).at("status") == "running");
    r = s.call("POST", "/api/jobfit", R"({"as_of": "2025-06-02"})");
    CHECK(r.status == 409);  // one batch at a time
    CHECK(json::parse(r.body).at("batch").as_string() == batch);
    release.set_value();
    REQUIRE(s.finished_future.wait_for(patience) == std::future_status::ready);

    auto report = s.get("/api/jobfit/" + batch);
    CHECK(report.at("status") == "done");
    CHECK(report.at("opened") == 1);
    REQUIRE(report.at("cases").as_array().size() == 1);
    const auto& c = report.at("cases").at(0);
    CHECK(c.at("nip") == "197603152005011002");
    CHECK(c.at("rank").is_null());  // not yet scored
    CHECK(report.at("excluded").at(0).at("nip") == "196602011990031003");
    // Stored with the batch and read back: the causes and the Indonesian reason.
    CHECK(report.at("excluded").at(0).at("causes").at(0).at("rule") == "jpt_retirement_age");
    CHECK(report.at("excluded").at(0).at("reason_text").at("id").as_string().starts_with("pensiun "));
    const std::string case_id(c.at("id").as_string());
    CHECK(case_id == std::string(c.at("case").as_string()));

    // The same batch again: already opened.
    r = s.call("POST", "/api/jobfit", R"({"as_of": "2025-06-02"})");
    CHECK(r.status == 409);
    CHECK(code_of(r) == "conflict");

    // Scored and assessed: rank 1, its total and outcome as `alur jobfit report` shows them.
    for (auto [component, value] :
         {std::pair{"paper", 85}, std::pair{"interview", 85}, std::pair{"track_record", 85},
          std::pair{"performance_contract", 85}}) {
        Command cmd;
        cmd.case_id = case_id;
        cmd.event = "score_recorded";
        cmd.payload = {{"component", component}, {"value", value}};
        cmd.actor = "sari";
        cmd.role = "admin";
        cmd.reason = "nilai";
        REQUIRE(s.engine->submit(cmd));
    }
    Command done;
    done.case_id = case_id;
    done.event = "assessment_completed";
    done.actor = "sari";
    done.role = "admin";
    done.reason = "selesai";
    REQUIRE(s.engine->submit(done));
    report = s.get("/api/jobfit/" + batch);
    CHECK(report.at("cases").at(0).at("rank") == 1);
    CHECK(report.at("cases").at(0).at("outcome") == "keep");
    CHECK(report.at("cases").at(0).at("total").to_number<double>() == 85);

    auto list = s.get("/api/jobfit");
    REQUIRE(list.at("batches").as_array().size() == 1);
    CHECK(list.at("batches").at(0).at("batch").as_string() == batch);
    CHECK(list.at("batches").at(0).at("status") == "done");
    CHECK(list.at("batches").at(0).at("opened") == 1);

    // The download: CSV with the NIP kept as text and the exclusion's reason.
    r = s.call("GET", "/api/jobfit/" + batch + "?format=csv&lang=en");
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "text/csv; charset=utf-8");
    std::string disposition;
    for (const auto& [name, value] : r.headers)
        if (name == "Content-Disposition") disposition = value;
    CHECK(disposition == "attachment; filename=\"JF-2025-001.csv\"");
    CHECK(r.body.starts_with("RANK,"));
    CHECK(r.body.find("\"'197603152005011002\"") != std::string::npos);
    CHECK(r.body.find("\"'196602011990031003\"") != std::string::npos);

    r = s.call("GET", "/api/jobfit/JF-2099-001");
    CHECK(r.status == 404);
    CHECK(code_of(r) == "not_found");
    r = s.call("GET", "/api/jobfit/" + batch + "?format=xml");
    CHECK(r.status == 400);
    CHECK(field_of(r) == "format");
    CHECK(s.call("DELETE", "/api/jobfit").status == 405);
    CHECK(s.call("GET", "/api/jobfit", "", "").status == 401);
}
