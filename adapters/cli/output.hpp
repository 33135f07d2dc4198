// output.hpp — printing for people and for scripts: errors, exit codes, JSON, tables.
//
// Errors are one line on stderr: `alur: <translated prefix>: <message>`.
// JSON goes to stdout as one indented value. Not thread-safe (writes to the
// standard streams).
#pragma once

#include "alur/engine/calendar.hpp"
#include "alur/engine/journal.hpp"
#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <iosfwd>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace alur::cli {

/// The documented exit status of an error code: 2 invalid input, 3 refused or
/// forbidden, 4 not found, 5 conflict, 6 corrupt, 1 anything else.
int exit_code(errc code);

/// The error as the one line printed on stderr (without the trailing newline).
std::string error_line(const Error& e);

/// Prints error_line(e) to stderr and returns exit_code(e.code).
int report(const Error& e);

/// Writes `v` indented by two spaces per level, ending with a newline; doubles
/// are written plainly (80 and 86.4, where Boost.JSON would print 8E1 and 8.64E1).
void print_json(std::ostream& os, const boost::json::value& v);

/// `v` on one line, doubles written plainly (80, 86.4).
std::string compact_json(const boost::json::value& v);

/// Parses stored canonical JSON; a string value if it is not JSON (never throws).
boost::json::value parse_stored(const std::string& text);

/// A case record as a JSON object (data parsed, times in the agency's local
/// time; "due_at" null when the state has no deadline).
boost::json::object case_json(const CaseRecord& c, const TimeZone& tz);

/// The years of a deadline counted without a confirmed holiday calendar, in
/// the current language ("kalender libur 2027 masih sementara (tanggal
/// perkiraan)", several joined by "; "); empty when there are none.
std::string calendar_gap_text(const std::vector<CalendarYear>& gaps);
/// The same as JSON: [{"year": 2027, "status": "provisional"}, ...].
boost::json::array calendar_gap_json(const std::vector<CalendarYear>& gaps);

/// An instant as people read it: "2024-04-23 16:00 WIB" (local, with the zone's name).
std::string local_text(TimePoint t, const TimeZone& tz);

/// Rows printed as left-aligned columns separated by two spaces, each cell
/// with alur::escape_controls applied (a tab, a newline or an escape sequence
/// in a value shows as \t, \n, \x1b and cannot break the table).
void print_table(std::ostream& os, const std::vector<std::vector<std::string>>& rows);

/// While alive, everything written to `os` reaches its stream buffer one line
/// at a time with alur::escape_controls applied (the line end, "\n" or
/// "\r\n", kept as it is): an ANSI escape sequence or a carriage return in a
/// reason shows as \x1b[2J or \r instead of rewriting an auditor's screen.
/// main installs one on std::cout when standard output is a terminal, so
/// every text line the CLI prints there is escaped; JSON and CSV written to a
/// pipe or a file stay byte for byte as stored. Thread-safe.
class EscapedOutput {
public:
    explicit EscapedOutput(std::ostream& os);
    ~EscapedOutput();
    EscapedOutput(const EscapedOutput&) = delete;
    EscapedOutput& operator=(const EscapedOutput&) = delete;

private:
    class Buffer;
    std::ostream& os_;
    std::unique_ptr<Buffer> buffer_;
    std::streambuf* original_;
};

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

// --- Reading a case's data -----------------------------------------------------

/// The string at `key` of `o`, or "" when missing or not a string.
std::string text_at(const boost::json::object& o, std::string_view key);

/// The number at `key` of `o` (may be null) as people read it ("86.4", "80"), or `absent`.
std::string number_at(const boost::json::object* o, std::string_view key, std::string_view absent = "-");

/// The components of the case's scoring profile (data.scoring_profile.weights), sorted.
std::vector<std::string> profile_components(const boost::json::object& data);

}  // namespace alur::cli
