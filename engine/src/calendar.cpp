// Working days of an agency: weekends and the holidays of a calendar skipped.
//
// Every query is O(log H) for the first holiday lookup plus the holidays that
// lie in the range walked; whole weeks are counted arithmetically, so a
// deadline of n working days costs neither n map lookups nor a scan of the
// whole calendar (the escalation loop and the 1M-timer benchmark rely on it).
#include "alur/engine/calendar.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <stdexcept>
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

}  // namespace

Calendar::Calendar() : Calendar(std::vector<Holiday>{}) {}

Calendar::Calendar(std::vector<Holiday> holidays, std::vector<weekday> weekend) : weekend_(std::move(weekend)) {
    for (const weekday& w : weekend_)
        if (!w.ok()) throw std::invalid_argument("Calendar: a weekend day is not a weekday");
    if (std::popcount(weekend_mask(weekend_)) >= 7)
        throw std::invalid_argument("Calendar: a weekend of all seven days leaves no working day");
    // A day given twice (a configured file naming a shipped day again) keeps the last entry.
    for (Holiday& h : holidays) {
        if (!h.date.ok()) throw std::invalid_argument("Calendar: a holiday's date is not a real date");
        const sys_days key{h.date};
        holidays_.insert_or_assign(key, std::move(h));
    }
}

Result<std::vector<Holiday>> Calendar::parse(std::string_view text, std::string_view source) {
    std::vector<Holiday> out;
    std::map<sys_days, std::size_t> seen;  // day -> line it was first given on
    std::size_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);

        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = trim(line);
        if (line.empty()) continue;

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
        out.push_back(Holiday{*date, std::string(kind), std::string(line)});
    }
    return out;
}

const std::vector<Holiday>& Calendar::shipped() {
    static const std::vector<Holiday> holidays = [] {
        std::vector<Holiday> all;
        std::map<sys_days, std::string> from;  // day -> file that gave it
        for (const auto& [name, text] : detail::shipped_holiday_texts()) {
            const std::string source = "data/holidays/" + std::string(name);
            auto parsed = parse(text, source);
            if (!parsed) throw std::logic_error("shipped holiday calendar: " + parsed.error().message);
            for (Holiday& h : *parsed) {
                const auto [it, fresh] = from.emplace(sys_days{h.date}, source);
                if (!fresh)
                    throw std::logic_error("shipped holiday calendar: " + format_date(h.date) + " is in both " +
                                           it->second + " and " + source);
                all.push_back(std::move(h));
            }
        }
        std::sort(all.begin(), all.end(),
                  [](const Holiday& a, const Holiday& b) { return sys_days{a.date} < sys_days{b.date}; });
        return all;
    }();
    return holidays;
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
