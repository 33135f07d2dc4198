// alur/engine/outbox.hpp — delivering the outbox's notices through channels.
//
// One pass hands every pending notice to the channel it names and records the
// outcome in the journal: delivered, or failed with the error and a retry time
// that backs off exponentially. A notice whose delivery was not recorded (a
// crash between delivering and recording) is delivered again: at least once.
// Not thread-safe: run one dispatcher per process (the event loop's thread).
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/journal.hpp"
#include "alur/engine/notice.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace spdlog {
class logger;
}

namespace alur {

struct Backoff {
    std::chrono::seconds first{5};    ///< wait after the first failure
    std::chrono::seconds max{3600};   ///< the longest wait between attempts
    /// The wait after `attempts` failed attempts: first * 2^(attempts-1), at most max.
    std::chrono::seconds after(int attempts) const;
};

/// A channel that can deliver without blocking its caller (the webhook).
class AsyncNoticeChannel : public NoticeChannel {
public:
    using Handler = std::function<void(Result<void>)>;
    /// Starts delivering `notice` and returns at once; `done` runs once, on
    /// `executor` (never inside this call), with what deliver() would have
    /// returned, within the channel's own time bound. `executor` must run
    /// its handlers one at a time (a strand or a one-threaded io_context).
    virtual void deliver_async(const Notice& notice, boost::asio::any_io_executor executor, Handler done) = 0;
};

class OutboxDispatcher {
public:
    /// The default time after which an asynchronous round starts no more attempts.
    static constexpr std::chrono::milliseconds default_round_budget{30000};

    OutboxDispatcher(std::shared_ptr<Journal> journal, std::shared_ptr<const Clock> clock,
                     std::vector<std::shared_ptr<NoticeChannel>> channels, std::shared_ptr<spdlog::logger> logger,
                     Backoff backoff = {}, std::chrono::milliseconds round_budget = default_round_budget);

    struct Report {
        std::size_t delivered = 0;
        std::size_t failed = 0;
        /// Not tried because the round's budget had passed (asynchronous rounds).
        std::size_t deferred = 0;
    };

    /// Delivers up to `limit` (0: all) pending notices due now.
    Result<Report> deliver_pending(std::size_t limit = 0);

    /// One round of up to `limit` (0: all) pending notices due now, without
    /// blocking: `done` runs on `executor` with the report (or the journal's
    /// error) once every attempt started has ended. Call from `executor`,
    /// one round at a time; the dispatcher must outlive the round.
    void deliver_pending_async(boost::asio::any_io_executor executor, std::function<void(Result<Report>)> done,
                               std::size_t limit = 0);

private:
    struct Round;
    void step(const std::shared_ptr<Round>& round);
    /// Records one attempt's outcome in the journal and in `report`.
    Result<void> record(const Notice& n, const Result<void>& delivered, Report& report);

    std::shared_ptr<Journal> journal_;
    std::shared_ptr<const Clock> clock_;
    std::map<std::string, std::shared_ptr<NoticeChannel>, std::less<>> channels_;
    std::shared_ptr<spdlog::logger> logger_;
    Backoff backoff_;
    std::chrono::milliseconds round_budget_;
};

}  // namespace alur
