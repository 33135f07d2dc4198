// GET /api/catalog (open, cacheable) and the structured refusal beside a
// refused write's code and message, through Api::handle.
#include "api_tokens.hpp"
#include "mutation_fixture.hpp"

#include "alur/engine/refusals.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/http/metrics.hpp"
#include "alur/workflows/legal_bases.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

using namespace alur;
namespace json = boost::json;

namespace {

EngineOptions with_refusals_log() {
    EngineOptions o;
    o.refusals = std::make_shared<MemoryRefusalLog>();
    return o;
}

struct CatalogSetup {
    test::MutationFixture f{{}, nullptr, with_refusals_log()};
    MemoryTokenStore tokens;
    http::Metrics metrics;
    std::unique_ptr<http::Api> api;

    CatalogSetup() {
        test::add_tokens(tokens, {{"sari", "admin"}, {"bupati", "ppk"}, {"inspektorat", "auditor"}}, f.clock->now());
        http::ApiOptions o;
        o.engine = f.engine.get();
        o.tokens = &tokens;
        o.metrics = &metrics;
        api = std::make_unique<http::Api>(std::move(o));
    }

    http::Response call(const std::string& method, const std::string& target, const std::string& who = {},
                        const std::string& body = {}) {
        http::Request r;
        r.method = method;
        r.target = target;
        r.body = body;
        if (!who.empty()) r.authorization = "Bearer " + who + "-secret";
        return api->handle(r);
    }
};

json::object parsed(const http::Response& r) { return json::parse(r.body).as_object(); }

}  // namespace

TEST_CASE("GET api catalog answers without sign-in with the page strings labels and rules", "[http][catalog]") {
    CatalogSetup s;
    auto id = s.call("GET", "/api/catalog");
    REQUIRE(id.status == 200);
    CHECK(id.cache_control == "public, max-age=3600");
    auto o = parsed(id);
    CHECK(o.at("lang").as_string() == "id");
    CHECK(o.at("messages").at("sign_in").as_string() == "Masuk");
    CHECK(o.at("messages").at("late").as_string() == "terlambat {} hari kerja");
    CHECK(o.at("labels").at("record_gathering").as_string() == "pengumpulan rekam jejak");
    CHECK(o.at("rules").at("jpt_two_year_lock").at("title").as_string() == "pejabat JPT belum 2 tahun sejak pelantikan");
    CHECK_THAT(std::string(o.at("rules").at("jpt_two_year_lock").at("what_to_do").as_string()),
               Catch::StartsWith("Tunggu hingga 2 tahun sejak pelantikan"));
    CHECK(o.at("rules").as_object().size() == rules::registry().size());

    auto en = parsed(s.call("GET", "/api/catalog?lang=en"));
    CHECK(en.at("lang").as_string() == "en");
    CHECK(en.at("messages").at("sign_in").as_string() == "Sign in");
    CHECK(en.at("labels").at("record_gathering").as_string() == "record gathering");
    CHECK(en.at("messages").as_object().size() == o.at("messages").as_object().size());
    CHECK(en.at("labels").as_object().size() == o.at("labels").as_object().size());
    // The workflows' help texts, keyed by their English text.
    CHECK(o.at("help").at("18-digit NIP").as_string() == "NIP 18 angka");
    CHECK(en.at("help").at("18-digit NIP").as_string() == "18-digit NIP");
    CHECK(o.at("help").at("inaugurated into the current post on").as_string() == "dilantik pada jabatan saat ini pada");
    CHECK(en.at("help").as_object().size() == o.at("help").as_object().size());
}

TEST_CASE("GET api catalog refuses another language and another method", "[http][catalog]") {
    CatalogSetup s;
    auto bad = s.call("GET", "/api/catalog?lang=fr");
    CHECK(bad.status == 400);
    CHECK(parsed(bad).at("error").at("field").as_string() == "lang");
    CHECK(s.call("POST", "/api/catalog", "sari", "{}").status == 405);
}

TEST_CASE("a refused write's error carries the refusal beside its code and message", "[http][catalog][refusal]") {
    CatalogSetup s;
    const auto id = s.f.case_in("ppk_decision", "jpt_pratama", "2023-05-02", "2025-04-01T09:00");
    const std::string decide = R"({"event":"ppk_decided","reason":"usul","at":"2025-05-01T10:00",)"
                               R"("payload":{"decision":"approve","post":"Kepala Dinas Kesehatan","sk_number":"821/12/2025"}})";
    SECTION("a guard citing its rule: the message is unchanged") {
        auto r = s.call("POST", "/api/cases/" + id + "/events", "bupati", decide);
        REQUIRE(r.status == 422);
        auto e = parsed(r).at("error").as_object();
        CHECK(e.at("code").as_string() == "refused");
        CHECK_THAT(std::string(e.at("message").as_string()), Catch::StartsWith("ppk_decided refused in ppk_decision: "));
        const json::object refusal = e.at("refusal").as_object();
        CHECK(refusal.at("kind").as_string() == "guard");
        CHECK(refusal.at("event").as_string() == "ppk_decided");
        CHECK(refusal.at("state").as_string() == "ppk_decision");
        CHECK(refusal.at("rule").as_string() == "jpt_two_year_lock");
        CHECK(refusal.at("basis").as_string() == rules::cite("jpt_two_year_lock", parse_date("2025-05-01").value()));
    }
    SECTION("the refusals log reads each refusal back the same way") {
        REQUIRE(s.call("POST", "/api/cases/" + id + "/events", "bupati", decide).status == 422);
        auto log = s.call("GET", "/api/refusals?case=" + id, "inspektorat");
        REQUIRE(log.status == 200);
        const auto entries = parsed(log).at("refusals").as_array();
        REQUIRE(entries.size() == 1);
        CHECK(entries.at(0).at("code").as_string() == "refused");
        CHECK(entries.at(0).at("refusal").at("rule").as_string() == "jpt_two_year_lock");
        CHECK(entries.at(0).at("refusal").at("state").as_string() == "ppk_decision");
    }
    SECTION("a role that may not submit the event") {
        auto r = s.call("POST", "/api/cases/" + id + "/events", "sari", decide);
        REQUIRE(r.status == 403);
        const json::object refusal = parsed(r).at("error").at("refusal").as_object();
        CHECK(refusal.at("kind").as_string() == "role");
        CHECK(refusal.at("role").as_string() == "admin");
        CHECK(json::serialize(refusal.at("allowed")) == R"(["ppk"])");
        CHECK_FALSE(refusal.contains("rule"));
    }
    SECTION("no transition from the state") {
        auto r = s.call("POST", "/api/cases/" + id + "/events", "sari", R"({"event":"records_completed","reason":"x"})");
        REQUIRE(r.status == 422);
        const json::object refusal = parsed(r).at("error").at("refusal").as_object();
        CHECK(refusal.at("kind").as_string() == "no_transition");
        CHECK(refusal.at("state").as_string() == "ppk_decision");
        CHECK(refusal.at("allowed").as_array().size() > 0);
    }
    SECTION("other errors keep the plain shape") {
        auto r = s.call("POST", "/api/cases/" + id + "/events", "sari", R"({"event":"records_completed"})");
        REQUIRE(r.status == 400);
        CHECK_FALSE(parsed(r).at("error").as_object().contains("refusal"));
    }
}
