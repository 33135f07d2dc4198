// alur/reports/json_text.hpp — JSON as Alur prints it for people and scripts:
// doubles written plainly (80 and 86.4, where Boost.JSON would print 8E1 and
// 8.64E1), and stored JSON read back without throwing. Shared by the CLI's
// output and the exports (`alur export`, GET /api/export). Pure.
#pragma once

#include <boost/json/value.hpp>

#include <iosfwd>
#include <string>

namespace alur::reports {

/// Writes `v` indented by two spaces per level, ending with a newline.
void print_json(std::ostream& os, const boost::json::value& v);

/// `v` on one line.
std::string compact_json(const boost::json::value& v);

/// Parses stored canonical JSON; a string value if it is not JSON (never throws).
boost::json::value parse_stored(const std::string& text);

}  // namespace alur::reports
