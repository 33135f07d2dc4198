// SqliteBatchStore: job fit batches in table `jobfit_batches`, their serials
// per year in `jobfit_serials` (schema version 4).
//
// `body` holds what a batch lists, as canonical JSON:
//   {"cases":[{"case":"JF-000001","nip":"..."}],
//    "excluded":[{"official":{"nip":...,"birth_date":"1966-02-01"},"reason":"...",
//                 "causes":[{"kind","rule","cite","date","birthday"?,"months","age"}]}]}
// ("causes" since issue 14; older batches have the reason only)
// and, for a batch stored by begin() (`alur jobfit start`), also
//    "included":[{"nip":...}], "finished":false|true
// (its plan, so a rerun after a crash finishes the same batch with the same officials).
#include "alur/engine/json.hpp"
#include "alur/sqlite/roster.hpp"

#include "errors.hpp"
#include "rows.hpp"
#include "store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cstdio>
#include <mutex>

namespace alur::sqlite {

struct SqliteBatchStore::Impl {
    explicit Impl(SQLite::Database d) : db(std::move(d)) {}
    std::mutex mutex;
    SQLite::Database db;
};

namespace {

namespace json = boost::json;
using job_fit::Batch;
using roster::Official;

constexpr const char* batch_columns = "id, as_of, unit, profile, created_at, actor, body";

json::object official_json(const Official& o) {
    json::object out;
    const auto values = roster::values(o);
    for (std::size_t i = 0; i < values.size(); ++i) out[roster::columns()[i]] = values[i];
    return out;
}

/// A string member of `o`; nullopt if missing or not a string.
std::optional<std::string> text(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->get_string());
}

std::optional<Official> official_from(const json::value& v) {
    if (!v.is_object()) return std::nullopt;
    const auto& o = v.get_object();
    Official out;
    auto nip = text(o, "nip"), name = text(o, "name"), grade = text(o, "grade"), post = text(o, "post"),
         unit = text(o, "unit"), inaugurated = text(o, "inaugurated_at"), birth = text(o, "birth_date");
    if (!nip || !name || !grade || !post || !unit || !inaugurated || !birth) return std::nullopt;
    auto inaugurated_at = parse_date(*inaugurated);
    auto birth_date = parse_date(*birth);
    if (!inaugurated_at || !birth_date) return std::nullopt;
    return Official{*nip, *name, *grade, *post, *unit, *inaugurated_at, *birth_date};
}

json::array causes_json(const std::vector<job_fit::ExclusionCause>& causes) {
    json::array out;
    for (const auto& c : causes) {
        json::object o{{"kind", c.kind}, {"rule", c.rule},     {"cite", c.cite},
                       {"date", format_date(c.date)}, {"months", c.months}, {"age", c.age}};
        if (c.birthday.ok()) o["birthday"] = format_date(c.birthday);
        out.push_back(std::move(o));
    }
    return out;
}

/// The causes of a stored exclusion; nullopt when one is malformed.
std::optional<std::vector<job_fit::ExclusionCause>> causes_from(const json::object& e) {
    std::vector<job_fit::ExclusionCause> out;
    const auto* causes = e.if_contains("causes");
    if (!causes) return out;
    if (!causes->is_array()) return std::nullopt;
    for (const auto& v : causes->get_array()) {
        if (!v.is_object()) return std::nullopt;
        const auto& o = v.get_object();
        auto kind = text(o, "kind"), rule = text(o, "rule"), cite = text(o, "cite"), date = text(o, "date");
        const auto* months = o.if_contains("months");
        const auto* age = o.if_contains("age");
        if (!kind || !rule || !cite || !date || !months || !months->is_int64() || !age || !age->is_int64())
            return std::nullopt;
        auto on = parse_date(*date);
        if (!on) return std::nullopt;
        job_fit::ExclusionCause c{*kind, *rule, *cite, *on, {}, static_cast<int>(months->get_int64()),
                                  static_cast<int>(age->get_int64())};
        if (auto birthday = text(o, "birthday")) {
            auto b = parse_date(*birthday);
            if (!b) return std::nullopt;
            c.birthday = *b;
        }
        out.push_back(std::move(c));
    }
    return out;
}

/// The serial of a batch id "JF-<year>-<serial>" of `year`; 0 for another form.
std::int64_t serial_of(const std::string& id, int year) {
    const std::string prefix = "JF-" + std::to_string(year) + "-";
    if (id.rfind(prefix, 0) != 0 || id.size() == prefix.size()) return 0;
    std::int64_t n = 0;
    for (char c : id.substr(prefix.size())) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + (c - '0');
    }
    return n;
}

