#include "serve_lock.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <utility>

namespace alur::cli {
namespace {

/// Who holds a database's lock, as its file says.
struct LockHolder {
    long pid = 0;         ///< 0: the file names no live process
    std::string command;  ///< "serve", "restore"
};

Error lock_error(const std::string& path, const char* what, int err) {
    return make_error(errc::io, std::string("lock file ") + path + ": " + what + ": " + std::strerror(err));
}

/// What the holder wrote: "PID COMMAND".
LockHolder read_holder(int fd) {
    char buf[128] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    LockHolder h;
    if (n <= 0) return h;
    std::istringstream in(std::string(buf, static_cast<std::size_t>(n)));
    in >> h.pid >> h.command;
    if (h.command.empty()) h.command = "serve";
    return h;
}

/// The holder as its file says, read again for a moment while the file
/// names no live process: a holder that has just taken the lock writes its
/// PID right after, over what an earlier holder left.
LockHolder current_holder(int fd) {
    LockHolder h;
    for (int attempt = 0; attempt < 20; ++attempt) {
        h = read_holder(fd);
        if (h.pid > 0 && (::kill(static_cast<pid_t>(h.pid), 0) == 0 || errno == EPERM)) return h;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (h.pid > 0 && ::kill(static_cast<pid_t>(h.pid), 0) != 0 && errno == ESRCH) h.pid = 0;
    return h;
}

/// Run as root (a restore by an administrator), the lock file goes to the
/// database's owner, so that the service's user can still lock it.
void give_to_owner_of(int fd, const std::string& db) {
    if (::geteuid() != 0) return;
    struct stat file {}, database {};
    if (::fstat(fd, &file) != 0 || ::stat(db.c_str(), &database) != 0) return;
    if (file.st_uid == 0 && database.st_uid != 0) (void)!::fchown(fd, database.st_uid, database.st_gid);
}

}  // namespace

std::string ServeLock::path_for(const std::string& db) {
    std::error_code ec;
    auto real = std::filesystem::weakly_canonical(std::filesystem::absolute(db, ec), ec);
    if (ec || real.empty()) real = db;
    return real.string() + ".serve.lock";
}

Result<ServeLock> ServeLock::take(const std::string& db, std::string_view command, M held) {
    ServeLock lock;
    lock.path_ = path_for(db);
    const std::string& path = lock.path_;
    int fd = -1;
    do fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    while (fd < 0 && errno == EINTR);
    bool writable = fd >= 0;
    if (fd < 0 && errno == EACCES) {  // made by another user (root): a read-only descriptor locks as well
        do fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        while (fd < 0 && errno == EINTR);
    }
    if (fd < 0) return lock_error(path, "cannot open", errno);
    give_to_owner_of(fd, db);
    int rc = -1;
    do rc = ::flock(fd, LOCK_EX | LOCK_NB);
    while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int err = errno;
        LockHolder holder;
        if (err == EWOULDBLOCK) holder = current_holder(fd);
        ::close(fd);
        if (err != EWOULDBLOCK) return lock_error(path, "cannot lock", err);
        const std::string pid = holder.pid > 0 ? std::to_string(holder.pid) : "?";
        return make_error(errc::conflict, trf(held, {db, holder.command, pid, pid}));
    }
    lock.fd_ = fd;
    if (!writable) return lock;  // the holder's PID stays unknown to others
    const std::string line = std::to_string(::getpid()) + " " + std::string(command) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size()))
        return lock_error(path, "cannot write", errno);
    return lock;
}

ServeLock::ServeLock(ServeLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

ServeLock& ServeLock::operator=(ServeLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
    }
    return *this;
}

ServeLock::~ServeLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace alur::cli
