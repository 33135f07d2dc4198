// alur/sqlite/users.hpp — the UserStore in the journal's SQLite file (table
// `users`, schema version 8), journaled in the grants chain (table `grants`)
// beside the tokens: each add, password change and disabling with its entry
// in one IMMEDIATE transaction.
//
// Opens its own connection to the file (WAL, busy timeout) and migrates the
// schema like SqliteJournal::open. Thread-safety: one connection behind a
// mutex; safe to share between threads and across processes.
#pragma once

#include "alur/engine/users.hpp"

#include <memory>
#include <string>

namespace alur::sqlite {

class SqliteUserStore final : public alur::UserStore {
public:
    /// not_found if the file does not exist (run `alur init` first); busy, io, corrupt.
    /// With `read_only`, opened for reading only (no migration, nothing written).
    static Result<std::shared_ptr<SqliteUserStore>> open(const std::string& path, bool read_only = false);
    ~SqliteUserStore() override;

    Result<void> add(const User& user) override;
    Result<User> find(const std::string& name) override;
    Result<std::vector<User>> list() override;
    Result<void> set_password(const std::string& name, const std::string& password_hash, TimePoint at,
                              const std::string& by) override;
    Result<void> disable(const std::string& name, TimePoint at, const std::string& by) override;
    Result<std::vector<Grant>> grants() override;

private:
    struct Impl;
    explicit SqliteUserStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace alur::sqlite
