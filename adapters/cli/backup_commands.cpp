// `alur backup DEST [--force] [--json]` and `alur restore SRC`.
//
// backup: a consistent online copy of the database (sqlite::copy_database:
// VACUUM INTO in one read transaction, so `alur serve` keeps writing
// meanwhile) into a temporary file beside DEST (mode 0600), fsynced, checked
// exactly as `alur audit verify` checks a journal (check_journal: the event
// chain, every case's projection, the refusals, grants and users chains),
// then renamed to DEST and the directory fsynced. A copy that fails the
// check is removed and DEST is left as it was (exit 6). DEST that exists is
// refused (conflict, exit 5, as `user add` for a name that exists) unless --force. A database of an older schema (a backup
// taken before an upgrade) is copied as it is and checked on a migrated
// scratch copy.
//
// restore: takes the database's serve lock (conflict, exit 5, while
// `alur serve` runs), copies SRC beside the database the same way, migrates
// the copy if its schema is older, checks it (exit 6 when it fails: the
// database is not touched), folds the old database's WAL in, keeps the old
// file as DB.before-restore-<UTC time> (a hard link), removes its -wal and
// -shm (else SQLite would apply that WAL to the new file) and renames the
// copy over the database in one step.
//
// Both print the checkpoint line of what they wrote (as `alur audit
// checkpoint` prints it), for the auditor's log.
#include "alur/sqlite/backup.hpp"
#include "app.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "serve_lock.hpp"

#include <boost/json/object.hpp>

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <vector>

namespace alur::cli {
namespace {

namespace fs = std::filesystem;

Error io_error(const std::string& what, const std::string& path, int err) {
    return make_error(errc::io, what + " " + path + ": " + std::strerror(err));
}

/// A temporary file beside a target (".NAME.TAG-XXXXXX", mode 0600 from
/// mkstemp), removed with its -wal, -shm and -journal when dropped unless
/// released (renamed into place).
class TempFile {
public:
    static Result<TempFile> beside(const fs::path& target, const std::string& tag) {
        std::string pattern = (target.parent_path() / ("." + target.filename().string() + "." + tag + "-XXXXXX")).string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0) return io_error("cannot create a temporary file beside", target.string(), errno);
        ::close(fd);
        return TempFile(pattern);
    }
    TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
    TempFile& operator=(TempFile&&) = delete;
    TempFile(const TempFile&) = delete;
    ~TempFile() {
        if (path_.empty()) return;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path_ + suffix).c_str());
    }
    const std::string& path() const { return path_; }
    void release() { path_.clear(); }

private:
    explicit TempFile(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

/// fsync of a directory, so that a rename in it survives a power cut.
Result<void> sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return io_error("cannot open directory", dir.string(), errno);
    const bool ok = ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) return io_error("cannot sync directory", dir.string(), err);
    return {};
}

/// Run as root (an upgrade's maintainer script, an administrator), what
/// backup and restore create goes to the owner of the database `db` (the
/// service's user), so that the service and its nightly backup can still
/// write there. Nothing otherwise.
Result<void> give_to_db_owner(const std::string& path, const std::string& db) {
    struct stat owner {};
    if (::geteuid() != 0 || ::stat(db.c_str(), &owner) != 0 || owner.st_uid == 0) return {};
    if (::chown(path.c_str(), owner.st_uid, owner.st_gid) != 0) return io_error("cannot chown", path, errno);
    return {};
}

/// The directory a file goes to, created (0700 by alur's umask) when
/// missing, each directory made given to the database's owner when run as root.
Result<void> make_parent(const fs::path& file, const std::string& db) {
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path p = file.parent_path(); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.root_path()) break;
    }
    fs::create_directories(file.parent_path(), ec);
    if (ec) return make_error(errc::io, "cannot create directory " + file.parent_path().string() + ": " + ec.message());
    for (const auto& dir : missing)
        if (auto given = give_to_db_owner(dir.string(), db); !given) return given;
    return {};
}

/// What the check of a copy found.
struct Verified {
    std::int64_t events = 0;
    std::int64_t cases = 0;
    std::string checkpoint;  ///< its checkpoint line
    double seconds = 0;
};

/// Checks the database file at `path` (this build's schema) as `audit
/// verify` does, through an engine of its own over it, read-only. corrupt
/// naming the first problem.
Result<Verified> verify_file(const Context& ctx, const std::string& path) {
    Context copy;
    copy.globals = ctx.globals;
    copy.globals.db = path;
    copy.config = ctx.config;
    copy.workflows = ctx.workflows;
    Runnable reading;
    reading.needs = Needs::read_database;
    if (auto opened = open_engine(copy, reading); !opened) return opened.error();
    auto checked = check_journal(copy);
    if (!checked) return checked.error();
    if (!checked->ok()) return make_error(errc::corrupt, checked->problem);
    auto head = audit::checkpoint(copy.engine->journal());
    if (!head) return head.error();
    return Verified{checked->report.events, checked->report.cases, head->line(), checked->seconds};
}

