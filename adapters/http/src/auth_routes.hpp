// Signing in to the web page and authenticating each /api call (auth_routes.cpp).
//
//   POST   /api/session  {name, password}  (open)  200 {name, role, unit, csrf, expires_at}
//                        + Set-Cookie alur_session; 400 bad body; 401 unauthorized; 429 (Retry-After)
//   GET    /api/session  (the cookie)              200 the same body; 401 unauthorized | session_expired
//   DELETE /api/session  (cookie + X-CSRF-Token)   204 + a cookie that expires it; 401; 403 csrf
//
// authenticate(): a Bearer token as before, else the session cookie. A
// session authenticates as its user (Token{name, role}: the actor recorded);
// a write (POST, PUT, DELETE) authenticated by the cookie must carry
// X-CSRF-Token equal to the session's CSRF token, else 403 "csrf". Token
// calls need no CSRF token (a browser never adds the Authorization header).
#pragma once

#include "routes.hpp"
#include "sessions.hpp"

#include "alur/http/api.hpp"

#include <memory>
#include <string>
#include <variant>

namespace alur::http::detail {

/// Who is calling, once authenticated.
struct Caller {
    Token token;              ///< name (the actor) and role; for a session, the user's
    bool by_session = false;  ///< authenticated by the session cookie
    std::string unit;         ///< the session user's unit (empty: every unit, or a token)
};

/// The cookie's name.
inline constexpr std::string_view session_cookie = "alur_session";

/// The caller of an /api route that needs sign-in, or the 401/403 to answer.
std::variant<Caller, Response> authenticate(const ApiOptions& options, Sessions& sessions, const Request& request,
                                            TimePoint now);

/// POST, GET and DELETE /api/session (open routes: each reads the cookie itself).
void add_auth_routes(Routes& routes, std::shared_ptr<Sessions> sessions);

/// POST /api/session.
Response sign_in(const ApiOptions& options, Sessions& sessions, const Request& request, TimePoint now);
/// GET /api/session.
Response session_info(const ApiOptions& options, Sessions& sessions, const Request& request, TimePoint now);
/// DELETE /api/session.
Response sign_out(const ApiOptions& options, Sessions& sessions, const Request& request, TimePoint now);

}  // namespace alur::http::detail
