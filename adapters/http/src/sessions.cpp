#include "sessions.hpp"

#include "alur/engine/event.hpp"
#include "alur/engine/passwords.hpp"

#include <openssl/crypto.h>

#include <algorithm>

namespace alur::http::detail {

namespace {
/// Entries kept at most per map before old ones are swept (a flood of names
/// or addresses cannot grow memory without bound).
constexpr std::size_t max_entries = 100000;
constexpr auto keep_expired = std::chrono::hours(24);
}  // namespace

bool same_secret(std::string_view given, std::string_view expected) {
    return !given.empty() && given.size() == expected.size() &&
           CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

std::string cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semi = header.find(';');
        std::string_view part = header.substr(0, semi);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        const auto eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
        if (semi == std::string_view::npos) break;
        header.remove_prefix(semi + 1);
    }
    return {};
}

Sessions::Sessions(SessionOptions options) : options_(std::move(options)) {}

Result<Sessions::Created> Sessions::create(const std::string& name, const std::string& role, const std::string& unit,
                                           TimePoint now) {
    auto id = random_hex();
    if (!id) return id.error();
    auto csrf = random_hex();
    if (!csrf) return csrf.error();
    Session s{name, role, unit, *csrf, now, now, std::min(now + options_.lifetime, now + options_.idle)};
    std::lock_guard lock(mutex_);
    sweep(now);
    sessions_[sha256_hex(*id)] = s;
    return Created{*id, s};
}

Sessions::Found Sessions::find(std::string_view id, TimePoint now) {
    if (id.empty()) return {};
    const std::string key = sha256_hex(id);
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(key);
    if (it == sessions_.end()) return {};
    Session& s = it->second;
    if (now >= s.expires_at) return {Status::expired, s};
    s.last_seen = now;
    s.expires_at = std::min(s.created_at + options_.lifetime, now + options_.idle);
    return {Status::ok, s};
}

void Sessions::remove(std::string_view id) {
    const std::string key = sha256_hex(id);
    std::lock_guard lock(mutex_);
    if (auto it = sessions_.find(key); it != sessions_.end()) sessions_.erase(it);
}

void Sessions::sweep(TimePoint now) {
    std::erase_if(sessions_, [&](const auto& entry) { return entry.second.expires_at + keep_expired < now; });
}

std::optional<std::chrono::seconds> Sessions::wait(FailureMap& map, const std::string& key, int limit, TimePoint now) {
    auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    const TimePoint ends = it->second.first + options_.failure_window;
    if (now >= ends) {
        map.erase(it);
        return std::nullopt;
    }
    if (it->second.count < limit) return std::nullopt;
    // Rounded up: a client that waits Retry-After seconds is let in.
    return std::chrono::ceil<std::chrono::seconds>(ends - now);
}

void Sessions::count(FailureMap& map, const std::string& key, TimePoint now) {
    if (map.size() >= max_entries)
        std::erase_if(map, [&](const auto& e) { return e.second.first + options_.failure_window <= now; });
    if (map.size() >= max_entries) map.erase(map.begin());
    auto [it, fresh] = map.try_emplace(key, Failures{now, 0});
    if (!fresh && now >= it->second.first + options_.failure_window) it->second = Failures{now, 0};
    ++it->second.count;
}

std::optional<std::chrono::seconds> Sessions::blocked(const std::string& name, const std::string& address,
                                                      TimePoint now) {
    std::lock_guard lock(mutex_);
    auto by_name = wait(by_name_, name, options_.failures_per_name, now);
    auto by_address = wait(by_address_, address, options_.failures_per_address, now);
    if (by_name && by_address) return std::max(*by_name, *by_address);
    return by_name ? by_name : by_address;
}

void Sessions::failed(const std::string& name, const std::string& address, TimePoint now) {
    std::lock_guard lock(mutex_);
    count(by_name_, name, now);
    count(by_address_, address, now);
}

void Sessions::succeeded(const std::string& name) {
    std::lock_guard lock(mutex_);
    by_name_.erase(name);
}

}  // namespace alur::http::detail
