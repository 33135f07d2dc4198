// The catalog for the page (catalog_routes.cpp): GET /api/catalog, and the
// structured refusal every refused write's error carries.
#pragma once

#include "routes.hpp"

#include "alur/engine/result.hpp"
#include "alur/http/api.hpp"
#include "alur/i18n/messages.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>

namespace alur::http::detail {

/// {"lang", "messages": {key: text} (the page strings), "labels": {name:
/// text} (every state, event, field, choice, role), "rules": {rule_id:
/// {"title", "what_to_do"}}}, in `lang`.
boost::json::object catalog_json(cli::Lang lang);

/// GET /api/catalog?lang=id|en (open: no sign-in; the same for every caller,
/// cacheable for an hour). `lang` absent: id; anything else: 400, field lang.
Response catalog_response(const std::map<std::string, std::string, std::less<>>& query);

/// GET /api/catalog (catalog_routes.cpp).
void add_catalog_routes(Routes& routes);

/// The "refusal" object beside an error's code and message, for a refused
/// or forbidden event: {"kind", "event"?, "state"?, "rule"?, "basis"?,
/// "reason"?, "role"?, "allowed"?}; nullopt for any other error (alur/i18n/refusal.hpp).
std::optional<boost::json::object> explained_refusal_json(const Error& e);

}  // namespace alur::http::detail
