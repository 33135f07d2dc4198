// Lets Catch print alur::Result<T> in failed assertions: the error's code and message.
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
