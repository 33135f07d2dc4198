// alur/sqlite/refusals.hpp — the RefusalLog in the journal's SQLite file (table `refusals`).
//
// Opens its own connection to the file on first use (so a command that never
// records or reads a refusal never touches it), with the schema migrated like
// SqliteJournal::open. Each append is one IMMEDIATE transaction that reads the
// head and writes the next entry, so two processes appending at once still
// form one chain. Thread-safety: one connection behind a mutex; safe to share
// between threads and across processes.
#pragma once

#include "alur/engine/refusals.hpp"

#include <memory>
#include <string>

namespace alur::sqlite {

class SqliteRefusalLog final : public alur::RefusalLog {
public:
    /// The log of the database at `path`; nothing is opened yet.
    /// With `read_only`, list and verify only (append fails), on a read-only file too.
    explicit SqliteRefusalLog(std::string path, bool read_only = false);
    ~SqliteRefusalLog() override;

    /// not_found if the file does not exist (run `alur init` first); busy, io, corrupt.
    Result<Refusal> append(const Refusal& r) override;
    Result<std::vector<Refusal>> list(const RefusalFilter& filter) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace alur::sqlite
