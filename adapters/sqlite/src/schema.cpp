#include "schema.hpp"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <array>

namespace alur::sqlite::detail {
namespace {

struct Migration {
    int version;
    const char* what;
    const char* sql;
};

// Version 1: the event log, case projections, idempotency keys, case serials.
//
// events.case_id refers to cases(id) with a deferred check: a commit inserts
// the event before it writes the case row. idempotency(case_id, seq) refers to
// the event the key produced.
constexpr const char* schema_v1 = R"sql(
CREATE TABLE cases (
    id         TEXT PRIMARY KEY,
    workflow   TEXT NOT NULL,
    state      TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    data       TEXT NOT NULL,
    opened_at  TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cases_by_workflow_state ON cases (workflow, state, id);

CREATE TABLE events (
    global_seq  INTEGER PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    name        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

CREATE TABLE idempotency (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    FOREIGN KEY (case_id, seq) REFERENCES events (case_id, seq)
);

CREATE TABLE case_serials (
    prefix TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
);
)sql";

constexpr std::array migrations{
    Migration{1, "events, cases, idempotency, case_serials", schema_v1},
};

}  // namespace

int current_schema_version() { return migrations.back().version; }

int stored_schema_version(SQLite::Database& db) {
    if (!db.tableExists("meta")) return 0;
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (!q.executeStep()) return 0;
    return q.getColumn(0).getInt();
}

Result<void> migrate(SQLite::Database& db, const std::string& path) {
    // Cheap check first: an up-to-date database needs no write lock.
    if (stored_schema_version(db) == current_schema_version()) return {};

    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const int stored = stored_schema_version(db);  // again, now that we hold the lock
    if (stored > current_schema_version())
        return make_error(errc::invalid_input, "database " + path + " has schema version " + std::to_string(stored) +
                                                   "; this build of alur knows versions up to " +
                                                   std::to_string(current_schema_version()) + ": upgrade alur");
    db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    SQLite::Statement set_version(
        db, "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    for (const Migration& m : migrations) {
        if (m.version <= stored) continue;
        db.exec(m.sql);
        set_version.bind(1, std::to_string(m.version));
        set_version.exec();
        set_version.reset();
    }
    tx.commit();
    return {};
}

}  // namespace alur::sqlite::detail
