// SqliteJournal::list_cases: the filter, the order and the keyset cursor in
// one SQL statement, so a page costs the rows it returns (and those the
// filters pass over), not the number of cases.
//
// Each order has an index ending in id (schema.cpp, version 6), so ORDER BY
// ... LIMIT walks it from the cursor's place and stops after the page. The
// statement steers SQLite to one index: terms that must not pick an index
// are written `+column` (SQLite then only checks them on each row).
//   - origin, jobfit_batch, subject: cases_by_origin, cases_by_jobfit_batch,
//     cases_by_subject (a handful of cases each: those opened from a case or
//     a batch, those of an official or post), in that preference, sorted after;
//   - id order: cases_by_workflow_state (workflow and state), else
//     cases_by_unit, else cases_by_workflow, else the primary key;
//   - due order: cases_by_state_due with a state, else cases_by_due_key
//     (also for overdue: the cases without a deadline sort last, as '~');
//   - opened / updated order: cases_by_opened / cases_by_updated.
//   - the search (CaseFilter::text) and the task states (in_states) are
//     checked on each row the walk passes: a search reads every case's data
//     (json_extract of case_search_fields) unless a page fills first.
// The cursor is key >= ? AND (key > ? OR id > ?): a seek on those indexes
// to the cursor's key, then past its ties. Statements are cached per shape in
// each reader (readers.hpp).
#include "errors.hpp"
#include "impl.hpp"
#include "rows.hpp"

#include <string_view>
#include <optional>
#include <vector>

