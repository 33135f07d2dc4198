// serve_lock.hpp — one `alur serve` per database, and no restore under it.
//
// The lock is flock(2) on a file beside the database, named after the
// database's real path: `/var/lib/alur/alur.db` -> `/var/lib/alur/alur.db.serve.lock`
// (created 0600, never removed). Its holder writes "PID COMMAND\n" into it.
// The kernel releases the lock when the holder's process ends in any way
// (SIGKILL, a crash, a power cut), so a file left behind never blocks
// anyone: only a running holder does. Other commands (list, advance, backup,
// ...) never look at it and keep working beside a server.
//
// Thread-safety: a ServeLock belongs to the thread that took it.
#pragma once

#include "alur/engine/result.hpp"
#include "messages.hpp"

#include <string>
#include <string_view>

namespace alur::cli {

class ServeLock {
public:
    /// Takes the lock of the database at `db` without waiting, for
    /// `command` ("serve", "restore"), and writes this process's PID into it.
    /// When another process holds it: conflict (exit 5) with the message `held`, given
    /// the database, the holder's command, its PID and its PID again (the
    /// PID is "?" if its file does not say). io when the lock file cannot be
    /// created or locked.
    static Result<ServeLock> take(const std::string& db, std::string_view command, M held);

    /// The lock file of the database at `db`.
    static std::string path_for(const std::string& db);

    ServeLock(ServeLock&& other) noexcept;
    ServeLock& operator=(ServeLock&& other) noexcept;
    ServeLock(const ServeLock&) = delete;
    ServeLock& operator=(const ServeLock&) = delete;
    ~ServeLock();  ///< releases the lock (the file stays)

    const std::string& path() const { return path_; }

private:
    ServeLock() = default;
    int fd_ = -1;
    std::string path_;
};

}  // namespace alur::cli
