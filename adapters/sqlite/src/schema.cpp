#include "schema.hpp"

#include "grants.hpp"

#include "alur/engine/journal.hpp"
#include "alur/sqlite/schema.hpp"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <vector>

namespace alur::sqlite::detail {
namespace {

struct Migration {
    int version;
    const char* what;
    /// What it does to the rows already stored (docs/OPERATIONS.md, "Upgrades").
    Rewrites rewrites;
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

// Version 6: reads that stay flat. The list columns a workflow gives each
// case (alur/engine/summary.hpp): unit, subject (the official's NIP or the
// vacant post) and subject_label, filled in for the cases already stored from
// where the workflows of this build keep them in the case data (the
// official's object, or the post and unit of an open selection); the engine
// writes them with every later event. Indexes for each filter and order of
// list_cases, each ending in id so a keyset cursor seeks straight to its page
// (statements.cpp, list.cpp). cases_by_due gives way to cases_by_due_key,
// which sorts the cases without a deadline after all others ('~' follows
// every time text) and also serves the overdue listing.
constexpr const char* schema_v6 = R"sql(
ALTER TABLE cases ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN subject_label TEXT NOT NULL DEFAULT '';
UPDATE cases SET
    unit = coalesce(json_extract(data, '$.official.unit'), ''),
    subject = coalesce(json_extract(data, '$.official.nip'), ''),
    subject_label = coalesce(json_extract(data, '$.official.name'), '') ||
        CASE WHEN coalesce(json_extract(data, '$.official.nip'), '') = '' THEN ''
             ELSE ' (NIP ' || json_extract(data, '$.official.nip') || ')' END
WHERE json_valid(data) AND json_type(data, '$.official') = 'object';
UPDATE cases SET
    unit = coalesce(json_extract(data, '$.unit'), ''),
    subject = json_extract(data, '$.post'),
    subject_label = json_extract(data, '$.post') ||
        CASE WHEN coalesce(json_extract(data, '$.unit'), '') = '' THEN ''
             ELSE ' (' || json_extract(data, '$.unit') || ')' END
WHERE json_valid(data) AND json_type(data, '$.official') IS NOT 'object' AND json_type(data, '$.post') = 'text';
DROP INDEX cases_by_due;
CREATE INDEX cases_by_due_key ON cases (coalesce(due_at, '~'), id);
CREATE INDEX cases_by_state_due ON cases (state, coalesce(due_at, '~'), id);
CREATE INDEX cases_by_workflow ON cases (workflow, id);
CREATE INDEX cases_by_unit ON cases (unit, id);
CREATE INDEX cases_by_subject ON cases (subject, id);
CREATE INDEX cases_by_opened ON cases (opened_at, id);
CREATE INDEX cases_by_updated ON cases (updated_at, id);
)sql";

// Version 7: links between cases. cases.origin (the case a case was opened
// from) and cases.jobfit_batch (the job fit batch an open selection was opened
// from), alur/engine/summary.hpp, filled in for the cases already stored from
// the same fields of their data as the engine reads them (alur::with_links:
// a string "origin", a string "jobfit_batch"); the engine writes them with
// every later event. Only these columns change: events, data and hashes stay
// as they were, so `audit verify` agrees with the file as before. An index on
// each, ending in id, for `alur cases linked` and the reports (list.cpp).
constexpr const char* schema_v7 = R"sql(
ALTER TABLE cases ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN jobfit_batch TEXT NOT NULL DEFAULT '';
UPDATE cases SET origin = json_extract(data, '$.origin')
WHERE json_valid(data) AND json_type(data) = 'object' AND json_type(data, '$.origin') = 'text';
UPDATE cases SET jobfit_batch = json_extract(data, '$.jobfit_batch')
WHERE json_valid(data) AND json_type(data) = 'object' AND json_type(data, '$.jobfit_batch') = 'text';
CREATE INDEX cases_by_origin ON cases (origin, id);
CREATE INDEX cases_by_jobfit_batch ON cases (jobfit_batch, id);
)sql";

// Version 8: the people who sign in (alur/engine/users.hpp): name, role,
// unit, the password's scrypt hash (alur/engine/passwords.hpp), when added
// and disabled. Adding a user, changing a password and disabling a user are
// journaled in the grants chain, whose CHECK on `action` the migration widens
// to the user actions (widen_grant_actions: the table is rebuilt, every entry
// kept byte for byte, so the chain verifies as before).
constexpr const char* schema_v8 = R"sql(
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    unit          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
);
)sql";

