// SqliteJournal: opening the file, and the read side of the Journal port.
#include "connect.hpp"
#include "errors.hpp"
#include "impl.hpp"
#include "rows.hpp"
#include "schema.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string_view>
#include <thread>

namespace alur::sqlite {

using detail::guarded;
using detail::read_all;
using detail::sql_limit;
using detail::StatementUse;

namespace {

// NORMAL | FULL | EXTRA in any case, upper-cased; nullopt otherwise.
std::optional<std::string> synchronous_level(std::string_view text) {
    std::string up(text);
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (up == "NORMAL" || up == "FULL" || up == "EXTRA") return up;
    return std::nullopt;
}

// Connection settings; the caller has checked `synchronous`.
void configure(SQLite::Database& db, const std::string& path, const std::string& synchronous) {
    db.exec("PRAGMA foreign_keys = ON");
    SQLite::Statement wal(db, "PRAGMA journal_mode = WAL");
    const std::string mode = wal.executeStep() ? wal.getColumn(0).getString() : std::string();
    if (mode != "wal" && !(path == ":memory:" && mode == "memory"))
        throw SQLite::Exception("cannot switch " + path + " to WAL mode (journal_mode is '" + mode + "')");
    db.exec("PRAGMA synchronous = " + synchronous);
    // Savepoints' sub-journals in memory: a group commit's savepoint over a
    // new case (a row in every list index) would otherwise spill its journal
    // past 64 KiB into a temporary file, one more file that can fail mid-way.
    db.exec("PRAGMA temp_store = MEMORY");
}

// Runs the connection setup again while SQLite answers SQLITE_BUSY, until
// `timeout`. Switching a fresh file to WAL needs an exclusive lock, and when
// several processes create one file together SQLite returns SQLITE_BUSY at
// once instead of waiting (its busy handler would deadlock there).
template <class F>
auto retry_while_busy(std::chrono::milliseconds timeout, F&& setup) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (std::chrono::milliseconds pause{1};; pause = std::min(pause * 2, std::chrono::milliseconds{50})) {
        try {
            return setup();
        } catch (const SQLite::Exception& e) {
            const int code = e.getErrorCode() & 0xff;
            if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || std::chrono::steady_clock::now() + pause > deadline)
                throw;
            std::this_thread::sleep_for(pause);
        }
    }
}

}  // namespace

Result<std::shared_ptr<SqliteJournal>> SqliteJournal::open(const std::string& path, Options options) {
    auto level = synchronous_level(options.synchronous);
    if (!level)
        return make_error(errc::invalid_input,
                          "synchronous must be NORMAL, FULL or EXTRA, not '" + options.synchronous + "'",
                          "synchronous");
    options.synchronous = *level;
    if (options.busy_timeout.count() < 0 || options.busy_timeout.count() > std::numeric_limits<int>::max())
        return make_error(errc::invalid_input, "busy_timeout must be between 0 and 2^31-1 ms", "busy_timeout");
    if (path.empty()) return make_error(errc::invalid_input, "no database path given", "path");

    if (options.read_only) options.create = false;
    if (!options.create && path != ":memory:") {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            return make_error(errc::not_found, "no database at " + path + "; run `alur init` first");
    }

    return guarded("opening " + path, [&]() -> Result<std::shared_ptr<SqliteJournal>> {
        SQLite::Database db = detail::connect(
            path, {options.create, options.read_only, static_cast<int>(options.busy_timeout.count()), options.vfs});
        auto ready = retry_while_busy(options.busy_timeout, [&] {
            if (options.read_only) return detail::check_readable(db, path);
            configure(db, path, options.synchronous);
            return detail::migrate(db, path);
        });
        if (!ready) return ready.error();
        auto impl = std::make_unique<Impl>(path, std::move(options), std::move(db));
        return std::shared_ptr<SqliteJournal>(new SqliteJournal(std::move(impl)));
    });
}

SqliteJournal::SqliteJournal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqliteJournal::~SqliteJournal() = default;

const std::string& SqliteJournal::path() const { return impl_->path; }

Result<CaseRecord> SqliteJournal::find_case(std::string_view case_id) {
    auto reader = impl_->readers.acquire();
    return guarded("reading case " + std::string(case_id), [&]() -> Result<CaseRecord> {
        StatementUse q(reader->select_case);
        q->bind(1, std::string(case_id));
        if (!q->executeStep()) return make_error(errc::not_found, "no case " + std::string(case_id));
        return detail::read_case(*q);
    });
}

Result<std::vector<EventRecord>> SqliteJournal::case_events(std::string_view case_id) {
    auto reader = impl_->readers.acquire();
    return guarded("reading the events of case " + std::string(case_id), [&]() -> Result<std::vector<EventRecord>> {
        StatementUse q(reader->select_case_events);
        q->bind(1, std::string(case_id));
        return read_all(*q, detail::read_event);
    });
}

Result<std::optional<IdempotencyRecord>> SqliteJournal::find_idempotency(std::string_view key) {
    auto reader = impl_->readers.acquire();
    return guarded("reading idempotency key " + std::string(key), [&]() -> Result<std::optional<IdempotencyRecord>> {
        StatementUse q(reader->find_key);
        q->bind(1, std::string(key));
        if (!q->executeStep()) return std::optional<IdempotencyRecord>{};
        return std::optional<IdempotencyRecord>{IdempotencyRecord{
            std::string(key), q->getColumn(0).getString(), q->getColumn(1).getString(), q->getColumn(2).getInt64()}};
    });
}

Result<std::vector<IdempotencyRecord>> SqliteJournal::read_idempotency(std::string_view after, std::size_t limit) {
    auto reader = impl_->readers.acquire();
    return guarded("reading the idempotency keys", [&]() -> Result<std::vector<IdempotencyRecord>> {
        StatementUse q(reader->select_keys_after);
        q->bind(1, std::string(after));
        q->bind(2, sql_limit(limit));
        std::vector<IdempotencyRecord> out;
        while (q->executeStep())
            out.push_back(IdempotencyRecord{q->getColumn(0).getString(), q->getColumn(1).getString(),
                                            q->getColumn(2).getString(), q->getColumn(3).getInt64()});
        return out;
    });
}

std::shared_ptr<void> SqliteJournal::read_snapshot() {
    try {
        return impl_->readers.pin();
    } catch (const SQLite::Exception&) {
        return nullptr;  // no snapshot: the reads stay individually consistent
    }
}

Result<std::vector<EventRecord>> SqliteJournal::read_events(std::int64_t after, std::size_t limit) {
    auto reader = impl_->readers.acquire();
    return guarded("reading events after " + std::to_string(after), [&]() -> Result<std::vector<EventRecord>> {
        StatementUse q(reader->select_events_after);
        q->bind(1, after);
        q->bind(2, sql_limit(limit));  // 0: no limit, as in MemoryJournal
        return read_all(*q, detail::read_event);
    });
}

}  // namespace alur::sqlite
