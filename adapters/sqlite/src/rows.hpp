// Rows <-> records: the column lists of the queries and how each row decodes.
//
// Times are stored as alur::format_utc text ("2024-05-02T02:30:00.000Z"),
// which sorts in time order and is exactly the form the event hash covers.
#pragma once

#include "alur/engine/journal.hpp"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::sqlite::detail {

/// The columns read_event() expects, in its order.
inline constexpr const char* event_columns =
    "case_id, seq, global_seq, name, payload, actor, role, reason, occurred_at, recorded_at, prev_hash, hash, "
    "recorded_by";

/// The columns read_case() expects, in its order.
inline constexpr const char* case_columns =
    "id, workflow, state, version, data, opened_at, updated_at, due_at, unit, subject, subject_label, origin, "
    "jobfit_batch";

/// The columns read_timer() expects, in its order.
inline constexpr const char* timer_columns = "id, case_id, state, kind, fire_at, due_at, ordinal";

/// The columns read_notice() expects, in its order.
inline constexpr const char* notice_columns =
    "id, event_global_seq, case_id, channel, recipient, payload, created_at, attempts, next_attempt_at, "
    "delivered_at, last_error";

std::string time_text(TimePoint t);

// Read back with alur::parse_utc, its exact inverse.

/// The current row of a statement selecting `event_columns`; corrupt if a time is malformed.
Result<EventRecord> read_event(const SQLite::Statement& row);

/// The current row of a statement selecting `case_columns`; corrupt if a time is malformed.
Result<CaseRecord> read_case(const SQLite::Statement& row);

/// The current row of a statement selecting `timer_columns`; corrupt if a time or the kind is malformed.
Result<Timer> read_timer(const SQLite::Statement& row);

/// The current row of a statement selecting `notice_columns`; corrupt if a time is malformed.
Result<Notice> read_notice(const SQLite::Statement& row);

/// Every row of `q`, each read by `read` (which fails on a malformed row).
template <class Read>
auto read_all(SQLite::Statement& q, Read read) -> Result<std::vector<typename decltype(read(q))::value_type>> {
    std::vector<typename decltype(read(q))::value_type> out;
    while (q.executeStep()) {
        auto row = read(q);
        if (!row) return row.error();
        out.push_back(std::move(*row));
    }
    return out;
}

/// A LIMIT operand: 0 means no limit (SQLite's -1), as in CaseFilter.
inline std::int64_t sql_limit(std::size_t limit) {
    constexpr auto max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    return limit == 0 ? -1 : static_cast<std::int64_t>(std::min(limit, max));
}

/// Resets a cached statement when the scope ends, so it holds no read lock
/// and no bound copies between uses.
class StatementUse {
public:
    explicit StatementUse(SQLite::Statement& s) : s_(s) {}
    ~StatementUse();
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    SQLite::Statement& operator*() const { return s_; }
    SQLite::Statement* operator->() const { return &s_; }

private:
    SQLite::Statement& s_;
};

}  // namespace alur::sqlite::detail
