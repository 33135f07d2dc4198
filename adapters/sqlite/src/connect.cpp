#include "connect.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace alur::sqlite::detail {
namespace {

/// `path` as an SQLite URI file name with `query` (see sqlite.org/uri.html).
std::string uri(const std::string& path, const char* query) {
    std::string out = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static const char hex[] = "0123456789abcdef";
            out += '%';
            out += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
            out += hex[static_cast<unsigned char>(c) & 0xf];
        } else {
            out += c;
        }
    }
    return out + "?" + query;
}

/// Reads the schema, which makes SQLite open the -wal and -shm files.
void probe(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT count(*) FROM sqlite_master");
    q.executeStep();
}

/// A database created here is the owner's alone (0600), whatever the umask:
/// it holds NIPs, birth dates and token hashes. SQLite gives its -wal, -shm
/// and -journal files the database file's mode. An empty file is a valid
/// empty database to SQLite; a file already there is left as it is.
void create_private(const std::string& path) {
    int fd = -1;
    do fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    while (fd < 0 && errno == EINTR);
    if (fd >= 0) ::close(fd);  // EEXIST and the rest: SQLite's own open reports what matters
}

}  // namespace

SQLite::Database connect(const std::string& path, const ConnectOptions& options) {
    if (!options.read_only || path == ":memory:") {
        if (options.create && path != ":memory:") create_private(path);
        const int flags = SQLite::OPEN_READWRITE | (options.create ? SQLite::OPEN_CREATE : 0);
        SQLite::Database db(path, flags, options.busy_timeout_ms, options.vfs);
        // Keep the WAL when the last connection closes: a CLI command then
        // costs one sync (its commit), not a new WAL's header and directory
        // syncs plus a checkpoint's two. The WAL is checkpointed into the
        // database as it grows (wal_autocheckpoint, 1000 pages) and by `alur checkpoint`.
        sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        return db;
    }
    const int flags = SQLite::OPEN_READONLY | SQLite::OPEN_URI;
    try {
        SQLite::Database db(uri(path, "mode=ro"), flags, options.busy_timeout_ms, options.vfs);
        probe(db);
        return db;
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY) throw;
        std::error_code ec;
        const auto wal = std::filesystem::file_size(path + "-wal", ec);
        if (!ec && wal > 0)
            throw SQLite::Exception("cannot read " + path + " read-only: its " + path +
                                        "-wal file holds changes not yet in the database, and its -shm file cannot "
                                        "be opened (" + e.what() + "); run a writing command with write access once",
                                    SQLITE_CANTOPEN);
    }
    SQLite::Database db(uri(path, "immutable=1"), flags, options.busy_timeout_ms, options.vfs);
    probe(db);
    return db;
}

}  // namespace alur::sqlite::detail
