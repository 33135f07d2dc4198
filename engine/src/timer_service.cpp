#include "alur/engine/timer_service.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <spdlog/logger.h>

namespace alur {

TimerService::TimerService(boost::asio::io_context& io, Engine& engine, OutboxDispatcher* outbox,
                           std::shared_ptr<spdlog::logger> logger, Options options)
    : engine_(engine), outbox_(outbox), logger_(std::move(logger)), options_(options),
      strand_(boost::asio::make_strand(io)), timer_(strand_), poll_(strand_) {}

void TimerService::beat(std::atomic<std::int64_t>& at) {
    at = std::chrono::steady_clock::now().time_since_epoch().count();
}

TimerService::Health TimerService::health(std::chrono::steady_clock::time_point now,
                                          std::chrono::milliseconds stale_after) const {
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    const auto ago = [now](std::int64_t at) {
        return duration_cast<milliseconds>(now - std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(at)));
    };
    Health h;
    const std::int64_t beat = beat_;
    if (!running_) {
        h.timers_detail = beat == 0 ? "not started" : "stopped";
    } else if (ago(beat) > stale_after) {
        h.timers_detail = "no heartbeat for " + std::to_string(ago(beat).count() / 1000) + " s (the loop is stuck)";
    } else {
        h.timers_ready = true;
        h.timers_detail = "heartbeat " + std::to_string(std::max<std::int64_t>(ago(beat).count(), 0)) + " ms ago";
    }
    const std::int64_t since = delivering_since_;
    const std::int64_t delivered = delivered_;
    if (!outbox_) {
        h.delivery_detail = "no notice channels";
    } else if (!running_) {
        h.delivery_detail = beat == 0 ? "not started" : "stopped";
    } else if (since != 0) {
        const auto limit = stale_after + OutboxDispatcher::default_round_budget;
        h.delivery_ready = ago(since) <= limit;
        h.delivery_detail = "a delivery round has run for " + std::to_string(ago(since).count() / 1000) + " s";
    } else if (delivered != 0 && ago(delivered) <= stale_after) {
        h.delivery_ready = true;
        h.delivery_detail = "last round ended " + std::to_string(std::max<std::int64_t>(ago(delivered).count(), 0)) +
                            " ms ago";
    } else {
        h.delivery_detail = delivered == 0 ? "no delivery round yet"
                                           : "no delivery round for " + std::to_string(ago(delivered).count() / 1000) + " s";
    }
    return h;
}

void TimerService::start() {
    stopped_ = false;
    running_ = true;
    beat(beat_);
    if (auto changes = engine_.journal().change_counter()) seen_changes_ = *changes;
    if (auto r = tick(); !r) logger_->error("firing due timers failed: {}", r.error().message);
    schedule_poll();
}

void TimerService::stop() {
    running_ = false;
    boost::asio::dispatch(strand_, [this] {
        stopped_ = true;
        timer_.cancel();
        poll_.cancel();
    });
}

void TimerService::poke() {
    if (poked_.exchange(true)) return;  // one is pending: it will see this write too
    boost::asio::post(strand_, [this] {
        poked_ = false;
        arm();
    });
}

Result<Engine::FireReport> TimerService::tick() {
    Engine::FireReport total;
    for (;;) {
        auto report = engine_.fire_due(engine_.clock().now(), options_.batch);
        if (!report) return report.error();
        total.fired += report->fired;
        total.skipped += report->skipped;
        total.max_lateness = std::max(total.max_lateness, report->max_lateness);
        for (auto& o : report->outcomes) total.outcomes.push_back(std::move(o));
        if (report->fired + report->skipped < options_.batch) break;
    }
    if (total.fired)
        logger_->info("fired {} timer(s), at most {} ms late", total.fired, total.max_lateness.count());
    beat(beat_);
    if (on_round) on_round(total);
    arm();
    deliver();
    return total;
}

void TimerService::deliver() {
    if (!outbox_ || stopped_) return;
    if (delivering_) {
        deliver_again_ = true;
        return;
    }
    delivering_ = true;
    beat(delivering_since_);
    outbox_->deliver_pending_async(strand_, [this](Result<OutboxDispatcher::Report> report) {
        delivering_ = false;
        beat(delivered_);
        delivering_since_ = 0;
        if (!report)
            logger_->error("delivering notices failed: {}", report.error().message);
        else if (on_delivered)
            on_delivered(*report);
        if (deliver_again_ || (report && report->deferred)) {
            deliver_again_ = false;
            deliver();
        }
    });
}

void TimerService::arm() {
    if (stopped_) return;
    auto next = engine_.journal().next_timer();
    if (!next) {
        logger_->error("reading the next timer failed: {}", next.error().message);
        return;  // the poll re-arms on the next change
    }
    timer_.cancel();
    if (!*next) return;
    auto wait = (*next)->fire_at - engine_.clock().now();
    if (wait < std::chrono::milliseconds::zero()) wait = std::chrono::milliseconds::zero();
    timer_.expires_after(wait);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        if (auto r = tick(); !r) logger_->error("firing due timers failed: {}", r.error().message);
    });
}

void TimerService::schedule_poll() {
    if (stopped_) return;
    poll_.expires_after(options_.poll_interval);
    poll_.async_wait([this](boost::system::error_code ec) {
        if (ec || stopped_) return;
        beat(beat_);
        auto changes = engine_.journal().change_counter();
        if (changes && *changes != seen_changes_) {
            seen_changes_ = *changes;
            arm();
        }
        deliver();
        schedule_poll();
    });
}

}  // namespace alur
