#include "alur/engine/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace alur {
namespace {

void write(std::string& out, const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::object: {
            const auto& obj = v.get_object();
            std::vector<const boost::json::key_value_pair*> items;
            items.reserve(obj.size());
            for (const auto& kv : obj) items.push_back(&kv);
            std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->key() < b->key(); });
            out += '{';
            bool first = true;
            for (const auto* kv : items) {
                if (!first) out += ',';
                first = false;
                out += boost::json::serialize(boost::json::string_view(kv->key()));
                out += ':';
                write(out, kv->value());
            }
            out += '}';
            break;
        }
        case boost::json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& item : v.get_array()) {
                if (!first) out += ',';
                first = false;
                write(out, item);
            }
            out += ']';
            break;
        }
        case boost::json::kind::double_: {
            // Whole numbers print as integers (80, not 8E1); others in the
            // shortest form that reads back the same (73.5, not 7.35E1).
            const double d = v.get_double();
            char buf[32];
            if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9007199254740992.0) {
                out += std::to_string(static_cast<long long>(d));
            } else if (std::isfinite(d)) {
                auto r = std::to_chars(buf, buf + sizeof buf, d);
                out.append(buf, r.ptr);
            } else {
                out += "null";  // JSON has no infinities; validation refuses them before this
            }
            break;
        }
        default:
            out += boost::json::serialize(v);
    }
}

}  // namespace

std::string canonical_json(const boost::json::value& v) {
    std::string out;
    write(out, v);
    return out;
}

Result<boost::json::object> parse_json_object(std::string_view text, std::string_view what) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) return make_error(errc::invalid_input, std::string(what) + " is not valid JSON: " + ec.message());
    if (!v.is_object()) return make_error(errc::invalid_input, std::string(what) + " must be a JSON object");
    return std::move(v.get_object());
}

}  // namespace alur
