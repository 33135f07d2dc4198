// /openapi.json (adapters/http/src/openapi.cpp): the OpenAPI 3.1 document
// generated from the route table. Here: what the generator makes of a route
// (its parameters, bodies, errors, security, tag); with the real table, that
// every route is described and every described path is answered.
#include "openapi.hpp"

#include "mutation_fixture.hpp"

#include "alur/engine/tokens.hpp"
#include "alur/http/api.hpp"
#include "alur/http/metrics.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <cctype>
#include <memory>
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
    routes.push_back(Route{.method = "POST",
                           .pattern = "/api/roster/import",
                           .summary = "Import a roster",
                           .request_media = "text/csv",
                           .errors = {400, 413},
                           .body_limit = 1 << 20,
                           .tag = "roster",
                           .handler = answer_ok()});
    const json::object doc = openapi_document(routes);
    CHECK(doc.at("openapi") == "3.1.0");
    // A CSV body without a schema is a string; the route's own tag is kept.
    const auto& import = doc.at("paths").at("/api/roster/import").at("post").as_object();
    CHECK(at(import, {"requestBody", "content", "text/csv", "schema"}) == R"({"type":"string"})");
    CHECK(import.at("tags") == json::array{"roster"});

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
    CHECK(doc.at("tags").as_array().size() == 3);  // cases, service, roster
}

TEST_CASE("openapi document refuses a route whose schema is not JSON", "[openapi]") {
    std::vector<Route> routes{Route{.method = "POST", .pattern = "/api/x", .summary = "X", .request_body = "{type: object",
                                    .handler = answer_ok()}};
    CHECK_THROWS_AS(openapi_document(routes), std::logic_error);
    routes[0].request_body = R"("a string")";
    CHECK_THROWS_WITH(openapi_document(routes), Catch::Contains("POST /api/x"));
}

namespace {

struct ApiSetup {
    test::MutationFixture f;
    MemoryTokenStore tokens;
    http::Metrics metrics;
    std::unique_ptr<http::Api> api;
    ApiSetup() {
        // A caller whose role no route lists: a route with roles answers it
        // 403 before its handler runs.
        Token t;
        t.name = "tamu";
        t.role = "nobody";
        t.created_at = f.clock->now();
        t.granted_by = "test";
        tokens.add(t, sha256_hex(std::string("tamu-secret"))).value();
        http::ApiOptions o;
        o.engine = f.engine.get();
        o.tokens = &tokens;
        o.metrics = &metrics;
        api = std::make_unique<http::Api>(std::move(o));
    }
    http::Response call(const std::string& method, const std::string& target, bool signed_in = false) {
        http::Request r;
        r.method = method;
        r.target = target;
        if (signed_in) r.authorization = "Bearer tamu-secret";
        r.body = "{}";
        return api->handle(r);
    }
};

/// A documented path with a value in each {name} segment.
std::string filled(std::string_view path) {
    std::string out;
    for (const auto& segment : split_path(path))
        out += "/" + (segment.front() == '{' ? std::string("MUT-1") : segment);
    return out;
}

}  // namespace

TEST_CASE("every route of the API is in openapi.json and the router answers every documented path", "[openapi]") {
    ApiSetup s;
    const auto& routes = s.api->routes().all();
    REQUIRE(routes.size() >= 10);

    // Open: no token.
    const auto answer = s.call("GET", "/openapi.json");
    REQUIRE(answer.status == 200);
    CHECK(answer.content_type == "application/json");
    const json::object doc = json::parse(answer.body).as_object();
    CHECK(doc.at("openapi") == "3.1.0");
    const auto& paths = doc.at("paths").as_object();

    // Every route has a summary and its path+method in the document, and
    // the document has nothing else.
    std::size_t operations = 0;
    for (const auto& [path, item] : paths) operations += item.as_object().size();
    CHECK(operations == routes.size());
    for (const auto& r : routes) {
        INFO(r.method << " " << r.pattern);
        CHECK_FALSE(r.summary.empty());
        const auto* item = paths.if_contains(r.pattern);
        REQUIRE(item);
        std::string method = r.method;
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto* op = item->as_object().if_contains(method);
        REQUIRE(op);
        CHECK(op->at("summary").as_string() == r.summary);
        CHECK(op->at("security").as_array().empty() == r.open);
    }

    // The router answers every documented path and method. Asked with a
    // method no route has (PATCH), the real router answers a documented path
    // 405 with its methods in Allow (an undocumented one: 404 "no such
    // route"), without running a handler; the table's match finds each
    // route; a route with roles answers a signed-in caller of another role
    // 403 (its handler does not run); a signed-in route answers 401 without
    // a caller. Handlers are not called here (they may need stores this test
    // does not give the Api), except the documentation's own, below.
    for (const auto& [path, item] : paths) {
        const std::string target = filled(path);
        INFO(target << " (" << std::string_view(path) << ")");
        const auto probe = s.call("PATCH", target, true);
        CHECK(probe.status == 405);
        for (const auto& [method_lower, op] : item.as_object()) {
            std::string method(method_lower);
            for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            INFO(method);
            CHECK_THAT(probe.allow, Catch::Contains(method));
            const auto m = s.api->routes().match(method, split_path(target));
            REQUIRE(m.route);
            CHECK(m.route->pattern == std::string_view(path));
            if (op.at("security").as_array().empty()) continue;
            CHECK(s.call(method, target).status == 401);
            if (!m.route->roles.empty()) CHECK(s.call(method, target, true).status == 403);
        }
    }
    const auto nope = s.call("GET", "/api/nope", true);
    CHECK(nope.status == 404);  // an undocumented path is not answered
    CHECK_THAT(nope.body, Catch::Contains("no such route"));

    // The reference page and a diagram, open.
    const auto page = s.call("GET", "/api/docs");
    CHECK(page.status == 200);
    CHECK_THAT(page.content_type, Catch::StartsWith("text/html"));
    CHECK_THAT(page.body, Catch::Contains("<script src=\"/docs.js\" defer></script>"));
    CHECK_THAT(page.body, !Catch::Contains("<script>"));
    const auto js = s.call("GET", "/docs.js");
    CHECK(js.status == 200);
    CHECK_THAT(js.body, Catch::Contains("/openapi.json"));
    const auto svg = s.call("GET", "/api/workflows/mutation/diagram.svg");
    CHECK(svg.status == 200);
    CHECK(svg.content_type == "image/svg+xml");
    CHECK_THAT(svg.body, Catch::Contains("<g id=\"node2\" class=\"node\">\n<title>record_gathering</title>"));
    const auto none = s.call("GET", "/api/workflows/nope/diagram.svg");
    CHECK(none.status == 404);
    CHECK_THAT(none.body, Catch::Contains("no workflow named nope"));
    CHECK(s.call("POST", "/openapi.json").status == 405);
}
