// alur/engine/json.hpp — the canonical JSON form that is stored and hashed.
//
// Canonical: object keys sorted by byte order, recursively; no whitespace;
// whole numbers as integers (80), other numbers in their shortest round-trip
// form (73.5). Two payloads that mean the same thing
// serialise to the same bytes, so hashes and idempotency fingerprints agree.
#pragma once

#include "alur/engine/result.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace alur {

std::string canonical_json(const boost::json::value& v);

/// Parses text that must hold a JSON object; invalid_input naming `what` otherwise.
Result<boost::json::object> parse_json_object(std::string_view text, std::string_view what = "JSON");

}  // namespace alur