/// The same for a copy of any schema up to this build's: an older one is
/// checked on a migrated scratch copy beside it (the copy keeps its version).
Result<Verified> verify_copy(const Context& ctx, const std::string& path, const sqlite::CopyReport& copied) {
    if (copied.schema_version >= copied.current_schema_version) return verify_file(ctx, path);
    auto scratch = TempFile::beside(path, "check");
    if (!scratch) return scratch.error();
    if (auto again = sqlite::copy_database(path, scratch->path()); !again) return again.error();
    if (auto upgraded = sqlite::upgrade_copy(scratch->path()); !upgraded) return upgraded.error();
    return verify_file(ctx, scratch->path());
}

/// "2.4 MiB".
std::string size_text(std::int64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

Error newer_schema(const std::string& path, const sqlite::CopyReport& copied) {
    return make_error(errc::invalid_input, trf(M::backup_newer_schema, {path, std::to_string(copied.schema_version),
                                                                        std::to_string(copied.current_schema_version)}));
}

// --- backup ------------------------------------------------------------------------

struct BackupArgs {
    std::string dest;
    bool force = false;
    bool json = false;
};

/// Today's date in UTC, "2026-12-01" (for the example file name).
std::string today_utc() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

/// Renames `from` to `to`; without `replace`, refused if `to` appeared meanwhile.
Result<void> move_into_place(const std::string& from, const std::string& to, bool replace) {
    if (!replace) {
        if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return {};
        if (errno == EEXIST) return make_error(errc::conflict, trf(M::backup_exists, {to}));
        if (errno != EINVAL && errno != ENOSYS) return io_error("cannot rename to", to, errno);
        std::error_code ec;  // a file system without RENAME_NOREPLACE: checked, then renamed
        if (fs::exists(to, ec)) return make_error(errc::conflict, trf(M::backup_exists, {to}));
    }
    if (::rename(from.c_str(), to.c_str()) != 0) return io_error("cannot rename to", to, errno);
    return {};
}

Result<void> run_backup(const BackupArgs& args, Context& ctx) {
    const std::string& db = ctx.globals.db;
    std::error_code ec;
    if (!fs::exists(db, ec)) return make_error(errc::not_found, trf(M::backup_no_database, {db}));
    const fs::path dest = fs::absolute(args.dest, ec);
    if (ec || args.dest.empty()) return make_error(errc::invalid_input, trf(M::backup_is_directory, {args.dest, ".", today_utc()}));
    if (fs::is_directory(dest, ec))
        return make_error(errc::invalid_input, trf(M::backup_is_directory, {args.dest, args.dest, today_utc()}));
    const bool exists = fs::exists(dest, ec);
    if (exists && fs::equivalent(dest, db, ec))
        return make_error(errc::invalid_input, trf(M::backup_same_file, {args.dest}));
    if (exists && !args.force) return make_error(errc::conflict, trf(M::backup_exists, {args.dest}));
    if (auto made = make_parent(dest, db); !made) return made;

    auto tmp = TempFile::beside(dest, "tmp");
    if (!tmp) return tmp.error();
    auto copied = sqlite::copy_database(db, tmp->path());
    if (!copied) return copied.error();
    if (copied->schema_version > copied->current_schema_version) return newer_schema(db, *copied);
    if (auto given = give_to_db_owner(tmp->path(), db); !given) return given;
    auto verified = verify_copy(ctx, tmp->path(), *copied);
    if (!verified) {
        if (verified.error().code != errc::corrupt) return verified.error();
        return make_error(errc::corrupt, trf(M::backup_verify_failed, {args.dest, verified.error().message}));
    }
    if (auto moved = move_into_place(tmp->path(), dest.string(), args.force); !moved) return moved;
    tmp->release();
    if (auto synced = sync_directory(dest.parent_path()); !synced) return synced;

    const auto copy_ms = copied->elapsed.count();
    const auto verify_ms = static_cast<std::int64_t>(std::llround(verified->seconds * 1000));
    if (args.json) {
        boost::json::object o{{"dest", dest.string()},
                              {"events", verified->events},
                              {"cases", verified->cases},
                              {"bytes", copied->bytes},
                              {"copy_ms", copy_ms},
                              {"verify_ms", verify_ms},
                              {"schema_version", copied->schema_version},
                              {"checkpoint", verified->checkpoint}};
        print_json(std::cout, o);
        return {};
    }
    std::cout << trf(M::backup_done, {dest.string(), std::to_string(verified->events), std::to_string(verified->cases),
                                      size_text(copied->bytes), std::to_string(copy_ms), std::to_string(verify_ms)})
              << '\n';
    if (copied->schema_version < copied->current_schema_version)
        std::cout << trf(M::backup_old_schema, {std::to_string(copied->schema_version),
                                                std::to_string(copied->current_schema_version),
                                                std::to_string(copied->schema_version)})
                  << '\n';
    std::cout << verified->checkpoint << '\n';
    return {};
}

// --- restore -----------------------------------------------------------------------

struct RestoreArgs {
    std::string src;
};

/// A name for the database being replaced: DB.before-restore-20261201T233000Z[-N].
std::string kept_name(const std::string& db, int attempt) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return db + ".before-restore-" + buf + (attempt ? "-" + std::to_string(attempt + 1) : "");
}

