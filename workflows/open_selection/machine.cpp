// The open selection (seleksi terbuka) workflow as a Boost.MSM state machine
// (functor front-end). The transition table below is the single source of
// truth: the engine's allowed-event lists and the generated diagrams are read
// from it.
//
// The guards and actions over the applicants are plain functions
// (applicants.hpp), adapted here by Rule and Change. They read only the event
// (its payload and the dates `prepare` derived when it was submitted) and the
// case data, never a clock, so replay reproduces every state.
#include "machine.hpp"

#include "applicants.hpp"
#include "acting_rows.hpp"
#include "msm_machine.hpp"

#include <boost/mpl/vector/vector50.hpp>

namespace alur::open_selection::detail {
namespace {

using namespace alur::workflows;
using namespace alur::workflows::msm_support;
using msm::front::Row;
using namespace alur::workflows::acting_rows;

// --- Events ------------------------------------------------------------------

ALUR_EVENT(Opened, "opened");
ALUR_EVENT(PanselFormed, "pansel_formed");
ALUR_EVENT(Announced, "announced");
ALUR_EVENT(ApplicantRegistered, "applicant_registered");
ALUR_EVENT(ApplicantWithdrawn, "applicant_withdrawn");
ALUR_EVENT(RegistrationExtended, "registration_extended");
ALUR_EVENT(RegistrationClosed, "registration_closed");
ALUR_EVENT(AdministrativeCompleted, "administrative_completed");
ALUR_EVENT(ScoreRecorded, "score_recorded");
ALUR_EVENT(AssessmentCompleted, "assessment_completed");
ALUR_EVENT(InterviewsCompleted, "interviews_completed");
ALUR_EVENT(ShortlistSet, "shortlist_set");
ALUR_EVENT(RecommendationRequested, "recommendation_requested");
ALUR_EVENT(RecommendationReceived, "recommendation_received");
ALUR_EVENT(PpkChose, "ppk_chose");
ALUR_EVENT(InaugurationScheduled, "inauguration_scheduled");
ALUR_EVENT(Inaugurated, "inaugurated");
ALUR_EVENT(Cancel, "cancelled");
ALUR_EVENT(MinisterialApprovalRecorded, "ministerial_approval_recorded");
ALUR_EVENT(ContinuationApproved, "continuation_approved");
ALUR_EVENT(FilledByJobFit, "filled_by_job_fit");

using all_events =
    mpl::vector21<Opened, PanselFormed, Announced, ApplicantRegistered, ApplicantWithdrawn, RegistrationExtended,
                  RegistrationClosed, AdministrativeCompleted, ScoreRecorded, AssessmentCompleted, InterviewsCompleted,
                  ShortlistSet, RecommendationRequested, RecommendationReceived, PpkChose, InaugurationScheduled,
                  Inaugurated, Cancel, MinisterialApprovalRecorded, ContinuationApproved, FilledByJobFit>;

// --- States ------------------------------------------------------------------

ALUR_STATE(Preparation, "preparation");
ALUR_STATE(Announcement, "announcement");
ALUR_STATE(Registration, "registration");
ALUR_STATE(AdministrativeSelection, "administrative_selection");
ALUR_STATE(Assessment, "assessment");
ALUR_STATE(TrackRecordAndInterview, "track_record_and_interview");
ALUR_STATE(Shortlist, "shortlist");
ALUR_STATE(Recommendation, "recommendation");
ALUR_STATE(PpkChoice, "ppk_choice");
ALUR_STATE(Inauguration, "inauguration");
ALUR_STATE(Completed, "completed");
ALUR_STATE(Cancelled, "cancelled");
ALUR_STATE(ReferredToJobFit, "referred_to_job_fit");

// --- Adapters for the rules of applicants.hpp -----------------------------------

/// A guard named N asking `Check`; its refusal is the rule's text.
template <Key N, Refusal (*Check)(const json::object& data, const json::object& payload)>
struct Rule {
    static constexpr const char* name = N.value;
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        Refusal refusal = Check(fsm.data, payload(evt));
        if (refusal) fsm.refusal = std::move(*refusal);
        return !refusal;
    }
};

/// An action applying `Apply` to the case data.
template <void (*Apply)(json::object& data, const json::object& payload)>
struct Change {
    template <class E, class F, class S, class T>
    void operator()(const E& evt, F& fsm, S&, T&) const {
        Apply(fsm.data, payload(evt));
    }
};

// --- Guards --------------------------------------------------------------------

using PanselSize = Rule<"pansel_odd_5_to_9", pansel_refusal>;
using NewApplicant = Rule<"nip_not_registered_and_before_closing", registration_refusal>;
using RegisteredApplicant = Rule<"registered_applicant", withdrawal_refusal>;
using MayExtend = Rule<"at_most_3_eligible_and_2_extensions", extension_refusal>;
using MayClose = Rule<"more_than_3_eligible_or_continuation", closing_refusal>;
using MayContinue = Rule<"extended_twice_and_1_to_3_eligible", continuation_refusal>;
using NobodyApplied = Rule<"extended_twice_and_no_applicant", job_fit_refusal>;
using ThreeEligible = Rule<"at_least_3_eligible", administrative_refusal>;
using AssessmentScore = Both<KnownComponent, Rule<"eligible_assessment_component", score_refusal<Stage::assessment>>>;
using InterviewScore = Both<KnownComponent, Rule<"eligible_interview_component", score_refusal<Stage::interview>>>;
using AssessmentScored = Rule<"assessment_scored", stage_refusal<Stage::assessment>>;
using InterviewsScored = Rule<"interviews_scored", stage_refusal<Stage::interview>>;
using TopThreeInOrder = Rule<"top_3_by_total_in_order", shortlist_refusal>;
using FromShortlist = Rule<"one_of_the_shortlist", choice_refusal>;

// UU 10/2016 art. 71 / 162 on the inauguration's own date (payload.date),
// planned or held; an event written before carries no window and passes.
struct InaugurationAllowed {
    static constexpr const char* name = "election_window_clear";
    template <class E, class F, class S, class T>
    bool operator()(const E& evt, F& fsm, S&, T&) const {
        return election_window_clear(payload(evt), fsm, "date");
    }
};

// --- Actions -------------------------------------------------------------------

using StorePansel = StorePayload<"pansel">;
using StoreSchedule = StorePayload<"inauguration_schedule">;
using StoreInauguration = StorePayload<"inauguration">;
using StoreApproval = AppendPayload<"ministerial_approvals">;
using StoreCancellation = StorePayload<"cancellation">;

// --- The machine -------------------------------------------------------------

// Every open state also accepts these two.
#define ALUR_OPEN_STATE_ROWS(S)                                     \
    Row<S, Cancel, Cancelled, StoreCancellation, none>,             \
    Row<S, MinisterialApprovalRecorded, none, StoreApproval, none>

struct OpenSelectionDef : CaseMachineDef<OpenSelectionDef> {
    using initial_state = Preparation;

