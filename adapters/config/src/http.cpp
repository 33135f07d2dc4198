// http.cpp — [http]: HTTPS served by `alur serve` itself (tls_cert, tls_key, tls_min_version).
// The files are only named here; `serve` reads and checks them at start.
#include "sections.hpp"

namespace alur::config::detail {

Result<void> read_http(const Reader& r, const toml::table& root, Config& config) {
    auto http = r.table(root, "", "http");
    if (!http) return http.error();
    if (*http == nullptr) return {};
    const toml::table& t = **http;
    if (auto ok = r.only_keys(t, "http", {"tls_cert", "tls_key", "tls_min_version"}); !ok) return ok;
    auto cert = r.string(t, "http", "tls_cert");
    if (!cert) return cert.error();
    auto key = r.string(t, "http", "tls_key");
    if (!key) return key.error();
    if (cert->has_value() != key->has_value()) {
        const char* given = *cert ? "tls_cert" : "tls_key";
        const char* missing = *cert ? "tls_key" : "tls_cert";
        return r.error(t.get(given)->source(), std::string("http.") + missing,
                       std::string("missing: [http] ") + given + " needs " + missing +
                           " as well (give both for HTTPS, or neither)");
    }
    if (*cert) {
        config.http.tls_cert = r.resolve(**cert);
        config.http.tls_key = r.resolve(**key);
    }
    auto min = r.string(t, "http", "tls_min_version");
    if (!min) return min.error();
    if (*min) {
        if (**min != "1.2" && **min != "1.3")
            return r.error(t.get("tls_min_version")->source(), "http.tls_min_version",
                           "expected \"1.2\" or \"1.3\" (got \"" + **min + "\")");
        config.http.tls_min_version = **min;
    }
    return {};
}

}  // namespace alur::config::detail
