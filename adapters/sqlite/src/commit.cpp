// SqliteJournal::commit: one event with its case projection, idempotency key,
// the case's timers and its notices, in one IMMEDIATE transaction.
//
// BEGIN IMMEDIATE takes the database's write lock before anything is read, so
// the version check, the serial, the chain head and the writes all see the
// same state: of two writers (threads, connections, processes) working from
// one version, the second finds the version moved and gets errc::conflict.
// Any early return or exception rolls the transaction back.
#include "errors.hpp"
#include "impl.hpp"
#include "rows.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <memory>

namespace alur::sqlite {

using detail::StatementUse;

namespace {

std::string describe(const CommitRequest& r) {
    std::string what = "committing event '" + r.event.name + "' ";
    if (r.case_id.empty()) return what + "opening a new " + r.case_prefix + " case";
    return what + "to case " + r.case_id;
}

}  // namespace

Result<Committed> SqliteJournal::commit(const CommitRequest& request) {
    std::lock_guard lock(impl_->mutex);
    return detail::guarded(describe(request), [&] { return impl_->commit(request); });
}

std::vector<Result<Committed>> SqliteJournal::commit_group(const std::vector<CommitRequest>& requests) {
    std::vector<CommitUnit> units;
    units.reserve(requests.size());
    for (const CommitRequest& r : requests) units.push_back(CommitUnit{{r}, std::nullopt});
    std::vector<Result<Committed>> out;
    out.reserve(requests.size());
    for (auto& one : commit_units(units)) {
        if (one) out.emplace_back(std::move(one->front()));  // emplace: GCC 12 warns a false maybe-uninitialized on push_back
        else out.push_back(one.error());
    }
    return out;
}

std::vector<Result<std::vector<Committed>>> SqliteJournal::commit_units(const std::vector<CommitUnit>& units) {
    std::lock_guard lock(impl_->mutex);
    std::vector<Result<std::vector<Committed>>> out;
    auto all = detail::guarded("committing a group of " + std::to_string(units.size()) + " commands",
                               [&]() -> Result<void> {
                                   out = impl_->commit_units(units);
                                   return {};
                               });
    if (!all) out.assign(units.size(), all.error());  // the transaction failed: nothing was written
    return out;
}

Result<std::vector<Committed>> SqliteJournal::commit_all(const std::vector<CommitRequest>& requests) {
    std::lock_guard lock(impl_->mutex);
    return detail::guarded("committing " + std::to_string(requests.size()) + " linked events",
                           [&] { return impl_->commit_all(requests); });
}

Result<std::vector<Committed>> SqliteJournal::Impl::commit_all(const std::vector<CommitRequest>& requests) {
    int writes = 0;
    const auto before_write = [&] {
        if (options.before_write) options.before_write(++writes);
    };
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<Committed> out;
    out.reserve(requests.size());
    for (const CommitRequest& r : requests) {
        auto one = write(r, before_write);
        if (!one) return one.error();  // the transaction rolls back: nothing of any request is written
        out.push_back(std::move(*one));
    }
    before_write();
    tx.commit();
    return out;
}

Result<Committed> SqliteJournal::Impl::commit(const CommitRequest& r) {
    int writes = 0;
    const auto before_write = [&] {
        if (options.before_write) options.before_write(++writes);
    };
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto out = write(r, before_write);
    if (!out) return out;  // the transaction rolls back
    before_write();
    tx.commit();
    return out;
}

std::vector<Result<std::vector<Committed>>> SqliteJournal::Impl::commit_units(const std::vector<CommitUnit>& units) {
    int writes = 0;
    const auto before_write = [&] {
        if (options.before_write) options.before_write(++writes);
    };
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    struct Reset {
        std::optional<Head>& head;
        ~Reset() { head.reset(); }
    } reset{group_head};
    {
        StatementUse q(head);
        // Assigned, not emplace()d: clang 14 judges Head (default member
        // initializers, nested in Impl) not default-constructible here.
        group_head = Head{0, genesis_hash};
        if (q->executeStep()) {
            group_head->global_seq = q->getColumn(0).getInt64();
            group_head->hash = q->getColumn(1).getString();
        }
    }
    const auto run = [](SQLite::Statement& q) {
        StatementUse use(q);
        use->exec();
    };
    std::vector<Result<std::vector<Committed>>> out;
    out.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i) {
        const CommitUnit& unit = units[i];
        if (unit.after && (*unit.after >= i || !out[*unit.after])) {
            out.emplace_back(not_written_after(i, *unit.after));
            continue;
        }
        // Each unit in a savepoint: a refused one is undone alone, linked
        // requests (an event and the cases it opens) all or nothing.
        run(savepoint);
        const std::optional<Head> head_before = group_head;
        std::vector<Committed> written;
        written.reserve(unit.requests.size());
        std::optional<Error> failed;
        for (const CommitRequest& r : unit.requests) {
            auto one = detail::guarded(describe(r), [&] { return write(r, before_write); });
            if (!one) {
                failed = one.error();
                break;
            }
            written.push_back(std::move(*one));
        }
        if (failed && sqlite3_get_autocommit(db.getHandle()) != 0) {
            // SQLite rolled the whole transaction back (an I/O error, a full
            // disk): nothing of the group is written, and every unit says why.
            return std::vector<Result<std::vector<Committed>>>(units.size(), *failed);
        }
        if (failed) {
            run(rollback_to_savepoint);
            group_head = head_before;
        }
        run(release_savepoint);
        if (failed) out.emplace_back(std::move(*failed));
        else out.emplace_back(std::move(written));
    }
    before_write();
    tx.commit();
    return out;
}

