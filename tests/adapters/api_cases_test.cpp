// The case-list side of the HTTP API, in-process (Api::handle) on the
// in-memory journal and on a real SQLite file: opening a case of every
// registered workflow with the fields its `opened` event declares (and the
// refusal naming a missing one), the search `GET /api/cases?q=` with its
// "total", "my tasks" (`GET /api/tasks`) most urgent first with each case's
// events, `GET /api/overview`, `GET /api/agency`, the corrections side by
// side in `GET /api/cases/{id}/history`, the refusals of one case, and that
// every time the API returns carries its offset. Each route's errors: 400 for
// a bad q, limit or cursor, 401 without a token, 405 for another method.
#include "../fuzz/fuzz_workflows.hpp"
#include "journal_backends.hpp"
#include "result_printing.hpp"

#include "alur/engine/case_list.hpp"
#include "alur/engine/engine.hpp"
#include "alur/engine/refusals.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/http/metrics.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <regex>
#include <set>

using namespace std::chrono;
namespace json = boost::json;

using alur::test::MemoryBackend;
using alur::test::SqliteBackend;

namespace {

/// `alur serve`'s API over a backend's journal, at 2025-06-03 10:00 WIB on a manual clock, with the five
/// workflows and three tokens: "admin-secret" (sari, admin), "ppk-secret" (bupati, ppk), "auditor-secret"
/// (inspektorat, auditor).
template <typename Backend>
struct Served {
    Backend backend;
    std::shared_ptr<alur::ManualClock> clock =
        std::make_shared<alur::ManualClock>(alur::parse_datetime("2025-06-03T10:00", alur::TimeZone{}).value());
    std::shared_ptr<alur::MemoryRefusalLog> refusals = std::make_shared<alur::MemoryRefusalLog>();
    std::unique_ptr<alur::Engine> engine;
    alur::MemoryTokenStore tokens;
    alur::http::Metrics metrics;
    std::unique_ptr<alur::http::Api> api;

    explicit Served(alur::TimeZone tz = {}) {
        alur::EngineOptions options;
        options.journal = backend.journal;
        options.clock = clock;
        options.refusals = refusals;
        options.reference_exists = alur::fuzz::batch_exists;
        engine = std::make_unique<alur::Engine>(options);
        for (const auto& w : alur::fuzz::workflows()) engine->add_workflow(w);
        for (auto [name, role, secret] : {std::tuple{"sari", "admin", "admin-secret"},
                                          std::tuple{"bupati", "ppk", "ppk-secret"},
                                          std::tuple{"inspektorat", "auditor", "auditor-secret"}}) {
            alur::Token t;
            t.name = name;
            t.role = role;
            t.created_at = clock->now();
            t.granted_by = "test";
            tokens.add(t, alur::sha256_hex(secret)).value();
        }
        alur::http::ApiOptions o;
        o.engine = engine.get();
        o.tokens = &tokens;
        o.metrics = &metrics;
        o.deadline_clock.timezone = tz;
        o.agency_name = "Pemerintah Kabupaten Contoh";
        api = std::make_unique<alur::http::Api>(std::move(o));
    }

