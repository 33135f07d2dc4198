#include "alur/personnel/roster_csv.hpp"

#include "alur/engine/text.hpp"
#include "alur/workflows/rules.hpp"
#include "csv.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <unordered_map>

namespace alur::personnel {

using cli::csv_unneutralise;
using workflows::check_nip;

// --- the CSV reader ------------------------------------------------------------------

CsvText parse_csv(std::string_view text, char delimiter) {
    CsvText out;
    CsvRecord record;
    std::string field;
    std::size_t line = 1;
    std::size_t quote_line = 0;  // where the open quoted field started
    bool in_quotes = false;
    bool quoted = false;        // the current field was quoted
    bool stray_noted = false;   // one stray_quote per field is enough
    record.line = line;

    const auto end_field = [&] {
        record.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
        stray_noted = false;
    };
    const auto end_record = [&](std::size_t next_line) {
        const bool empty_line = record.fields.empty() && field.empty() && !quoted;  // no record
        end_field();
        if (!empty_line) out.records.push_back(std::move(record));
        record = CsvRecord{};
        record.line = next_line;
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    in_quotes = false;
                }
                continue;
            }
            if (c == '\n' || (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) ++line;
            field += c;
            continue;
        }
        if (c == delimiter) {
            end_field();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_record(++line);
        } else if (quoted) {
            if (!stray_noted)
                out.issues.push_back({record.line, {}, RosterProblem::stray_quote, field + c});
            stray_noted = true;
            field += c;
        } else if (c == '"' && field.empty()) {
            in_quotes = true;
            quoted = true;
            quote_line = line;
        } else {
            field += c;
        }
    }
    if (in_quotes) out.issues.push_back({quote_line, {}, RosterProblem::unclosed_quote, field.substr(0, 40)});
    if (!field.empty() || quoted || !record.fields.empty()) end_record(line);
    return out;
}

