// alur/engine/timers.hpp — deadlines, reminders and escalations of case states.
//
// Each non-final state may have a DeadlineRule: the case is due `working_days`
// working days after it entered the state (or, with `calendar_months`, on the
// same calendar day that many months later), at the agency's `due_time`
// (local) of that day; reminders fire `remind_before` working days before the due day
// (at the same local time); after the due time an escalation fires, then one
// every `escalate_every` working days while the case is still in the state.
// Entering a state sets its timers, leaving it cancels them, in the commit of
// the transition. Pure functions over values; thread-safe.
#pragma once

#include "alur/engine/calendar.hpp"
#include "alur/engine/clock.hpp"
#include "alur/engine/time.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alur {

struct DeadlineRule {
    int working_days = 10;
    std::vector<int> remind_before{3, 1};  ///< working days before the due day, each > 0
    int escalate_every = 2;                ///< working days between escalations; 0: escalate once
    /// When > 0 the due day is the same calendar day this many months after
    /// the entry day (clamped to the month's last day: 08-31 + 6 -> 02-28;
    /// the next working day when that is not one), and `working_days` is not used: a
    /// period the law sets in months ("enam bulan", the JPT's improvement).
    int calendar_months = 0;
};

/// Per workflow: state -> rule. A state without a rule has no deadline.
using DeadlinePolicy = std::map<std::string, DeadlineRule, std::less<>>;

/// How deadlines are counted for an agency.
struct DeadlineClock {
    Calendar calendar;
    TimeZone timezone;
    std::chrono::minutes due_time{16 * 60};  ///< local time of day a deadline falls due (end of office hours)
};

enum class TimerKind { reminder, deadline };
const char* to_string(TimerKind k) noexcept;

/// One pending timer of a case, as stored.
struct Timer {
    std::int64_t id = 0;  ///< assigned by the journal
    std::string case_id;
    std::string state;  ///< the state it belongs to (it is cancelled when the case leaves it)
    TimerKind kind = TimerKind::reminder;
    TimePoint fire_at;
    TimePoint due_at;  ///< the state's deadline
    /// reminder: working days before the due day; deadline: escalation number (1, 2, ...)
    int ordinal = 0;
};

/// The deadline of a state entered at `entered`.
TimePoint due_time_for(const DeadlineRule& rule, TimePoint entered, const DeadlineClock& clock);

/// The timers set on entering a state at `entered` (reminders and the first
/// escalation), in fire order. Reminders whose time is not after `entered` are
/// left out.
std::vector<Timer> timers_for_state(const std::string& case_id, const std::string& state, const DeadlineRule& rule,
                                    TimePoint entered, const DeadlineClock& clock);

/// After escalation `fired` fired at `now`: the next escalation, the first one
/// of the series `due_at + k * escalate_every working days` (k >= fired) that
/// is after `now`, so an engine that was down fires once, not once per missed
/// period. nullopt when the rule escalates only once.
std::optional<Timer> next_escalation(const Timer& fired, const DeadlineRule& rule, TimePoint now,
                                     const DeadlineClock& clock);

/// Working days from `now` to `due` (local dates): positive while the deadline
/// is ahead, 0 on its day, negative once overdue.
int working_days_left(TimePoint due, TimePoint now, const DeadlineClock& clock);

/// The years between `from` and `due` (local dates, either order) whose
/// calendar is missing or provisional: the deadline was counted there with
/// weekends only, or with expected dates. Empty when every year is confirmed.
std::vector<CalendarYear> calendar_gaps(TimePoint from, TimePoint due, const DeadlineClock& clock);

/// The gaps as one English note, e.g. "the holiday calendar for 2027 is
/// provisional; for 2031 it is missing (weekends only)"; empty when none.
std::string calendar_gap_note(const std::vector<CalendarYear>& gaps);

}  // namespace alur
