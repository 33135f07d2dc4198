// `alur calendar [--year Y] [--from DATE --working-days N] [--json]`: the
// agency's working-day calendar, so an officer can check a deadline by hand.
//
// Without --from it lists the holidays of a year (date, weekday, kind, name,
// and which dates are only expected), saying whether the year's calendar is
// decreed, provisional or missing. With --from and --working-days it counts
// as the deadlines do (alur::Calendar::add_working_days over the configured
// [calendar]: shipped files, holiday_files, weekend) and lists every day it
// skipped. A year without a calendar is still counted, weekends only, and the
// output says so. Needs no database.
#include "alur/engine/calendar.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <charconv>
#include <chrono>
#include <iostream>
#include <string_view>

namespace alur::cli {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int min_year = 1900, max_year = 2200;
constexpr int max_working_days = 1000;  // as [deadlines] working_days: about four years

struct CalendarArgs {
    std::string year, from, working_days;
    bool json = false;
};

/// `text` as a whole integer in [lo, hi].
std::optional<int> whole_number(std::string_view text, int lo, int hi) {
    int v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc{} || ptr != end || v < lo || v > hi) return std::nullopt;
    return v;
}

/// "Senin" / "Monday"; `english` for JSON.
std::string weekday_name(Date d, bool english = false) {
    static constexpr std::string_view en[] = {"sunday",   "monday", "tuesday", "wednesday",
                                              "thursday", "friday", "saturday"};
    const unsigned i = std::chrono::weekday{sys_days{d}}.c_encoding();
    if (english) return std::string(en[i]);
    std::string_view names = tr(M::weekday_names);  // seven names, comma-separated
    for (unsigned k = 0; k < i; ++k) names.remove_prefix(names.find(',') + 1);
    return std::string(names.substr(0, names.find(',')));
}

const char* kind_text(std::string_view kind) {
    if (kind == "libur_nasional") return tr(M::kind_libur_nasional);
    if (kind == "cuti_bersama") return tr(M::kind_cuti_bersama);
    return tr(M::kind_weekend);
}

std::string status_line(const CalendarYear& y) {
    const std::string year = std::to_string(y.year);
    switch (y.status) {
        case YearStatus::confirmed: return trf(M::calendar_year_confirmed, {year, y.source});
        case YearStatus::provisional: return trf(M::calendar_year_provisional, {year, y.source});
        case YearStatus::missing: break;
    }
    return trf(M::calendar_year_missing, {year});
}

/// One listed day: a holiday, or a weekend day (`h` null).
boost::json::object day_json(Date d, const Holiday* h) {
    return {{"date", format_date(d)},
            {"weekday", weekday_name(d, true)},
            {"kind", h ? h->kind : std::string("weekend")},
            {"name", h ? h->name : std::string()},
            {"provisional", h && h->provisional}};
}

std::vector<std::string> day_row(Date d, const Holiday* h) {
    return {format_date(d), weekday_name(d), kind_text(h ? std::string_view(h->kind) : "weekend"), h ? h->name : "",
            h && h->provisional ? tr(M::word_provisional) : ""};
}

std::vector<std::string> header_row() {
    return {tr(M::col_date), tr(M::col_weekday), tr(M::col_kind), tr(M::col_holiday), tr(M::col_note)};
}

Result<void> run_list(int year, const CalendarArgs& args, const Calendar& cal) {
    const CalendarYear info = cal.year(year);
    const auto holidays = cal.holidays_of(year);
    if (args.json) {
        boost::json::array days_json;
        for (const Holiday& h : holidays) days_json.push_back(day_json(h.date, &h));
        print_json(std::cout, boost::json::object{{"year", year},
                                                  {"status", to_string(info.status)},
                                                  {"source", info.source},
                                                  {"holidays", std::move(days_json)}});
        return {};
    }
    std::cout << trf(M::calendar_heading, {std::to_string(year)}) << '\n' << status_line(info) << "\n\n";
    if (holidays.empty()) {
        std::cout << tr(M::calendar_no_days) << '\n';
        return {};
    }
    std::vector<std::vector<std::string>> rows{header_row()};
    for (const Holiday& h : holidays) rows.push_back(day_row(h.date, &h));
    print_table(std::cout, rows);
    return {};
}

