// The route table's matching (routes.hpp) and the path helpers the router uses.
#include "routes.hpp"

#include <charconv>
#include <stdexcept>

namespace alur::http::detail {

std::string url_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()) {
            int v = 0;
            auto r = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
            if (r.ec == std::errc{} && r.ptr == s.data() + i + 3) {
                out += static_cast<char>(v);
                i += 2;
            } else {
                out += s[i];
            }
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        out.push_back(url_decode(path.substr(0, slash)));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return out;
}

namespace {

std::vector<std::string> pattern_segments(std::string_view pattern) {
    std::vector<std::string> out;
    while (!pattern.empty()) {
        if (pattern.front() == '/') {
            pattern.remove_prefix(1);
            continue;
        }
        const auto slash = pattern.find('/');
        out.emplace_back(pattern.substr(0, slash));
        if (slash == std::string_view::npos) break;
        pattern.remove_prefix(slash);
    }
    return out;
}

bool is_parameter(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// The {name} values when `segments` match `pattern`.
std::optional<PathArgs> match_pattern(std::string_view pattern, const std::vector<std::string>& segments) {
    const auto parts = pattern_segments(pattern);
    if (parts.size() != segments.size()) return std::nullopt;
    PathArgs args;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (is_parameter(parts[i])) {
            if (segments[i].empty()) return std::nullopt;
            args[parts[i].substr(1, parts[i].size() - 2)] = segments[i];
        } else if (parts[i] != segments[i]) {
            return std::nullopt;
        }
    }
    return args;
}

}  // namespace

void Routes::add(Route route) {
    if (route.summary.empty()) throw std::logic_error("route " + route.method + " " + route.pattern + " has no summary");
    if (!route.handler) throw std::logic_error("route " + route.method + " " + route.pattern + " has no handler");
    for (const auto& r : routes_)
        if (r.method == route.method && r.pattern == route.pattern)
            throw std::logic_error("route " + route.method + " " + route.pattern + " added twice");
    routes_.push_back(std::move(route));
}

Routes::Match Routes::match(std::string_view method, const std::vector<std::string>& segments) const {
    Match m;
    // The first pattern that matches the path decides which routes it has:
    // "/api/jobfit/{batch}" and a later "/api/{x}/{y}" are different paths.
    std::optional<std::string> path_pattern;
    for (const auto& r : routes_) {
        if (path_pattern && r.pattern != *path_pattern) continue;
        auto args = match_pattern(r.pattern, segments);
        if (!args) continue;
        if (!path_pattern) path_pattern = r.pattern;
        if (!m.allow.empty()) m.allow += ", ";
        m.allow += r.method;
        if (r.method == method && !m.route) {
            m.route = &r;
            m.args = std::move(*args);
        }
    }
    return m;
}

}  // namespace alur::http::detail