/// Keeps the database at `db` under another name (a hard link; a rename where
/// the file system has none); its name.
Result<std::string> keep_old(const std::string& db) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string kept = kept_name(db, attempt);
        if (::link(db.c_str(), kept.c_str()) == 0) return kept;
        if (errno == EEXIST) continue;
        if (errno != EPERM && errno != ENOTSUP && errno != EXDEV) return io_error("cannot keep", db, errno);
        std::error_code ec;
        if (fs::exists(kept, ec)) continue;
        if (::rename(db.c_str(), kept.c_str()) == 0) return kept;
        return io_error("cannot keep", db, errno);
    }
    return make_error(errc::io, "cannot find a free name to keep " + db);
}

Result<void> run_restore(const RestoreArgs& args, Context& ctx) {
    const std::string db = fs::absolute(ctx.globals.db).string();
    std::error_code ec;
    if (!fs::exists(args.src, ec)) return make_error(errc::not_found, trf(M::restore_no_source, {args.src}));
    if (!fs::is_regular_file(args.src, ec)) return make_error(errc::invalid_input, trf(M::restore_not_file, {args.src}));
    const bool replacing = fs::exists(db, ec);
    if (replacing && fs::equivalent(args.src, db, ec))
        return make_error(errc::invalid_input, trf(M::restore_same_file, {args.src}));
    if (auto made = make_parent(db, db); !made) return made;
    auto lock = ServeLock::take(db, "restore", M::restore_server_running);
    if (!lock) return lock.error();

    auto tmp = TempFile::beside(db, "restore");
    if (!tmp) return tmp.error();
    auto refused = [&](const Error& e) {
        if (e.code != errc::corrupt) return e;
        return make_error(errc::corrupt, trf(M::restore_verify_failed, {args.src, db, e.message}));
    };
    auto copied = sqlite::copy_database(args.src, tmp->path());
    if (!copied) return refused(copied.error());
    if (copied->schema_version > copied->current_schema_version) return newer_schema(args.src, *copied);
    if (copied->schema_version < copied->current_schema_version)
        if (auto upgraded = sqlite::upgrade_copy(tmp->path()); !upgraded) return refused(upgraded.error());
    auto verified = verify_file(ctx, tmp->path());
    if (!verified) return refused(verified.error());
    for (const char* suffix : {"-wal", "-shm"}) ::unlink((tmp->path() + suffix).c_str());

    if (auto given = give_to_db_owner(tmp->path(), db); !given) return given;  // run as root: the old file's owner
    std::string kept;
    if (replacing) {
        if (auto folded = sqlite::fold_wal(db); !folded) return folded.error();
        auto old = keep_old(db);
        if (!old) return old.error();
        kept = *old;
    }
    // The old WAL is empty now (or stale); left beside the new file, SQLite would take it for the new file's.
    for (const char* suffix : {"-wal", "-shm"}) ::unlink((db + suffix).c_str());
    if (::rename(tmp->path().c_str(), db.c_str()) != 0) return io_error("cannot rename to", db, errno);
    tmp->release();
    if (auto synced = sync_directory(fs::path(db).parent_path()); !synced) return synced;

    std::cout << trf(M::restore_done, {db, args.src, std::to_string(verified->events), std::to_string(verified->cases)})
              << '\n';
    if (!kept.empty()) std::cout << trf(M::restore_kept, {kept}) << '\n';
    std::cout << verified->checkpoint << '\n';
    return {};
}

}  // namespace

void add_backup_commands(CLI::App& app, const Context&, Registry& out) {
    auto* backup = app.add_subcommand("backup", tr(M::cmd_backup));
    auto backup_args = std::make_shared<BackupArgs>();
    backup->add_option("dest", backup_args->dest, tr(M::arg_backup_dest))->required()->option_text("DEST");
    backup->add_flag("--force", backup_args->force, tr(M::opt_backup_force));
    backup->add_flag("--json", backup_args->json, tr(M::opt_json));
    out.push_back({backup, Needs::nothing, [backup_args](Context& c) { return run_backup(*backup_args, c); }});

    auto* restore = app.add_subcommand("restore", tr(M::cmd_restore));
    auto restore_args = std::make_shared<RestoreArgs>();
    restore->add_option("src", restore_args->src, tr(M::arg_restore_src))->required()->option_text("SRC");
    out.push_back({restore, Needs::nothing, [restore_args](Context& c) { return run_restore(*restore_args, c); }});
}

}  // namespace alur::cli
