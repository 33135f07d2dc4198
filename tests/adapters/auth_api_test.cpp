// Signing in to the web page through the API's router, in process (as
// tests/fuzz/api_setup.hpp wires it) with a ManualClock: POST/GET/DELETE
// /api/session, the cookie's attributes, CSRF on every write made with the
// cookie, the user recorded as actor, expiry (idle and absolute), failed
// sign-ins slowed per name and per address (429, Retry-After), disabled
// users, sign-out. Nothing sleeps: the clock is moved by hand.
#include "../fuzz/api_setup.hpp"

#include "alur/engine/passwords.hpp"
#include "alur/engine/users.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <chrono>

using namespace alur;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

const PasswordParams cheap{1024, 8, 1};

struct Auth {
    fuzz::ApiSetup s;
    MemoryUserStore users;

    explicit Auth(http::SessionOptions sessions = {}) {
        for (auto [name, role, unit, password] :
             {std::tuple{"ani", "admin", "", "ani-password-1"}, std::tuple{"pak-bupati", "ppk", "", "ppk-password-1"},
              std::tuple{"budi", "admin", "Dinas Pendidikan", "budi-password-1"}})
            users.add({name, role, unit, s.clock->now(), false, hash_password(password, cheap).value(), "test"}).value();
        http::ApiOptions o;
        o.engine = s.engine.get();
        o.tokens = &s.tokens;
        o.metrics = &s.metrics;
        o.users = &users;
        sessions.dummy_params = cheap;
        o.sessions = sessions;
        s.api = std::make_unique<http::Api>(std::move(o));
    }

    http::Response call(const std::string& method, const std::string& target, const std::string& body = {},
                        const std::string& cookie = {}, const std::string& csrf = {}, const std::string& peer = "10.0.0.1") {
        http::Request r;
        r.method = method;
        r.target = target;
        r.body = body;
        r.cookie = cookie;
        r.csrf = csrf;
        r.peer = peer;
        return s.api->handle(r);
    }

    http::Response sign_in(const std::string& name, const std::string& password, const std::string& peer = "10.0.0.1") {
        return call("POST", "/api/session", json::serialize(json::object{{"name", name}, {"password", password}}), {},
                    {}, peer);
    }
};

std::string header(const http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return {};
}

/// "alur_session=ID" from a Set-Cookie header.
std::string cookie_of(const http::Response& r) {
    const std::string c = header(r, "Set-Cookie");
    return c.substr(0, c.find(';'));
}

std::string code_of(const http::Response& r) { return std::string(json::parse(r.body).at("error").at("code").as_string()); }

const json::object open_body{{"workflow", "mutation"},
                             {"nip", "197603152005011002"},
                             {"name", "Drs. Hendra Gunawan, M.Si."},
                             {"grade", "jpt_pratama"},
                             {"post", "Kepala Dinas Pendidikan"},
                             {"unit", "Dinas Pendidikan"},
                             {"inaugurated_at", "2021-03-08"},
                             {"reason", "usulan mutasi"}};

}  // namespace

TEST_CASE("signing in answers the session and sets an HttpOnly SameSite=Strict cookie", "[http][auth]") {
    Auth a;
    auto r = a.sign_in("ani", "ani-password-1");
    INFO(r.body);
    REQUIRE(r.status == 200);
    const auto body = json::parse(r.body);
    CHECK(body.at("name").as_string() == "ani");
    CHECK(body.at("role").as_string() == "admin");
    CHECK(body.at("unit").as_string() == "");
    const std::string csrf(body.at("csrf").as_string());
    CHECK(csrf.size() == 64);
    CHECK(body.at("expires_at").as_string() == "2026-01-01T01:00:00+07:00");  // idle 60 min, agency time
    const std::string set_cookie = header(r, "Set-Cookie");
    CHECK(set_cookie.starts_with("alur_session="));
    CHECK(set_cookie.find("; Path=/; HttpOnly; SameSite=Strict") != std::string::npos);
    CHECK(set_cookie.find("Secure") == std::string::npos);  // plain HTTP, secure_cookies off
    CHECK(cookie_of(r).size() == std::string("alur_session=").size() + 64);
    CHECK(r.cache_control == "no-store");

    auto info = a.call("GET", "/api/session", {}, cookie_of(r));
    REQUIRE(info.status == 200);
    CHECK(json::parse(info.body).at("csrf").as_string() == csrf);
    CHECK(json::parse(info.body).at("name").as_string() == "ani");
    // The cookie reads the API like a token does.
    CHECK(a.call("GET", "/api/cases", {}, cookie_of(r)).status == 200);
    CHECK(a.call("GET", "/api/cases", {}, "alur_session=0123").status == 401);
    CHECK(a.call("GET", "/api/session").status == 401);
    // Unit carried for the unit-bound user.
    auto budi = a.sign_in("budi", "budi-password-1");
    REQUIRE(budi.status == 200);
    CHECK(json::parse(budi.body).at("unit").as_string() == "Dinas Pendidikan");
}

