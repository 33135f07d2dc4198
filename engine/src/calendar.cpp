// Working days of an agency: weekends and the holidays of a calendar skipped.
//
// Every query is O(log H) for the first holiday lookup plus the holidays that
// lie in the range walked; whole weeks are counted arithmetically, so a
// deadline of n working days costs neither n map lookups nor a scan of the
// whole calendar (the escalation loop and the 1M-timer benchmark rely on it).
#include "alur/engine/calendar.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <optional>
#include <system_error>
#include <utility>

namespace alur {

// Defined in the generated holidays_data.cpp (engine/CMakeLists.txt): the texts
// of data/holidays/*.txt, as {file name, text}, in file-name order.
namespace detail {
std::vector<std::pair<std::string_view, std::string_view>> shipped_holiday_texts();
}  // namespace detail

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::weekday;

constexpr std::string_view kLiburNasional = "libur_nasional";
constexpr std::string_view kCutiBersama = "cuti_bersama";

unsigned weekday_bit(sys_days d) { return 1u << weekday{d}.c_encoding(); }

// The weekend as a bit mask over weekday::c_encoding() (bit 0 = Sunday).
unsigned weekend_mask(const std::vector<weekday>& weekend) {
    unsigned mask = 0;
    for (const weekday& w : weekend) mask |= 1u << w.c_encoding();
    return mask;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// The first whitespace-separated word of `s`, removed from it.
std::string_view take_word(std::string_view& s) {
    s = trim(s);
    std::size_t end = 0;
    while (end < s.size() && !is_space(s[end])) ++end;
    std::string_view word = s.substr(0, end);
    s = trim(s.substr(end));
    return word;
}

Error line_error(std::string_view source, std::size_t line, const std::string& what) {
    std::string message(source);
    message += ':';
    message += std::to_string(line);
    message += ": ";
    message += what;
    return make_error(errc::invalid_input, std::move(message), std::string(source));
}

// Weekday-working days (ignoring holidays) among the `count` days that follow `after`.
std::int64_t weekday_count(sys_days after, std::int64_t count, unsigned mask, int per_week) {
    std::int64_t n = count / 7 * per_week;
    for (std::int64_t i = count / 7 * 7 + 1; i <= count; ++i)
        if (!(mask & weekday_bit(after + days{i}))) ++n;
    return n;
}

int year_of(sys_days d) { return int(std::chrono::year_month_day{d}.year()); }

// The years the holidays lie in, ascending, each once.
std::vector<int> years_of(const std::vector<Holiday>& holidays) {
    std::vector<int> years;
    for (const Holiday& h : holidays) years.push_back(int(h.date.year()));
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return years;
}

// "  key: value" (after the '#') as {key, value}, both trimmed; nullopt if it is not one.
std::optional<std::pair<std::string_view, std::string_view>> header(std::string_view comment) {
    comment = trim(comment);
    const std::size_t colon = comment.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view key = trim(comment.substr(0, colon));
    if (key != "year" && key != "status") return std::nullopt;
    return std::pair{key, trim(comment.substr(colon + 1))};
}

// A trailing comment that marks its day provisional: "provisional", alone or followed by a space or ':'.
bool marks_provisional(std::string_view comment) {
    comment = trim(comment);
    constexpr std::string_view word = "provisional";
    if (!comment.starts_with(word)) return false;
    return comment.size() == word.size() || is_space(comment[word.size()]) || comment[word.size()] == ':';
}

}  // namespace

const char* to_string(YearStatus s) noexcept {
    switch (s) {
        case YearStatus::missing: return "missing";
        case YearStatus::provisional: return "provisional";
        case YearStatus::confirmed: return "confirmed";
    }
    return "missing";
}

Calendar::Calendar() : Calendar(std::vector<Holiday>{}) {}

Calendar::Calendar(std::vector<Holiday> holidays, std::vector<weekday> weekend) : weekend_(std::move(weekend)) {
    for (const weekday& w : weekend_)
        if (!w.ok()) throw std::invalid_argument("Calendar: a weekend day is not a weekday");
    if (std::popcount(weekend_mask(weekend_)) >= 7)
        throw std::invalid_argument("Calendar: a weekend of all seven days leaves no working day");
    HolidayFile file;
    file.source = "(holidays)";
    file.years = years_of(holidays);
    file.holidays = std::move(holidays);
    add_file(std::move(file));
}

Calendar Calendar::from_files(std::vector<HolidayFile> files, std::vector<weekday> weekend) {
    Calendar calendar(std::vector<Holiday>{}, std::move(weekend));
    for (HolidayFile& f : files) calendar.add_file(std::move(f));
    return calendar;
}

void Calendar::add_file(HolidayFile file) {
    for (const Holiday& h : file.holidays)
        if (!h.date.ok()) throw std::invalid_argument("Calendar: a holiday's date is not a real date");
    // A file that is a year's calendar replaces what earlier files gave for that year.
    if (file.declared)
        for (int y : file.years)
            std::erase_if(holidays_, [y](const auto& entry) { return year_of(entry.first) == y; });
    for (int y : file.years) {
        const bool day_provisional = std::any_of(file.holidays.begin(), file.holidays.end(), [y](const Holiday& h) {
            return h.provisional && int(h.date.year()) == y;
        });
        const YearStatus status =
            file.provisional || day_provisional ? YearStatus::provisional : YearStatus::confirmed;
        auto it = years_.find(y);
        if (it == years_.end() || file.declared) {
            years_.insert_or_assign(y, CalendarYear{y, status, file.source});
        } else if (status == YearStatus::provisional) {
            // A supplement does not confirm a provisional year, but a provisional day makes it provisional.
            it->second.status = YearStatus::provisional;
        }
    }
    // A day given twice (a configured file naming a shipped day again) keeps the last entry.
    for (Holiday& h : file.holidays) {
        const sys_days key{h.date};
        holidays_.insert_or_assign(key, std::move(h));
    }
}

Result<std::vector<Holiday>> Calendar::parse(std::string_view text, std::string_view source) {
    auto file = parse_file(text, source);
    if (!file) return file.error();
    return std::move(file->holidays);
}

Result<HolidayFile> Calendar::parse_file(std::string_view text, std::string_view source) {
    HolidayFile out;
    out.source = std::string(source);
    std::map<sys_days, std::size_t> seen;  // day -> line it was first given on
    std::size_t year_line = 0, status_line = 0;
    bool no_year = false;
    int declared_year = 0;
    std::vector<std::size_t> lines;  // the line of each holiday
    std::size_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);