Result<void> run_due(Date from, int n, const CalendarArgs& args, const Calendar& cal) {
    const Date due = cal.add_working_days(from, n);
    // The days the count passed over: (from, due] forwards, [due, from) backwards, [from, due) for n == 0.
    sys_days first = sys_days{from} + days{1}, last = sys_days{due};
    if (n < 0) first = sys_days{due}, last = sys_days{from} - days{1};
    if (n == 0) first = sys_days{from}, last = sys_days{due} - days{1};
    std::vector<std::pair<Date, const Holiday*>> skipped;
    for (sys_days d = first; d <= last; d += days{1})
        if (!cal.is_working_day(Date{d})) skipped.emplace_back(Date{d}, cal.holiday(Date{d}));
    const auto gaps = cal.gaps(from, due);

    if (args.json) {
        boost::json::array skipped_json;
        for (const auto& [d, h] : skipped) skipped_json.push_back(day_json(d, h));
        print_json(std::cout, boost::json::object{{"from", format_date(from)},
                                                  {"working_days", n},
                                                  {"due", format_date(due)},
                                                  {"due_weekday", weekday_name(due, true)},
                                                  {"calendar", calendar_gap_json(gaps)},
                                                  {"skipped", std::move(skipped_json)}});
        return {};
    }
    std::cout << trf(M::calendar_due, {std::to_string(n), format_date(from), weekday_name(from), format_date(due),
                                       weekday_name(due)})
              << '\n';
    if (!gaps.empty()) std::cout << tr(M::lbl_calendar) << ": " << calendar_gap_text(gaps) << '\n';
    std::cout << '\n';
    if (skipped.empty()) {
        std::cout << tr(M::calendar_nothing_skipped) << '\n';
        return {};
    }
    std::cout << trf(M::calendar_skipped, {std::to_string(skipped.size())}) << '\n';
    std::vector<std::vector<std::string>> rows{header_row()};
    for (const auto& [d, h] : skipped) rows.push_back(day_row(d, h));
    print_table(std::cout, rows);
    return {};
}

Result<void> run_calendar(const CalendarArgs& args, Context& ctx) {
    const Calendar& cal = ctx.deadline_clock().calendar;
    const std::string lo = std::to_string(min_year), hi = std::to_string(max_year);
    const std::string max_n = std::to_string(max_working_days);
    if (!args.working_days.empty() && args.from.empty())
        return make_error(errc::invalid_input, tr(M::err_calendar_needs_from), "working-days");
    if (!args.year.empty() && (!args.from.empty() || !args.working_days.empty()))
        return make_error(errc::invalid_input, tr(M::err_calendar_year_and_from), "year");
    if (!args.from.empty()) {
        auto from = parse_date(args.from);
        if (!from) return make_error(errc::invalid_input, trf(M::err_calendar_from, {from.error().message}), "from");
        if (int(from->year()) < min_year || int(from->year()) > max_year)
            return make_error(errc::invalid_input, trf(M::err_calendar_year, {lo, hi, args.from}), "from");
        const auto n = whole_number(args.working_days.empty() ? "0" : args.working_days, -max_working_days,
                                    max_working_days);
        if (!n)
            return make_error(errc::invalid_input,
                              trf(M::err_calendar_working_days, {max_n, max_n, args.working_days}), "working-days");
        return run_due(*from, *n, args, cal);
    }
    int year = int(local_date(std::chrono::time_point_cast<TimePoint::duration>(std::chrono::system_clock::now()), ctx.timezone()).year());
    if (!args.year.empty()) {
        const auto y = whole_number(args.year, min_year, max_year);
        if (!y) return make_error(errc::invalid_input, trf(M::err_calendar_year, {lo, hi, args.year}), "year");
        year = *y;
    }
    return run_list(year, args, cal);
}

}  // namespace

void add_calendar_commands(CLI::App& app, const Context&, Registry& out) {
    auto args = std::make_shared<CalendarArgs>();
    auto* cmd = app.add_subcommand("calendar", tr(M::cmd_calendar));
    cmd->add_option("--year", args->year, tr(M::opt_calendar_year));
    cmd->add_option("--from", args->from, tr(M::opt_calendar_from));
    cmd->add_option("--working-days", args->working_days, tr(M::opt_calendar_working_days));
    cmd->add_flag("--json", args->json, tr(M::opt_json));
    out.push_back({cmd, Needs::nothing, [args](Context& c) { return run_calendar(*args, c); }});
}

}  // namespace alur::cli
