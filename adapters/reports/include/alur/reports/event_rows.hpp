// alur/reports/event_rows.hpp — a journaled event as auditors take it out of
// Alur: the columns of `alur history --format csv`, `alur export` and
// GET /api/export (CSV), and the JSON Lines object of the jsonl form.
//
// Every field is written: case_id, seq, global_seq, name, payload, actor,
// role, reason, occurred_at, recorded_at, prev_hash, hash. The times and the
// payload are exactly as stored and hashed (UTC with milliseconds, canonical
// JSON text), so the hash chain can be recomputed from an export alone; the
// two *_local columns repeat the times in the agency's local time for people;
// recorded_by is who entered an event acted by someone else. Pure.
#pragma once

#include "alur/engine/event.hpp"
#include "alur/engine/time.hpp"
#include "alur/i18n/messages.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace alur::reports {

/// The header of the CSV: the column names, in order.
const std::vector<std::string>& event_columns();

/// The header of the column `key` (of event_columns() or the XLSX sheets)
/// for people, in `lang`, from the catalog ("export_col_<key>"): a column
/// ending in _utc gets " (UTC)", one ending in _local or (with `local_at`, as
/// in the XLSX) in _at gets " (zone)". The key itself when the catalog has none.
std::string column_label(std::string_view key, cli::Lang lang, std::string_view zone, bool local_at = false);

/// The CSV's header for people (headers=labels, --headers labels): each of
/// event_columns() as column_label gives it (occurred_at and recorded_at are UTC).
std::vector<std::string> event_column_labels(cli::Lang lang, std::string_view zone);

/// One event as the CSV's fields, in event_columns() order.
std::vector<std::string> event_row(const EventRecord& e, const TimeZone& tz);

/// One event as a JSON Lines object with the keys of event_columns() (the
/// payload as a JSON value, not text).
boost::json::object event_line_json(const EventRecord& e, const TimeZone& tz);

}  // namespace alur::reports