        std::string_view comment;
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
            comment = line.substr(hash + 1);
            line = line.substr(0, hash);
        }
        line = trim(line);
        if (line.empty()) {
            const auto h = header(comment);
            if (!h) continue;
            const auto [key, value] = *h;
            std::size_t& first = key == "year" ? year_line : status_line;
            if (first)
                return line_error(source, line_no,
                                  "'# " + std::string(key) + ":' is given twice (first on line " +
                                      std::to_string(first) + ")");
            first = line_no;
            if (key == "status") {
                if (value == "provisional") out.provisional = true;
                else if (value != "confirmed")
                    return line_error(source, line_no,
                                      "unknown status '" + std::string(value) +
                                          "' (expected provisional or confirmed)");
            } else if (value == "none") {
                no_year = true;
            } else {
                int y = 0;
                const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), y);
                if (ec != std::errc{} || end != value.data() + value.size() || value.size() != 4 || y < 1900)
                    return line_error(source, line_no,
                                      "bad year '" + std::string(value) + "' (expected YYYY, 1900 or later, or none)");
                declared_year = y;
            }
            continue;
        }

        const std::string_view date_text = take_word(line);
        auto date = parse_date(date_text);
        if (!date) return line_error(source, line_no, "bad date: " + date.error().message);

        const std::string_view kind = take_word(line);
        if (kind.empty())
            return line_error(source, line_no, "missing kind after the date (expected libur_nasional or cuti_bersama)");
        if (kind != kLiburNasional && kind != kCutiBersama)
            return line_error(source, line_no,
                              "unknown kind '" + std::string(kind) + "' (expected libur_nasional or cuti_bersama)");

        if (line.empty()) return line_error(source, line_no, "missing name after the kind");

        const auto [it, fresh] = seen.emplace(sys_days{*date}, line_no);
        if (!fresh)
            return line_error(source, line_no,
                              format_date(*date) + " is listed twice (first on line " + std::to_string(it->second) +
                                  ")");
        out.holidays.push_back(Holiday{*date, std::string(kind), std::string(line), marks_provisional(comment)});
        lines.push_back(line_no);
    }
    if (declared_year) {
        for (std::size_t i = 0; i < out.holidays.size(); ++i)
            if (int(out.holidays[i].date.year()) != declared_year)
                return line_error(source, lines[i],
                                  format_date(out.holidays[i].date) + " is outside the file's year " +
                                      std::to_string(declared_year) + " (line " + std::to_string(year_line) + ")");
        out.years = {declared_year};
        out.declared = true;
    } else if (!no_year) {
        out.years = years_of(out.holidays);
    }
    if (out.provisional && out.years.empty())
        return line_error(source, status_line, "'# status: provisional' needs a year the file covers");
    return out;
}

const std::vector<HolidayFile>& Calendar::shipped_files() {
    static const std::vector<HolidayFile> files = [] {
        std::vector<HolidayFile> all;
        std::map<sys_days, std::string> from;  // day -> file that gave it
        for (const auto& [name, text] : detail::shipped_holiday_texts()) {
            const std::string source = "data/holidays/" + std::string(name);
            auto parsed = parse_file(text, source);
            if (!parsed) throw std::logic_error("shipped holiday calendar: " + parsed.error().message);
            for (const Holiday& h : parsed->holidays) {
                const auto [it, fresh] = from.emplace(sys_days{h.date}, source);
                if (!fresh)
                    throw std::logic_error("shipped holiday calendar: " + format_date(h.date) + " is in both " +
                                           it->second + " and " + source);
            }
            all.push_back(std::move(*parsed));
        }
        return all;
    }();
    return files;
}

