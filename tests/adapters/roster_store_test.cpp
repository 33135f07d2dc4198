// The roster and job fit batch stores in the journal's SQLite file (schema
// version 4): imports that add, update and leave rows alone, reporting each
// changed field; dry runs that write nothing; listing by unit; batches and
// their ids per year; a version-3 file upgraded in place.
#include "alur/sqlite/journal.hpp"
#include "alur/sqlite/roster.hpp"

#include "result_printing.hpp"
#include "schema_undo.hpp"
#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include <chrono>

using namespace std::chrono;
using alur::Date;
using alur::roster::Official;
using alur::roster::RowChange;
using alur::sqlite::SqliteBatchStore;
using alur::sqlite::SqliteRoster;

namespace {

const alur::TimePoint t0 = alur::TimePoint{sys_days{2025y / June / 2}} + 2h;

Official hendra() {
    return {"197603152005011002", "Drs. Hendra Gunawan, M.Si.", "jpt_pratama", "Kepala Dinas Pendidikan",
            "Dinas Pendidikan", Date{2021y, March, 8d}, Date{1976y, March, 15d}};
}
Official rina() {
    return {"198807302012122001", "Rina Marlina, S.E.", "administrator", "Sekretaris Dinas", "Dinas Kesehatan",
            Date{2022y, January, 10d}, Date{1988y, July, 30d}};
}
Official yusuf() {
    return {"196602011990031003", "Ir. Yusuf Hakim", "jpt_pratama", "Kepala Badan Perencanaan Pembangunan Daerah",
            "Bappeda", Date{2019y, July, 1d}, Date{1966y, February, 1d}};
}

/// A database made by the journal (as `alur init` does) and a roster store on it.
struct Roster {
    alur::test::TempDir dir;
    std::string path = (dir / "alur.db").string();
    std::shared_ptr<alur::Journal> journal = alur::sqlite::SqliteJournal::open(path).value();
    std::shared_ptr<SqliteRoster> store = SqliteRoster::open(path).value();

    int count(const std::string& sql) const {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        return raw.execAndGet(sql).getInt();
    }
};

}  // namespace

TEST_CASE("roster: the first import adds every official and logs the file", "[roster][sqlite]") {
    Roster r;
    auto report = r.store->import({hendra(), rina(), yusuf()}, "roster.csv", "ab12", t0, false);
    REQUIRE(report);
    CHECK(report->import_id == 1);
    CHECK(report->added == 3);
    CHECK(report->updated == 0);
    CHECK(report->unchanged == 0);
    REQUIRE(report->changes.size() == 3);
    CHECK(report->changes[0].kind == RowChange::Kind::added);
    CHECK(report->changes[0].nip == hendra().nip);
    CHECK(report->changes[0].name == hendra().name);

    auto found = r.store->find(rina().nip);
    REQUIRE(found);
    REQUIRE(found->has_value());
    CHECK(**found == rina());
    auto missing = r.store->find("199001012015031001");
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value());

    SQLite::Database raw(r.path, SQLite::OPEN_READONLY);
    SQLite::Statement log(raw, "SELECT source, sha256, imported_at, added, updated, unchanged FROM roster_imports");
    REQUIRE(log.executeStep());
    CHECK(log.getColumn(0).getString() == "roster.csv");
    CHECK(log.getColumn(1).getString() == "ab12");
    CHECK(log.getColumn(2).getString() == "2025-06-02T02:00:00.000Z");
    CHECK(log.getColumn(3).getInt() == 3);
    CHECK(log.getColumn(4).getInt() == 0);
    CHECK(raw.execAndGet("SELECT count(*) FROM roster WHERE import_id = 1").getInt() == 3);
}

