#include "alur/workflows/legal_bases.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <set>
#include <stdexcept>

namespace alur::rules {

namespace detail {
std::string_view legal_bases_json();  // generated from legal_bases.json
}  // namespace detail

namespace {

namespace json = boost::json;
using std::chrono::sys_days;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::logic_error("legal_bases.json: " + where + ": " + what);
}

std::string text_at(const json::object& o, std::string_view key, const std::string& where, bool required = true) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
        if (required) fail(where, "missing " + std::string(key));
        return {};
    }
    if (!v->is_string()) fail(where, std::string(key) + " must be a string");
    return std::string(v->get_string());
}

std::optional<Date> date_at(const json::object& o, std::string_view key, const std::string& where) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) fail(where, std::string(key) + " must be a date or null");
    auto d = parse_date(std::string_view(v->get_string()));
    if (!d) fail(where, std::string(key) + ": " + d.error().message);
    return *d;
}

LegalBasis basis_of(const json::value& v, const std::string& where) {
    if (!v.is_object()) fail(where, "a basis must be an object");
    const json::object& o = v.get_object();
    LegalBasis b;
    b.from = date_at(o, "from", where);
    b.until = date_at(o, "until", where);
    b.cite = text_at(o, "cite", where);
    if (b.cite.empty()) fail(where, "cite is empty");
    b.instrument = text_at(o, "instrument", where);
    b.article = text_at(o, "article", where, false);
    b.source = text_at(o, "source", where, false);
    b.note = text_at(o, "note", where, false);
    if (const json::value* verified = o.if_contains("verified")) {
        if (!verified->is_bool()) fail(where, "verified must be true or false");
        b.verified = verified->get_bool();
    }
    if (b.from && b.until && sys_days{*b.until} < sys_days{*b.from}) fail(where, "until lies before from");
    return b;
}

}  // namespace

bool LegalBasis::in_force_on(Date d) const {
    return (!from || sys_days{d} >= sys_days{*from}) && (!until || sys_days{d} <= sys_days{*until});
}

std::vector<Rule> parse_registry(std::string_view json_text) {
    json::value root;
    try {
        root = json::parse(json_text);
    } catch (const std::exception& e) {
        fail("(file)", std::string("not JSON: ") + e.what());
    }
    const json::object* top = root.if_object();
    const json::value* list = top ? top->if_contains("rules") : nullptr;
    if (!list || !list->is_array()) fail("(file)", "expected an object with an array \"rules\"");
    std::vector<Rule> out;
    std::set<std::string, std::less<>> ids;
    for (const json::value& v : list->get_array()) {
        const std::string where = "rules[" + std::to_string(out.size()) + "]";
        if (!v.is_object()) fail(where, "a rule must be an object");
        const json::object& o = v.get_object();
        Rule r;
        r.id = text_at(o, "id", where);
        const std::string at = where + " (" + r.id + ")";
        if (!ids.insert(r.id).second) fail(at, "id given twice");
        r.title = text_at(o, "title", at);
        r.summary = text_at(o, "summary", at);
        r.kind = text_at(o, "kind", at);
        if (r.kind != "law" && r.kind != "policy") fail(at, "kind must be law or policy");
        const json::value* bases = o.if_contains("bases");
        if (!bases || !bases->is_array() || bases->get_array().empty()) fail(at, "needs at least one basis");
        for (const json::value& b : bases->get_array()) {
            const std::string bw = at + ".bases[" + std::to_string(r.bases.size()) + "]";
            LegalBasis basis = basis_of(b, bw);
            if (!r.bases.empty()) {
                const LegalBasis& prev = r.bases.back();
                if (!prev.until || !basis.from || sys_days{*basis.from} <= sys_days{*prev.until})
                    fail(bw, "overlaps the period before it (periods must be in order and not overlap)");
            }
            r.bases.push_back(std::move(basis));
        }
        out.push_back(std::move(r));
    }
    return out;
}

const std::vector<Rule>& registry() {
    static const std::vector<Rule> rules = parse_registry(detail::legal_bases_json());
    return rules;
}

const Rule* find_rule(std::string_view id) {
    for (const Rule& r : registry())
        if (r.id == id) return &r;
    return nullptr;
}

const LegalBasis& basis_on(const Rule& rule, Date d) {
    for (const LegalBasis& b : rule.bases)
        if (b.in_force_on(d)) return b;
    // A day in a gap between two periods gets the last period that began on
    // or before it; a day before the first period gets the first.
    const LegalBasis* best = &rule.bases.front();
    for (const LegalBasis& b : rule.bases)
        if (b.from && sys_days{*b.from} <= sys_days{d}) best = &b;
    return *best;
}

std::string cite(std::string_view id, Date d) {
    const Rule* r = find_rule(id);
    if (!r) throw std::logic_error("rules::cite: no rule '" + std::string(id) + "' in legal_bases.json");
    return basis_on(*r, d).cite;
}

}  // namespace alur::rules
