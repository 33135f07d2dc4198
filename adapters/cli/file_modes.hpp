// file_modes.hpp — every file `alur` creates is its owner's alone.
//
// The database (and the -wal, -shm and -journal files SQLite gives the
// database's mode), the notice file, exports, backups and lock files hold
// personal data (NIPs, birth dates, token hashes). `alur` therefore adds
// 077 to the process umask when it starts (restrict_umask): a file it
// creates is 0600 at most and a directory 0700, and a stricter umask (0277)
// stays as it is. The places that create a file also ask for 0600
// explicitly, so code run outside `alur` (the tests, other binaries) makes
// them the same way. An operator who wants a group to read a file (a backup
// user) grants it afterwards (chmod g+r, setfacl); a file that exists keeps
// its mode. `alur serve` warns at start when the database is not (see
// loose_modes).
#pragma once

#include <string>
#include <vector>

namespace alur::cli {

/// umask(current | 077). Called first thing in main.
void restrict_umask();

/// A file that its group or others may read or write, with its mode.
struct LooseFile {
    std::string path;
    unsigned mode = 0;  ///< the permission bits (0644)
};

/// The database at `db` and its -wal and -shm files (those present) whose
/// mode grants anything to the group or others.
std::vector<LooseFile> loose_modes(const std::string& db);

/// "0644".
std::string mode_text(unsigned mode);

}  // namespace alur::cli