    alur::http::Response call(const std::string& method, const std::string& target, const std::string& token,
                              const std::string& body = {}) {
        alur::http::Request r;
        r.method = method;
        r.target = target;
        r.body = body;
        if (!token.empty()) r.authorization = "Bearer " + token;
        return api->handle(r);
    }
    json::value get(const std::string& target, const std::string& token = "admin-secret", int status = 200) {
        const auto r = call("GET", target, token);
        INFO(target << " -> " << r.status << " " << r.body);
        CHECK(r.status == status);
        return json::parse(r.body);
    }
    json::value post(const std::string& target, const json::object& body, const std::string& token = "admin-secret") {
        const auto r = call("POST", target, token, json::serialize(body));
        INFO(target << " " << json::serialize(body) << " -> " << r.status << " " << r.body);
        CHECK(r.status < 300);
        return json::parse(r.body);
    }
};

const json::object official{{"nip", "197603152005011002"}, {"name", "Drs. Ahmad Fauzi, M.Si"},
                            {"grade", "jpt_pratama"},     {"post", "Kepala Dinas Pendidikan"},
                            {"unit", "Dinas Pendidikan"}, {"inaugurated_at", "2020-01-06"}};

/// An ordinary opening of each workflow (`origin`: an existing job fit case, for a development).
json::object opening(const std::string& workflow, const std::string& origin) {
    json::object p = official;
    if (workflow == "job_fit") {
        p["batch"] = "JF-2025-001";
        p["as_of"] = "2025-06-02";
        p["birth_date"] = "1976-03-15";
    } else if (workflow == "open_selection") {
        p = json::object{{"post", "Kepala Dinas Kesehatan"}, {"unit", "Dinas Kesehatan"}, {"grade", "jpt_pratama"}};
    } else if (workflow == "development") {
        p["origin"] = origin;
    } else if (workflow == "performance_review") {
        p["year"] = 2024;
    }
    p["workflow"] = workflow;
    return p;
}

/// An official of the mutation workflow.
json::object mutation(const std::string& name, const std::string& nip, const std::string& post) {
    json::object p = official;
    p["workflow"] = "mutation";
    p["name"] = name;
    p["nip"] = nip;
    p["post"] = post;
    return p;
}

std::string str(const json::value& v) { return std::string(v.as_string()); }

std::vector<std::string> case_ids(const json::value& list, const char* key = "cases") {
    std::vector<std::string> out;
    for (const auto& c : list.at(key).as_array()) out.push_back(str(c.at("id")));
    return out;
}

std::string error_field(const json::value& v) {
    const auto* f = v.at("error").as_object().if_contains("field");
    return f ? str(*f) : std::string();
}

/// Every time the API returns: RFC 3339 with an offset (Z or +hh:mm). What a case's data and an event's
/// payload hold is the workflow's (dates such as inaugurated_at), not a time of the API.
void check_times(const json::value& v, const std::string& where, int& seen) {
    static const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
    if (v.is_object()) {
        for (const auto& kv : v.get_object()) {
            const std::string key(kv.key());
            if (key == "data" || key == "payload" || key == "value" || key == "before") continue;
            const bool time = key == "now" || key == "at" || key.ends_with("_at");
            if (time && kv.value().is_string()) {
                ++seen;
                INFO(where << "." << key << " = " << kv.value());
                CHECK(std::regex_match(std::string(kv.value().get_string()), rfc3339));
            }
            check_times(kv.value(), where + "." + key, seen);
        }
    } else if (v.is_array()) {
        for (const auto& e : v.get_array()) check_times(e, where + "[]", seen);
    }
}

}  // namespace

TEMPLATE_TEST_CASE("api: POST /api/cases opens a case of every registered workflow", "[http][api][open]",
                   MemoryBackend, SqliteBackend) {
    Served<TestType> s;
    const auto workflows = s.engine->workflows();
    std::set<std::string> names;
    for (const auto& w : workflows) names.insert(w->name());
    CHECK(names == std::set<std::string>{"mutation", "job_fit", "open_selection", "performance_review", "development"});
    std::string job_fit;
    // The job fit first: a development names it as its origin.
    std::vector<std::shared_ptr<const alur::Workflow>> ordered;
    for (const auto& w : workflows)
        if (w->name() == "job_fit") ordered.insert(ordered.begin(), w);
        else ordered.push_back(w);
    for (const auto& w : ordered) {
        const json::object body = opening(w->name(), job_fit);
        const alur::EventSpec* spec = w->find_event(w->open_event());
        REQUIRE(spec);
        // The body gives every field the opening declares as required (and derives none).
        for (const auto& f : spec->fields) {
            INFO(w->name() << "." << f.name);
            if (f.required && !f.derived) CHECK(body.contains(f.name));
            if (f.derived) CHECK_FALSE(body.contains(f.name));
        }
        const auto opened = s.post("/api/cases", body);
        const std::string id = str(opened.at("id"));
        CHECK(id.starts_with(w->case_prefix() + "-"));
        CHECK(opened.at("version").as_int64() == 1);
        if (w->name() == "job_fit") job_fit = id;
        const auto shown = s.get("/api/cases/" + id);
        CHECK(str(shown.at("workflow")) == w->name());
        CHECK(!shown.at("subject_label").as_string().empty());

        // Without each required field: refused before anything is written, naming the field.
        for (const auto& f : spec->fields) {
            if (!f.required || f.derived) continue;
            json::object missing = body;
            missing.erase(f.name);
            const auto r = s.call("POST", "/api/cases", "admin-secret", json::serialize(missing));
            INFO(w->name() << " without " << f.name << ": " << r.body);
            CHECK((r.status == 400 || r.status == 422));
            const auto v = json::parse(r.body);
            CHECK(error_field(v) == f.name);
            CHECK(str(v.at("error").at("message")).find(f.name) != std::string::npos);
        }
    }
    const auto all = s.get("/api/cases");
    CHECK(all.at("total").as_int64() == 5);  // nothing of the refused openings was written
    CHECK(s.call("POST", "/api/cases", "admin-secret", R"({"workflow":"no_such"})").status == 400);
    CHECK(s.call("POST", "/api/cases", "", json::serialize(opening("mutation", ""))).status == 401);
}