TEST_CASE("the cookie is Secure over TLS or with secure_cookies", "[http][auth]") {
    SECTION("over TLS") {
        Auth a;
        http::Request r;
        r.method = "POST";
        r.target = "/api/session";
        r.body = R"({"name": "ani", "password": "ani-password-1"})";
        r.tls = true;
        auto res = a.s.api->handle(r);
        REQUIRE(res.status == 200);
        CHECK(header(res, "Set-Cookie").ends_with("; Secure"));
    }
    SECTION("secure_cookies") {
        http::SessionOptions o;
        o.secure_cookies = true;
        Auth a(o);
        CHECK(header(a.sign_in("ani", "ani-password-1"), "Set-Cookie").ends_with("; Secure"));
    }
}

TEST_CASE("a write by cookie needs the session's X-CSRF-Token and records the user as actor", "[http][auth]") {
    Auth a;
    auto in = a.sign_in("ani", "ani-password-1");
    REQUIRE(in.status == 200);
    const std::string cookie = cookie_of(in);
    const std::string csrf(json::parse(in.body).at("csrf").as_string());
    const std::string body = json::serialize(open_body);

    auto none = a.call("POST", "/api/cases", body, cookie);
    CHECK(none.status == 403);
    CHECK(code_of(none) == "csrf");
    auto wrong = a.call("POST", "/api/cases", body, cookie, std::string(64, 'a'));
    CHECK(wrong.status == 403);
    CHECK(code_of(wrong) == "csrf");
    CHECK(json::parse(a.call("GET", "/api/cases", {}, cookie).body).at("cases").as_array().empty());  // nothing written

    auto ok = a.call("POST", "/api/cases", body, cookie, csrf);
    INFO(ok.body);
    REQUIRE(ok.status == 201);
    const auto event = json::parse(ok.body).at("event");
    CHECK(event.at("actor").as_string() == "ani");
    CHECK(event.at("recorded_by").as_string() == "ani");

    // A token needs no CSRF token.
    http::Request r;
    r.method = "POST";
    r.target = "/api/cases";
    r.body = body;
    r.authorization = "Bearer admin-secret";
    auto by_token = a.s.api->handle(r);
    REQUIRE(by_token.status == 201);
    CHECK(json::parse(by_token.body).at("event").at("actor").as_string() == "sari");
}

TEST_CASE("a session expires when idle and at its absolute end", "[http][auth]") {
    http::SessionOptions o;
    o.lifetime = 120min;
    o.idle = 30min;
    Auth a(o);
    SECTION("idle") {
        const std::string cookie = cookie_of(a.sign_in("ani", "ani-password-1"));
        a.s.clock->advance(29min);
        REQUIRE(a.call("GET", "/api/session", {}, cookie).status == 200);  // activity: idle restarts
        a.s.clock->advance(29min);
        REQUIRE(a.call("GET", "/api/cases", {}, cookie).status == 200);
        a.s.clock->advance(30min);
        auto gone = a.call("GET", "/api/cases", {}, cookie);
        CHECK(gone.status == 401);
        CHECK(code_of(gone) == "session_expired");
        CHECK(code_of(a.call("GET", "/api/session", {}, cookie)) == "session_expired");
    }
    SECTION("absolute") {
        const std::string cookie = cookie_of(a.sign_in("ani", "ani-password-1"));
        for (int i = 0; i < 5; ++i) {
            a.s.clock->advance(23min);
            REQUIRE(a.call("GET", "/api/cases", {}, cookie).status == 200);
        }
        const auto left = json::parse(a.call("GET", "/api/session", {}, cookie).body);
        CHECK(left.at("expires_at").as_string() == "2026-01-01T02:00:00+07:00");  // capped at sign-in + 120 min
        a.s.clock->advance(6min);  // 121 minutes after sign-in, 6 idle
        auto gone = a.call("GET", "/api/cases", {}, cookie);
        CHECK(gone.status == 401);
        CHECK(code_of(gone) == "session_expired");
    }
}

