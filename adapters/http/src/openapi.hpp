// /openapi.json: the OpenAPI 3.1 document generated from the route table
// (routes.hpp), and the routes that serve the API's documentation
// (openapi.cpp). Plain C++ and Boost.JSON.
#pragma once

#include "routes.hpp"

#include <boost/json/object.hpp>

#include <vector>

namespace alur::http::detail {

/// The OpenAPI 3.1 document describing `routes`: one path item per pattern,
/// one operation per route with its summary, description, parameters (every
/// {name} of the pattern is a required path parameter), request body,
/// success response with its schema, each error status with the shared Error
/// schema, security (bearer token or the alur_session cookie; `[]` for an
/// open route) and its tag. Throws std::logic_error when a route's schema is
/// not valid JSON (a programming error, found by the OpenAPI test).
boost::json::object openapi_document(const std::vector<Route>& routes);

/// GET /openapi.json (the document of `routes`, as it is when called),
/// GET /api/docs (the API reference page, web/docs.html) and
/// GET /api/workflows/{name}/diagram.svg (docs/diagrams/NAME.svg, compiled
/// in); all three open. `routes` must outlive the handlers (the Api's table).
void add_docs_routes(Routes& routes);

}  // namespace alur::http::detail
