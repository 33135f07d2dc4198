#include "alur/reports/applicants.hpp"

#include "alur/reports/json_text.hpp"
#include "alur/i18n/citation.hpp"
#include "alur/i18n/labels.hpp"
#include "alur/i18n/page_strings.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/selection_reasons.hpp"

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

/// The reason `f` in Indonesian, ending with `cite` (already in Indonesian) when it is not empty.
std::string indonesian_text(const open_selection::RequirementFailure& f, const std::string& cite) {
    const std::string kind = f.kind == "age_above" && f.on_closing_day ? "age_above_closing" : f.kind;
    const auto* row = i18n::find_page_string("selection_reason_" + kind);
    if (!row) return open_selection::failure_text(f, cite);
    const auto level = [](const std::string& e) { return e == "S1" ? "S1/D-IV" : e == "D-IV" ? "D-IV/S1" : e; };
    const std::string stated = f.kind == "disciplinary" ? i18n::label(f.stated, i18n::Lang::id) : f.stated;
    const std::string required = f.kind.starts_with("education") ? level(f.required) : f.required;
    std::string out = i18n::fill(row->id, {stated, required, i18n::number_text(f.years, i18n::Lang::id),
                                           i18n::number_text(f.min_years, i18n::Lang::id), std::to_string(f.age),
                                           f.age_on.ok() ? i18n::agency_date(f.age_on) : std::string(),
                                           i18n::number_text(f.max_age, i18n::Lang::id)});
    return cite.empty() ? out : out + " (" + cite + ")";
}

/// What `f` says as data: its kind's values.
json::object values_json(const open_selection::RequirementFailure& f) {
    json::object v;
    const std::string_view k = f.kind;
    if (k == "rank_below" || k == "education_below" || k == "disciplinary") v["stated"] = f.stated;
    if (k == "rank_below" || k.starts_with("education")) v["required"] = f.required;
    if (k == "years_in_post_below" || k.starts_with("related_experience") || k.starts_with("admin_post")) {
        if (k.ends_with("_below")) v["years"] = f.years;
        v["min_years"] = f.min_years;
    }
    if (k == "age_above") {
        v["age"] = f.age;
        v["max_age"] = f.max_age;
        v["age_on"] = format_date(f.age_on);
        v["on_closing_day"] = f.on_closing_day;
    }
    return v;
}

/// Why a failed applicant fails, each with what it rests on: the art. 107
/// checks end with their citation (snapshot by administrative_completed);
/// the rest are the announcement's own requirements. A reason the workflow's
/// judgement on the stored data gives again, byte for byte, also carries its
/// kind and values and its text in Indonesian; any other (a withdrawal's own
/// words, a reason stored by an older version) reads the same in both.
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
    const std::vector<open_selection::RequirementFailure> judged =
        status == "withdrawn" ? std::vector<open_selection::RequirementFailure>{}
                              : open_selection::recorded_failures(data, applicant);
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
        std::string id = text;
        reason["kind"] = status == "withdrawn" ? "withdrawal" : "other";
        for (const auto& f : judged) {
            const bool cited = f.rule == "jpt_pratama_requirements" && !statutory.empty() &&
                               open_selection::failure_text(f, statutory) == text;
            if (!cited && open_selection::failure_text(f) != text) continue;
            reason["kind"] = f.kind;
            reason["values"] = values_json(f);
            id = indonesian_text(f, cited ? i18n::citation_text(statutory, i18n::Lang::id) : std::string());
            break;
        }
        const std::string cite(reason.at("cite").as_string());
        reason["cite_text"] = json::object{
            {"id", reason.at("rule") == "jpt_pratama_requirements" ? i18n::citation_text(cite, i18n::Lang::id)
                   : cite.starts_with("the announcement")             ? "pengumuman" + cite.substr(16)
                                                                      : cite},
            {"en", cite}};
        reason["reason_text"] = json::object{{"id", id}, {"en", text}};
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
