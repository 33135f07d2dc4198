// files.cpp — bounded reads of regular files and standard input.
#include "alur/files/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace alur::files {
namespace {

FileType type_of_mode(mode_t mode) {
    if (S_ISREG(mode)) return FileType::regular;
    if (S_ISDIR(mode)) return FileType::directory;
    if (S_ISFIFO(mode)) return FileType::fifo;
    if (S_ISCHR(mode)) return FileType::character_device;
    if (S_ISBLK(mode)) return FileType::block_device;
    if (S_ISSOCK(mode)) return FileType::socket;
    return FileType::other;
}

FileError failure(FileError::Kind kind, std::string path) {
    FileError e;
    e.kind = kind;
    e.path = std::move(path);
    return e;
}

FileError unreadable(std::string path, int err) {
    FileError e = failure(FileError::Kind::unreadable, std::move(path));
    e.reason = std::strerror(err);
    return e;
}

FileError not_regular(std::string path, mode_t mode) {
    FileError e = failure(FileError::Kind::not_regular, std::move(path));
    e.type = type_of_mode(mode);
    return e;
}

FileError too_large(std::string path, std::size_t limit) {
    FileError e = failure(FileError::Kind::too_large, std::move(path));
    e.limit = limit;
    return e;
}

/// Reads `fd` to its end in chunks, stopping once more than `max_bytes` came.
ReadResult read_all(int fd, const std::string& path, std::size_t max_bytes) {
    ReadResult out;
    constexpr std::size_t chunk = 64 * 1024;
    std::string buffer(chunk, '\0');
    while (true) {
        const ssize_t n = ::read(fd, buffer.data(), chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            out.error = unreadable(path, errno);
            break;
        }
        if (n == 0) break;
        if (out.text.size() + static_cast<std::size_t>(n) > max_bytes) {
            out.error = too_large(path, max_bytes);
            break;
        }
        out.text.append(buffer.data(), static_cast<std::size_t>(n));
    }
    if (out.error) out.text.clear();
    return out;
}

/// Closes the descriptor on every path out.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

std::string size_text(std::size_t bytes) {
    if (bytes >= mib && bytes % mib == 0) return std::to_string(bytes / mib) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string_view type_text(FileType type) {
    switch (type) {
        case FileType::regular: return "a regular file";
        case FileType::directory: return "a directory";
        case FileType::fifo: return "a FIFO";
        case FileType::character_device: return "a character device";
        case FileType::block_device: return "a block device";
        case FileType::socket: return "a socket";
        case FileType::other: break;
    }
    return "not a regular file";
}

std::optional<FileType> type_of(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return type_of_mode(st.st_mode);
}

ReadResult read_regular_file(const std::filesystem::path& path, std::size_t max_bytes) {
    ReadResult out;
    struct stat st {};
    // A device is never opened (opening some has effects: a tape rewinds).
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        out.error = not_regular(path.string(), st.st_mode);
        return out;
    }
    // O_NONBLOCK: should a FIFO be put there meanwhile, opening it would wait for a writer.
    int raw = -1;
    do raw = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    while (raw < 0 && errno == EINTR);
    if (raw < 0) {
        out.error = errno == ENOENT || errno == ENOTDIR ? failure(FileError::Kind::not_found, path.string())
                                                        : unreadable(path.string(), errno);
        return out;
    }
    const Fd fd{raw};
    if (::fstat(fd.fd, &st) != 0) {
        out.error = unreadable(path.string(), errno);
        return out;
    }
    if (!S_ISREG(st.st_mode)) {  // what was opened, not what was there a moment before
        out.error = not_regular(path.string(), st.st_mode);
        return out;
    }
    if (st.st_size > 0 && static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
        out.error = too_large(path.string(), max_bytes);
        return out;
    }
    if (const int flags = ::fcntl(fd.fd, F_GETFL); flags >= 0) ::fcntl(fd.fd, F_SETFL, flags & ~O_NONBLOCK);
    return read_all(fd.fd, path.string(), max_bytes);  // the limit again: the file may grow meanwhile
}

ReadResult read_file_or_stdin(const std::string& path, std::size_t max_bytes) {
    if (path == "-") return read_all(STDIN_FILENO, path, max_bytes);
    return read_regular_file(path, max_bytes);
}

std::optional<FileError> check_regular_or_absent(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return std::nullopt;
    return not_regular(path.string(), st.st_mode);
}

Error file_error(const FileError& e, std::string_view what) {
    const std::string name = std::string(what) + ' ' + (e.path == "-" ? std::string("on standard input") : e.path);
    switch (e.kind) {
        case FileError::Kind::not_found:
            return make_error(errc::not_found, std::string(what) + " not found: " + e.path);
        case FileError::Kind::not_regular:
            if (e.type == FileType::other) return make_error(errc::invalid_input, name + " is not a regular file");
            return make_error(errc::invalid_input,
                              name + " is " + std::string(type_text(e.type)) + ", not a regular file");
        case FileError::Kind::too_large:
            return make_error(errc::invalid_input, name + " is larger than " + size_text(e.limit));
        case FileError::Kind::unreadable: break;
    }
    return make_error(errc::io, "cannot read " + name + ": " + e.reason);
}

}  // namespace alur::files
