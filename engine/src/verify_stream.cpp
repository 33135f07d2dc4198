#include "verify_stream.hpp"

#include "event_hasher.hpp"
#include "verify_pool.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace alur::audit::detail {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a);
}

/// A page of rows in flight: its hashes are checked by the pool's threads.
struct Page {
    std::vector<EventRecord> rows;
    std::vector<char> hash_ok;
    std::atomic<int> parts_left{0};
    std::atomic<bool> failed{false};  ///< hashing itself failed (OpenSSL)
};

/// A projected case while its events stream.
struct Gathering {
    Tally tally;
    std::vector<EventRecord> events;
    bool selected = false;    ///< to be replayed (VerifyOptions::case_id)
    bool handed_off = false;  ///< its events went to the pool
    bool overflow = false;    ///< more events came after that
};

/// Cases whose events are all in, replayed together by one task.
struct Batch {
    std::vector<std::size_t> cases;
    std::vector<std::int64_t> last_globals;
    std::vector<std::vector<EventRecord>> events;
    std::size_t rows = 0;
};

class Stream {
public:
    Stream(Journal& journal, const VerifyOptions& options, const std::vector<CaseRecord>* cases,
           const CaseCheck& check)
        : journal_(journal),
          options_(options),
          cases_(cases),
          check_(check),
          threads_(options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency())),
          pool_(threads_) {
        const std::size_t n = cases ? cases->size() : 0;
        out_.tallies.resize(n);
        out_.outcomes.resize(n);
        gathering_.resize(n);
        index_.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            const CaseRecord& c = (*cases)[i];
            index_.emplace(std::string_view(c.id), i);
            gathering_[i].selected = !options.case_id || *options.case_id == c.id;
        }
    }

    StreamResult run() {
        const auto start = Clock::now();
        read_all();
        const auto chained = Clock::now();
        if (out_.chain_problem || out_.error) abandon_ = true;  // what is queued need not run
        if (!out_.chain_problem && !out_.error) {
            for (std::size_t i = 0; i < gathering_.size(); ++i) {
                Gathering& g = gathering_[i];
                if (g.selected && !g.handed_off && g.tally.events > 0) hand_off(i);
            }
            flush();
        }
        pool_.drain();
        if (!out_.chain_problem && !out_.error) reread_overflows();
        for (std::size_t i = 0; i < gathering_.size(); ++i) out_.tallies[i] = gathering_[i].tally;
        out_.chain_time = between(start, chained);
        out_.replay_time = first_replay_ ? between(*first_replay_, Clock::now()) : std::chrono::milliseconds(0);
        return std::move(out_);
    }

