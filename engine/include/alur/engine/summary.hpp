// alur/engine/summary.hpp — what a case list shows of a case and filters on.
//
// A workflow summarises a case's data (Workflow::summary); the engine stores
// the summary with the case's projection whenever it commits an event, and
// the journal indexes it (CaseFilter::unit, CaseFilter::subject,
// CaseFilter::origin, CaseFilter::jobfit_batch). A plain value; no invariants.
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
    /// The case this one was opened from (its data's "origin": a job fit's
    /// approved rotation opens a mutation with the job fit's id), so the
    /// journal finds the cases a case opened without scanning. Empty: none.
    /// Set by the engine from the data (with_links, case_list.hpp), whatever
    /// the workflow's summary says.
    std::string origin{};
    /// The job fit batch an open selection was opened from (its data's
    /// "jobfit_batch", `alur selection start --from-jobfit`). Empty: none.
    std::string jobfit_batch{};

    bool operator==(const CaseSummary&) const = default;
};

}  // namespace alur
