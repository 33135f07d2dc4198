#include "errors.hpp"

#include <sqlite3.h>

namespace alur::sqlite::detail {

Error from_sqlite(const SQLite::Exception& e, std::string_view what) {
    std::string message = std::string(what) + ": " + e.what();
    const int code = e.getErrorCode();
    switch (code < 0 ? code : (code & 0xff)) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PROTOCOL:  // WAL: a lock kept failing as busy until SQLite gave up
        return make_error(errc::busy, message + " (the database is locked by another writer; retry)");
    case SQLITE_FULL:
        return make_error(errc::io, message + " (the disk is full: free space on the disk that holds the database, "
                                              "then run the command again; what failed was not written)");
    case SQLITE_IOERR:
        return make_error(errc::io, message + " (an I/O error on the database file: check the disk and the "
                                              "system log, then run the command again; what failed was not written)");
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return make_error(errc::io, std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return make_error(errc::corrupt, message + " (the file is damaged or not an alur database)");
    case SQLITE_CONSTRAINT:
        return make_error(errc::conflict, message + " (another writer stored the same row first)");
    default:
        return make_error(errc::io, std::move(message));
    }
}

}  // namespace alur::sqlite::detail
