// journal.cpp — [journal]: how the engine's boundary judges the times it is
// given, and the bounds of its group commit.
#include "sections.hpp"

#include <charconv>
#include <cstdint>
#include <string>
#include <tuple>

namespace alur::config::detail {
namespace {

/// "10m", "90s", "1h" or a bare number of seconds, at most a day.
std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    long long unit = 1;
    switch (text.back()) {
        case 's': text.remove_suffix(1); break;
        case 'm': unit = 60, text.remove_suffix(1); break;
        case 'h': unit = 3600, text.remove_suffix(1); break;
        default: break;
    }
    long long n = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty() || n < 0) return std::nullopt;
    if (n > 86400 / unit) return std::nullopt;
    return std::chrono::seconds(n * unit);
}

}  // namespace

Result<void> read_journal(const Reader& r, const toml::table& root, Config& config) {
    auto journal = r.table(root, "", "journal");
    if (!journal) return journal.error();
    if (*journal == nullptr) return {};
    const toml::table& t = **journal;
    if (auto ok = r.only_keys(t, "journal", {"max_future_skew", "batch_commands", "batch_bytes"}); !ok) return ok;
    // The group commit's bounds: whole numbers in a range.
    for (const auto& [name, low, high, target] :
         {std::tuple{"batch_commands", std::int64_t{1}, std::int64_t{100000}, &config.batch_commands},
          std::tuple{"batch_bytes", std::int64_t{1024}, std::int64_t{1} << 30, &config.batch_bytes}}) {
        const toml::node* n = t.get(name);
        if (n == nullptr) continue;
        const std::string key = std::string("journal.") + name;
        const auto* i = n->as_integer();
        if (i == nullptr) return r.wrong_type(*n, key, "a whole number");
        if (i->get() < low || i->get() > high)
            return r.error(n->source(), key,
                           "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high));
        *target = static_cast<std::size_t>(i->get());
    }
    const toml::node* node = t.get("max_future_skew");
    if (node == nullptr) return {};
    const std::string key = "journal.max_future_skew";
    std::optional<std::chrono::seconds> skew;
    if (const auto* n = node->as_integer()) {
        if (n->get() >= 0 && n->get() <= 86400) skew = std::chrono::seconds(n->get());
    } else if (const auto* s = node->as_string()) {
        skew = parse_duration(s->get());
    } else {
        return r.wrong_type(*node, key, "a duration such as \"10m\", \"90s\" or \"1h\"");
    }
    if (!skew)
        return r.error(node->source(), key,
                       "expected a duration from 0 to 24 hours such as \"10m\", \"90s\" or \"1h\" (or seconds)");
    config.max_future_skew = *skew;
    return {};
}

}  // namespace alur::config::detail
