// Rows <-> records: the column lists of the queries and how each row decodes.
//
// Times are stored as alur::format_utc text ("2024-05-02T02:30:00.000Z"),
// which sorts in time order and is exactly the form the event hash covers.
#pragma once

#include "alur/engine/journal.hpp"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>
#include <string_view>

namespace alur::sqlite::detail {

/// The columns read_event() expects, in its order.
inline constexpr const char* event_columns =
    "case_id, seq, global_seq, name, payload, actor, role, reason, occurred_at, recorded_at, prev_hash, hash";

/// The columns read_case() expects, in its order.
inline constexpr const char* case_columns = "id, workflow, state, version, data, opened_at, updated_at";

std::string time_text(TimePoint t);

/// Parses exactly "YYYY-MM-DDTHH:MM:SS.mmmZ"; nullopt for anything else.
std::optional<TimePoint> parse_time_text(std::string_view text);

/// The current row of a statement selecting `event_columns`; corrupt if a time is malformed.
Result<EventRecord> read_event(const SQLite::Statement& row);

/// The current row of a statement selecting `case_columns`; corrupt if a time is malformed.
Result<CaseRecord> read_case(const SQLite::Statement& row);

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
