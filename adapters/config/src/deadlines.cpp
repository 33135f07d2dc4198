// deadlines.cpp — [calendar] (working days) and [deadlines.<workflow>.<state>].
#include "alur/files/files.hpp"
#include "sections.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace alur::config::detail {

namespace {

constexpr std::array<std::string_view, 7> weekday_names = {"sunday",   "monday", "tuesday", "wednesday",
                                                           "thursday", "friday", "saturday"};

/// "saturday" (any case) as a weekday.
std::optional<std::chrono::weekday> parse_weekday(std::string_view name) {
    for (unsigned i = 0; i < weekday_names.size(); ++i) {
        const auto& known = weekday_names[i];
        if (known.size() == name.size() &&
            std::equal(known.begin(), known.end(), name.begin(), [](char a, char b) {
                return a == std::tolower(static_cast<unsigned char>(b));
            }))
            return std::chrono::weekday{i};
    }
    return std::nullopt;
}

Result<std::vector<std::chrono::weekday>> read_weekend(const Reader& r, const toml::array& days,
                                                       const std::string& path) {
    std::vector<std::chrono::weekday> weekend;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const toml::node& node = *days.get(i);
        const std::string key = index_key(path, i);
        auto name = r.string(node, key);
        if (!name) return name.error();
        auto day = parse_weekday(*name);
        if (!day)
            return r.error(node.source(), key,
                           "unknown day \"" + *name + "\" (expected monday, tuesday, wednesday, thursday, "
                                                      "friday, saturday or sunday)");
        if (std::find(weekend.begin(), weekend.end(), *day) != weekend.end())
            return r.error(node.source(), key, "\"" + *name + "\" is given twice");
        weekend.push_back(*day);
    }
    if (weekend.size() == weekday_names.size())
        return r.error(days.source(), path, "every day of the week is a weekend day: no working days are left");
    return weekend;
}

/// holiday_files: each file read and parsed, appended to `out`.
Result<void> read_holiday_files(const Reader& r, const toml::array& files, const std::string& path,
                                std::vector<HolidayFile>& out) {
    for (std::size_t i = 0; i < files.size(); ++i) {
        const toml::node& node = *files.get(i);
        const std::string key = index_key(path, i);
        auto name = r.string(node, key);
        if (!name) return name.error();
        const std::filesystem::path file = r.resolve(*name);
        auto text = files::read_regular_file(file, max_file_bytes);
        if (!text) return r.error(node.source(), key, files::file_error(*text.error, "holiday file").message);
        // Calendar::parse names the holiday file and its line: "<file>:<line>: <what>".
        auto parsed = Calendar::parse_file(text.text, file.string());
        if (!parsed) return r.error(node.source(), key, parsed.error().message);
        out.push_back(std::move(*parsed));
    }
    return {};
}

/// The largest working_days and escalate_every accepted: about four years.
constexpr int max_working_days = 1000;