private:
    /// Reads page after page, one ahead of the page being checked.
    void read_all() {
        std::unique_ptr<Page> pending;
        std::size_t page_size = std::max<std::size_t>(options_.page, 1);
        for (std::int64_t after = 0;;) {
            if (options_.stop.stop_requested()) {
                out_.error = make_error(errc::busy, "the verify was stopped before it finished");
                break;
            }
            auto rows = journal_.read_events(after, page_size);
            if (pending) {  // its rows come first
                if (!finish(*pending)) return;
                pending.reset();
            }
            if (!rows) {
                const Error& e = rows.error();
                if (e.code != errc::corrupt) {
                    out_.error = e;
                    return;
                }
                if (page_size > 1) {  // find the unreadable row: one at a time from here
                    page_size = 1;
                    continue;
                }
                out_.chain_problem =
                    Problem{after + 1, {}, e.field.empty() ? "row" : e.field, "cannot be read: " + e.message};
                return;
            }
            if (rows->empty()) return;
            after = rows->back().global_seq;
            pending = std::make_unique<Page>();
            pending->rows = std::move(*rows);
            start_hashing(*pending);
        }
        if (pending) pool_.help_until([&] { return pending->parts_left.load() == 0; });
    }

    void start_hashing(Page& page) {
        const std::size_t n = page.rows.size();
        page.hash_ok.assign(n, 0);
        const std::size_t parts = n < 512 ? 1 : threads_;
        page.parts_left = static_cast<int>(parts);
        for (std::size_t p = 0; p < parts; ++p) {
            const std::size_t from = n * p / parts, to = n * (p + 1) / parts;
            pool_.post(
                [this, &page, from, to] {
                    try {
                        EventHasher& h = hasher();
                        for (std::size_t i = from; i < to; ++i) page.hash_ok[i] = h.matches(page.rows[i]);
                    } catch (const std::exception&) {
                        page.failed = true;
                    }
                    --page.parts_left;
                },
                true);
        }
    }

    /// One hasher per thread that hashes (the workers and the reader).
    EventHasher& hasher() {
        thread_local std::unique_ptr<EventHasher> mine;
        if (!mine) mine = std::make_unique<EventHasher>();
        return *mine;
    }

    /// Checks the page's rows in order and gathers them by case; false at the
    /// first bad row (or a failure).
    bool finish(Page& page) {
        pool_.help_until([&] { return page.parts_left.load() == 0; }, true);
        if (page.failed) {
            out_.error = make_error(errc::io, "OpenSSL SHA-256 failed while verifying the chain");
            return false;
        }
        for (std::size_t i = 0; i < page.rows.size(); ++i) {
            EventRecord& e = page.rows[i];
            if (!check_row(e, page.hash_ok[i])) return false;
            gather(std::move(e));
        }
        flush();
        if (options_.progress) options_.progress(out_.events);
        return true;
    }

    bool check_row(const EventRecord& e, bool hash_ok) {
        const std::int64_t expected = out_.events + 1;
        if (e.global_seq != expected) {
            out_.chain_problem = Problem{expected, e.case_id, "global_seq",
                                         "expected global sequence " + std::to_string(expected) +
                                             " but the next row is " + std::to_string(e.global_seq) +
                                             " (a row was removed, inserted or moved)"};
            return false;
        }
        if (e.prev_hash != out_.head) {
            out_.chain_problem = Problem{e.global_seq, e.case_id, "prev_hash",
                                         "does not link to the hash of row " + std::to_string(out_.events) +
                                             " (a row was removed, inserted or altered before it)"};
            return false;
        }
        if (!hash_ok) {
            out_.chain_problem = Problem{e.global_seq, e.case_id, "hash",
                                         "the row's content does not match its hash (a column of this row was altered)"};
            return false;
        }
        Tally& t = tally_of(e.case_id);
        if (e.seq != t.events + 1) {
            out_.chain_problem = Problem{e.global_seq, e.case_id, "seq",
                                         "case " + e.case_id + " event " + std::to_string(e.seq) + " follows its event " +
                                             std::to_string(t.events) + " (expected " + std::to_string(t.events + 1) +
                                             ")"};
            return false;
        }
        t.events = e.seq;
        t.last_global = e.global_seq;
        out_.events = e.global_seq;
        out_.head = e.hash;
        if (options_.checkpoint && e.global_seq == options_.checkpoint->events) out_.hash_at_checkpoint = e.hash;
        return true;
    }

    Tally& tally_of(const std::string& case_id) {
        if (auto it = index_.find(case_id); it != index_.end()) {
            current_ = it->second;
            return gathering_[it->second].tally;
        }
        current_ = npos;
        auto it = out_.unprojected.find(case_id);
        if (it == out_.unprojected.end()) it = out_.unprojected.emplace(case_id, Tally{}).first;
        return it->second;
    }

    /// After check_row: `current_` is the row's case.
    void gather(EventRecord&& e) {
        if (current_ == npos) return;
        Gathering& g = gathering_[current_];
        if (!g.selected) return;
        if (g.handed_off) {
            g.overflow = true;
            return;
        }
        if (g.events.empty()) g.events.reserve(static_cast<std::size_t>(std::clamp<std::int64_t>((*cases_)[current_].version, 1, 4096)));
        g.events.push_back(std::move(e));
        if (g.tally.events == (*cases_)[current_].version) hand_off(current_);
    }

    void hand_off(std::size_t i) {
        Gathering& g = gathering_[i];
        g.handed_off = true;
        batch_.rows += g.events.size();
        batch_.cases.push_back(i);
        batch_.last_globals.push_back(g.tally.last_global);
        batch_.events.push_back(std::move(g.events));
        g.events = {};
        if (batch_.rows >= 2048) flush();
    }

    /// Posts the batch; waits (helping) while the pool has much queued.
    void flush() {
        if (batch_.cases.empty()) return;
        if (!first_replay_) first_replay_ = Clock::now();
        auto batch = std::make_shared<Batch>(std::move(batch_));
        batch_ = {};
        pool_.post([this, batch] {
            for (std::size_t k = 0; k < batch->cases.size(); ++k) {
                if (abandon_) return;
                const std::size_t i = batch->cases[k];
                out_.outcomes[i] = run_check(i, std::move(batch->events[k]), batch->last_globals[k]);
            }
        });
        const std::size_t most = 4 * threads_ + 2;
        if (pool_.load() > most) pool_.help_until_load(most / 2);
    }

    CaseOutcome run_check(std::size_t i, std::vector<EventRecord>&& events, std::int64_t last_global) {
        try {
            return check_((*cases_)[i], std::move(events), last_global);
        } catch (const std::exception& ex) {
            CaseOutcome o;
            o.error = make_error(errc::io, "verifying case " + (*cases_)[i].id + " failed: " + ex.what());
            return o;
        }
    }

    /// A case with more events than its projection says was handed off
    /// early: check it again with all of them, read on their own.
    void reread_overflows() {
        for (std::size_t i = 0; i < gathering_.size(); ++i) {
            if (!gathering_[i].overflow) continue;
            auto events = journal_.case_events((*cases_)[i].id);
            if (!events) {
                CaseOutcome o;
                o.error = events.error();
                out_.outcomes[i] = std::move(o);
                continue;
            }
            out_.outcomes[i] = run_check(i, std::move(*events), gathering_[i].tally.last_global);
        }
    }

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    Journal& journal_;
    const VerifyOptions& options_;
    const std::vector<CaseRecord>* cases_;
    const CaseCheck& check_;
    const unsigned threads_;
    StreamResult out_;
    std::unordered_map<std::string_view, std::size_t> index_;  // projection id -> position
    std::vector<Gathering> gathering_;
    std::size_t current_ = npos;
    Batch batch_;
    std::optional<Clock::time_point> first_replay_;
    std::atomic<bool> abandon_{false};
    WorkPool pool_;  // last: joined before the members its tasks use go
};

}  // namespace

StreamResult stream_verify(Journal& journal, const VerifyOptions& options, const std::vector<CaseRecord>* cases,
                           const CaseCheck& check) {
    return Stream(journal, options, cases, check).run();
}

}  // namespace alur::audit::detail
