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

#include <chrono>
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

class OutboxDispatcher {
public:
    OutboxDispatcher(std::shared_ptr<Journal> journal, std::shared_ptr<const Clock> clock,
                     std::vector<std::shared_ptr<NoticeChannel>> channels, std::shared_ptr<spdlog::logger> logger,
                     Backoff backoff = {});

    struct Report {
        std::size_t delivered = 0;
        std::size_t failed = 0;
    };

    /// Delivers up to `limit` (0: all) pending notices due now.
    Result<Report> deliver_pending(std::size_t limit = 0);

private:
    std::shared_ptr<Journal> journal_;
    std::shared_ptr<const Clock> clock_;
    std::map<std::string, std::shared_ptr<NoticeChannel>, std::less<>> channels_;
    std::shared_ptr<spdlog::logger> logger_;
    Backoff backoff_;
};

}  // namespace alur
