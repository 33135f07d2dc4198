// log.cpp — [log]: the format and level of `alur`'s log lines.
#include "sections.hpp"

#include <algorithm>
#include <array>

namespace alur::config::detail {

Result<void> read_log(const Reader& r, const toml::table& root, Config& config) {
    auto log = r.table(root, "", "log");
    if (!log) return log.error();
    if (*log == nullptr) return {};
    const toml::table& t = **log;
    if (auto ok = r.only_keys(t, "log", {"format", "level"}); !ok) return ok;
    auto format = r.string(t, "log", "format");
    if (!format) return format.error();
    if (*format) {
        if (**format != "text" && **format != "json")
            return r.error(t.get("format")->source(), "log.format", "expected \"text\" or \"json\" (got \"" + **format + "\")");
        config.log.format = **format;
    }
    auto level = r.string(t, "log", "level");
    if (!level) return level.error();
    if (*level) {
        static constexpr std::array<std::string_view, 8> levels{"trace", "debug", "info",     "warn",
                                                                "warning", "error", "critical", "off"};
        if (std::find(levels.begin(), levels.end(), **level) == levels.end())
            return r.error(t.get("level")->source(), "log.level",
                           "expected one of trace, debug, info, warn, error, critical, off (got \"" + **level + "\")");
        config.log.level = **level;
    }
    return {};
}

}  // namespace alur::config::detail
