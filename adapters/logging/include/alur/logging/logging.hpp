// alur/logging/logging.hpp — how every log line of `alur` reads (`[log] format`).
//
// A spdlog formatter for the stderr loggers of the CLI and `alur serve`:
//
//   text: 2026-12-01T09:00:00.123+07:00 info serving alur.db ...
//   json: {"time":"2026-12-01T09:00:00.123+07:00","level":"info","msg":"serving alur.db ..."}
//
// The time is in the agency's zone ([agency] timezone) with its offset. The
// message is shown with control characters and invalid UTF-8 escaped
// (escape_controls), so a line a client's text ends up in stays one line and,
// in JSON, valid JSON (Boost.JSON escapes it).
//
// A structured line (the HTTP access log) carries fields besides its
// message: log_fields() hands them to the formatter of the same call, which
// writes them as members of the JSON object after "msg" (the text format
// shows the message only, which says the same in words).
//
// Thread-safety: the formatter is cloned per sink by spdlog; log_fields may
// be called from any thread (the fields live for the call, on its thread;
// loggers must be synchronous, as every logger of alur is).
#pragma once

#include "alur/engine/result.hpp"

#include <spdlog/common.h>
#include <spdlog/formatter.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace spdlog {
class logger;
}

namespace alur::logging {

enum class Format { text, json };

/// "text" or "json"; invalid_input naming the accepted values otherwise.
Result<Format> parse_format(std::string_view text);

/// A level of `[log] level` and ALUR_LOG: trace, debug, info, warn (or
/// warning), error, critical, off; invalid_input naming them otherwise.
Result<spdlog::level::level_enum> parse_level(std::string_view text);

/// How lines are written: the format and the zone of their times.
struct Style {
    Format format = Format::text;
    std::chrono::minutes offset{7 * 60};  ///< the agency's offset from UTC (WIB)
};

/// The formatter of `style`, for spdlog::logger::set_formatter or a sink.
std::unique_ptr<spdlog::formatter> make_formatter(const Style& style);

/// "2026-12-01T09:00:00.123+07:00": `t` at `offset`, with milliseconds.
std::string format_time(std::chrono::system_clock::time_point t, std::chrono::minutes offset);

/// One field of a structured line: a name and a string, integer or number.
struct Field {
    std::string name;
    std::variant<std::string, std::int64_t, double> value;
};
using Fields = std::vector<Field>;

/// Logs `message` at `level` on `logger` with `fields` (written as JSON
/// members by a json formatter, ignored by a text one). Never throws.
void log_fields(spdlog::logger& logger, spdlog::level::level_enum level, std::string_view message,
                const Fields& fields);

}  // namespace alur::logging
