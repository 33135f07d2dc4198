// The web page's sessions and the slowing of failed sign-ins. Plain C++, no
// Beast; every time is passed in (the engine's clock), so tests drive expiry
// with a ManualClock and never sleep.
//
// A session is created on sign-in: its id is 32 random bytes (RAND_bytes, in
// hex) sent once in the cookie and kept only as its SHA-256, with a CSRF
// token (32 random bytes) the page sends back in X-CSRF-Token on each write.
// A session ends at the first of: `lifetime` after sign-in (absolute), `idle`
// after its last request, sign-out. Expired sessions stay known (so their
// cookie is answered "session_expired") until a day after they expired.
// Sessions live in this process's memory only: restarting `alur serve`
// signs everyone out.
//
// Failed sign-ins are counted per name and per address in a fixed window
// from the first failure: after `failures_per_name` (or
// `failures_per_address`) failures, blocked() answers the time until the
// window ends. A successful sign-in resets its name's count.
//
// Thread-safety: every method may be called from any thread (one mutex).
#pragma once

#include "alur/engine/clock.hpp"
#include "alur/engine/result.hpp"
#include "alur/http/api.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace alur::http::detail {

struct Session {
    std::string name, role, unit;
    std::string csrf;
    TimePoint created_at{}, last_seen{};
    /// The first of created_at + lifetime and last_seen + idle.
    TimePoint expires_at{};
};

/// True if `given` is non-empty and equals `expected`, compared in constant time.
bool same_secret(std::string_view given, std::string_view expected);

/// The value of cookie `name` in a Cookie header ("a=1; alur_session=x"), or empty.
std::string cookie_value(std::string_view header, std::string_view name);

class Sessions {
public:
    explicit Sessions(SessionOptions options);

    struct Created {
        std::string id;  ///< for the cookie; not kept
        Session session;
    };
    /// A new session of `name` (role, unit) from `now`.
    Result<Created> create(const std::string& name, const std::string& role, const std::string& unit, TimePoint now);

    enum class Status { ok, unknown, expired };
    struct Found {
        Status status = Status::unknown;
        Session session;  ///< for ok: after this request (last_seen = now)
    };
    /// The session whose id is `id`; an ok lookup counts as activity.
    Found find(std::string_view id, TimePoint now);
    /// Ends the session (sign-out, a disabled user). Unknown ids: nothing.
    void remove(std::string_view id);

    /// How long `name` or `address` must wait before signing in again, or nullopt.
    std::optional<std::chrono::seconds> blocked(const std::string& name, const std::string& address, TimePoint now);
    void failed(const std::string& name, const std::string& address, TimePoint now);
    void succeeded(const std::string& name);

    const SessionOptions& options() const { return options_; }

private:
    struct Failures {
        TimePoint first{};
        int count = 0;
    };
    using FailureMap = std::map<std::string, Failures, std::less<>>;
    std::optional<std::chrono::seconds> wait(FailureMap& map, const std::string& key, int limit, TimePoint now);
    void count(FailureMap& map, const std::string& key, TimePoint now);
    void sweep(TimePoint now);

    SessionOptions options_;
    std::mutex mutex_;
    std::map<std::string, Session, std::less<>> sessions_;  ///< by SHA-256 of the id
    FailureMap by_name_, by_address_;
};

}  // namespace alur::http::detail
