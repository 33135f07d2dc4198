// Fuzzes the parsing and printing of dates and times (engine/src/time.cpp):
// parse_date, parse_datetime (in every agency time zone), parse_utc and
// TimeZone::from_name on arbitrary text.
//
// Checks: a refusal is invalid_input with a message; whatever is accepted
// prints and parses back to the same value — format_date(parse_date(x)) == x,
// parse_utc(format_utc(t)) == t (the stored form), parse_datetime of
// format_utc(t) and of format_local(t) give t back, and parse_utc(x) accepts
// only the exact text format_utc prints.
#include "fuzz_support.hpp"

#include "alur/engine/time.hpp"

#include <chrono>

using namespace alur;
using namespace std::chrono;

namespace {

std::string shown(TimePoint t) { return std::to_string(t.time_since_epoch().count()) + " ms"; }

/// Its date in UTC and in `tz` within the business range 1900-01-01 .. 2200-12-31.
bool in_business_range(TimePoint t, const TimeZone& tz) {
    return in_range(local_date(t, TimeZone{"UTC", minutes{0}})) && in_range(local_date(t, tz));
}

void round_trip(TimePoint t, const TimeZone& tz, std::string_view input) {
    if (fuzz::skipped("time") && !in_business_range(t, tz)) return;
    const std::string utc = format_utc(t);
    const auto back = parse_utc(utc);
    FUZZ_CHECK(back && *back == t, "parse_utc(format_utc(t)) != t for '" + std::string(input) + "': " + utc);
    const auto again = parse_datetime(utc, tz);
    FUZZ_CHECK(again && *again == t, "parse_datetime(format_utc(t)) != t for '" + std::string(input) + "': " + utc);
    const std::string local = format_local(t, tz);
    const auto from_local = parse_datetime(local, tz);
    FUZZ_CHECK(from_local && *from_local == floor<seconds>(t),
               "parse_datetime(format_local(t)) != t for '" + std::string(input) + "': " + local);
    const Date day = local_date(t, tz);
    FUZZ_CHECK(day.ok(), "local_date of " + utc + " is not a date");
    FUZZ_CHECK(start_of_local_day(day, tz) <= t && t < start_of_local_day(day, tz) + days{1},
               "local_date/start_of_local_day disagree for " + utc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    if (auto d = parse_date(text)) {
        FUZZ_CHECK(d->ok(), "parse_date accepted an impossible date");
        FUZZ_CHECK(format_date(*d) == text, "format_date(parse_date(x)) != x: " + format_date(*d));
        for (int months : {1, 6, 24, -6, -1200, 1200}) {
            const Date later = add_months(*d, months);
            FUZZ_CHECK(later.ok(), "add_months(" + format_date(*d) + ", " + std::to_string(months) + ") is not a date");
        }
    } else {
        FUZZ_CLEAN(d.error(), errc::invalid_input);
    }

    for (const char* zone : {"WIB", "WITA", "WIT"}) {
        const TimeZone tz = TimeZone::from_name(zone).value();
        if (auto t = parse_datetime(text, tz)) {
            round_trip(*t, tz, text);
        } else {
            FUZZ_CLEAN(t.error(), errc::invalid_input);
        }
    }

    if (auto t = parse_utc(text)) {
        FUZZ_CHECK(format_utc(*t) == text, "format_utc(parse_utc(x)) != x: " + format_utc(*t) + " (" + shown(*t) + ")");
    }

    if (auto tz = TimeZone::from_name(text)) {
        FUZZ_CHECK(tz->name == text, "from_name returned another zone");
    } else {
        FUZZ_CLEAN(tz.error(), errc::invalid_input);
    }
    return 0;
}