constexpr std::array migrations{
    Migration{1, "events, cases, idempotency, case_serials", Rewrites::nothing, schema_v1},
    Migration{2, "cases.due_at, timers, outbox", Rewrites::nothing, schema_v2},
    Migration{3, "tokens", Rewrites::nothing, schema_v3},
    Migration{4, "roster, roster_imports, jobfit_batches, jobfit_serials", Rewrites::nothing, schema_v4},
    Migration{5, "events.recorded_by, refusals, grants", Rewrites::adds_rows, schema_v5, journal_existing_grants},
    Migration{6, "cases.unit, subject, subject_label and the list indexes", Rewrites::fills_columns, schema_v6},
    Migration{7, "cases.origin, jobfit_batch and their indexes", Rewrites::fills_columns, schema_v7},
    Migration{8, "users; the grants chain takes the user actions", Rewrites::rebuilds_table, schema_v8,
              widen_grant_actions},
};

}  // namespace

int current_schema_version() { return migrations.back().version; }

std::vector<SchemaMigration> migrations_after(int version) {
    std::vector<SchemaMigration> out;
    for (const Migration& m : migrations)
        if (m.version > version) out.push_back({m.version, m.what, m.rewrites});
    return out;
}

int stored_schema_version(SQLite::Database& db) {
    if (!db.tableExists("meta")) return 0;
    SQLite::Statement q(db, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (!q.executeStep()) return 0;
    return q.getColumn(0).getInt();
}

namespace {

/// A table or index the migrations create: its name and, for an index, the
/// statement that creates it.
struct Object {
    std::string name;
    std::string sql;
};

/// The tables (indexes: `index` true) created by the migrations up to
/// `version` and not dropped by a later one of them, read from their SQL.
std::vector<Object> created(int version, bool index) {
    const std::string head = index ? "CREATE INDEX " : "CREATE TABLE ";
    const std::string drop = index ? "DROP INDEX " : "DROP TABLE ";
    std::vector<Object> out;
    for (const Migration& m : migrations) {
        if (m.version > version) break;
        const std::string_view text = m.sql;
        const auto name_after = [&](std::size_t at) {
            const auto end = text.find_first_of(" (;\n", at);
            return std::string(text.substr(at, end - at));
        };
        for (auto at = text.find(drop); at != std::string_view::npos; at = text.find(drop, at + 1))
            std::erase_if(out, [&](const Object& o) { return o.name == name_after(at + drop.size()); });
        for (auto at = text.find(head); at != std::string_view::npos; at = text.find(head, at + 1)) {
            const auto end = text.find(';', at);
            out.push_back({name_after(at + head.size()), std::string(text.substr(at, end - at))});
        }
    }
    return out;
}

std::set<std::string, std::less<>> objects(SQLite::Database& db, const char* type) {
    SQLite::Statement q(db, "SELECT name FROM sqlite_master WHERE type = ?");
    q.bind(1, type);
    std::set<std::string, std::less<>> out;
    while (q.executeStep()) out.insert(q.getColumn(0).getString());
    return out;
}

Error damaged(const std::string& what, const std::string& path) {
    return make_error(errc::corrupt, what + " is missing from database " + path +
                                         " (the file was damaged or altered; restore it from a backup)");
}

/// Every prefix of a case id has its serial row, at least as far as its
/// highest case: else the next case opened would take an id already used.
/// Two primary-key lookups per prefix: the prefix's first id, and whether the
/// id after the stored serial is taken.
Result<void> check_serials(SQLite::Database& db, const std::string& path) {
    // One snapshot: another process may open a case (a serial and its case
    // row, together) between two of the reads below. Read-only; rolled back.
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement next(db, "SELECT id FROM cases WHERE id > ? ORDER BY id LIMIT 1");
    SQLite::Statement taken(db, "SELECT 1 FROM cases WHERE id = ?");
    SQLite::Statement serial(db, "SELECT last FROM case_serials WHERE prefix = ?");
    for (std::string after;;) {
        next.bind(1, after);
        if (!next.executeStep()) return {};
        const std::string id = next.getColumn(0).getString();
        next.reset();
        const auto dash = id.rfind('-');
        if (dash == std::string::npos || dash == 0) {  // not an id the journal allocates: skip it
            after = id;
            continue;
        }
        const std::string prefix = id.substr(0, dash);
        after = prefix + ".";  // '.' follows '-': past every PREFIX-... id
        serial.bind(1, prefix);
        const bool has_row = serial.executeStep();
        const std::int64_t stored = has_row ? serial.getColumn(0).getInt64() : 0;
        serial.reset();
        if (!has_row) return damaged("the serial row of case prefix " + prefix + " (table case_serials)", path);
        // The id the journal allocates next must be free: one lookup per
        // prefix, whatever the number of cases (a scan of every id made each
        // command pay O(cases) on open).
        const std::string next_id = case_id_for(prefix, stored + 1);
        taken.bind(1, next_id);
        const bool collides = taken.executeStep();
        taken.reset();
        if (collides)
            return make_error(errc::corrupt, "the serial row of case prefix " + prefix + " in database " + path +
                                                 " says " + std::to_string(stored) + " but case " + next_id +
                                                 " exists (table case_serials was altered; restore it from a backup)");
    }
}

}  // namespace

Result<void> check_schema(SQLite::Database& db, const std::string& path, bool writable) {
    const auto tables = objects(db, "table");
    const int version = stored_schema_version(db);
    if (!tables.count("meta") && version == 0) {
        for (const Object& t : created(current_schema_version(), false))
            if (tables.count(t.name)) return damaged("table meta", path);
        return {};  // an empty file: migrate() creates the schema
    }
    if (version == 0) return damaged("the schema_version row of table meta", path);
    for (const Object& t : created(std::min(version, current_schema_version()), false))
        if (!tables.count(t.name)) return damaged("table " + t.name, path);
    if (writable) {
        const auto indexes = objects(db, "index");
        std::vector<const Object*> missing;
        const auto wanted = created(std::min(version, current_schema_version()), true);
        for (const Object& i : wanted)
            if (!indexes.count(i.name)) missing.push_back(&i);
        if (!missing.empty()) {  // only an index: rebuilt from the table
            SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
            for (const Object* i : missing) db.exec("CREATE INDEX IF NOT EXISTS " + i->sql.substr(13));
            tx.commit();
        }
    }
    return check_serials(db, path);
}

Result<void> check_readable(SQLite::Database& db, const std::string& path) {
    if (auto checked = check_schema(db, path, false); !checked) return checked;
    const int version = stored_schema_version(db);
    if (version == 0) return make_error(errc::not_found, "database " + path + " is empty; run `alur init` first");
    if (version > current_schema_version())
        return make_error(errc::invalid_input, "database " + path + " has schema version " + std::to_string(version) +
                                                   "; this build of alur knows versions up to " +
                                                   std::to_string(current_schema_version()) + ": upgrade alur");
    if (version < current_schema_version())
        return make_error(errc::invalid_input,
                          "database " + path + " has schema version " + std::to_string(version) +
                              " and a reading command does not migrate it: run any writing command (or `alur init`) "
                              "with write access once");
    return {};
}

Result<void> migrate(SQLite::Database& db, const std::string& path) {
    if (auto checked = check_schema(db, path, true); !checked) return checked;
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
