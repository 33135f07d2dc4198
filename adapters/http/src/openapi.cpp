// /openapi.json, generated from the route table: a route cannot be answered
// without being in the table (routes.hpp), and everything the document says
// of it comes from its Route. Also the API reference page (/api/docs, the
// page web/docs.html + docs.js renders the document in the browser) and the
// workflows' state diagrams as SVG (docs/diagrams/*.svg, compiled in).
#include "openapi.hpp"

#include "web_assets.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

namespace alur::http::detail {
namespace json = boost::json;

namespace {

/// What an error status means, as every route's error response says it.
std::string_view status_text(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted: a background job was started";
        case 204: return "No content";
        case 400: return "Invalid input: the message names what is wrong (and `field` which field)";
        case 401: return "Not signed in: no valid bearer token or session cookie";
        case 403: return "Forbidden: the caller's role may not do this (or a CSRF token is missing)";
        case 404: return "Not found";
        case 405: return "Method not allowed (the Allow header lists the methods)";
        case 409: return "Conflict: the case changed meanwhile (If-Match) or it already exists";
        case 413: return "The request body is too large";
        case 415: return "Unsupported media type";
        case 422: return "Refused by the workflow's rules: the message says why";
        case 429: return "Too many attempts: retry later";
        case 500: return "Internal error";
        case 503: return "Busy: retry later";
        default: return "See the error's code and message";
    }
}

/// The area of a route when it names none: the segment after /api
/// ("/api/cases/{id}" -> cases), else "service" (/healthz, /metrics, ...).
std::string tag_of(const Route& r) {
    if (!r.tag.empty()) return r.tag;
    const auto segments = split_path(r.pattern);
    if (segments.size() >= 2 && segments[0] == "api" && segments[1].front() != '{') return segments[1];
    return "service";
}

/// A tag's description in the document (the areas known today; another tag
/// is listed with its name only).
std::string_view tag_description(std::string_view tag) {
    if (tag == "cases") return "Cases: list, search, open, read, submit events";
    if (tag == "workflows") return "The workflows: states, events, fields, transitions and diagrams";
    if (tag == "audit") return "Auditors: verifying the journal's hash chain";
    if (tag == "refusals") return "The refusals log";
    if (tag == "roster") return "The roster of officials: browse, search, import";
    if (tag == "jobfit") return "Job fit batches and their reports";
    if (tag == "export") return "Exports of the journal (JSON Lines, CSV, XLSX)";
    if (tag == "session" || tag == "auth") return "Signing in and out";
    if (tag == "docs") return "This document and the API reference page";
    if (tag == "service") return "Health, metrics and the web page";
    return {};
}

json::value parse_schema(const Route& r, const std::string& text, const char* what) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object())
        throw std::logic_error("route " + r.method + " " + r.pattern + ": its " + what +
                               " is not a JSON Schema object: " + text);
    return v;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// "GET /api/cases/{id}/events" -> "get_api_cases_id_events" (unique, since
/// a pattern+method is in the table once).
std::string operation_id(const Route& r) {
    std::string id = lower(r.method);
    for (const auto& segment : split_path(r.pattern)) {
        id += '_';
        for (char c : segment)
            if (std::isalnum(static_cast<unsigned char>(c))) id += c;
            else if (c != '{' && c != '}') id += '_';
    }
    return id;
}

bool is_json(std::string_view media) { return media == "application/json" || media.ends_with("+json"); }

json::object media_content(const Route& r, const std::string& media, const std::string& schema, const char* what) {
    json::value s = schema.empty() ? (is_json(media) ? json::value(json::object{})
                                                     : json::value(json::object{{"type", "string"}}))
                                   : parse_schema(r, schema, what);
    return json::object{{media, json::object{{"schema", std::move(s)}}}};
}

