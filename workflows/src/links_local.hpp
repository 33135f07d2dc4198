// links_local.hpp — a stand-in for the lead's workflows/src/links.hpp
// (assessment_of), with the same signature, until main has it. Delete this
// file after `git merge main` and include "links.hpp" instead.
#pragma once

#include <boost/json/object.hpp>

#include <string_view>

namespace alur::workflows {

/// {case, scoring_profile, scores, total, outcome, recommendation, review}
/// from a job fit case's data: what a mutation opened from it carries as
/// `assessment` in its opened payload. Keys the data lacks are left out.
inline boost::json::object assessment_of(std::string_view job_fit_case, const boost::json::object& data) {
    boost::json::object out{{"case", job_fit_case}};
    for (const char* key : {"scoring_profile", "scores", "total", "outcome", "recommendation", "review"})
        if (const boost::json::value* v = data.if_contains(key)) out[key] = *v;
    return out;
}

}  // namespace alur::workflows
