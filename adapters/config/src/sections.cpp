// sections.cpp — [agency], [oversight] and [[election_windows]].
#include "sections.hpp"

#include "alur/workflows/rules.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace alur::config::detail {

namespace {

/// "HH:MM" (24-hour, two digits each) as minutes after midnight.
std::optional<std::chrono::minutes> parse_hh_mm(std::string_view text) {
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
        return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return std::chrono::minutes(hours * 60 + minutes);
}

/// [agency] due_time: "HH:MM", or a bare TOML time with no seconds (16:00:00).
Result<void> read_due_time(const Reader& r, const toml::table& t, Config& config) {
    const toml::node* node = t.get("due_time");
    if (node == nullptr) return {};
    const std::string key = "agency.due_time";
    if (const auto* time = node->as_time()) {
        const toml::time& v = time->get();
        if (v.second != 0 || v.nanosecond != 0)
            return r.error(node->source(), key, "give hours and minutes only (\"16:00\")");
        config.deadline_clock.due_time = std::chrono::minutes(v.hour * 60 + v.minute);
        return {};
    }
    const auto* s = node->as_string();
    if (s == nullptr) return r.wrong_type(*node, key, "a time of day \"HH:MM\"");
    auto due = parse_hh_mm(s->get());
    if (!due)
        return r.error(node->source(), key,
                       "expected a local time of day \"HH:MM\" from \"00:00\" to \"23:59\" (got \"" +
                           s->get() + "\")");
    config.deadline_clock.due_time = *due;
    return {};
}

}  // namespace

Result<void> read_agency(const Reader& r, const toml::table& root, Config& config) {
    auto agency = r.table(root, "", "agency");
    if (!agency) return agency.error();
    if (*agency == nullptr) return {};
    const toml::table& t = **agency;
    if (auto ok = r.only_keys(t, "agency", {"name", "timezone", "due_time"}); !ok) return ok;

    auto name = r.string(t, "agency", "name");
    if (!name) return name.error();
    if (*name) config.agency_name = **name;

    auto zone = r.string(t, "agency", "timezone");
    if (!zone) return zone.error();
    if (*zone) {
        auto tz = TimeZone::from_name(**zone);
        if (!tz) return r.error(t["timezone"].node()->source(), "agency.timezone", tz.error().message);
        config.timezone = *tz;
    }
    config.mutation.timezone = config.timezone;
    config.deadline_clock.timezone = config.timezone;
    return read_due_time(r, t, config);
}

namespace {

/// One [[oversight.bodies]] entry, named `path` ("oversight.bodies[0]").
Result<rules::OversightBody> read_body(const Reader& r, const toml::table& t, const std::string& path) {
    if (auto ok = r.only_keys(t, path, {"name", "from", "until"}); !ok) return ok.error();
    auto name = r.string(t, path, "name");
    if (!name) return name.error();
    if (!*name || (*name)->empty())
        return r.error(t.source(), join_key(path, "name"), "missing: every body needs a name (e.g. \"BKN\")");
    auto from = r.date(t, path, "from");
    if (!from) return from.error();
    auto until = r.date(t, path, "until");
    if (!until) return until.error();
    return rules::OversightBody{**name, *from, *until};
}

}  // namespace

Result<void> read_oversight(const Reader& r, const toml::table& root, Config& config) {
    auto oversight = r.table(root, "", "oversight");
    if (!oversight) return oversight.error();
    if (*oversight == nullptr) return {};
    const toml::table& t = **oversight;
    if (auto ok = r.only_keys(t, "oversight", {"switch_date", "bodies"}); !ok) return ok;

    auto date = r.date(t, "oversight", "switch_date");
    if (!date) return date.error();
    const toml::node* node = t.get("bodies");
    if (*date && node)
        return r.error(node->source(), "oversight.bodies",
                       "give either switch_date (KASN, then BKN from that day) or [[oversight.bodies]], not both");
    if (*date) config.mutation.oversight_bodies = rules::bodies_from_switch(**date);
    if (!node) return {};

    const toml::array* entries = node->as_array();
    if (entries == nullptr) return r.wrong_type(*node, "oversight.bodies", "an array of tables ([[oversight.bodies]])");
    std::vector<rules::OversightBody> bodies;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const toml::node& entry = *entries->get(i);
        const std::string path = index_key("oversight.bodies", i);
        const toml::table* body = entry.as_table();
        if (body == nullptr) return r.wrong_type(entry, path, "a table");
        auto b = read_body(r, *body, path);
        if (!b) return b.error();
        bodies.push_back(std::move(*b));
    }
    if (auto problem = rules::check_bodies(bodies)) return r.error(node->source(), "oversight.bodies", *problem);
    config.mutation.oversight_bodies = std::move(bodies);
    return {};
}

namespace {

/// One [[election_windows]] entry, named `path` ("election_windows[0]").
Result<rules::ElectionWindow> read_window(const Reader& r, const toml::table& t,
                                          const std::string& path) {
    if (auto ok = r.only_keys(t, path, {"label", "determination", "until", "head_inaugurated"}); !ok)
        return ok.error();
    auto label = r.string(t, path, "label");
    if (!label) return label.error();
    auto determination = r.date(t, path, "determination");
    if (!determination) return determination.error();
    auto until = r.date(t, path, "until");
    if (!until) return until.error();
    auto head = r.date(t, path, "head_inaugurated");
    if (!head) return head.error();

    if (*determination && *head)
        return r.error(t["head_inaugurated"].node()->source(), join_key(path, "head_inaugurated"),
                       "a window has either determination (with until) or head_inaugurated, not both");
    if (*head) {
        if (*until)
            return r.error(t["until"].node()->source(), join_key(path, "until"),
                           "until goes with determination; a window from head_inaugurated "
                           "always lasts 6 months");
        return rules::window_from_head_inauguration(
            label->value_or("new regional head (inaugurated " + format_date(**head) + ")"), **head);
    }
    if (!*determination)
        return r.error(t.source(), path,
                       "needs determination (with until) or head_inaugurated");
    if (!*until)
        return r.error(t["determination"].node()->source(), join_key(path, "until"),
                       "missing: a window from determination needs until (its last day, included)");
    auto window = rules::window_from_determination(
        label->value_or("election (determination " + format_date(**determination) + ")"),
        **determination, **until);
    if (window.until < window.from)
        return r.error(t["until"].node()->source(), join_key(path, "until"),
                       format_date(window.until) + " is before the window's start " +
                           format_date(window.from) + " (6 months before determination)");
    return window;
}

}  // namespace

Result<void> read_election_windows(const Reader& r, const toml::table& root, Config& config) {
    const toml::node* node = root.get("election_windows");
    if (node == nullptr) return {};
    const toml::array* entries = node->as_array();
    if (entries == nullptr)
        return r.wrong_type(*node, "election_windows", "an array of tables ([[election_windows]])");

    std::vector<rules::ElectionWindow> windows;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const toml::node& entry = *entries->get(i);
        const std::string path = index_key("election_windows", i);
        const toml::table* t = entry.as_table();
        if (t == nullptr) return r.wrong_type(entry, path, "a table");
        auto window = read_window(r, *t, path);
        if (!window) return window.error();
        windows.push_back(std::move(*window));
    }
    config.mutation.election_windows = std::move(windows);
    return {};
}

}  // namespace alur::config::detail
