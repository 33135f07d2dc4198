#include "rows.hpp"

#include "alur/engine/time.hpp"

#include <chrono>

namespace alur::sqlite::detail {
namespace {

using namespace std::chrono;

Error bad_time(std::string_view column, std::string_view text, const std::string& where) {
    return make_error(errc::corrupt,
                      where + " has a malformed " + std::string(column) + " '" + std::string(text) + "'");
}

/// Reads the time in column `col` (named `column` in the error) into `out`;
/// `where()` names the row, built only when the time is malformed.
template <class Where>
Result<void> read_time(const SQLite::Statement& row, int col, std::string_view column, const Where& where,
                       TimePoint& out) {
    const SQLite::Column c = row.getColumn(col);
    const auto* text = static_cast<const char*>(c.getBlob());  // before getBytes, as SQLite asks
    const std::string_view view(text ? text : "", static_cast<std::size_t>(c.getBytes()));
    auto t = parse_utc(view);
    if (!t) return bad_time(column, view, where());
    out = *t;
    return {};
}

/// The same for a nullable column: `out` stays unset for NULL.
template <class Where>
Result<void> read_time(const SQLite::Statement& row, int col, std::string_view column, const Where& where,
                       std::optional<TimePoint>& out) {
    if (row.getColumn(col).isNull()) return {};
    TimePoint t;
    if (auto r = read_time(row, col, column, where, t); !r) return r;
    out = t;
    return {};
}

}  // namespace

std::string time_text(TimePoint t) { return format_utc(t); }


Result<EventRecord> read_event(const SQLite::Statement& row) {
    EventRecord e;
    e.case_id = row.getColumn(0).getString();
    e.seq = row.getColumn(1).getInt64();
    e.global_seq = row.getColumn(2).getInt64();
    e.name = row.getColumn(3).getString();
    e.payload = row.getColumn(4).getString();
    e.actor = row.getColumn(5).getString();
    e.role = row.getColumn(6).getString();
    e.reason = row.getColumn(7).getString();
    e.prev_hash = row.getColumn(10).getString();
    e.hash = row.getColumn(11).getString();
    e.recorded_by = row.getColumn(12).getString();
    auto where = [&] { return "event " + std::to_string(e.global_seq) + " (" + e.case_id + " #" + std::to_string(e.seq) + ")"; };
    if (auto r = read_time(row, 8, "occurred_at", where, e.occurred_at); !r) return r.error();
    if (auto r = read_time(row, 9, "recorded_at", where, e.recorded_at); !r) return r.error();
    return e;
}

Result<CaseRecord> read_case(const SQLite::Statement& row) {
    CaseRecord c;
    c.id = row.getColumn(0).getString();
    c.workflow = row.getColumn(1).getString();
    c.state = row.getColumn(2).getString();
    c.version = row.getColumn(3).getInt64();
    c.data = row.getColumn(4).getString();
    c.summary.unit = row.getColumn(8).getString();
    c.summary.subject = row.getColumn(9).getString();
    c.summary.label = row.getColumn(10).getString();
    c.summary.origin = row.getColumn(11).getString();
    c.summary.jobfit_batch = row.getColumn(12).getString();
    auto where = [&] { return "case " + c.id; };
    if (auto r = read_time(row, 5, "opened_at", where, c.opened_at); !r) return r.error();
    if (auto r = read_time(row, 6, "updated_at", where, c.updated_at); !r) return r.error();
    if (auto r = read_time(row, 7, "due_at", where, c.due_at); !r) return r.error();
    return c;
}

Result<Timer> read_timer(const SQLite::Statement& row) {
    Timer t;
    t.id = row.getColumn(0).getInt64();
    t.case_id = row.getColumn(1).getString();
    t.state = row.getColumn(2).getString();
    const std::string kind = row.getColumn(3).getString();
    t.ordinal = row.getColumn(6).getInt();
    auto where = [&] { return "timer " + std::to_string(t.id) + " of case " + t.case_id; };
    if (kind == to_string(TimerKind::reminder)) t.kind = TimerKind::reminder;
    else if (kind == to_string(TimerKind::deadline)) t.kind = TimerKind::deadline;
    else return make_error(errc::corrupt, where() + " has an unknown kind '" + kind + "'");
    if (auto r = read_time(row, 4, "fire_at", where, t.fire_at); !r) return r.error();
    if (auto r = read_time(row, 5, "due_at", where, t.due_at); !r) return r.error();
    return t;
}

Result<Notice> read_notice(const SQLite::Statement& row) {
    Notice n;
    n.id = row.getColumn(0).getInt64();
    n.event_global_seq = row.getColumn(1).getInt64();
    n.case_id = row.getColumn(2).getString();
    n.channel = row.getColumn(3).getString();
    n.recipient = row.getColumn(4).getString();
    n.payload = row.getColumn(5).getString();
    n.attempts = row.getColumn(7).getInt();
    n.last_error = row.getColumn(10).getString();
    auto where = [&] { return "notice " + std::to_string(n.id); };
    if (auto r = read_time(row, 6, "created_at", where, n.created_at); !r) return r.error();
    if (auto r = read_time(row, 8, "next_attempt_at", where, n.next_attempt_at); !r) return r.error();
    if (auto r = read_time(row, 9, "delivered_at", where, n.delivered_at); !r) return r.error();
    return n;
}

StatementUse::~StatementUse() {
    s_.tryReset();
    try {
        s_.clearBindings();
    } catch (...) {
        // sqlite3_clear_bindings cannot fail; a destructor must not throw anyway.
    }
}

}  // namespace alur::sqlite::detail
