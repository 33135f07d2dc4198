#include "alur/reports/json_text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <ostream>
#include <sstream>

namespace alur::reports {

namespace {

// Doubles as people write them (80, 86.4), not as Boost.JSON prints them (8E1).
std::string number_text(double x) {
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
    if (ec != std::errc()) return boost::json::serialize(boost::json::value(x));
    return std::string(buf, end);
}

void indent(std::ostream& os, int level) {
    for (int i = 0; i < level; ++i) os << "  ";
}

// `level` < 0: compact, on one line.
void print_value(std::ostream& os, const boost::json::value& v, int level) {
    const bool pretty = level >= 0;
    const char* open_sep = pretty ? "\n" : "";
    if (v.is_object() || v.is_array()) {
        const bool obj = v.is_object();
        const std::size_t n = obj ? v.get_object().size() : v.get_array().size();
        if (n == 0) {
            os << (obj ? "{}" : "[]");
            return;
        }
        os << (obj ? '{' : '[') << open_sep;
        std::size_t i = 0;
        auto item = [&](const boost::json::value& x, const boost::json::string_view* key) {
            if (i++) os << ',' << open_sep;
            if (pretty) indent(os, level + 1);
            if (key) os << boost::json::serialize(boost::json::value(*key)) << (pretty ? ": " : ":");
            print_value(os, x, pretty ? level + 1 : -1);
        };
        if (obj) {
            for (const auto& kv : v.get_object()) {
                const boost::json::string_view key = kv.key();
                item(kv.value(), &key);
            }
        } else {
            for (const auto& x : v.get_array()) item(x, nullptr);
        }
        if (pretty) {
            os << '\n';
            indent(os, level);
        }
        os << (obj ? '}' : ']');
    } else if (v.is_double()) {
        os << number_text(v.get_double());
    } else {
        os << boost::json::serialize(v);
    }
}

}  // namespace

void print_json(std::ostream& os, const boost::json::value& v) {
    print_value(os, v, 0);
    os << '\n';
}

std::string compact_json(const boost::json::value& v) {
    std::ostringstream os;
    print_value(os, v, -1);
    return os.str();
}

boost::json::value parse_stored(const std::string& text) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) return boost::json::value(text);
    return v;
}

}  // namespace alur::reports
