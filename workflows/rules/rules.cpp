#include "alur/workflows/rules.hpp"

#include "alur/workflows/legal_bases.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace alur::rules {

const std::vector<std::string>& grades() {
    static const std::vector<std::string> all{"jpt_utama", "jpt_madya",  "jpt_pratama", "administrator",
                                              "pengawas",  "fungsional", "pelaksana"};
    return all;
}

bool is_jpt(std::string_view grade) {
    return grade == "jpt_utama" || grade == "jpt_madya" || grade == "jpt_pratama";
}

namespace {

std::string listed(const std::vector<std::string>& items) {
    std::string all;
    for (const auto& k : items) all += (all.empty() ? "" : ", ") + k;
    return all;
}

}  // namespace

bool is_jpt_madya_utama(std::string_view grade) { return grade == "jpt_utama" || grade == "jpt_madya"; }

std::vector<std::string> recommendation_grades(Date) { return {"jpt_utama", "jpt_madya", "jpt_pratama"}; }

std::vector<std::string> presidential_grades(Date) { return {"jpt_utama", "jpt_madya"}; }

const std::vector<std::string>& record_item_names() {
    static const std::vector<std::string> items{"career_history", "achievements",  "skp",
                                                "edijab",         "competency_test", "superior_recommendation",
                                                "neutrality",     "discipline"};
    return items;
}

ScoringProfile bengkulu_2021() {
    return ScoringProfile{"bengkulu_2021",
                          {{"paper", 20}, {"interview", 20}, {"track_record", 30}, {"performance_contract", 30}},
                          80,
                          68};
}

ScoringProfile meranti_2022() {
    return ScoringProfile{"meranti_2022",
                          {{"assessment_center", 25}, {"paper", 20}, {"interview", 35}, {"track_record", 20}},
                          80,
                          68};
}

ScoringProfile open_selection_2019() {
    return ScoringProfile{"open_selection_2019",
                          {{"assessment_center", 40}, {"paper", 10}, {"interview", 30}, {"track_record", 20}},
                          80,
                          68};
}

std::map<std::string, ScoringProfile> shipped_profiles() {
    std::map<std::string, ScoringProfile> out;
    for (auto p : {bengkulu_2021(), meranti_2022(), open_selection_2019()}) out.emplace(p.name, p);
    return out;
}

Result<void> check_profile(const ScoringProfile& p) {
    if (p.weights.empty())
        return make_error(errc::invalid_input, "profile " + p.name + " has no weights", "weights");
    double sum = 0;
    for (const auto& [component, weight] : p.weights) {
        if (!(weight > 0 && weight <= 100))
            return make_error(errc::invalid_input,
                              "weight of " + component + " must be above 0 and at most 100 (got " +
                                  std::to_string(weight) + ")",
                              "weights");
        sum += weight;
    }
    if (std::abs(sum - 100) > 1e-9) {
        auto shown = std::to_string(sum);
        shown.erase(shown.find_last_not_of('0') + 1);
        if (!shown.empty() && shown.back() == '.') shown.pop_back();
        return make_error(errc::invalid_input, "weights must sum to 100 (got " + shown + ")", "weights");
    }
    if (p.keep_at < 0 || p.keep_at > 100)
        return make_error(errc::invalid_input, "keep_at must be between 0 and 100", "keep_at");
    if (p.rotate_at < 0 || p.rotate_at > 100)
        return make_error(errc::invalid_input, "rotate_at must be between 0 and 100", "rotate_at");
    if (p.rotate_at > p.keep_at)
        return make_error(errc::invalid_input, "rotate_at must not be above keep_at", "rotate_at");
    std::set<std::string, std::less<>> seen;
    const auto& known = record_item_names();
    for (const auto& item : p.record_items) {
        if (std::find(known.begin(), known.end(), item) == known.end())
            return make_error(errc::invalid_input, "record item \"" + item + "\" is not one of " + listed(known),
                              "record_items");
        if (!seen.insert(item).second)
            return make_error(errc::invalid_input, "record item \"" + item + "\" is listed twice", "record_items");
    }
    if (p.interviews < 0 || p.interviews > 50)
        return make_error(errc::invalid_input, "interviews must be between 0 and 50", "interviews");
    if (p.rt_head_interviews < 0 || p.rt_head_interviews > p.interviews)
        return make_error(errc::invalid_input, "rt_head_interviews must be between 0 and interviews", "rt_head_interviews");
    return {};
}

ScoreResult score(const ScoringProfile& p, const std::map<std::string, double>& values) {
    double total = 0;
    for (const auto& [component, weight] : p.weights) {
        auto it = values.find(component);
        if (it != values.end()) total += weight * it->second / 100.0;
    }
    total = std::round(total * 100.0) / 100.0;
    std::string outcome = total >= p.keep_at ? "keep" : total >= p.rotate_at ? "rotate" : "develop";
    return {total, outcome};
}

