#include "alur/engine/passwords.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <optional>
#include <vector>

namespace alur {
namespace {

constexpr std::size_t salt_bytes = 16;
constexpr std::size_t key_bytes = 32;
// What verify_password accepts from a stored hash: enough to grow, not so
// much that a damaged row makes one sign-in take the machine's memory.
constexpr std::uint64_t max_n = std::uint64_t{1} << 22;
constexpr std::uint32_t max_r = 32;
constexpr std::uint32_t max_p = 16;

bool valid_params(const PasswordParams& p) {
    return p.n >= 2 && p.n <= max_n && (p.n & (p.n - 1)) == 0 && p.r >= 1 && p.r <= max_r && p.p >= 1 &&
           p.p <= max_p;
}

std::string base64(const unsigned char* data, std::size_t size) {
    std::string out(4 * ((size + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::vector<unsigned char>> unbase64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::vector<unsigned char> out(text.size() / 4 * 3);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    std::size_t size = static_cast<std::size_t>(n);
    if (text.ends_with("==")) size -= 2;  // EVP_DecodeBlock counts the padding as zero bytes
    else if (text.ends_with("=")) size -= 1;
    out.resize(size);
    return out;
}

std::optional<std::vector<unsigned char>> derive(std::string_view password, const unsigned char* salt,
                                                 std::size_t salt_size, const PasswordParams& p) {
    std::vector<unsigned char> key(key_bytes);
    const std::uint64_t maxmem = 128ull * p.r * (p.n + p.p + 2) + (std::uint64_t{1} << 20);
    if (EVP_PBE_scrypt(password.data(), password.size(), salt, salt_size, p.n, p.r, p.p, maxmem, key.data(),
                       key.size()) != 1)
        return std::nullopt;
    return key;
}

template <class T>
bool number(std::string_view text, T& out) {
    auto r = std::from_chars(text.data(), text.data() + text.size(), out);
    return r.ec == std::errc{} && r.ptr == text.data() + text.size();
}

struct Parsed {
    PasswordParams params;
    std::vector<unsigned char> salt, key;
};

std::optional<Parsed> parse(std::string_view stored) {
    std::vector<std::string_view> parts;
    while (true) {
        const auto at = stored.find('$');
        parts.push_back(stored.substr(0, at));
        if (at == std::string_view::npos) break;
        stored.remove_prefix(at + 1);
    }
    if (parts.size() != 6 || parts[0] != "scrypt") return std::nullopt;
    Parsed out;
    if (!number(parts[1], out.params.n) || !number(parts[2], out.params.r) || !number(parts[3], out.params.p) ||
        !valid_params(out.params))
        return std::nullopt;
    auto salt = unbase64(parts[4]);
    auto key = unbase64(parts[5]);
    if (!salt || !key || salt->size() < 8 || key->size() != key_bytes) return std::nullopt;
    out.salt = std::move(*salt);
    out.key = std::move(*key);
    return out;
}

}  // namespace

Result<void> check_password(std::string_view password) {
    std::size_t chars = 0;
    for (unsigned char c : password) {
        if ((c & 0xC0) != 0x80) ++chars;  // count code points, not bytes
        if (c < 0x20 || c == 0x7f)
            return make_error(errc::invalid_input, "the password contains a control character", "password");
    }
    if (chars < min_password_chars)
        return make_error(errc::invalid_input,
                          "the password is too short: at least " + std::to_string(min_password_chars) +
                              " characters are required",
                          "password");
    if (password.size() > max_password_chars)
        return make_error(errc::invalid_input,
                          "the password is too long: at most " + std::to_string(max_password_chars) + " bytes",
                          "password");
    return {};
}

Result<std::string> hash_password(std::string_view password, const PasswordParams& params) {
    if (!valid_params(params)) return make_error(errc::invalid_input, "scrypt parameters out of range", "params");
    unsigned char salt[salt_bytes];
    if (RAND_bytes(salt, sizeof salt) != 1) return make_error(errc::io, "RAND_bytes failed");
    auto key = derive(password, salt, sizeof salt, params);
    if (!key) return make_error(errc::io, "EVP_PBE_scrypt failed (out of memory?)");
    return "scrypt$" + std::to_string(params.n) + "$" + std::to_string(params.r) + "$" + std::to_string(params.p) +
           "$" + base64(salt, sizeof salt) + "$" + base64(key->data(), key->size());
}

Result<std::string> random_hex(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) return make_error(errc::io, "RAND_bytes failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * bytes);
    for (unsigned char b : raw) {
        out += hex[b >> 4];
        out += hex[b & 0xf];
    }
    return out;
}

bool is_password_hash(std::string_view stored) { return parse(stored).has_value(); }

bool verify_password(std::string_view password, std::string_view stored) {
    auto parsed = parse(stored);
    if (!parsed) return false;
    auto key = derive(password, parsed->salt.data(), parsed->salt.size(), parsed->params);
    return key && CRYPTO_memcmp(key->data(), parsed->key.data(), key_bytes) == 0;
}

}  // namespace alur
