// A refusal's message read back into its parts, and the sentence for a person
// (refusal.hpp). The message formats read here are the engine's
// (engine/src/pipeline.cpp, correction.cpp) and the MSM machine's
// (workflows/src/msm_machine.hpp); tests/adapters/catalog_test.cpp holds one
// real refusal of each kind, so a changed format fails there.
#include "alur/i18n/refusal.hpp"

#include "alur/i18n/citation.hpp"

#include "alur/i18n/labels.hpp"
#include "alur/i18n/page_strings.hpp"
#include "alur/i18n/rule_texts.hpp"
#include "alur/workflows/legal_bases.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace alur::i18n {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool is_name(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        const auto comma = s.find(", ");
        out.emplace_back(s.substr(0, comma));
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 2);
    }
    return out;
}

/// Where several rules share a citation (one regulation for several rules of
/// the open selection), the event the rule guards settles it.
struct Guarded {
    std::string_view rule;
    std::array<std::string_view, 3> events;
};
constexpr Guarded guarded_events[] = {
    {"open_selection_registration", {"applicant_registered"}},
    {"open_selection_extension", {"registration_extended"}},
    {"open_selection_min_applicants", {"registration_closed", "administrative_completed", "shortlist_set"}},
    {"open_selection_continuation", {"continuation_approved"}},
    {"open_selection_shortlist", {"ppk_chose"}},
    {"open_selection_job_fit", {"filled_by_job_fit"}},
    {"open_selection_pansel", {"pansel_formed"}},
};

bool guards(std::string_view rule, std::string_view event) {
    for (const auto& g : guarded_events)
        if (g.rule == rule) return std::find(g.events.begin(), g.events.end(), event) != g.events.end();
    return false;
}

/// Guards whose refusal names no citation but applies a rule of the
/// registry: the start of the reason they give, and the rule.
struct Uncited {
    std::string_view reason_starts;
    std::string_view rule;
};
constexpr Uncited uncited_reasons[] = {
    {"record gathering is incomplete", "mutation_records"},
    {"the field visit needs at least", "mutation_records"},
    {"no recommendation was requested yet", "oversight_recommendation"},
    {"the performance contract's targets must have weights", "performance_contract"},
    {"the development plan has no upgrading", "development_plan"},
};

/// "<event> refused in <state>: <reason>" anywhere in `m` (also inside a
/// correction's or a follow-up's message): the innermost such part.
bool read_guard(std::string_view m, Refusal& r) {
    static constexpr std::string_view refused_in = " refused in ";
    const auto at = m.rfind(refused_in);
    if (at == std::string_view::npos) return false;
    auto start = m.find_last_of(' ', at == 0 ? 0 : at - 1);
    start = start == std::string_view::npos ? 0 : start + 1;
    const std::string_view event = m.substr(start, at - start);
    const std::string_view rest = m.substr(at + refused_in.size());
    const auto colon = rest.find(": ");
    const std::string_view state = rest.substr(0, colon);
    if (!is_name(event) || !is_name(state)) return false;
    r.event = event;
    r.state = state;
    if (colon != std::string_view::npos) r.reason = rest.substr(colon + 2);
    return true;
}

std::string capitalized(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string joined_labels(const std::vector<std::string>& names, Lang lang) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + label(n, lang);
    return out;
}

}  // namespace

std::optional<Citation> find_citation(std::string_view text, std::string_view event) {
    std::size_t best_at = std::string_view::npos;
    std::string best_cite;
    std::vector<std::string> rules;  // every rule citing best_cite
    for (const auto& rule : rules::registry()) {
        for (const auto& basis : rule.bases) {
            const auto at = text.find(basis.cite);
            if (at == std::string_view::npos) continue;
            if (at < best_at || (at == best_at && basis.cite.size() > best_cite.size())) {
                best_at = at;
                best_cite = basis.cite;
                rules = {rule.id};
            } else if (at == best_at && basis.cite == best_cite &&
                       std::find(rules.begin(), rules.end(), rule.id) == rules.end()) {
                rules.push_back(rule.id);
            }
        }
    }
    if (best_at == std::string_view::npos) return std::nullopt;
    Citation c{{}, best_cite};
    if (rules.size() == 1) {
        c.rule = rules.front();
    } else {
        for (const auto& id : rules)
            if (guards(id, event)) c.rule = id;
    }
    return c;
}

