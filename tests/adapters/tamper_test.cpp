// Tamper evidence: on an SQLite journal of a few thousand events across many
// cases, 1000 random tamperings, each on a fresh copy of the file, are all
// detected by verify, and the row it names is the one tampered with.
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"
#include "alur/sqlite/journal.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <random>

using namespace alur;

namespace {

const std::vector<std::string> columns{"case_id", "seq",         "name",      "payload",   "actor", "role",
                                       "reason",  "occurred_at", "recorded_at", "prev_hash", "hash"};

/// Builds the pristine journal once: 120 cases taken to various states.
const std::filesystem::path& pristine() {
    static test::TempDir dir;
    static const std::filesystem::path path = [] {
        auto file = dir / "pristine.db";
        sqlite::Options options;
        options.synchronous = "NORMAL";
        auto journal = sqlite::SqliteJournal::open(file.string(), options).value();
        test::MutationFixture f({}, journal);
        const char* targets[] = {"completed", "scoring", "ppk_decision", "field_visit", "inauguration"};
        for (int i = 0; i < 120; ++i) f.case_in(targets[i % 5]);
        return file;
    }();
    return path;
}

struct Tampered {
    std::int64_t row = 0;  // the global sequence the tampering is at
    std::string how;
};

std::string flip_byte(std::string s, std::mt19937& rng) {
    if (s.empty()) return "x";
    std::size_t i = std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
    char c = s[i];
    do c = static_cast<char>(std::uniform_int_distribution<int>(0x21, 0x7e)(rng));
    while (c == s[i]);
    s[i] = c;
    return s;
}

Tampered tamper_once(SQLite::Database& db, std::mt19937& rng, std::int64_t n) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
    switch (pick(0, 3)) {
        case 0: {  // change one byte of one column of one row
            const std::int64_t row = pick(1, n);
            const std::string column = columns[static_cast<std::size_t>(pick(0, columns.size() - 1))];
            SQLite::Statement q(db, "SELECT CAST(" + column + " AS TEXT) FROM events WHERE global_seq = ?");
            q.bind(1, row);
            q.executeStep();
            std::string changed = flip_byte(q.getColumn(0).getString(), rng);
            SQLite::Statement u(db, "UPDATE events SET " + column + " = ? WHERE global_seq = ?");
            if (column == "seq") u.bind(1, static_cast<std::int64_t>(std::stoll(q.getColumn(0).getString()) + 1000 + pick(1, 9)));
            else u.bind(1, changed);
            u.bind(2, row);
            u.exec();
            return {row, "byte of " + column};
        }
        case 1: {  // delete a row
            const std::int64_t row = pick(1, n);
            db.exec("DELETE FROM events WHERE global_seq = " + std::to_string(row));
            return {row, "deleted"};
        }
        case 2: {  // swap the contents of two rows
            std::int64_t a = pick(1, n), b = pick(1, n);
            while (b == a) b = pick(1, n);
            if (a > b) std::swap(a, b);
            db.exec("UPDATE events SET global_seq = -1 WHERE global_seq = " + std::to_string(a));
            db.exec("UPDATE events SET global_seq = " + std::to_string(a) + " WHERE global_seq = " + std::to_string(b));
            db.exec("UPDATE events SET global_seq = " + std::to_string(b) + " WHERE global_seq = -1");
            return {a, "swapped with " + std::to_string(b)};
        }
        default: {  // a forged row with a correct hash of itself but a wrong predecessor
            const std::int64_t row = pick(1, n);
            SQLite::Statement q(db, "SELECT case_id, seq FROM events WHERE global_seq = ?");
            q.bind(1, row);
            q.executeStep();
            EventRecord forged;
            forged.case_id = q.getColumn(0).getString();
            forged.seq = q.getColumn(1).getInt64();
            forged.global_seq = row;
            forged.name = "record_added";
            forged.payload = R"({"item":"skp","value":"99"})";
            forged.actor = "mallory";
            forged.role = "admin";
            forged.reason = "forged";
            forged.prev_hash = sha256_hex("not the predecessor");
            forged.hash = compute_event_hash(forged);
            // Make room at `row` by moving every later row up one place.
            db.exec("UPDATE events SET global_seq = -global_seq - 1 WHERE global_seq >= " + std::to_string(row));
            db.exec("UPDATE events SET global_seq = -global_seq WHERE global_seq < 0");
            SQLite::Statement ins(db, "INSERT INTO events (global_seq, case_id, seq, name, payload, actor, role, "
                                      "reason, occurred_at, recorded_at, prev_hash, hash) "
                                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
            int i = 0;
            ins.bind(++i, forged.global_seq);
            ins.bind(++i, forged.case_id);
            ins.bind(++i, forged.seq + 1000);  // (case_id, seq) is unique
            ins.bind(++i, forged.name);
            ins.bind(++i, forged.payload);
            ins.bind(++i, forged.actor);
            ins.bind(++i, forged.role);
            ins.bind(++i, forged.reason);
            ins.bind(++i, format_utc(forged.occurred_at));
            ins.bind(++i, format_utc(forged.recorded_at));
            ins.bind(++i, forged.prev_hash);
            ins.bind(++i, forged.hash);
            ins.exec();
            return {row, "forged row inserted"};
        }
    }
}

/// One tampering; one that the file's own constraints refuse (a case_id
/// changed into another case's id at an existing seq) is drawn again.
Tampered tamper(SQLite::Database& db, std::mt19937& rng, std::int64_t n) {
    for (;;) {
        try {
            return tamper_once(db, rng, n);
        } catch (const SQLite::Exception&) {
        }
    }
}

}  // namespace

TEST_CASE("1000 random tamperings are all detected at the tampered row", "[audit][tamper][sqlite]") {
    const auto& master = pristine();
    std::int64_t n = 0;
    {
        auto journal = sqlite::SqliteJournal::open(master.string()).value();
        test::MutationFixture f({}, journal);
        auto clean = audit::verify(*f.engine).value();
        REQUIRE(clean.ok());
        n = clean.events;
        REQUIRE(journal->checkpoint());  // the copies below take the .db file alone
    }
    REQUIRE(n > 2000);
    test::TempDir work;
    std::mt19937 rng(20241123);
    int detected_at_row = 0;
    for (int round = 0; round < 1000; ++round) {
        auto copy = work / "copy.db";
        test::copy_database(master, copy);
        Tampered t;
        {
            SQLite::Database db(copy.string(), SQLite::OPEN_READWRITE);
            db.exec("PRAGMA synchronous = OFF");  // a scratch copy: no need to wait for the disk
            t = tamper(db, rng, n);
        }
        sqlite::Options scratch;
        scratch.synchronous = "NORMAL";
        auto journal = sqlite::SqliteJournal::open(copy.string(), scratch).value();
        test::MutationFixture f({}, journal);
        auto report = audit::verify(*f.engine).value();
        INFO("round " << round << ": " << t.how << " at row " << t.row);
        REQUIRE(report.problem);
        INFO("reported row " << report.problem->global_seq << " " << report.problem->field << ": "
                             << report.problem->what);
        CHECK(report.problem->global_seq == t.row);
        if (report.problem->global_seq == t.row) ++detected_at_row;
    }
    CHECK(detected_at_row == 1000);
}