TEST_CASE("roster: a re-import updates changed rows, names each changed field, never deletes", "[roster][sqlite]") {
    Roster r;
    REQUIRE(r.store->import({hendra(), rina(), yusuf()}, "roster.csv", "ab12", t0, false));

    Official moved = hendra();
    moved.unit = "Bappeda";
    moved.post = "Kepala Badan Perencanaan Pembangunan Daerah";
    Official anwar{"197011222000031001", "Anwar Syah", "pengawas", "Kepala Seksi", "Dinas Pendidikan",
                   Date{2020y, May, 4d}, Date{1970y, November, 22d}};
    auto report = r.store->import({moved, rina(), anwar}, "roster-2.csv", "cd34", t0 + 24h, false);
    REQUIRE(report);
    CHECK(report->import_id == 2);
    CHECK(report->added == 1);
    CHECK(report->updated == 1);
    CHECK(report->unchanged == 1);
    REQUIRE(report->changes.size() == 2);  // file order, unchanged rows left out
    const auto& update = report->changes[0];
    CHECK(update.kind == RowChange::Kind::updated);
    CHECK(update.nip == hendra().nip);
    REQUIRE(update.fields.size() == 2);  // columns() order
    CHECK(update.fields[0].field == "post");
    CHECK(update.fields[0].before == "Kepala Dinas Pendidikan");
    CHECK(update.fields[0].after == "Kepala Badan Perencanaan Pembangunan Daerah");
    CHECK(update.fields[1].field == "unit");
    CHECK(update.fields[1].before == "Dinas Pendidikan");
    CHECK(update.fields[1].after == "Bappeda");
    CHECK(report->changes[1].kind == RowChange::Kind::added);
    CHECK(report->changes[1].nip == anwar.nip);

    CHECK(r.store->find(hendra().nip).value() == moved);
    CHECK(r.store->find(yusuf().nip).value() == yusuf());  // not in the file: kept
    CHECK(r.count("SELECT count(*) FROM roster") == 4);
    CHECK(r.count("SELECT import_id FROM roster WHERE nip = '198807302012122001'") == 1);  // unchanged: not rewritten
    CHECK(r.count("SELECT import_id FROM roster WHERE nip = '197603152005011002'") == 2);

    SECTION("a date change is reported as YYYY-MM-DD") {
        Official reinaugurated = moved;
        reinaugurated.inaugurated_at = Date{2025y, May, 20d};
        auto again = r.store->import({reinaugurated}, "roster-3.csv", "ef56", t0 + 48h, false);
        REQUIRE(again);
        REQUIRE(again->changes.size() == 1);
        REQUIRE(again->changes[0].fields.size() == 1);
        CHECK(again->changes[0].fields[0].field == "inaugurated_at");
        CHECK(again->changes[0].fields[0].before == "2021-03-08");
        CHECK(again->changes[0].fields[0].after == "2025-05-20");
    }
}

TEST_CASE("roster: a dry run reports the same and writes nothing", "[roster][sqlite]") {
    Roster r;
    REQUIRE(r.store->import({hendra(), rina()}, "roster.csv", "ab12", t0, false));
    Official moved = rina();
    moved.unit = "Dinas Pendidikan";
    auto report = r.store->import({hendra(), moved, yusuf()}, "roster-2.csv", "cd34", t0, true);
    REQUIRE(report);
    CHECK(report->import_id == 0);
    CHECK(report->added == 1);
    CHECK(report->updated == 1);
    CHECK(report->unchanged == 1);
    REQUIRE(report->changes.size() == 2);
    CHECK(report->changes[0].fields.at(0).field == "unit");

    CHECK(r.count("SELECT count(*) FROM roster_imports") == 1);
    CHECK(r.count("SELECT count(*) FROM roster") == 2);
    CHECK(r.store->find(rina().nip).value() == rina());
    CHECK_FALSE(r.store->find(yusuf().nip).value().has_value());
}

TEST_CASE("roster: a NIP twice in one import is refused, nothing written", "[roster][sqlite]") {
    Roster r;
    Official twin = rina();
    twin.name = "Rina M.";
    auto report = r.store->import({hendra(), rina(), twin}, "roster.csv", "ab12", t0, false);
    REQUIRE_FALSE(report);
    CHECK(report.error().code == alur::errc::invalid_input);
    CHECK(report.error().message.find(rina().nip) != std::string::npos);
    CHECK(r.count("SELECT count(*) FROM roster") == 0);
    CHECK(r.count("SELECT count(*) FROM roster_imports") == 0);
}

