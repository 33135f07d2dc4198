// The text of a timer's notice: what prepare_fire writes to the outbox and
// what audit::verify recomputes from the timer event to check each outbox row.
#pragma once

#include "alur/engine/time.hpp"
#include "alur/engine/timers.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace alur::detail {

/// The outbox payload for `timer` of case `case_id` (workflow `workflow`,
/// about `subject`), fired with `days_left` working days left, dates shown in
/// `tz`; without "recipient", which the caller sets per recipient.
boost::json::object timer_notice(const Timer& timer, const std::string& case_id, const std::string& workflow,
                                 const std::string& subject, int days_left, const TimeZone& tz);

}  // namespace alur::detail
