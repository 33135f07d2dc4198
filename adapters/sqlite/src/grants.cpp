#include "grants.hpp"

#include "alur/engine/event.hpp"

#include <SQLiteCpp/Statement.h>

namespace alur::sqlite::detail {

std::pair<std::int64_t, std::string> chain_head(SQLite::Database& db, const char* table) {
    SQLite::Statement head(db, std::string("SELECT seq, hash FROM ") + table + " ORDER BY seq DESC LIMIT 1");
    if (!head.executeStep()) return {0, genesis_hash};
    return {head.getColumn(0).getInt64(), head.getColumn(1).getString()};
}

Grant append_grant(SQLite::Database& db, Grant g) {
    const auto [head_seq, head_hash] = chain_head(db, "grants");
    g = chain_grant(std::move(g), head_seq, head_hash);
    SQLite::Statement put(db, "INSERT INTO grants (seq, at, action, name, role, sha256, recorded_by, prev_hash, hash) "
                              "VALUES (?,?,?,?,?,?,?,?,?)");
    int i = 0;
    put.bind(++i, g.seq);
    put.bind(++i, format_utc(g.at));
    put.bind(++i, g.action);
    put.bind(++i, g.name);
    put.bind(++i, g.role);
    put.bind(++i, g.sha256);
    put.bind(++i, g.by);
    put.bind(++i, g.prev_hash);
    put.bind(++i, g.hash);
    put.exec();
    return g;
}

std::vector<Grant> read_grants(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT seq, at, action, name, role, sha256, recorded_by, prev_hash, hash "
                            "FROM grants ORDER BY seq");
    std::vector<Grant> out;
    while (q.executeStep()) {
        Grant g;
        g.seq = q.getColumn(0).getInt64();
        // A malformed time stays unparsed (epoch): the hash then fails to verify.
        if (auto at = parse_utc(q.getColumn(1).getString())) g.at = *at;
        g.action = q.getColumn(2).getString();
        g.name = q.getColumn(3).getString();
        g.role = q.getColumn(4).getString();
        g.sha256 = q.getColumn(5).getString();
        g.by = q.getColumn(6).getString();
        g.prev_hash = q.getColumn(7).getString();
        g.hash = q.getColumn(8).getString();
        out.push_back(std::move(g));
    }
    return out;
}

void journal_existing_grants(SQLite::Database& db) {
    if (!db.tableExists("tokens")) return;
    SQLite::Statement q(db, "SELECT name, role, sha256, created_at, revoked_at FROM tokens ORDER BY created_at, name");
    const std::string by = "schema-v5-migration";
    while (q.executeStep()) {
        Grant g;
        g.action = "grant";
        g.name = q.getColumn(0).getString();
        g.role = q.getColumn(1).getString();
        g.sha256 = q.getColumn(2).getString();
        if (auto at = parse_utc(q.getColumn(3).getString())) g.at = *at;
        g.by = by;
        append_grant(db, g);
        if (!q.getColumn(4).isNull()) {
            g.action = "revoke";
            if (auto at = parse_utc(q.getColumn(4).getString())) g.at = *at;
            append_grant(db, g);
        }
    }
}

void widen_grant_actions(SQLite::Database& db) {
    // Not in the migration's SQL text: schema.cpp reads the tables a
    // migration creates from it, and `grants` keeps its name.
    db.exec(R"sql(
CREATE TABLE grants_v8 (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('grant', 'revoke', 'user-add', 'user-passwd', 'user-disable')),
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
INSERT INTO grants_v8 (seq, at, action, name, role, sha256, recorded_by, prev_hash, hash)
    SELECT seq, at, action, name, role, sha256, recorded_by, prev_hash, hash FROM grants;
DROP TABLE grants;
ALTER TABLE grants_v8 RENAME TO grants;
CREATE INDEX grants_by_name ON grants (name, seq);
)sql");
}

}  // namespace alur::sqlite::detail