Result<Committed> SqliteJournal::Impl::write(const CommitRequest& r, const std::function<void()>& before_write) {
    const bool opening = r.case_id.empty();
    if (opening && r.case_prefix.empty())
        return make_error(errc::invalid_input, "a new case needs a case prefix", "case_prefix");
    if (opening && r.expected_version != 0) return version_conflict("(new)", 0, r.expected_version);

    if (r.idempotency) {
        StatementUse q(find_key);
        q->bind(1, r.idempotency->key);
        if (q->executeStep())
            return make_error(errc::conflict,
                              "idempotency key '" + r.idempotency->key + "' was already used (case " +
                                  q->getColumn(1).getString() + ", event " + q->getColumn(2).getString() + ")",
                              "idempotency_key");
    }

    std::string case_id = r.case_id;
    TimePoint opened_at = r.event.occurred_at;
    std::unique_ptr<detail::StoredCase> stored;  // the case row as it is, to update only what changes
    if (opening) {
        std::int64_t serial = 1;
        {
            StatementUse q(find_serial);
            q->bind(1, r.case_prefix);
            if (q->executeStep()) serial = q->getColumn(0).getInt64() + 1;
        }
        before_write();
        StatementUse q(put_serial);
        q->bind(1, r.case_prefix);
        q->bind(2, serial);
        q->exec();
        case_id = case_id_for(r.case_prefix, serial);
    } else {
        StatementUse q(find_version);
        q->bind(1, r.case_id);
        if (!q->executeStep()) return make_error(errc::not_found, "no case " + r.case_id);
        const std::int64_t version = q->getColumn(0).getInt64();
        if (version != r.expected_version) return version_conflict(r.case_id, version, r.expected_version);
        const std::string opened = q->getColumn(1).getString();
        auto opened_at_stored = parse_utc(opened);
        if (!opened_at_stored)
            return make_error(errc::corrupt, "case " + r.case_id + " has a malformed opened_at '" + opened + "'");
        opened_at = *opened_at_stored;
        stored = std::make_unique<detail::StoredCase>(detail::read_stored(*q, 2));
    }

    std::int64_t head_seq = 0;
    std::string head_hash = genesis_hash;
    if (group_head) {
        head_seq = group_head->global_seq;
        head_hash = group_head->hash;
    } else {
        StatementUse q(head);
        if (q->executeStep()) {
            head_seq = q->getColumn(0).getInt64();
            head_hash = q->getColumn(1).getString();
        }
    }
    Committed out;
    out.event = chain_event(r, case_id, head_seq, std::move(head_hash));
    out.projection = project(r, out.event, opened_at);
    const EventRecord& e = out.event;
    const CaseRecord& c = out.projection;

    before_write();
    {
        StatementUse q(put_event);
        int i = 0;
        q->bind(++i, e.case_id);
        q->bind(++i, e.seq);
        q->bind(++i, e.global_seq);
        q->bind(++i, e.name);
        q->bind(++i, e.payload);
        q->bind(++i, e.actor);
        q->bind(++i, e.role);
        q->bind(++i, e.reason);
        q->bind(++i, detail::time_text(e.occurred_at));
        q->bind(++i, detail::time_text(e.recorded_at));
        q->bind(++i, e.prev_hash);
        q->bind(++i, e.hash);
        q->bind(++i, e.recorded_by);
        q->exec();
    }
    if (group_head) group_head = Head{e.global_seq, e.hash};

    before_write();
    write_case(c, stored.get());

    if (r.idempotency) {
        before_write();
        StatementUse q(put_key);
        q->bind(1, r.idempotency->key);
        q->bind(2, r.idempotency->fingerprint);
        q->bind(3, c.id);
        q->bind(4, e.seq);
        q->exec();
    }

    if (r.timers) {
        before_write();
        {
            StatementUse q(delete_timers);
            q->bind(1, c.id);
            q->exec();
        }
        for (const Timer& t : timer_rows(r, c.id)) {
            before_write();
            StatementUse q(put_timer);
            int i = 0;
            q->bind(++i, t.case_id);
            q->bind(++i, t.state);
            q->bind(++i, to_string(t.kind));
            q->bind(++i, detail::time_text(t.fire_at));
            q->bind(++i, detail::time_text(t.due_at));
            q->bind(++i, t.ordinal);
            q->exec();
        }
    }

    for (const Notice& n : outbox_rows(r, e)) {
        before_write();
        StatementUse q(put_notice);
        int i = 0;
        q->bind(++i, n.event_global_seq);
        q->bind(++i, n.case_id);
        q->bind(++i, n.channel);
        q->bind(++i, n.recipient);
        q->bind(++i, n.payload);
        q->bind(++i, detail::time_text(n.created_at));
        q->bind(++i, detail::time_text(n.next_attempt_at));
        q->exec();
    }

    return out;
}

}  // namespace alur::sqlite
