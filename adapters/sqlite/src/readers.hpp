// The read side of SqliteJournal: connections that only read, so a list, a
// case or an event page never waits behind the writer's mutex or its fsync.
//
// In WAL mode a reader sees the last commit that finished before its
// statement started and never blocks the writer (nor the writer it). Each
// Reader is one connection with its own cached statements, used by one
// thread at a time (its mutex). The pool opens readers as they are needed, up
// to Options::read_connections. A journal whose readers cannot share the
// writer's file (":memory:", read-only, read_connections 0), or whose reader
// failed to open, reads through a Reader on the writer's own connection,
// under the writer's mutex: slower, the same answers.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace alur::sqlite::detail {

struct Reader {
    /// A reader on a connection of its own.
    explicit Reader(SQLite::Database own);
    /// A reader on the writer's connection, under the writer's mutex.
    Reader(SQLite::Database& shared, std::mutex& shared_mutex);
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    /// The cached list_cases statement for `sql` (list.cpp), prepared on first use.
    SQLite::Statement& list_statement(const std::string& sql);

    std::mutex own_mutex;
    std::optional<SQLite::Database> own;
    SQLite::Database& db;
    std::mutex& mutex;  ///< own_mutex, or the writer's

    SQLite::Statement select_case;
    SQLite::Statement select_case_events;
    SQLite::Statement select_events_after;
    SQLite::Statement find_key;
    SQLite::Statement select_keys_after;
    SQLite::Statement select_case_timers;
    SQLite::Statement select_case_notices;
    SQLite::Statement select_notices_after;
    std::map<std::string, SQLite::Statement, std::less<>> lists;

private:
    Reader(std::optional<SQLite::Database> own_db, SQLite::Database* shared, std::mutex* shared_mutex);
};

class ReaderPool {
public:
    /// `open` makes a new reader connection (throws SQLite::Exception); at
    /// most `size` of them. `fallback` (on the writer's connection) serves
    /// when `size` is 0 or no reader could be opened.
    ReaderPool(std::function<SQLite::Database()> open, std::size_t size, std::unique_ptr<Reader> fallback);

    /// A reader, locked for the caller until the lease ends: an idle one, a
    /// new one while the pool is not full, else the next one in turn.
    class Lease {
    public:
        Lease(Reader& r, std::unique_lock<std::mutex> lock) : r_(&r), lock_(std::move(lock)) {}
        Reader* operator->() const { return r_; }
        Reader& operator*() const { return *r_; }

    private:
        Reader* r_;
        std::unique_lock<std::mutex> lock_;
    };
    Lease acquire();

    /// Pins a reader of its own to the calling thread inside a read
    /// transaction: until the Pin is destroyed (on the same thread), this
    /// thread's acquire() returns that reader, and every read sees the
    /// snapshot the transaction began with. nullptr when only the writer's
    /// connection can read (a transaction there would hold the writer's mutex).
    class Pin {
    public:
        Pin(ReaderPool& pool, Lease lease);
        ~Pin();
        Pin(const Pin&) = delete;
        Pin& operator=(const Pin&) = delete;

    private:
        ReaderPool& pool_;
        Lease lease_;
    };
    std::unique_ptr<Pin> pin();

    /// The reader this thread has pinned, or nullptr.
    Reader* pinned() const;

    /// How many connections of its own the pool holds (for tests).
    std::size_t open_readers();

private:
    std::function<SQLite::Database()> open_;
    std::size_t size_;
    std::unique_ptr<Reader> fallback_;
    std::mutex mutex_;  ///< guards readers_, size_ and next_
    std::vector<std::unique_ptr<Reader>> readers_;
    std::size_t next_ = 0;
};

}  // namespace alur::sqlite::detail
