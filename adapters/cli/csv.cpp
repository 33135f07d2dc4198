// csv.cpp — CSV fields and records, neutralised for spreadsheets.
#include "csv.hpp"

#include <ostream>

namespace alur::cli {
namespace {

bool starts_with_any(std::string_view text, std::string_view chars) {
    return !text.empty() && chars.find(text.front()) != std::string_view::npos;
}

std::string quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

bool is_nip_column(std::string_view name) { return name == "nip" || name == "NIP"; }

}  // namespace

std::string csv_neutralise(std::string_view text) {
    if (starts_with_any(text, formula_starts) || text.starts_with('\'')) return "'" + std::string(text);
    return std::string(text);
}

std::string_view csv_unneutralise(std::string_view cell) {
    if (cell.starts_with('\'')) {
        const std::string_view rest = cell.substr(1);
        if (starts_with_any(rest, formula_starts) || rest.starts_with('\'')) return rest;
    }
    return cell;
}

std::string csv_field(std::string_view text) {
    std::string cell = csv_neutralise(text);
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    return quoted(cell);
}

std::string csv_text_field(std::string_view text) {
    if (text.empty()) return {};
    return quoted("'" + std::string(text));
}

std::string csv_record(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += csv_field(fields[i]);
    }
    out += "\r\n";
    return out;
}

CsvWriter::CsvWriter(std::ostream& os, const std::vector<std::string>& header) : os_(os) {
    for (const auto& name : header) text_columns_.push_back(is_nip_column(name));
    os_ << csv_record(header);
}

void CsvWriter::write(const std::vector<std::string>& record) {
    std::string out;
    for (std::size_t i = 0; i < record.size(); ++i) {
        if (i) out += ',';
        out += i < text_columns_.size() && text_columns_[i] ? csv_text_field(record[i]) : csv_field(record[i]);
    }
    out += "\r\n";
    os_ << out;
}

}  // namespace alur::cli
