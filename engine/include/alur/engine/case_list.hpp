// alur/engine/case_list.hpp — what the adapters share to page through cases:
// the sort names of `GET /api/cases?sort=` and `alur list --sort`, and the
// text form of a keyset cursor. Pure functions over alur/engine/journal.hpp.
#pragma once

#include "alur/engine/journal.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace alur {

/// An order and its direction.
struct CaseSort {
    CaseOrder order = CaseOrder::id;
    bool descending = false;
};

/// "id", "due", "opened" or "updated", with a leading "-" for descending;
/// nullopt for anything else.
std::optional<CaseSort> parse_case_sort(std::string_view text);

/// A position as a cursor: in id order the case id alone; in a time order
/// "<time, format_utc>_<id>", or "_<id>" for a case without a deadline.
std::string cursor_text(const CasePosition& position, CaseOrder order);

/// Reads a cursor back: cursor_text's form, or a bare case id (as earlier
/// versions gave; in a time order it stands for that case's place now).
/// invalid_input "unknown cursor X" (field "cursor") for a malformed one or
/// a bare id of no case.
Result<CasePosition> read_cursor(Journal& journal, std::string_view text, CaseOrder order);

/// One page: `filter` with limit `page_size` + 1 to learn whether more
/// follow. `next` is the cursor of the page's last case when more follow.
struct CasePage {
    std::vector<CaseRecord> cases;
    std::optional<std::string> next;
};
Result<CasePage> list_page(Journal& journal, CaseFilter filter, std::size_t page_size);

}  // namespace alur
