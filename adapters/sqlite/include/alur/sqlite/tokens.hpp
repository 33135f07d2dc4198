// alur/sqlite/tokens.hpp — the TokenStore in the journal's SQLite file (table
// `tokens`, and the grants chain in table `grants`).
//
// Opens its own connection to the file (WAL, busy timeout) and migrates the
// schema like SqliteJournal::open. find_by_hash (run by every API request)
// uses statements prepared once and a cache of the tokens it found, emptied
// whenever the grants chain's head moves: every grant and revocation, from
// any process, appends to the chain, so a revoked token is refused at the
// next lookup. Thread-safety: one connection behind a mutex; safe to share
// between threads and across processes.
#pragma once

#include "alur/engine/tokens.hpp"

#include <memory>
#include <string>

namespace alur::sqlite {

class SqliteTokenStore final : public alur::TokenStore {
public:
    /// not_found if the file does not exist (run `alur init` first); busy, io, corrupt.
    /// With `read_only`, opened as the reading commands open the journal (no
    /// migration, nothing written; works on a read-only file).
    static Result<std::shared_ptr<SqliteTokenStore>> open(const std::string& path, bool read_only = false);
    ~SqliteTokenStore() override;

    Result<void> add(const Token& token, const std::string& sha256) override;
    Result<Token> find_by_hash(const std::string& sha256) override;
    Result<std::vector<Token>> list() override;
    Result<void> revoke(const std::string& name, TimePoint at, const std::string& by) override;
    Result<std::vector<Grant>> grants() override;

private:
    struct Impl;
    explicit SqliteTokenStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace alur::sqlite
