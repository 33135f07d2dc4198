// SqliteJournal: the pending timers, the outbox and the change counter.
//
// next_timer and due_timers walk the (fire_at, id) index from its start, so
// they cost the rows they return, not the number of pending timers. Notice
// updates are single statements (autocommit): each is atomic on its own.
#include "errors.hpp"
#include "impl.hpp"
#include "rows.hpp"

namespace alur::sqlite {

using detail::guarded;
using detail::read_all;
using detail::sql_limit;
using detail::StatementUse;

// --- Timers ------------------------------------------------------------------

Result<std::vector<Timer>> SqliteJournal::case_timers(std::string_view case_id) {
    auto reader = impl_->readers.acquire();
    return guarded("reading the timers of case " + std::string(case_id), [&]() -> Result<std::vector<Timer>> {
        StatementUse q(reader->select_case_timers);
        q->bind(1, std::string(case_id));
        return read_all(*q, detail::read_timer);
    });
}

Result<std::optional<Timer>> SqliteJournal::next_timer() {
    std::lock_guard lock(impl_->mutex);
    return guarded("reading the next timer", [&]() -> Result<std::optional<Timer>> {
        StatementUse q(impl_->select_next_timer);
        while (q->executeStep()) {
            auto timer = detail::read_timer(*q);
            if (timer) return std::optional<Timer>{std::move(*timer)};
            impl_->unreadable_timers[q->getColumn(0).getInt64()] = timer.error().message;
        }
        return std::optional<Timer>{};
    });
}

Result<std::vector<Timer>> SqliteJournal::due_timers(TimePoint now, std::size_t limit) {
    if (detail::Reader* pinned = impl_->readers.pinned()) {
        // Inside a read snapshot (a verify): the same query on the pinned
        // connection, so the timers are those of the snapshot's moment.
        return guarded("reading the timers due at " + detail::time_text(now), [&]() -> Result<std::vector<Timer>> {
            SQLite::Statement q(pinned->db, impl_->select_due_timers.getQuery());
            q.bind(1, detail::time_text(now));
            q.bind(2, sql_limit(limit));
            std::vector<Timer> out;
            while (q.executeStep()) {
                auto timer = detail::read_timer(q);
                if (timer) {
                    out.push_back(std::move(*timer));
                } else {
                    std::lock_guard lock(impl_->mutex);
                    impl_->unreadable_timers[q.getColumn(0).getInt64()] = timer.error().message;
                }
            }
            return out;
        });
    }
    std::lock_guard lock(impl_->mutex);
    return guarded("reading the timers due at " + detail::time_text(now), [&]() -> Result<std::vector<Timer>> {
        StatementUse q(impl_->select_due_timers);
        q->bind(1, detail::time_text(now));
        q->bind(2, sql_limit(limit));
        std::vector<Timer> out;
        while (q->executeStep()) {
            auto timer = detail::read_timer(*q);
            if (timer) out.push_back(std::move(*timer));
            else impl_->unreadable_timers[q->getColumn(0).getInt64()] = timer.error().message;
        }
        return out;
    });
}

std::vector<std::string> SqliteJournal::unreadable_timers() {
    std::lock_guard lock(impl_->mutex);
    std::vector<std::string> out;
    for (const auto& [id, problem] : impl_->unreadable_timers) out.push_back(problem);
    return out;
}

Result<std::int64_t> SqliteJournal::timer_count() {
    if (detail::Reader* pinned = impl_->readers.pinned())
        return guarded("counting timers", [&]() -> Result<std::int64_t> {
            SQLite::Statement q(pinned->db, impl_->count_timers.getQuery());
            q.executeStep();
            return q.getColumn(0).getInt64();
        });
    std::lock_guard lock(impl_->mutex);
    return guarded("counting timers", [&]() -> Result<std::int64_t> {
        StatementUse q(impl_->count_timers);
        q->executeStep();
        return q->getColumn(0).getInt64();
    });
}

// --- Outbox ------------------------------------------------------------------

Result<std::vector<Notice>> SqliteJournal::pending_notices(TimePoint now, std::size_t limit) {
    std::lock_guard lock(impl_->mutex);
    return guarded("reading the notices due at " + detail::time_text(now), [&]() -> Result<std::vector<Notice>> {
        StatementUse q(impl_->select_pending);
        q->bind(1, detail::time_text(now));
        q->bind(2, sql_limit(limit));
        return read_all(*q, detail::read_notice);
    });
}

Result<void> SqliteJournal::notice_delivered(std::int64_t id, TimePoint at) {
    std::lock_guard lock(impl_->mutex);
    return guarded("recording the delivery of notice " + std::to_string(id), [&]() -> Result<void> {
        StatementUse q(impl_->set_delivered);
        q->bind(1, detail::time_text(at));
        q->bind(2, id);
        if (q->exec() == 0) return make_error(errc::not_found, "no notice " + std::to_string(id));
        return {};
    });
}

Result<void> SqliteJournal::notice_failed(std::int64_t id, std::string_view error, TimePoint retry_at) {
    std::lock_guard lock(impl_->mutex);
    return guarded("recording a failed delivery of notice " + std::to_string(id), [&]() -> Result<void> {
        StatementUse q(impl_->set_failed);
        q->bind(1, std::string(error));
        q->bind(2, detail::time_text(retry_at));
        q->bind(3, id);
        if (q->exec() == 0) return make_error(errc::not_found, "no notice " + std::to_string(id));
        return {};
    });
}

Result<std::vector<Notice>> SqliteJournal::case_notices(std::string_view case_id) {
    auto reader = impl_->readers.acquire();
    return guarded("reading the notices of case " + std::string(case_id), [&]() -> Result<std::vector<Notice>> {
        StatementUse q(reader->select_case_notices);
        q->bind(1, std::string(case_id));
        return read_all(*q, detail::read_notice);
    });
}

Result<std::vector<Notice>> SqliteJournal::read_notices(std::int64_t after, std::size_t limit) {
    auto reader = impl_->readers.acquire();
    return guarded("reading the outbox after notice " + std::to_string(after), [&]() -> Result<std::vector<Notice>> {
        StatementUse q(reader->select_notices_after);
        q->bind(1, after);
        q->bind(2, detail::sql_limit(limit));
        return read_all(*q, detail::read_notice);
    });
}

// --- Change counter ----------------------------------------------------------

Result<std::uint64_t> SqliteJournal::change_counter() {
    std::lock_guard lock(impl_->mutex);
    return guarded("reading the data version", [&]() -> Result<std::uint64_t> {
        StatementUse q(impl_->data_version);
        q->executeStep();
        return static_cast<std::uint64_t>(q->getColumn(0).getInt64());
    });
}

Result<void> SqliteJournal::checkpoint() {
    std::lock_guard lock(impl_->mutex);
    return guarded("checkpointing " + impl_->path, [&]() -> Result<void> {
        SQLite::Statement q(impl_->db, "PRAGMA wal_checkpoint(TRUNCATE)");
        if (q.executeStep() && q.getColumn(0).getInt() != 0)
            return make_error(errc::busy, "another connection kept the checkpoint of " + impl_->path +
                                              " from finishing; try again when it is done");
        return {};
    });
}

}  // namespace alur::sqlite
