// acting.hpp — the acting official (Plt) events every workflow that leaves a
// post vacant shares: their payload specs, when a case has a vacancy to fill
// (per workflow), and the rules and changes the machine rows of
// acting_rows.hpp adapt. Private to workflows/. Pure functions over the case
// data and the payload (never a clock), so replay judges the same way.
//
// Kept apart from table_workflow.hpp and msm_machine.hpp (other owners) so the
// workflows take the Plt rows with the smallest edit to their own files.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/acting.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace alur::workflows::acting_rules {

namespace json = boost::json;

/// Why an act is refused (with its rule), or nullopt when it is allowed.
using Refusal = std::optional<std::string>;

/// acting_assigned {nip (checked as `alur open` checks one, in `tz`), name,
/// post, from, until (not before from), letter}; submitted by admin.
EventSpec acting_assigned_event(const TimeZone& tz);
/// acting_ended {date (the last day served), reason}; submitted by admin.
EventSpec acting_ended_event();

/// Whether the case's post is vacant and since when, as its workflow knows it.
struct Vacancy {
    Refusal not_vacant;       ///< why no Plt can be assigned (no post was left vacant)
    std::optional<Date> since; ///< the first day vacant, where the case knows it
};

/// mutation `completed`: the official was inaugurated into the new post
/// (data.inauguration.date), leaving the old one vacant from that day.
Vacancy mutation_vacancy(const json::object& data);
/// job_fit `closed`: vacant only after an approved develop (rest from office),
/// from the PPK's review date (data.review.decided_on).
Vacancy job_fit_vacancy(const json::object& data);
/// open_selection (any open state): the post is vacant, since a date the case
/// does not hold (retirement, death, a move recorded elsewhere).
Vacancy open_selection_vacancy(const json::object& data);

/// acting_assigned: the vacancy's refusal; `from` before the vacancy; a
/// period over the longest the law allows, if one is verified; an earlier
/// Plt of the case still serving on `from`. Each cites rule "acting_official"
/// in force on `from`.
Refusal assignment_refusal(const Vacancy& vacancy, const json::object& data, const json::object& payload);
/// data.acting gets {nip, name, post, from, until, letter, seq}.
void add_assignment(json::object& data, const json::object& payload, std::int64_t seq);

/// acting_ended: the last Plt of the case has not ended yet and `date` lies
/// within their period.
Refusal ending_refusal(const json::object& data, const json::object& payload);
/// The last entry of data.acting gets ended {date, reason, seq}.
void end_assignment(json::object& data, const json::object& payload, std::int64_t seq);

}  // namespace alur::workflows::acting_rules
