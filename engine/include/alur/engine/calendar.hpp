// alur/engine/calendar.hpp — working days (hari kerja) of an agency.
//
// A working day is a day that is neither a weekend day (Saturday and Sunday by
// default) nor a holiday of the calendar: the national holidays and collective
// leave days (libur nasional, cuti bersama) of the joint ministerial decrees.
// Alur ships those of 2024-2026 (data/holidays/, compiled in); the
// configuration can add files. Immutable after construction; thread-safe.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace alur {

struct Holiday {
    Date date;
    std::string kind;  ///< "libur_nasional" or "cuti_bersama"
    std::string name;  ///< e.g. "Hari Raya Idul Fitri 1445 H"
};

class Calendar {
public:
    /// Weekends only: no holidays.
    Calendar();
    Calendar(std::vector<Holiday> holidays, std::vector<std::chrono::weekday> weekend = {std::chrono::Saturday,
                                                                                          std::chrono::Sunday});

    /// Parses a holiday file: one day a line, `YYYY-MM-DD kind name...`,
    /// blank lines and `#` comments ignored. invalid_input naming
    /// `source:line` and what is wrong (bad date, unknown kind, a day twice).
    static Result<std::vector<Holiday>> parse(std::string_view text, std::string_view source);

    /// The holidays shipped with Alur (data/holidays/*.txt, compiled in).
    static const std::vector<Holiday>& shipped();

    bool is_working_day(Date d) const;
    /// The holiday on `d`, or nullptr.
    const Holiday* holiday(Date d) const;

    /// n > 0: the n-th working day after `from` (10 working days from Monday
    /// 2024-04-01 is 2024-04-23, across Idul Fitri 1445 H); n < 0: the |n|-th
    /// working day before it; n == 0: `from` if it is a working day, else the
    /// next working day.
    Date add_working_days(Date from, int n) const;

    /// Working days in (from, to]; negative, counting (to, from], when to < from.
    int working_days_between(Date from, Date to) const;

    const std::vector<std::chrono::weekday>& weekend() const { return weekend_; }

private:
    std::map<std::chrono::sys_days, Holiday> holidays_;
    std::vector<std::chrono::weekday> weekend_;
};

}  // namespace alur
