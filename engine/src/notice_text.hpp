// The text of a timer's notice: what prepare_fire writes to the outbox and
// what audit::verify recomputes from the timer event to check each outbox row.
#pragma once

#include "alur/engine/time.hpp"
#include "alur/engine/timers.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace alur::detail {

/// The outbox payload for `timer` of case `case_id` (workflow `workflow`,
/// about `subject`), fired with `days_left` working days left, dates shown in
/// `tz`; without "recipient", which the caller sets per recipient.
/// `gaps`: the years of the deadline whose calendar was missing or provisional
/// when the timer fired (the event's "calendar" field); when not empty the
/// notice says so ("calendar" field and a sentence in each language).
boost::json::object timer_notice(const Timer& timer, const std::string& case_id, const std::string& workflow,
                                 const std::string& subject, int days_left, const TimeZone& tz,
                                 const std::vector<CalendarYear>& gaps = {});

/// The gaps as the timer event's "calendar" field: [{"year": 2027, "status": "provisional"}, ...].
boost::json::array calendar_json(const std::vector<CalendarYear>& gaps);
/// The gaps read back from that field (nullptr or malformed: none); sources are not kept.
std::vector<CalendarYear> calendar_from_json(const boost::json::value* field);

}  // namespace alur::detail
