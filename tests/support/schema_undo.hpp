// Taking a journal file back to an older schema version, as an older build
// left it, for the migration tests: what each newer version added, removed.
#pragma once

#include <SQLiteCpp/Database.h>

namespace alur::test {

/// Undoes schema version 8 (table users; the grants chain's wider CHECK stays,
/// harmless to an older build).
inline void undo_schema_v8(SQLite::Database& raw) { raw.exec("DROP TABLE users;"); }

/// Undoes schema versions 8 and 7 (cases.origin, cases.jobfit_batch and their indexes).
inline void undo_schema_v7(SQLite::Database& raw) {
    undo_schema_v8(raw);
    raw.exec("DROP INDEX cases_by_origin; DROP INDEX cases_by_jobfit_batch; ALTER TABLE cases DROP COLUMN origin; "
             "ALTER TABLE cases DROP COLUMN jobfit_batch;");
}

/// Undoes schema versions 8, 7 and 6 (the list columns and indexes of cases).
inline void undo_schema_v6(SQLite::Database& raw) {
    undo_schema_v7(raw);
    raw.exec("DROP INDEX cases_by_due_key; DROP INDEX cases_by_state_due; DROP INDEX cases_by_workflow; "
             "DROP INDEX cases_by_unit; DROP INDEX cases_by_subject; DROP INDEX cases_by_opened; "
             "DROP INDEX cases_by_updated; ALTER TABLE cases DROP COLUMN unit; ALTER TABLE cases DROP COLUMN subject; "
             "ALTER TABLE cases DROP COLUMN subject_label; CREATE INDEX cases_by_due ON cases (due_at, id);");
}

}  // namespace alur::test
