// logging.cpp — the log line formatter (text or JSON) and structured fields.
#include "alur/logging/logging.hpp"

#include "alur/engine/text.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <spdlog/details/log_msg.h>
#include <spdlog/logger.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace alur::logging {
namespace json = boost::json;

namespace {

/// The fields of the log_fields call running on this thread (null outside one).
thread_local const Fields* current_fields = nullptr;

class LineFormatter final : public spdlog::formatter {
public:
    explicit LineFormatter(Style style) : style_(style) {}

    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
        const std::string time = format_time(msg.time, style_.offset);
        const auto level = spdlog::level::to_string_view(msg.level);
        const std::string text = escape_controls(std::string_view(msg.payload.data(), msg.payload.size()));
        std::string line;
        if (style_.format == Format::text) {
            line.reserve(time.size() + level.size() + text.size() + 3);
            line.append(time).append(" ").append(level.data(), level.size()).append(" ").append(text);
        } else {
            // Written member by member: the strings escaped by Boost.JSON, a
            // number as people read it ("latency_ms":3.4, not 3.4E0).
            const auto member = [&line](std::string_view name, std::string_view value) {
                line.append(line.empty() ? "{" : ",").append(json::serialize(json::string(name))).append(":")
                    .append(value);
            };
            const auto text_member = [&member](std::string_view name, std::string_view value) {
                member(name, json::serialize(json::string(value)));
            };
            text_member("time", time);
            text_member("level", std::string_view(level.data(), level.size()));
            text_member("msg", text);
            if (current_fields)
                for (const auto& f : *current_fields) {
                    if (f.name == "time" || f.name == "level" || f.name == "msg") continue;
                    if (const auto* s = std::get_if<std::string>(&f.value)) {
                        text_member(f.name, escape_controls(*s));
                    } else if (const auto* i = std::get_if<std::int64_t>(&f.value)) {
                        member(f.name, std::to_string(*i));
                    } else {
                        const double d = std::get<double>(f.value);
                        char buf[40];
                        std::snprintf(buf, sizeof buf, "%.3f", std::isfinite(d) ? d : 0.0);
                        std::string_view v(buf);  // "3.400" -> "3.4", "2.000" -> "2"
                        while (v.ends_with('0')) v.remove_suffix(1);
                        if (v.ends_with('.')) v.remove_suffix(1);
                        member(f.name, v);
                    }
                }
            line += '}';
        }
        line += '\n';
        dest.append(line.data(), line.data() + line.size());
    }

    std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<LineFormatter>(style_); }

private:
    Style style_;
};

}  // namespace

Result<Format> parse_format(std::string_view text) {
    if (text == "text") return Format::text;
    if (text == "json") return Format::json;
    return make_error(errc::invalid_input, "expected \"text\" or \"json\" (got \"" + escape_controls(text) + "\")");
}

Result<spdlog::level::level_enum> parse_level(std::string_view text) {
    using spdlog::level::level_enum;
    const std::pair<std::string_view, level_enum> names[] = {
        {"trace", level_enum::trace}, {"debug", level_enum::debug},     {"info", level_enum::info},
        {"warn", level_enum::warn},   {"warning", level_enum::warn},    {"error", level_enum::err},
        {"critical", level_enum::critical}, {"off", level_enum::off}};
    for (const auto& [name, level] : names)
        if (text == name) return level;
    return make_error(errc::invalid_input, "expected one of trace, debug, info, warn, error, critical, off (got \"" +
                                               escape_controls(text) + "\")");
}

std::unique_ptr<spdlog::formatter> make_formatter(const Style& style) { return std::make_unique<LineFormatter>(style); }

std::string format_time(std::chrono::system_clock::time_point t, std::chrono::minutes offset) {
    using namespace std::chrono;
    const auto local = floor<milliseconds>(t) + offset;
    const auto day = floor<days>(local);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> hms{local - day};
    const int off = static_cast<int>(offset.count());
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03d%c%02d:%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()),
                  off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
    return buf;
}

void log_fields(spdlog::logger& logger, spdlog::level::level_enum level, std::string_view message,
                const Fields& fields) {
    if (!logger.should_log(level)) return;
    const Fields* outer = current_fields;
    current_fields = &fields;
    try {
        logger.log(level, "{}", message);
    } catch (...) {  // logging never throws
    }
    current_fields = outer;
}

}  // namespace alur::logging
