#include "alur/engine/workflow.hpp"
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

std::string shown(const boost::json::value& v) { return boost::json::serialize(v); }

std::string shown(double x) {
    if (x == std::floor(x) && std::abs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    return boost::json::serialize(boost::json::value(x));
}

Result<boost::json::value> check_field(const EventSpec& spec, const FieldSpec& f, const boost::json::value& v) {
    switch (f.type) {
        case FieldType::string:
            if (v.is_string()) {
                if (v.get_string().empty()) return field_error(spec, f, "must not be empty");
                return v;
            }
            if (v.is_number() || v.is_bool()) return boost::json::value(boost::json::serialize(v));
            return field_error(spec, f, "must be text (got " + shown(v) + ")");
        case FieldType::date: {
            if (!v.is_string()) return field_error(spec, f, "must be a date YYYY-MM-DD (got " + shown(v) + ")");
            auto d = parse_date(std::string_view(v.get_string()));
            if (!d) return field_error(spec, f, "must be a real date YYYY-MM-DD (got " + shown(v) + ")");
            return boost::json::value(format_date(*d));
        }
        case FieldType::integer:
        case FieldType::number: {
            double x = 0;
            if (v.is_int64()) x = static_cast<double>(v.get_int64());
            else if (v.is_uint64()) x = static_cast<double>(v.get_uint64());
            else if (v.is_double()) x = v.get_double();
            else return field_error(spec, f, std::string("must be a ") + to_string(f.type) + " (got " + shown(v) + ")");
            if (!std::isfinite(x)) return field_error(spec, f, "must be a finite number");
            if (f.type == FieldType::integer && x != std::floor(x))
                return field_error(spec, f, "must be a whole number (got " + shown(v) + ")");
            if (f.bounded && (x < f.min || x > f.max))
                return field_error(spec, f,
                                   "must be between " + shown(f.min) + " and " + shown(f.max) + " (got " + shown(v) + ")");
            if (f.type == FieldType::integer) return boost::json::value(static_cast<std::int64_t>(x));
            return v;
        }
        case FieldType::choice: {
            std::string s = v.is_string() ? std::string(v.get_string()) : shown(v);
            if (std::find(f.choices.begin(), f.choices.end(), s) == f.choices.end())
                return field_error(spec, f, "must be one of " + join(f.choices) + " (got " + shown(v) + ")");
            return boost::json::value(s);
        }
        case FieldType::object:
            if (!v.is_object()) return field_error(spec, f, "must be a JSON object (got " + shown(v) + ")");
            return v;
    }
    return v;
}

}  // namespace

Result<boost::json::object> validate_payload(const EventSpec& spec, const boost::json::object& payload) {
    for (const auto& kv : payload) {
        bool known = std::any_of(spec.fields.begin(), spec.fields.end(),
                                 [&](const FieldSpec& f) { return f.name == kv.key(); });
        if (!known)
            return make_error(errc::invalid_input,
                              spec.name + ": unknown field '" + std::string(kv.key()) + "' (fields: " +
                                  field_names(spec) + ")",
                              std::string(kv.key()));
    }
    boost::json::object out;
    for (const auto& f : spec.fields) {
        const boost::json::value* v = payload.if_contains(f.name);
        if (!v || v->is_null()) {
            if (f.required) return field_error(spec, f, "is required");
            continue;
        }
        auto checked = check_field(spec, f, *v);
        if (!checked) return checked.error();
        out[f.name] = std::move(*checked);
    }
    return out;
}

}  // namespace alur
