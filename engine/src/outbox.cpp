#include "alur/engine/outbox.hpp"

#include <boost/asio/post.hpp>
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
                                   std::shared_ptr<spdlog::logger> logger, Backoff backoff,
                                   std::chrono::milliseconds round_budget)
    : journal_(std::move(journal)), clock_(std::move(clock)), logger_(std::move(logger)), backoff_(backoff),
      round_budget_(round_budget) {
    for (auto& c : channels) channels_[c->name()] = std::move(c);
    if (!logger_) logger_ = std::make_shared<spdlog::logger>("alur", std::make_shared<spdlog::sinks::null_sink_mt>());
}

namespace {

Error no_channel(const Notice& n) { return make_error(errc::not_found, "no channel '" + n.channel + "' is configured"); }

}  // namespace

Result<void> OutboxDispatcher::record(const Notice& n, const Result<void>& delivered, Report& report) {
    const TimePoint now = clock_->now();
    if (delivered) {
        if (auto r = journal_->notice_delivered(n.id, now); !r) return r.error();
        ++report.delivered;
        return {};
    }
    const TimePoint retry = now + backoff_.after(n.attempts + 1);
    logger_->warn("notice {} for {} on {} failed (attempt {}): {}; retrying at {}", n.id, n.case_id, n.channel,
                  n.attempts + 1, delivered.error().message, format_utc(retry));
    if (auto r = journal_->notice_failed(n.id, delivered.error().message, retry); !r) return r.error();
    ++report.failed;
    return {};
}

Result<OutboxDispatcher::Report> OutboxDispatcher::deliver_pending(std::size_t limit) {
    auto pending = journal_->pending_notices(clock_->now(), limit);
    if (!pending) return pending.error();
    Report report;
    for (const Notice& n : *pending) {
        auto it = channels_.find(n.channel);
        const Result<void> delivered = it == channels_.end() ? Result<void>(no_channel(n)) : it->second->deliver(n);
        if (auto r = record(n, delivered, report); !r) return r.error();
    }
    return report;
}

struct OutboxDispatcher::Round {
    std::vector<Notice> pending;
    std::size_t next = 0;
    Report report;
    std::chrono::steady_clock::time_point deadline;
    boost::asio::any_io_executor executor;
    std::function<void(Result<Report>)> done;

    void finish(Result<Report> result) {
        boost::asio::post(executor, [done = std::move(done), result = std::move(result)]() mutable {
            done(std::move(result));
        });
    }
};

void OutboxDispatcher::deliver_pending_async(boost::asio::any_io_executor executor,
                                             std::function<void(Result<Report>)> done, std::size_t limit) {
    auto round = std::make_shared<Round>();
    round->executor = std::move(executor);
    round->done = std::move(done);
    round->deadline = std::chrono::steady_clock::now() + round_budget_;
    auto pending = journal_->pending_notices(clock_->now(), limit);
    if (!pending) return round->finish(pending.error());
    round->pending = std::move(*pending);
    step(round);
}

void OutboxDispatcher::step(const std::shared_ptr<Round>& round) {
    while (round->next < round->pending.size()) {
        // Each round tries at least one notice, so even a budget of 0 makes progress.
        if (round->next > 0 && std::chrono::steady_clock::now() >= round->deadline) {
            round->report.deferred = round->pending.size() - round->next;
            logger_->warn("outbox round over its {} ms: {} notice(s) left for the next round", round_budget_.count(),
                          round->report.deferred);
            break;
        }
        const Notice& n = round->pending[round->next++];
        auto it = channels_.find(n.channel);
        if (it != channels_.end())
            if (auto* async = dynamic_cast<AsyncNoticeChannel*>(it->second.get())) {
                async->deliver_async(n, round->executor, [this, round, &n](Result<void> delivered) {
                    if (auto r = record(n, delivered, round->report); !r) return round->finish(r.error());
                    step(round);
                });
                return;  // resumed by the channel's completion
            }
        const Result<void> delivered = it == channels_.end() ? Result<void>(no_channel(n)) : it->second->deliver(n);
        if (auto r = record(n, delivered, round->report); !r) return round->finish(r.error());
    }
    round->finish(round->report);
}

}  // namespace alur
