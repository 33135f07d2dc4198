// fuzz_support.hpp — what the libFuzzer harnesses of tests/fuzz share: the
// check that stops a run with a message (libFuzzer then saves the input as a
// crash-* file), the check that a refusal is a clean Error, and the switch
// that leaves out a class of checks (ALUR_FUZZ_SKIP).
//
// The checks are always on (no NDEBUG): a failed one prints what was expected
// and what happened, and aborts.
#pragma once

#include "alur/engine/result.hpp"

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace alur::fuzz {

[[noreturn]] inline void fail(const char* file, int line, const std::string& what) {
    std::fprintf(stderr, "\n%s:%d: fuzz check failed: %s\n", file, line, what.c_str());
    std::fflush(stderr);
    std::abort();
}

/// FUZZ_CHECK(cond, message-expression): aborts with the message if cond is false.
#define FUZZ_CHECK(cond, what)                                                             \
    do {                                                                                   \
        if (!(cond)) ::alur::fuzz::fail(__FILE__, __LINE__, std::string(#cond ": ") + (what)); \
    } while (0)

inline std::string describe(const Error& e) {
    return std::string(to_string(e.code)) + ": " + e.message + (e.field.empty() ? "" : " [field " + e.field + "]");
}

/// A refusal is clean when its code is one of `allowed` and it says why.
inline void check_clean(const Error& e, std::initializer_list<errc> allowed, const char* file, int line) {
    bool ok = false;
    for (errc c : allowed) ok = ok || c == e.code;
    if (!ok) fail(file, line, "unexpected error code: " + describe(e));
    if (e.message.empty()) fail(file, line, "an error without a message: " + describe(e));
}
#define FUZZ_CLEAN(error, ...) ::alur::fuzz::check_clean((error), {__VA_ARGS__}, __FILE__, __LINE__)

/// Set ALUR_FUZZ_SKIP=name[,name] to leave out the checks of a class of
/// findings already reported and not yet fixed (documented in docs/RELIABILITY.md):
///   time  — times outside what storage round-trips (year range)
///   text  — control characters, blank or non-UTF-8 text in what was accepted
inline bool skipped(std::string_view check_class) {
    const char* env = std::getenv("ALUR_FUZZ_SKIP");
    if (!env) return false;
    std::string_view list(env);
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (list.substr(0, comma) == check_class) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace alur::fuzz