TEST_CASE("failed sign-ins are slowed per name and per address until the window passes", "[http][auth]") {
    http::SessionOptions o;
    o.failures_per_name = 3;
    o.failures_per_address = 5;
    o.failure_window = 10min;
    Auth a(o);
    SECTION("per name, from several addresses") {
        for (int i = 0; i < 3; ++i) {
            auto r = a.sign_in("ani", "wrong-password", "10.0.1." + std::to_string(i));
            CHECK(r.status == 401);
            CHECK(code_of(r) == "unauthorized");
        }
        a.s.clock->advance(4min);
        auto slowed = a.sign_in("ani", "ani-password-1", "10.0.2.1");  // even the right password
        CHECK(slowed.status == 429);
        CHECK(code_of(slowed) == "too_many_attempts");
        CHECK(header(slowed, "Retry-After") == "360");
        CHECK(a.sign_in("pak-bupati", "ppk-password-1", "10.0.2.1").status == 200);  // other names are not
        a.s.clock->advance(6min);
        CHECK(a.sign_in("ani", "ani-password-1", "10.0.2.1").status == 200);
    }
    SECTION("per address, over several names") {
        for (auto name : {"ani", "pak-bupati", "budi", "nobody", "ani"}) CHECK(a.sign_in(name, "wrong-password").status == 401);
        auto slowed = a.sign_in("budi", "budi-password-1");
        CHECK(slowed.status == 429);
        CHECK(header(slowed, "Retry-After") == "600");
        CHECK(a.sign_in("budi", "budi-password-1", "10.9.9.9").status == 200);  // another address
        a.s.clock->advance(10min);
        CHECK(a.sign_in("pak-bupati", "ppk-password-1").status == 200);
    }
    SECTION("a successful sign-in resets the name's count") {
        CHECK(a.sign_in("ani", "wrong-password").status == 401);
        CHECK(a.sign_in("ani", "wrong-password").status == 401);
        CHECK(a.sign_in("ani", "ani-password-1").status == 200);
        CHECK(a.sign_in("ani", "wrong-password").status == 401);
        CHECK(a.sign_in("ani", "wrong-password").status == 401);
        CHECK(a.sign_in("ani", "ani-password-1").status == 200);  // 2 failures since: not slowed
    }
}

TEST_CASE("a wrong name, a wrong password and a disabled user answer alike", "[http][auth]") {
    Auth a;
    const std::string signed_in = cookie_of(a.sign_in("pak-bupati", "ppk-password-1"));
    REQUIRE(a.users.disable("pak-bupati", a.s.clock->now(), "test"));
    const auto unknown = a.sign_in("siapa", "ani-password-1");
    const auto wrong = a.sign_in("ani", "ani-password-2");
    const auto disabled = a.sign_in("pak-bupati", "ppk-password-1");
    // Alike but for X-Request-Id, which is each request's own.
    const auto headers_of = [](const http::Response& r) {
        auto h = r.headers;
        std::erase_if(h, [](const auto& kv) { return kv.first == "X-Request-Id"; });
        return h;
    };
    for (const auto* r : {&unknown, &wrong, &disabled}) {
        CHECK(r->status == 401);
        CHECK(r->body == unknown.body);
        CHECK(headers_of(*r) == headers_of(unknown));
        CHECK(header(*r, "Set-Cookie").empty());
    }
    // The disabled user's open session ends at its next request.
    CHECK(a.call("GET", "/api/cases", {}, signed_in).status == 401);
}

TEST_CASE("a bad sign-in body is 400 naming the field", "[http][auth]") {
    Auth a;
    auto not_json = a.call("POST", "/api/session", "name=ani");
    CHECK(not_json.status == 400);
    auto no_password = a.call("POST", "/api/session", R"({"name": "ani"})");
    CHECK(no_password.status == 400);
    CHECK(json::parse(no_password.body).at("error").at("field").as_string() == "password");
    auto number_name = a.call("POST", "/api/session", R"({"name": 7, "password": "x"})");
    CHECK(json::parse(number_name.body).at("error").at("field").as_string() == "name");
    http::Request put;
    put.method = "PUT";
    put.target = "/api/session";
    put.authorization = "Bearer admin-secret";
    auto wrong_method = a.s.api->handle(put);
    CHECK(wrong_method.status == 405);
    CHECK(wrong_method.allow.find("DELETE") != std::string::npos);
}

