// tls.cpp — the server's TLS context: reading and checking [http] tls_cert and
// tls_key with OpenSSL, so that a wrong file is refused at start with a
// message naming it, not at the first handshake.
#include "tls.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>

namespace alur::http::detail {
namespace ssl = boost::asio::ssl;

namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

Error bad(const std::string& key, const std::string& path, const std::string& what) {
    return make_error(errc::invalid_input, "http." + key + " " + path + ": " + what, "http." + key);
}

/// The file's bytes, or why it cannot be read.
Result<std::string> read_pem(const std::string& key, const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return bad(key, path.string(), "is a directory, not a PEM file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return bad(key, path.string(), std::string("cannot be read: ") + std::strerror(errno));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return bad(key, path.string(), "cannot be read");
    return text;
}

std::unique_ptr<BIO, BioFree> memory_bio(const std::string& text) {
    return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string name_text(const X509_NAME* name) {
    std::unique_ptr<BIO, BioFree> out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    const long n = BIO_get_mem_data(out.get(), &data);
    return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

std::string time_text(const ASN1_TIME* t) {
    std::tm tm{};
    if (ASN1_TIME_to_tm(t, &tm) != 1) return "?";
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

Result<std::shared_ptr<ssl::context>> make_server_context(const TlsSettings& settings, TlsCertificate& info) {
    if (settings.cert.empty() != settings.key.empty())
        return make_error(errc::invalid_input, "[http] tls_cert and tls_key go together: give both or neither",
                          settings.cert.empty() ? "http.tls_cert" : "http.tls_key");
    int min_version = 0;
    if (settings.min_version == "1.2") min_version = TLS1_2_VERSION;
    else if (settings.min_version == "1.3") min_version = TLS1_3_VERSION;
    else
        return make_error(errc::invalid_input,
                          "http.tls_min_version must be \"1.2\" or \"1.3\" (got \"" + settings.min_version + "\")",
                          "http.tls_min_version");

    const std::string cert_path = settings.cert.string();
    const std::string key_path = settings.key.string();
    auto cert_text = read_pem("tls_cert", settings.cert);
    if (!cert_text) return cert_text.error();
    auto key_text = read_pem("tls_key", settings.key);
    if (!key_text) return key_text.error();

    auto cert_bio = memory_bio(*cert_text);
    std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!cert)
        return bad("tls_cert", cert_path,
                   "holds no PEM certificate (expected a \"-----BEGIN CERTIFICATE-----\" block)");
    auto key_bio = memory_bio(*key_text);
    // No passphrase callback that could prompt: an encrypted key is refused.
    std::unique_ptr<EVP_PKEY, KeyFree> key(
        PEM_read_bio_PrivateKey(key_bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr));
    ERR_clear_error();
    if (!key)
        return bad("tls_key", key_path,
                   "holds no PEM private key (expected \"-----BEGIN PRIVATE KEY-----\"; an encrypted key "
                   "cannot be used: decrypt it with `openssl pkey`)");
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        return bad("tls_key", key_path, "does not match the certificate in " + cert_path);
    }

    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    SSL_CTX_set_min_proto_version(native, min_version);
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    boost::system::error_code ec;
    context->use_certificate_chain(boost::asio::buffer(*cert_text), ec);  // with intermediates that follow
    if (ec) return bad("tls_cert", cert_path, "cannot be used: " + ec.message());
    context->use_private_key(boost::asio::buffer(*key_text), ssl::context::pem, ec);
    if (ec) return bad("tls_key", key_path, "cannot be used: " + ec.message());
    if (SSL_CTX_check_private_key(native) != 1) {
        ERR_clear_error();
        return bad("tls_key", key_path, "does not match the certificate in " + cert_path);
    }

    info.subject = name_text(X509_get_subject_name(cert.get()));
    info.issuer = name_text(X509_get_issuer_name(cert.get()));
    info.not_after = time_text(X509_get0_notAfter(cert.get()));
    info.expired = X509_cmp_current_time(X509_get0_notAfter(cert.get())) < 0;
    return context;
}

}  // namespace alur::http::detail