json::array parameters(const Route& r) {
    json::array out;
    std::set<std::string, std::less<>> declared;
    for (const auto& p : r.params) {
        json::object o{{"name", p.name}, {"in", p.in}, {"required", p.in == "path" || p.required},
                       {"schema", json::object{{"type", p.type.empty() ? "string" : p.type}}}};
        if (!p.description.empty()) o["description"] = p.description;
        if (p.in == "path") declared.insert(p.name);
        out.push_back(std::move(o));
    }
    // Every {name} of the pattern is a path parameter, described or not.
    for (const auto& segment : split_path(r.pattern)) {
        if (segment.size() < 3 || segment.front() != '{' || segment.back() != '}') continue;
        const std::string name = segment.substr(1, segment.size() - 2);
        if (declared.contains(name)) continue;
        out.push_back(json::object{{"name", name}, {"in", "path"}, {"required", true},
                                   {"schema", json::object{{"type", "string"}}}});
    }
    return out;
}

json::object operation(const Route& r) {
    json::object op{{"operationId", operation_id(r)}, {"summary", r.summary}, {"tags", json::array{json::string(tag_of(r))}}};
    std::string description = r.description;
    if (!r.roles.empty()) {
        std::string roles;
        for (const auto& role : r.roles) roles += (roles.empty() ? "" : ", ") + role;
        description += std::string(description.empty() ? "" : "\n\n") + "Roles: " + roles + ".";
        json::array list;
        for (const auto& role : r.roles) list.push_back(json::string(role));
        op["x-roles"] = std::move(list);
    }
    if (!description.empty()) op["description"] = description;
    if (auto params = parameters(r); !params.empty()) op["parameters"] = std::move(params);
    // A body that is not JSON (a CSV upload) may have no schema: a string.
    if (!r.request_body.empty() || r.request_media != "application/json")
        op["requestBody"] = json::object{{"required", true},
                                         {"content", media_content(r, r.request_media, r.request_body, "request body")}};

    json::object responses;
    json::object ok{{"description", status_text(r.success)}};
    if (r.success != 204) ok["content"] = media_content(r, r.response_media, r.response_body, "response body");
    responses[std::to_string(r.success)] = std::move(ok);
    // A signed-in route answers 401 without a caller and, with roles, 403
    // for the others; whether the table lists them or not.
    std::set<int> errors(r.errors.begin(), r.errors.end());
    if (!r.open) errors.insert(401);
    if (!r.roles.empty()) errors.insert(403);
    errors.erase(r.success);
    for (int status : errors)
        responses[std::to_string(status)] = json::object{{"$ref", "#/components/responses/Error" + std::to_string(status)}};
    op["responses"] = std::move(responses);

    op["security"] = r.open ? json::array{}
                            : json::array{json::object{{"bearer", json::array{}}}, json::object{{"session", json::array{}}}};
    return op;
}

json::object components(const std::vector<Route>& routes) {
    json::object error_schema{
        {"type", "object"},
        {"required", json::array{"error"}},
        {"properties",
         json::object{{"error", json::object{{"type", "object"},
                                              {"required", json::array{"code", "message"}},
                                              {"properties", json::object{
                                                  {"code", json::object{{"type", "string"},
                                                                        {"description", "invalid_input, unauthorized, forbidden, not_found, conflict, refused, busy, ..."}}},
                                                  {"message", json::object{{"type", "string"}, {"description", "what is wrong, for a person"}}},
                                                  {"field", json::object{{"type", "string"}, {"description", "the field or parameter at fault, if any"}}}}}}}}}};
    std::set<int> statuses;
    for (const auto& r : routes) {
        statuses.insert(r.errors.begin(), r.errors.end());
        if (!r.open) statuses.insert(401);
        if (!r.roles.empty()) statuses.insert(403);
    }
    json::object responses;
    for (int status : statuses)
        responses["Error" + std::to_string(status)] = json::object{
            {"description", status_text(status)},
            {"content", json::object{{"application/json",
                                      json::object{{"schema", json::object{{"$ref", "#/components/schemas/Error"}}}}}}}};
    return json::object{
        {"schemas", json::object{{"Error", std::move(error_schema)}}},
        {"responses", std::move(responses)},
        {"securitySchemes",
         json::object{{"bearer", json::object{{"type", "http"}, {"scheme", "bearer"},
                                              {"description", "An API token (`alur token add NAME --role ROLE`), for scripts"}}},
                      {"session", json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "alur_session"},
                                               {"description", "The web page's session cookie, set when a person signs in; "
                                                               "writes also need the X-CSRF-Token header"}}}}}};
}

}  // namespace

