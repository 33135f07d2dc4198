// alur/reports/applicants.hpp — an open selection case's applicants (pelamar)
// as `alur selection applicants` and GET /api/cases/{id}/applicants show them:
// read from the case's data (data.applicants, written by the workflow's
// actions, workflows/open_selection/applicants.hpp), never recomputed.
//
// The API's form of an applicant is the stored object (nip, name,
// current_post, rank = golongan, years_in_post, birth_date, disciplinary,
// education?, years_related_experience?, years_in_admin_post?,
// registered_on?, status) with
//   reasons: [{text, rule, cite}]  why a failed one fails, or why one withdrew;
//            `rule` the legal_bases id (or "announcement" for the
//            announcement's own requirements, "withdrawal" for the
//            applicant's reason), `cite` what it rests on;
//   scores:  {component: value or null} for every component of the profile;
//   total, ranking: numbers, null until interviews_completed ranks them.
// Pure.
#pragma once

#include "alur/engine/journal.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace alur::reports {

/// Whether `record` is an open selection case.
bool is_selection(const CaseRecord& record);

/// What a selection case's data says of its applicants.
struct SelectionView {
    CaseRecord record;
    boost::json::object data;
    boost::json::array applicants;        ///< data.applicants, in registration order
    std::vector<std::string> components;  ///< the scoring profile's components, sorted
};

/// The view of `record` (an open selection case; any other gives no applicants).
SelectionView selection_view(CaseRecord record);

/// One applicant in the API's form (above).
boost::json::object applicant_json(const SelectionView& view, const boost::json::object& applicant);

/// The shortlist in order: [{place, nip, name, status, total, ranking}], empty before shortlist_set.
boost::json::array shortlist_json(const SelectionView& view);

/// The PPK's choice {nip, name, decided_on}, or null.
boost::json::value chosen_json(const SelectionView& view);

/// GET /api/cases/{id}/applicants: {case, workflow, state, version, post, unit,
/// components, requirements, registration_closes, applicants, shortlist, chosen}.
boost::json::object applicants_json(const SelectionView& view);

/// GET /api/cases/{id}/shortlist: {case, state, version, shortlist, chosen}.
boost::json::object selection_shortlist_json(const SelectionView& view);

}  // namespace alur::reports
