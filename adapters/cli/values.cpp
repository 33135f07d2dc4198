#include "values.hpp"

#include "alur/engine/clock.hpp"
#include "alur/engine/json.hpp"
#include "alur/files/files.hpp"
#include "messages.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace alur::cli {
namespace {

bool is_text(const FieldSpec* field) {
    return field && (field->type == FieldType::string || field->type == FieldType::date ||
                     field->type == FieldType::choice);
}

bool valid_key(std::string_view key) {
    if (key.empty()) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

const FieldSpec* find_field(const EventSpec* spec, std::string_view name) {
    if (!spec) return nullptr;
    for (const auto& f : spec->fields)
        if (f.name == name) return &f;
    return nullptr;
}

}  // namespace

boost::json::value field_value(std::string_view text, const FieldSpec* field) {
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(text, ec);
    if (ec) return boost::json::value(text);
    if (is_text(field) && !parsed.is_string()) return boost::json::value(text);
    return parsed;
}

Result<boost::json::object> build_payload(const std::vector<std::string>& pairs, const std::string& data,
                                          const EventSpec* spec) {
    boost::json::object payload;
    if (!data.empty()) {
        auto parsed = parse_json_object(data, "--data");
        if (!parsed) return make_error(errc::invalid_input, trf(M::err_data, {parsed.error().message}), "--data");
        payload = std::move(*parsed);
    }
    std::vector<std::string> seen;
    for (const auto& pair : pairs) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos) return make_error(errc::invalid_input, trf(M::err_pair, {pair}));
        const std::string key = pair.substr(0, eq);
        if (!valid_key(key)) return make_error(errc::invalid_input, trf(M::err_pair_key, {key}));
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            return make_error(errc::invalid_input, trf(M::err_pair_twice, {key}), key);
        seen.push_back(key);
        payload[key] = field_value(std::string_view(pair).substr(eq + 1), find_field(spec, key));
    }
    return payload;
}

Result<TimePoint> parse_when(std::string_view option, std::string_view text, const TimeZone& tz) {
    auto t = parse_datetime(text, tz);
    if (!t) return make_error(errc::invalid_input, trf(M::err_datetime, {option, text, t.error().message}),
                              std::string(option));
    return *t;
}

Date today(const TimeZone& tz) { return local_date(SystemClock{}.now(), tz); }

namespace {

M type_message(files::FileType type) {
    switch (type) {
        case files::FileType::directory: return M::file_directory;
        case files::FileType::fifo: return M::file_fifo;
        case files::FileType::character_device: return M::file_character_device;
        case files::FileType::block_device: return M::file_block_device;
        case files::FileType::socket: return M::file_socket;
        case files::FileType::regular:
        case files::FileType::other: break;
    }
    return M::file_other;
}

}  // namespace

Result<std::string> read_input(const std::string& path, std::size_t max_bytes) {
    auto read = files::read_file_or_stdin(path, max_bytes);
    if (read) return std::move(read.text);
    const files::FileError& e = *read.error;
    const std::string name = path == "-" ? tr(M::roster_stdin) : path;
    switch (e.kind) {
        case files::FileError::Kind::not_found: return make_error(errc::not_found, trf(M::roster_no_file, {name}));
        case files::FileError::Kind::not_regular:
            return make_error(errc::invalid_input, trf(M::roster_not_regular, {name, tr(type_message(e.type))}));
        case files::FileError::Kind::too_large:
            return make_error(errc::invalid_input, trf(M::roster_too_large, {name, files::size_text(e.limit)}));
        case files::FileError::Kind::unreadable: break;
    }
    return make_error(errc::io, trf(M::roster_read_failed, {name, e.reason}));
}

}  // namespace alur::cli
