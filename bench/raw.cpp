// bench/raw.cpp — the raw SQLite baselines every mode compares with.
//
// A fresh file in WAL mode with synchronous=FULL (as the journal), one table
// `raw(id INTEGER PRIMARY KEY, body TEXT)`, rows of the size of the engine's
// events rows: what SQLite itself does with the same bytes and no engine.
#include "bench.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace alur::bench {

namespace {

SQLite::Database open_raw(const std::string& path) {
    remove_db(path);
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=FULL");
    db.exec("CREATE TABLE raw (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    return db;
}

}  // namespace

std::size_t event_row_bytes(const EventRecord& e) {
    // Text columns as stored, the two times as 24-character UTC text, three integers.
    return e.case_id.size() + e.name.size() + e.payload.size() + e.actor.size() + e.role.size() + e.reason.size() +
           e.recorded_by.size() + e.prev_hash.size() + e.hash.size() + 2 * 24 + 3 * 8;
}

RawFigure raw_batched_inserts(const std::string& dir, std::size_t row_bytes, std::size_t per_tx, double seconds) {
    const std::string path = dir + "/raw.db";
    RawFigure out;
    {
        auto db = open_raw(path);
        SQLite::Statement insert(db, "INSERT INTO raw (body) VALUES (?)");
        const std::string body(row_bytes, 'x');
        Samples lat;
        std::size_t rows = 0;
        const auto start = Clock::now();
        while (seconds_since(start) < seconds) {
            const auto t = Clock::now();
            db.exec("BEGIN IMMEDIATE");
            for (std::size_t i = 0; i < per_tx; ++i) {
                insert.bind(1, body);
                insert.exec();
                insert.reset();
            }
            db.exec("COMMIT");
            rows += per_tx;
            lat.add(Clock::now() - t);
        }
        out.per_s = static_cast<double>(rows) / seconds_since(start);
        out.p50_us = lat.pct(0.5);
        out.p99_us = lat.pct(0.99);
    }
    remove_db(path);
    return out;
}

RawFigure raw_single_commits(const std::string& dir, std::size_t row_bytes, double seconds) {
    return raw_batched_inserts(dir, row_bytes, 1, seconds);  // rows/s = commits/s
}

}  // namespace alur::bench