    // clang-format off
    using own_rows = mpl::vector41<
        //  Source                   Event                     Target                   Action                      Guard
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<Preparation,             Opened,                   none,                    Change<open_vacancy>,       NotYetOpened<"post">>,
        Row<Preparation,             PanselFormed,             Announcement,            StorePansel,                PanselSize>,
        ALUR_OPEN_STATE_ROWS(Preparation),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<Announcement,            Announced,                Registration,            Change<announce>,           none>,
        ALUR_OPEN_STATE_ROWS(Announcement),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<Registration,            ApplicantRegistered,      none,                    Change<add_applicant>,      NewApplicant>,
        Row<Registration,            ApplicantWithdrawn,       none,                    Change<withdraw_applicant>, RegisteredApplicant>,
        Row<Registration,            RegistrationExtended,     none,                    Change<extend_registration>, MayExtend>,
        Row<Registration,            RegistrationClosed,       AdministrativeSelection, Change<close_registration>, MayClose>,
        Row<Registration,            ContinuationApproved,     none,                    Change<record_continuation>, MayContinue>,
        Row<Registration,            FilledByJobFit,           ReferredToJobFit,        Change<refer_to_job_fit>,   NobodyApplied>,
        ALUR_OPEN_STATE_ROWS(Registration),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<AdministrativeSelection, AdministrativeCompleted,  Assessment,              Change<mark_eligibility>,   ThreeEligible>,
        ALUR_OPEN_STATE_ROWS(AdministrativeSelection),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<Assessment,              ScoreRecorded,            none,                    Change<record_score>,       AssessmentScore>,
        Row<Assessment,              AssessmentCompleted,      TrackRecordAndInterview, none,                       AssessmentScored>,
        ALUR_OPEN_STATE_ROWS(Assessment),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<TrackRecordAndInterview, ScoreRecorded,            none,                    Change<record_score>,       InterviewScore>,
        Row<TrackRecordAndInterview, InterviewsCompleted,      Shortlist,               Change<rank_applicants>,    InterviewsScored>,
        ALUR_OPEN_STATE_ROWS(TrackRecordAndInterview),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<Shortlist,               ShortlistSet,             Recommendation,          Change<set_shortlist>,      TopThreeInOrder>,
        ALUR_OPEN_STATE_ROWS(Shortlist),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<Recommendation,          RecommendationRequested,  none,                    StoreRequest,               none>,
        Row<Recommendation,          RecommendationReceived,   PpkChoice,               StoreRecommendation,        Both<Requested, Approve>>,
        Row<Recommendation,          RecommendationReceived,   Cancelled,               StoreRecommendation,        Both<Requested, Reject>>,
        ALUR_OPEN_STATE_ROWS(Recommendation),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<PpkChoice,               PpkChose,                 Inauguration,            Change<set_choice>,         FromShortlist>,
        ALUR_OPEN_STATE_ROWS(PpkChoice),
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
        Row<Inauguration,            InaugurationScheduled,    none,                    StoreSchedule,              InaugurationAllowed>,
        Row<Inauguration,            Inaugurated,              Completed,               StoreInauguration,          InaugurationAllowed>,
        ALUR_OPEN_STATE_ROWS(Inauguration)
        // +------------------------+-------------------------+------------------------+---------------------------+------------------+
    >;
    // clang-format on
    // The vacant post may have an acting official (Plt) while the selection runs.
    using transition_table = WithActingRows<own_rows, acting_rules::open_selection_vacancy, Preparation, Announcement,
                                            Registration, AdministrativeSelection, Assessment, TrackRecordAndInterview,
                                            Shortlist, Recommendation, PpkChoice, Inauguration>;
};
#undef ALUR_OPEN_STATE_ROWS

using OpenSelectionMachine = MsmCaseMachine<OpenSelectionDef, WithActingEvents<all_events>>;

}  // namespace

std::vector<TransitionSpec> transition_table() { return transition_rows<OpenSelectionDef>(); }

std::unique_ptr<CaseMachine> make_machine(const Workflow& wf) { return std::make_unique<OpenSelectionMachine>(wf); }

}  // namespace alur::open_selection::detail
