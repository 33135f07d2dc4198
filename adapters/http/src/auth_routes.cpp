// Signing in (POST/GET/DELETE /api/session) and authenticate(): see auth_routes.hpp.
#include "auth_routes.hpp"

#include "api_detail.hpp"

#include "alur/engine/event.hpp"
#include "alur/engine/passwords.hpp"
#include "alur/engine/text.hpp"
#include "alur/engine/time.hpp"

#include <boost/json/parse.hpp>

#include <spdlog/spdlog.h>

#include <map>
#include <mutex>
#include <tuple>

namespace alur::http::detail {
namespace json = boost::json;

namespace {

bool is_write(const Request& r) { return r.method != "GET" && r.method != "HEAD" && r.method != "OPTIONS"; }

std::string set_cookie(const ApiOptions& options, const Request& request, std::string_view value,
                       bool expire = false) {
    std::string c = std::string(session_cookie) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
    if (request.tls || options.sessions.secure_cookies) c += "; Secure";
    if (expire) c += "; Max-Age=0";
    return c;
}

json::object session_body(const ApiOptions& options, const Session& s) {
    return json::object{{"name", s.name},
                        {"role", s.role},
                        {"unit", s.unit},
                        {"csrf", s.csrf},
                        {"expires_at", format_local(s.expires_at, options.deadline_clock.timezone)}};
}

/// A hash of a password nobody has, with the sign-in's cost: an unknown name
/// is checked against it, so it takes as long as a wrong password.
const std::string& dummy_hash(const PasswordParams& params) {
    static std::mutex mutex;
    static std::map<std::tuple<std::uint64_t, std::uint32_t, std::uint32_t>, std::string> made;
    std::lock_guard lock(mutex);
    auto& h = made[{params.n, params.r, params.p}];
    if (h.empty()) {
        auto made_hash = hash_password("alur-no-such-user-password", params);
        h = made_hash ? *made_hash : std::string("-");
    }
    return h;
}

std::string address_of(const Request& r) { return r.peer.empty() ? std::string("unknown") : r.peer; }

/// The session of the request's cookie, or the 401 to answer.
std::variant<std::pair<std::string, Session>, Response> cookie_session(const ApiOptions& options, Sessions& sessions,
                                                                        const Request& request, TimePoint now) {
    const std::string id = cookie_value(request.cookie, session_cookie);
    if (id.empty()) return fail(401, "unauthorized", "not signed in: sign in, or send Authorization: Bearer <token>");
    auto found = sessions.find(id, now);
    if (found.status == Sessions::Status::expired)
        return fail(401, "session_expired", "the session has expired: sign in again");
    if (found.status != Sessions::Status::ok) return fail(401, "unauthorized", "unknown session: sign in again");
    // A user disabled (or whose role changed) since signing in is signed out.
    if (options.users) {
        auto user = options.users->find(found.session.name);
        if (!user) {
            if (user.error().code != errc::not_found) return fail(user.error());
        }
        if (!user || user->disabled || user->role != found.session.role || user->unit != found.session.unit) {
            sessions.remove(id);
            return fail(401, "unauthorized", "the user was disabled or changed: sign in again");
        }
    }
    return std::pair{id, found.session};
}

}  // namespace

std::variant<Caller, Response> authenticate(const ApiOptions& options, Sessions& sessions, const Request& request,
                                            TimePoint now) {
    constexpr std::string_view bearer = "Bearer ";
    if (request.authorization.starts_with(bearer)) {
        auto token = options.tokens->find_by_hash(sha256_hex(request.authorization.substr(bearer.size())));
        if (!token) {
            if (token.error().code != errc::not_found) return fail(token.error());
            if (options.logger)
                options.logger->warn("authentication failed: unknown or revoked token from {}", address_of(request));
            return fail(401, "unauthorized", "unknown or revoked token");
        }
        return Caller{*token, false, {}};
    }
    if (!options.users || request.cookie.empty() || cookie_value(request.cookie, session_cookie).empty())
        return fail(401, "unauthorized", "an Authorization: Bearer <token> header or a signed-in session is required");
    auto found = cookie_session(options, sessions, request, now);
    if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
    const Session& s = std::get<0>(found).second;
    if (is_write(request) && !same_secret(request.csrf, s.csrf))
        return fail(403, "csrf", "this write needs the X-CSRF-Token header of the session (the csrf of /api/session)");
    Token token;
    token.name = s.name;
    token.role = s.role;
    token.created_at = s.created_at;
    return Caller{std::move(token), true, s.unit};
}

Response sign_in(const ApiOptions& options, Sessions& sessions, const Request& request, TimePoint now) {
    if (!options.users) return fail(404, "not_found", "signing in with a password is not enabled on this server");
    json::value body;
    try {
        body = json::parse(request.body);
    } catch (const std::exception&) {
        return fail(400, "invalid_input", "the body must be a JSON object {\"name\", \"password\"}");
    }
    const auto* o = body.if_object();
    if (!o) return fail(400, "invalid_input", "the body must be a JSON object {\"name\", \"password\"}");
    const auto* name_v = o->if_contains("name");
    const auto* password_v = o->if_contains("password");
    if (!name_v || !name_v->is_string() || name_v->get_string().empty())
        return fail(400, "invalid_input", "name: a non-empty string is required", "name");
    if (!password_v || !password_v->is_string() || password_v->get_string().empty())
        return fail(400, "invalid_input", "password: a non-empty string is required", "password");
    const std::string name(name_v->get_string());
    const std::string_view password = password_v->get_string();
    if (name.size() > max_name_chars || password.size() > max_password_chars)
        return fail(400, "invalid_input", "name or password too long", name.size() > max_name_chars ? "name" : "password");
    const std::string address = address_of(request);

    if (auto wait = sessions.blocked(name, address, now)) {
        if (options.logger)
            options.logger->warn("sign-in of {} from {} slowed: too many failed attempts (retry in {} s)",
                                 escape_controls(name), address, wait->count());
        auto r = fail(429, "too_many_attempts",
                      "too many failed sign-ins: try again in " + std::to_string(wait->count()) + " seconds");
        r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
        return r;
    }

    auto user = options.users->find(name);
    if (!user && user.error().code != errc::not_found) return fail(user.error());
    // An unknown name is checked against a dummy hash and a disabled user's
    // password is checked too: every failure takes the same time and answers alike.
    const bool matches = verify_password(password, user ? user->password_hash
                                                        : dummy_hash(options.sessions.dummy_params));
    if (!user || !matches || user->disabled) {
        sessions.failed(name, address, now);
        if (options.logger)
            options.logger->warn("sign-in failed: name {} from {} ({})", escape_controls(name), address,
                                 !user ? "unknown name" : user->disabled ? "disabled user" : "wrong password");
        return fail(401, "unauthorized", "wrong name or password");
    }
    sessions.succeeded(name);
    auto created = sessions.create(user->name, user->role, user->unit, now);
    if (!created) return fail(created.error());
    if (options.logger) options.logger->info("signed in: {} ({}) from {}", escape_controls(name), user->role, address);
    auto r = reply(200, session_body(options, created->session));
    r.headers.emplace_back("Set-Cookie", set_cookie(options, request, created->id));
    r.cache_control = "no-store";
    return r;
}

Response session_info(const ApiOptions& options, Sessions& sessions, const Request& request, TimePoint now) {
    if (!options.users) return fail(401, "unauthorized", "signing in with a password is not enabled on this server");
    auto found = cookie_session(options, sessions, request, now);
    if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
    auto r = reply(200, session_body(options, std::get<0>(found).second));
    r.cache_control = "no-store";
    return r;
}

Response sign_out(const ApiOptions& options, Sessions& sessions, const Request& request, TimePoint now) {
    if (!options.users) return fail(401, "unauthorized", "signing in with a password is not enabled on this server");
    auto found = cookie_session(options, sessions, request, now);
    if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
    const auto& [id, s] = std::get<0>(found);
    if (!same_secret(request.csrf, s.csrf))
        return fail(403, "csrf", "signing out needs the X-CSRF-Token header of the session");
    sessions.remove(id);
    Response r{204, "application/json", "", {}, "no-store"};
    r.headers.emplace_back("Set-Cookie", set_cookie(options, request, "", true));
    return r;
}

namespace {

constexpr const char* session_schema = R"json({"type":"object","required":["name","role","unit","csrf","expires_at"],
"properties":{"name":{"type":"string","description":"the user's name, recorded as the actor"},
"role":{"type":"string","enum":["admin","ppk","auditor"]},
"unit":{"type":"string","description":"the unit the user is limited to; empty: every unit"},
"csrf":{"type":"string","description":"send it as X-CSRF-Token on every write made with the cookie"},
"expires_at":{"type":"string","format":"date-time","description":"when the session ends unless used again (agency time, with offset)"}}})json";

}  // namespace

