// Logs and monitoring of the API (adapters/http/src/api.cpp, metrics_store.cpp,
// adapters/logging): one access line per request with its X-Request-Id, the
// caller, status and latency, the query's values left out; failed
// authentications and refusals logged; [log] format text and json with the
// agency's offset; /metrics counting what another connection (a CLI process)
// wrote to the file; /healthz reading the database; /readyz asking the timer
// service. Lines are captured by a sink on the API's logger; nothing sleeps
// (the timer service's health is asked at a given steady time).
#include "api_fixture.hpp"

#include "alur/engine/outbox.hpp"
#include "alur/engine/timer_service.hpp"
#include "alur/logging/logging.hpp"
#include "alur/sqlite/stats.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <spdlog/details/log_msg.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <future>
#include <regex>
#include <sstream>

using namespace alur;
namespace json = boost::json;

namespace {

/// A logger writing into a string stream through the formatter of `format`, at WITA (+08:00).
struct Captured {
    std::ostringstream out;
    std::shared_ptr<spdlog::logger> logger;
    explicit Captured(logging::Format format) {
        logger = std::make_shared<spdlog::logger>("alur", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
        logger->set_formatter(logging::make_formatter({format, std::chrono::minutes(8 * 60)}));
        logger->set_level(spdlog::level::info);
    }
    std::vector<std::string> lines() const {
        std::vector<std::string> v;
        std::istringstream in(out.str());
        for (std::string l; std::getline(in, l);) v.push_back(l);
        return v;
    }
    /// The JSON lines whose msg starts with `prefix`.
    std::vector<json::object> json_lines(const std::string& prefix) const {
        std::vector<json::object> v;
        for (const auto& l : lines()) {
            auto o = json::parse(l).as_object();  // every line is one JSON object
            if (std::string(o.at("msg").as_string()).rfind(prefix, 0) == 0) v.push_back(o);
        }
        return v;
    }
};

/// The API over a SQLite file with a logger, the file's stats, and a verify callback.
struct Observed {
    test::ApiFixture fx;
    Captured log;
    std::shared_ptr<sqlite::SqliteStats> stats = sqlite::SqliteStats::open(fx.journal->path()).value();
    std::promise<void> verified;

    explicit Observed(logging::Format format = logging::Format::json,
                      std::function<std::vector<http::ReadyPart>()> readiness = {})
        : log(format) {
        http::ApiOptions o;
        o.engine = fx.f.engine.get();
        o.tokens = &fx.tokens;
        o.metrics = &fx.metrics;
        o.logger = log.logger;
        o.stats = stats.get();
        o.readiness = std::move(readiness);
        o.verify_finished = [this](std::int64_t) { verified.set_value(); };
        fx.api = std::make_unique<http::Api>(std::move(o));
    }

    http::Response get(const std::string& target, const std::string& who = "sari", const std::string& id = {}) {
        http::Request r;
        r.method = "GET";
        r.target = target;
        r.authorization = who.empty() ? "" : "Bearer " + who + "-secret";
        r.request_id = id;
        r.peer = "10.1.2.3";
        return fx.api->handle(r);
    }
};

/// POST /api/cases: a mutation case of one official.
json::object open_body() {
    return {{"workflow", "mutation"},
            {"nip", "197603152005011002"},
            {"name", "Drs. Ahmad Fauzi, M.Si"},
            {"grade", "jpt_pratama"},
            {"post", "Kepala Dinas Pendidikan"},
            {"target", "Kepala Dinas Kesehatan"},
            {"unit", "Dinas Pendidikan"},
            {"inaugurated_at", "2020-01-06"},
            {"reason", "usulan"}};
}

/// The value of the sample `series` (name and labels as printed) in a /metrics text; nullopt if absent.
std::optional<double> sample(const std::string& text, const std::string& series) {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l.rfind(series + " ", 0) == 0) return std::stod(l.substr(series.size() + 1));
    return std::nullopt;
}

}  // namespace

