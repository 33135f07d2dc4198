// The arithmetic of a performance review (review_rules.hpp).
#include "review_rules.hpp"

#include "alur/workflows/performance_review.hpp"
#include "alur/workflows/rules.hpp"
#include "case_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace alur::performance_review {

const std::vector<std::string>& ratings() {
    static const std::vector<std::string> all{"sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"};
    return all;
}

const std::vector<std::string>& move_kinds() {
    static const std::vector<std::string> all{"another_post", "lower_post", "functional_post"};
    return all;
}

std::map<std::string, Consequence> default_consequences() {
    std::map<std::string, Consequence> out;
    for (const auto& r : ratings()) out[r] = Consequence{};
    for (const char* r : {"butuh_perbaikan", "kurang", "sangat_kurang"}) out[r].coaching = true;
    return out;
}

}  // namespace alur::performance_review

namespace alur::performance_review::detail {

namespace json = boost::json;
using workflows::find_obj;
using workflows::text;

namespace {

bool flag(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_bool() && v->get_bool();
}

}  // namespace

double number_or(const json::object& o, std::string_view key, double fallback) {
    const json::value* v = o.if_contains(key);
    return v && v->is_number() ? v->to_number<double>() : fallback;
}

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

std::vector<std::string> target_ids(const json::object& data) {
    std::vector<std::string> ids;
    if (const json::object* t = find_obj(data, "targets"))
        for (const auto& kv : *t) ids.emplace_back(kv.key());
    std::sort(ids.begin(), ids.end());
    return ids;
}

Achievement achievement_of(const json::object& data) {
    Achievement a;
    const json::object* targets = find_obj(data, "targets");
    const json::object* got = find_obj(data, "achievements");
    if (!targets) return a;
    double sum = 0;
    for (const auto& kv : *targets) {
        const json::object& t = kv.value().as_object();
        const double goal = number_or(t, "target_value", 0);
        const double realised = got ? number_or(*got, kv.key(), 0) : 0;
        const double pct = goal > 0 ? std::min(100.0, realised / goal * 100) : 0;
        const double rounded = std::round(pct * 100) / 100;
        a.per_target[kv.key()] = rounded;
        sum += number_or(t, "weight", 0) * pct / 100;
    }
    a.weighted = std::round(sum * 100) / 100;
    return a;
}

bool rating_triggers_improvement(std::string_view rating, Date on) {
    if (std::chrono::sys_days{on} < std::chrono::sys_days{pp30_appraisal_applies()}) return false;
    return rating == "butuh_perbaikan" || rating == "kurang" || rating == "sangat_kurang";
}

Date pp30_appraisal_applies() { return Date{std::chrono::year{2021}, std::chrono::April, std::chrono::day{29}}; }

Route route_of(const json::object& p, const json::object& data) {
    const bool met = achievement_of(data).weighted >= number_or(p, "met_percent", 100);
    const json::object* official = find_obj(data, "official");
    const Date on = workflows::date_of(p, "evaluated_on");
    if ((!met || rating_triggers_improvement(text(p, "rating"), on)) && official &&
        rules::is_jpt(text(*official, "grade"))) {
        const Date since = workflows::date_of(*official, "inaugurated_at");
        const int months = static_cast<int>(number_or(p, "min_months_in_post", 12));
        if (std::chrono::sys_days{on} >= std::chrono::sys_days{add_months(since, months)}) return Route::improvement;
    }
    const json::object* c = find_obj(p, "consequence");
    if (c && (number_or(*c, "tpp_cut_percent", 0) > 0 || flag(*c, "coaching") || flag(*c, "move_proposal")))
        return Route::follow_up;
    return Route::closed;
}

bool consequence_set(const json::object& data, std::string_view what) {
    const json::object* c = find_obj(data, "consequences");
    if (!c) return false;
    if (what == "tpp_cut_percent") return number_or(*c, what, 0) > 0;
    return flag(*c, what);
}

std::vector<std::string> allowed_moves(std::string_view outcome) {
    if (outcome == "keep" || outcome == "rotate") return {"another_post"};
    if (outcome == "develop") return {"lower_post"};
    return {"another_post", "lower_post"};
}

std::string target_grade(std::string_view kind, std::string_view grade) {
    if (kind == "functional_post") return "fungsional";
    if (kind != "lower_post") return std::string(grade);
    const auto& all = rules::grades();
    auto it = std::find(all.begin(), all.end(), grade);
    if (it == all.end() || it + 1 == all.end() || *(it + 1) == "fungsional") return std::string(grade);
    return *(it + 1);
}

}  // namespace alur::performance_review::detail
