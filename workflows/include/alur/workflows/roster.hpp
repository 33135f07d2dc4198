// alur/workflows/roster.hpp — the agency's roster of officials, and the port
// that stores it.
//
// An agency loads its roster from a spreadsheet (`alur roster import`) instead
// of typing each official into `alur open`; the job fit batch reads it to open
// one case per JPT. The roster is reference data, not a case: re-importing
// replaces changed rows, and each import is logged with what it changed.
//
// Thread-safety: Official and the report types are plain values; a
// RosterStore implementation says its own.
#pragma once

#include "alur/engine/result.hpp"
#include "alur/engine/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alur::roster {

/// One row of the roster (columns nip, name, grade, post, unit,
/// inaugurated_at, birth_date of the CSV file).
struct Official {
    std::string nip;    ///< 18 digits; its first 8 are the birth date
    std::string name;
    std::string grade;  ///< one of rules::grades()
    std::string post;   ///< the post held (jabatan)
    std::string unit;   ///< OPD
    Date inaugurated_at;  ///< inaugurated into `post` on
    Date birth_date;

    bool operator==(const Official&) const = default;
};

/// The roster's column names, in the CSV's documented order.
const std::vector<std::string>& columns();

/// The official's values as text (dates YYYY-MM-DD), in columns() order.
std::vector<std::string> values(const Official& official);

/// Whether `official` may be stored, whichever adapter read it: every text
/// valid one-line text within max_line_chars, the NIP as check_nip judges it
/// on `today`, a known grade, the birth date the NIP's, an inauguration not
/// before the official turned 17 nor after `today`. invalid_input naming the
/// NIP and the field otherwise.
Result<void> check(const Official& official, Date today);

/// One field that an import changes for an official already on the roster.
struct FieldChange {
    std::string field;  ///< a column name
    std::string before;
    std::string after;
};

/// The fields (columns() order) where `after` differs from `before`.
std::vector<FieldChange> changed_fields(const Official& before, const Official& after);

/// What an import did (or, for a dry run, would do) to one official.
struct RowChange {
    enum class Kind { added, updated, unchanged };
    Kind kind = Kind::added;
    std::string nip;
    std::string name;
    std::vector<FieldChange> fields;  ///< for `updated`
};

struct ImportReport {
    std::int64_t import_id = 0;  ///< 0 for a dry run
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::vector<RowChange> changes;  ///< added and updated rows only, in file order
};

/// Where the roster is kept. Officials not in an import stay as they were
/// (an import adds and updates; it never deletes).
class RosterStore {
public:
    virtual ~RosterStore() = default;

    /// Adds new officials and updates changed ones, all in one transaction,
    /// and logs the import (source name, SHA-256 of the file, counts, time).
    /// With `dry_run` it computes the same report and writes nothing.
    virtual Result<ImportReport> import(const std::vector<Official>& officials, std::string_view source,
                                        std::string_view source_sha256, TimePoint at, bool dry_run) = 0;

    /// The roster ordered by unit, then name; only `unit` when it is not empty.
    virtual Result<std::vector<Official>> list(std::string_view unit = {}) = 0;

    /// The official with this NIP, if on the roster.
    virtual Result<std::optional<Official>> find(std::string_view nip) = 0;
};

}  // namespace alur::roster
