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
    return c;
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