/// The body of `b`; with its plan and whether it is finished when `included` is given.
std::string body_json(const Batch& b, const std::vector<Official>* included = nullptr, bool finished = true) {
    json::array cases;
    for (const auto& [nip, case_id] : b.cases) cases.push_back(json::object{{"nip", nip}, {"case", case_id}});
    json::array excluded;
    for (const auto& e : b.excluded) {
        json::object entry{{"official", official_json(e.official)}, {"reason", e.reason}};
        if (!e.causes.empty()) entry["causes"] = causes_json(e.causes);
        excluded.push_back(std::move(entry));
    }
    json::object body{{"cases", std::move(cases)}, {"excluded", std::move(excluded)}};
    if (included) {
        json::array planned;
        for (const auto& o : *included) planned.push_back(official_json(o));
        body["included"] = std::move(planned);
        body["finished"] = finished;
    }
    return canonical_json(body);
}

/// A stored row: the batch, and its plan if begin() stored it.
struct StoredBatch {
    Batch batch;
    std::optional<std::vector<Official>> included;
    bool finished = true;
};

/// The current row of a statement selecting `batch_columns`; corrupt if anything is malformed.
Result<StoredBatch> read_row(SQLite::Statement& q) {
    StoredBatch stored;
    Batch& b = stored.batch;
    b.id = q.getColumn(0).getString();
    const auto corrupt = [&](const std::string& what) {
        return make_error(errc::corrupt, "job fit batch " + b.id + ": " + what, "jobfit_batches");
    };
    auto as_of = parse_date(q.getColumn(1).getString());
    if (!as_of) return corrupt("as_of is not a date");
    b.as_of = *as_of;
    b.unit = q.getColumn(2).getString();
    b.profile = q.getColumn(3).getString();
    auto created = parse_utc(q.getColumn(4).getString());
    if (!created) return corrupt("created_at is not a stored time");
    b.created_at = *created;
    b.actor = q.getColumn(5).getString();

    auto body = parse_json_object(q.getColumn(6).getString(), "body");
    if (!body) return corrupt("body is not a JSON object");
    const auto* cases = body->if_contains("cases");
    const auto* excluded = body->if_contains("excluded");
    if (!cases || !cases->is_array() || !excluded || !excluded->is_array())
        return corrupt("body lacks the cases or excluded array");
    for (const auto& c : cases->get_array()) {
        auto nip = c.is_object() ? text(c.get_object(), "nip") : std::nullopt;
        auto id = c.is_object() ? text(c.get_object(), "case") : std::nullopt;
        if (!nip || !id) return corrupt("a case entry lacks nip or case");
        b.cases.emplace_back(*nip, *id);
    }
    for (const auto& e : excluded->get_array()) {
        auto reason = e.is_object() ? text(e.get_object(), "reason") : std::nullopt;
        auto official = e.is_object() && e.get_object().contains("official")
                            ? official_from(e.get_object().at("official"))
                            : std::nullopt;
        if (!reason || !official) return corrupt("an excluded entry lacks a complete official or reason");
        auto causes = causes_from(e.get_object());
        if (!causes) return corrupt("an excluded entry has malformed causes");
        b.excluded.push_back({std::move(*official), std::move(*reason), std::move(*causes)});
    }
    if (const auto* included = body->if_contains("included")) {
        const auto* finished = body->if_contains("finished");
        if (!included->is_array() || !finished || !finished->is_bool())
            return corrupt("body has an included list that is not an array, or no finished flag");
        stored.finished = finished->get_bool();
        stored.included.emplace();
        for (const auto& o : included->get_array()) {
            auto official = official_from(o);
            if (!official) return corrupt("an included official is incomplete");
            stored.included->push_back(std::move(*official));
        }
    }
    return stored;
}

Result<Batch> read_batch(SQLite::Statement& q) {
    auto row = read_row(q);
    if (!row) return row.error();
    return std::move(row->batch);
}

/// Reserves and returns the next batch id of `year`, inside the caller's transaction.
std::string reserve_id(SQLite::Database& db, int year) {
    std::int64_t last = 0;
    SQLite::Statement reserved(db, "SELECT last FROM jobfit_serials WHERE year = ?");
    reserved.bind(1, year);
    if (reserved.executeStep()) last = reserved.getColumn(0).getInt64();
    SQLite::Statement saved(db, "SELECT id FROM jobfit_batches WHERE id LIKE ?");
    saved.bind(1, "JF-" + std::to_string(year) + "-%");
    while (saved.executeStep()) last = std::max(last, serial_of(saved.getColumn(0).getString(), year));
    const std::int64_t next = last + 1;
    SQLite::Statement put(db,
                          "INSERT INTO jobfit_serials (year, last) VALUES (?1, ?2) "
                          "ON CONFLICT (year) DO UPDATE SET last = ?2");
    put.bind(1, year);
    put.bind(2, next);
    put.exec();
    char serial[24];
    std::snprintf(serial, sizeof serial, "%03lld", static_cast<long long>(next));
    return "JF-" + std::to_string(year) + "-" + serial;
}

