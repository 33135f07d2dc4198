// scoring.cpp — [scoring] default_profile and [scoring.profiles.<name>].
//
// A profile in the file starts from the built-in bengkulu_2021 values and
// replaces the keys it gives (weights and record_items as a whole); profiles
// not in the file keep their built-in definition. record_items, interviews
// and rt_head_interviews are what a mutation case needs before it is scored
// (agency practice): by default every record item, 3 interviews, 1 of an RT head.
#include "sections.hpp"

#include "alur/workflows/rules.hpp"

#include <string>

namespace alur::config::detail {

namespace {

/// check_profile's verdict, at the key it names in Error::field (weights,
/// keep_at or rotate_at); at the profile itself if it names none of them.
Result<void> check(const Reader& r, const toml::table& t, const std::string& path,
                   const rules::ScoringProfile& p) {
    auto ok = rules::check_profile(p);
    if (ok) return {};
    const std::string& field = ok.error().field;
    if (field != "weights" && field != "keep_at" && field != "rotate_at" && field != "record_items" &&
        field != "interviews" && field != "rt_head_interviews")
        return r.error(t.source(), path, ok.error().message);
    // A value out of order with a default one: point at the one the file gives.
    std::string key = field;
    if (!t.contains(key) && key != "weights") {
        const std::string other = key == "keep_at"      ? "rotate_at"
                                  : key == "rotate_at"  ? "keep_at"
                                  : key == "interviews" ? "rt_head_interviews"
                                                        : "interviews";
        if (t.contains(other)) key = other;
    }
    const toml::node* at = t.get(key);
    return r.error(at != nullptr ? at->source() : t.source(), join_key(path, key), ok.error().message);
}

Result<rules::ScoringProfile> read_profile(const Reader& r, const toml::node& node,
                                           const std::string& name, const std::string& path) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return r.wrong_type(node, path, "a table");
    if (name.empty()) return r.error(node.source(), path, "a profile name must not be empty");
    if (auto ok = r.only_keys(*t, path, {"weights", "keep_at", "rotate_at", "record_items", "interviews",
                                         "rt_head_interviews"});
        !ok)
        return ok.error();

    rules::ScoringProfile p = rules::bengkulu_2021();
    p.name = name;
    auto weights = r.table(*t, path, "weights");
    if (!weights) return weights.error();
    if (*weights != nullptr) {
        p.weights.clear();
        const std::string weights_path = join_key(path, "weights");
        for (const auto& [component, value] : **weights) {
            const std::string key = join_key(weights_path, component.str());
            if (component.str().empty())
                return r.error(component.source(), key, "a component name must not be empty");
            auto w = r.number(value, key);
            if (!w) return w.error();
            p.weights[std::string(component.str())] = *w;
        }
    }
    auto keep_at = r.number(*t, path, "keep_at");
    if (!keep_at) return keep_at.error();
    if (*keep_at) p.keep_at = **keep_at;
    auto rotate_at = r.number(*t, path, "rotate_at");
    if (!rotate_at) return rotate_at.error();
    if (*rotate_at) p.rotate_at = **rotate_at;
    auto items = r.array(*t, path, "record_items");
    if (!items) return items.error();
    if (*items != nullptr) {
        p.record_items.clear();
        const std::string items_path = join_key(path, "record_items");
        for (std::size_t i = 0; i < (*items)->size(); ++i) {
            auto item = r.string(*(*items)->get(i), index_key(items_path, i));
            if (!item) return item.error();
            p.record_items.push_back(std::move(*item));
        }
    }
    auto interviews = r.integer(*t, path, "interviews", 0, 50);
    if (!interviews) return interviews.error();
    if (*interviews) p.interviews = **interviews;
    auto rt_heads = r.integer(*t, path, "rt_head_interviews", 0, 50);
    if (!rt_heads) return rt_heads.error();
    if (*rt_heads) p.rt_head_interviews = **rt_heads;

    if (auto ok = check(r, *t, path, p); !ok) return ok.error();
    return p;
}

}  // namespace

Result<void> read_scoring(const Reader& r, const toml::table& root, Config& config) {
    auto scoring = r.table(root, "", "scoring");
    if (!scoring) return scoring.error();
    if (*scoring == nullptr) return {};
    const toml::table& t = **scoring;
    if (auto ok = r.only_keys(t, "scoring", {"default_profile", "profiles"}); !ok) return ok;

    auto& settings = config.mutation;
    auto profiles = r.table(t, "scoring", "profiles");
    if (!profiles) return profiles.error();
    if (*profiles != nullptr) {
        for (const auto& [name, node] : **profiles) {
            const std::string key(name.str());
            auto p = read_profile(r, node, key, join_key("scoring.profiles", key));
            if (!p) return p.error();
            settings.profiles[key] = std::move(*p);
        }
    }

    auto default_profile = r.string(t, "scoring", "default_profile");
    if (!default_profile) return default_profile.error();
    if (*default_profile) settings.default_profile = **default_profile;
    if (!settings.profiles.contains(settings.default_profile)) {
        std::string known;
        for (const auto& [name, profile] : settings.profiles) known += (known.empty() ? "" : ", ") + name;
        const toml::node* at = t.get("default_profile");
        return r.error(at != nullptr ? at->source() : t.source(), "scoring.default_profile",
                       "no profile named \"" + settings.default_profile + "\" (defined: " + known + ")");
    }
    return {};
}

}  // namespace alur::config::detail
