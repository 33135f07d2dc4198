// The TLS context of `alur serve` ([http] tls_cert, tls_key, tls_min_version):
// the certificate and key read and checked once at start. Private to alur_http
// (server.cpp and tls.cpp; only they include Asio's SSL headers).
#pragma once

#include "alur/engine/result.hpp"
#include "alur/http/server.hpp"

#include <boost/asio/ssl/context.hpp>

#include <memory>

namespace alur::http::detail {

/// A server context (TLS 1.2 or 1.3 at least, as `settings.min_version`
/// says) with the certificate chain of `settings.cert` and the key of
/// `settings.key`. invalid_input naming the file and what is wrong: it cannot
/// be read, holds no PEM certificate / private key (an encrypted key counts:
/// no passphrase can be given), or the key does not belong to the
/// certificate; `info` then untouched. On success `info` describes the
/// certificate (for the start-up log line).
Result<std::shared_ptr<boost::asio::ssl::context>> make_server_context(const TlsSettings& settings,
                                                                       TlsCertificate& info);

}  // namespace alur::http::detail
