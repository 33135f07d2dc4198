// alur/files/files.hpp — reading the files an agency hands to Alur, bounded.
//
// The configuration, its holiday files and the roster must be regular files
// (a directory, a device such as /dev/zero or a FIFO is refused, naming the
// path and what it is) of at most a given size, and the roster may also come
// from standard input. What is not a regular file is refused before it is
// opened (a device is never opened); a file is opened without blocking (a FIFO
// put there meanwhile cannot hold the command up), checked again on the
// opened descriptor (no window between the check and the read), and read in
// chunks that stop at the limit, so neither an endless device nor a huge file
// is read past it. The notice file of the
// file channel must be a regular file or not exist yet.
//
// No exception escapes. Failures are returned as a FileError, so each caller
// words them in its own language; file_error() gives the English wording and
// the errc: not_found (a missing file), invalid_input (not a regular file, too
// large), io (the system refused to read it). Thread-safe.
#pragma once

#include "alur/engine/result.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace alur::files {

inline constexpr std::size_t mib = std::size_t{1} << 20;

/// What is at a path.
enum class FileType { regular, directory, fifo, character_device, block_device, socket, other };

/// "a regular file", "a directory", "a FIFO", "a character device", "a block
/// device", "a socket", "not a regular file" (other).
std::string_view type_text(FileType type);

struct FileError {
    enum class Kind {
        not_found,    ///< nothing at the path
        not_regular,  ///< a directory, a device, a FIFO or a socket: `type` says which
        too_large,    ///< more than `limit` bytes
        unreadable,   ///< the system's `reason` (permission denied, I/O error)
    };
    Kind kind = Kind::unreadable;
    std::string path;    ///< as given; "-" for standard input
    FileType type = FileType::other;  ///< not_regular: what is there instead
    std::size_t limit = 0;  ///< too_large: the limit in bytes
    std::string reason;  ///< unreadable: strerror's text
};

/// The text read, or why it was not read.
struct ReadResult {
    std::string text;
    std::optional<FileError> error;
    explicit operator bool() const { return !error; }
};

/// "1 MiB", "200 MiB", "512 bytes": a limit as messages state it.
std::string size_text(std::size_t bytes);

/// What is at `path` (links followed), or nullopt if nothing is there.
std::optional<FileType> type_of(const std::filesystem::path& path);

/// The whole regular file `path`, at most `max_bytes` long.
ReadResult read_regular_file(const std::filesystem::path& path, std::size_t max_bytes);

/// `path` as read_regular_file reads it, or standard input to its end when
/// `path` is "-" (a pipe or a redirected file alike), at most `max_bytes`.
ReadResult read_file_or_stdin(const std::string& path, std::size_t max_bytes);

/// ok if nothing is at `path` or it is a regular file (or a link to one);
/// otherwise a not_regular FileError (a directory, a FIFO, /dev/null).
std::optional<FileError> check_regular_or_absent(const std::filesystem::path& path);

/// The English message and code of `e`, naming the file as `what` does
/// ("configuration file", "holiday file"):
///   not_found    "<what> not found: <path>"
///   not_regular  "<what> <path> is a FIFO, not a regular file"
///   too_large    "<what> <path> is larger than 1 MiB"
///   unreadable   "cannot read <what> <path>: <reason>"
Error file_error(const FileError& e, std::string_view what);

}  // namespace alur::files
