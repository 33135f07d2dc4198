// The people who sign in: password hashes (scrypt), the UserStore port on
// both backends (in memory and the SQLite file's `users` table), each change
// journaled in the grants chain and checked by verify_users / verify_grants.
#include "alur/engine/event.hpp"
#include "alur/engine/passwords.hpp"
#include "alur/engine/users.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/sqlite/tokens.hpp"
#include "alur/sqlite/users.hpp"

#include "result_printing.hpp"
#include "schema_undo.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using namespace alur;

namespace {

/// Small costs: the tests hash many times. Production uses PasswordParams{}.
const PasswordParams cheap{1024, 8, 1};

std::string hash_of(const std::string& password) { return hash_password(password, cheap).value(); }

const TimePoint t0 = TimePoint{std::chrono::sys_days{std::chrono::year{2026} / std::chrono::December / 1}};

struct MemoryUsers {
    std::shared_ptr<UserStore> store = std::make_shared<MemoryUserStore>();
};

struct SqliteUsers {
    test::TempDir dir;
    std::shared_ptr<Journal> journal = sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
    std::shared_ptr<UserStore> store = sqlite::SqliteUserStore::open((dir / "alur.db").string()).value();
};

}  // namespace

TEST_CASE("a password hash verifies its password and no other", "[users][passwords]") {
    const std::string stored = hash_of("rahasia-sekali-1");
    CHECK(stored.starts_with("scrypt$1024$8$1$"));
    CHECK(is_password_hash(stored));
    CHECK(verify_password("rahasia-sekali-1", stored));
    CHECK_FALSE(verify_password("rahasia-sekali-2", stored));
    CHECK_FALSE(verify_password("", stored));
    // A fresh salt each time: the same password never hashes alike.
    CHECK(hash_of("rahasia-sekali-1") != stored);
    // Malformed or altered stored text never verifies.
    CHECK_FALSE(verify_password("rahasia-sekali-1", "plain"));
    CHECK_FALSE(verify_password("rahasia-sekali-1", "scrypt$1000$8$1$AAAA$AAAA"));  // N not a power of two
    std::string altered = stored;
    altered[altered.size() - 3] = altered[altered.size() - 3] == 'A' ? 'B' : 'A';
    CHECK_FALSE(verify_password("rahasia-sekali-1", altered));
    CHECK_FALSE(is_password_hash("scrypt$8388608$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + std::string(44, 'A')));  // N too big
}

TEST_CASE("the production parameters are OWASP's scrypt advice", "[users][passwords]") {
    const PasswordParams defaults;
    CHECK(defaults.n == 131072);
    CHECK(defaults.r == 8);
    CHECK(defaults.p == 1);
    const std::string stored = hash_password("rahasia-sekali-1").value();
    CHECK(stored.starts_with("scrypt$131072$8$1$"));
    CHECK(verify_password("rahasia-sekali-1", stored));
}

TEST_CASE("a password shorter than the minimum is refused with the rule", "[users][passwords]") {
    auto short_one = check_password("pendek");
    REQUIRE_FALSE(short_one);
    CHECK(short_one.error().code == errc::invalid_input);
    CHECK(short_one.error().field == "password");
    CHECK(short_one.error().message.find("at least 10 characters") != std::string::npos);
    CHECK(check_password("sepuluh-ok"));
    CHECK(check_password("kata\tsandi-panjang").error().message.find("control") != std::string::npos);
    CHECK(check_password("ééééééééé").error().code == errc::invalid_input);  // 9 characters, 18 bytes
    CHECK(check_password("éééééééééé"));
}

TEMPLATE_TEST_CASE("user store: add, find, list, change a password, disable, all journaled", "[users][sqlite]",
                   MemoryUsers, SqliteUsers) {
    TestType backend;
    auto& store = *backend.store;
    REQUIRE(store.add({"sari", "admin", "", t0, false, hash_of("sari-password-1"), "root"}));
    REQUIRE(store.add({"bupati", "ppk", "Dinas Pendidikan", t0, false, hash_of("bupati-password"), "root"}));

    auto dup = store.add({"sari", "auditor", "", t0, false, hash_of("another-password"), "root"});
    REQUIRE_FALSE(dup);
    CHECK(dup.error().code == errc::conflict);
    CHECK(store.add({"x", "clerk", "", t0, false, hash_of("another-password"), "root"}).error().field == "role");
    CHECK(store.add({"y", "admin", "", t0, false, "plain-text", "root"}).error().field == "password_hash");

    auto sari = store.find("sari");
    REQUIRE(sari);
    CHECK(sari->role == "admin");
    CHECK(sari->created_at == t0);
    CHECK(sari->added_by == "root");
    CHECK(verify_password("sari-password-1", sari->password_hash));
    CHECK(store.find("nobody").error().code == errc::not_found);

    REQUIRE(store.set_password("sari", hash_of("sari-password-2"), t0 + std::chrono::hours(1), "root"));
    CHECK(verify_password("sari-password-2", store.find("sari")->password_hash));
    CHECK(store.set_password("nobody", hash_of("sari-password-2"), t0, "root").error().code == errc::not_found);

    REQUIRE(store.disable("bupati", t0 + std::chrono::hours(2), "root"));
    REQUIRE(store.disable("bupati", t0 + std::chrono::hours(3), "root"));  // again: nothing changes
    CHECK(store.disable("nobody", t0, "root").error().code == errc::not_found);
    auto all = store.list();
    REQUIRE(all);
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].name == "bupati");
    CHECK((*all)[0].disabled);
    CHECK((*all)[0].unit == "Dinas Pendidikan");
    CHECK_FALSE((*all)[1].disabled);

    auto chain = store.grants().value();
    REQUIRE(chain.size() == 4);  // two adds, a password change, one disabling
    CHECK(chain[0].action == "user-add");
    CHECK(chain[2].action == "user-passwd");
    CHECK(chain[3].action == "user-disable");
    CHECK(chain[3].by == "root");
    auto check = verify_users(store);
    REQUIRE(check);
    INFO(check->problem);
    CHECK(check->ok());
    CHECK(check->entries == 4);
    CHECK(check->users == 2);
}

