#include "fault_vfs.hpp"

#include <sqlite3.h>

#include <cstring>
#include <stdexcept>

namespace alur::test {
namespace {

struct State {
    sqlite3_vfs* real = nullptr;
    std::int64_t calls[3] = {0, 0, 0};
    bool armed = false;
    FaultVfs::Op op = FaultVfs::Op::write;
    int k = 0;
    int code = SQLITE_IOERR;
    std::int64_t injected = 0;
};

State& state() {
    static State s;
    return s;
}

/// Counts a call of `op`; the fault's code if this call fails, else SQLITE_OK.
int fault(FaultVfs::Op op) {
    State& s = state();
    const std::int64_t n = ++s.calls[static_cast<int>(op)];
    if (s.armed && s.op == op && n >= s.k) {
        ++s.injected;
        return s.code;
    }
    return SQLITE_OK;
}

/// Our file: our methods first (SQLite's sqlite3_file), then the real file.
struct File {
    sqlite3_file base;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

int x_close(sqlite3_file* f) {
    int rc = real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
    sqlite3_free(real(f));
    return rc;
}
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) { return real(f)->pMethods->xRead(real(f), buf, n, off); }
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    if (int rc = fault(FaultVfs::Op::write)) return rc;
    return real(f)->pMethods->xWrite(real(f), buf, n, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
int x_sync(sqlite3_file* f, int flags) {
    if (int rc = fault(FaultVfs::Op::sync)) return rc;
    return real(f)->pMethods->xSync(real(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int level) {
    if (int rc = fault(FaultVfs::Op::lock)) return rc;
    return real(f)->pMethods->xLock(real(f), level);
}
int x_unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int x_check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    if (flags & SQLITE_SHM_LOCK)
        if (int rc = fault(FaultVfs::Op::lock)) return rc;
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) { return real(f)->pMethods->xFetch(real(f), off, n, out); }
int x_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return real(f)->pMethods->xUnfetch(real(f), off, p); }

const sqlite3_io_methods methods = {
    3,          x_close,       x_read,      x_write,         x_truncate,     x_sync,     x_file_size,
    x_lock,     x_unlock,      x_check_reserved, x_file_control, x_sector_size, x_device, x_shm_map,
    x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch,         x_unfetch,
};

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    sqlite3_vfs* r = state().real;
    auto* file = reinterpret_cast<File*>(f);
    file->base.pMethods = nullptr;
    file->real = static_cast<sqlite3_file*>(sqlite3_malloc(r->szOsFile));
    if (!file->real) return SQLITE_NOMEM;
    std::memset(file->real, 0, static_cast<std::size_t>(r->szOsFile));
    int rc = r->xOpen(r, name, file->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        if (file->real->pMethods) file->real->pMethods->xClose(file->real);
        sqlite3_free(file->real);
        return rc;
    }
    file->base.pMethods = &methods;
    return SQLITE_OK;
}

int x_delete(sqlite3_vfs*, const char* name, int sync) { return state().real->xDelete(state().real, name, sync); }
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return state().real->xAccess(state().real, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
    return state().real->xFullPathname(state().real, name, n, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) { return state().real->xDlOpen(state().real, name); }
void x_dl_error(sqlite3_vfs*, int n, char* out) { state().real->xDlError(state().real, n, out); }
void (*x_dl_sym(sqlite3_vfs*, void* h, const char* sym))(void) { return state().real->xDlSym(state().real, h, sym); }
void x_dl_close(sqlite3_vfs*, void* h) { state().real->xDlClose(state().real, h); }
int x_randomness(sqlite3_vfs*, int n, char* out) { return state().real->xRandomness(state().real, n, out); }
// While a fault is armed SQLite's retries of a busy WAL lock do not sleep
// (about 10 s each otherwise): the test never waits on a clock.
int x_sleep(sqlite3_vfs*, int us) { return state().armed ? us : state().real->xSleep(state().real, us); }
int x_current_time(sqlite3_vfs*, double* out) { return state().real->xCurrentTime(state().real, out); }
int x_last_error(sqlite3_vfs*, int n, char* out) {
    return state().real->xGetLastError ? state().real->xGetLastError(state().real, n, out) : 0;
}
int x_current_time64(sqlite3_vfs*, sqlite3_int64* out) {
    return state().real->xCurrentTimeInt64(state().real, out);
}

}  // namespace

void FaultVfs::install() {
    static sqlite3_vfs vfs = [] {
        State& s = state();
        s.real = sqlite3_vfs_find(nullptr);
        if (!s.real) throw std::runtime_error("no default SQLite VFS");
        sqlite3_vfs v{};
        v.iVersion = 2;
        v.szOsFile = static_cast<int>(sizeof(File));
        v.mxPathname = s.real->mxPathname;
        v.zName = name;
        v.xOpen = x_open;
        v.xDelete = x_delete;
        v.xAccess = x_access;
        v.xFullPathname = x_full_pathname;
        v.xDlOpen = x_dl_open;
        v.xDlError = x_dl_error;
        v.xDlSym = x_dl_sym;
        v.xDlClose = x_dl_close;
        v.xRandomness = x_randomness;
        v.xSleep = x_sleep;
        v.xCurrentTime = x_current_time;
        v.xGetLastError = x_last_error;
        v.xCurrentTimeInt64 = x_current_time64;
        return v;
    }();
    static const int registered = sqlite3_vfs_register(&vfs, 0);
    if (registered != SQLITE_OK) throw std::runtime_error("cannot register the fault VFS");
}

void FaultVfs::arm(Op op, int k, int code) {
    State& s = state();
    reset_counts();
    s.armed = true;
    s.op = op;
    s.k = k;
    s.code = code;
    s.injected = 0;
}

void FaultVfs::clear() { state().armed = false; }

std::int64_t FaultVfs::calls(Op op) { return state().calls[static_cast<int>(op)]; }

void FaultVfs::reset_counts() {
    for (auto& c : state().calls) c = 0;
}

std::int64_t FaultVfs::injected() { return state().injected; }

const char* to_string(FaultVfs::Op op) {
    switch (op) {
    case FaultVfs::Op::write: return "write";
    case FaultVfs::Op::sync: return "sync";
    case FaultVfs::Op::lock: return "lock";
    }
    return "?";
}

}  // namespace alur::test
