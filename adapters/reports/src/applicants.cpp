#include "alur/reports/applicants.hpp"

#include "alur/reports/json_text.hpp"
#include "alur/workflows/legal_bases.hpp"

#include <algorithm>

namespace alur::reports {
namespace json = boost::json;

namespace {

const json::object* object_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

std::string string_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

json::value number_or_null(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_number() ? *v : json::value(nullptr);
}

/// Why a failed applicant fails, each with what it rests on: the art. 107
/// checks end with their citation (snapshot by administrative_completed);
/// the rest are the announcement's own requirements.
json::array reasons_json(const json::object& data, const json::object& applicant) {
    json::array out;
    const json::value* listed = applicant.if_contains("reasons");
    if (!listed || !listed->is_array()) return out;
    const std::string status = string_at(applicant, "status");
    std::string statutory;  // the citation the art. 107 reasons end with
    if (const json::object* admin = object_at(data, "administrative"))
        if (auto on = parse_date(string_at(*admin, "checked_on")))
            statutory = rules::cite("jpt_pratama_requirements", *on);
    std::string announcement = "the announcement";
    if (const json::object* a = object_at(data, "announcement"); a && !string_at(*a, "ref").empty())
        announcement += " " + string_at(*a, "ref");
    for (const auto& r : listed->get_array()) {
        if (!r.is_string()) continue;
        const std::string text(r.get_string());
        json::object reason{{"text", text}};
        if (status == "withdrawn") {
            reason["rule"] = "withdrawal";
            reason["cite"] = "";
        } else if (!statutory.empty() && text.ends_with(" (" + statutory + ")")) {
            reason["rule"] = "jpt_pratama_requirements";
            reason["cite"] = statutory;
        } else {
            reason["rule"] = "announcement";
            reason["cite"] = announcement;
        }
        out.push_back(std::move(reason));
    }
    return out;
}

const json::object* find_applicant(const SelectionView& view, std::string_view nip) {
    for (const auto& a : view.applicants)
        if (a.is_object() && string_at(a.get_object(), "nip") == nip) return &a.get_object();
    return nullptr;
}

}  // namespace

bool is_selection(const CaseRecord& record) { return record.workflow == "open_selection"; }

SelectionView selection_view(CaseRecord record) {
    SelectionView view;
    const json::value parsed = parse_stored(record.data.empty() ? "{}" : record.data);
    if (parsed.is_object()) view.data = parsed.get_object();
    view.record = std::move(record);
    if (const json::value* listed = view.data.if_contains("applicants"); listed && listed->is_array())
        view.applicants = listed->get_array();
    if (const json::object* profile = object_at(view.data, "scoring_profile"))
        if (const json::object* weights = object_at(*profile, "weights"))
            for (const auto& kv : *weights) view.components.emplace_back(kv.key());
    std::sort(view.components.begin(), view.components.end());
    return view;
}

json::object applicant_json(const SelectionView& view, const json::object& applicant) {
    json::object out = applicant;
    out["reasons"] = reasons_json(view.data, applicant);
    json::object scores;
    const json::object* stored = object_at(applicant, "scores");
    for (const auto& c : view.components) scores[c] = stored ? number_or_null(*stored, c) : json::value(nullptr);
    out["scores"] = std::move(scores);
    out["total"] = number_or_null(applicant, "total");
    out["ranking"] = number_or_null(applicant, "ranking");
    return out;
}

json::array shortlist_json(const SelectionView& view) {
    json::array out;
    const json::value* listed = view.data.if_contains("shortlist");
    if (!listed || !listed->is_array()) return out;
    std::int64_t place = 0;
    for (const auto& nip : listed->get_array()) {
        ++place;
        if (!nip.is_string()) continue;
        json::object entry{{"place", place}, {"nip", nip}};
        if (const json::object* a = find_applicant(view, nip.get_string())) {
            entry["name"] = string_at(*a, "name");
            entry["current_post"] = string_at(*a, "current_post");
            entry["status"] = string_at(*a, "status");
            entry["total"] = number_or_null(*a, "total");
            entry["ranking"] = number_or_null(*a, "ranking");
        }
        out.push_back(std::move(entry));
    }
    return out;
}

json::value chosen_json(const SelectionView& view) {
    if (const json::object* choice = object_at(view.data, "choice")) return *choice;
    return nullptr;
}

json::object applicants_json(const SelectionView& view) {
    json::array applicants, components;
    for (const auto& a : view.applicants)
        if (a.is_object()) applicants.push_back(applicant_json(view, a.get_object()));
    for (const auto& c : view.components) components.push_back(json::string(c));
    json::value requirements = nullptr, closes = nullptr;
    if (const json::object* r = object_at(view.data, "requirements")) requirements = *r;
    if (const json::object* reg = object_at(view.data, "registration"))
        if (const json::value* c = reg->if_contains("closes")) closes = *c;
    return {{"case", view.record.id},
            {"workflow", view.record.workflow},
            {"state", view.record.state},
            {"version", view.record.version},
            {"post", string_at(view.data, "post")},
            {"unit", string_at(view.data, "unit")},
            {"components", std::move(components)},
            {"requirements", std::move(requirements)},
            {"registration_closes", std::move(closes)},
            {"applicants", std::move(applicants)},
            {"shortlist", shortlist_json(view)},
            {"chosen", chosen_json(view)}};
}

json::object selection_shortlist_json(const SelectionView& view) {
    return {{"case", view.record.id},
            {"state", view.record.state},
            {"version", view.record.version},
            {"shortlist", shortlist_json(view)},
            {"chosen", chosen_json(view)}};
}

}  // namespace alur::reports