TEMPLATE_TEST_CASE("api: GET /api/cases?q= searches name NIP case id and post with a total", "[http][api][search]",
                   MemoryBackend, SqliteBackend) {
    Served<TestType> s;
    s.post("/api/cases", mutation("Drs. Ahmad Fauzi", "197603152005011002", "Kepala Dinas Pendidikan"));
    s.post("/api/cases", mutation("Siti Rahmawati", "198001012006042001", "Sekretaris Dinas Pendidikan"));
    s.post("/api/cases", mutation("Budi Santoso", "198107222006041003", "Kepala Bidang Mutasi"));
    s.post("/api/cases", opening("open_selection", ""));

    const auto search = [&](const std::string& q) { return s.get("/api/cases?q=" + q); };
    CHECK(case_ids(search("AHMAD")) == std::vector<std::string>{"MUT-000001"});
    CHECK(case_ids(search("rahma")) == std::vector<std::string>{"MUT-000002"});
    CHECK(case_ids(search("2006041003")) == std::vector<std::string>{"MUT-000003"});
    CHECK(case_ids(search("sel-000001")) == std::vector<std::string>{"SEL-000001"});
    CHECK(case_ids(search("kepala+dinas+kesehatan")) == std::vector<std::string>{"SEL-000001"});  // the vacant post
    CHECK(case_ids(search("%20sekretaris%20")) == std::vector<std::string>{"MUT-000002"});        // the official's post
    const auto kepala = search("kepala");
    CHECK(case_ids(kepala) == std::vector<std::string>{"MUT-000001", "MUT-000003", "SEL-000001"});
    CHECK(kepala.at("total").as_int64() == 3);
    CHECK(search("tidak-ada").at("total").as_int64() == 0);
    CHECK(s.get("/api/cases?q=").at("total").as_int64() == 4);  // empty: no search

    // Paged: the total is the whole match, on every page.
    auto page = s.get("/api/cases?q=kepala&limit=2");
    CHECK(case_ids(page).size() == 2);
    CHECK(page.at("total").as_int64() == 3);
    page = s.get("/api/cases?q=kepala&limit=2&cursor=" + str(page.at("next_cursor")));
    CHECK(case_ids(page) == std::vector<std::string>{"SEL-000001"});
    CHECK(page.at("total").as_int64() == 3);
    CHECK(page.at("next_cursor").is_null());
    // With the other filters.
    CHECK(case_ids(s.get("/api/cases?q=kepala&workflow=mutation&sort=-id")) ==
          std::vector<std::string>{"MUT-000003", "MUT-000001"});
    CHECK(s.get("/api/cases?workflow=mutation").at("total").as_int64() == 3);

    // Errors.
    CHECK(error_field(s.get("/api/cases?q=%01x", "admin-secret", 400)) == "q");
    CHECK(error_field(s.get("/api/cases?q=%FF", "admin-secret", 400)) == "q");
    CHECK(error_field(s.get("/api/cases?q=" + std::string(201, 'a'), "admin-secret", 400)) == "q");
    for (const char* bad : {"0", "1001", "x", "5x", "-1"})
        CHECK(error_field(s.get(std::string("/api/cases?limit=") + bad, "admin-secret", 400)) == "limit");
    CHECK(error_field(s.get("/api/cases?q=a&cursor=NO-SUCH", "admin-secret", 400)) == "cursor");
    CHECK(s.call("GET", "/api/cases?q=ahmad", "").status == 401);
    CHECK(s.call("GET", "/api/cases?q=ahmad", "wrong-secret").status == 401);
}

