#include "alur/engine/event.hpp"
#include "alur/engine/time.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace alur {
namespace {

// Length-prefixed fields: "<len>:<bytes>\n", so no two field lists share an encoding.
void put(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += '\n';
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
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

std::string compute_event_hash(const EventRecord& e) {
    std::string buf;
    buf.reserve(256 + e.payload.size() + e.reason.size());
    const bool v2 = !e.recorded_by.empty();
    put(buf, v2 ? "alur-event-v2" : "alur-event-v1");
    put(buf, e.prev_hash);
    put(buf, std::to_string(e.global_seq));
    put(buf, e.case_id);
    put(buf, std::to_string(e.seq));
    put(buf, e.name);
    put(buf, e.payload);
    put(buf, e.actor);
    put(buf, e.role);
    put(buf, e.reason);
    put(buf, format_utc(e.occurred_at));
    put(buf, format_utc(e.recorded_at));
    if (v2) put(buf, e.recorded_by);
    return sha256_hex(buf);
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