TEST_CASE("a users row changed outside alur fails verify, and the token grants still verify", "[users][sqlite]") {
    SqliteUsers backend;
    const std::string path = (backend.dir / "alur.db").string();
    auto tokens = sqlite::SqliteTokenStore::open(path).value();
    REQUIRE(tokens->add({"skrip", "admin", t0, false, "root"}, sha256_hex("token-1")));
    REQUIRE(backend.store->add({"sari", "admin", "", t0, false, hash_of("sari-password-1"), "root"}));
    REQUIRE(backend.store->add({"bupati", "ppk", "", t0, false, hash_of("bupati-password"), "root"}));
    REQUIRE(verify_grants(*tokens)->ok());  // user entries in the chain do not disturb the tokens' check
    CHECK(verify_grants(*tokens)->entries == 3);
    REQUIRE(verify_users(*backend.store)->ok());

    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    SECTION("a password hash swapped") {
        raw.exec("UPDATE users SET password_hash = '" + hash_of("attacker-pass") + "' WHERE name = 'sari'");
        auto check = verify_users(*backend.store).value();
        CHECK(check.problem.find("user sari") != std::string::npos);
        CHECK(check.problem.find("password hash") != std::string::npos);
    }
    SECTION("a role raised") {
        raw.exec("UPDATE users SET role = 'admin' WHERE name = 'bupati'");
        CHECK(verify_users(*backend.store)->problem.find("has role admin, but was added as ppk") != std::string::npos);
    }
    SECTION("a user inserted without its entry") {
        raw.exec("INSERT INTO users (name, role, unit, password_hash, created_at) VALUES ('mallory', 'admin', '', '" +
                 hash_of("attacker-pass") + "', '2026-12-01T00:00:00.000Z')");
        CHECK(verify_users(*backend.store)->problem.find("never added") != std::string::npos);
    }
    SECTION("a disabling undone") {
        REQUIRE(backend.store->disable("bupati", t0, "root"));
        raw.exec("UPDATE users SET disabled_at = NULL WHERE name = 'bupati'");
        CHECK(verify_users(*backend.store)->problem.find("but is active") != std::string::npos);
    }
    SECTION("a user entry altered breaks the chain for verify_grants too") {
        raw.exec("UPDATE grants SET role = 'auditor' WHERE action = 'user-add' AND name = 'bupati'");
        CHECK(verify_grants(*tokens)->problem.find("altered") != std::string::npos);
        CHECK(verify_users(*backend.store)->problem.find("altered") != std::string::npos);
    }
}

TEST_CASE("a journal of schema version 7 migrates to users and its grants still verify", "[users][sqlite][schema]") {
    test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    {
        auto journal = sqlite::SqliteJournal::open(path).value();
        auto tokens = sqlite::SqliteTokenStore::open(path).value();
        REQUIRE(tokens->add({"lama", "admin", t0, false, "root"}, sha256_hex("old-token")));
        REQUIRE(tokens->revoke("lama", t0, "root"));
        REQUIRE(tokens->add({"baru", "ppk", t0, false, "root"}, sha256_hex("new-token")));
    }
    {
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        test::undo_schema_v8(raw);
        // As version 7 left it: grants with the narrow CHECK.
        raw.exec("CREATE TABLE g7 AS SELECT * FROM grants; DROP TABLE grants; CREATE TABLE grants ("
                 "seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('grant', "
                 "'revoke')), name TEXT NOT NULL, role TEXT NOT NULL, sha256 TEXT NOT NULL, recorded_by TEXT NOT "
                 "NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL); INSERT INTO grants SELECT * FROM g7; "
                 "DROP TABLE g7; CREATE INDEX grants_by_name ON grants (name, seq);");
        raw.exec("UPDATE meta SET value = '7' WHERE key = 'schema_version'");
        CHECK_THROWS(raw.exec("INSERT INTO grants VALUES (9, 'x', 'user-add', 'a', 'b', 'c', 'd', 'e', 'f')"));
    }
    auto users = sqlite::SqliteUserStore::open(path);
    REQUIRE(users);
    auto tokens = sqlite::SqliteTokenStore::open(path).value();
    auto grants = verify_grants(*tokens);
    REQUIRE(grants);
    INFO(grants->problem);
    CHECK(grants->ok());
    CHECK(grants->entries == 3);
    CHECK(verify_users(**users)->ok());
    CHECK(verify_users(**users)->users == 0);
    CHECK(tokens->find_by_hash(sha256_hex("new-token")));
    REQUIRE((*users)->add({"sari", "admin", "", t0, false, hash_of("sari-password-1"), "root"}));
    CHECK(verify_grants(*tokens)->ok());
    CHECK(verify_users(**users)->ok());
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT value FROM meta WHERE key = 'schema_version'").getString() == "8");
}
