#include "case_data.hpp"

#include <boost/json/value.hpp>

namespace alur::workflows {

namespace json = boost::json;

std::string text(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

json::object& obj(json::object& data, std::string_view key) {
    json::value& v = data[key];
    if (!v.is_object()) v = json::object();
    return v.get_object();
}

json::array& arr(json::object& data, std::string_view key) {
    json::value& v = data[key];
    if (!v.is_array()) v = json::array();
    return v.get_array();
}

const json::object* find_obj(const json::object& data, std::string_view key) {
    const json::value* v = data.if_contains(key);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

const json::array* find_arr(const json::object& data, std::string_view key) {
    const json::value* v = data.if_contains(key);
    return v && v->is_array() ? &v->get_array() : nullptr;
}

double number(const json::value& v) { return v.is_double() ? v.get_double() : v.to_number<double>(); }

Date date_of(const json::object& o, std::string_view key) {
    auto d = parse_date(text(o, key));
    return d ? *d : Date{};
}

std::string official_subject(const json::object& data, std::string_view key) {
    const json::object* o = find_obj(data, key);
    if (!o) return {};
    std::string name = text(*o, "name"), nip = text(*o, "nip");
    return nip.empty() ? name : name + " (NIP " + nip + ")";
}

CaseSummary official_summary(const json::object& data, std::string_view key) {
    const json::object* o = find_obj(data, key);
    if (!o) return {};
    return {text(*o, "unit"), text(*o, "nip"), official_subject(data, key)};
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

json::object profile_json(const rules::ScoringProfile& p) {
    json::object weights;
    for (const auto& [c, w] : p.weights) weights[c] = w;
    json::array items;
    for (const auto& i : p.record_items) items.emplace_back(i);
    return {{"name", p.name},
            {"weights", weights},
            {"keep_at", p.keep_at},
            {"rotate_at", p.rotate_at},
            {"record_items", std::move(items)},
            {"interviews", p.interviews},
            {"rt_head_interviews", p.rt_head_interviews}};
}

rules::ScoringProfile profile_at(const json::object& data, std::string_view key) {
    rules::ScoringProfile p;
    if (const json::object* stored = find_obj(data, key)) {
        p.name = text(*stored, "name");
        if (const json::object* w = find_obj(*stored, "weights"))
            for (const auto& kv : *w) p.weights[std::string(kv.key())] = number(kv.value());
        if (auto* k = stored->if_contains("keep_at")) p.keep_at = number(*k);
        if (auto* r = stored->if_contains("rotate_at")) p.rotate_at = number(*r);
        // A profile snapshot before these were part of it: today's practice.
        if (const json::array* items = find_arr(*stored, "record_items")) {
            p.record_items.clear();
            for (const auto& i : *items)
                if (i.is_string()) p.record_items.emplace_back(i.get_string());
        }
        if (auto* n = stored->if_contains("interviews")) p.interviews = static_cast<int>(number(*n));
        if (auto* n = stored->if_contains("rt_head_interviews")) p.rt_head_interviews = static_cast<int>(number(*n));
    }
    return p;
}

std::map<std::string, double> scores_of(const json::object* scores) {
    std::map<std::string, double> values;
    if (scores)
        for (const auto& kv : *scores) values[std::string(kv.key())] = number(kv.value());
    return values;
}

json::object window_json(const rules::ElectionWindow& w) {
    json::object o{{"label", w.label}, {"from", format_date(w.from)}, {"until", format_date(w.until)}, {"rule", w.rule}};
    if (!w.rule_id.empty()) o["rule_id"] = w.rule_id;
    return o;
}

rules::ElectionWindow window_of(const json::object& w) {
    return {text(w, "label"), date_of(w, "from"), date_of(w, "until"), text(w, "rule"), text(w, "rule_id")};
}

boost::json::object official_fields(const boost::json::object& from, bool with_birth_date) {
    boost::json::object out;
    for (const char* key : {"nip", "name", "grade", "post", "unit", "inaugurated_at", "birth_date"}) {
        if (!with_birth_date && std::string_view(key) == "birth_date") continue;
        if (const boost::json::value* v = from.if_contains(key)) out[key] = *v;
    }
    return out;
}

}  // namespace alur::workflows
