#include "readers.hpp"

#include "rows.hpp"

namespace alur::sqlite::detail {
namespace {

std::string sql(const char* head, const char* columns, const char* tail) {
    return std::string(head) + columns + tail;
}

}  // namespace

Reader::Reader(SQLite::Database own_db) : Reader(std::move(own_db), nullptr, nullptr) {}

Reader::Reader(SQLite::Database& shared, std::mutex& shared_mutex) : Reader(std::nullopt, &shared, &shared_mutex) {}

Reader::Reader(std::optional<SQLite::Database> own_db, SQLite::Database* shared, std::mutex* shared_mutex)
    : own(std::move(own_db)),
      db(own ? *own : *shared),
      mutex(shared_mutex ? *shared_mutex : own_mutex),
      select_case(db, sql("SELECT ", case_columns, " FROM cases WHERE id = ?")),
      select_case_events(db, sql("SELECT ", event_columns, " FROM events WHERE case_id = ? ORDER BY seq")),
      select_events_after(db, sql("SELECT ", event_columns, " FROM events WHERE global_seq > ? ORDER BY global_seq LIMIT ?")),
      find_key(db, "SELECT fingerprint, case_id, seq FROM idempotency WHERE key = ?"),
      select_keys_after(db, "SELECT key, fingerprint, case_id, seq FROM idempotency WHERE key > ? ORDER BY key LIMIT ?"),
      select_case_timers(db, sql("SELECT ", timer_columns, " FROM timers WHERE case_id = ? ORDER BY fire_at, id")),
      select_case_notices(db, sql("SELECT ", notice_columns, " FROM outbox WHERE case_id = ? ORDER BY id")),
      select_notices_after(db, sql("SELECT ", notice_columns, " FROM outbox WHERE id > ? ORDER BY id LIMIT ?")) {}

SQLite::Statement& Reader::list_statement(const std::string& text) {
    auto it = lists.find(text);
    if (it == lists.end()) it = lists.emplace(text, SQLite::Statement(db, text)).first;
    return it->second;
}

ReaderPool::ReaderPool(std::function<SQLite::Database()> open, std::size_t size, std::unique_ptr<Reader> fallback)
    : open_(std::move(open)), size_(size), fallback_(std::move(fallback)) {}

ReaderPool::Lease ReaderPool::acquire() {
    Reader* wait_for = nullptr;
    {
        std::lock_guard lock(mutex_);
        for (auto& r : readers_) {
            std::unique_lock held(r->mutex, std::try_to_lock);
            if (held.owns_lock()) return Lease(*r, std::move(held));
        }
        if (readers_.size() < size_) {
            try {
                readers_.push_back(std::make_unique<Reader>(open_()));
                return Lease(*readers_.back(), std::unique_lock(readers_.back()->mutex));
            } catch (const SQLite::Exception&) {
                size_ = readers_.size();  // no more tries: the readers there are, else the writer's connection
            }
        }
        if (!readers_.empty()) wait_for = readers_[next_++ % readers_.size()].get();
    }
    Reader& r = wait_for ? *wait_for : *fallback_;
    return Lease(r, std::unique_lock(r.mutex));
}

std::size_t ReaderPool::open_readers() {
    std::lock_guard lock(mutex_);
    return readers_.size();
}

}  // namespace alur::sqlite::detail
