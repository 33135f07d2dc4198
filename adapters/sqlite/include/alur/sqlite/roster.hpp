// alur/sqlite/roster.hpp — the roster and the job fit batches in the journal's
// SQLite file (schema version 4: tables `roster`, `roster_imports`,
// `jobfit_batches`, `jobfit_serials`).
//
// Each store opens its own connection to the file (busy timeout) and migrates
// the schema like SqliteJournal::open. Thread-safety: one connection behind a
// mutex; safe to share between threads and across processes.
#pragma once

#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/roster.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace alur::sqlite {

class SqliteRoster final : public roster::RosterStore {
public:
    /// not_found if the file does not exist (run `alur init` first); busy, io,
    /// corrupt. With `read_only` (the reading commands): opened for reading
    /// only, the schema checked, not migrated (SqliteJournal's Options::read_only).
    static Result<std::shared_ptr<SqliteRoster>> open(const std::string& path, bool read_only = false);
    ~SqliteRoster() override;

    /// Called during import() as rows are compared and written: (done, total).
    /// For a progress bar; empty by default.
    using Progress = std::function<void(std::size_t done, std::size_t total)>;
    void on_progress(Progress progress);

    /// One IMMEDIATE transaction: each official is read by NIP, then added,
    /// updated (only the fields that differ are reported) or left alone, and
    /// the import is logged in `roster_imports`. invalid_input if a NIP occurs
    /// twice in `officials`. A dry run only reads, in a read transaction.
    Result<roster::ImportReport> import(const std::vector<roster::Official>& officials, std::string_view source,
                                        std::string_view source_sha256, TimePoint at, bool dry_run) override;
    Result<std::vector<roster::Official>> list(std::string_view unit = {}) override;
    Result<std::optional<roster::Official>> find(std::string_view nip) override;

private:
    struct Impl;
    explicit SqliteRoster(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// A batch as `SqliteBatchStore::begin` finds or creates it.
struct BatchStart {
    job_fit::Batch batch;                    ///< cases: all of them once finished, none before
    std::vector<roster::Official> included;  ///< whom it opens a case for, in roster order, as first planned
    bool finished = false;                   ///< every case is opened and listed
    bool resumed = false;                    ///< stored by an earlier run, not created by this call
};

class SqliteBatchStore final : public job_fit::BatchStore {
public:
    /// not_found if the file does not exist (run `alur init` first); busy, io,
    /// corrupt. With `read_only` (the reading commands): opened for reading
    /// only, the schema checked, not migrated (SqliteJournal's Options::read_only).
    static Result<std::shared_ptr<SqliteBatchStore>> open(const std::string& path, bool read_only = false);
    ~SqliteBatchStore() override;

    /// Reserves the next serial of the year in `jobfit_serials` (one IMMEDIATE
    /// transaction, above any batch already saved for that year), so two
    /// processes never get the same id.
    Result<std::string> next_id(Date as_of) override;
    /// The cases and exclusions are stored as JSON in `body`.
    Result<void> save(const job_fit::Batch& batch) override;
    Result<job_fit::Batch> find(std::string_view id) override;
    /// Whether a batch `id` is stored, without reading its body (which lists
    /// thousands of officials): what checking a case's `batch` reference needs.
    Result<bool> exists(std::string_view id);

    /// A job fit batch that can be resumed (`alur jobfit start`). One IMMEDIATE
    /// transaction: if a batch of the same as_of, unit and profile was stored by
    /// begin(), that batch (finished or not) with the plan it was first stored
    /// with; otherwise `batch` under the next serial of its year, stored with
    /// `included` and `batch.excluded`, unfinished. `batch.id` and `batch.cases`
    /// are ignored. Either way the batch row exists before any of its cases.
    Result<BatchStart> begin(const job_fit::Batch& batch, const std::vector<roster::Official>& included);
    /// Stores `start.batch.cases` and marks the batch finished.
    Result<void> finish(const BatchStart& start);
    /// Oldest first (created_at, then id).
    Result<std::vector<job_fit::Batch>> list() override;

private:
    struct Impl;
    explicit SqliteBatchStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace alur::sqlite