namespace alur::sqlite {

namespace {

/// The sort key of a time order as SQL; what a case without a deadline sorts as.
constexpr const char* no_deadline = "~";

const char* key_sql(CaseOrder order) {
    switch (order) {
        case CaseOrder::id: return "id";
        case CaseOrder::due: return "coalesce(due_at, '~')";
        case CaseOrder::opened: return "opened_at";
        case CaseOrder::updated: return "updated_at";
    }
    return "id";
}

/// A bound value: text, or the LIMIT.
struct Bind {
    std::string text;
    std::optional<std::int64_t> number;
};

struct ListQuery {
    std::string sql;
    std::vector<Bind> binds;
};

/// Which equality term may use an index (see the file comment).
enum class Use { none, origin, jobfit_batch, subject, workflow_state, unit, workflow, state };

/// Whether `use` is an equality index the rows are sorted after.
bool few_rows(Use use) { return use == Use::origin || use == Use::jobfit_batch || use == Use::subject; }

Use index_for(const CaseFilter& f, CaseOrder order) {
    if (f.origin) return Use::origin;
    if (f.jobfit_batch) return Use::jobfit_batch;
    if (f.subject) return Use::subject;
    if (order == CaseOrder::id) {
        if (f.workflow && f.state) return Use::workflow_state;
        if (f.unit) return Use::unit;
        if (f.workflow) return Use::workflow;
        return Use::none;
    }
    if (order == CaseOrder::due && f.state) return Use::state;
    return Use::none;
}

/// The terms of the search and of the task states (CaseFilter::text,
/// CaseFilter::in_states), which no index serves: each row is checked.
void add_row_checks(const CaseFilter& f, ListQuery& q) {
    if (f.text) {
        q.binds.push_back({*f.text, std::nullopt});
        const std::string needle = "?" + std::to_string(q.binds.size());
        const auto holds = [&](const std::string& expr) { return "instr(lower(" + expr + "), " + needle + ") > 0"; };
        q.sql += " AND (" + holds("id") + " OR " + holds("subject");
        for (const char* path : case_search_fields)
            q.sql += " OR " + holds("coalesce(json_extract(data, '$." + std::string(path) + "'), '')");
        q.sql += ")";
    }
    if (f.in_states) {
        if (f.in_states->empty()) {
            q.sql += " AND 0";
            return;
        }
        // One text per pair, workflow and state joined by U+001F (which no name holds).
        q.sql += " AND (workflow || char(31) || state) IN (";
        for (std::size_t i = 0; i < f.in_states->size(); ++i) {
            const auto& [workflow, state] = (*f.in_states)[i];
            q.binds.push_back({workflow + '\x1f' + state, std::nullopt});
            q.sql += (i ? ", ?" : "?") + std::to_string(q.binds.size());
        }
        q.sql += ")";
    }
}

ListQuery list_query(const CaseFilter& f) {
    const CaseOrder order = f.effective_order();
    const Use use = index_for(f, order);
    ListQuery q;
    q.sql = std::string("SELECT ") + detail::case_columns + " FROM cases WHERE 1";
    const auto term = [&](bool indexed, const char* column, const char* op, std::string v) {
        q.binds.push_back({std::move(v), std::nullopt});
        q.sql += std::string(" AND ") + (indexed ? "" : "+") + column + " " + op + " ?" + std::to_string(q.binds.size());
    };
    add_row_checks(f, q);
    if (f.workflow)
        term(use == Use::workflow_state || use == Use::workflow, "workflow", "=", *f.workflow);
    if (f.state) term(use == Use::workflow_state || use == Use::state, "state", "=", *f.state);
    if (f.unit) term(use == Use::unit, "unit", "=", *f.unit);
    if (f.subject) term(use == Use::subject, "subject", "=", *f.subject);
    if (f.origin) term(use == Use::origin, "origin", "=", *f.origin);
    if (f.jobfit_batch) term(use == Use::jobfit_batch, "jobfit_batch", "=", *f.jobfit_batch);

    // Deadlines: in due order on the key the index holds (NULL as '~', which
    // every bound below excludes); elsewhere a plain check.
    const bool by_due = order == CaseOrder::due && (use == Use::none || use == Use::state);
    const char* due_column = by_due ? "coalesce(due_at, '~')" : "+due_at";
    if (f.overdue_at) term(true, due_column, "<", detail::time_text(*f.overdue_at));
    if (f.due.before) term(true, due_column, "<", detail::time_text(*f.due.before));
    if (f.due.from) {
        term(true, due_column, ">=", detail::time_text(*f.due.from));
        if (by_due && !f.overdue_at && !f.due.before) term(true, due_column, "<", std::string(no_deadline));
    }
    const auto range = [&](const TimeRange& r, CaseOrder own, const char* column) {
        const std::string col = std::string(order == own && use == Use::none ? "" : "+") + column;
        if (r.from) term(true, col.c_str(), ">=", detail::time_text(*r.from));
        if (r.before) term(true, col.c_str(), "<", detail::time_text(*r.before));
    };
    range(f.opened, CaseOrder::opened, "opened_at");
    range(f.updated, CaseOrder::updated, "updated_at");

    const char* dir = f.descending ? " DESC" : "";
    const char* past = f.descending ? "<" : ">";
    if (f.after) {
        if (order == CaseOrder::id) {
            term(true, "id", past, f.after->id);
        } else {
            // key >= k AND (key > k OR id > i): the first term is a plain range SQLite seeks to on the index
            // (it does not seek on a row value over an expression, coalesce(due_at, '~')); the second skips
            // the ties up to the cursor.
            std::string key = f.after->at ? detail::time_text(*f.after->at) : std::string(no_deadline);
            q.binds.push_back({std::move(key), std::nullopt});
            q.binds.push_back({f.after->id, std::nullopt});
            const std::string k = "?" + std::to_string(q.binds.size() - 1), i = "?" + std::to_string(q.binds.size());
            const std::string column = std::string(few_rows(use) ? "+" : "") + key_sql(order);
            q.sql += " AND " + column + " " + past + "= " + k + " AND (" + column + " " + past + " " + k + " OR id " +
                     past + " " + i + ")";
        }
    }
    q.sql += " ORDER BY ";
    if (order != CaseOrder::id) q.sql += std::string(key_sql(order)) + dir + ", ";
    q.sql += std::string("id") + dir;
    q.binds.push_back({{}, detail::sql_limit(f.limit)});
    q.sql += " LIMIT ?" + std::to_string(q.binds.size());
    return q;
}

/// count_cases: the filter's terms without position, order or limit, each
/// free to use an index (SQLite counts on the narrowest covering one).
ListQuery count_query(const CaseFilter& f) {
    ListQuery q;
    q.sql = "SELECT count(*) FROM cases WHERE 1";
    const auto term = [&](const char* column, const char* op, std::string v) {
        q.binds.push_back({std::move(v), std::nullopt});
        q.sql += std::string(" AND ") + column + " " + op + " ?" + std::to_string(q.binds.size());
    };
    add_row_checks(f, q);
    if (f.workflow) term("workflow", "=", *f.workflow);
    if (f.state) term("state", "=", *f.state);
    if (f.unit) term("unit", "=", *f.unit);
    if (f.subject) term("subject", "=", *f.subject);
    if (f.origin) term("origin", "=", *f.origin);
    if (f.jobfit_batch) term("jobfit_batch", "=", *f.jobfit_batch);
    // As cases_by_state_due holds it (a case without a deadline is '~', after every time): a state's overdue
    // cases are a range of that index.
    if (f.overdue_at) term("coalesce(due_at, '~')", "<", detail::time_text(*f.overdue_at));
    if (f.due.before) term("coalesce(due_at, '~')", "<", detail::time_text(*f.due.before));
    if (f.due.from) term("due_at", ">=", detail::time_text(*f.due.from));
    if (f.opened.from) term("opened_at", ">=", detail::time_text(*f.opened.from));
    if (f.opened.before) term("opened_at", "<", detail::time_text(*f.opened.before));
    if (f.updated.from) term("updated_at", ">=", detail::time_text(*f.updated.from));
    if (f.updated.before) term("updated_at", "<", detail::time_text(*f.updated.before));
    return q;
}

/// Runs `query` on `reader`'s cached statement for its text.
template <typename Read>
auto run(detail::Reader& reader, const ListQuery& query, Read read) {
    detail::StatementUse q(reader.list_statement(query.sql));
    int i = 0;
    for (const auto& v : query.binds) {
        ++i;
        if (v.number) q->bind(i, *v.number);
        else q->bind(i, v.text);
    }
    return read(*q);
}

}  // namespace

std::string list_cases_sql(const CaseFilter& filter) { return list_query(filter).sql; }

std::string count_cases_sql(const CaseFilter& filter) { return count_query(filter).sql; }

Result<std::int64_t> SqliteJournal::count_cases(const CaseFilter& filter) {
    auto reader = impl_->readers.acquire();
    return detail::guarded("counting cases", [&]() -> Result<std::int64_t> {
        return run(*reader, count_query(filter), [](SQLite::Statement& q) -> std::int64_t {
            return q.executeStep() ? q.getColumn(0).getInt64() : 0;
        });
    });
}

Result<std::vector<CaseRecord>> SqliteJournal::list_cases(const CaseFilter& filter) {
    auto reader = impl_->readers.acquire();
    return detail::guarded("listing cases", [&]() -> Result<std::vector<CaseRecord>> {
        return run(*reader, list_query(filter),
                   [](SQLite::Statement& q) { return detail::read_all(q, detail::read_case); });
    });
}

}  // namespace alur::sqlite
