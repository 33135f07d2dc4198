// Regressions found by the HTTP fuzz harness (tests/fuzz/fuzz_http.cpp): the
// API's router called in-process on an in-memory journal, with the request
// the fuzzer reduced each finding to.
#include "alur/engine/memory_journal.hpp"
#include "alur/engine/text.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/workflows/mutation.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace alur;

namespace {

struct ApiFixture {
    std::shared_ptr<MemoryJournal> journal = std::make_shared<MemoryJournal>();
    std::unique_ptr<Engine> engine;
    MemoryTokenStore tokens;
    http::Metrics metrics;
    std::unique_ptr<http::Api> api;

    ApiFixture() {
        EngineOptions options;
        options.journal = journal;
        options.clock = std::make_shared<ManualClock>(parse_datetime("2025-06-02T09:00", TimeZone{}).value());
        engine = std::make_unique<Engine>(options);
        engine->add_workflow(mutation::make_workflow({}));
        tokens.add(Token{"sari", "admin", {}, false}, sha256_hex("admin-secret")).value();
        api = std::make_unique<http::Api>(http::ApiOptions{engine.get(), &tokens, &metrics, {}, {}});
    }

    http::Response get(const std::string& target) {
        http::Request r;
        r.method = "GET";
        r.target = target;
        r.authorization = "Bearer admin-secret";
        return api->handle(r);
    }
};

}  // namespace

TEST_CASE("an error answer quoting bytes that are not UTF-8 is still valid JSON", "[http][fuzz]") {
    ApiFixture f;
    // fuzz_http: GET /api/workflows/o<0xff...>pen_selection answered 404 with the raw bytes in its message.
    for (const std::string target : {"/api/workflows/o\xff\xfe" "pen_selection", "/api/workflows/%FF%C3", "/api/cases/MUT-%ff1",
                                     "/no/such/\xc3\x28route"}) {
        INFO(target);
        const http::Response r = f.get(target);
        CHECK(r.status == 404);
        CHECK(is_valid_utf8(r.body));
        boost::json::error_code ec;
        const auto v = boost::json::parse(r.body, ec);
        REQUIRE_FALSE(ec);
        const std::string message(v.at("error").at("message").as_string());
        CHECK(message.find("\\x") != std::string::npos);  // the bytes shown escaped
    }
}
