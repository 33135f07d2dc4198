// The HTTP API of `alur serve` against the real binary on a loopback port
// (`--listen 127.0.0.1:0`: the server prints the port it bound), with a real
// HTTP client (Boost.Beast, synchronous): every endpoint, every error code,
// role refusals, idempotency keys and If-Match. Nothing sleeps for a fixed
// time: the test waits for the server's lines.
#include "roster_rows.hpp"
#include "scenario_cli.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <map>

using alur::scenario::Cli;
using alur::scenario::Server;
namespace json = boost::json;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

struct Reply {
    int status = 0;
    std::string body;
    std::string allow;
    std::string content_type;
    std::string cache_control;
    json::value json() const { return json::parse(body); }
    std::string code() const { return std::string(json().at("error").at("code").as_string()); }
};

using Headers = std::map<std::string, std::string>;

/// One keep-alive connection to the server.
class Client {
public:
    explicit Client(unsigned short port) : stream_(io_) {
        stream_.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    }

    Reply request(bhttp::verb method, const std::string& target, const std::string& token = {},
                  const std::string& body = {}, const Headers& headers = {}) {
        bhttp::request<bhttp::string_body> req{method, target, 11};
        req.set(bhttp::field::host, "127.0.0.1");
        if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
        for (const auto& [k, v] : headers) req.set(k, v);
        if (!body.empty()) {
            req.set(bhttp::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        bhttp::write(stream_, req);
        bhttp::response<bhttp::string_body> res;
        bhttp::read(stream_, buffer_, res);
        Reply r{static_cast<int>(res.result_int()), res.body(), {}, {}, {}};
        if (auto it = res.find(bhttp::field::allow); it != res.end()) r.allow = std::string(it->value());
        if (auto it = res.find(bhttp::field::content_type); it != res.end()) r.content_type = std::string(it->value());
        if (auto it = res.find(bhttp::field::cache_control); it != res.end()) r.cache_control = std::string(it->value());
        return r;
    }

    Reply get(const std::string& target, const std::string& token = {}) { return request(bhttp::verb::get, target, token); }
    Reply post(const std::string& target, const std::string& token, const json::value& body, const Headers& h = {}) {
        return request(bhttp::verb::post, target, token, json::serialize(body), h);
    }

private:
    net::io_context io_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

/// GET /api/audit/verify starts a background job (202); its result is polled
/// at the job's location until it is no longer running (each poll is a round
/// trip to the server; no sleep), within a generous deadline.
json::value verify_result(Client& c, const std::string& auditor) {
    auto started = c.get("/api/audit/verify", auditor);
    REQUIRE(started.status == 202);
    const std::string location(started.json().at("job").at("location").as_string());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        auto polled = c.get(location, auditor);
        REQUIRE(polled.status == 200);
        auto body = polled.json();
        if (body.at("job").at("state").as_string() != "running") {
            CHECK(body.at("job").at("state").as_string() == "done");
            return body;
        }
        REQUIRE(std::chrono::steady_clock::now() < deadline);
    }
}

/// `alur token add NAME --role ROLE`: the token, printed once on the second line.
std::string add_token(const Cli& cli, const std::string& name, const std::string& role) {
    auto r = cli({"token", "add", name, "--role", role});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto nl = r.out.find('\n');
    REQUIRE(nl != std::string::npos);
    std::string token = r.out.substr(nl + 1);
    while (!token.empty() && token.back() == '\n') token.pop_back();
    REQUIRE(token.size() == 64);
    return token;
}

const json::object open_body{{"workflow", "mutation"},
                             {"nip", "197603152005011002"},
                             {"name", "Drs. Hendra Gunawan, M.Si."},
                             {"grade", "jpt_pratama"},
                             {"post", "Kepala Dinas Pendidikan"},
                             {"unit", "Dinas Pendidikan"},
                             {"inaugurated_at", "2021-03-08"},
                             {"reason", "usulan mutasi"}};  // opened now: nothing falls due during the test

}  // namespace

TEST_CASE("the HTTP API of alur serve: endpoints, errors, roles, idempotency and If-Match", "[scenario][http]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string admin = add_token(cli, "sari", "admin");
    const std::string ppk = add_token(cli, "bupati", "ppk");
    const std::string auditor = add_token(cli, "inspektorat", "auditor");
    const std::string revoked = add_token(cli, "mantan", "admin");
    REQUIRE(cli({"token", "revoke", "mantan"}).exit_code == 0);
    CHECK(cli({"token", "revoke", "nobody"}).exit_code == 4);
    CHECK(cli({"token", "add", "x", "--role", "kepala"}).exit_code == 2);
    CHECK(cli({"token", "add", "sari", "--role", "admin"}).exit_code == 5);
    {
        auto list = cli({"--lang", "en", "token", "list"});
        REQUIRE(list.exit_code == 0);
        CHECK(list.out.find("inspektorat") != std::string::npos);
        CHECK(list.out.find(admin) == std::string::npos);  // never the token itself
    }

    Server server(cli, {"--listen", "127.0.0.1:0"}, "http");
    auto listening = server.wait_line("alur serve: http ");
    INFO(server.log());
    REQUIRE(listening);
    REQUIRE(server.wait_line("alur serve: siap"));
    const auto port = static_cast<unsigned short>(std::stoi(listening->substr(listening->rfind(':') + 1)));
    Client c(port);

    // --- no token needed --------------------------------------------------------------
    auto health = c.get("/healthz");
    CHECK(health.status == 200);
    CHECK(health.json().at("status").as_string() == "ok");
    CHECK(c.request(bhttp::verb::post, "/healthz").status == 405);

    // --- 401 ------------------------------------------------------------------------
    CHECK(c.get("/api/cases").status == 401);
    CHECK(c.get("/api/cases", "not-a-token").status == 401);
    auto gone = c.get("/api/cases", revoked);
    CHECK(gone.status == 401);
    CHECK(gone.code() == "unauthorized");

    // --- open a case ------------------------------------------------------------------
    auto opened = c.post("/api/cases", admin, open_body);
    INFO(opened.body);
    REQUIRE(opened.status == 201);
    const std::string id(opened.json().at("id").as_string());
    CHECK(id == "MUT-000001");
    CHECK(opened.json().at("event").at("actor").as_string() == "sari");  // the token's name

    {
        auto bad_nip = open_body;
        bad_nip["nip"] = "1976031520050110";
        auto r = c.post("/api/cases", admin, bad_nip);
        CHECK(r.status == 400);
        CHECK(r.json().at("error").at("field").as_string() == "nip");
        auto no_workflow = open_body;
        no_workflow["workflow"] = "cuti";
        CHECK(c.post("/api/cases", admin, no_workflow).status == 400);
        CHECK(c.request(bhttp::verb::post, "/api/cases", admin, "{not json").status == 400);
        CHECK(c.post("/api/cases", auditor, open_body).status == 403);  // auditors open nothing
    }

    // --- read it ----------------------------------------------------------------------
    auto one = c.get("/api/cases/" + id, admin);
    REQUIRE(one.status == 200);
    auto view = one.json().as_object();
    CHECK(view.at("state").as_string() == "record_gathering");
    CHECK(view.at("version").as_int64() == 1);
    CHECK_FALSE(view.at("overdue").as_bool());
    CHECK(view.at("due_at").is_string());
    CHECK(view.at("working_days_left").is_int64());
    CHECK(view.at("calendar").is_array());  // the years of the deadline without a confirmed holiday calendar
    CHECK(view.at("data").at("official").at("unit").as_string() == "Dinas Pendidikan");
    CHECK_FALSE(view.at("allowed_events").as_array().empty());
    CHECK(c.get("/api/cases/" + id, auditor).json().at("allowed_events").as_array().empty());
    CHECK(c.get("/api/cases/MUT-999999", admin).status == 404);
    CHECK(c.get("/api/nothing", admin).status == 404);
    CHECK(c.request(bhttp::verb::delete_, "/api/cases/" + id, admin).status == 405);

    // --- advance: idempotency, If-Match, refusals, roles --------------------------------
    const std::string events = "/api/cases/" + id + "/events";
    const json::object skp{{"event", "record_added"},
                           {"payload", json::object{{"item", "skp"}, {"value", "Sangat baik"}}},
                           {"reason", "SKP 2023"}};
    auto first = c.post(events, admin, skp, {{"Idempotency-Key", "skp-1"}});
    INFO(first.body);
    REQUIRE(first.status == 200);
    CHECK(first.json().at("version").as_int64() == 2);
    auto again = c.post(events, admin, skp, {{"Idempotency-Key", "skp-1"}});
    CHECK(again.status == 200);
    CHECK(again.body == first.body);  // the same answer
    CHECK(c.get("/api/cases/" + id + "/history", admin).json().at("events").as_array().size() == 2);  // written once
    auto other = skp;
    other["reason"] = "lain";
    auto reused = c.post(events, admin, other, {{"Idempotency-Key", "skp-1"}});
    CHECK(reused.status == 409);
    CHECK(reused.code() == "conflict");

    auto stale = c.post(events, admin, skp, {{"If-Match", "1"}});
    CHECK(stale.status == 409);
    CHECK(c.post(events, admin, skp, {{"If-Match", "not-a-version"}}).status == 400);
    auto current = c.post(events, admin, skp, {{"If-Match", "2"}});
    CHECK(current.status == 200);
    CHECK(current.json().at("version").as_int64() == 3);

    auto guard = c.post(events, admin, json::object{{"event", "records_completed"}, {"reason", "selesai"}});
    CHECK(guard.status == 422);
    CHECK(guard.code() == "refused");
    CHECK(guard.json().at("error").at("message").as_string().find("edijab") != json::string::npos);
    CHECK(c.post(events, admin, json::object{{"event", "visit_completed"}, {"reason", "x"}}).status == 422);
    CHECK(c.post(events, admin, json::object{{"event", "record_added"}, {"reason", "x"},
                                             {"payload", json::object{{"item", "horoscope"}, {"value", "Leo"}}}})
              .status == 400);
    CHECK(c.post(events, admin, json::object{{"event", "record_added"}}).status == 400);  // no reason

    const json::object decided{{"event", "ppk_decided"},
                               {"payload", json::object{{"decision", "approve"}, {"post", "Kepala Bappeda"},
                                                        {"sk_number", "821/1/2024"}}},
                               {"reason", "keputusan"}};
    auto as_admin = c.post(events, admin, decided);
    CHECK(as_admin.status == 403);
    CHECK(as_admin.code() == "forbidden");
    CHECK(c.post(events, auditor, skp).status == 403);
    CHECK(c.post(events, ppk, decided).status == 422);  // the right role, but not in this state
    CHECK(c.request(bhttp::verb::get, events, admin).status == 405);

    // --- history with every field ------------------------------------------------------------
    auto history = c.get("/api/cases/" + id + "/history", auditor);
    REQUIRE(history.status == 200);
    const auto history_json = history.json();
    const auto& evs = history_json.at("events").as_array();
    REQUIRE(evs.size() == 3);
    for (const char* field : {"seq", "global_seq", "name", "payload", "actor", "role", "reason", "occurred_at",
                              "recorded_at", "prev_hash", "hash"})
        CHECK(evs[1].as_object().contains(field));
    CHECK(evs[1].at("actor").as_string() == "sari");
    CHECK(evs[1].at("role").as_string() == "admin");

    // --- listing ----------------------------------------------------------------------
    auto second = open_body;
    second["nip"] = "198001012006041001";
    second["unit"] = "Bappeda";
    second["at"] = "2024-04-01 08:00";  // long overdue: its reminders and escalation fire at once
    REQUIRE(c.post("/api/cases", admin, second).status == 201);
    auto all = c.get("/api/cases?limit=1", admin).json();
    REQUIRE(all.at("cases").as_array().size() == 1);
    CHECK(all.at("next_cursor").as_string() == id);
    auto page2 = c.get("/api/cases?limit=1&cursor=" + id, admin).json();
    REQUIRE(page2.at("cases").as_array().size() == 1);
    CHECK(page2.at("cases").as_array()[0].at("id").as_string() == "MUT-000002");
    CHECK(page2.at("next_cursor").is_null());
    CHECK(c.get("/api/cases?unit=Bappeda", admin).json().at("cases").as_array().size() == 1);
    CHECK(c.get("/api/cases?state=scoring", admin).json().at("cases").as_array().empty());
    auto overdue = c.get("/api/cases?overdue=true&sort=due", admin).json().at("cases").as_array();
    REQUIRE(overdue.size() == 1);
    CHECK(overdue[0].at("id").as_string() == "MUT-000002");
    CHECK(overdue[0].at("overdue").as_bool());
    CHECK(c.get("/api/cases?workflow=mutation&sort=updated", admin).json().at("cases").as_array().size() == 2);
    CHECK(c.get("/api/cases?sort=sideways", admin).status == 400);
    CHECK(c.get("/api/cases?limit=0", admin).status == 400);
    // An open selection's unit is its post's: `?unit=` lists it beside the officials of that unit.
    const json::object selection{{"workflow", "open_selection"}, {"post", "Kepala Bappeda"}, {"unit", "Bappeda"},
                                 {"grade", "jpt_pratama"}, {"reason", "jabatan kosong"}};
    REQUIRE(c.post("/api/cases", admin, selection).status == 201);
    auto bappeda = c.get("/api/cases?unit=Bappeda", admin).json().at("cases").as_array();
    REQUIRE(bappeda.size() == 2);
    CHECK(bappeda[1].at("workflow").as_string() == "open_selection");
    CHECK(bappeda[1].at("subject").as_string() == "Kepala Bappeda");
    CHECK(bappeda[1].at("subject_label").as_string() == "Kepala Bappeda (Bappeda)");
    auto by_nip = c.get("/api/cases?subject=198001012006041001", admin).json().at("cases").as_array();
    REQUIRE(by_nip.size() == 1);
    CHECK(by_nip[0].at("id").as_string() == "MUT-000002");
    CHECK(by_nip[0].at("unit").as_string() == "Bappeda");
    // Paging in due order: the cursor carries the deadline, the pages cover every case once.
    std::vector<std::string> paged;
    for (std::string cursor;;) {
        auto page = c.get("/api/cases?sort=-due&limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), admin).json();
        for (const auto& one : page.at("cases").as_array()) paged.emplace_back(one.at("id").as_string());
        if (page.at("next_cursor").is_null()) break;
        cursor = std::string(page.at("next_cursor").as_string());
        CHECK(cursor.find('_') != std::string::npos);
        REQUIRE(paged.size() < 10);
    }
    CHECK(paged.size() == 3);
    CHECK(paged.back() == "MUT-000002");  // the earliest deadline last in reverse
    CHECK(c.get("/api/cases?opened_from=2024-04-02", admin).json().at("cases").as_array().size() == 2);
    CHECK(c.get("/api/cases?opened_from=yesterday", admin).status == 400);
    CHECK(c.get("/api/cases?cursor=MUT-999999", admin).status == 400);

    // --- workflows --------------------------------------------------------------------
    auto workflows = c.get("/api/workflows", ppk);
    REQUIRE(workflows.status == 200);
    {
        std::vector<std::string> names;
        const auto listed = workflows.json();
        for (const auto& w : listed.at("workflows").as_array())
            names.emplace_back(w.at("name").as_string());
        CHECK(names == std::vector<std::string>{"development", "job_fit", "mutation", "open_selection", "performance_review"});  // by name
    }
    auto mutation = c.get("/api/workflows/mutation", ppk);
    REQUIRE(mutation.status == 200);
    CHECK(mutation.json().at("mermaid").as_string().find("stateDiagram-v2") != json::string::npos);
    bool ppk_role = false;
    const auto mutation_json = mutation.json();
    for (const auto& e : mutation_json.at("events").as_array())
        if (e.at("name").as_string() == "ppk_decided") {
            ppk_role = e.at("roles").as_array()[0].as_string() == "ppk";
            CHECK_FALSE(e.at("fields").as_array().empty());
        }
    CHECK(ppk_role);
    CHECK(c.get("/api/workflows/cuti", ppk).status == 404);

    // --- audit --------------------------------------------------------------------------
    CHECK(c.get("/api/audit/verify", admin).status == 403);
    auto verified = verify_result(c, auditor);
    INFO(json::serialize(verified));
    CHECK(verified.at("ok").as_bool());
    CHECK(verified.at("events").as_int64() >= 4);
    CHECK(verified.at("job").at("events_checked") == verified.at("events"));

    // --- metrics ------------------------------------------------------------------------
    auto metrics = c.get("/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metrics.content_type.find("text/plain") == 0);
    for (const char* line : {"alur_transitions_total{workflow=\"mutation\",event=\"record_added\"} 2",
                             "alur_refusals_total{reason=\"forbidden\"}", "alur_refusals_total{reason=\"refused\"}",
                             "alur_refusals_total{reason=\"conflict\"}", "alur_timers_pending ",
                             "alur_timers_fired_total ", "alur_timer_lateness_seconds_bucket",
                             "alur_commit_latency_seconds_count ", "alur_outbox_backlog "}) {
        INFO(line);
        CHECK(metrics.body.find(line) != std::string::npos);
    }

    // --- 413: a body over 64 KiB ------------------------------------------------------------
    {
        Client big(port);
        auto r = big.request(bhttp::verb::post, events, admin, std::string(70 * 1024, 'x'));
        CHECK(r.status == 413);
        CHECK(r.code() == "payload_too_large");
    }

    // --- graceful shutdown ----------------------------------------------------------------
    CHECK(server.stop(SIGTERM) == 0);
    CHECK(server.output().find("alur serve: berhenti") != std::string::npos);
}

TEST_CASE("the web page of alur serve: compiled in, served at / without a token", "[scenario][http][web]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    Server server(cli, {"--listen", "127.0.0.1:0"}, "web");
    auto listening = server.wait_line("alur serve: http ");
    INFO(server.log());
    REQUIRE(listening);
    const auto port = static_cast<unsigned short>(std::stoi(listening->substr(listening->rfind(':') + 1)));
    Client c(port);

    auto page = c.get("/");
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.cache_control == "no-cache");
    CHECK(page.body.find("<title>Alur</title>") != std::string::npos);
    CHECK(page.body.find("src=\"/app.js\"") != std::string::npos);
    CHECK(page.body.find("href=\"/app.css\"") != std::string::npos);
    CHECK(page.body.find("http://") == std::string::npos);  // nothing from elsewhere: works offline
    CHECK(page.body.find("https://") == std::string::npos);
    CHECK(c.get("/index.html").body == page.body);

    auto script = c.get("/app.js");
    CHECK(script.status == 200);
    CHECK(script.content_type == "text/javascript; charset=utf-8");
    CHECK(script.cache_control == "no-cache");
    CHECK(script.body.find("/api/cases") != std::string::npos);
    CHECK(script.body.find("sessionStorage") != std::string::npos);
    CHECK(script.body.find("https://") == std::string::npos);

    auto style = c.get("/app.css");
    CHECK(style.status == 200);
    CHECK(style.content_type == "text/css; charset=utf-8");
    CHECK(style.cache_control == "no-cache");
    CHECK(style.body.find("https://") == std::string::npos);

    auto post = c.request(bhttp::verb::post, "/");
    CHECK(post.status == 405);
    CHECK(post.allow == "GET");
    CHECK(c.get("/nothing.js").status == 404);
    CHECK(c.get("/api").status == 401);  // the API still needs a token
    CHECK(c.get("/api/cases").cache_control.empty());
}

TEST_CASE("the HTTP API answers with the cases an event opened: a job fit's approved rotation",
          "[scenario][http][jobfit]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string admin = add_token(cli, "sari", "admin");
    const std::string ppk = add_token(cli, "gubernur", "ppk");
    Server server(cli, {"--listen", "127.0.0.1:0"}, "http");
    auto listening = server.wait_line("alur serve: http ");
    INFO(server.log());
    REQUIRE(listening);
    Client c(static_cast<unsigned short>(std::stoi(listening->substr(listening->rfind(':') + 1))));

    json::object job_fit{{"workflow", "job_fit"},         {"nip", "197603152005011002"},
                         {"name", "Drs. Hendra Gunawan"}, {"grade", "jpt_pratama"},
                         {"post", "Kepala Dinas Pendidikan"}, {"unit", "Dinas Pendidikan"},
                         {"inaugurated_at", "2021-03-08"}, {"batch", "JF-2025-001"},
                         {"as_of", "2025-06-02"},          {"reason", "uji kompetensi"}};
    // A job fit case names its batch, which must exist.
    auto no_batch = c.post("/api/cases", admin, job_fit);
    CHECK(no_batch.status == 400);
    CHECK(no_batch.json().at("error").at("field").as_string() == "batch");
    const std::string csv = (cli.dir / "roster.csv").string();
    std::ofstream(csv) << alur::test::roster_rows::header << alur::test::roster_rows::hendra;
    REQUIRE(cli({"roster", "import", csv}).exit_code == 0);
    auto started = cli({"jobfit", "start", "--as-of", "2025-06-02", "--at", "2025-06-02 09:00", "--actor", "sari"});
    INFO(started.err);
    REQUIRE(started.exit_code == 0);
    REQUIRE(started.out.rfind("JF-2025-001\n", 0) == 0);
    const std::string id = "JF-000001";
    CHECK(c.get("/api/cases/" + id, admin).status == 200);
    auto send = [&](const std::string& token, const std::string& event, json::object payload) {
        auto r = c.post("/api/cases/" + id + "/events", token,
                        json::object{{"event", event}, {"payload", std::move(payload)}, {"reason", "uji kompetensi"}});
        INFO(event << ": " << r.body);
        REQUIRE(r.status == 200);
        return r.json();
    };
    for (const char* component : {"paper", "interview", "track_record", "performance_contract"})
        send(admin, "score_recorded", {{"component", component}, {"value", 72}});
    CHECK(send(admin, "assessment_completed", {}).at("data").at("outcome").as_string() == "rotate");
    CHECK(send(admin, "panel_reported", {{"ref", "BA/1"}, {"summary", "baik"}}).at("opened").as_array().empty());
    send(admin, "recommendation_requested", {{"ref", "800/1"}});
    send(admin, "recommendation_received", {{"decision", "approve"}, {"ref", "B-1/BKN"}});
    auto reviewed = send(ppk, "ppk_reviewed", {{"decision", "approve"}});
    CHECK(reviewed.at("state").as_string() == "closed");
    const auto& linked = reviewed.at("opened").as_array();
    REQUIRE(linked.size() == 1);
    CHECK(linked[0].at("id").as_string() == "MUT-000001");
    CHECK(linked[0].at("workflow").as_string() == "mutation");
    CHECK(linked[0].at("state").as_string() == "ppk_decision");  // the job fit's assessment stands for the move
    auto mutation = c.get("/api/cases/MUT-000001", admin);
    REQUIRE(mutation.status == 200);
    CHECK(mutation.json().at("data").at("origin").as_string() == id);
    CHECK(mutation.json().at("data").at("assessment").at("case").as_string() == id);

    // Linked both ways: the case JSON and GET /api/cases/{id}/linked, read through the origin index.
    const auto shown = mutation.json();
    CHECK(shown.at("origin").as_string() == id);
    CHECK(shown.at("linked").at("came_from").as_array().size() == 1);
    CHECK(shown.at("linked").at("came_from").at(0).at("id").as_string() == id);
    CHECK(shown.at("linked").at("came_from").at(0).at("workflow").as_string() == "job_fit");
    CHECK(shown.at("linked").at("opened").as_array().empty());
    auto from_jobfit = c.get("/api/cases/" + id + "/linked", admin);
    REQUIRE(from_jobfit.status == 200);
    const auto down = from_jobfit.json();
    CHECK(down.at("id").as_string() == id);
    CHECK(down.at("came_from").as_array().empty());
    REQUIRE(down.at("opened").as_array().size() == 1);
    CHECK(down.at("opened").at(0).at("id").as_string() == "MUT-000001");
    CHECK(down.at("opened").at(0).at("state") == shown.at("state"));
    CHECK(down.at("jobfit_batch").is_null());
    auto by_origin = c.get("/api/cases?origin=" + id, admin).json().at("cases").as_array();
    REQUIRE(by_origin.size() == 1);
    CHECK(by_origin[0].at("id").as_string() == "MUT-000001");
    CHECK(c.get("/api/cases/MUT-999999/linked", admin).status == 404);
    CHECK(c.request(bhttp::verb::post, "/api/cases/" + id + "/linked", admin).status == 405);
}

TEST_CASE("the HTTP API records who did it and shows refusals to auditors and admins",
          "[scenario][http][accountability]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string admin = add_token(cli, "sari", "admin");
    const std::string ppk = add_token(cli, "bupati", "ppk");
    const std::string auditor = add_token(cli, "inspektorat", "auditor");
    // A token slipped into the table behind Alur's back, with no journaled grant.
    const std::string slipped(64, 'a');
    const auto sha = alur::test::run("printf %s " + slipped + " | sha256sum | cut -c1-64").out.substr(0, 64);
    REQUIRE(alur::test::run("sqlite3 " + alur::test::shell_quote(cli.db()) +
                            " \"INSERT INTO tokens (name, role, sha256, created_at) VALUES ('penyusup', 'admin', '" +
                            sha + "', '2025-01-01T00:00:00.000Z')\"")
                .exit_code == 0);

    Server server(cli, {"--listen", "127.0.0.1:0"}, "http-accountability");
    auto listening = server.wait_line("alur serve: http ");
    INFO(server.log());
    REQUIRE(listening);
    REQUIRE(server.wait_line("alur serve: siap"));
    Client c(static_cast<unsigned short>(std::stoi(listening->substr(listening->rfind(':') + 1))));

    CHECK(c.get("/api/cases", slipped).status == 401);  // no grant, no access

    auto opened = c.post("/api/cases", admin, open_body);
    INFO(opened.body);
    REQUIRE(opened.status == 201);
    CHECK(opened.json().at("event").at("recorded_by").as_string() == "sari");  // the token's name
    const std::string id(opened.json().at("id").as_string());
    const std::string events = "/api/cases/" + id + "/events";
    CHECK(c.post(events, admin, json::object{{"event", "records_completed"}, {"reason", "selesai"}}).status == 422);
    CHECK(c.post(events, ppk, json::object{{"event", "record_added"}, {"reason", "x"},
                                           {"payload", json::object{{"item", "skp"}, {"value", "x"}}}})
              .status == 403);
    auto history = c.get("/api/cases/" + id + "/history", auditor).json();
    CHECK(history.at("events").as_array().size() == 1);  // the refusals changed no case

    auto listed = c.get("/api/refusals", auditor);
    INFO(listed.body);
    REQUIRE(listed.status == 200);
    const auto refusals = listed.json().at("refusals").as_array();
    REQUIRE(refusals.size() == 2);
    CHECK(refusals[0].at("code").as_string() == "refused");
    CHECK(refusals[0].at("actor").as_string() == "sari");
    CHECK(refusals[0].at("recorded_by").as_string() == "sari");
    CHECK(refusals[1].at("code").as_string() == "forbidden");
    CHECK(refusals[1].at("role").as_string() == "ppk");
    CHECK(refusals[1].at("prev_hash") == refusals[0].at("hash"));
    CHECK(c.get("/api/refusals", admin).status == 200);
    CHECK(c.get("/api/refusals", ppk).status == 403);
    CHECK(c.get("/api/refusals?case=" + id, auditor).json().at("refusals").as_array().size() == 2);
    CHECK(c.get("/api/refusals?case=MUT-000099", auditor).json().at("refusals").as_array().empty());
    CHECK(c.get("/api/refusals?since=2199-01-01T00:00:00.000Z", auditor).json().at("refusals").as_array().empty());
    CHECK(c.get("/api/refusals?since=kemarin", auditor).status == 400);
    CHECK(c.get("/api/refusals?limit=1", auditor).json().at("refusals").as_array().size() == 1);
    CHECK(c.request(bhttp::verb::post, "/api/refusals", auditor).status == 405);
    auto verified = verify_result(c, auditor);
    CHECK(verified.at("refusals").as_int64() == 2);
    CHECK_FALSE(verified.at("ok").as_bool());  // the slipped token
    CHECK(verified.at("side_problem").as_string().find("penyusup") != json::string::npos);

    CHECK(server.stop(SIGTERM) == 0);
    CHECK(cli({"audit", "verify"}).exit_code == 6);  // the slipped token is named
}
