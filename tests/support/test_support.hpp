// Helpers shared by the test binaries: temporary directories and running the CLI.
#pragma once

#include <filesystem>
#include <string>

namespace alur::test {

/// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

struct RunResult {
    int exit_code = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// Runs a shell command line, capturing stdout and stderr.
RunResult run(const std::string& command_line);

/// Quotes one argument for /bin/sh.
std::string shell_quote(const std::string& arg);

/// Copies an SQLite database as it stands when no one has it open: the file
/// and its -wal (writable connections keep the WAL on close), replacing `to`
/// and any -wal or -shm it had.
void copy_database(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace alur::test
