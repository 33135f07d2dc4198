// file_channel.cpp — notices appended to a JSON Lines file, one fsynced write each.
#include "alur/notify/channels.hpp"

#include "alur/files/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace alur::notify {
namespace {

Error io_error(const std::filesystem::path& path, const char* what, int err) {
    return make_error(errc::io, "notice file " + path.string() + ": " + what + ": " + std::strerror(err));
}

/// invalid_input "notice file <path> is a FIFO, not a regular file".
Error not_regular(const std::filesystem::path& path) {
    files::FileError fallback;  // gone again: say what was opened was no regular file
    fallback.kind = files::FileError::Kind::not_regular;
    fallback.path = path.string();
    return files::file_error(files::check_regular_or_absent(path).value_or(fallback), "notice file");
}

/// Closes the descriptor on every path out of deliver().
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    /// Closes now, reporting close()'s error (NFS reports write errors here).
    int close() {
        const int rc = ::close(fd_);
        fd_ = -1;
        return rc;
    }

private:
    int fd_;
};

}  // namespace

FileChannel::FileChannel(std::filesystem::path path) : path_(std::move(path)) {}

Result<void> FileChannel::check() const {
    if (auto e = files::check_regular_or_absent(path_)) return files::file_error(*e, "notice file");
    return {};
}

Result<void> FileChannel::deliver(const Notice& notice) {
    // Checked before opening, so that a device put at the path is never opened.
    if (auto ok = check(); !ok) return ok;
    std::string line = notice_record(notice) + '\n';

    // Read access only serves the check for an unfinished last line below.
    // A file created here is 0600: notices name officials (a file made
    // beforehand, or by logrotate's `create`, keeps its own mode).
    // O_NONBLOCK: a FIFO put at the path meanwhile must not hold the delivery
    // up; it is refused below like any other file that is not a regular one
    // (on a regular file the flag changes nothing).
    auto open_with = [&](int access) {
        int fd = -1;
        do fd = ::open(path_.c_str(), access | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0600);
        while (fd < 0 && errno == EINTR);
        return fd;
    };
    int raw = open_with(O_RDWR);
    if (raw < 0 && errno == EACCES) raw = open_with(O_WRONLY);
    if (raw < 0 && (errno == ENXIO || errno == EISDIR)) return not_regular(path_);  // a FIFO nobody reads, a directory
    if (raw < 0) return io_error(path_, "cannot open", errno);
    Fd fd(raw);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return io_error(path_, "cannot stat", errno);
    if (!S_ISREG(st.st_mode)) return not_regular(path_);

    // A line left unfinished (a crash or a full disk in the middle of a write)
    // is closed first, so that it cannot swallow this one.
    if (const off_t size = ::lseek(fd.get(), 0, SEEK_END); size > 0) {
        char last = '\n';
        if (::pread(fd.get(), &last, 1, size - 1) == 1 && last != '\n') line.insert(line.begin(), '\n');
    }

    // One write() appends the whole line atomically with respect to other
    // O_APPEND writers. Should the kernel take only part of it (a full disk,
    // a signal), the rest follows so the file stays line-structured.
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(fd.get(), line.data() + done, line.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error(path_, "cannot write", errno);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) return io_error(path_, "cannot fsync", errno);
    if (fd.close() != 0) return io_error(path_, "cannot close", errno);
    return {};
}

}  // namespace alur::notify
