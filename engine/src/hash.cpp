#include "alur/engine/event.hpp"
#include "event_hasher.hpp"
#include "alur/engine/time.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <chrono>
#include <memory>
#include <stdexcept>

namespace alur {
namespace {

// Length-prefixed fields: "<len>:<bytes>\n", so no two field lists share an encoding.
void put(std::string& out, std::string_view field) {
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, field.size());
    out.append(digits, r.ptr);
    out += ':';
    out += field;
    out += '\n';
}

void put_number(std::string& out, std::int64_t n) {
    char digits[24];
    const auto r = std::to_chars(digits, digits + sizeof digits, n);
    put(out, std::string_view(digits, static_cast<std::size_t>(r.ptr - digits)));
}

void two(char* out, unsigned v) {
    out[0] = static_cast<char>('0' + v / 10);
    out[1] = static_cast<char>('0' + v % 10);
}

/// format_utc(t) without printf or a temporary string, for the years 1000 to
/// 9999 (every time the journal takes); others go through format_utc.
void put_time(std::string& out, TimePoint t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day d{day};
    const int y = static_cast<int>(d.year());
    if (y < 1000 || y > 9999) return put(out, format_utc(t));
    const hh_mm_ss<milliseconds> hms{t - day};
    char b[24] = {0, 0, 0, 0, '-', 0, 0, '-', 0, 0, 'T', 0, 0, ':', 0, 0, ':', 0, 0, '.', 0, 0, 0, 'Z'};
    two(b, static_cast<unsigned>(y / 100));
    two(b + 2, static_cast<unsigned>(y % 100));
    two(b + 5, static_cast<unsigned>(d.month()));
    two(b + 8, static_cast<unsigned>(d.day()));
    two(b + 11, static_cast<unsigned>(hms.hours().count()));
    two(b + 14, static_cast<unsigned>(hms.minutes().count()));
    two(b + 17, static_cast<unsigned>(hms.seconds().count()));
    const auto ms = static_cast<unsigned>(hms.subseconds().count());
    b[20] = static_cast<char>('0' + ms / 100);
    two(b + 21, ms % 100);
    put(out, std::string_view(b, sizeof b));
}

}  // namespace

namespace {

/// SHA-256, fetched once (EVP_sha256() is looked up again on every init).
const EVP_MD* sha256() {
    static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                     &EVP_MD_free);
    if (!md) throw std::runtime_error("OpenSSL SHA-256 is not available");
    return md.get();
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), digest, &len) != 1)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(2 * len, '0');
    for (unsigned i = 0; i < len; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xf];
    }
    return out;
}

void encode_event(const EventRecord& e, std::string& buf) {
    buf.clear();
    const bool v2 = !e.recorded_by.empty();
    put(buf, v2 ? "alur-event-v2" : "alur-event-v1");
    put(buf, e.prev_hash);
    put_number(buf, e.global_seq);
    put(buf, e.case_id);
    put_number(buf, e.seq);
    put(buf, e.name);
    put(buf, e.payload);
    put(buf, e.actor);
    put(buf, e.role);
    put(buf, e.reason);
    put_time(buf, e.occurred_at);
    put_time(buf, e.recorded_at);
    if (v2) put(buf, e.recorded_by);
}

std::string compute_event_hash(const EventRecord& e) {
    std::string buf;
    buf.reserve(256 + e.payload.size() + e.reason.size());
    encode_event(e, buf);
    return sha256_hex(buf);
}

EventHasher::EventHasher() : ctx_(EVP_MD_CTX_new()), md_(sha256()) {
    if (!ctx_) throw std::runtime_error("OpenSSL SHA-256 is not available");
}

EventHasher::~EventHasher() { EVP_MD_CTX_free(ctx_); }

bool EventHasher::matches(const EventRecord& e) {
    if (e.hash.size() != 64) return false;
    encode_event(e, buf_);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, buf_.data(), buf_.size()) != 1 ||
        EVP_DigestFinal_ex(ctx_, digest, &len) != 1 || len != 32)
        throw std::runtime_error("OpenSSL SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; ++i)
        if (e.hash[2 * i] != hex[digest[i] >> 4] || e.hash[2 * i + 1] != hex[digest[i] & 0xf]) return false;
    return true;
}

std::string chained_hash(std::string_view tag, std::string_view prev_hash,
                         std::initializer_list<std::string_view> fields) {
    std::string buf;
    put(buf, tag);
    put(buf, prev_hash);
    for (auto f : fields) put(buf, f);
    return sha256_hex(buf);
}

}  // namespace alur
