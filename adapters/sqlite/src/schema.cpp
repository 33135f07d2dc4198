#include "schema.hpp"

#include "grants.hpp"

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
    /// Run after `sql`, in the same transaction (nullptr: nothing).
    void (*after)(SQLite::Database&) = nullptr;
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

// Version 2: deadlines. cases.due_at (the current state's deadline, NULL for
// none) with an index for overdue listings; pending timers, found by fire time
// (next_timer, due_timers) and by case (replaced on each transition); the
// outbox of notices, with a partial index over the undelivered ones.
//
// AUTOINCREMENT keeps ids from ever being reused after a delete: a timer id
// names one timer for good, and receivers deduplicate notices on their id.
constexpr const char* schema_v2 = R"sql(
ALTER TABLE cases ADD COLUMN due_at TEXT;
CREATE INDEX cases_by_due ON cases (due_at, id);

CREATE TABLE timers (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases (id),
    state   TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('reminder', 'deadline')),
    fire_at TEXT NOT NULL,
    due_at  TEXT NOT NULL,
    ordinal INTEGER NOT NULL
);
CREATE INDEX timers_by_fire ON timers (fire_at, id);
CREATE INDEX timers_by_case ON timers (case_id, fire_at);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_global_seq INTEGER NOT NULL REFERENCES events (global_seq),
    case_id          TEXT NOT NULL REFERENCES cases (id),
    channel          TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    payload          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    delivered_at     TEXT,
    last_error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX outbox_by_case ON outbox (case_id, id);
)sql";

// Version 3: API tokens. Only the SHA-256 (hex) of a token is stored; a
// revoked token keeps its row (revoked_at set) so its name is never reused.
constexpr const char* schema_v3 = R"sql(
CREATE TABLE tokens (
    name       TEXT PRIMARY KEY,
    role       TEXT NOT NULL,
    sha256     TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
)sql";

// Version 4: the roster of officials (reference data loaded by `alur roster
// import`, one row per NIP, each row naming the import that last wrote it),
// the log of imports (file name, SHA-256 of the file, counts), and the job fit
// batches (the cases each opened and the officials it excluded, as JSON) with
// their serial per year.
constexpr const char* schema_v4 = R"sql(
CREATE TABLE roster_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL
);

CREATE TABLE roster (
    nip            TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    grade          TEXT NOT NULL,
    post           TEXT NOT NULL,
    unit           TEXT NOT NULL,
    inaugurated_at TEXT NOT NULL,
    birth_date     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    import_id      INTEGER NOT NULL REFERENCES roster_imports (id)
);
CREATE INDEX roster_by_unit ON roster (unit, name, nip);

CREATE TABLE jobfit_batches (
    id         TEXT PRIMARY KEY,
    as_of      TEXT NOT NULL,
    unit       TEXT NOT NULL,
    profile    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    actor      TEXT NOT NULL,
    body       TEXT NOT NULL
);

CREATE TABLE jobfit_serials (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);
)sql";

// Version 5: accountability. events.recorded_by (who recorded each event,
// besides its actor; '' on older rows, whose hash does not cover it); the
// refusals log and the grants chain, each its own SHA-256 chain beside the
// event chain (alur/engine/refusals.hpp, alur/engine/tokens.hpp). The tokens
// already stored get their grants journaled by the migration (grants.cpp).
constexpr const char* schema_v5 = R"sql(
ALTER TABLE events ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';

CREATE TABLE refusals (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    workflow    TEXT NOT NULL,
    event       TEXT NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    field       TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX refusals_by_case ON refusals (case_id, seq);
CREATE INDEX refusals_by_time ON refusals (at, seq);

CREATE TABLE grants (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('grant', 'revoke')),
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX grants_by_name ON grants (name, seq);
)sql";

constexpr std::array migrations{
    Migration{1, "events, cases, idempotency, case_serials", schema_v1},
    Migration{2, "cases.due_at, timers, outbox", schema_v2},
    Migration{3, "tokens", schema_v3},
    Migration{4, "roster, roster_imports, jobfit_batches, jobfit_serials", schema_v4},
    Migration{5, "events.recorded_by, refusals, grants", schema_v5, journal_existing_grants},
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
        if (m.after) m.after(db);
        set_version.bind(1, std::to_string(m.version));
        set_version.exec();
        set_version.reset();
    }
    tx.commit();
    return {};
}

}  // namespace alur::sqlite::detail
