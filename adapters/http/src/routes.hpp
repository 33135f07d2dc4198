// The route table of the API: every route the router answers, with what
// /openapi.json says about it. A route cannot be answered without being
// described, because the router only answers what is in this table.
//
// Each area registers its routes in one function (add_case_routes in
// cases.cpp, ...), called once from the Api's constructor (routes.cpp).
// A pattern is a path of literal segments and {name} segments, each {name}
// matching one non-empty segment; matching is exact and in the order the
// routes were added, so a literal route added before a {name} route wins.
#pragma once

#include "api_detail.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace alur::http::detail {

/// The values of a pattern's {name} segments, decoded.
using PathArgs = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<std::variant<Response, Write>(const Call&, const PathArgs&)>;

/// A parameter as /openapi.json describes it.
struct ParamDoc {
    std::string name;
    std::string in = "query";  ///< "path", "query" or "header"
    std::string type = "string";  ///< a JSON Schema type: string, integer, boolean
    bool required = false;
    std::string description{};
};

struct Route {
    std::string method;   ///< "GET", "POST", "PUT" or "DELETE"
    std::string pattern;  ///< "/api/cases/{id}/events"
    std::string summary;  ///< one line (English)
    std::string description{};
    /// The roles that may call it; empty: any signed-in caller. Others get 403.
    std::vector<std::string> roles{};
    /// No sign-in needed (healthz, metrics, the catalog, signing in).
    bool open = false;
    std::vector<ParamDoc> params{};
    std::string request_body{};  ///< JSON Schema of the body (JSON text); empty: no body
    std::string request_media = "application/json";
    std::string response_body{};  ///< JSON Schema of the success body (JSON text)
    std::string response_media = "application/json";
    int success = 200;
    std::vector<int> errors{};  ///< other statuses it answers (400, 403, 404, 409, 413, 422, ...)
    /// The largest request body it accepts; 0: the server's body_limit.
    std::size_t body_limit = 0;
    /// The OpenAPI tag (area) it is listed under: "cases", "workflows", ...
    std::string tag{};
    Handler handler;
};

class Routes {
public:
    /// Adds `route`; throws std::logic_error for a pattern+method added twice
    /// or a route without a summary (a programming error, found by any test).
    void add(Route route);
    const std::vector<Route>& all() const { return routes_; }

    /// What a path matched.
    struct Match {
        const Route* route = nullptr;  ///< the route for the method, if any
        PathArgs args;
        std::string allow;  ///< the methods the path has (for a 405), comma-separated
    };
    /// The route for `method` on `segments` (the decoded path); route null
    /// and allow empty when no pattern matches the path.
    Match match(std::string_view method, const std::vector<std::string>& segments) const;

private:
    std::vector<Route> routes_;
};

/// The routes of each area.
void add_case_routes(Routes& routes);      ///< cases.cpp
void add_service_routes(Routes& routes);   ///< routes.cpp: healthz, metrics, workflows, refusals
void add_selection_routes(Routes& routes); ///< selection.cpp: an open selection's applicants and shortlist
void add_export_routes(Routes& routes);    ///< export.cpp: GET /api/export
void add_task_routes(Routes& routes);      ///< tasks.cpp: /api/tasks, /api/overview, /api/agency

/// Splits a path into decoded segments ("/api/cases/MUT-1" -> api, cases, MUT-1).
std::vector<std::string> split_path(std::string_view path);
/// Percent-decodes one path segment or query value ('+' is a space).
std::string url_decode(std::string_view text);

}  // namespace alur::http::detail