TEST_CASE("roster: listed by unit, then name, or one unit", "[roster][sqlite]") {
    Roster r;
    Official anwar{"197011222000031001", "Anwar Syah", "pengawas", "Kepala Seksi", "Dinas Pendidikan",
                   Date{2020y, May, 4d}, Date{1970y, November, 22d}};
    REQUIRE(r.store->import({hendra(), rina(), yusuf(), anwar}, "roster.csv", "ab12", t0, false));
    auto all = r.store->list();
    REQUIRE(all);
    REQUIRE(all->size() == 4);
    CHECK((*all)[0] == yusuf());   // Bappeda
    CHECK((*all)[1] == rina());    // Dinas Kesehatan
    CHECK((*all)[2] == anwar);     // Dinas Pendidikan: Anwar before Drs. Hendra
    CHECK((*all)[3] == hendra());
    auto education = r.store->list("Dinas Pendidikan");
    REQUIRE(education);
    REQUIRE(education->size() == 2);
    CHECK((*education)[0].name == "Anwar Syah");
    CHECK((*education)[1].name == hendra().name);
    CHECK(r.store->list("Dinas Pariwisata").value().empty());
}

TEST_CASE("roster: an SQLite file that is not there is not_found", "[roster][sqlite]") {
    alur::test::TempDir dir;
    CHECK(SqliteRoster::open((dir / "none.db").string()).error().code == alur::errc::not_found);
    CHECK(SqliteBatchStore::open((dir / "none.db").string()).error().code == alur::errc::not_found);
}

TEST_CASE("job fit batches: ids per year, save, find, list, replace", "[jobfit][sqlite]") {
    Roster r;
    auto batches = SqliteBatchStore::open(r.path).value();
    const Date as_of{2021y, October, 1d};
    CHECK(batches->next_id(as_of).value() == "JF-2021-001");
    CHECK(batches->next_id(as_of).value() == "JF-2021-002");  // reserved, even unsaved
    CHECK(batches->next_id(Date{2022y, January, 3d}).value() == "JF-2022-001");

    alur::job_fit::Batch b;
    b.id = "JF-2021-005";
    b.as_of = as_of;
    b.unit = "Dinas Pendidikan";
    b.profile = "bengkulu_2021";
    b.created_at = t0;
    b.actor = "sari";
    b.cases = {{hendra().nip, "JF-000001"}, {rina().nip, "JF-000002"}};
    b.excluded = {{yusuf(), "UU 5/2014 art. 90: reaches 60 on 2026-02-01, within 12 months of 2021-10-01"}};
    REQUIRE(batches->save(b));
    CHECK(batches->next_id(as_of).value() == "JF-2021-006");  // above a saved id

    auto found = batches->find("JF-2021-005");
    REQUIRE(found);
    CHECK(found->id == b.id);
    CHECK(found->as_of == b.as_of);
    CHECK(found->unit == b.unit);
    CHECK(found->profile == b.profile);
    CHECK(found->created_at == b.created_at);
    CHECK(found->actor == b.actor);
    CHECK(found->cases == b.cases);
    REQUIRE(found->excluded.size() == 1);
    CHECK(found->excluded[0].official == yusuf());
    CHECK(found->excluded[0].reason == b.excluded[0].reason);

    auto nothing = batches->find("JF-2021-099");
    REQUIRE_FALSE(nothing);
    CHECK(nothing.error().code == alur::errc::not_found);

    alur::job_fit::Batch later = b;
    later.id = "JF-2022-001";
    later.unit = "";
    later.created_at = t0 + 24h;
    later.excluded.clear();
    REQUIRE(batches->save(later));
    b.actor = "budi";  // saving the same id replaces it
    REQUIRE(batches->save(b));
    auto all = batches->list();
    REQUIRE(all);
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].id == "JF-2021-005");
    CHECK((*all)[0].actor == "budi");
    CHECK((*all)[1].id == "JF-2022-001");
    CHECK((*all)[1].unit.empty());
    CHECK((*all)[1].excluded.empty());

    // A second connection (another process) continues the serials.
    auto other = SqliteBatchStore::open(r.path).value();
    CHECK(other->next_id(as_of).value() == "JF-2021-007");
}

