// alur/workflows/selection_reasons.hpp — why an open selection applicant fails
// the requirements, as data. The workflow's English reason text (what
// administrative_completed writes into data.applicants[].reasons) is made
// from a RequirementFailure by failure_text(); a reader that wants the reason
// in another language takes the failure's kind and values instead of parsing
// the text. Plain functions over boost::json, no MSM. Pure, thread-safe.
#pragma once

#include "alur/engine/time.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace alur::open_selection {

/// One requirement an applicant does not meet.
struct RequirementFailure {
    /// rank_below, years_in_post_below, age_above, disciplinary (the
    /// announcement's own requirements); education_not_stated,
    /// education_below, related_experience_not_stated,
    /// related_experience_below, admin_post_not_stated, admin_post_below
    /// (PP 11/2017 as amended, art. 107).
    std::string kind;
    std::string rule;      ///< "announcement" or "jpt_pratama_requirements"
    std::string stated;    ///< rank_below: the rank; education_below: the education; disciplinary: moderate|severe
    std::string required;  ///< rank_below: the minimum rank; education_*: the minimum education
    double years = 0;      ///< *_below on years: the years stated
    double min_years = 0;  ///< years_in_post_below, related_experience_*, admin_post_*: the years required
    int age = 0;           ///< age_above: the age on `age_on`
    double max_age = 0;    ///< age_above: the limit
    Date age_on{};         ///< age_above: the day the age is judged on
    bool on_closing_day = false;  ///< age_above: `age_on` is the registration's closing day
};

/// Why `applicant` fails `requirements` (data.requirements, with
/// registration_closes when the age is judged on the closing day) on `on`,
/// in the order the workflow lists them; empty when it meets them all.
std::vector<RequirementFailure> requirement_failures_of(const boost::json::object& applicant,
                                                        const boost::json::object& requirements, Date on);

/// The workflow's English text of `f`; an art. 107 failure ends with
/// " (basis)" when `basis` is not empty. Byte for byte what the case's data holds.
std::string failure_text(const RequirementFailure& f, std::string_view basis = {});

/// The failures administrative_completed judged for `applicant` of the case
/// whose data is `data` (its requirements, the registration's closing day and
/// data.administrative.checked_on); empty before that event.
std::vector<RequirementFailure> recorded_failures(const boost::json::object& data,
                                                  const boost::json::object& applicant);

/// "2.5", "3": at most 2 decimals, no trailing zeros (as the English text writes numbers).
std::string number_text(double x);

}  // namespace alur::open_selection
