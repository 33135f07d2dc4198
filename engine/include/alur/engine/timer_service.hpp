// alur/engine/timer_service.hpp — the event loop's side of deadlines.
//
// Runs on a Boost.Asio io_context with ONE steady timer, set for the earliest
// pending timer of the journal (not one per case, no scan of all timers).
// When it expires, everything due is fired through Engine::fire_due and the
// outbox is delivered; then it re-arms. Every `poll_interval` it reads the
// journal's change counter (cheap) and re-arms when another process has
// committed, so timers written by a CLI while the server runs are noticed
// within a second; the same poll retries notices whose back-off has passed.
// start() fires, once each and in due order, the timers that fell due while
// nothing was running.
//
// Not thread-safe: use from the io_context's thread (one-threaded loop).
#pragma once

#include "alur/engine/engine.hpp"
#include "alur/engine/outbox.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <memory>

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
    /// Cancels the timer and the poll; handlers already running complete.
    void stop();

    /// One round: fire what is due at the engine clock's now, deliver the
    /// outbox, re-arm. Returns what was fired. Public for tests and run-due.
    Result<Engine::FireReport> tick();

    /// Called after every round with its report (for metrics and tests).
    std::function<void(const Engine::FireReport&)> on_round;

private:
    void arm();
    void schedule_poll();

    Engine& engine_;
    OutboxDispatcher* outbox_;
    std::shared_ptr<spdlog::logger> logger_;
    Options options_;
    boost::asio::steady_timer timer_;
    boost::asio::steady_timer poll_;
    std::uint64_t seen_changes_ = 0;
    bool stopped_ = false;
};

}  // namespace alur