TEST_CASE("job fit batches: begin stores the plan once and finds it again until and after finish",
          "[jobfit][sqlite]") {
    Roster r;
    auto batches = SqliteBatchStore::open(r.path).value();
    alur::job_fit::Batch b;
    b.as_of = Date{2021y, October, 1d};
    b.profile = "bengkulu_2021";
    b.created_at = t0;
    b.actor = "sari";
    b.excluded = {{yusuf(), "retires"}};
    auto first = batches->begin(b, {hendra(), rina()});
    REQUIRE(first);
    CHECK(first->batch.id == "JF-2021-001");
    CHECK_FALSE(first->finished);
    CHECK_FALSE(first->resumed);
    CHECK(r.count("SELECT count(*) FROM jobfit_batches") == 1);  // stored before any case

    // Run again (after a crash): the same batch and plan, even if the roster changed meanwhile.
    alur::job_fit::Batch again = b;
    again.actor = "budi";
    auto resumed = SqliteBatchStore::open(r.path).value()->begin(again, {hendra()});
    REQUIRE(resumed);
    CHECK(resumed->batch.id == "JF-2021-001");
    CHECK(resumed->resumed);
    CHECK_FALSE(resumed->finished);
    CHECK(resumed->batch.actor == "sari");
    CHECK(resumed->included == std::vector<Official>{hendra(), rina()});
    REQUIRE(resumed->batch.excluded.size() == 1);
    CHECK(resumed->batch.excluded[0].official == yusuf());

    resumed->batch.cases = {{hendra().nip, "JF-000001"}, {rina().nip, "JF-000002"}};
    REQUIRE(batches->finish(*resumed));
    auto done = batches->begin(b, {hendra(), rina()});
    REQUIRE(done);
    CHECK(done->finished);
    CHECK(done->batch.id == "JF-2021-001");
    CHECK(done->batch.cases == resumed->batch.cases);
    CHECK(batches->find("JF-2021-001").value().cases == resumed->batch.cases);

    // Another unit is another batch; a batch saved whole (an older version) is never taken up.
    alur::job_fit::Batch unit = b;
    unit.unit = "Bappeda";
    CHECK(batches->begin(unit, {hendra()}).value().batch.id == "JF-2021-002");
    alur::job_fit::Batch old = b;
    old.id = "JF-2021-003";
    old.profile = "meranti_2022";
    REQUIRE(batches->save(old));
    alur::job_fit::Batch meranti = b;
    meranti.profile = "meranti_2022";
    CHECK(batches->begin(meranti, {hendra()}).value().batch.id == "JF-2021-004");
    CHECK(r.count("SELECT count(*) FROM jobfit_batches") == 4);
}

TEST_CASE("schema: a version-3 file gains the roster and batch tables on open", "[roster][sqlite]") {
    alur::test::TempDir dir;
    const std::string path = (dir / "alur.db").string();
    alur::sqlite::SqliteJournal::open(path).value();
    {  // back to version 3, as a build before the roster left it
        SQLite::Database raw(path, SQLite::OPEN_READWRITE);
        for (const char* table : {"roster", "roster_imports", "jobfit_batches", "jobfit_serials"})
            raw.exec(std::string("DROP TABLE ") + table);
        alur::test::undo_schema_v6(raw);
        raw.exec("DROP TABLE refusals; DROP TABLE grants; ALTER TABLE events DROP COLUMN recorded_by;");  // v5
        raw.exec("UPDATE meta SET value = '3' WHERE key = 'schema_version'");
    }
    auto store = SqliteRoster::open(path);
    REQUIRE(store);
    {
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        CHECK(raw.execAndGet("SELECT value FROM meta WHERE key = 'schema_version'").getString() == "8");
        for (const char* table : {"roster", "roster_imports", "jobfit_batches", "jobfit_serials", "tokens", "grants"}) {
            INFO(table);
            CHECK(raw.tableExists(table));
        }
    }
    REQUIRE((*store)->import({hendra()}, "roster.csv", "ab12", t0, false));
    CHECK((*store)->find(hendra().nip).value() == hendra());
}