char detect_delimiter(std::string_view text) {
    std::size_t commas = 0, semicolons = 0;
    bool in_quotes = false;
    for (char c : text) {
        if (c == '"') in_quotes = !in_quotes;
        else if (!in_quotes && (c == '\n' || c == '\r')) break;
        else if (!in_quotes && c == ',') ++commas;
        else if (!in_quotes && c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    while (i < text.size()) {
        const unsigned char b = byte(i);
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = 0;
        char32_t cp = 0;
        if ((b & 0xE0) == 0xC0) n = 1, cp = b & 0x1F;
        else if ((b & 0xF0) == 0xE0) n = 2, cp = b & 0x0F;
        else if ((b & 0xF8) == 0xF0) n = 3, cp = b & 0x07;
        else return false;
        if (i + n >= text.size()) return false;  // cut short
        for (std::size_t k = 1; k <= n; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (byte(i + k) & 0x3F);
        }
        static constexpr std::array<char32_t, 4> least{0, 0x80, 0x800, 0x10000};
        if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

// --- the roster ------------------------------------------------------------------------

namespace {

std::string_view trim(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// "JPT Pratama" -> "jpt_pratama".
std::string grade_name(std::string_view s) {
    std::string out = lower(s);
    std::replace_if(out.begin(), out.end(), [](char c) { return c == ' ' || c == '-'; }, '_');
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// YYYY-MM-DD, or D/M/YYYY with one or two digits for day and month.
std::optional<Date> read_date(std::string_view text) {
    const auto first = text.find('/');
    if (first == std::string_view::npos) {
        auto d = parse_date(text);
        return d ? std::optional<Date>(*d) : std::nullopt;
    }
    const auto second = text.find('/', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const auto day = text.substr(0, first), month = text.substr(first + 1, second - first - 1),
               year = text.substr(second + 1);
    if (!all_digits(day) || !all_digits(month) || !all_digits(year) || day.size() > 2 || month.size() > 2 ||
        year.size() != 4)
        return std::nullopt;
    const auto two = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
    auto d = parse_date(std::string(year) + "-" + two(month) + "-" + two(day));
    return d ? std::optional<Date>(*d) : std::nullopt;
}

/// Column name -> index of the header's field, or the header's issues.
struct Header {
    std::map<std::string, std::size_t> index;
    std::vector<RosterIssue> issues;
};

Header read_header(const CsvRecord& header) {
    Header out;
    const auto& wanted = roster::columns();
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string& raw = header.fields[i];
        if (!valid_utf8(raw)) {
            out.issues.push_back({header.line, {}, RosterProblem::not_utf8, raw});
            continue;
        }
        const std::string name = lower(trim(raw));
        if (std::find(wanted.begin(), wanted.end(), name) == wanted.end())
            out.issues.push_back({header.line, {}, RosterProblem::unknown_column, std::string(trim(raw))});
        else if (!out.index.emplace(name, i).second)
            out.issues.push_back({header.line, name, RosterProblem::duplicate_column, std::string(trim(raw))});
    }
    for (const auto& name : wanted)
        if (!out.index.count(name)) out.issues.push_back({header.line, name, RosterProblem::missing_column, {}});
    return out;
}

/// Validates one record against the header; adds its issues to `issues`.
/// The official, if the record has no issue.
std::optional<roster::Official> read_row(const CsvRecord& r, const Header& header, Date today,
                                         std::unordered_map<std::string, std::size_t>& first_line,
                                         std::vector<RosterIssue>& issues) {
    if (r.fields.size() != header.index.size()) {
        issues.emplace_back(r.line, "", RosterProblem::field_count).count = r.fields.size();
        return std::nullopt;
    }
    const std::size_t before = issues.size();
    const auto issue = [&](const std::string& column, RosterProblem p, std::string_view value) -> RosterIssue& {
        return issues.emplace_back(r.line, column, p, std::string(value));
    };
    std::map<std::string, std::string_view> v;  // trimmed, valid UTF-8 only
    for (const auto& [name, i] : header.index) {
        if (!valid_utf8(r.fields[i])) {
            issue(name, RosterProblem::not_utf8, {});
            continue;
        }
        // The ' a spreadsheet-safe CSV puts in front (csv.hpp): always on a NIP, else before a formula's start.
        const std::string_view value = trim(r.fields[i]);
        v[name] = name == "nip" && value.starts_with('\'') ? value.substr(1) : csv_unneutralise(value);
    }
    const auto has = [&](const std::string& name) {
        if (!v.count(name)) return false;  // not UTF-8: reported
        if (!v[name].empty()) return true;
        issue(name, RosterProblem::empty, {});
        return false;
    };

    roster::Official o;
    std::optional<Date> nip_birth;
    if (has("nip")) {
        std::string nip(v["nip"]);
        nip.erase(std::remove(nip.begin(), nip.end(), ' '), nip.end());
        if (auto check = check_nip(nip, today)) nip_birth = check.nip.birth;
        else issue("nip", RosterProblem::nip, v["nip"]).nip = check.problem;
        if (auto [at, added] = first_line.emplace(nip, r.line); !added)
            issue("nip", RosterProblem::duplicate_nip, v["nip"]).other_line = at->second;
        o.nip = std::move(nip);
    }
    for (auto [name, field] : {std::pair{"name", &o.name}, std::pair{"post", &o.post}, std::pair{"unit", &o.unit}}) {
        if (!has(name)) continue;
        if (auto why = text_problem(v[name], TextKind::line, max_line_chars))
            issue(name, RosterProblem::text, v[name]).expected = *why;
        else
            *field = std::string(v[name]);
    }
    if (has("grade")) {
        o.grade = grade_name(v["grade"]);
        const auto& grades = rules::grades();
        if (std::find(grades.begin(), grades.end(), o.grade) == grades.end())
            issue("grade", RosterProblem::grade, v["grade"]);
    }
    std::optional<Date> birth, inaugurated;
    for (auto [name, date] : {std::pair{"birth_date", &birth}, std::pair{"inaugurated_at", &inaugurated}}) {
        if (!has(name)) continue;
        *date = read_date(v[name]);
        if (!*date) issue(name, RosterProblem::date, v[name]);
    }
    if (birth && nip_birth && *birth != *nip_birth)
        issue("birth_date", RosterProblem::birth_date_mismatch, v["birth_date"]).expected = format_date(*nip_birth);
    if (inaugurated && birth && *inaugurated < add_years(*birth, 17))
        issue("inaugurated_at", RosterProblem::inaugurated_too_young, v["inaugurated_at"]).expected =
            format_date(add_years(*birth, 17));
    if (inaugurated && *inaugurated > today)
        issue("inaugurated_at", RosterProblem::inaugurated_future, v["inaugurated_at"]);

    if (issues.size() != before) return std::nullopt;
    o.birth_date = *birth;
    o.inaugurated_at = *inaugurated;
    return o;
}

bool blank_record(const CsvRecord& r) {
    return std::all_of(r.fields.begin(), r.fields.end(), [](const std::string& f) { return trim(f).empty(); });
}

}  // namespace

RosterFile read_roster_csv(std::string_view text, Date today, const RosterProgress& progress) {
    RosterFile out;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    out.delimiter = detect_delimiter(text);
    CsvText csv = parse_csv(text, out.delimiter);
    std::erase_if(csv.records, blank_record);

    if (csv.records.empty()) {
        out.issues = csv.issues;
        if (out.issues.empty()) out.issues.push_back({1, {}, RosterProblem::no_header, {}});
        return out;
    }
    const Header header = read_header(csv.records.front());
    out.rows = csv.records.size() - 1;
    if (!header.issues.empty()) {
        out.issues = header.issues;
        out.issues.insert(out.issues.end(), csv.issues.begin(), csv.issues.end());
        std::stable_sort(out.issues.begin(), out.issues.end(),
                         [](const RosterIssue& a, const RosterIssue& b) { return a.line < b.line; });
        return out;
    }
    if (out.rows == 0 && csv.issues.empty()) {
        out.issues.push_back({csv.records.front().line + 1, {}, RosterProblem::no_rows, {}});
        return out;
    }

    std::unordered_map<std::string, std::size_t> first_line;
    first_line.reserve(out.rows);
    for (std::size_t k = 1; k < csv.records.size(); ++k) {
        const CsvRecord& r = csv.records[k];
        if (auto official = read_row(r, header, today, first_line, out.issues)) {
            out.officials.push_back(std::move(*official));
            out.lines.push_back(r.line);
        }
        if (progress && (k % 1000 == 0 || k == out.rows)) progress(k, out.rows);
    }
    if (!csv.issues.empty()) {
        out.issues.insert(out.issues.end(), csv.issues.begin(), csv.issues.end());
        std::stable_sort(out.issues.begin(), out.issues.end(),
                         [](const RosterIssue& a, const RosterIssue& b) { return a.line < b.line; });
    }
    if (!out.issues.empty()) {
        out.officials.clear();
        out.lines.clear();
    }
    return out;
}

}  // namespace alur::personnel