const std::vector<Holiday>& Calendar::shipped() {
    static const std::vector<Holiday> holidays = [] {
        std::vector<Holiday> all;
        for (const HolidayFile& f : shipped_files()) all.insert(all.end(), f.holidays.begin(), f.holidays.end());
        std::sort(all.begin(), all.end(),
                  [](const Holiday& a, const Holiday& b) { return sys_days{a.date} < sys_days{b.date}; });
        return all;
    }();
    return holidays;
}

CalendarYear Calendar::year(int y) const {
    const auto it = years_.find(y);
    return it == years_.end() ? CalendarYear{y, YearStatus::missing, {}} : it->second;
}

std::vector<CalendarYear> Calendar::covered_years() const {
    std::vector<CalendarYear> out;
    for (const auto& [y, info] : years_) out.push_back(info);
    return out;
}

std::vector<CalendarYear> Calendar::gaps(Date from, Date to) const {
    int a = int(from.year()), b = int(to.year());
    if (b < a) std::swap(a, b);
    std::vector<CalendarYear> out;
    for (int y = a; y <= b; ++y) {
        CalendarYear info = year(y);
        if (info.status != YearStatus::confirmed) out.push_back(std::move(info));
    }
    return out;
}

std::vector<Holiday> Calendar::holidays_of(int y) const {
    const std::chrono::year cy{y};
    std::vector<Holiday> out;
    for (auto it = holidays_.lower_bound(sys_days{cy / std::chrono::January / 1}),
              end = holidays_.lower_bound(sys_days{(cy + std::chrono::years{1}) / std::chrono::January / 1});
         it != end; ++it)
        out.push_back(it->second);
    return out;
}

const Holiday* Calendar::holiday(Date d) const {
    if (!d.ok()) return nullptr;
    const auto it = holidays_.find(sys_days{d});
    return it == holidays_.end() ? nullptr : &it->second;
}

bool Calendar::is_working_day(Date d) const {
    const sys_days day{d};
    return !(weekend_mask(weekend_) & weekday_bit(day)) && !holidays_.contains(day);
}

Date Calendar::add_working_days(Date from, int n) const {
    const unsigned mask = weekend_mask(weekend_);
    const int per_week = 7 - std::popcount(mask);  // >= 1 (constructor)
    // Holidays that fall on a day that would otherwise be worked.
    auto weekday_holidays = [&](auto first, auto last) {
        std::int64_t h = 0;
        for (; first != last; ++first)
            if (!(mask & weekday_bit(first->first))) ++h;
        return h;
    };
    auto working = [&](sys_days d) { return !(mask & weekday_bit(d)) && !holidays_.contains(d); };

    sys_days cur{from};
    if (n == 0) {
        while (!working(cur)) cur += days{1};
        return Date{cur};
    }
    std::int64_t remaining = n > 0 ? std::int64_t{n} : -std::int64_t{n};
    if (n > 0) {
        // Invariant: the working days in (from, cur] are n - remaining.
        while (remaining > per_week) {
            // Jump whole weeks, keeping remaining >= 1 so the answer is found by walking.
            const std::int64_t weeks = (remaining - 1) / per_week;
            const sys_days target = cur + days{7 * weeks};
            remaining -= weeks * per_week -
                         weekday_holidays(holidays_.upper_bound(cur), holidays_.upper_bound(target));
            cur = target;
        }
        while (remaining > 0) {
            cur += days{1};
            if (working(cur)) --remaining;
        }
    } else {
        // Invariant: the working days in [cur, from) are |n| - remaining.
        while (remaining > per_week) {
            const std::int64_t weeks = (remaining - 1) / per_week;
            const sys_days target = cur - days{7 * weeks};
            remaining -= weeks * per_week -
                         weekday_holidays(holidays_.lower_bound(target), holidays_.lower_bound(cur));
            cur = target;
        }
        while (remaining > 0) {
            cur -= days{1};
            if (working(cur)) --remaining;
        }
    }
    return Date{cur};
}

int Calendar::working_days_between(Date from, Date to) const {
    const sys_days a{from}, b{to};
    if (b < a) return -working_days_between(to, from);
    const unsigned mask = weekend_mask(weekend_);
    const int per_week = 7 - std::popcount(mask);
    std::int64_t n = weekday_count(a, (b - a).count(), mask, per_week);
    for (auto it = holidays_.upper_bound(a), end = holidays_.upper_bound(b); it != end; ++it)
        if (!(mask & weekday_bit(it->first))) --n;
    return static_cast<int>(n);
}

}  // namespace alur
