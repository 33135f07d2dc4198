// toml_reader.cpp — typed reads from a parsed TOML table, refusing with file:line.
#include "toml_reader.hpp"

#include "alur/engine/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace alur::config::detail {

namespace {

bool is_bare_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

/// "a string", "an integer": the type of a value as a message names it.
std::string_view type_phrase(toml::node_type type) {
    switch (type) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

}  // namespace

std::string join_key(std::string_view parent, std::string_view key) {
    std::string out(parent);
    if (!out.empty()) out += '.';
    if (is_bare_key(key)) {
        out += key;
    } else {
        out += '"';
        for (char c : key) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out;
}

std::string index_key(std::string_view parent, std::size_t index) {
    return std::string(parent) + '[' + std::to_string(index) + ']';
}

Error Reader::error(const toml::source_region& where, std::string_view key,
                    std::string_view what) const {
    std::string message = source_;
    if (where.begin.line > 0) message += ':' + std::to_string(where.begin.line);
    message += ": ";
    if (!key.empty()) {
        message += key;
        message += ": ";
    }
    message += what;
    return make_error(errc::invalid_input, std::move(message), std::string(key));
}

Error Reader::wrong_type(const toml::node& node, std::string_view key,
                         std::string_view expected) const {
    return error(node.source(), key,
                 "expected " + std::string(expected) + ", got " +
                     std::string(type_phrase(node.type())));
}

Result<void> Reader::only_keys(const toml::table& t, std::string_view path,
                               std::initializer_list<std::string_view> allowed) const {
    for (const auto& [k, v] : t) {
        if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
        std::string what = "unknown key (expected ";
        std::string_view sep;
        for (auto a : allowed) {
            what += sep;
            what += a;
            sep = allowed.size() == 2 ? " or " : ", ";
        }
        what += ')';
        // A key's own position; a dotted or implicit key may lack one, its value has it.
        const auto& where = k.source().begin.line > 0 ? k.source() : v.source();
        return error(where, join_key(path, k.str()), what);
    }
    return {};
}

Result<void> Reader::check_keys(const toml::node& node, std::string_view path) const {
    if (const auto* t = node.as_table()) {
        for (const auto& [k, v] : *t) {
            const std::string key = join_key(path, k.str());
            if (auto problem = text_problem(k.str(), TextKind::line, max_name_chars, false)) {
                const auto& where = k.source().begin.line > 0 ? k.source() : v.source();
                return error(where, key, "the key " + *problem);
            }
            if (auto ok = check_keys(v, key); !ok) return ok;
        }
    } else if (const auto* a = node.as_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto ok = check_keys(*a->get(i), index_key(path, i)); !ok) return ok;
    }
    return {};
}

Result<const toml::table*> Reader::table(const toml::table& parent, std::string_view path,
                                         std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (const auto* t = node->as_table()) return t;
    return wrong_type(*node, join_key(path, key), "a table");
}

Result<const toml::array*> Reader::array(const toml::table& parent, std::string_view path,
                                         std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (const auto* a = node->as_array()) return a;
    return wrong_type(*node, join_key(path, key), "an array");
}

std::filesystem::path Reader::resolve(const std::filesystem::path& path) const {
    if (path.is_absolute() || base_dir_.empty()) return path;
    return (base_dir_ / path).lexically_normal();
}

Result<std::string> Reader::string(const toml::node& node, std::string_view key) const {
    const auto* s = node.as_string();
    if (s == nullptr) return wrong_type(node, key, "a string");
    if (s->get().empty()) return error(node.source(), key, "must not be empty");
    if (auto problem = text_problem(s->get(), TextKind::line, max_line_chars))
        return error(node.source(), key, *problem);
    return s->get();
}

Result<std::optional<std::string>> Reader::string(const toml::table& parent,
                                                  std::string_view path,
                                                  std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    auto s = string(*node, join_key(path, key));
    if (!s) return s.error();
    return std::optional<std::string>(std::move(*s));
}

Result<int> Reader::integer(const toml::node& node, std::string_view key, int min, int max) const {
    const auto* i = node.as_integer();
    if (i == nullptr) return wrong_type(node, key, "an integer");
    const std::int64_t v = i->get();
    if (v < min || v > max)
        return error(node.source(), key,
                     "must be from " + std::to_string(min) + " to " + std::to_string(max) + " (got " +
                         std::to_string(v) + ")");
    return static_cast<int>(v);
}

Result<std::optional<int>> Reader::integer(const toml::table& parent, std::string_view path,
                                           std::string_view key, int min, int max) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    auto n = integer(*node, join_key(path, key), min, max);
    if (!n) return n.error();
    return std::optional<int>(*n);
}

Result<std::optional<bool>> Reader::boolean(const toml::table& parent, std::string_view path,
                                            std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    const auto* b = node->as_boolean();
    if (b == nullptr) return wrong_type(*node, join_key(path, key), "a boolean (true or false)");
    return std::optional<bool>(b->get());
}

Result<double> Reader::number(const toml::node& node, std::string_view key) const {
    if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
    const auto* f = node.as_floating_point();
    if (f == nullptr) return wrong_type(node, key, "a number");
    if (!std::isfinite(f->get())) return error(node.source(), key, "must be a finite number");
    return f->get();
}

Result<std::optional<double>> Reader::number(const toml::table& parent, std::string_view path,
                                             std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    auto n = number(*node, join_key(path, key));
    if (!n) return n.error();
    return std::optional<double>(*n);
}

Result<std::optional<Date>> Reader::date(const toml::table& parent, std::string_view path,
                                         std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::nullopt;
    if (const auto* d = node->as_date()) {
        const toml::date& v = d->get();
        return std::optional<Date>(Date{std::chrono::year{v.year},
                                        std::chrono::month{static_cast<unsigned>(v.month)},
                                        std::chrono::day{static_cast<unsigned>(v.day)}});
    }
    const auto* s = node->as_string();
    if (s == nullptr) return wrong_type(*node, join_key(path, key), "a date \"YYYY-MM-DD\"");
    auto parsed = parse_date(s->get());
    if (!parsed) return error(node->source(), join_key(path, key), parsed.error().message);
    return std::optional<Date>(*parsed);
}

}  // namespace alur::config::detail