std::optional<Refusal> explain_refusal(const Error& e) {
    if (e.code != errc::refused && e.code != errc::forbidden) return std::nullopt;
    const std::string_view m = e.message;
    Refusal r;
    if (e.code == errc::forbidden) {
        static constexpr std::string_view timers = " is submitted only by the engine's own timers";
        if (starts_with(m, "role '")) {
            r.kind = "role";
            const auto quote = m.find('\'', 6);
            static constexpr std::string_view may_not = "' may not submit ";
            if (quote != std::string_view::npos && m.substr(quote, may_not.size()) == may_not) {
                r.role = m.substr(6, quote - 6);
                std::string_view rest = m.substr(quote + may_not.size());
                const auto space = rest.find(' ');
                r.event = rest.substr(0, space);
                static constexpr std::string_view allowed = " (allowed: ";
                if (space != std::string_view::npos && rest.substr(space, allowed.size()) == allowed) {
                    std::string_view list = rest.substr(space + allowed.size());
                    if (!list.empty() && list.back() == ')') list.remove_suffix(1);
                    if (list != "no role") r.allowed = split_list(list);
                }
            }
        } else if (m.size() > timers.size() && m.substr(m.size() - timers.size()) == timers) {
            r.kind = "engine_only";
            r.event = m.substr(0, m.size() - timers.size());
        } else {
            r.kind = "other";
        }
        return r;
    }
    if (starts_with(m, "no transition from ")) {
        std::string_view rest = m.substr(19);
        const auto on = rest.find(" on ");
        if (on != std::string_view::npos) {
            r.state = rest.substr(0, on);
            rest = rest.substr(on + 4);
            const auto paren = rest.find(" (");
            r.event = rest.substr(0, paren);
            std::string_view why = paren == std::string_view::npos ? std::string_view{} : rest.substr(paren + 2);
            if (!why.empty() && why.back() == ')') why.remove_suffix(1);
            if (why.find(" is final") != std::string_view::npos) {
                r.kind = "final";
                static constexpr std::string_view takes = "it only takes ";
                if (const auto t = why.find(takes); t != std::string_view::npos)
                    r.allowed = split_list(why.substr(t + takes.size()));
            } else {
                r.kind = "no_transition";
                static constexpr std::string_view allowed = "allowed now: ";
                if (starts_with(why, allowed)) r.allowed = split_list(why.substr(allowed.size()));
            }
        } else {
            r.kind = "no_transition";
        }
        return r;
    }
    if (starts_with(m, "corrected: ") || starts_with(m, "the correction of event ")) {
        r.kind = "correction";
        r.event = "corrected";
    } else if (m.find(", which is refused: ") != std::string_view::npos ||
               m.find(" case that is refused: ") != std::string_view::npos) {
        r.kind = "follow_up";
        r.event = m.substr(0, m.find(' '));
    } else if (starts_with(m, "a case is opened with ")) {
        r.kind = "not_open_event";
        if (const auto n = m.rfind(", not "); n != std::string_view::npos) r.event = m.substr(n + 6);
    } else if (starts_with(m, "case ") && m.size() > 16 && m.substr(m.size() - 16) == " is already open") {
        r.kind = "already_open";
    } else {
        r.kind = "other";
    }
    Refusal inner;
    const bool guard = read_guard(m, inner);
    if (r.kind == "other" && guard) {
        r.kind = "guard";
        r.event = inner.event;
        r.state = inner.state;
    } else if (guard && r.state.empty()) {
        r.state = inner.state;  // the state the inner event was refused in (the linked case's)
    }
    if (guard) r.reason = inner.reason;
    if (auto c = find_citation(m, guard ? std::string_view(inner.event) : std::string_view(r.event))) {
        r.rule = std::move(c->rule);
        r.basis = std::move(c->basis);
    } else if (guard) {
        for (const auto& u : uncited_reasons) {
            if (!starts_with(inner.reason, u.reason_starts)) continue;
            r.rule = u.rule;
            // Without the act's date, the basis only when the rule has one for every date.
            if (const auto* rule = rules::find_rule(u.rule); rule && rule->bases.size() == 1)
                r.basis = rule->bases.front().cite;
        }
    }
    return r;
}

std::string refusal_sentence(const Refusal& r, Lang lang) {
    auto text = [lang](std::string_view key) -> std::string_view {
        const PageString* s = find_page_string(key);
        if (!s) return key;
        return lang == Lang::en ? s->en : s->id;
    };
    const std::string event = capitalized(r.event.empty() ? std::string(text("refused")) : label(r.event, lang));
    const std::string state = label(r.state, lang);
    const RuleText* rule = r.rule.empty() ? nullptr : find_rule_text(r.rule);
    const std::string title = rule ? (lang == Lang::en ? rule->title_en : rule->title_id) : std::string();
    const std::string next = rule ? (lang == Lang::en ? rule->what_to_do_en : rule->what_to_do_id) : std::string();
    const std::string allowed = joined_labels(r.allowed, lang);
    const std::string role = label(r.role, lang);
    std::string_view key = "refusal_other";
    if (r.kind == "guard" || r.kind == "follow_up" || r.kind == "correction")
        key = rule && !r.state.empty() ? "refusal_guard" : r.state.empty() ? "refusal_other" : "refusal_guard_no_rule";
    else if (r.kind == "no_transition" && !r.state.empty())
        key = "refusal_no_transition";
    else if (r.kind == "final" && !r.state.empty())
        key = "refusal_final";
    else if (r.kind == "role" && !r.role.empty())
        key = "refusal_role";
    return fill(text(key), {event, state, title, citation_text(r.basis, lang), next, allowed, role});
}

}  // namespace alur::i18n
