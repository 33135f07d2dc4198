// Turning SQLite's exceptions into alur::Error: no exception leaves the adapter.
#pragma once

#include "alur/engine/result.hpp"

#include <SQLiteCpp/Exception.h>

#include <exception>
#include <string>
#include <string_view>

namespace alur::sqlite::detail {

/// Maps SQLite result codes: busy/locked/protocol (WAL lock retries exhausted) -> busy, full/I/O -> io,
/// corrupt/not a database -> corrupt, constraint -> conflict, others -> io.
/// The message is "<what>: <SQLite's message>", plus a hint for the caller.
Error from_sqlite(const SQLite::Exception& e, std::string_view what);

/// Runs `f` (returning Result<T>) and turns any exception into an Error.
template <class F>
auto guarded(std::string_view what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const SQLite::Exception& e) {
        return from_sqlite(e, what);
    } catch (const std::exception& e) {
        return make_error(errc::io, std::string(what) + ": " + e.what());
    } catch (...) {
        return make_error(errc::io, std::string(what) + ": unknown failure");
    }
}

}  // namespace alur::sqlite::detail
