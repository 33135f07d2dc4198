// alur/engine/timer_service.hpp — the event loop's side of deadlines.
//
// Runs on its own strand of a Boost.Asio io_context with ONE steady timer,
// set for the earliest pending timer of the journal (not one per case, no
// scan of all timers). When it expires, everything due is fired through
// Engine::fire_due; then it re-arms and starts a round of outbox delivery.
// Every `poll_interval` it reads the journal's change counter (cheap) and
// re-arms when another process has committed, so timers written by a CLI
// while the server runs are noticed within a second; the same poll starts a
// delivery round for notices whose back-off has passed. start() fires, once
// each and in due order, the timers that fell due while nothing was running.
//
// Delivery never holds the strand: OutboxDispatcher::deliver_pending_async
// runs one round at a time (a round asked for while one runs follows it), so
// a webhook that accepts and never answers delays no timer. `alur serve`
// gives the service an io_context and a thread of its own, apart from the
// HTTP threads.
//
// Thread-safety: start() and tick() on the service's strand or before the
// io_context runs; poke() and stop() from any thread.
#pragma once

#include "alur/engine/engine.hpp"
#include "alur/engine/outbox.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace alur {

class TimerService {
public:
    struct Options {
        std::chrono::milliseconds poll_interval{1000};
        std::size_t batch = 1000;  ///< timers fired per round before yielding to the loop
    };

    /// `outbox` may be null (no delivery). All references must outlive the service.
    TimerService(boost::asio::io_context& io, Engine& engine, OutboxDispatcher* outbox,
                 std::shared_ptr<spdlog::logger> logger, Options options);

    /// Fires what is due now (catch-up after downtime), then arms the timer and the poll.
    void start();
    /// Cancels the timer and the poll (on the strand); handlers already running complete.
    void stop();

    /// One round: fire what is due at the engine clock's now, re-arm, start
    /// delivering the outbox. Returns what was fired. Public for tests.
    Result<Engine::FireReport> tick();

    /// Another part of this process has committed (an HTTP write): re-arm on
    /// the strand soon, firing at once what is due. Never blocks; pokes that
    /// arrive while one is pending are merged.
    void poke();

    /// Whether the service runs, for `/readyz`: the timers part is ready
    /// while the service is started and its loop has beaten (a poll or a
    /// round) within `stale_after`; the delivery part while a delivery round
    /// ended within `stale_after` or one has run for less than
    /// `stale_after` plus the outbox's round budget (a service without an
    /// outbox delivers nothing: never ready). `now` on the steady clock.
    struct Health {
        bool timers_ready = false;
        std::string timers_detail;
        bool delivery_ready = false;
        std::string delivery_detail;
    };
    Health health(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now(),
                  std::chrono::milliseconds stale_after = std::chrono::seconds(15)) const;

    /// The service's strand (tests post their checks onto it).
    boost::asio::strand<boost::asio::io_context::executor_type> strand() const { return strand_; }

    /// Called after every round with its report (for metrics and tests).
    std::function<void(const Engine::FireReport&)> on_round;
    /// Called after every delivery round with its report (for tests).
    std::function<void(const OutboxDispatcher::Report&)> on_delivered;

private:
    void arm();
    void schedule_poll();
    /// Starts a delivery round, or asks for one after the round running.
    void deliver();

    Engine& engine_;
    OutboxDispatcher* outbox_;
    std::shared_ptr<spdlog::logger> logger_;
    Options options_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer timer_;
    boost::asio::steady_timer poll_;
    std::uint64_t seen_changes_ = 0;
    bool stopped_ = false;
    bool delivering_ = false;      ///< a round is running
    bool deliver_again_ = false;   ///< another was asked for meanwhile
    std::atomic<bool> poked_{false};
    /// The heartbeats health() reads (steady clock, nanoseconds since its epoch; 0: never).
    std::atomic<bool> running_{false};
    std::atomic<std::int64_t> beat_{0};            ///< the loop's last poll or round
    std::atomic<std::int64_t> delivered_{0};       ///< the last delivery round's end
    std::atomic<std::int64_t> delivering_since_{0}; ///< the running round's start; 0: none runs
    void beat(std::atomic<std::int64_t>& at);
};

}  // namespace alur
