// alur/engine/result.hpp — the one error type that crosses layer boundaries.
//
// Every fallible operation of the engine, its ports and its adapters returns
// `Result<T>`: a value, or an `Error` carrying an `errc` code and a message a
// person can act on (what was refused, in which state, by which rule).
// Exceptions never cross a port; adapters translate their own into `Error`.
// All types here are plain values: safe to copy between threads.
#pragma once

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <iosfwd>
#include <string>
#include <system_error>

namespace alur {

/// What went wrong, coarse enough for a caller to choose a reaction.
/// The CLI maps these to its exit codes, the HTTP API to status codes.
enum class errc {
    ok = 0,
    invalid_input,  ///< a bad argument, payload or file; nothing was changed
    refused,        ///< the workflow refused the event: no transition, or a guard
    forbidden,      ///< the caller's role may not submit this event
    not_found,      ///< no such case, event or key
    conflict,       ///< expected version differs, or an idempotency key was reused
    corrupt,        ///< stored data fails a check (hash chain, replay)
    busy,           ///< the store is locked by another process; retry
    io,             ///< the store failed (disk full, I/O error)
};

const boost::system::error_category& error_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// A failure: its code, a one-line message, and the input field at fault if any.
struct Error {
    errc code = errc::io;
    std::string message;
    std::string field;
};

/// "refused: <message>", for logs and test output.
std::ostream& operator<<(std::ostream& os, const Error& e);

inline Error make_error(errc code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field)};
}

/// Thrown only by `Result<T>::value()` on an error; adapters catch it at the edge.
class ErrorException : public std::runtime_error {
public:
    explicit ErrorException(Error e) : std::runtime_error(e.message), error_(std::move(e)) {}
    const Error& error() const noexcept { return error_; }

private:
    Error error_;
};

[[noreturn]] void throw_exception_from_error(const Error& e, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;

/// The name of a code as printed in messages and JSON ("refused", "conflict").
const char* to_string(errc e) noexcept;

}  // namespace alur

namespace boost::system {
template <>
struct is_error_code_enum<alur::errc> : std::true_type {};
}  // namespace boost::system