Result<DeadlineRule> read_rule(const Reader& r, const toml::table& t, const std::string& path) {
    if (auto ok = r.only_keys(t, path, {"working_days", "remind_before", "escalate_every", "calendar_months"}); !ok)
        return ok.error();
    DeadlineRule rule;
    // calendar_months: a period in months (the due day is that calendar day), instead of working days.
    auto months = r.integer(t, path, "calendar_months", 0, 60);
    if (!months) return months.error();
    if (*months) rule.calendar_months = **months;
    auto working_days = r.integer(t, path, "working_days", 0, max_working_days);
    if (!working_days) return working_days.error();
    if (*working_days) rule.working_days = **working_days;
    auto escalate_every = r.integer(t, path, "escalate_every", 0, max_working_days);
    if (!escalate_every) return escalate_every.error();
    if (*escalate_every) rule.escalate_every = **escalate_every;

    auto remind = r.array(t, path, "remind_before");
    if (!remind) return remind.error();
    if (*remind == nullptr) {
        // The default reminders that fit before the due day.
        if (rule.calendar_months == 0)
            std::erase_if(rule.remind_before, [&](int before) { return before >= rule.working_days; });
        return rule;
    }
    const std::string remind_path = join_key(path, "remind_before");
    const std::string limit = std::to_string(rule.working_days) +
                              (*working_days ? std::string() : std::string(", the default"));
    rule.remind_before.clear();
    for (std::size_t i = 0; i < (*remind)->size(); ++i) {
        const toml::node& node = *(*remind)->get(i);
        const std::string key = index_key(remind_path, i);
        auto before = r.integer(node, key, 1, max_working_days);
        if (!before) return before.error();
        if (rule.calendar_months == 0 && *before >= rule.working_days)
            return r.error(node.source(), key,
                           "must be less than working_days (" + limit + "): a reminder " +
                               std::to_string(*before) +
                               " working days before the due day would fall on or before the day "
                               "the case enters the state");
        if (std::find(rule.remind_before.begin(), rule.remind_before.end(), *before) != rule.remind_before.end())
            return r.error(node.source(), key, std::to_string(*before) + " is given twice");
        rule.remind_before.push_back(*before);
    }
    return rule;
}

}  // namespace

Result<void> read_calendar(const Reader& r, const toml::table& root, Config& config) {
    auto calendar = r.table(root, "", "calendar");
    if (!calendar) return calendar.error();
    if (*calendar == nullptr) return {};
    const toml::table& t = **calendar;
    if (auto ok = r.only_keys(t, "calendar", {"weekend", "holiday_files", "shipped_holidays"}); !ok) return ok;

    std::vector<std::chrono::weekday> weekend{std::chrono::Saturday, std::chrono::Sunday};
    auto days = r.array(t, "calendar", "weekend");
    if (!days) return days.error();
    if (*days != nullptr) {
        auto read = read_weekend(r, **days, "calendar.weekend");
        if (!read) return read.error();
        weekend = std::move(*read);
    }

    auto shipped = r.boolean(t, "calendar", "shipped_holidays");
    if (!shipped) return shipped.error();
    std::vector<HolidayFile> holidays;
    if (shipped->value_or(true)) holidays = Calendar::shipped_files();

    auto files = r.array(t, "calendar", "holiday_files");
    if (!files) return files.error();
    if (*files != nullptr) {
        if (auto ok = read_holiday_files(r, **files, "calendar.holiday_files", holidays); !ok) return ok;
    }

    // A day named again (by a file, after the shipped list or another file) keeps the later entry;
    // a file that declares its year (`# year: 2027`) replaces the earlier days of that year.
    config.deadline_clock.calendar = Calendar::from_files(std::move(holidays), std::move(weekend));
    return {};
}

Result<void> read_deadlines(const Reader& r, const toml::table& root, Config& config) {
    auto deadlines = r.table(root, "", "deadlines");
    if (!deadlines) return deadlines.error();
    if (*deadlines == nullptr) return {};

    for (const auto& [workflow_key, workflow_node] : **deadlines) {
        const std::string workflow(workflow_key.str());
        const std::string workflow_path = join_key("deadlines", workflow);
        const toml::table* states = workflow_node.as_table();
        if (states == nullptr) return r.wrong_type(workflow_node, workflow_path, "a table of states");
        if (workflow.empty()) return r.error(workflow_node.source(), workflow_path, "a workflow name must not be empty");
        for (const auto& [state_key, state_node] : *states) {
            const std::string state(state_key.str());
            const std::string state_path = join_key(workflow_path, state);
            const toml::table* t = state_node.as_table();
            if (t == nullptr)
                return r.wrong_type(state_node, state_path,
                                    "a table (working_days, remind_before, escalate_every)");
            if (state.empty()) return r.error(state_node.source(), state_path, "a state name must not be empty");
            auto rule = read_rule(r, *t, state_path);
            if (!rule) return rule.error();
            config.deadlines[workflow][state] = std::move(*rule);
        }
    }
    return {};
}

}  // namespace alur::config::detail
