// alur/personnel/roster_text.hpp — what is wrong with a roster file's line, in
// Indonesian or English (the catalog, messages.hpp): the lines `alur roster
// import` prints on stderr and the "lines" of POST /api/roster/import's 422.
// Thread-safe.
#pragma once

#include "alur/personnel/roster_csv.hpp"
#include "alur/i18n/messages.hpp"

#include <string>

namespace alur::personnel {

/// What is wrong, without the line and column ("NIP `...` harus 18 angka").
std::string issue_text(const RosterIssue& issue, Date today, cli::Lang lang);

/// "baris 7, kolom nip: ..." or "baris 7: ...".
std::string issue_line(const RosterIssue& issue, Date today, cli::Lang lang);

/// How many lines of the file have at least one issue.
std::size_t bad_lines(const RosterFile& file);

}  // namespace alur::personnel
