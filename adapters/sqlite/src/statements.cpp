// The SQL of every statement SqliteJournal caches, prepared once on open.
//
// Orderings lean on the indexes of schema.cpp: timers by (fire_at, id) for
// next_timer and due_timers and the partial index of undelivered notices for
// the dispatcher. The reads of cases and events are the readers'
// (readers.cpp, list.cpp).
#include "connect.hpp"
#include "impl.hpp"
#include "rows.hpp"

namespace alur::sqlite {
namespace {

std::string sql(const char* head, const char* columns, const char* tail) {
    return std::string(head) + columns + tail;
}

}  // namespace

SqliteJournal::Impl::Impl(std::string path_, Options options_, SQLite::Database db_)
    : path(std::move(path_)),
      options(std::move(options_)),
      db(std::move(db_)),
      find_key(db, "SELECT fingerprint, case_id, seq FROM idempotency WHERE key = ?"),
      find_version(db, sql("SELECT version, opened_at, ", detail::stored_case_columns, " FROM cases WHERE id = ?")),
      find_serial(db, "SELECT last FROM case_serials WHERE prefix = ?"),
      put_serial(db, "INSERT INTO case_serials (prefix, last) VALUES (?1, ?2) "
                     "ON CONFLICT (prefix) DO UPDATE SET last = excluded.last"),
      head(db, "SELECT global_seq, hash FROM events ORDER BY global_seq DESC LIMIT 1"),
      put_event(db, sql("INSERT INTO events (", detail::event_columns, ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      put_case(db, sql("INSERT INTO cases (", detail::case_columns,
                       ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")),
      put_key(db, "INSERT INTO idempotency (key, fingerprint, case_id, seq) VALUES (?,?,?,?)"),
      delete_timers(db, "DELETE FROM timers WHERE case_id = ?"),
      put_timer(db, "INSERT INTO timers (case_id, state, kind, fire_at, due_at, ordinal) VALUES (?,?,?,?,?,?)"),
      put_notice(db, "INSERT INTO outbox (event_global_seq, case_id, channel, recipient, payload, created_at, "
                     "attempts, next_attempt_at, delivered_at, last_error) VALUES (?,?,?,?,?,?,0,?,NULL,'')"),
      // No LIMIT: next_timer steps past rows it cannot read (unreadable_timers).
      select_next_timer(db, sql("SELECT ", detail::timer_columns, " FROM timers ORDER BY fire_at, id")),
      select_due_timers(db, sql("SELECT ", detail::timer_columns,
                                " FROM timers WHERE fire_at <= ? ORDER BY fire_at, id LIMIT ?")),
      count_timers(db, "SELECT count(*) FROM timers"),
      select_pending(db, sql("SELECT ", detail::notice_columns,
                             " FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? "
                             "ORDER BY +id LIMIT ?")),  // +id: through outbox_pending, not a scan of every notice
      set_delivered(db, "UPDATE outbox SET attempts = attempts + 1, delivered_at = ? WHERE id = ?"),
      set_failed(db, "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?"),
      data_version(db, "PRAGMA data_version"),
      savepoint(db, "SAVEPOINT alur_unit"),
      rollback_to_savepoint(db, "ROLLBACK TO alur_unit"),
      release_savepoint(db, "RELEASE alur_unit"),
      readers(
          [this] {
              SQLite::Database r = detail::connect(path, {false, false, static_cast<int>(options.busy_timeout.count()),
                                                          options.vfs});
              r.exec("PRAGMA query_only = ON");
              return r;
          },
          path == ":memory:" || options.read_only ? 0 : options.read_connections,
          std::make_unique<detail::Reader>(db, mutex)) {}

}  // namespace alur::sqlite