/// INSERT OR REPLACE of the batch row with `body`.
void put_batch(SQLite::Database& db, const Batch& b, const std::string& body) {
    SQLite::Statement put(db, std::string("INSERT OR REPLACE INTO jobfit_batches (") + batch_columns +
                                  ") VALUES (?, ?, ?, ?, ?, ?, ?)");
    put.bind(1, b.id);
    put.bind(2, format_date(b.as_of));
    put.bind(3, b.unit);
    put.bind(4, b.profile);
    put.bind(5, format_utc(b.created_at));
    put.bind(6, b.actor);
    put.bind(7, body);
    put.exec();
}

}  // namespace

Result<std::shared_ptr<SqliteBatchStore>> SqliteBatchStore::open(const std::string& path, bool read_only) {
    auto db = detail::open_store(path, read_only);
    if (!db) return db.error();
    return std::shared_ptr<SqliteBatchStore>(new SqliteBatchStore(std::make_unique<Impl>(std::move(*db))));
}

SqliteBatchStore::SqliteBatchStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteBatchStore::~SqliteBatchStore() = default;

Result<std::string> SqliteBatchStore::next_id(Date as_of) {
    const int year = static_cast<int>(as_of.year());
    return detail::guarded("reserving a job fit batch id", [&]() -> Result<std::string> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Transaction tx(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
        std::string id = reserve_id(impl_->db, year);
        tx.commit();
        return id;
    });
}

Result<void> SqliteBatchStore::save(const Batch& b) {
    return detail::guarded("saving job fit batch " + b.id, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        put_batch(impl_->db, b, body_json(b));
        return {};
    });
}

Result<BatchStart> SqliteBatchStore::begin(const Batch& batch, const std::vector<Official>& included) {
    return detail::guarded("starting a job fit batch", [&]() -> Result<BatchStart> {
        std::lock_guard lock(impl_->mutex);
        auto& db = impl_->db;
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement same(db, std::string("SELECT ") + batch_columns +
                                       " FROM jobfit_batches WHERE as_of = ? AND unit = ? AND profile = ?"
                                       " ORDER BY created_at DESC, id DESC");
        same.bind(1, format_date(batch.as_of));
        same.bind(2, batch.unit);
        same.bind(3, batch.profile);
        while (same.executeStep()) {
            auto row = read_row(same);
            if (!row) return row.error();
            if (!row->included) continue;  // saved whole by an older version: not resumable
            BatchStart found{std::move(row->batch), std::move(*row->included), row->finished, true};
            if (!found.finished) found.batch.cases.clear();
            return found;
        }
        BatchStart created{batch, included, false, false};
        created.batch.id = reserve_id(db, static_cast<int>(batch.as_of.year()));
        created.batch.cases.clear();
        put_batch(db, created.batch, body_json(created.batch, &created.included, false));
        tx.commit();
        return created;
    });
}

Result<void> SqliteBatchStore::finish(const BatchStart& start) {
    return detail::guarded("finishing job fit batch " + start.batch.id, [&]() -> Result<void> {
        std::lock_guard lock(impl_->mutex);
        put_batch(impl_->db, start.batch, body_json(start.batch, &start.included, true));
        return {};
    });
}

Result<Batch> SqliteBatchStore::find(std::string_view id) {
    return detail::guarded("finding job fit batch " + std::string(id), [&]() -> Result<Batch> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db, std::string("SELECT ") + batch_columns + " FROM jobfit_batches WHERE id = ?");
        q.bind(1, std::string(id));
        if (!q.executeStep()) return make_error(errc::not_found, "no job fit batch " + std::string(id), "batch");
        return read_batch(q);
    });
}

Result<bool> SqliteBatchStore::exists(std::string_view id) {
    return detail::guarded("finding job fit batch " + std::string(id), [&]() -> Result<bool> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db, "SELECT 1 FROM jobfit_batches WHERE id = ?");
        q.bind(1, std::string(id));
        return q.executeStep();
    });
}

Result<std::vector<Batch>> SqliteBatchStore::list() {
    return detail::guarded("listing job fit batches", [&]() -> Result<std::vector<Batch>> {
        std::lock_guard lock(impl_->mutex);
        SQLite::Statement q(impl_->db,
                            std::string("SELECT ") + batch_columns + " FROM jobfit_batches ORDER BY created_at, id");
        return detail::read_all(q, read_batch);
    });
}

}  // namespace alur::sqlite