void add_auth_routes(Routes& routes, std::shared_ptr<Sessions> sessions) {
    routes.add({.method = "POST",
                .pattern = "/api/session",
                .summary = "Sign in with a name and a password",
                .description = "Answers the session and sets the cookie alur_session (Path=/; HttpOnly; "
                               "SameSite=Strict; Secure over TLS or with [server] secure_cookies). With the cookie, "
                               "every /api route works as with a token of the user's name and role; every write "
                               "made with it must send X-CSRF-Token (the body's csrf). A wrong name, a wrong "
                               "password and a disabled user answer the same 401. After too many failures of one "
                               "name or from one address, 429 with Retry-After until the window passes.",
                .open = true,
                .request_body = R"({"type":"object","required":["name","password"],"properties":{)"
                                R"("name":{"type":"string","minLength":1},"password":{"type":"string","minLength":1}}})",
                .response_body = session_schema,
                .errors = {400, 401, 404, 429},
                .body_limit = 4096,
                .slow = true,
                .tag = "session",
                .handler = [sessions](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return sign_in(call.options, *sessions, call.request, call.now);
                }});
    routes.add({.method = "GET",
                .pattern = "/api/session",
                .summary = "The signed-in session of the cookie",
                .description = "401 unauthorized without a session, 401 session_expired once it ended.",
                .open = true,
                .response_body = session_schema,
                .errors = {401},
                .tag = "session",
                .handler = [sessions](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return session_info(call.options, *sessions, call.request, call.now);
                }});
    routes.add({.method = "DELETE",
                .pattern = "/api/session",
                .summary = "Sign out: end the cookie's session",
                .description = "Needs X-CSRF-Token; answers 204 with a Set-Cookie that expires the cookie.",
                .open = true,
                .params = {{"X-CSRF-Token", "header", "string", true, "the session's csrf"}},
                .success = 204,
                .errors = {401, 403},
                .tag = "session",
                .handler = [sessions](const Call& call, const PathArgs&) -> std::variant<Response, Write> {
                    return sign_out(call.options, *sessions, call.request, call.now);
                }});
}

}  // namespace alur::http::detail