std::optional<std::string> two_year_lock(std::string_view grade, Date inaugurated, Date decided,
                                         const LockExceptions& e) {
    if (!is_jpt(grade)) return std::nullopt;
    Date free_from = add_years(inaugurated, 2);
    if (std::chrono::sys_days{decided} >= std::chrono::sys_days{free_from}) return std::nullopt;
    if (e.legal_violation && e.requirements_unmet) return std::nullopt;
    const bool president = is_jpt_madya_utama(grade);
    if (president && e.presidential_approval) return std::nullopt;
    std::string missing;
    if (!e.legal_violation) missing += "legal_violation";
    if (!e.requirements_unmet) missing += std::string(missing.empty() ? "" : " and ") + "requirements_unmet";
    std::string text = cite("jpt_two_year_lock", decided) + ": JPT inaugurated " + format_date(inaugurated) +
                       " may not be moved before " + format_date(free_from) + " (decision dated " +
                       format_date(decided) +
                       ") unless a legal violation and unmet job requirements are both recorded (missing "
                       "exception_recorded: " +
                       missing + ")";
    if (president)
        text += ", or the President's approval of an earlier move is recorded (exception_recorded kind "
                "presidential_approval; " +
                cite("jpt_early_move_presidential_approval", decided) + ")";
    else if (e.presidential_approval)
        text += "; the President's approval of an earlier move is a way through for JPT utama and madya only (" +
                cite("jpt_early_move_presidential_approval", decided) + ")";
    return text;
}

std::optional<std::string> two_year_lock(std::string_view grade, Date inaugurated, Date decided,
                                         bool legal_violation, bool requirements_unmet) {
    return two_year_lock(grade, inaugurated, decided, LockExceptions{legal_violation, requirements_unmet, false});
}

ElectionWindow window_from_determination(std::string label, Date determination, Date until) {
    const Date from = add_months(determination, -6);
    return ElectionWindow{std::move(label), from, until, cite("election_window_determination", from),
                          "election_window_determination"};
}

ElectionWindow window_from_head_inauguration(std::string label, Date inaugurated) {
    Date last = Date{std::chrono::sys_days{add_months(inaugurated, 6)} - std::chrono::days{1}};
    return ElectionWindow{std::move(label), inaugurated, last, cite("election_window_new_head", inaugurated),
                          "election_window_new_head"};
}

std::optional<ElectionWindow> window_containing(const std::vector<ElectionWindow>& windows, Date d) {
    auto day = std::chrono::sys_days{d};
    for (const auto& w : windows)
        if (day >= std::chrono::sys_days{w.from} && day <= std::chrono::sys_days{w.until}) return w;
    return std::nullopt;
}

std::string election_window_refusal(const ElectionWindow& w, Date decided, std::string_view act) {
    // A window snapshot by an earlier version names its rule by text only.
    std::string id = w.rule_id;
    if (id.empty()) id = w.rule.find("162") != std::string::npos ? "election_window_new_head" : "election_window_determination";
    return cite(id, decided) + ": " + std::string(act) + " dated " + format_date(decided) + " falls in the window '" + w.label +
           "' (" + format_date(w.from) + " to " + format_date(w.until) +
           ") and needs the Minister of Home Affairs' written approval (record ministerial_approval_recorded first)";
}

std::vector<OversightBody> bodies_from_switch(Date switch_date) {
    const Date last_kasn{std::chrono::sys_days{switch_date} - std::chrono::days{1}};
    return {OversightBody{"KASN", std::nullopt, last_kasn}, OversightBody{"BKN", switch_date, std::nullopt}};
}

std::vector<OversightBody> default_oversight_bodies() { return bodies_from_switch(default_oversight_switch()); }

std::optional<std::string> check_bodies(const std::vector<OversightBody>& bodies) {
    using std::chrono::sys_days;
    if (bodies.empty()) return "the list of oversight bodies is empty";
    if (bodies.front().from)
        return "the first body (" + bodies.front().name + ") must have no from date (it covers everything before)";
    if (bodies.back().until)
        return "the last body (" + bodies.back().name + ") must have no until date (it is in charge until further notice)";
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        const OversightBody& b = bodies[i];
        if (b.name.empty()) return "body " + std::to_string(i) + " has no name";
        if (b.from && b.until && sys_days{*b.until} < sys_days{*b.from})
            return b.name + ": until " + format_date(*b.until) + " lies before from " + format_date(*b.from);
        if (i == 0) continue;
        const OversightBody& prev = bodies[i - 1];
        if (!prev.until || !b.from)
            return prev.name + " and " + b.name + ": a body followed by another needs an until date, and the next a from date";
        const sys_days next{sys_days{*prev.until} + std::chrono::days{1}};
        if (sys_days{*b.from} != next)
            return b.name + " must begin on " + format_date(Date{next}) + ", the day after " + prev.name + "'s until (" +
                   format_date(*prev.until) + "); got " + format_date(*b.from) +
                   (sys_days{*b.from} < next ? " (overlap)" : " (gap)");
    }
    return std::nullopt;
}

std::string oversight_body(Date d, const std::vector<OversightBody>& bodies) {
    using std::chrono::sys_days;
    for (const OversightBody& b : bodies)
        if ((!b.from || sys_days{d} >= sys_days{*b.from}) && (!b.until || sys_days{d} <= sys_days{*b.until}))
            return b.name;
    return bodies.empty() ? std::string() : bodies.back().name;
}

std::string oversight_body(Date d, Date switch_date) {
    return std::chrono::sys_days{d} < std::chrono::sys_days{switch_date} ? "KASN" : "BKN";
}

Date default_oversight_switch() {
    using namespace std::chrono;
    return Date{year{2024}, month{8}, day{23}};
}

}  // namespace alur::rules
