// The TokenStore port on both backends: in memory and the SQLite file's `tokens` table.
#include "alur/engine/event.hpp"
#include "alur/engine/tokens.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/sqlite/tokens.hpp"

#include "result_printing.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <tuple>
#include <vector>

namespace {

struct MemoryTokens {
    std::shared_ptr<alur::TokenStore> store = std::make_shared<alur::MemoryTokenStore>();
};

struct SqliteTokens {
    alur::test::TempDir dir;
    std::shared_ptr<alur::Journal> journal = alur::sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
    std::shared_ptr<alur::TokenStore> store = alur::sqlite::SqliteTokenStore::open((dir / "alur.db").string()).value();
};

const alur::TimePoint t0 = alur::TimePoint{std::chrono::sys_days{std::chrono::year{2024} / std::chrono::May / 2}};

}  // namespace

TEMPLATE_TEST_CASE("token store: add, find by hash, list, revoke", "[tokens][sqlite]", MemoryTokens, SqliteTokens) {
    TestType backend;
    auto& store = *backend.store;
    const std::string hash = alur::sha256_hex("secret-1");
    REQUIRE(store.add({"sari", "admin", t0, false}, hash));
    REQUIRE(store.add({"bupati", "ppk", t0, false}, alur::sha256_hex("secret-2")));

    auto dup = store.add({"sari", "auditor", t0, false}, alur::sha256_hex("secret-3"));
    REQUIRE_FALSE(dup);
    CHECK(dup.error().code == alur::errc::conflict);

    auto found = store.find_by_hash(hash);
    REQUIRE(found);
    CHECK(found->name == "sari");
    CHECK(found->role == "admin");
    CHECK(found->created_at == t0);
    CHECK_FALSE(found->revoked);
    CHECK(store.find_by_hash(alur::sha256_hex("nope")).error().code == alur::errc::not_found);

    REQUIRE(store.revoke("sari", t0, "budi"));
    CHECK(store.find_by_hash(hash).error().code == alur::errc::not_found);
    CHECK(store.revoke("nobody", t0, "budi").error().code == alur::errc::not_found);
    auto all = store.list();
    REQUIRE(all);
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].name == "bupati");
    CHECK((*all)[1].revoked);
}

TEST_CASE("token store: an SQLite file without a database is not_found", "[tokens][sqlite]") {
    alur::test::TempDir dir;
    CHECK(alur::sqlite::SqliteTokenStore::open((dir / "none.db").string()).error().code == alur::errc::not_found);
}

TEMPLATE_TEST_CASE("token store: a name or role that is not clean one-line text is refused", "[tokens][sqlite]",
                   MemoryTokens, SqliteTokens) {
    TestType backend;
    auto& store = *backend.store;
    for (const auto& [name, role, field] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"sari\x1b[2J", "admin", "name"}, {"", "admin", "name"}, {"sari", "ad\xffmin", "role"},
             {std::string(201, 'a'), "admin", "name"}, {"\xe2\x80\x8b", "admin", "name"}}) {
        auto r = store.add({name, role, t0}, std::string(64, 'a'));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == alur::errc::invalid_input);
        CHECK(r.error().field == field);
    }
    CHECK(store.list().value().empty());
    CHECK(store.add({"Sari Dewi Ayu", "admin", t0}, std::string(64, 'a')));
}

TEST_CASE("token store: the cached lookup sees grants and revocations made through another connection",
          "[tokens][sqlite]") {
    // `alur serve` keeps its lookup statement prepared; `alur token add` and
    // `alur token revoke` run in other processes, on other connections.
    SqliteTokens backend;
    auto other = alur::sqlite::SqliteTokenStore::open((backend.dir / "alur.db").string()).value();
    auto& served = *backend.store;
    const std::string hash = alur::sha256_hex("secret-1");
    CHECK(served.find_by_hash(hash).error().code == alur::errc::not_found);  // prepared here, nothing yet
    REQUIRE(other->add({"sari", "admin", t0, false}, hash));
    for (int i = 0; i < 3; ++i) {  // the same statement, reset after each use
        auto found = served.find_by_hash(hash);
        REQUIRE(found);
        CHECK(found->name == "sari");
    }
    REQUIRE(other->revoke("sari", t0, "budi"));
    CHECK(served.find_by_hash(hash).error().code == alur::errc::not_found);
    // No read transaction is left open between lookups: the other connection can still write.
    REQUIRE(other->add({"bupati", "ppk", t0, false}, alur::sha256_hex("secret-2")));
    CHECK(served.find_by_hash(alur::sha256_hex("secret-2"))->role == "ppk");
}
