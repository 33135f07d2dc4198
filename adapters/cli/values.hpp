// values.hpp — turning command-line text into payloads and times.
//
// `key=value`: a value that parses as JSON is taken as JSON (85, true,
// {"a":1}), anything else as text. Where the workflow declares the field as
// text, date or choice, the value is always text (so sk_number=821 stays
// "821"; write key='"..."' to pass a JSON string literally). Errors are
// errc::invalid_input (exit 2) with a message in the CLI's language. Pure.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"
#include "alur/engine/workflow.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::cli {

/// `text` as the JSON value of `field` (nullptr: a field the workflow does not declare).
boost::json::value field_value(std::string_view text, const FieldSpec* field);

/// The payload from `--data` (may be empty) overlaid with the key=value pairs.
/// `spec` (may be null) tells which fields are text.
Result<boost::json::object> build_payload(const std::vector<std::string>& pairs, const std::string& data,
                                          const EventSpec* spec);

/// A date or date-time typed for option `option` (e.g. "--at"), in the agency's time zone.
Result<TimePoint> parse_when(std::string_view option, std::string_view text, const TimeZone& tz);

/// The text of file `path`, or of standard input for "-", at most
/// `max_bytes`: not_found, invalid_input (not a regular file, too large) or
/// io, with a message in the CLI's language naming the file.
Result<std::string> read_input(const std::string& path, std::size_t max_bytes);

/// Today's date in the agency's time zone, by the wall clock.
Date today(const TimeZone& tz);

}  // namespace alur::cli
