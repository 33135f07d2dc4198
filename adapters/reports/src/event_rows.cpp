#include "alur/reports/event_rows.hpp"

#include "alur/reports/json_text.hpp"

namespace alur::reports {

const std::vector<std::string>& event_columns() {
    static const std::vector<std::string> columns{
        "case_id", "seq",         "global_seq", "name",      "payload",           "actor",           "role",
        "reason",  "occurred_at", "recorded_at", "prev_hash", "hash", "occurred_at_local", "recorded_at_local",
        "recorded_by"};
    return columns;
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
