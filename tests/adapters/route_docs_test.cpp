// The descriptions of the open selection and export routes (selection.cpp,
// export.cpp), as /openapi.json is generated from them: every schema is a
// JSON object, every path parameter is declared, every route says its errors.
#include "routes.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace alur::http::detail;

TEST_CASE("the selection and export routes are described with JSON schemas", "[http][selection][export]") {
    Routes routes;
    add_selection_routes(routes);
    add_export_routes(routes);
    REQUIRE(routes.all().size() == 4);
    for (const Route& r : routes.all()) {
        INFO(r.method << " " << r.pattern);
        CHECK_FALSE(r.summary.empty());
        CHECK_FALSE(r.description.empty());
        CHECK_FALSE(r.tag.empty());
        CHECK_FALSE(r.errors.empty());
        CHECK(r.handler);
        for (const std::string* schema : {&r.request_body, &r.response_body}) {
            if (schema->empty()) continue;
            boost::system::error_code ec;
            auto v = boost::json::parse(*schema, ec);
            INFO(*schema);
            CHECK_FALSE(ec);
            CHECK(v.is_object());
        }
        if (r.pattern.find("{id}") != std::string::npos) {
            bool declared = false;
            for (const auto& p : r.params) declared = declared || (p.name == "id" && p.in == "path" && p.required);
            CHECK(declared);
        }
    }
    CHECK(routes.match("POST", {"api", "cases", "SEL-000001", "applicants"}).route->success == 201);
    CHECK(routes.match("GET", {"api", "export"}).route->roles == std::vector<std::string>{"auditor", "admin"});
}
