// /openapi.json (adapters/http/src/openapi.cpp): the OpenAPI 3.1 document
// generated from the route table. Here: what the generator makes of a route
// (its parameters, bodies, errors, security, tag); with the real table, that
// every route is described and every described path is answered.
#include "openapi.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace alur;
using namespace alur::http::detail;
namespace json = boost::json;

namespace {

Handler answer_ok() {
    return [](const Call&, const PathArgs&) -> std::variant<http::Response, Write> { return reply(200, json::object{}); };
}

std::string at(const json::object& doc, std::initializer_list<std::string_view> keys) {
    const json::value* v = nullptr;
    const json::object* o = &doc;
    for (auto k : keys) {
        v = o->if_contains(k);
        if (!v) return "<missing " + std::string(k) + ">";
        if (v->is_object()) o = &v->as_object();
    }
    return json::serialize(*v);
}

}  // namespace

TEST_CASE("openapi document of a route table: parameters bodies errors security and tags", "[openapi]") {
    std::vector<Route> routes;
    routes.push_back(Route{.method = "POST",
                           .pattern = "/api/cases/{id}/events",
                           .summary = "Submit an event",
                           .description = "Honours Idempotency-Key.",
                           .roles = {"admin", "ppk"},
                           .params = {{.name = "Idempotency-Key", .in = "header", .description = "replays"}},
                           .request_body = R"({"type": "object", "required": ["event"]})",
                           .response_body = R"({"type": "object"})",
                           .errors = {400, 404, 409, 422},
                           .handler = answer_ok()});
    routes.push_back(Route{.method = "GET", .pattern = "/api/cases/{id}/events", .summary = "List events", .handler = answer_ok()});
    routes.push_back(Route{.method = "GET",
                           .pattern = "/healthz",
                           .summary = "Health",
                           .open = true,
                           .response_media = "text/plain",
                           .handler = answer_ok()});
    const json::object doc = openapi_document(routes);
    CHECK(doc.at("openapi") == "3.1.0");

    const auto& item = doc.at("paths").at("/api/cases/{id}/events").as_object();
    REQUIRE(item.size() == 2);  // post and get on one path item
    const auto& post = item.at("post").as_object();
    CHECK(post.at("summary") == "Submit an event");
    CHECK(post.at("operationId") == "post_api_cases_id_events");
    CHECK(post.at("tags") == json::array{"cases"});
    CHECK(post.at("description").as_string() == "Honours Idempotency-Key.\n\nRoles: admin, ppk.");
    CHECK(post.at("x-roles") == json::array{"admin", "ppk"});
    // The header parameter as given, the path's {id} added as required.
    const auto& params = post.at("parameters").as_array();
    REQUIRE(params.size() == 2);
    CHECK(params[0].at("in") == "header");
    CHECK(params[0].at("required") == false);
    CHECK(params[1] == json::parse(R"({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}})"));
    CHECK(at(post, {"requestBody", "content", "application/json", "schema", "required"}) == R"(["event"])");
    CHECK(at(post, {"responses", "200", "content", "application/json", "schema"}) == R"({"type":"object"})");
    // Every error status, 401 (signed in) and 403 (roles) included, is the shared Error response.
    for (const char* status : {"400", "401", "403", "404", "409", "422"}) {
        INFO(status);
        CHECK(at(post, {"responses", status, "$ref"}) == "\"#/components/responses/Error" + std::string(status) + "\"");
        CHECK(at(doc, {"components", "responses", "Error" + std::string(status), "content", "application/json", "schema",
                       "$ref"}) == R"("#/components/schemas/Error")");
    }
    CHECK(post.at("security") == json::parse(R"([{"bearer": []}, {"session": []}])"));
    // A route without roles has no 403; the GET has no body.
    const auto& get = item.at("get").as_object();
    CHECK_FALSE(get.at("responses").as_object().contains("403"));
    CHECK(get.at("responses").as_object().contains("401"));
    CHECK_FALSE(get.contains("requestBody"));

    const auto& health = doc.at("paths").at("/healthz").at("get").as_object();
    CHECK(health.at("security") == json::array{});
    CHECK_FALSE(health.at("responses").as_object().contains("401"));
    CHECK(at(health, {"responses", "200", "content", "text/plain", "schema"}) == R"({"type":"string"})");
    CHECK(health.at("tags") == json::array{"service"});

    CHECK(at(doc, {"components", "schemas", "Error", "properties", "error", "required"}) == R"(["code","message"])");
    CHECK(at(doc, {"components", "securitySchemes", "session", "name"}) == R"("alur_session")");
    CHECK(at(doc, {"components", "securitySchemes", "bearer", "scheme"}) == R"("bearer")");
    CHECK(doc.at("tags").as_array().size() == 2);  // cases, service
}

TEST_CASE("openapi document refuses a route whose schema is not JSON", "[openapi]") {
    std::vector<Route> routes{Route{.method = "POST", .pattern = "/api/x", .summary = "X", .request_body = "{type: object",
                                    .handler = answer_ok()}};
    CHECK_THROWS_AS(openapi_document(routes), std::logic_error);
    routes[0].request_body = R"("a string")";
    CHECK_THROWS_WITH(openapi_document(routes), Catch::Contains("POST /api/x"));
}
