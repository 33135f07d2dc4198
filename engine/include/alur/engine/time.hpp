// alur/engine/time.hpp — parsing and printing the times users type and read.
//
// Business times are instants (UTC inside, milliseconds). Users write dates
// and times in the agency's local time: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9);
// a fixed offset, since Indonesia keeps no daylight saving. Pure functions.
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/result.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace alur {

using Date = std::chrono::year_month_day;

/// An agency's fixed offset from UTC.
struct TimeZone {
    std::string name = "WIB";
    std::chrono::minutes offset{7 * 60};

    /// WIB, WITA or WIT; anything else is invalid_input naming the accepted values.
    static Result<TimeZone> from_name(std::string_view name);
};

/// The business dates Alur accepts: 1900-01-01 to 2200-12-31. Every date and
/// time a user gives is checked against them, so whatever is stored prints,
/// parses back and computes (deadlines, ages) without overflow.
inline constexpr Date earliest_date{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
inline constexpr Date latest_date{std::chrono::year{2200}, std::chrono::December, std::chrono::day{31}};
bool in_range(Date d) noexcept;
/// An instant from 1900-01-01T00:00Z up to (not including) 2201-01-01T00:00Z.
/// Whatever is in range prints (format_utc, format_local in any real zone)
/// as text that parse_datetime reads back to the same instant.
bool in_range(TimePoint t) noexcept;

/// "YYYY-MM-DD" as a calendar date; invalid_input if malformed, impossible
/// (2024-02-30) or outside earliest_date .. latest_date.
Result<Date> parse_date(std::string_view text);
std::string format_date(Date d);

/// A date, or a date and time: "2024-05-02", "2024-05-02T09:30", "2024-05-02 09:30:15",
/// optionally with "Z" or "+07:00". Without an offset the time is local to `tz`;
/// a bare date means the start of that local day. Offsets from -14:00 to
/// +14:00; the instant must be in_range.
Result<TimePoint> parse_datetime(std::string_view text, const TimeZone& tz);

/// The instant in UTC, ISO 8601 with milliseconds: "2024-05-02T02:30:00.000Z".
/// This is the stored and hashed form; it sorts as text in time order.
std::string format_utc(TimePoint t);

/// The exact inverse of format_utc (as stored): "YYYY-MM-DDTHH:MM:SS.mmmZ" only;
/// nullopt for anything else.
std::optional<TimePoint> parse_utc(std::string_view text);

/// The instant in local time with its offset: "2024-05-02T09:30:00+07:00".
std::string format_local(TimePoint t, const TimeZone& tz);

/// The calendar date of an instant in local time.
Date local_date(TimePoint t, const TimeZone& tz);

/// The first instant of a local calendar day.
TimePoint start_of_local_day(Date d, const TimeZone& tz);

/// The same calendar day `months` later (clamped to the month's last day: 08-31 + 6 -> 02-28/29).
Date add_months(Date d, int months);
Date add_years(Date d, int years);

}  // namespace alur
