// alur/reports/xlsx_export.hpp — the export as an Excel workbook
// (`alur export --format xlsx --out FILE`, GET /api/export?format=xlsx),
// written with libxlsxwriter in its constant-memory mode (rows go to disk
// as they are written, so a large journal does not fill memory).
//
// Sheet "events": the events EventPages selects, one a row, with a header
// row (bold, frozen, with an autofilter; the columns' names for people in
// the language asked, Indonesian by default: "nomor kasus", "waktu kejadian
// (WIB)", ...) and set column widths, the columns being
//   case_id, seq, global_seq, name, nip, actor, role, reason,
//   occurred_at, recorded_at (date-times in the agency's zone, shown
//   DD/MM/YYYY hh:mm; the header names the zone), recorded_by, payload,
//   prev_hash, hash, occurred_at_utc, recorded_at_utc (as stored and hashed).
// Sheet "cases": the cases of those events: id, workflow, state, version,
//   unit, subject, subject_label, opened_at, updated_at, due_at.
// Every text is a string cell, NIPs above all (the `nip` column is the
// payload's NIP; a number cell would keep 15 of its 18 digits). A cell
// longer than a spreadsheet holds (32 767 characters) is cut, ending with
// "…[cut]". More events than a sheet holds (1 048 575) is invalid_input.
// Not thread-safe; writes only `path`.
#pragma once

#include "alur/engine/journal.hpp"
#include "alur/engine/time.hpp"
#include "alur/i18n/messages.hpp"
#include "alur/reports/event_export.hpp"

#include <cstdint>
#include <string>

namespace alur::reports {

/// The media type of an .xlsx file.
inline constexpr const char* xlsx_media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Writes the workbook to `path` (created or truncated; its mode is kept
/// when it exists); how many events it holds. On failure `path` may hold a
/// partial file: the caller removes it.
/// The header row is for people, in `lang` (column_label in event_rows.hpp).
Result<std::int64_t> write_xlsx(const std::string& path, Journal& journal, const EventFilter& filter,
                                const TimeZone& tz, cli::Lang lang = cli::Lang::id);

}  // namespace alur::reports
