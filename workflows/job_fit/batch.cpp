// Who a job fit batch opens cases for (alur/workflows/job_fit.hpp): the JPT
// officials of the roster, less those too recently inaugurated and those about
// to retire, each with the rule that leaves them out.
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/legal_bases.hpp"

#include <chrono>
#include <optional>

namespace alur::job_fit {
namespace {

using std::chrono::sys_days;

/// Rule job_fit_min_time_in_post (UU 5/2014 art. 116 until 2023): a JPT is not moved within 2 years of inauguration, so
/// a job fit that may rotate them waits until [job_fit] min_months_in_post.
std::optional<ExclusionCause> too_recent(const roster::Official& o, Date as_of, const Settings& s) {
    if (sys_days{as_of} >= sys_days{add_months(o.inaugurated_at, s.min_months_in_post)}) return std::nullopt;
    ExclusionCause c;
    c.kind = "recently_inaugurated";
    c.rule = "job_fit_min_time_in_post";
    c.cite = rules::cite(c.rule, as_of);
    c.date = o.inaugurated_at;
    c.months = s.min_months_in_post;
    return c;
}

/// Rule jpt_retirement_age: a JPT retires at 60, from the first day of the month
/// after the birthday; one retiring within [job_fit] retirement_margin_months
/// of the batch date is left out.
std::optional<ExclusionCause> retiring(const roster::Official& o, Date as_of, const Settings& s) {
    if (!o.birth_date.ok()) return std::nullopt;
    const Date birthday = add_years(o.birth_date, s.retirement_age);
    const Date retires = (birthday.year() / birthday.month() + std::chrono::months{1}) / std::chrono::day{1};
    if (sys_days{retires} > sys_days{add_months(as_of, s.retirement_margin_months)}) return std::nullopt;
    ExclusionCause c;
    c.kind = sys_days{retires} <= sys_days{as_of} ? "retired" : "retires";
    c.rule = "jpt_retirement_age";
    c.cite = rules::cite(c.rule, as_of);
    c.date = retires;
    c.birthday = birthday;
    c.months = s.retirement_margin_months;
    c.age = s.retirement_age;
    return c;
}

}  // namespace

std::string cause_text(const ExclusionCause& c, Date as_of) {
    if (c.kind == "recently_inaugurated")
        return "inaugurated " + format_date(c.date) + ", less than " + std::to_string(c.months) +
               " months before the batch date " + format_date(as_of) + " ([job_fit] min_months_in_post; " + c.cite + ")";
    const bool retired = c.kind == "retired";
    return (retired ? "retired " : "retires ") + format_date(c.date) + " (age " + std::to_string(c.age) + " on " +
           format_date(c.birthday) + "), " +
           (retired ? std::string("by") : "within " + std::to_string(c.months) + " months after") +
           " the batch date " + format_date(as_of) + " ([job_fit] retirement_age, retirement_margin_months; " + c.cite +
           ")";
}

BatchPlan plan_batch(const std::vector<roster::Official>& roster, Date as_of, std::string_view unit,
                     const Settings& settings) {
    BatchPlan plan;
    for (const auto& official : roster) {
        if (!rules::is_jpt(official.grade) || (!unit.empty() && official.unit != unit)) continue;
        std::vector<ExclusionCause> causes;
        if (auto c = too_recent(official, as_of, settings)) causes.push_back(std::move(*c));
        if (auto c = retiring(official, as_of, settings)) causes.push_back(std::move(*c));
        if (causes.empty()) {
            plan.included.push_back(official);
            continue;
        }
        std::string reason;
        for (const auto& c : causes) reason += (reason.empty() ? "" : "; ") + cause_text(c, as_of);
        plan.excluded.push_back({official, std::move(reason), std::move(causes)});
    }
    return plan;
}

boost::json::object open_payload(const roster::Official& official, std::string_view batch_id, Date as_of,
                                 std::string_view profile) {
    boost::json::object p{{"nip", official.nip},
                          {"name", official.name},
                          {"grade", official.grade},
                          {"post", official.post},
                          {"unit", official.unit},
                          {"inaugurated_at", format_date(official.inaugurated_at)},
                          {"batch", batch_id},
                          {"as_of", format_date(as_of)}};
    if (official.birth_date.ok()) p["birth_date"] = format_date(official.birth_date);
    if (!profile.empty()) p["profile"] = profile;
    return p;
}

}  // namespace alur::job_fit
