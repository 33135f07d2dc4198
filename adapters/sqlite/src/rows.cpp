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

}  // namespace

std::string time_text(TimePoint t) { return format_utc(t); }

std::optional<TimePoint> parse_time_text(std::string_view s) { return parse_utc(s); }

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
    const std::string occurred = row.getColumn(8).getString();
    const std::string recorded = row.getColumn(9).getString();
    e.prev_hash = row.getColumn(10).getString();
    e.hash = row.getColumn(11).getString();
    const auto where = [&] { return "event " + std::to_string(e.global_seq) + " (" + e.case_id + " #" +
                                    std::to_string(e.seq) + ")"; };
    auto occurred_at = parse_time_text(occurred);
    if (!occurred_at) return bad_time("occurred_at", occurred, where());
    auto recorded_at = parse_time_text(recorded);
    if (!recorded_at) return bad_time("recorded_at", recorded, where());
    e.occurred_at = *occurred_at;
    e.recorded_at = *recorded_at;
    return e;
}

Result<CaseRecord> read_case(const SQLite::Statement& row) {
    CaseRecord c;
    c.id = row.getColumn(0).getString();
    c.workflow = row.getColumn(1).getString();
    c.state = row.getColumn(2).getString();
    c.version = row.getColumn(3).getInt64();
    c.data = row.getColumn(4).getString();
    const std::string opened = row.getColumn(5).getString();
    const std::string updated = row.getColumn(6).getString();
    auto opened_at = parse_time_text(opened);
    if (!opened_at) return bad_time("opened_at", opened, "case " + c.id);
    auto updated_at = parse_time_text(updated);
    if (!updated_at) return bad_time("updated_at", updated, "case " + c.id);
    c.opened_at = *opened_at;
    c.updated_at = *updated_at;
    if (!row.getColumn(7).isNull()) {
        const std::string due = row.getColumn(7).getString();
        auto due_at = parse_time_text(due);
        if (!due_at) return bad_time("due_at", due, "case " + c.id);
        c.due_at = *due_at;
    }
    return c;
}

Result<Timer> read_timer(const SQLite::Statement& row) {
    Timer t;
    t.id = row.getColumn(0).getInt64();
    t.case_id = row.getColumn(1).getString();
    t.state = row.getColumn(2).getString();
    const std::string kind = row.getColumn(3).getString();
    const std::string fire = row.getColumn(4).getString();
    const std::string due = row.getColumn(5).getString();
    t.ordinal = row.getColumn(6).getInt();
    const std::string where = "timer " + std::to_string(t.id) + " of case " + t.case_id;
    if (kind == to_string(TimerKind::reminder)) t.kind = TimerKind::reminder;
    else if (kind == to_string(TimerKind::deadline)) t.kind = TimerKind::deadline;
    else return make_error(errc::corrupt, where + " has an unknown kind '" + kind + "'");
    auto fire_at = parse_time_text(fire);
    if (!fire_at) return bad_time("fire_at", fire, where);
    auto due_at = parse_time_text(due);
    if (!due_at) return bad_time("due_at", due, where);
    t.fire_at = *fire_at;
    t.due_at = *due_at;
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
    const std::string created = row.getColumn(6).getString();
    n.attempts = row.getColumn(7).getInt();
    const std::string next = row.getColumn(8).getString();
    n.last_error = row.getColumn(10).getString();
    const std::string where = "notice " + std::to_string(n.id);
    auto created_at = parse_time_text(created);
    if (!created_at) return bad_time("created_at", created, where);
    auto next_attempt_at = parse_time_text(next);
    if (!next_attempt_at) return bad_time("next_attempt_at", next, where);
    n.created_at = *created_at;
    n.next_attempt_at = *next_attempt_at;
    if (!row.getColumn(9).isNull()) {
        const std::string delivered = row.getColumn(9).getString();
        auto delivered_at = parse_time_text(delivered);
        if (!delivered_at) return bad_time("delivered_at", delivered, where);
        n.delivered_at = *delivered_at;
    }
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
