// SqliteRefusalLog: the refusals log in table `refusals` (schema version 5).
#include "alur/sqlite/refusals.hpp"

#include "errors.hpp"
#include "grants.hpp"
#include "store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <mutex>
#include <optional>

namespace alur::sqlite {

struct SqliteRefusalLog::Impl {
    std::string path;
    bool read_only = false;
    std::mutex mutex;
    std::optional<SQLite::Database> db;  ///< opened on first use

    /// The connection, opened if it is not yet; under the mutex.
    Result<SQLite::Database*> connection() {
        if (!db) {
            auto opened = detail::open_store(path, read_only);
            if (!opened) return opened.error();
            db.emplace(std::move(*opened));
        }
        return &*db;
    }
};

namespace {

constexpr const char* columns =
    "seq, at, case_id, workflow, event, actor, role, recorded_by, code, message, field, prev_hash, hash";

Refusal read_refusal(SQLite::Statement& q) {
    Refusal r;
    int i = 0;
    r.seq = q.getColumn(i++).getInt64();
    // A malformed time stays unparsed (epoch): the hash then fails to verify.
    if (auto at = parse_utc(q.getColumn(i++).getString())) r.at = *at;
    for (std::string* field : {&r.case_id, &r.workflow, &r.event, &r.actor, &r.role, &r.recorded_by, &r.code,
                               &r.message, &r.field, &r.prev_hash, &r.hash})
        *field = q.getColumn(i++).getString();
    return r;
}

}  // namespace

SqliteRefusalLog::SqliteRefusalLog(std::string path, bool read_only) : impl_(std::make_unique<Impl>()) {
    impl_->path = std::move(path);
    impl_->read_only = read_only;
}
SqliteRefusalLog::~SqliteRefusalLog() = default;

Result<Refusal> SqliteRefusalLog::append(const Refusal& given) {
    std::lock_guard lock(impl_->mutex);
    auto db = impl_->connection();
    if (!db) return db.error();
    return detail::guarded("recording a refusal", [&]() -> Result<Refusal> {
        SQLite::Database& d = **db;
        SQLite::Transaction tx(d, SQLite::TransactionBehavior::IMMEDIATE);
        const auto [head_seq, head_hash] = detail::chain_head(d, "refusals");
        const Refusal r = chain_refusal(given, head_seq, head_hash);
        SQLite::Statement put(d, std::string("INSERT INTO refusals (") + columns +
                                     ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
        int i = 0;
        put.bind(++i, r.seq);
        put.bind(++i, format_utc(r.at));
        for (const std::string* field : {&r.case_id, &r.workflow, &r.event, &r.actor, &r.role, &r.recorded_by,
                                         &r.code, &r.message, &r.field, &r.prev_hash, &r.hash})
            put.bind(++i, *field);
        put.exec();
        tx.commit();
        return r;
    });
}

Result<std::vector<Refusal>> SqliteRefusalLog::list(const RefusalFilter& filter) {
    std::lock_guard lock(impl_->mutex);
    auto db = impl_->connection();
    if (!db) return db.error();
    return detail::guarded("reading the refusals log", [&]() -> Result<std::vector<Refusal>> {
        SQLite::Statement q(**db, std::string("SELECT ") + columns +
                                      " FROM refusals WHERE (?1 IS NULL OR case_id = ?1) AND (?2 IS NULL OR at >= ?2)"
                                      " ORDER BY seq LIMIT ?3");
        if (filter.case_id) q.bind(1, *filter.case_id);
        if (filter.since) q.bind(2, format_utc(*filter.since));
        q.bind(3, filter.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(filter.limit));
        std::vector<Refusal> out;
        while (q.executeStep()) out.push_back(read_refusal(q));
        return out;
    });
}

}  // namespace alur::sqlite
