// stats.cpp — the aggregates GET /metrics reads from the journal's file (stats.hpp).
#include "alur/sqlite/stats.hpp"

#include "errors.hpp"
#include "schema.hpp"
#include "store.hpp"

#include "alur/engine/time.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace alur::sqlite {

struct SqliteStats::Impl {
    explicit Impl(SQLite::Database d, std::string p) : db(std::move(d)), path(std::move(p)) {}
    SQLite::Database db;
    std::string path;
    std::mutex mutex;
};

const std::vector<std::int64_t>& SqliteStats::lateness_bounds() {
    static const std::vector<std::int64_t> bounds{0, 60, 3600, 86400};
    return bounds;
}

Result<std::shared_ptr<SqliteStats>> SqliteStats::open(const std::string& path) {
    auto db = detail::open_store(path);
    if (!db) return db.error();
    return std::shared_ptr<SqliteStats>(new SqliteStats(std::make_unique<Impl>(std::move(*db), path)));
}

SqliteStats::SqliteStats(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStats::~SqliteStats() = default;

namespace {

std::int64_t file_size(const std::string& path) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::int64_t>(n);
}

}  // namespace

Result<std::int64_t> SqliteStats::data_version() {
    return detail::guarded("reading the data version", [&]() -> Result<std::int64_t> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db, "PRAGMA data_version");
        q.executeStep();
        return q.getColumn(0).getInt64();
    });
}

Result<int> SqliteStats::schema_version() {
    return detail::guarded("reading the schema version", [&]() -> Result<int> {
        std::lock_guard lock(impl_->mutex);
        return detail::stored_schema_version(impl_->db);
    });
}

Result<StoreStats> SqliteStats::read(TimePoint now) {
    return detail::guarded("reading the journal's metrics", [&]() -> Result<StoreStats> {
        std::lock_guard lock(impl_->mutex);
        auto& db = impl_->db;
        StoreStats s;
        // One snapshot for every count (a read transaction: writers go on).
        SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
        s.schema_version = detail::stored_schema_version(db);
        {
            SQLite::Statement q(db, "SELECT workflow, state, count(*) FROM cases GROUP BY workflow, state");
            while (q.executeStep())
                s.cases[{q.getColumn(0).getString(), q.getColumn(1).getString()}] = q.getColumn(2).getInt64();
        }
        const std::string now_text = format_utc(now);
        {
            SQLite::Statement q(db, "SELECT workflow, count(*) FROM cases WHERE coalesce(due_at, '~') < ? "
                                    "GROUP BY workflow");
            q.bind(1, now_text);
            while (q.executeStep()) s.overdue[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
        }
        {
            SQLite::Statement count(db, "SELECT count(*) FROM timers WHERE fire_at <= ?");
            for (const std::int64_t bound : lateness_bounds()) {
                count.bind(1, format_utc(now - std::chrono::seconds(bound)));
                count.executeStep();
                s.timers_late.emplace_back(bound, count.getColumn(0).getInt64());
                count.reset();
            }
            SQLite::Statement all(db, "SELECT count(*) FROM timers");
            all.executeStep();
            s.timers_pending = all.getColumn(0).getInt64();
            s.timers_not_due = s.timers_pending - (s.timers_late.empty() ? 0 : s.timers_late.front().second);
        }
        {
            SQLite::Statement q(db, "SELECT channel, count(*), sum(attempts > 0), min(created_at) FROM outbox "
                                    "WHERE delivered_at IS NULL GROUP BY channel");
            while (q.executeStep()) {
                StoreStats::Backlog b;
                b.notices = q.getColumn(1).getInt64();
                b.failing = q.getColumn(2).getInt64();
                if (auto oldest = parse_utc(q.getColumn(3).getString()))
                    b.oldest_age_seconds = std::max(0.0, std::chrono::duration<double>(now - *oldest).count());
                s.outbox[q.getColumn(0).getString()] = b;
            }
        }
        {
            SQLite::Statement q(db, "SELECT coalesce(max(global_seq), 0) FROM events");
            q.executeStep();
            s.events = q.getColumn(0).getInt64();
        }
        s.database_bytes = file_size(impl_->path);
        s.wal_bytes = file_size(impl_->path + "-wal");
        return s;
    });
}

}  // namespace alur::sqlite
