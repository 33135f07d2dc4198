#include "alur/engine/timers.hpp"

#include <algorithm>

namespace alur {
namespace {

TimePoint at_due_time(Date day, const DeadlineClock& clock) {
    return start_of_local_day(day, clock.timezone) + clock.due_time;
}

Date due_day(TimePoint due, const DeadlineClock& clock) { return local_date(due, clock.timezone); }

}  // namespace

const char* to_string(TimerKind k) noexcept { return k == TimerKind::reminder ? "reminder" : "deadline"; }

TimePoint due_time_for(const DeadlineRule& rule, TimePoint entered, const DeadlineClock& clock) {
    const Date entry = local_date(entered, clock.timezone);
    if (rule.calendar_months > 0)  // that calendar day, or the next working day when it is not one
        return at_due_time(clock.calendar.add_working_days(add_months(entry, rule.calendar_months), 0), clock);
    return at_due_time(clock.calendar.add_working_days(entry, rule.working_days), clock);
}

std::vector<Timer> timers_for_state(const std::string& case_id, const std::string& state, const DeadlineRule& rule,
                                    TimePoint entered, const DeadlineClock& clock) {
    const TimePoint due = due_time_for(rule, entered, clock);
    std::vector<Timer> out;
    for (int before : rule.remind_before) {
        TimePoint fire = at_due_time(clock.calendar.add_working_days(due_day(due, clock), -before), clock);
        if (fire > entered) out.push_back(Timer{0, case_id, state, TimerKind::reminder, fire, due, before});
    }
    out.push_back(Timer{0, case_id, state, TimerKind::deadline, due, due, 1});
    std::stable_sort(out.begin(), out.end(), [](const Timer& a, const Timer& b) { return a.fire_at < b.fire_at; });
    return out;
}

std::optional<Timer> next_escalation(const Timer& fired, const DeadlineRule& rule, TimePoint now,
                                     const DeadlineClock& clock) {
    if (fired.kind != TimerKind::deadline || rule.escalate_every <= 0) return std::nullopt;
    const Date first = due_day(fired.due_at, clock);
    Timer next = fired;
    next.id = 0;
    do {
        ++next.ordinal;
        next.fire_at = at_due_time(clock.calendar.add_working_days(first, (next.ordinal - 1) * rule.escalate_every), clock);
    } while (next.fire_at <= now);
    return next;
}

int working_days_left(TimePoint due, TimePoint now, const DeadlineClock& clock) {
    return clock.calendar.working_days_between(local_date(now, clock.timezone), due_day(due, clock));
}

std::vector<CalendarYear> calendar_gaps(TimePoint from, TimePoint due, const DeadlineClock& clock) {
    return clock.calendar.gaps(local_date(from, clock.timezone), due_day(due, clock));
}

std::string calendar_gap_note(const std::vector<CalendarYear>& gaps) {
    std::string out;
    for (const CalendarYear& g : gaps) {
        out += out.empty() ? "The holiday calendar for " : "; the holiday calendar for ";
        out += std::to_string(g.year);
        out += g.status == YearStatus::provisional ? " is provisional (expected dates)"
                                                   : " is missing (only weekends were skipped)";
    }
    return out.empty() ? out : out + ".";
}

}  // namespace alur
