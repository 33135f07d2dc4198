// workflows.cpp — [job_fit] and [open_selection], and the settings every
// workflow shares ([oversight], [[election_windows]], [scoring] profiles and
// the agency's time zone), which the readers store in Config::mutation first.
#include "sections.hpp"

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
    if (auto ok = r.only_keys(t, "open_selection", {"profile"}); !ok) return ok;
    return read_profile_name(r, t, "open_selection", config, config.open_selection.default_profile);
}

void share_settings(Config& config) {
    const auto& m = config.mutation;
    for (auto* s : {&config.job_fit.oversight_bodies, &config.open_selection.oversight_bodies}) *s = m.oversight_bodies;
    config.job_fit.election_windows = m.election_windows;
    config.open_selection.election_windows = m.election_windows;
    config.job_fit.profiles = m.profiles;
    config.open_selection.profiles = m.profiles;
    config.job_fit.timezone = config.timezone;
    config.open_selection.timezone = config.timezone;
}

}  // namespace alur::config::detail
