// The case row a commit writes: a new case inserted whole; an existing one
// updated in the columns that changed, so a transition that keeps the state,
// the deadline and the list columns touches none of the indexes on them
// (SQLite maintains only the indexes of the columns an UPDATE sets).
#pragma once

#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>

namespace alur::sqlite::detail {

/// The columns of a stored case row the update compares against.
struct StoredCase {
    std::string workflow;
    std::string state;
    std::optional<std::string> due_at;  ///< as stored (time text), NULL: none
    std::string updated_at;
    std::string unit;
    std::string subject;
    std::string subject_label;
    std::string origin;
    std::string jobfit_batch;
};

/// The columns read_stored() expects, in its order (after those a query reads first).
inline constexpr const char* stored_case_columns = "workflow, state, due_at, updated_at, unit, subject, subject_label, origin, jobfit_batch";

/// The row of `q` from column `first` on (stored_case_columns).
StoredCase read_stored(const SQLite::Statement& q, int first);

}  // namespace alur::sqlite::detail
