// workflows.cpp — [job_fit] and [open_selection], and the settings every
// workflow shares ([oversight], [[election_windows]], [scoring] profiles and
// the agency's time zone), which the readers store in Config::mutation first.
#include "sections.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace alur::config::detail {

namespace {

/// `section.profile`: one of the [scoring] profiles, if given.
Result<void> read_profile_name(const Reader& r, const toml::table& t, const std::string& section,
                               const Config& config, std::string& out) {
    auto name = r.string(t, section, "profile");
    if (!name) return name.error();
    if (!*name) return {};
    if (!config.mutation.profiles.contains(**name)) {
        std::string known;
        for (const auto& [n, p] : config.mutation.profiles) known += (known.empty() ? "" : ", ") + n;
        return r.error(t.get("profile")->source(), join_key(section, "profile"),
                       "no profile named \"" + **name + "\" (defined: " + known + ")");
    }
    out = **name;
    return {};
}

}  // namespace

Result<void> read_job_fit(const Reader& r, const toml::table& root, Config& config) {
    auto section = r.table(root, "", "job_fit");
    if (!section) return section.error();
    if (*section == nullptr) return {};
    const toml::table& t = **section;
    if (auto ok = r.only_keys(t, "job_fit",
                              {"profile", "min_months_in_post", "retirement_age", "retirement_margin_months",
                               "develop_is_replacement"});
        !ok)
        return ok;
    auto& s = config.job_fit;
    if (auto ok = read_profile_name(r, t, "job_fit", config, s.default_profile); !ok) return ok;
    for (auto [key, target, min, max] : {std::tuple{"min_months_in_post", &s.min_months_in_post, 0, 120},
                                         std::tuple{"retirement_age", &s.retirement_age, 50, 75},
                                         std::tuple{"retirement_margin_months", &s.retirement_margin_months, 0, 60}}) {
        auto value = r.integer(t, "job_fit", key, min, max);
        if (!value) return value.error();
        if (*value) *target = **value;
    }
    auto develop = r.boolean(t, "job_fit", "develop_is_replacement");
    if (!develop) return develop.error();
    if (*develop) s.develop_is_replacement = **develop;
    return {};
}

Result<void> read_open_selection(const Reader& r, const toml::table& root, Config& config) {
    auto section = r.table(root, "", "open_selection");
    if (!section) return section.error();
    if (*section == nullptr) return {};
    const toml::table& t = **section;
    if (auto ok = r.only_keys(t, "open_selection", {"profile", "max_extension_days", "requirements"}); !ok) return ok;
    auto& s = config.open_selection;
    if (auto ok = read_profile_name(r, t, "open_selection", config, s.default_profile); !ok) return ok;
    auto max_days = r.integer(t, "open_selection", "max_extension_days", 1, 60);
    if (!max_days) return max_days.error();
    if (*max_days) s.max_extension_days = **max_days;

    // [open_selection.requirements]: the art. 107 checks of a JPT pratama post.
    auto req = r.table(t, "open_selection", "requirements");
    if (!req) return req.error();
    if (*req == nullptr) return {};
    const toml::table& q = **req;
    const std::string path = "open_selection.requirements";
    if (auto ok = r.only_keys(q, path, {"enabled", "min_education", "min_years_related_experience",
                                        "min_years_in_admin_post", "age_on"});
        !ok)
        return ok;
    auto enabled = r.boolean(q, path, "enabled");
    if (!enabled) return enabled.error();
    if (*enabled) s.requirements.enabled = **enabled;
    auto education = r.string(q, path, "min_education");
    if (!education) return education.error();
    if (*education) {
        const auto& levels = open_selection::education_levels();
        if (std::find(levels.begin(), levels.end(), **education) == levels.end()) {
            std::string known;
            for (const auto& l : levels) known += (known.empty() ? "" : ", ") + l;
            return r.error(q.get("min_education")->source(), join_key(path, "min_education"),
                           "\"" + **education + "\" is not an education level (" + known + ")");
        }
        s.requirements.min_education = **education;
    }
    auto age_on = r.string(q, path, "age_on");
    if (!age_on) return age_on.error();
    if (*age_on) {
        if (**age_on != "registration_closes" && **age_on != "check")
            return r.error(q.get("age_on")->source(), join_key(path, "age_on"),
                           "must be \"registration_closes\" or \"check\", not \"" + **age_on + "\"");
        s.requirements.age_on = **age_on;
    }
    for (auto [key, target] : {std::pair{"min_years_related_experience", &s.requirements.min_years_related_experience},
                               std::pair{"min_years_in_admin_post", &s.requirements.min_years_in_admin_post}}) {
        auto value = r.number(q, path, key);
        if (!value) return value.error();
        if (!*value) continue;
        if (**value < 0 || **value > 45)
            return r.error(q.get(key)->source(), join_key(path, key), "must be between 0 and 45 years");
        *target = **value;
    }
    return {};
}

