// alur/engine/passwords.hpp — slow salted password hashes (OpenSSL scrypt).
//
// A hash is stored self-describing, so its parameters can grow without
// breaking the hashes already stored:
//   scrypt$<N>$<r>$<p>$<salt, base64>$<hash, base64>
// with a 16-byte random salt (RAND_bytes) and a 32-byte key. The defaults
// follow OWASP's password storage advice: N = 2^17, r = 8, p = 1 (128 MiB
// and a few hundred milliseconds per hash). verify_password reads the
// parameters from the stored text and compares in constant time
// (CRYPTO_memcmp). Documented in docs/OPERATIONS.md, "Sign-in and passwords".
//
// Thread-safety: every function may be called from any thread.
#pragma once

#include "alur/engine/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace alur {

struct PasswordParams {
    std::uint64_t n = std::uint64_t{1} << 17;  ///< CPU/memory cost, a power of two
    std::uint32_t r = 8;                        ///< block size
    std::uint32_t p = 1;                        ///< parallelism
};

/// The shortest password accepted.
inline constexpr std::size_t min_password_chars = 10;
/// The longest (a longer one is a pasted file, not a password).
inline constexpr std::size_t max_password_chars = 1024;

/// invalid_input (field "password") for a password shorter than
/// min_password_chars characters, longer than max_password_chars or with a
/// control character; the message names the rule.
Result<void> check_password(std::string_view password);

/// A new hash of `password` with a fresh salt. io if OpenSSL fails (the
/// parameters are out of its range, or memory).
Result<std::string> hash_password(std::string_view password, const PasswordParams& params = {});

/// True if `stored` is a hash hash_password could have made (format and
/// parameters), whatever the password.
bool is_password_hash(std::string_view stored);

/// `bytes` random bytes (OpenSSL RAND_bytes) in lowercase hex: API tokens,
/// session ids, CSRF tokens. io if OpenSSL has no randomness.
Result<std::string> random_hex(std::size_t bytes = 32);

/// True if `password` matches `stored`; false for a wrong password or a
/// malformed `stored`.
bool verify_password(std::string_view password, std::string_view stored);

}  // namespace alur
