#include "alur/engine/time.hpp"

#include <charconv>
#include <cstdio>

namespace alur {
namespace {

using namespace std::chrono;

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (std::size_t i = pos; i < pos + len; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return true;
}

Error bad_datetime(std::string_view text) {
    std::string message = "'";
    message.append(text);
    message.append("' is not a date or time (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])");
    return make_error(errc::invalid_input, std::move(message));
}

// Reads `width` decimal digits at `pos`; -1 if any is not a digit.
int digits(std::string_view s, std::size_t pos, std::size_t width) {
    int v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// "YYYY-MM-DD" as year, month and day, not yet checked to be a real date.
std::optional<Date> read_date(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_int(text, 0, 4, y) ||
        !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d))
        return std::nullopt;
    return Date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
}

}  // namespace

Result<TimeZone> TimeZone::from_name(std::string_view name) {
    if (name == "WIB") return TimeZone{"WIB", minutes{7 * 60}};
    if (name == "WITA") return TimeZone{"WITA", minutes{8 * 60}};
    if (name == "WIT") return TimeZone{"WIT", minutes{9 * 60}};
    return make_error(errc::invalid_input,
                      "unknown time zone '" + std::string(name) + "' (expected WIB, WITA or WIT)");
}

Result<Date> parse_date(std::string_view text) {
    auto date = read_date(text);
    if (!date) return make_error(errc::invalid_input, "'" + std::string(text) + "' is not a date (expected YYYY-MM-DD)");
    if (!date->ok()) return make_error(errc::invalid_input, "'" + std::string(text) + "' is not a real date");
    if (!in_range(*date))
        return make_error(errc::invalid_input,
                          "'" + std::string(text) + "' is outside the dates Alur accepts (1900-01-01 to 2200-12-31)");
    return *date;
}

bool in_range(Date d) noexcept { return d >= earliest_date && d <= latest_date; }

bool in_range(TimePoint t) noexcept {
    return t >= TimePoint{sys_days{earliest_date}} && t < TimePoint{sys_days{latest_date} + days{1}};
}

std::string format_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

Result<TimePoint> parse_datetime(std::string_view text, const TimeZone& tz) {
    if (text.size() < 10) return bad_datetime(text);
    // The local date may lie a day outside the range (2201-01-01 06:59 WIB is
    // still 2200 in UTC); the instant itself is checked at the end.
    auto date = read_date(text.substr(0, 10));
    if (!date || !date->ok()) return bad_datetime(text);
    auto outside = [&] {
        return make_error(errc::invalid_input, "'" + std::string(text) +
                                                   "' is outside the times Alur accepts (1900-01-01 to 2200-12-31 UTC)");
    };
    if (sys_days{*date} < sys_days{earliest_date} - days{1} || sys_days{*date} > sys_days{latest_date} + days{1})
        return outside();
    if (text.size() == 10) {
        const TimePoint start = start_of_local_day(*date, tz);
        if (!in_range(start)) return outside();
        return start;
    }
    if (text[10] != 'T' && text[10] != ' ') return bad_datetime(text);
    int hh = 0, mm = 0, ss = 0, ms = 0;
    std::size_t pos = 11;
    if (!read_int(text, pos, 2, hh) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
        !read_int(text, pos + 3, 2, mm))
        return bad_datetime(text);
    pos += 5;
    if (pos < text.size() && text[pos] == ':') {
        if (!read_int(text, pos + 1, 2, ss)) return bad_datetime(text);
        pos += 3;
        if (pos < text.size() && text[pos] == '.') {
            std::size_t start = ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            std::string frac(text.substr(start, pos - start));
            if (frac.empty()) return bad_datetime(text);
            frac = (frac + "000").substr(0, 3);
            ms = std::stoi(frac);
        }
    }
    if (hh > 23 || mm > 59 || ss > 59) return bad_datetime(text);
    minutes offset = tz.offset;
    if (pos < text.size()) {
        std::string_view rest = text.substr(pos);
        if (rest == "Z") {
            offset = minutes{0};
        } else {
            int oh = 0, om = 0;
            if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' ||
                !read_int(rest, 1, 2, oh) || !read_int(rest, 4, 2, om))
                return bad_datetime(text);
            if (oh > 14 || om > 59) return bad_datetime(text);  // real offsets lie in -12:00 .. +14:00
            offset = minutes{oh * 60 + om} * (rest[0] == '-' ? -1 : 1);
        }
    }
    auto local = sys_days{*date} + hours{hh} + minutes{mm} + seconds{ss} + milliseconds{ms};
    const TimePoint t = time_point_cast<milliseconds>(local - offset);
    if (!in_range(t)) return outside();
    return t;
}

std::string format_utc(TimePoint t) {
    auto day = floor<days>(t);
    Date d{day};
    hh_mm_ss<milliseconds> hms{t - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", format_date(d).c_str(), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                  static_cast<int>(hms.subseconds().count()));
    return buf;
}

std::optional<TimePoint> parse_utc(std::string_view s) {
    // 0123456789012345678901234
    // YYYY-MM-DDTHH:MM:SS.mmmZ
    if (s.size() != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != '.' || s[23] != 'Z')
        return std::nullopt;
    const int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    const int h = digits(s, 11, 2), mi = digits(s, 14, 2), sec = digits(s, 17, 2), ms = digits(s, 20, 3);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0 || ms < 0) return std::nullopt;
    if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return TimePoint{sys_days{date}} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{ms};
}

std::string format_local(TimePoint t, const TimeZone& tz) {
    auto local = t + tz.offset;
    auto day = floor<days>(local);
    hh_mm_ss<milliseconds> hms{local - day};
    int off = static_cast<int>(tz.offset.count());
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", format_date(Date{day}).c_str(),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
    return buf;
}

Date local_date(TimePoint t, const TimeZone& tz) { return Date{floor<days>(t + tz.offset)}; }

TimePoint start_of_local_day(Date d, const TimeZone& tz) {
    return time_point_cast<milliseconds>(sys_days{d} - tz.offset);
}

Date add_months(Date d, int n) {
    year_month ym = year_month{d.year(), d.month()} + months{n};
    Date r{ym.year(), ym.month(), d.day()};
    if (!r.ok()) r = Date{year_month_day_last{ym.year(), month_day_last{ym.month()}}};
    return r;
}

Date add_years(Date d, int n) { return add_months(d, 12 * n); }

}  // namespace alur
