// The row of a catalog table whose key is `key` (labels, page strings, rule
// texts): the tables are small enough for a linear scan, and are read per
// line printed or once per catalog served, never in a loop over cases.
#pragma once

#include <cstddef>
#include <string_view>

namespace alur::i18n::detail {

template <class Row, std::size_t N>
const Row* find_row(const Row (&rows)[N], std::string_view key, const char* Row::*column) {
    for (const Row& row : rows)
        if (key == row.*column) return &row;
    return nullptr;
}

}  // namespace alur::i18n::detail
