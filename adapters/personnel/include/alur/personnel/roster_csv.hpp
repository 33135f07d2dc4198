// alur/personnel/roster_csv.hpp — reading the roster from a CSV file as spreadsheets
// write it, for `alur roster import` and POST /api/roster/import.
//
// The reader (parse_csv) follows RFC 4180: fields separated by a delimiter,
// records by CRLF, LF or a lone CR; a field in double quotes may hold the
// delimiter, line breaks and doubled quotes (""). A quote inside an unquoted
// field is kept as a character; text after a closing quote is an error.
//
// The roster (read_roster_csv) is UTF-8 (a leading byte-order mark is
// dropped), its delimiter is `,` or `;` (whichever the header line has more
// of, outside quotes), and its first line is the header: exactly the columns
// of roster::columns(), in any order, matched case-insensitively with spaces
// around them ignored. Blank lines, and lines whose fields are all empty, are
// skipped. Around each value spaces and tabs are dropped; in a NIP spaces are
// dropped too (documents print "19760315 200501 1 002"). The `'` that
// `alur roster list --format csv` puts in front of every NIP and of a value
// starting with = + - @ tab CR or ' (csv.hpp) is dropped again, so the listed
// file imports unchanged; a NIP typed as '197603152005011002 reads as well. Grades are matched
// case-insensitively with spaces and hyphens read as `_` ("JPT Pratama" is
// jpt_pratama). Name, post and unit are one line of text each (alur::check_text:
// no control character, not only white space or zero-width characters, at
// most 2000 characters). Dates are YYYY-MM-DD, or DD/MM/YYYY as Indonesian
// spreadsheets write them (day first, always; one-digit day or month allowed).
//
// Every problem of every line is returned, each naming its line (where the
// record starts; the header is line 1) and its column; the officials are
// returned only if there is none. Texts are left to the caller
// (roster_text.hpp says them in Indonesian or English). Pure: no I/O, no clock; thread-safe.
#pragma once

#include "alur/workflows/roster.hpp"
#include "alur/workflows/nip.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::personnel {

using workflows::NipProblem;

enum class RosterProblem {
    no_header,           ///< the file has no line at all
    no_rows,             ///< nothing below the header
    not_utf8,            ///< the field (or a header name) is not valid UTF-8
    unclosed_quote,      ///< a quoted field runs to the end of the file
    stray_quote,         ///< text between a closing quote and the delimiter
    missing_column,      ///< `column` is not in the header
    unknown_column,      ///< `value` is in the header but no roster column (`column` empty)
    duplicate_column,    ///< `column` is in the header twice
    field_count,         ///< the record has `count` fields, not one per header column
    empty,               ///< a required value is empty
    nip,                 ///< check_nip failed with `nip`
    date,                ///< not a real date as YYYY-MM-DD or DD/MM/YYYY
    birth_date_mismatch, ///< birth_date differs from the NIP's digits 1-8 (`expected`: that date)
    grade,               ///< not one of rules::grades()
    text,                ///< alur::text_problem refuses the name, post or unit (`expected`: why, in English)
    inaugurated_too_young,  ///< before the 17th birthday (`expected`: that birthday)
    inaugurated_future,  ///< after today
    duplicate_nip,       ///< the NIP is also on `other_line`
};

/// One problem of the file.
struct RosterIssue {
    RosterIssue() = default;
    RosterIssue(std::size_t line_, std::string column_, RosterProblem problem_, std::string value_ = {})
        : line(line_), column(std::move(column_)), problem(problem_), value(std::move(value_)) {}

    std::size_t line = 0;  ///< 1-based; the header is line 1
    std::string column;    ///< a roster column; empty for the whole record or the header
    RosterProblem problem = RosterProblem::empty;
    std::string value;     ///< the field as written (trimmed)
    NipProblem nip = NipProblem::none;
    std::string expected;       ///< birth_date_mismatch, inaugurated_too_young: the date (YYYY-MM-DD); text: why
    std::size_t other_line = 0; ///< duplicate_nip: the line the NIP was first on
    std::size_t count = 0;      ///< field_count: the fields found

    bool operator==(const RosterIssue&) const = default;
};

struct RosterFile {
    std::vector<roster::Official> officials;  ///< file order; empty unless issues is
    std::vector<std::size_t> lines;           ///< the line of each official
    std::vector<RosterIssue> issues;          ///< every problem, by line
    char delimiter = ',';
    std::size_t rows = 0;  ///< data records read (blank ones not counted)
    bool ok() const { return issues.empty(); }
};

/// (rows validated, rows in the file); called every 1 000 rows and at the end.
using RosterProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Reads and validates a roster file on the date `today` (NIP years,
/// inauguration not in the future).
RosterFile read_roster_csv(std::string_view text, Date today, const RosterProgress& progress = {});

/// One record of a CSV text.
struct CsvRecord {
    std::size_t line = 0;  ///< where it starts, 1-based
    std::vector<std::string> fields;
};

struct CsvText {
    std::vector<CsvRecord> records;    ///< empty lines skipped
    std::vector<RosterIssue> issues;   ///< unclosed_quote, stray_quote
};

/// The records of `text` (no byte-order mark handling, no trimming).
CsvText parse_csv(std::string_view text, char delimiter);

/// `;` if the first line has more semicolons than commas outside quotes, else `,`.
char detect_delimiter(std::string_view text);

/// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view text);

}  // namespace alur::personnel
