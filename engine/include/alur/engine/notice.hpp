// alur/engine/notice.hpp — notices and the channels that deliver them.
//
// A fired timer writes its notices to the journal's outbox in the same commit
// as its event; an OutboxDispatcher later hands each to its channel and
// records the delivery, retrying with back-off: delivery is at least once.
// Channels are adapters (adapters/notify/: log, JSON Lines file, webhook).
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/result.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace alur {

/// One notice for one recipient on one channel: a row of the outbox.
struct Notice {
    std::int64_t id = 0;              ///< assigned by the journal
    std::int64_t event_global_seq = 0;  ///< the event that produced it (set by the journal)
    std::string case_id;
    std::string channel;    ///< the channel's name: "log", "file", "webhook"
    std::string recipient;  ///< a role ("role:admin") or an address
    std::string payload;    ///< canonical JSON: see make_notice_payload in timers.cpp
    TimePoint created_at;
    int attempts = 0;
    TimePoint next_attempt_at;
    std::optional<TimePoint> delivered_at;
    std::string last_error;
};

/// A way to deliver notices. deliver() may be called again for a notice it
/// already delivered (after a crash): receivers deduplicate on Notice::id.
class NoticeChannel {
public:
    virtual ~NoticeChannel() = default;
    virtual std::string name() const = 0;
    /// ok when the notice reached its destination; any error is retried later.
    virtual Result<void> deliver(const Notice& notice) = 0;
};

}  // namespace alur
