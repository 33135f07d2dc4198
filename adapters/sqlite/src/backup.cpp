// backup.cpp — copy_database (VACUUM INTO through a read-only connection) and fold_wal.
#include "alur/sqlite/backup.hpp"

#include "alur/sqlite/journal.hpp"

#include "connect.hpp"
#include "errors.hpp"
#include "schema.hpp"

#include <SQLiteCpp/Statement.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace alur::sqlite {
namespace {

Error io_error(const std::string& path, const char* what, int err) {
    return make_error(errc::io, std::string(what) + " " + path + ": " + std::strerror(err));
}

/// Creates `path` empty with mode 0600 unless something is there already.
Result<void> create_private(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return {};
    }
    if (errno == EEXIST) return {};
    return io_error(path, "cannot create", errno);
}

/// fsync of the file at `path`; its size.
Result<std::int64_t> sync_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error(path, "cannot open", errno);
    struct stat st {};
    const bool ok = ::fstat(fd, &st) == 0 && ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) return io_error(path, "cannot sync", err);
    return static_cast<std::int64_t>(st.st_size);
}

}  // namespace

Result<CopyReport> copy_database(const std::string& source, const std::string& dest) {
    std::error_code ec;
    if (!std::filesystem::exists(source, ec)) return make_error(errc::not_found, "no database at " + source);
    // Absolute: the connection takes URI file names, and "file:..." must stay a path.
    const std::string out = std::filesystem::absolute(dest, ec).string();
    if (ec) return make_error(errc::io, "cannot resolve " + dest + ": " + ec.message());
    if (auto made = create_private(out); !made) return made.error();

    CopyReport report;
    auto copied = detail::guarded("copying " + source, [&]() -> Result<void> {
        SQLite::Database db = detail::connect(source, {false, true, 5000, {}});
        if (auto checked = detail::check_schema(db, source, false); !checked) return checked;
        report.schema_version = detail::stored_schema_version(db);
        report.current_schema_version = detail::current_schema_version();
        if (report.schema_version == 0)
            return make_error(errc::corrupt, source + " holds no alur journal (no schema version)");
        const auto start = std::chrono::steady_clock::now();
        SQLite::Statement vacuum(db, "VACUUM INTO ?");
        vacuum.bind(1, out);
        vacuum.exec();
        report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        return {};
    });
    if (!copied) return copied.error();
    const auto start = std::chrono::steady_clock::now();
    auto size = sync_file(out);
    if (!size) return size.error();
    report.bytes = *size;
    report.elapsed += std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return report;
}

Result<void> upgrade_copy(const std::string& path) {
    {
        Options options;
        options.create = false;
        options.read_connections = 0;
        auto journal = SqliteJournal::open(path, options);  // migrates
        if (!journal) return journal.error();
    }
    return detail::guarded("checkpointing " + path, [&]() -> Result<void> {
        SQLite::Database db(path, SQLite::OPEN_READWRITE, 5000);
        db.exec("PRAGMA journal_mode = DELETE");  // folds the WAL in and removes it
        return {};
    });
}

Result<void> fold_wal(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return make_error(errc::not_found, "no database at " + path);
    return detail::guarded("folding the WAL of " + path + " into it", [&]() -> Result<void> {
        SQLite::Database db(path, SQLite::OPEN_READWRITE, 5000);
        SQLite::Statement q(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        if (q.executeStep() && q.getColumn(0).getInt() != 0)
            return make_error(errc::busy, "another process has " + path +
                                              " open and kept its WAL from being folded in; stop every alur "
                                              "process that uses it (serve, run-due from cron) and try again");
        return {};
    });
}

}  // namespace alur::sqlite
