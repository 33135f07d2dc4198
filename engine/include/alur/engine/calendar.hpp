// alur/engine/calendar.hpp — working days (hari kerja) of an agency.
//
// A working day is a day that is neither a weekend day (Saturday and Sunday by
// default) nor a holiday of the calendar: the national holidays and collective
// leave days (libur nasional, cuti bersama) of the joint ministerial decrees.
// Alur ships those of 2019-2027 (data/holidays/, compiled in; 2027 provisional
// until its decree is in the file); the configuration can add files.
//
// A calendar knows which years it covers: a year is covered when a file for it
// was loaded, and provisional when that file says `# status: provisional` or
// one of its days is marked `# provisional`. Working days are still counted in
// a missing year (weekends only) or a provisional one; `gaps()` tells a caller
// which years of a range were counted that way, so it can say so.
// Immutable after construction; thread-safe.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur {

struct Holiday {
    Date date;
    std::string kind;  ///< "libur_nasional" or "cuti_bersama"
    std::string name;  ///< e.g. "Hari Raya Idul Fitri 1445 H"
    /// The date is expected, not decreed (a line ending in `# provisional ...`).
    bool provisional = false;
};

/// How far the calendar covers a year.
enum class YearStatus { missing, provisional, confirmed };
/// "missing", "provisional", "confirmed".
const char* to_string(YearStatus s) noexcept;

/// One year's coverage: its status and the file that gave it (empty when missing).
struct CalendarYear {
    int year = 0;
    YearStatus status = YearStatus::missing;
    std::string source;
};

/// One parsed holiday file.
///
/// Header lines are comments of the form `# key: value`, so a file with them
/// still loads in an Alur that does not know them:
///   `# year: 2027`           the file is the calendar of 2027: it covers that
///                            year, every date must lie in it, and loaded after
///                            another file it replaces that file's days of 2027;
///   `# year: none`           the file only adds days (a regional holiday) and
///                            covers no year;
///   `# status: provisional`  the year's decree is not out yet (default
///                            `confirmed`).
/// Without `# year:` the file covers the years its dates lie in (files written
/// before coverage existed). A day line may end in `# provisional <why>`.
struct HolidayFile {
    std::string source;
    std::vector<Holiday> holidays;
    std::vector<int> years;    ///< the years the file is the calendar of, ascending
    bool declared = false;     ///< `# year: YYYY` was given (the file replaces that year)
    bool provisional = false;  ///< `# status: provisional`
};

class Calendar {
public:
    /// Weekends only: no holidays.
    Calendar();
    /// Holidays without files: each year a holiday lies in counts as covered
    /// (provisional if one of its days is).
    Calendar(std::vector<Holiday> holidays, std::vector<std::chrono::weekday> weekend = {std::chrono::Saturday,
                                                                                          std::chrono::Sunday});
    /// Files in load order: a later day given twice wins; a file that declares
    /// its year replaces the earlier files' days of that year and sets its status.
    static Calendar from_files(std::vector<HolidayFile> files,
                               std::vector<std::chrono::weekday> weekend = {std::chrono::Saturday,
                                                                            std::chrono::Sunday});

    /// Parses a holiday file: one day a line, `YYYY-MM-DD kind name...`,
    /// blank lines and `#` comments ignored. invalid_input naming
    /// `source:line` and what is wrong (bad date, unknown kind, a day twice).
    static Result<std::vector<Holiday>> parse(std::string_view text, std::string_view source);
    /// As parse, with the header lines (`# year:`, `# status:`) read too:
    /// invalid_input naming `source:line` for a bad or repeated header, or a
    /// date outside the declared year.
    static Result<HolidayFile> parse_file(std::string_view text, std::string_view source);

    /// The holidays shipped with Alur (data/holidays/*.txt, compiled in).
    static const std::vector<Holiday>& shipped();
    /// The shipped files, in file-name order.
    static const std::vector<HolidayFile>& shipped_files();

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

    /// How the calendar covers `year`.
    CalendarYear year(int year) const;
    /// The covered years (provisional or confirmed), ascending.
    std::vector<CalendarYear> covered_years() const;
    /// The years of [from, to] (either order) whose calendar is missing or
    /// provisional, ascending; empty when every year of the range is confirmed.
    std::vector<CalendarYear> gaps(Date from, Date to) const;
    /// The holidays of `year`, in date order.
    std::vector<Holiday> holidays_of(int year) const;

private:
    void add_file(HolidayFile file);

    std::map<std::chrono::sys_days, Holiday> holidays_;
    std::map<int, CalendarYear> years_;  ///< covered years only
    std::vector<std::chrono::weekday> weekend_;
};

}  // namespace alur
