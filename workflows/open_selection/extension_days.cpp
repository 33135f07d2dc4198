// The working days of a registration's extension, counted on the calendar
// excerpt `prepare` snapshots into the registration_extended payload, so that
// replay never depends on the calendar of the day (applicants.hpp). Pure.
#include "applicants.hpp"

#include "case_data.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace alur::open_selection::detail {

using namespace alur::workflows;

std::optional<Date> working_days_after(const json::object& excerpt, Date from, std::int64_t days) {
    using std::chrono::sys_days;
    const sys_days first{date_of(excerpt, "from")}, last{date_of(excerpt, "until")};
    std::vector<unsigned> weekend;
    if (const json::array* w = find_arr(excerpt, "weekend"))
        for (const auto& d : *w) weekend.push_back(static_cast<unsigned>(number(d)));
    std::vector<std::string> holidays;
    if (const json::array* h = find_arr(excerpt, "holidays"))
        for (const auto& d : *h)
            if (d.is_string()) holidays.emplace_back(d.get_string());
    sys_days day{from};
    if (day < first || day > last) return std::nullopt;
    for (std::int64_t counted = 0; counted < days;) {
        day += std::chrono::days{1};
        if (day > last) return std::nullopt;
        const unsigned wd = std::chrono::weekday{day}.c_encoding();
        if (std::find(weekend.begin(), weekend.end(), wd) != weekend.end()) continue;
        if (std::binary_search(holidays.begin(), holidays.end(), format_date(Date{day}))) continue;
        ++counted;
    }
    return Date{day};
}

json::object calendar_excerpt(const Calendar& calendar, Date today) {
    using std::chrono::sys_days;
    // From a year before the extension's date (a registration that closed
    // long before it) to half a year after: room for two extensions of 60
    // working days.
    const sys_days from = sys_days{today} - std::chrono::days{365}, until = sys_days{today} + std::chrono::days{180};
    json::array weekend, holidays;
    for (const auto& wd : calendar.weekend()) weekend.emplace_back(wd.c_encoding());
    for (sys_days d = from; d <= until; d += std::chrono::days{1})
        if (calendar.holiday(Date{d})) holidays.emplace_back(format_date(Date{d}));
    return {{"from", format_date(Date{from})}, {"until", format_date(Date{until})}, {"weekend", std::move(weekend)},
            {"holidays", std::move(holidays)}};
}

}  // namespace alur::open_selection::detail
