// alur/reports/event_export.hpp — the journal's events taken out for an
// auditor, as `alur export` and GET /api/export write them: every event (or
// those since a time, or of one workflow's cases) in global order, read page
// by page so an export of millions of events runs in constant memory.
//
// EventPages reads the selected events a page at a time; EventText turns
// them into the export's text a chunk (one page) at a time: JSON Lines (one
// event_line_json object a line) or CSV (the event_columns header, then one
// event_row a record, written by CsvWriter: NIP columns as text, cells that
// a spreadsheet would run as formulas neutralised). The XLSX form is
// xlsx_export.hpp.
//
// Not thread-safe: one reader per export; the Journal must outlive it.
#pragma once

#include "alur/engine/journal.hpp"
#include "alur/engine/time.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace alur::cli {
class CsvWriter;
}

namespace alur::reports {

enum class ExportFormat { jsonl, csv, xlsx };

/// "jsonl", "csv" or "xlsx"; nullopt for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view text);

/// Which events an export takes.
struct EventFilter {
    std::optional<TimePoint> since;  ///< only events that occurred at or after it
    std::string workflow;            ///< only the events of this workflow's cases; empty: every case
};

/// The selected events, page by page, in global order.
class EventPages {
public:
    /// Reads `page_size` journal events a query (at least 1).
    EventPages(Journal& journal, EventFilter filter, std::size_t page_size = 10000);

    /// The selected events of the next journal page(s): never empty unless
    /// the journal is exhausted (then empty, and every later call too). A
    /// journal error is returned as it is.
    Result<std::vector<EventRecord>> next();

private:
    Result<bool> wanted(const std::string& case_id);

    Journal& journal_;
    EventFilter filter_;
    std::size_t page_size_;
    std::int64_t after_ = 0;
    bool done_ = false;
    std::map<std::string, bool, std::less<>> in_workflow_;  ///< case id -> of filter_.workflow
};

/// The export as text, a chunk at a time (jsonl or csv).
class EventText {
public:
    /// `header`: the CSV's header row; empty: the column keys of event_columns()
    /// (what scripts read); event_column_labels() for people.
    EventText(Journal& journal, EventFilter filter, ExportFormat format, TimeZone tz, std::size_t page_size = 10000,
              std::vector<std::string> header = {});
    ~EventText();

    /// The next chunk (a CSV's first one starts with the header; an export of
    /// no events is the header alone, or nothing for jsonl); nullopt at the end.
    Result<std::optional<std::string>> next();

    /// How many events the chunks so far held.
    std::int64_t written() const { return written_; }

private:
    EventPages pages_;
    ExportFormat format_;
    TimeZone tz_;
    std::ostringstream buffer_;
    std::unique_ptr<cli::CsvWriter> csv_;
    std::int64_t written_ = 0;
    bool ended_ = false;
};

}  // namespace alur::reports
