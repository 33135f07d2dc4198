// event_rows.hpp — journaled events as auditors take them out of Alur: the
// columns of `alur history --format csv` and `alur export`, the JSON Lines
// object of `export --format jsonl`, and the corrections recorded against
// each event (shown beside the original by `history`).
//
// Every field is written: case_id, seq, global_seq, name, payload, actor,
// role, reason, occurred_at, recorded_at, prev_hash, hash. The times and the
// payload are exactly as stored and hashed (UTC with milliseconds, canonical
// JSON text), so the hash chain can be recomputed from an export alone; the
// two *_local columns repeat the times in the agency's local time for people.
// Pure.
#pragma once

#include "alur/engine/event.hpp"
#include "alur/engine/time.hpp"
#include "alur/reports/event_rows.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace alur::cli {

/// One `corrected` event, as it applies to the event it corrects.
struct Correction {
    std::int64_t by_seq = 0;  ///< the `corrected` event's seq in the case
    std::int64_t by_global_seq = 0;
    std::string field;
    boost::json::value value;
    std::string reason;  ///< the correction's own reason (its payload), else the event's
    std::string actor;
    TimePoint occurred_at;
};

/// The corrections of one case's events: corrected seq -> corrections, in order.
std::map<std::int64_t, std::vector<Correction>> corrections_of(const std::vector<EventRecord>& events);

/// "dikoreksi oleh #12: value = 85 (salah ketik)" in the CLI's language.
std::string correction_text(const Correction& c);

boost::json::object correction_json(const Correction& c, const TimeZone& tz);

// The columns, the CSV row and the JSON Lines object (alur/reports/event_rows.hpp).
using reports::event_columns;
using reports::event_line_json;
using reports::event_row;

}  // namespace alur::cli
