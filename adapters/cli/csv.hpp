// csv.hpp — CSV as RFC 4180 writes it, for `alur history --format csv` and
// `alur export --format csv`.
//
// Records end with CRLF; a field is quoted when it contains a comma, a double
// quote, CR or LF, with its quotes doubled; text is written as the UTF-8 it
// is (no byte-order mark, no re-encoding). Pure, apart from writing to the
// stream it is given.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace alur::cli {

/// One field as it appears in a record: quoted only when it must be.
std::string csv_field(std::string_view text);

/// One record: the fields joined by commas, ending with CRLF.
std::string csv_record(const std::vector<std::string>& fields);

/// Writes csv_record(fields) to `os`.
void write_csv_record(std::ostream& os, const std::vector<std::string>& fields);

}  // namespace alur::cli
