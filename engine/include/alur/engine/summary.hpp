// alur/engine/summary.hpp — what a case list shows of a case and filters on.
//
// A workflow summarises a case's data (Workflow::summary); the engine stores
// the summary with the case's projection whenever it commits an event, and
// the journal indexes it (CaseFilter::unit, CaseFilter::subject). A plain
// value; no invariants.
#pragma once

#include <string>

namespace alur {

struct CaseSummary {
    /// The regional government unit (OPD) the case belongs to: the official's
    /// unit, or the unit of the vacant post. Empty when the data has none.
    std::string unit;
    /// Whom or what the case is about, as a key to filter on: the official's
    /// 18-digit NIP, or the vacant post's title.
    std::string subject;
    /// The same for a person to read: "Drs. Ahmad Fauzi (NIP 1976...)",
    /// "Kepala Dinas Pendidikan (Dinas Pendidikan)".
    std::string label;

    bool operator==(const CaseSummary&) const = default;
};

}  // namespace alur
