#include "alur/engine/workflow.hpp"
#include "alur/engine/text.hpp"
#include "alur/engine/time.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>

namespace alur {

const char* to_string(FieldType t) noexcept {
    switch (t) {
        case FieldType::string: return "string";
        case FieldType::date: return "date";
        case FieldType::integer: return "integer";
        case FieldType::number: return "number";
        case FieldType::choice: return "choice";
        case FieldType::object: return "object";
    }
    return "unknown";
}

const EventSpec* Workflow::find_event(std::string_view name) const {
    for (const auto& e : events())
        if (e.name == name) return &e;
    return nullptr;
}

bool Workflow::is_final(std::string_view state) const {
    const auto& f = final_states();
    return std::find(f.begin(), f.end(), state) != f.end();
}

std::vector<std::string> Workflow::events_from(std::string_view state) const {
    // The open event is only ever a case's first event, never one to submit next.
    const std::string opening = open_event();
    std::vector<std::string> out;
    for (const auto& t : transitions())
        if (t.from == state && t.event != opening && std::find(out.begin(), out.end(), t.event) == out.end())
            out.push_back(t.event);
    return out;
}

std::vector<std::string> Workflow::events_from(std::string_view state, std::string_view role) const {
    auto all = events_from(state);
    std::erase_if(all, [&](const std::string& name) {
        const EventSpec* spec = find_event(name);
        return !spec || std::find(spec->roles.begin(), spec->roles.end(), role) == spec->roles.end();
    });
    return all;
}

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string field_names(const EventSpec& spec) {
    std::vector<std::string> names;
    for (const auto& f : spec.fields) names.push_back(f.name);
    return names.empty() ? "none" : join(names);
}

Error field_error(const EventSpec& spec, const FieldSpec& f, const std::string& why) {
    return make_error(errc::invalid_input, spec.name + ": field '" + f.name + "' " + why, f.name);
}

// A value as shown in a refusal: never more than 80 characters, control
// characters and invalid UTF-8 escaped, so the message itself is clean text.
std::string shown(const boost::json::value& v) {
    std::string text = boost::json::serialize(v);
    if (text.size() > 80) text = text.substr(0, 77) + "...";
    return escape_controls(text);
}

// "a number 5", "a boolean true", "an object", "an array".
std::string shown_type(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::bool_: return "a boolean " + shown(v);
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
        case boost::json::kind::double_: return "a number " + shown(v);
        case boost::json::kind::object: return "an object";
        case boost::json::kind::array: return "an array";
        case boost::json::kind::string: return "text " + shown(v);
        case boost::json::kind::null: return "null";
    }
    return "a value";
}