TEMPLATE_TEST_CASE("api: GET /api/tasks lists the cases the caller's role may act on most urgent first",
                   "[http][api][tasks]", MemoryBackend, SqliteBackend) {
    Served<TestType> s;
    // Three mutations opened a day apart (each due in record gathering), one put in the PPK's hands, and a
    // performance review.
    for (const char* nip : {"197603152005011002", "198001012006042001", "198107222006041003"}) {
        s.post("/api/cases", mutation("Pegawai", nip, "Kepala Bidang"));
        s.clock->advance(days(1));
    }
    s.post("/api/cases", opening("performance_review", ""));
    // Put MUT-000002 at the PPK's decision as the journal stores it (what the list reads: its state).
    {
        alur::Journal& j = s.engine->journal();
        const auto stored = j.find_case("MUT-000002").value();
        auto r = alur::test::request("MUT-000002", stored.version, "assessed", "ppk_decision");
        r.event.occurred_at = r.event.recorded_at = s.clock->now();
        r.projection.data = stored.data;
        r.projection.summary = stored.summary;
        r.projection.due_at = s.clock->now() + days(3);
        REQUIRE(alur::test::ok(j.commit(r)));
    }

    // The admin: every open case has an event for the admin; the most overdue first, those without a deadline last.
    const auto admin = s.get("/api/tasks");
    CHECK(str(admin.at("role")) == "admin");
    const auto ids = case_ids(admin, "tasks");
    CHECK(admin.at("total").as_int64() == static_cast<std::int64_t>(ids.size()));
    std::set<std::string> expected;
    const auto listed = s.get("/api/cases?limit=1000");
    for (const auto& c : listed.at("cases").as_array()) {
        const auto view = s.engine->view(str(c.at("id")), "admin").value();
        if (!view.allowed_events.empty()) expected.insert(str(c.at("id")));
    }
    CHECK(std::set<std::string>(ids.begin(), ids.end()) == expected);
    std::optional<std::string> last_due;
    bool undated = false;
    for (const auto& t : admin.at("tasks").as_array()) {
        const auto view = s.engine->view(str(t.at("id")), "admin").value();
        std::vector<std::string> events;
        for (const auto& e : t.at("events").as_array()) events.push_back(str(e));
        CHECK(events == view.allowed_events);  // in workflow order
        if (t.at("due_at").is_null()) {
            undated = true;
        } else {
            CHECK_FALSE(undated);  // cases without a deadline come last
            if (last_due) CHECK(*last_due <= str(t.at("due_at")));
            last_due = str(t.at("due_at"));
        }
    }

    // The PPK: only the case at the PPK's decision, with the PPK's event.
    const auto ppk = s.get("/api/tasks", "ppk-secret");
    CHECK(case_ids(ppk, "tasks") == std::vector<std::string>{"MUT-000002"});
    CHECK(ppk.at("tasks").at(0).at("events") == json::value(json::array{"ppk_decided"}));
    CHECK(ppk.at("total").as_int64() == 1);
    // The auditor submits nothing.
    const auto auditor = s.get("/api/tasks", "auditor-secret");
    CHECK(auditor.at("tasks").as_array().empty());
    CHECK(auditor.at("total").as_int64() == 0);

    // Paging: pages of one, in the same order, no case twice.
    std::vector<std::string> paged;
    std::string cursor;
    for (int i = 0; i < 10; ++i) {
        const auto p = s.get("/api/tasks?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor));
        for (const auto& id : case_ids(p, "tasks")) paged.push_back(id);
        CHECK(p.at("total").as_int64() == static_cast<std::int64_t>(ids.size()));
        if (p.at("next_cursor").is_null()) break;
        cursor = str(p.at("next_cursor"));
    }
    CHECK(paged == ids);

    // Once the deadlines pass, the overdue come first, most overdue first.
    s.clock->advance(days(60));
    const auto later = s.get("/api/tasks");
    const auto& first = later.at("tasks").at(0);
    CHECK(first.at("overdue").as_bool());

    // Errors.
    CHECK(error_field(s.get("/api/tasks?limit=0", "admin-secret", 400)) == "limit");
    CHECK(error_field(s.get("/api/tasks?limit=abc", "admin-secret", 400)) == "limit");
    CHECK(error_field(s.get("/api/tasks?cursor=NO-SUCH", "admin-secret", 400)) == "cursor");
    CHECK(error_field(s.get("/api/tasks?cursor=bad-time_MUT-000001", "admin-secret", 400)) == "cursor");
    CHECK(s.call("GET", "/api/tasks", "").status == 401);
    CHECK(s.call("POST", "/api/tasks", "admin-secret", "{}").status == 405);

    // The overview counts the same.
    const auto o = s.get("/api/overview", "ppk-secret");
    CHECK(o.at("tasks").as_int64() == 1);
    CHECK(o.at("cases").as_int64() == 4);
    std::int64_t per_state = 0, overdue = 0;
    for (const auto& st : o.at("states").as_array()) {
        per_state += st.at("cases").as_int64();
        overdue += st.at("overdue").as_int64();
        if (str(st.at("workflow")) == "mutation" && str(st.at("state")) == "ppk_decision")
            CHECK(st.at("cases").as_int64() == 1);
    }
    CHECK(per_state == 4);
    CHECK(overdue == o.at("overdue").as_int64());
    CHECK(o.at("overdue").as_int64() >= o.at("tasks_overdue").as_int64());
    CHECK(o.at("tasks_overdue").as_int64() == 1);  // the PPK's case is 60 days past its deadline
    CHECK(s.get("/api/overview").at("tasks").as_int64() == admin.at("total").as_int64());
    CHECK(s.call("GET", "/api/overview", "").status == 401);
}

TEST_CASE("api: GET /api/agency reports the agency's time zone and now with its offset", "[http][api][agency]") {
    for (const auto& [zone, iana, offset] : {std::tuple{"WIB", "Asia/Jakarta", "+07:00"},
                                             std::tuple{"WITA", "Asia/Makassar", "+08:00"},
                                             std::tuple{"WIT", "Asia/Jayapura", "+09:00"}}) {
        Served<MemoryBackend> s(alur::TimeZone::from_name(zone).value());
        const auto a = s.get("/api/agency");
        CHECK(str(a.at("name")) == "Pemerintah Kabupaten Contoh");
        CHECK(str(a.at("timezone")) == zone);
        CHECK(str(a.at("iana")) == iana);
        CHECK(str(a.at("offset")) == offset);
        CHECK(str(a.at("date_format")) == "DD/MM/YYYY");
        CHECK(str(a.at("due_time")) == "16:00");
        CHECK(str(a.at("now")).ends_with(offset));
        CHECK(alur::parse_datetime(str(a.at("now")), {}).value() == s.clock->now());
        CHECK(s.call("GET", "/api/agency", "").status == 401);
    }
}

TEMPLATE_TEST_CASE("api: history shows each correction beside the event it corrects and refusals of a case",
                   "[http][api][history]", MemoryBackend, SqliteBackend) {
    Served<TestType> s;
    s.post("/api/cases", mutation("Ahmad Fauzy", "197603152005011002", "Kepala Dinas Pendidikan"));
    s.clock->advance(hours(1));
    s.post("/api/cases/MUT-000001/events",
           {{"event", "corrected"},
            {"reason", "salah ketik nama"},
            {"payload", {{"of", 1}, {"field", "name"}, {"value", "Ahmad Fauzi"}, {"reason", "salah ketik nama"}}}});
    s.post("/api/cases/MUT-000001/events",
           {{"event", "corrected"},
            {"reason", "gelar"},
            {"payload", {{"of", 1}, {"field", "name"}, {"value", "Drs. Ahmad Fauzi"}, {"reason", "gelar"}}}});
    const auto h = s.get("/api/cases/MUT-000001/history", "auditor-secret");
    const auto& events = h.at("events").as_array();
    REQUIRE(events.size() == 3);
    const auto& cs = events[0].at("corrections").as_array();
    REQUIRE(cs.size() == 2);
    CHECK(cs[0].at("by_seq").as_int64() == 2);
    CHECK(str(cs[0].at("field")) == "name");
    CHECK(str(cs[0].at("before")) == "Ahmad Fauzy");
    CHECK(str(cs[0].at("value")) == "Ahmad Fauzi");
    CHECK(str(cs[1].at("before")) == "Ahmad Fauzi");
    CHECK(str(cs[1].at("value")) == "Drs. Ahmad Fauzi");
    CHECK(str(cs[1].at("reason")) == "gelar");
    CHECK(str(cs[1].at("actor")) == "sari");
    for (std::size_t i : {1u, 2u}) {
        const auto& corrects = events[i].at("corrects");
        CHECK(corrects.at("seq").as_int64() == 1);
        CHECK(str(corrects.at("name")) == "opened");
        CHECK(str(corrects.at("field")) == "name");
        CHECK(!events[i].as_object().contains("corrections"));
    }
    CHECK(!events[0].as_object().contains("corrects"));
    CHECK(str(s.get("/api/cases/MUT-000099/history", "auditor-secret", 404).at("error").at("code")) == "not_found");
    CHECK(s.call("GET", "/api/cases/MUT-000001/history", "").status == 401);

    // A refused event is in the refusals log of that case, for the auditor.
    const auto refused = s.call("POST", "/api/cases/MUT-000001/events", "ppk-secret",
                                R"({"event":"ppk_decided","reason":"terlalu awal","payload":{"decision":"approve",)"
                                R"("post":"Kepala Dinas","sk_number":"800/1/2025"}})");
    CHECK(refused.status >= 400);
    s.post("/api/cases", mutation("Lain", "198001012006042001", "Kepala Seksi"));
    CHECK(s.call("POST", "/api/cases/MUT-000002/events", "admin-secret", R"({"event":"visit_completed","reason":"x"})")
              .status == 422);
    const auto log = s.get("/api/refusals?case=MUT-000001", "auditor-secret");
    REQUIRE(log.at("refusals").as_array().size() == 1);
    CHECK(str(log.at("refusals").at(0).at("case_id")) == "MUT-000001");
    CHECK(str(log.at("refusals").at(0).at("event")) == "ppk_decided");
    CHECK(s.get("/api/refusals?case=MUT-000002", "auditor-secret").at("refusals").as_array().size() == 1);
    CHECK(str(s.get("/api/refusals?case=MUT-000001", "ppk-secret", 403).at("error").at("code")) == "forbidden");
    CHECK(error_field(s.get("/api/refusals?case=MUT-000001&limit=0", "auditor-secret", 400)) == "limit");
    CHECK(s.call("GET", "/api/refusals?case=MUT-000001", "").status == 401);
}

TEMPLATE_TEST_CASE("api: every time the case routes return carries its offset", "[http][api][times]", MemoryBackend,
                   SqliteBackend) {
    Served<TestType> s(alur::TimeZone::from_name("WITA").value());
    const auto opened = s.post("/api/cases", mutation("Ahmad", "197603152005011002", "Kepala Dinas"));
    s.post("/api/cases/MUT-000001/events",
           {{"event", "corrected"},
            {"reason", "nama"},
            {"payload", {{"of", 1}, {"field", "name"}, {"value", "Ahmad F"}, {"reason", "nama"}}}});
    s.call("POST", "/api/cases/MUT-000001/events", "admin-secret", R"({"event":"visit_completed","reason":"x"})");
    int seen = 0;
    check_times(opened, "POST /api/cases", seen);
    for (const char* target : {"/api/cases", "/api/cases?q=ahmad", "/api/cases/MUT-000001", "/api/cases/MUT-000001/history",
                               "/api/tasks", "/api/overview", "/api/agency", "/api/refusals?case=MUT-000001"})
        check_times(s.get(target, "admin-secret"), target, seen);
    CHECK(seen >= 15);
}
