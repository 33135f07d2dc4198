// csv.hpp — CSV as RFC 4180 writes it, made safe to open in a spreadsheet, for
// every CSV the CLI writes (`history`, `export`, `roster list`, `jobfit
// report`, `selection applicants` with --format csv).
//
// Records end with CRLF; a field is quoted when it contains a comma, a double
// quote, CR or LF, with its quotes doubled; text is written as the UTF-8 it
// is (no byte-order mark, no re-encoding).
//
// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a
// carriage return as a formula (CSV or formula injection: a reason typed as
// `=HYPERLINK(...)` would run on an auditor's machine). Such a cell is written
// with a `'` in front, which spreadsheets take as "this is text"; so is a cell
// that starts with `'` itself, so that a reader can drop exactly one `'`
// (csv_unneutralise) and get the value back. NIP columns (a header named
// "nip" or "NIP") are always quoted and prefixed with `'`, so a spreadsheet
// keeps the 18 digits as text instead of turning them into 1.97603E+17.
// docs/RELIABILITY.md ("Files and output") says how to import them as text.
// Pure, apart from writing to the stream it is given.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace alur::cli {

/// The first characters that make a spreadsheet run a cell as a formula.
inline constexpr std::string_view formula_starts = "=+-@\t\r";

/// `text` with a `'` in front if it starts with one of formula_starts or with `'`.
std::string csv_neutralise(std::string_view text);

/// A cell as read back: one leading `'` dropped when what follows starts with
/// one of formula_starts or `'` (the inverse of csv_neutralise).
std::string_view csv_unneutralise(std::string_view cell);

/// One field as it appears in a record: neutralised, quoted only when it must be.
std::string csv_field(std::string_view text);

/// A field a spreadsheet must keep as text (a NIP): `"'197603152005011002"`,
/// always quoted, with a `'` in front; an empty text stays empty.
std::string csv_text_field(std::string_view text);

/// One record: the fields (csv_field) joined by commas, ending with CRLF.
std::string csv_record(const std::vector<std::string>& fields);

/// Writes one CSV table: the header, then each record, the cells of the
/// header's NIP columns as csv_text_field, the others as csv_field.
class CsvWriter {
public:
    /// Writes `header` to `os` at once.
    CsvWriter(std::ostream& os, const std::vector<std::string>& header);
    void write(const std::vector<std::string>& record);

private:
    std::ostream& os_;
    std::vector<bool> text_columns_;
};

}  // namespace alur::cli
