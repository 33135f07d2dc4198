#include "alur/reports/event_rows.hpp"

#include "alur/i18n/page_strings.hpp"
#include "alur/reports/json_text.hpp"

namespace alur::reports {

const std::vector<std::string>& event_columns() {
    static const std::vector<std::string> columns{
        "case_id", "seq",         "global_seq", "name",      "payload",           "actor",           "role",
        "reason",  "occurred_at", "recorded_at", "prev_hash", "hash", "occurred_at_local", "recorded_at_local",
        "recorded_by"};
    return columns;
}

std::string column_label(std::string_view key, cli::Lang lang, std::string_view zone, bool local_at) {
    std::string base(key), suffix;
    if (key.ends_with("_utc")) {
        base.resize(base.size() - 4);
        suffix = " (UTC)";
    } else if (key.ends_with("_local")) {
        base.resize(base.size() - 6);
        suffix = " (" + std::string(zone) + ")";
    } else if (local_at && key.ends_with("_at")) {
        suffix = " (" + std::string(zone) + ")";
    }
    const i18n::PageString* row = i18n::find_page_string("export_col_" + base);
    if (!row) return std::string(key) + (local_at && key.ends_with("_at") ? suffix : std::string());
    return (lang == cli::Lang::en ? row->en : row->id) + suffix;
}

std::vector<std::string> event_column_labels(cli::Lang lang, std::string_view zone) {
    std::vector<std::string> out;
    for (const auto& c : event_columns())
        out.push_back(column_label(c == "occurred_at" || c == "recorded_at" ? c + "_utc" : c, lang, zone));
    return out;
}

std::vector<std::string> event_row(const EventRecord& e, const TimeZone& tz) {
    return {e.case_id,
            std::to_string(e.seq),
            std::to_string(e.global_seq),
            e.name,
            e.payload,
            e.actor,
            e.role,
            e.reason,
            format_utc(e.occurred_at),
            format_utc(e.recorded_at),
            e.prev_hash,
            e.hash,
            format_local(e.occurred_at, tz),
            format_local(e.recorded_at, tz),
            e.recorded_by};
}

boost::json::object event_line_json(const EventRecord& e, const TimeZone& tz) {
    return {{"case_id", e.case_id},
            {"seq", e.seq},
            {"global_seq", e.global_seq},
            {"name", e.name},
            {"payload", parse_stored(e.payload)},
            {"actor", e.actor},
            {"role", e.role},
            {"reason", e.reason},
            {"occurred_at", format_utc(e.occurred_at)},
            {"recorded_at", format_utc(e.recorded_at)},
            {"prev_hash", e.prev_hash},
            {"hash", e.hash},
            {"occurred_at_local", format_local(e.occurred_at, tz)},
            {"recorded_at_local", format_local(e.recorded_at, tz)},
            {"recorded_by", e.recorded_by}};
}

}  // namespace alur::reports
