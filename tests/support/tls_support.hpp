// Self-signed certificates for the TLS tests (and a webhook receiver's HMAC), made with OpenSSL's API (an EC
// P-256 key, SHA-256, valid from an hour ago for 30 days): no files shipped,
// no external program needed.
#pragma once

#include <filesystem>
#include <string>

namespace alur::test {

struct SelfSigned {
    std::string cert_pem;
    std::string key_pem;
    /// Writes cert.pem and key.pem (mode 0600) into `dir` under `prefix`: DIR/PREFIXcert.pem, DIR/PREFIXkey.pem.
    void write(const std::filesystem::path& dir, const std::string& prefix = {}) const;
};

/// A self-signed CA:TRUE certificate for CN=`common_name` whose
/// subjectAltName is `alt_names` ("DNS:localhost,IP:127.0.0.1").
SelfSigned make_self_signed(const std::string& common_name = "localhost",
                            const std::string& alt_names = "DNS:localhost,IP:127.0.0.1");

/// "sha256=" and the hex HMAC-SHA256 of `timestamp.body` keyed with `secret`:
/// a webhook receiver's own computation (EVP_Q_mac, not the channel's code).
std::string receiver_signature(const std::string& secret, const std::string& timestamp, const std::string& body);

}  // namespace alur::test
