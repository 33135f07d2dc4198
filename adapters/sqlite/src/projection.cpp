#include "projection.hpp"

#include "impl.hpp"
#include "rows.hpp"

#include <SQLiteCpp/Column.h>

#include <array>

namespace alur::sqlite {

namespace detail {

StoredCase read_stored(const SQLite::Statement& q, int first) {
    StoredCase s;
    s.workflow = q.getColumn(first).getString();
    s.state = q.getColumn(first + 1).getString();
    if (!q.getColumn(first + 2).isNull()) s.due_at = q.getColumn(first + 2).getString();
    s.updated_at = q.getColumn(first + 3).getString();
    s.unit = q.getColumn(first + 4).getString();
    s.subject = q.getColumn(first + 5).getString();
    s.subject_label = q.getColumn(first + 6).getString();
    s.origin = q.getColumn(first + 7).getString();
    s.jobfit_batch = q.getColumn(first + 8).getString();
    return s;
}

}  // namespace detail

namespace {

/// The columns an update sets only when they changed, one bit each.
constexpr std::array<const char*, 9> optional_columns{"workflow", "state",   "due_at",        "updated_at",
                                                      "unit",     "subject", "subject_label", "origin",
                                                      "jobfit_batch"};

}  // namespace

void SqliteJournal::Impl::write_case(const CaseRecord& c, const detail::StoredCase* stored) {
    const std::string updated = detail::time_text(c.updated_at);
    std::optional<std::string> due;
    if (c.due_at) due = detail::time_text(*c.due_at);
    if (!stored) {
        detail::StatementUse q(put_case);
        int i = 0;
        q->bind(++i, c.id);
        q->bind(++i, c.workflow);
        q->bind(++i, c.state);
        q->bind(++i, c.version);
        q->bind(++i, c.data);
        q->bind(++i, detail::time_text(c.opened_at));
        q->bind(++i, updated);
        if (due) q->bind(++i, *due);
        else q->bind(++i);
        q->bind(++i, c.summary.unit);
        q->bind(++i, c.summary.subject);
        q->bind(++i, c.summary.label);
        q->bind(++i, c.summary.origin);
        q->bind(++i, c.summary.jobfit_batch);
        q->exec();
        return;
    }
    const std::array<bool, optional_columns.size()> changed{
        c.workflow != stored->workflow, c.state != stored->state,     due != stored->due_at,
        updated != stored->updated_at,  c.summary.unit != stored->unit, c.summary.subject != stored->subject,
        c.summary.label != stored->subject_label, c.summary.origin != stored->origin,
        c.summary.jobfit_batch != stored->jobfit_batch};
    unsigned mask = 0;
    for (std::size_t b = 0; b < changed.size(); ++b)
        if (changed[b]) mask |= 1u << b;
    auto it = update_case.find(mask);
    if (it == update_case.end()) {
        std::string sql = "UPDATE cases SET version = ?1, data = ?2";
        for (std::size_t b = 0; b < optional_columns.size(); ++b)
            if (changed[b]) sql += std::string(", ") + optional_columns[b] + " = ?" + std::to_string(b + 4);
        sql += " WHERE id = ?3";
        it = update_case.emplace(mask, SQLite::Statement(db, sql)).first;
    }
    detail::StatementUse q(it->second);
    q->bind(1, c.version);
    q->bind(2, c.data);
    q->bind(3, c.id);
    const std::array<const std::optional<std::string>, optional_columns.size()> values{
        c.workflow, c.state, due, updated, c.summary.unit, c.summary.subject, c.summary.label, c.summary.origin,
        c.summary.jobfit_batch};
    for (std::size_t b = 0; b < values.size(); ++b) {
        if (!changed[b]) continue;
        const int at = static_cast<int>(b) + 4;
        if (values[b]) q->bind(at, *values[b]);
        else q->bind(at);
    }
    q->exec();
}

}  // namespace alur::sqlite