json::object openapi_document(const std::vector<Route>& routes) {
    json::object paths;
    std::vector<std::string> tags;
    for (const auto& r : routes) {
        auto& item = paths[r.pattern];
        if (!item.is_object()) item = json::object{};
        item.as_object()[lower(r.method)] = operation(r);
        if (const auto tag = tag_of(r); std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
    }
    json::array tag_list;
    for (const auto& t : tags) {
        json::object o{{"name", t}};
        if (const auto d = tag_description(t); !d.empty()) o["description"] = d;
        tag_list.push_back(std::move(o));
    }
    return json::object{
        {"openapi", "3.1.0"},
        {"info", json::object{{"title", "Alur API"},
                              {"version", "1"},
                              {"description", "The JSON API of `alur serve`: case workflows of the civil service "
                                              "(mutation, job fit, open selection, development, performance review). "
                                              "Every error has the one shape {\"error\": {\"code\", \"message\", \"field\"?}}. "
                                              "Generated from the server's route table; the reference page is /api/docs."}}},
        {"tags", std::move(tag_list)},
        {"paths", std::move(paths)},
        {"components", components(routes)},
        // Signed-in routes take either; an open route says `security: []`.
        {"security", json::array{json::object{{"bearer", json::array{}}}, json::object{{"session", json::array{}}}}},
    };
}

void add_docs_routes(Routes& routes) {
    const Routes* table = &routes;
    routes.add(Route{
        .method = "GET",
        .pattern = "/openapi.json",
        .summary = "This API described in OpenAPI 3.1",
        .description = "Generated from the server's route table: every route the server answers is here.",
        .open = true,
        .response_body = R"({"type": "object", "required": ["openapi", "info", "paths"]})",
        .tag = "docs",
        .handler = [table](const Call&, const PathArgs&) -> std::variant<Response, Write> {
            return Response{200, "application/json", json::serialize(openapi_document(table->all())), {}, "no-cache"};
        },
    });
    routes.add(Route{
        .method = "GET",
        .pattern = "/api/docs",
        .summary = "The API reference page",
        .description = "A page (HTML; its script and style are compiled into the server, no CDN) that reads "
                       "/openapi.json and shows every route, in Indonesian with English available.",
        .open = true,
        .response_media = "text/html",
        .tag = "docs",
        .handler = [](const Call&, const PathArgs&) -> std::variant<Response, Write> {
            const auto* page = find_web_asset("/api/docs");
            if (!page) return fail(500, "internal", "the reference page was not compiled in");
            return Response{200, std::string(page->content_type), std::string(page->body), {}, "no-cache"};
        },
    });
    routes.add(Route{
        .method = "GET",
        .pattern = "/api/workflows/{name}/diagram.svg",
        .summary = "A workflow's state diagram as SVG",
        .description = "Drawn by Graphviz from the transition table (docs/diagrams/NAME.svg, compiled in). "
                       "Each state is a `<g class=\"node\">` whose `<title>` is the state's name, so a page can "
                       "highlight the current state. Open: the diagrams are public (README.md shows them).",
        .open = true,
        .params = {{.name = "name", .in = "path", .required = true,
                    .description = "the workflow: mutation, job_fit, open_selection, development, performance_review"}},
        .response_media = "image/svg+xml",
        .errors = {404},
        .tag = "workflows",
        .handler = [](const Call&, const PathArgs& args) -> std::variant<Response, Write> {
            const auto name = args.at("name");
            const auto svg = find_diagram_svg(name);
            if (svg.empty()) return fail(404, "not_found", "no workflow named " + name);
            return Response{200, "image/svg+xml", std::string(svg), {}, "no-cache"};
        },
    });
}

}  // namespace alur::http::detail
