// Fuzzes the CSV roster reader (adapters/cli/roster_csv.cpp) on arbitrary
// bytes: parse_csv with both delimiters and read_roster_csv.
//
// Checks: every issue names a line of the file; a roster accepted holds only
// officials that pass the checks the reader promises (NIP on today's date,
// birth date = the NIP's, a known grade, inaugurated at 17 or later and not
// after today), one line per official; and both readers give back what they
// read when it is written out again as CSV (every field quoted): the same
// records, the same officials. And on the same bytes: the roster's UTF-8 check
// agrees with the engine's (alur/engine/text.hpp), and escape_controls leaves
// valid one-line text.
#include "fuzz_support.hpp"

#include "alur/engine/text.hpp"
#include "alur/workflows/rules.hpp"
#include "roster_csv.hpp"

#include <algorithm>

using namespace alur;
using namespace std::chrono;

namespace {

std::string quoted(std::string_view field) {
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string line_of(const std::vector<std::string>& fields, char delimiter) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? std::string(1, delimiter) : "") + quoted(fields[i]);
    return out + "\r\n";
}

std::size_t count_lines(std::string_view text) {
    std::size_t n = 1;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) ++n;
    return n;
}

void check_csv(std::string_view text, char delimiter) {
    const cli::CsvText csv = cli::parse_csv(text, delimiter);
    const std::size_t lines = count_lines(text);
    for (const auto& r : csv.records) FUZZ_CHECK(r.line >= 1 && r.line <= lines, "a record on line " + std::to_string(r.line));
    for (const auto& i : csv.issues) FUZZ_CHECK(i.line >= 1 && i.line <= lines, "an issue on line " + std::to_string(i.line));
    if (!csv.issues.empty()) return;
    std::string again;
    for (const auto& r : csv.records) again += line_of(r.fields, delimiter);
    const cli::CsvText back = cli::parse_csv(again, delimiter);
    FUZZ_CHECK(back.issues.empty(), "the CSV written back has issues");
    FUZZ_CHECK(back.records.size() == csv.records.size(),
               std::to_string(csv.records.size()) + " records read back as " + std::to_string(back.records.size()));
    for (std::size_t i = 0; i < csv.records.size(); ++i)
        FUZZ_CHECK(back.records[i].fields == csv.records[i].fields, "record " + std::to_string(i) + " reads back otherwise");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // The roster's UTF-8 check and the engine's agree; escaping makes any bytes valid one-line text.
    FUZZ_CHECK(cli::valid_utf8(text) == is_valid_utf8(text), "valid_utf8 and is_valid_utf8 disagree");
    const std::string escaped = escape_controls(text);
    FUZZ_CHECK(!text_problem(escaped, TextKind::line, escaped.size() + 1, false), "escape_controls left something: " + escaped);
    check_csv(text, ',');
    check_csv(text, ';');

    const Date today{year{2025}, month{6}, day{2}};
    const cli::RosterFile file = cli::read_roster_csv(text, today);
    const std::size_t lines = count_lines(text);
    for (const auto& issue : file.issues)
        FUZZ_CHECK(issue.line >= 1 && issue.line <= lines + 1, "an issue on line " + std::to_string(issue.line));
    if (!file.ok()) {
        FUZZ_CHECK(file.officials.empty(), "officials returned with issues");
        return 0;
    }
    FUZZ_CHECK(file.officials.size() == file.lines.size(), "officials and lines differ in number");
    FUZZ_CHECK(file.officials.size() == file.rows, "accepted, but not every row is an official");
    const auto& grades = rules::grades();
    for (const auto& o : file.officials) {
        const auto nip = cli::check_nip(o.nip, today);
        FUZZ_CHECK(nip, "accepted NIP " + o.nip + " fails check_nip");
        FUZZ_CHECK(nip.nip.birth == o.birth_date, "birth date differs from the NIP's");
        FUZZ_CHECK(std::find(grades.begin(), grades.end(), o.grade) != grades.end(), "unknown grade " + o.grade);
        FUZZ_CHECK(o.inaugurated_at.ok() && o.birth_date.ok(), "an impossible date");
        FUZZ_CHECK(o.inaugurated_at >= add_years(o.birth_date, 17) && o.inaugurated_at <= today, "inaugurated out of range");
        FUZZ_CHECK(!o.name.empty() && !o.post.empty() && !o.unit.empty(), "an empty required field");
    }
    // Written out again, the roster reads back as the same officials.
    std::string again = line_of(roster::columns(), ',');
    for (const auto& o : file.officials) again += line_of(roster::values(o), ',');
    const cli::RosterFile back = cli::read_roster_csv(again, today);
    FUZZ_CHECK(back.ok(), "the roster written back has " + std::to_string(back.issues.size()) + " issues");
    FUZZ_CHECK(back.officials == file.officials, "the roster written back reads as other officials");
    return 0;
}
