// alur/engine/case_list.hpp — what the adapters share to page through cases:
// the sort names of `GET /api/cases?sort=` and `alur list --sort`, the text
// form of a keyset cursor, and the links between cases (with_links,
// linked_cases). Pure functions over alur/engine/journal.hpp.
#pragma once

#include "alur/engine/journal.hpp"
#include "alur/engine/workflow.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// The search text of `GET /api/cases?q=` and `alur list --q` as
/// CaseFilter::text takes it: trimmed of spaces, ASCII letters in lower case;
/// nullopt when nothing is left (no search). invalid_input (field "q") for
/// text that is not one line of valid UTF-8 of at most max_name_chars.
Result<std::optional<std::string>> search_text(std::string_view q);

/// The (workflow, state) pairs in which `role` may submit an event now
/// (Workflow::events_from(state, role) is not empty; final states have
/// none), read from each workflow's transition table and its events' roles
/// once: the CaseFilter::in_states of the role's tasks. In workflow order,
/// then table order of the states.
std::vector<std::pair<std::string, std::string>> task_states(
    const std::vector<std::shared_ptr<const Workflow>>& workflows, std::string_view role);

/// One page: `filter` with limit `page_size` + 1 to learn whether more
/// follow. `next` is the cursor of the page's last case when more follow.
struct CasePage {
    std::vector<CaseRecord> cases;
    std::optional<std::string> next;
};
Result<CasePage> list_page(Journal& journal, CaseFilter filter, std::size_t page_size);

// --- links ---------------------------------------------------------------------

/// `summary` with the links a case's data holds: CaseSummary::origin from
/// "origin" and CaseSummary::jobfit_batch from "jobfit_batch", each when it is
/// a string (else empty, whatever `summary` said). The engine stores this with
/// every projection it commits; the SQLite journal's migration to version 7
/// fills the same columns from the same fields of the cases already stored.
CaseSummary with_links(CaseSummary summary, const boost::json::object& data);

/// A case's links both ways, read through the journal's index
/// (CaseFilter::origin), never by scanning every case.
struct CaseLinks {
    /// The origin chain: the case it came from, the case that one came from,
    /// and so on, nearest first.
    std::vector<CaseRecord> came_from;
    /// An origin the chain names that the journal does not hold (empty: none).
    std::string missing_origin;
    /// The job fit batch the case was opened from (empty: none).
    std::string jobfit_batch;
    /// The cases opened from this one (whose origin it is), in id order.
    std::vector<CaseRecord> opened;
};

/// The links of case `case_id`: not_found if there is no such case. The chain
/// stops at a case without an origin, at one already met (a loop only an
/// altered file could hold) and after 64 steps.
Result<CaseLinks> linked_cases(Journal& journal, std::string_view case_id);

/// `links` as the CLI's `--json` and the HTTP API give them:
/// {"came_from": [case...], "opened": [case...], "jobfit_batch": text|null,
///  "missing_origin": text|null}, each case {"id", "workflow", "state",
///  "subject_label", "origin"}.
boost::json::object links_json(const CaseLinks& links);

/// The cases opened from case `case_id`, in id order (one indexed read).
Result<std::vector<CaseRecord>> opened_from(Journal& journal, std::string_view case_id);

}  // namespace alur