Result<void> read_performance_review(const Reader& r, const toml::table& root, Config& config) {
    const std::string section = "performance_review";
    auto found = r.table(root, "", section);
    if (!found) return found.error();
    if (*found == nullptr) return {};
    const toml::table& t = **found;
    if (auto ok = r.only_keys(t, section, {"met_percent", "min_months_in_post", "improvement_months", "ratings"}); !ok)
        return ok;
    auto& s = config.performance_review;
    auto met = r.number(t, section, "met_percent");
    if (!met) return met.error();
    if (*met) {
        if (**met <= 0 || **met > 100)
            return r.error(t.get("met_percent")->source(), join_key(section, "met_percent"),
                           "must be above 0 and at most 100 (percent)");
        s.met_percent = **met;
    }
    for (auto [key, target, min, max] : {std::tuple{"min_months_in_post", &s.min_months_in_post, 0, 120},
                                         std::tuple{"improvement_months", &s.improvement_months, 1, 24}}) {
        auto value = r.integer(t, section, key, min, max);
        if (!value) return value.error();
        if (*value) *target = **value;
    }
    auto ratings = r.table(t, section, "ratings");
    if (!ratings) return ratings.error();
    if (*ratings == nullptr) return {};
    const std::string rpath = join_key(section, "ratings");
    if (auto ok = r.only_keys(**ratings, rpath, {"sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"}); !ok) return ok;
    for (const auto& rating : performance_review::ratings()) {
        auto one = r.table(**ratings, rpath, rating);
        if (!one) return one.error();
        if (*one == nullptr) continue;
        const toml::table& q = **one;
        const std::string path = join_key(rpath, rating);
        if (auto ok = r.only_keys(q, path, {"tpp_cut_percent", "tpp_cut_months", "coaching", "move_proposal"}); !ok)
            return ok;
        performance_review::Consequence c;  // a rating's table replaces its defaults as a whole
        auto percent = r.number(q, path, "tpp_cut_percent");
        if (!percent) return percent.error();
        if (*percent) {
            if (**percent < 0 || **percent > 100)
                return r.error(q.get("tpp_cut_percent")->source(), join_key(path, "tpp_cut_percent"),
                               "must be between 0 and 100 (percent)");
            c.tpp_cut_percent = **percent;
        }
        auto months = r.integer(q, path, "tpp_cut_months", 0, 24);
        if (!months) return months.error();
        if (*months) c.tpp_cut_months = **months;
        for (auto [key, target] : {std::pair{"coaching", &c.coaching}, std::pair{"move_proposal", &c.move_proposal}}) {
            auto flag = r.boolean(q, path, key);
            if (!flag) return flag.error();
            if (*flag) *target = **flag;
        }
        s.consequences[rating] = c;
    }
    return {};
}

void share_settings(Config& config) {
    config.performance_review.timezone = config.timezone;
    const auto& m = config.mutation;
    for (auto* s : {&config.job_fit.oversight_bodies, &config.open_selection.oversight_bodies}) *s = m.oversight_bodies;
    config.job_fit.election_windows = m.election_windows;
    config.open_selection.election_windows = m.election_windows;
    config.job_fit.profiles = m.profiles;
    config.open_selection.profiles = m.profiles;
    config.job_fit.timezone = config.timezone;
    config.open_selection.timezone = config.timezone;
    config.open_selection.calendar = config.deadline_clock.calendar;  // extensions count its working days
}

}  // namespace alur::config::detail
