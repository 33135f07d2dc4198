#include "alur/reports/event_export.hpp"

#include "alur/reports/event_rows.hpp"
#include "alur/reports/json_text.hpp"
#include "csv.hpp"

#include <algorithm>

namespace alur::reports {

std::optional<ExportFormat> parse_export_format(std::string_view text) {
    if (text == "jsonl") return ExportFormat::jsonl;
    if (text == "csv") return ExportFormat::csv;
    if (text == "xlsx") return ExportFormat::xlsx;
    return std::nullopt;
}

EventPages::EventPages(Journal& journal, EventFilter filter, std::size_t page_size)
    : journal_(journal), filter_(std::move(filter)), page_size_(std::max<std::size_t>(page_size, 1)) {}

// Asked once per case (cases opened while the export runs are found too).
Result<bool> EventPages::wanted(const std::string& case_id) {
    if (filter_.workflow.empty()) return true;
    if (auto known = in_workflow_.find(case_id); known != in_workflow_.end()) return known->second;
    auto record = journal_.find_case(case_id);
    bool yes = false;
    if (record) yes = record->workflow == filter_.workflow;
    else if (record.error().code != errc::not_found) return record.error();
    in_workflow_.emplace(case_id, yes);
    return yes;
}

Result<std::vector<EventRecord>> EventPages::next() {
    std::vector<EventRecord> out;
    while (out.empty() && !done_) {
        auto page = journal_.read_events(after_, page_size_);
        if (!page) return page.error();
        if (page->empty()) {
            done_ = true;
            break;
        }
        after_ = page->back().global_seq;
        for (EventRecord& e : *page) {
            if (filter_.since && e.occurred_at < *filter_.since) continue;
            auto yes = wanted(e.case_id);
            if (!yes) return yes.error();
            if (*yes) out.push_back(std::move(e));
        }
    }
    return out;
}

EventText::EventText(Journal& journal, EventFilter filter, ExportFormat format, TimeZone tz, std::size_t page_size,
                     std::vector<std::string> header)
    : pages_(journal, std::move(filter), page_size), format_(format), tz_(std::move(tz)) {
    if (format_ == ExportFormat::csv)
        csv_ = std::make_unique<cli::CsvWriter>(buffer_, header.empty() ? event_columns() : header);
}

EventText::~EventText() = default;

Result<std::optional<std::string>> EventText::next() {
    if (ended_) return std::optional<std::string>{};
    auto page = pages_.next();
    if (!page) return page.error();
    if (page->empty()) ended_ = true;
    for (const EventRecord& e : *page) {
        if (csv_) csv_->write(event_row(e, tz_));
        else buffer_ << compact_json(event_line_json(e, tz_)) << '\n';
        ++written_;
    }
    std::string chunk = std::move(buffer_).str();
    buffer_.str({});
    if (chunk.empty() && ended_) return std::optional<std::string>{};
    return std::optional<std::string>(std::move(chunk));
}

}  // namespace alur::reports