TEST_CASE("every answer carries an X-Request-Id and one access line with caller status latency and no query values",
          "[http][log]") {
    Observed s;
    auto r = s.get("/api/cases?q=Ahmad%20Fauzi&state=scoring&token=abc");
    REQUIRE(r.status == 200);
    const std::string id = test::header_of(r, "X-Request-Id");
    CHECK(std::regex_match(id, std::regex("[0-9a-f]{32}")));
    auto lines = s.log.json_lines("GET ");
    REQUIRE(lines.size() == 1);
    const auto& line = lines[0];
    INFO(json::serialize(line));
    CHECK(line.at("method") == "GET");
    CHECK(line.at("path") == "/api/cases?q&state&token");
    CHECK(line.at("status") == 200);
    CHECK(line.at("user") == "sari");
    CHECK(line.at("peer") == "10.1.2.3");
    CHECK(line.at("request_id").as_string() == id);
    CHECK(line.at("level") == "info");
    CHECK(line.at("latency_ms").is_number());
    CHECK(std::regex_match(std::string(line.at("time").as_string()),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00)")));
    CHECK(s.log.out.str().find("Ahmad") == std::string::npos);
    CHECK(s.log.out.str().find("abc") == std::string::npos);

    // A sane incoming id is kept; another one is replaced by a new id.
    CHECK(test::header_of(s.get("/healthz", "", "req-42.a:b_c"), "X-Request-Id") == "req-42.a:b_c");
    const std::string replaced = test::header_of(s.get("/healthz", "", "bad id\"\n"), "X-Request-Id");
    CHECK(std::regex_match(replaced, std::regex("[0-9a-f]{32}")));
    // Two requests never share an id.
    CHECK(test::header_of(s.get("/healthz", ""), "X-Request-Id") != test::header_of(s.get("/healthz", ""), "X-Request-Id"));
}

TEST_CASE("an unknown token and a forbidden role are logged and their access lines say who and which status",
          "[http][log]") {
    Observed s;
    CHECK(s.get("/api/cases", "nobody").status == 401);
    auto failed = s.log.json_lines("authentication failed");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].at("level") == "warning");
    CHECK(std::string(failed[0].at("msg").as_string()).find("10.1.2.3") != std::string::npos);
    auto access = s.log.json_lines("GET /api/cases 401");
    REQUIRE(access.size() == 1);
    CHECK(access[0].at("user") == "-");
    CHECK(access[0].at("status") == 401);

    // An admin may not start a verify (the auditor's route): 403, a warning naming the route and role.
    CHECK(s.get("/api/audit/verify").status == 403);
    auto forbidden = s.log.json_lines("forbidden: GET /api/audit/verify for sari (role admin; the route is for auditor)");
    REQUIRE(forbidden.size() == 1);
    CHECK(forbidden[0].at("level") == "warning");
    auto get = s.log.json_lines("GET /api/audit/verify 403");
    REQUIRE(get.size() == 1);
    CHECK(get[0].at("user") == "sari");
}

TEST_CASE("a refused command is logged with its code and reason", "[http][log]") {
    Observed s;
    auto opened = s.fx.post("/api/cases", open_body());
    INFO(opened.body);
    REQUIRE(opened.status == 201);
    const std::string id(test::body_of(opened).at("id").as_string());
    // A field visit completed while the case is still gathering records: refused (422).
    auto refused = s.fx.post("/api/cases/" + id + "/events", json::object{{"event", "visit_completed"}, {"reason", "x"}});
    INFO(refused.body);
    CHECK(refused.status == 422);
    auto lines = s.log.json_lines("command refused: visit_completed on " + id + " by sari (refused)");
    REQUIRE(lines.size() == 1);
    CHECK(s.log.json_lines("POST /api/cases/" + id + "/events " + std::to_string(refused.status)).size() == 1);
}