TEST_CASE("signing out needs the CSRF token, ends the session and expires the cookie", "[http][auth]") {
    Auth a;
    auto in = a.sign_in("ani", "ani-password-1");
    const std::string cookie = cookie_of(in);
    const std::string csrf(json::parse(in.body).at("csrf").as_string());
    auto refused = a.call("DELETE", "/api/session", {}, cookie);
    CHECK(refused.status == 403);
    CHECK(code_of(refused) == "csrf");
    CHECK(a.call("GET", "/api/session", {}, cookie).status == 200);  // still signed in

    auto out = a.call("DELETE", "/api/session", {}, cookie, csrf);
    CHECK(out.status == 204);
    CHECK(header(out, "Set-Cookie").find("alur_session=; Path=/; HttpOnly; SameSite=Strict") == 0);
    CHECK(header(out, "Set-Cookie").find("Max-Age=0") != std::string::npos);
    CHECK(a.call("GET", "/api/session", {}, cookie).status == 401);
    CHECK(a.call("GET", "/api/cases", {}, cookie).status == 401);
}

TEST_CASE("without a user store signing in is off and tokens work as before", "[http][auth]") {
    fuzz::ApiSetup s;
    http::Request r;
    r.method = "POST";
    r.target = "/api/session";
    r.body = R"({"name": "ani", "password": "ani-password-1"})";
    CHECK(s.api->handle(r).status == 404);
    r.method = "GET";
    r.target = "/api/cases";
    r.cookie = "alur_session=abc";
    CHECK(s.api->handle(r).status == 401);
    r.authorization = "Bearer admin-secret";
    CHECK(s.api->handle(r).status == 200);
}

TEST_CASE("a user with a unit has the tasks and overdue cases of that unit on the home page", "[http][auth][tasks]") {
    Auth a;
    // Two mutation cases, one of budi's unit and one of another, opened by token.
    for (const auto& [nip, unit] : {std::pair{"197603152005011002", "Dinas Pendidikan"},
                                    std::pair{"198001012005011003", "Dinas Kesehatan"}}) {
        json::object body = open_body;
        body["nip"] = nip;
        body["unit"] = unit;
        http::Request r;
        r.method = "POST";
        r.target = "/api/cases";
        r.body = json::serialize(body);
        r.authorization = "Bearer admin-secret";
        REQUIRE(a.s.api->handle(r).status == 201);
    }
    const auto cookie_for = [&](const std::string& name, const std::string& password) {
        auto in = a.sign_in(name, password);
        REQUIRE(in.status == 200);
        return cookie_of(in);
    };
    const std::string ani = cookie_for("ani", "ani-password-1");
    const std::string budi = cookie_for("budi", "budi-password-1");

    const auto tasks_all = json::parse(a.call("GET", "/api/tasks", {}, ani).body);
    CHECK(tasks_all.at("total").as_int64() == 2);
    CHECK(tasks_all.at("unit").is_null());
    const auto tasks_unit = json::parse(a.call("GET", "/api/tasks", {}, budi).body);
    CHECK(tasks_unit.at("total").as_int64() == 1);
    CHECK(tasks_unit.at("unit").as_string() == "Dinas Pendidikan");
    REQUIRE(tasks_unit.at("tasks").as_array().size() == 1);
    CHECK(tasks_unit.at("tasks").at(0).at("unit").as_string() == "Dinas Pendidikan");

    // Past every deadline, the overdue counts are of the unit too.
    a.s.clock->advance(std::chrono::hours(24 * 90));
    const std::string ani_later = cookie_for("ani", "ani-password-1");
    const std::string budi_later = cookie_for("budi", "budi-password-1");
    const auto all = json::parse(a.call("GET", "/api/overview", {}, ani_later).body);
    const auto mine = json::parse(a.call("GET", "/api/overview", {}, budi_later).body);
    CHECK(all.at("overdue").as_int64() == 2);
    CHECK(all.at("cases").as_int64() == 2);
    CHECK(mine.at("overdue").as_int64() == 1);
    CHECK(mine.at("cases").as_int64() == 1);
    CHECK(mine.at("tasks_overdue").as_int64() == 1);
    CHECK(mine.at("unit").as_string() == "Dinas Pendidikan");
    std::int64_t per_state = 0;
    for (const auto& st : mine.at("states").as_array()) per_state += st.at("cases").as_int64();
    CHECK(per_state == 1);
}
