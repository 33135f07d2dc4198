// Regressions found by the HTTP fuzz harness (tests/fuzz/fuzz_http.cpp): the
// API's router called in-process, set up as the harness sets it up
// (tests/fuzz/api_setup.hpp), with the request each finding was reduced to.
#include "../fuzz/api_setup.hpp"

#include "alur/engine/text.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace alur;

namespace {

http::Response get(fuzz::ApiSetup& s, const std::string& target) {
    http::Request r;
    r.method = "GET";
    r.target = target;
    r.authorization = "Bearer admin-secret";
    return s.api->handle(r);
}

}  // namespace

TEST_CASE("an error answer quoting bytes that are not UTF-8 is still valid JSON", "[http][fuzz]") {
    fuzz::ApiSetup s;
    // fuzz_http: GET /api/workflows/o<0xff...>pen_selection answered 404 with the raw bytes in its message.
    for (const std::string target : {"/api/workflows/o\xff\xfe" "pen_selection", "/api/workflows/%FF%C3", "/api/cases/MUT-%ff1",
                                     "/no/such/\xc3\x28route"}) {
        INFO(target);
        const http::Response r = get(s, target);
        CHECK(r.status == 404);
        CHECK(is_valid_utf8(r.body));
        boost::json::error_code ec;
        const auto v = boost::json::parse(r.body, ec);
        REQUIRE_FALSE(ec);
        const std::string message(v.at("error").at("message").as_string());
        CHECK(message.find("\\x") != std::string::npos);  // the bytes shown escaped
    }
}