TEST_CASE("the text format writes the time with the agency offset then the level and the message", "[http][log]") {
    Observed s(logging::Format::text);
    REQUIRE(s.get("/healthz", "").status == 200);
    const auto lines = s.log.lines();
    REQUIRE(lines.size() == 1);
    INFO(lines[0]);
    CHECK(std::regex_match(lines[0], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00 info GET /healthz 200 [0-9.]+ ms user=- peer=10\.1\.2\.3 request_id=[0-9a-f]{32})")));
}

TEST_CASE("log lines escape what a client sent so that each stays one line of valid JSON", "[http][log]") {
    Captured log(logging::Format::json);
    logging::log_fields(*log.logger, spdlog::level::warn, "bad \"name\"\n\x1b[31m \xff",
                        {{"path", std::string("/x\"\n\xff")}, {"status", std::int64_t{400}}, {"latency_ms", 1.5}});
    const auto lines = log.lines();
    REQUIRE(lines.size() == 1);
    const auto o = json::parse(lines[0]).as_object();
    CHECK(o.at("msg") == "bad \"name\"\\n\\x1B[31m \\xFF");
    CHECK(o.at("path") == "/x\"\\n\\xFF");
    CHECK(o.at("status") == 400);
    CHECK(o.at("latency_ms") == 1.5);
    CHECK(o.at("level") == "warning");

    // The time of a line, in the agency's zone with its offset.
    const auto t = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours(2) +
                   std::chrono::milliseconds(123);
    CHECK(logging::format_time(t, std::chrono::hours(7)) == "2026-12-01T09:00:00.123+07:00");
    CHECK(logging::format_time(t, std::chrono::hours(9)) == "2026-12-01T11:00:00.123+09:00");
    CHECK(logging::format_time(t - std::chrono::hours(3), std::chrono::hours(7)) == "2026-12-01T06:00:00.123+07:00");
}

TEST_CASE("metrics count cases overdue timers outbox and events written by another connection to the file",
          "[http][metrics]") {
    Observed s;
    const auto before = s.get("/metrics", "").body;
    CHECK(sample(before, "alur_journal_events_total") == 0.0);
    CHECK(sample(before, "alur_journal_readable") == 1.0);
    CHECK(std::regex_search(before, std::regex(R"re(\nalur_build_info\{version="\d+\.\d+\.\d+",commit="([0-9a-f]+|unknown)"\} 1\n)re")));
    CHECK(sample(before, "alur_schema_version") >= 8.0);

    // "alur open" in another process: its own connection to the same file.
    test::MutationFixture cli({}, sqlite::SqliteJournal::open(s.fx.journal->path()).value());
    REQUIRE(cli.open().has_value());
    auto second = cli.open();
    REQUIRE(second.has_value());
    const std::string state = second->projection.state;

    auto after = s.get("/metrics", "").body;
    INFO(after);
    CHECK(sample(after, "alur_journal_events_total") == 2.0);
    CHECK(sample(after, "alur_cases{workflow=\"mutation\",state=\"" + state + "\"}") == 2.0);
    CHECK(sample(after, "alur_cases_overdue{workflow=\"mutation\"}") == 0.0);
    const auto not_due = sample(after, "alur_timers_not_due");
    REQUIRE(not_due);
    CHECK(*not_due > 0);
    CHECK(sample(after, "alur_timers_due_pending{min_late_seconds=\"0\"}") == 0.0);
    CHECK(sample(after, "alur_journal_bytes{file=\"database\"}") > 0.0);

    // Two months later nobody has fired the timers: every case is overdue and its timers are late.
    s.fx.f.clock->advance(std::chrono::days(60));
    auto late = s.get("/metrics", "").body;
    INFO(late);
    CHECK(sample(late, "alur_cases_overdue{workflow=\"mutation\"}") == 2.0);
    CHECK(sample(late, "alur_timers_due_pending{min_late_seconds=\"86400\"}") > 0.0);
    CHECK(sample(late, "alur_timers_not_due") < *not_due);
    CHECK(sample(late, "alur_http_requests_total{code=\"2xx\"}") >= 2.0);
}

TEST_CASE("metrics report the outbox backlog per channel with its oldest notice", "[http][metrics]") {
    Observed s;
    // Fire the reminders of an opened case: their notices wait in the outbox.
    test::MutationFixture cli({}, sqlite::SqliteJournal::open(s.fx.journal->path()).value());
    REQUIRE(cli.open().has_value());
    cli.clock->advance(std::chrono::days(60));
    auto fired = cli.engine->fire_due(cli.clock->now());
    REQUIRE(fired.has_value());
    REQUIRE(fired->fired > 0);
    s.fx.f.clock->set(cli.clock->now() + std::chrono::hours(2));
    auto text = s.get("/metrics", "").body;
    INFO(text);
    const auto pending = sample(text, "alur_outbox_pending{channel=\"log\"}");
    REQUIRE(pending);
    CHECK(*pending > 0);
    CHECK(sample(text, "alur_outbox_failing{channel=\"log\"}") == 0.0);
    const auto age = sample(text, "alur_outbox_oldest_age_seconds{channel=\"log\"}");
    REQUIRE(age);
    CHECK(*age >= 7200.0);
}

TEST_CASE("metrics report the last verify result and time", "[http][metrics][verify]") {
    Observed s;
    CHECK(!sample(s.get("/metrics", "").body, "alur_verify_last_ok"));
    REQUIRE(s.fx.post("/api/cases", open_body()).status == 201);
    REQUIRE(s.get("/api/audit/verify", "inspektorat").status == 202);
    REQUIRE(s.verified.get_future().wait_for(std::chrono::seconds(60)) == std::future_status::ready);
    auto text = s.get("/metrics", "").body;
    INFO(text);
    CHECK(sample(text, "alur_verify_last_ok") == 1.0);
    CHECK(sample(text, "alur_verify_runs_total{result=\"ok\"}") == 1.0);
    CHECK(sample(text, "alur_verify_runs_total{result=\"failed\"}") == 0.0);
    CHECK(sample(text, "alur_verify_last_events") == 1.0);
    const auto at = std::chrono::duration_cast<std::chrono::seconds>(s.fx.f.clock->now().time_since_epoch()).count();
    CHECK(sample(text, "alur_verify_last_timestamp_seconds") == static_cast<double>(at));
}

TEST_CASE("healthz reads the database and reports its schema version", "[http][health]") {
    Observed s;
    auto r = s.get("/healthz", "");
    REQUIRE(r.status == 200);
    auto body = test::body_of(r);
    CHECK(body.at("status") == "ok");
    CHECK(body.at("database") == "ok");
    CHECK(body.at("schema_version").as_int64() == s.stats->schema_version().value());
    CHECK(body.at("schema_version").as_int64() >= 8);
}

TEST_CASE("readyz answers 503 naming what does not run and 200 once the timer service runs", "[http][health]") {
    SECTION("no timer service in this process") {
        Observed s;
        auto r = s.get("/readyz", "");
        CHECK(r.status == 503);
        auto body = test::body_of(r);
        CHECK(body.at("ready") == false);
        CHECK(body.at("not_ready") == json::array{"timers", "delivery"});
        CHECK(body.at("parts").at("database").at("ready") == true);
    }
    SECTION("the timer service and the outbox of serve") {
        test::ApiFixture base;
        boost::asio::io_context io(1);
        auto quiet = std::make_shared<spdlog::logger>("quiet");
        OutboxDispatcher outbox(base.journal, base.f.clock, {}, quiet);
        TimerService service(io, *base.f.engine, &outbox, quiet, TimerService::Options{});
        Observed s(logging::Format::json, [&service] {
            const auto h = service.health();
            return std::vector<http::ReadyPart>{{"timers", h.timers_ready, h.timers_detail},
                                                {"delivery", h.delivery_ready, h.delivery_detail}};
        });
        auto before = s.get("/readyz", "");
        CHECK(before.status == 503);
        CHECK(test::body_of(before).at("parts").at("timers").at("detail") == "not started");

        service.start();  // fires what is due, arms the timer, starts a delivery round
        io.poll();        // the round ends
        auto running = s.get("/readyz", "");
        INFO(running.body);
        CHECK(running.status == 200);
        CHECK(test::body_of(running).at("ready") == true);
        CHECK(test::body_of(running).at("not_ready").as_array().empty());

        // A loop that has not beaten for a minute is not ready (asked at a later steady time).
        const auto stuck = service.health(std::chrono::steady_clock::now() + std::chrono::minutes(1));
        CHECK(!stuck.timers_ready);
        CHECK(stuck.timers_detail.find("no heartbeat") != std::string::npos);
        CHECK(!stuck.delivery_ready);

        service.stop();
        io.poll();
        auto stopped = s.get("/readyz", "");
        CHECK(stopped.status == 503);
        CHECK(test::body_of(stopped).at("parts").at("timers").at("detail") == "stopped");
    }
}
