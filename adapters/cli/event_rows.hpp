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

#include "alur/engine/corrections.hpp"
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

// The corrections of a case (alur::Correction, alur::corrections_of) are the
// engine's (alur/engine/corrections.hpp); here is how the CLI shows them.

/// "dikoreksi oleh #12: value = 85 (salah ketik)" in the CLI's language.
std::string correction_text(const Correction& c);

boost::json::object correction_json(const Correction& c, const TimeZone& tz);

// The columns, the CSV row and the JSON Lines object (alur/reports/event_rows.hpp).
using reports::event_columns;
using reports::event_line_json;
using reports::event_row;

}  // namespace alur::cli
