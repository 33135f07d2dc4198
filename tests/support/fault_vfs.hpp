// A fault-injecting SQLite VFS for tests: a shim registered (not as the
// default) under the name "alur_fault" over the default VFS, forwarding every
// call to it, that fails the k-th write, sync or lock of any file opened
// through it (database, WAL, shared memory) with SQLITE_IOERR, SQLITE_FULL or
// SQLITE_BUSY, and every later one of that operation until clear() — a disk
// that is full stays full until someone frees space.
//
// Open a journal on it with sqlite::Options::vfs = FaultVfs::name. One fault
// at a time for the whole process; not thread-safe (tests drive one
// connection from one thread).
#pragma once

#include <cstdint>

namespace alur::test {

class FaultVfs {
public:
    static constexpr const char* name = "alur_fault";
    enum class Op { write, sync, lock };

    /// Registers the shim (once per process).
    static void install();
    /// Counts calls from zero again; the k-th call of `op` (1-based) and
    /// every later one fail with `code` (SQLITE_IOERR, SQLITE_FULL, SQLITE_BUSY).
    static void arm(Op op, int k, int code);
    /// No more faults; counting goes on.
    static void clear();
    /// Calls of `op` since the last arm() or reset_counts().
    static std::int64_t calls(Op op);
    static void reset_counts();
    /// How many calls were failed since the last arm().
    static std::int64_t injected();
};

const char* to_string(FaultVfs::Op op);

}  // namespace alur::test
