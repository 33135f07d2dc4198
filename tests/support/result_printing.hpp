// Results in tests: Catch prints alur::Result<T> as its error code and message,
// and ok()/failed() check one while logging the error of an unexpected failure.
#pragma once

#include "alur/engine/result.hpp"

#include <catch2/catch.hpp>

namespace Catch {
template <class T>
struct StringMaker<alur::Result<T>> {
    static std::string convert(const alur::Result<T>& r) {
        if (r) return "ok";
        return std::string("error ") + alur::to_string(r.error().code) + ": " + r.error().message;
    }
};
}  // namespace Catch

namespace alur::test {

template <class T>
bool ok(const Result<T>& r) {
    if (!r) UNSCOPED_INFO("error: " << r.error().message);
    return r.has_value();
}

template <class T>
bool failed(const Result<T>& r) {
    return !r.has_value();
}

}  // namespace alur::test
