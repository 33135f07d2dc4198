// alur/engine/clock.hpp — the only way the engine learns what time it is.
//
// The engine, its timers and its journal read "now" through a Clock passed in
// their options; guards never read it (they read the event's own time), so a
// replay reproduces every state. `ManualClock` lets tests move time by hand:
// no test ever sleeps. SystemClock is thread-safe; ManualClock is safe to read
// from several threads while one thread sets it.
#pragma once

#include <atomic>
#include <chrono>

namespace alur {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

/// The wall clock (std::chrono::system_clock), truncated to milliseconds.
class SystemClock final : public Clock {
public:
    TimePoint now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    }
};

/// The wall clock shifted by a fixed offset: "run as if it were DATETIME now"
/// (`alur serve --now`, `alur run-due --now`, benchmarks). Thread-safe.
class OffsetClock final : public Clock {
public:
    explicit OffsetClock(std::chrono::milliseconds offset) : offset_(offset) {}
    /// A clock that reads `start` now and moves on with the wall clock.
    static OffsetClock starting_at(TimePoint start) { return OffsetClock(start - SystemClock().now()); }
    TimePoint now() const override { return SystemClock().now() + offset_; }

private:
    std::chrono::milliseconds offset_;
};

/// A clock that only moves when told to.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start = {}) : now_(start.time_since_epoch().count()) {}
    TimePoint now() const override { return TimePoint{std::chrono::milliseconds{now_.load()}}; }
    void set(TimePoint t) { now_.store(t.time_since_epoch().count()); }
    void advance(std::chrono::milliseconds d) { now_.fetch_add(d.count()); }

private:
    std::atomic<std::chrono::milliseconds::rep> now_;
};

}  // namespace alur
