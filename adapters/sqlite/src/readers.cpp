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

namespace {

/// The readers pinned by this thread, by pool (a thread pins at most one per pool).
thread_local std::vector<std::pair<const ReaderPool*, Reader*>> pins;

}  // namespace

ReaderPool::ReaderPool(std::function<SQLite::Database()> open, std::size_t size, std::unique_ptr<Reader> fallback)
    : open_(std::move(open)), size_(size), fallback_(std::move(fallback)) {}

Reader* ReaderPool::pinned() const {
    for (const auto& [pool, reader] : pins)
        if (pool == this) return reader;
    return nullptr;
}

ReaderPool::Lease ReaderPool::acquire() {
    if (Reader* r = pinned()) return Lease(*r, std::unique_lock<std::mutex>());  // this thread holds its lock
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

std::unique_ptr<ReaderPool::Pin> ReaderPool::pin() {
    if (pinned()) return nullptr;  // already pinned: the outer pin holds the snapshot
    Lease lease = acquire();
    if (!lease->own) return nullptr;
    return std::make_unique<Pin>(*this, std::move(lease));
}

ReaderPool::Pin::Pin(ReaderPool& pool, Lease lease) : pool_(pool), lease_(std::move(lease)) {
    // A deferred transaction's snapshot starts with its first read.
    lease_->db.exec("BEGIN DEFERRED");
    try {
        SQLite::Statement first(lease_->db, "SELECT count(*) FROM sqlite_schema");
        first.executeStep();
    } catch (...) {
        lease_->db.exec("ROLLBACK");
        throw;
    }
    pins.emplace_back(&pool_, &*lease_);
}

ReaderPool::Pin::~Pin() {
    std::erase_if(pins, [this](const auto& p) { return p.first == &pool_; });
    try {
        // Statements still stepping would keep the transaction open: reset them first.
        for (SQLite::Statement* s : {&lease_->select_case, &lease_->select_case_events, &lease_->select_events_after,
                                     &lease_->find_key, &lease_->select_keys_after, &lease_->select_case_timers,
                                     &lease_->select_case_notices, &lease_->select_notices_after})
            s->reset();
        for (auto& [text, s] : lease_->lists) s.reset();
        lease_->db.exec("COMMIT");
    } catch (const SQLite::Exception&) {
        // A read transaction that cannot end leaves nothing to undo; the
        // next BEGIN on this connection reports it.
    }
}

std::size_t ReaderPool::open_readers() {
    std::lock_guard lock(mutex_);
    return readers_.size();
}

}  // namespace alur::sqlite::detail
