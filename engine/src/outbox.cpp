#include "alur/engine/outbox.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>

namespace alur {

std::chrono::seconds Backoff::after(int attempts) const {
    auto wait = first;
    for (int i = 1; i < attempts && wait < max; ++i) wait *= 2;
    return std::min(wait, max);
}

OutboxDispatcher::OutboxDispatcher(std::shared_ptr<Journal> journal, std::shared_ptr<const Clock> clock,
                                   std::vector<std::shared_ptr<NoticeChannel>> channels,
                                   std::shared_ptr<spdlog::logger> logger, Backoff backoff)
    : journal_(std::move(journal)), clock_(std::move(clock)), logger_(std::move(logger)), backoff_(backoff) {
    for (auto& c : channels) channels_[c->name()] = std::move(c);
    if (!logger_) logger_ = std::make_shared<spdlog::logger>("alur", std::make_shared<spdlog::sinks::null_sink_mt>());
}

Result<OutboxDispatcher::Report> OutboxDispatcher::deliver_pending(std::size_t limit) {
    auto pending = journal_->pending_notices(clock_->now(), limit);
    if (!pending) return pending.error();
    Report report;
    for (const Notice& n : *pending) {
        auto it = channels_.find(n.channel);
        Result<void> delivered = it == channels_.end()
                                     ? Result<void>(make_error(errc::not_found, "no channel '" + n.channel +
                                                                                    "' is configured"))
                                     : it->second->deliver(n);
        const TimePoint now = clock_->now();
        if (delivered) {
            if (auto r = journal_->notice_delivered(n.id, now); !r) return r.error();
            ++report.delivered;
            continue;
        }
        const TimePoint retry = now + backoff_.after(n.attempts + 1);
        logger_->warn("notice {} for {} on {} failed (attempt {}): {}; retrying at {}", n.id, n.case_id, n.channel,
                      n.attempts + 1, delivered.error().message, format_utc(retry));
        if (auto r = journal_->notice_failed(n.id, delivered.error().message, retry); !r) return r.error();
        ++report.failed;
    }
    return report;
}

}  // namespace alur
