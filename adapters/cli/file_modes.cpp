#include "file_modes.hpp"

#include <sys/stat.h>

#include <cstdio>

namespace alur::cli {

void restrict_umask() {
    const mode_t current = ::umask(077);
    ::umask(current | 077);
}

std::vector<LooseFile> loose_modes(const std::string& db) {
    std::vector<LooseFile> out;
    for (const std::string& path : {db, db + "-wal", db + "-shm"}) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) continue;
        const unsigned mode = static_cast<unsigned>(st.st_mode) & 07777u;
        if (mode & 077u) out.push_back({path, mode});
    }
    return out;
}

std::string mode_text(unsigned mode) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04o", mode & 07777u);
    return buf;
}

}  // namespace alur::cli
