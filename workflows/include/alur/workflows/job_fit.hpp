// alur/workflows/job_fit.hpp — the job fit (uji kompetensi) of sitting JPT
// officials: one batch per agency (or unit), one case per official.
//
//   assessment -> panel_report -> recommendation -> ppk_review -> closed
//
// A Boost.MSM machine (workflows/job_fit/machine.cpp is its only MSM file).
// Scoring classifies each official: keep (stays in post), rotate (good, better
// in another post: the PPK's approval opens a linked mutation case), develop
// (below standard: upgrading and rest from office). An approved develop
// leaves the post vacant: the closed case then takes its acting official
// (Plt, alur/workflows/acting.hpp). Immutable, thread-safe.
#pragma once

#include "alur/engine/workflow.hpp"
#include "alur/workflows/roster.hpp"
#include "alur/workflows/rules.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace alur::job_fit {

struct Settings {
    /// [[oversight.bodies]] (or [oversight] switch_date): who gives the recommendation, by date.
    std::vector<rules::OversightBody> oversight_bodies = rules::default_oversight_bodies();
    std::vector<rules::ElectionWindow> election_windows;
    /// Every profile of [scoring] (bengkulu_2021, meranti_2022 and open_selection_2019 are shipped).
    std::map<std::string, rules::ScoringProfile> profiles = rules::shipped_profiles();
    /// [job_fit] profile: the profile a batch uses unless it names one.
    std::string default_profile = "bengkulu_2021";
    /// [job_fit] min_months_in_post: officials inaugurated into their post
    /// less than this long before the batch date are excluded.
    int min_months_in_post = 24;
    /// [job_fit] retirement_age and retirement_margin_months: officials who
    /// reach the retirement age (UU 5/2014 art. 90: 60 for JPT) within the
    /// margin after the batch date are excluded.
    int retirement_age = 60;
    int retirement_margin_months = 12;
    /// [job_fit] develop_is_replacement: an approved develop (rest from
    /// office) inside an election window counts as a replacement of the
    /// official (UU 10/2016 art. 71: the Minister of Home Affairs' written
    /// approval first). Agency policy (rule job_fit_develop_in_window); the
    /// PPK's review snapshots it, so replay never reads today's value.
    bool develop_is_replacement = true;
    TimeZone timezone;
};

std::shared_ptr<const Workflow> make_workflow(Settings settings);

/// Why an official is left out of a batch, as data: the reason's text is
/// made from it, and a page shows it in the reader's language.
struct ExclusionCause {
    /// "recently_inaugurated" (less than min_months_in_post in the post),
    /// "retires" (within retirement_margin_months) or "retired" (by the batch date).
    std::string kind;
    std::string rule;  ///< job_fit_min_time_in_post or jpt_retirement_age
    std::string cite;  ///< the rule's citation in force on the batch date
    Date date;         ///< recently_inaugurated: inaugurated on; retires, retired: retires on
    Date birthday{};   ///< retires, retired: the day the official reaches `age`
    int months = 0;    ///< recently_inaugurated: min_months_in_post; retires: retirement_margin_months
    int age = 0;       ///< retires, retired: retirement_age
};

/// One official left out of a batch, with the rule that excludes them.
struct Exclusion {
    roster::Official official;
    std::string reason;  ///< cites its rule, with the dates (English, as stored)
    /// What `reason` says, as data; empty for batches stored before it was kept.
    std::vector<ExclusionCause> causes{};
};

/// The English text of `cause` on the batch date `as_of` (what Exclusion::reason joins with "; ").
std::string cause_text(const ExclusionCause& cause, Date as_of);

/// Who a batch opens cases for and who it leaves out.
struct BatchPlan {
    std::vector<roster::Official> included;  ///< roster order
    std::vector<Exclusion> excluded;
};

/// The JPT officials of `roster` (of `unit` when not empty) on the batch date
/// `as_of`: included, or excluded with the reason. Non-JPT rows are ignored.
BatchPlan plan_batch(const std::vector<roster::Official>& roster, Date as_of, std::string_view unit,
                     const Settings& settings);

/// The `opened` payload of an official's job fit case in batch `batch_id`.
boost::json::object open_payload(const roster::Official& official, std::string_view batch_id, Date as_of,
                                 std::string_view profile);

/// A batch as stored: who was opened (with their case) and who was excluded.
struct Batch {
    std::string id;  ///< JF-<year>-<serial>, e.g. JF-2021-001
    Date as_of;
    std::string unit;  ///< empty: the whole agency
    std::string profile;
    TimePoint created_at;
    std::string actor;
    std::vector<std::pair<std::string, std::string>> cases;  ///< (nip, case id)
    std::vector<Exclusion> excluded;
};

/// Where batches are kept.
class BatchStore {
public:
    virtual ~BatchStore() = default;
    /// A new, unused batch id for the year of `as_of` (JF-2021-001, -002, ...).
    virtual Result<std::string> next_id(Date as_of) = 0;
    /// Stores a batch (replacing one with the same id).
    virtual Result<void> save(const Batch& batch) = 0;
    /// not_found if there is no such batch.
    virtual Result<Batch> find(std::string_view id) = 0;
    virtual Result<std::vector<Batch>> list() = 0;
};

}  // namespace alur::job_fit
