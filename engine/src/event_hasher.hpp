// Checking many events' hashes without allocating per row: one OpenSSL
// context and one encoding buffer, reused (audit::verify gives each worker
// thread its own). Private to the engine. Not thread-safe: one per thread.
#pragma once

#include "alur/engine/event.hpp"

#include <string>

struct evp_md_ctx_st;
struct evp_md_st;

namespace alur {

/// The bytes compute_event_hash hashes for `e` (replacing `buf`'s content).
void encode_event(const EventRecord& e, std::string& buf);

class EventHasher {
public:
    EventHasher();
    ~EventHasher();
    EventHasher(const EventHasher&) = delete;
    EventHasher& operator=(const EventHasher&) = delete;

    /// compute_event_hash(e) == e.hash, without building the hex string.
    bool matches(const EventRecord& e);

private:
    evp_md_ctx_st* ctx_;
    const evp_md_st* md_;
    std::string buf_;
};

}  // namespace alur
