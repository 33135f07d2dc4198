#include "alur/personnel/roster_text.hpp"

#include "alur/personnel/nip_text.hpp"
#include "alur/workflows/rules.hpp"

#include <set>

namespace alur::personnel {

using cli::M;

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

std::string issue_text(const RosterIssue& i, Date today, cli::Lang lang) {
    const std::string& v = i.value;
    const auto tr = [lang](M m) { return std::string(cli::tr(m, lang)); };
    const auto trf = [lang](M m, std::initializer_list<std::string_view> args) { return cli::trf(m, lang, args); };
    switch (i.problem) {
        case RosterProblem::no_header: return trf(M::roster_no_header, {joined(roster::columns())});
        case RosterProblem::no_rows: return tr(M::roster_no_rows);
        case RosterProblem::not_utf8: return tr(M::roster_not_utf8);
        case RosterProblem::unclosed_quote: return trf(M::roster_unclosed_quote, {v});
        case RosterProblem::stray_quote: return trf(M::roster_stray_quote, {v});
        case RosterProblem::missing_column: return trf(M::roster_missing_column, {joined(roster::columns())});
        case RosterProblem::unknown_column: return trf(M::roster_unknown_column, {v, joined(roster::columns())});
        case RosterProblem::duplicate_column: return trf(M::roster_duplicate_column, {v});
        case RosterProblem::field_count:
            return trf(M::roster_field_count, {std::to_string(i.count), std::to_string(roster::columns().size())});
        case RosterProblem::empty: return tr(M::roster_empty_value);
        case RosterProblem::nip: {
            std::string text = nip_problem_text(i.nip, v, today, lang);
            if (v.find_first_of("eE") != std::string::npos) text += " " + tr(M::roster_nip_as_number);
            return text;
        }
        case RosterProblem::date: return trf(M::roster_bad_date, {v});
        case RosterProblem::birth_date_mismatch: return trf(M::roster_birth_mismatch, {v, i.expected});
        case RosterProblem::grade: return trf(M::roster_bad_grade, {v, joined(rules::grades())});
        case RosterProblem::text: return trf(M::roster_bad_text, {i.expected});
        case RosterProblem::inaugurated_too_young: return trf(M::roster_too_young, {v, i.expected});
        case RosterProblem::inaugurated_future: return trf(M::roster_future, {v});
        case RosterProblem::duplicate_nip: return trf(M::roster_duplicate_nip, {v, std::to_string(i.other_line)});
    }
    return v;
}

std::string issue_line(const RosterIssue& i, Date today, cli::Lang lang) {
    const std::string line = std::to_string(i.line);
    if (i.column.empty()) return cli::trf(M::roster_at_line, lang, {line, issue_text(i, today, lang)});
    return cli::trf(M::roster_at_field, lang, {line, i.column, issue_text(i, today, lang)});
}

std::size_t bad_lines(const RosterFile& file) {
    std::set<std::size_t> lines;
    for (const auto& i : file.issues) lines.insert(i.line);
    return lines.size();
}

}  // namespace alur::personnel