std::string shown(double x) {
    if (x == std::floor(x) && std::abs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    return boost::json::serialize(boost::json::value(x));
}

Result<boost::json::value> check_field(const EventSpec& spec, const FieldSpec& f, const boost::json::value& v,
                                       const boost::json::object& payload, TimePoint at) {
    auto text_error = [&](std::string_view text, bool free) -> std::optional<Error> {
        if (auto problem = text_problem(text, free ? TextKind::free_text : TextKind::line,
                                        free ? max_free_text_chars : max_line_chars))
            return field_error(spec, f, *problem);
        return std::nullopt;
    };
    boost::json::value out;
    switch (f.type) {
        case FieldType::string:
            if (!v.is_string()) return field_error(spec, f, "must be text (got " + shown_type(v) + ")");
            if (auto bad = text_error(v.get_string(), f.free_text)) return *bad;
            out = v;
            break;
        case FieldType::date: {
            if (!v.is_string()) return field_error(spec, f, "must be a date YYYY-MM-DD (got " + shown_type(v) + ")");
            if (auto bad = text_error(v.get_string(), false)) return *bad;
            auto d = parse_date(std::string_view(v.get_string()));
            if (!d) return field_error(spec, f, "must be a real date YYYY-MM-DD between 1900-01-01 and 2200-12-31 (got " +
                                                    shown(v) + ")");
            out = boost::json::value(format_date(*d));
            break;
        }
        case FieldType::integer:
        case FieldType::number: {
            double x = 0;
            if (v.is_int64()) x = static_cast<double>(v.get_int64());
            else if (v.is_uint64()) x = static_cast<double>(v.get_uint64());
            else if (v.is_double()) x = v.get_double();
            else
                return field_error(spec, f,
                                   std::string("must be a ") + to_string(f.type) + " (got " + shown_type(v) + ")");
            if (!std::isfinite(x)) return field_error(spec, f, "must be a finite number");
            if (f.type == FieldType::integer && (x != std::floor(x) || std::abs(x) > 9.0e15))
                return field_error(spec, f, "must be a whole number (got " + shown(v) + ")");
            if (f.bounded && (x < f.min || x > f.max))
                return field_error(spec, f,
                                   "must be between " + shown(f.min) + " and " + shown(f.max) + " (got " + shown(v) + ")");
            out = f.type == FieldType::integer ? boost::json::value(static_cast<std::int64_t>(x)) : v;
            break;
        }
        case FieldType::choice: {
            if (!v.is_string())
                return field_error(spec, f, "must be one of " + join(f.choices) + " (got " + shown_type(v) + ")");
            if (auto bad = text_error(v.get_string(), false)) return *bad;
            const std::string s(v.get_string());
            if (std::find(f.choices.begin(), f.choices.end(), s) == f.choices.end())
                return field_error(spec, f, "must be one of " + join(f.choices) + " (got " + shown(v) + ")");
            out = boost::json::value(s);
            break;
        }
        case FieldType::object:
            if (!v.is_object()) return field_error(spec, f, "must be a JSON object (got " + shown_type(v) + ")");
            if (auto ok = check_json_text(spec.name + "." + f.name, v); !ok)
                return make_error(errc::invalid_input, ok.error().message, f.name);
            out = v;
            break;
    }
    if (f.check)
        if (auto problem = f.check(out, payload, at)) return field_error(spec, f, *problem);
    return out;
}

Result<void> check_json_value(const std::string& path, const boost::json::value& v, int depth) {
    if (depth > 16) return make_error(errc::invalid_input, path + " is nested too deeply (at most 16 levels)");
    switch (v.kind()) {
        case boost::json::kind::string:
            if (auto problem = text_problem(v.get_string(), TextKind::free_text, max_free_text_chars, false))
                return make_error(errc::invalid_input, path + " " + *problem);
            return {};
        case boost::json::kind::double_:
            if (!std::isfinite(v.get_double())) return make_error(errc::invalid_input, path + " must be a finite number");
            return {};
        case boost::json::kind::array: {
            std::size_t i = 0;
            for (const auto& item : v.get_array())
                if (auto ok = check_json_value(path + "[" + std::to_string(i++) + "]", item, depth + 1); !ok) return ok;
            return {};
        }
        case boost::json::kind::object:
            for (const auto& kv : v.get_object()) {
                if (auto problem = text_problem(kv.key(), TextKind::line, max_name_chars))
                    return make_error(errc::invalid_input, path + ": a key " + *problem);
                if (auto ok = check_json_value(path + "." + std::string(kv.key()), kv.value(), depth + 1); !ok)
                    return ok;
            }
            return {};
        default: return {};
    }
}

}  // namespace

Result<void> check_json_text(std::string_view field, const boost::json::value& value) {
    auto ok = check_json_value(std::string(field), value, 0);
    if (!ok) return make_error(errc::invalid_input, ok.error().message, std::string(field));
    return {};
}

Result<boost::json::object> validate_payload(const EventSpec& spec, const boost::json::object& payload, TimePoint at) {
    for (const auto& kv : payload) {
        bool known = std::any_of(spec.fields.begin(), spec.fields.end(),
                                 [&](const FieldSpec& f) { return f.name == kv.key(); });
        if (!known)
            return make_error(errc::invalid_input,
                              spec.name + ": unknown field '" + escape_controls(kv.key()) + "' (fields: " +
                                  field_names(spec) + ")",
                              escape_controls(kv.key()));
    }
    boost::json::object out;
    for (const auto& f : spec.fields) {
        const boost::json::value* v = payload.if_contains(f.name);
        if (!v || v->is_null()) {
            if (f.required) return field_error(spec, f, "is required");
            continue;
        }
        auto checked = check_field(spec, f, *v, payload, at);
        if (!checked) return checked.error();
        out[f.name] = std::move(*checked);
    }
    return out;
}

}  // namespace alur
