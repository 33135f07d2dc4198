// The open selection workflow (seleksi terbuka), row by row and guard by
// guard: one case per vacant post, its applicants in the case data.
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"
#include "alur/engine/json.hpp"
#include "alur/workflows/job_fit.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/open_selection.hpp"
#include "result_printing.hpp"

#include <algorithm>

using namespace alur;
namespace json = boost::json;

namespace {

struct Applicant {
    const char* nip;
    const char* name;
    const char* rank;
    double years;
    const char* born;
    const char* disciplinary;
    int assessment_center, paper, interview, track_record;
};

// Eligible against the announcement below (IV/a, 2 years, 56): totals 86.4, 85.5, 73.1, 79.5.
const Applicant fauzi{"197603152005011002", "Drs. Ahmad Fauzi, M.Si.", "IV/b", 4, "1976-03-15", "none", 85, 80, 88, 90};
const Applicant rina{"197811202003122001", "Dr. Rina Wati, M.Pd.", "IV/a", 3, "1978-11-20", "none", 90, 85, 80, 85};
const Applicant budi{"198005052006041003", "Budi Santoso, S.T., M.T.", "IV/a", 2.5, "1980-05-05", "light", 70, 75, 72, 80};
const Applicant hasan{"197201012000031004", "Ir. Hasan Basri", "IV/c", 6, "1972-01-01", "none", 80, 70, 85, 75};
// Failing: every requirement but age; and age alone (57 from 2025-03-03).
const Applicant siti{"198506152010012005", "Siti Aminah, S.E.", "III/d", 1, "1985-06-15", "moderate", 0, 0, 0, 0};
const Applicant yusuf{"196803031994031006", "Drs. Yusuf Hamid", "IV/b", 8, "1968-03-03", "none", 0, 0, 0, 0};

const std::vector<Applicant> eligible_four{fauzi, rina, budi, hasan};

/// An applicant's registration, stating what PP 11/2017 art. 107 asks of a JPT pratama (S2, 10 years of
/// related experience, 4 years as an administrator), so only the announcement's own requirements decide.
json::object registration(const Applicant& a) {
    return {{"nip", a.nip},           {"name", a.name},       {"current_post", "Kepala Bidang"},
            {"rank", a.rank},         {"years_in_post", a.years}, {"birth_date", a.born},
            {"disciplinary", a.disciplinary}, {"education", "S2"}, {"years_related_experience", 10},
            {"years_in_admin_post", 4}};
}

json::object score(const Applicant& a, const char* component, int value) {
    return {{"nip", a.nip}, {"component", component}, {"value", value}};
}

json::object shortlist(const Applicant& a, const Applicant& b, const Applicant& c) {
    return {{"first", a.nip}, {"second", b.nip}, {"third", c.nip}};
}

/// The age limit judged on the day of the administrative check (as before art. 107's closing day).
open_selection::Settings age_on_check() {
    open_selection::Settings s;
    s.requirements.age_on = "check";
    return s;
}

open_selection::Settings pilkada_settings() {
    open_selection::Settings s;
    s.election_windows.push_back(rules::window_from_head_inauguration("Wali Kota baru", parse_date("2025-02-20").value()));
    return s;
}

/// A sitting JPT pratama official whose job fit may fill a post nobody applied for.
json::object job_fit_official() {
    return {{"nip", "197501012000031001"},  {"name", "Ir. Bambang Irawan, M.T."}, {"grade", "jpt_pratama"},
            {"post", "Kepala Dinas PUPR"},   {"unit", "Dinas PUPR"},              {"inaugurated_at", "2021-03-01"},
            {"reason", "tidak ada pelamar setelah dua kali perpanjangan"}};
}

/// The mutation fixture's engine, clock and send(), with the open selection and job fit workflows added.
struct SelectionFixture : test::MutationFixture {
    explicit SelectionFixture(open_selection::Settings settings = {}) {
        engine->add_workflow(open_selection::make_workflow(std::move(settings)));
        engine->add_workflow(job_fit::make_workflow({}));
        // A selection of February 2025: events given no time happen at the latest one's.
        clock->set(test::at("2025-02-03T09:00"));
        default_when.clear();
    }

    Result<Outcome> open_post(const std::string& post = "Kepala Dinas Pendidikan",
                              const std::string& unit = "Dinas Pendidikan") {
        Command c;
        c.workflow = "open_selection";
        c.payload = {{"post", post}, {"unit", unit}, {"grade", "jpt_pratama"}};
        c.actor = "sari";
        c.role = "admin";
        c.reason = "jabatan lowong";
        c.occurred_at = test::at("2025-02-03T09:00");
        return engine->submit(c);
    }

    json::object applicant(const std::string& id, const Applicant& a) {
        const auto all = data(id);
        for (const auto& v : all.at("applicants").as_array())
            if (v.at("nip") == a.nip) return v.as_object();
        FAIL("no applicant " << a.nip);
        return {};
    }

    void register_all(const std::string& id, const std::vector<Applicant>& all,
                      const std::string& when = "2025-02-12T10:00") {
        for (const auto& a : all) send(id, "applicant_registered", registration(a), when).value();
    }

    /// Two extensions of 5 working days, on 2025-02-24 and 2025-03-03.
    void extend_twice(const std::string& id) {
        send(id, "registration_extended", {{"days", 5}, {"reason", "pelamar kurang"}}, "2025-02-24T16:30").value();
        send(id, "registration_extended", {{"days", 5}, {"reason", "masih kurang"}}, "2025-03-03T16:30").value();
    }

    void score_stage(const std::string& id, const std::vector<Applicant>& all, bool interviews,
                     const std::string& when = "2025-02-26T10:00") {
        for (const auto& a : all) {
            if (interviews) {
                send(id, "score_recorded", score(a, "interview", a.interview), when).value();
                send(id, "score_recorded", score(a, "track_record", a.track_record), when).value();
            } else {
                send(id, "score_recorded", score(a, "assessment_center", a.assessment_center), when).value();
                send(id, "score_recorded", score(a, "paper", a.paper), when).value();
            }
        }
    }

    /// Submits what the guards of `state`'s forward row need, then the forward event.
    void forward(const std::string& id, const std::string& state) {
        if (state == "preparation") {
            send(id, "pansel_formed", {{"sk_number", "800/12/BKPSDM/2025"}, {"chair", "Sekretaris Daerah"},
                                       {"members", "Sekda, Asisten III, Kepala BKPSDM, 2 akademisi"}, {"member_count", 5}},
                 "2025-02-05T10:00").value();
        } else if (state == "announcement") {
            send(id, "announced", {{"ref", "800/20/PANSEL/2025"}, {"date", "2025-02-10"},
                                   {"registration_closes", "2025-02-24"}, {"min_rank", "IV/a"},
                                   {"min_years_in_post", 2}, {"max_age", 56}},
                 "2025-02-10T08:00").value();
        } else if (state == "registration") {
            register_all(id, {fauzi, rina, budi, hasan, siti});
            send(id, "registration_closed", {}, "2025-02-24T16:00").value();
        } else if (state == "administrative_selection") {
            send(id, "administrative_completed", {}, "2025-02-25T10:00").value();
        } else if (state == "assessment") {
            score_stage(id, eligible_four, false, "2025-02-26T10:00");
            send(id, "assessment_completed", {}, "2025-02-26T16:00").value();
        } else if (state == "track_record_and_interview") {
            score_stage(id, eligible_four, true, "2025-02-27T10:00");
            send(id, "interviews_completed", {}, "2025-02-27T16:00").value();
        } else if (state == "shortlist") {
            send(id, "shortlist_set", shortlist(fauzi, rina, hasan), "2025-02-28T10:00").value();
        } else if (state == "recommendation") {
            send(id, "recommendation_requested", {{"ref", "800/88/BKPSDM/2025"}}, "2025-03-01T09:00").value();
            send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "R-311/BKN/2025"}}, "2025-03-01T10:00").value();
        } else if (state == "ppk_choice") {
            send(id, "ppk_chose", {{"nip", rina.nip}}, "2025-03-03T10:00", "ppk").value();
        } else if (state == "inauguration") {
            send(id, "inaugurated", {{"date", "2025-09-01"}, {"sk_number", "821.2/77/2025"}}, "2025-09-01T10:00").value();
        }
    }

    /// Opens a case and takes it to `target` along the main path.
    std::string selection_in(const std::string& target) {
        std::string id = open_post().value().projection.id;
        for (const char* s : {"preparation", "announcement", "registration", "administrative_selection", "assessment",
                              "track_record_and_interview", "shortlist", "recommendation", "ppk_choice", "inauguration"}) {
            if (state(id) == target) break;
            forward(id, s);
        }
        return id;
    }
};

std::string refusal(const Result<Outcome>& r) {
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::refused);
    return r.error().message;
}

}  // namespace

TEST_CASE("every row of the open selection table moves the case as the table says", "[open_selection]") {
    SelectionFixture f;
    const Workflow& wf = *f.engine->find_workflow("open_selection");
    auto payload_for = [](const TransitionSpec& row) -> json::object {
        if (row.event == "pansel_formed") return {{"sk_number", "800/1"}, {"chair", "Sekda"}, {"members", "A, B, C, D, E"}, {"member_count", 5}};
        if (row.event == "announced")
            return {{"ref", "800/2"}, {"date", "2025-02-10"}, {"registration_closes", "2025-02-24"},
                    {"min_rank", "IV/a"}, {"min_years_in_post", 2}, {"max_age", 56}};
        if (row.event == "applicant_registered") return registration(fauzi);
        if (row.event == "applicant_withdrawn") return {{"nip", fauzi.nip}, {"reason", "mengundurkan diri"}};
        if (row.event == "registration_extended") return {{"days", 7}, {"reason", "pelamar kurang"}};
        if (row.event == "continuation_approved") return {{"letter", "B-1/KASN/2025"}, {"date", "2025-03-03"}};
        if (row.event == "filled_by_job_fit") return job_fit_official();
        if (row.event == "score_recorded")
            return row.from == "assessment" ? score(fauzi, "paper", 80) : score(fauzi, "interview", 88);
        if (row.event == "shortlist_set") return shortlist(fauzi, rina, hasan);
        if (row.event == "recommendation_requested") return {{"ref", "800/3"}};
        if (row.event == "recommendation_received")
            return {{"decision", row.to == "cancelled" ? "reject" : "approve"}, {"ref", "R-1/BKN"}};
        if (row.event == "ppk_chose") return {{"nip", rina.nip}};
        if (row.event == "inauguration_scheduled") return {{"date", "2025-09-01"}};
        if (row.event == "inaugurated") return {{"date", "2025-03-03"}, {"sk_number", "821/1"}};
        if (row.event == "cancelled") return {{"reason", "jabatan dihapus"}};
        if (row.event == "ministerial_approval_recorded") return {{"letter", "100.2.2.6/77/OTDA"}, {"date", "2025-03-01"}};
        return {};
    };
    int rows = 0;
    for (const auto& row : wf.transitions()) {
        if (row.event == "opened") continue;  // covered by every selection_in()
        if (row.event.starts_with("acting_")) continue;  // acting_test.cpp: the acting official (Plt) rows
        DYNAMIC_SECTION(row.from << " --" << row.event << "--> " << row.to) {
            auto id = f.selection_in(row.from);
            REQUIRE(f.state(id) == row.from);
            if (row.event == "applicant_withdrawn") f.register_all(id, {fauzi});
            if (row.event == "continuation_approved") f.register_all(id, {fauzi});
            if (row.event == "continuation_approved" || row.event == "filled_by_job_fit") f.extend_twice(id);
            if (row.event == "recommendation_received") f.send(id, "recommendation_requested", {{"ref", "800/3"}}).value();
            if (row.guard == "more_than_3_eligible_or_continuation" || row.guard == "assessment_scored" || row.guard == "interviews_scored") {
                f.forward(id, row.from);
            } else {
                // Registration closes on 2025-02-24: an applicant registers before it.
            const char* when = row.event == "applicant_registered" ? "2025-02-20T10:00" : "2025-03-20T10:00";
            auto r = f.send(id, row.event, payload_for(row), when, row.event == "ppk_chose" ? "ppk" : "admin");
                INFO((r ? std::string() : r.error().message));
                REQUIRE(r.has_value());
            }
            CHECK(f.state(id) == row.to);
        }
        ++rows;
    }
    CHECK(rows == 40);
}

TEST_CASE("open selection: states, finals, deadlines and subject", "[open_selection]") {
    SelectionFixture f;
    const Workflow& wf = *f.engine->find_workflow("open_selection");
    CHECK(wf.case_prefix() == "SEL");
    CHECK(wf.states() == std::vector<std::string>{"preparation", "announcement", "registration",
                                                  "administrative_selection", "assessment",
                                                  "track_record_and_interview", "shortlist", "recommendation",
                                                  "ppk_choice", "inauguration", "cancelled", "referred_to_job_fit",
                                                  "completed"});
    CHECK(wf.final_states() == std::vector<std::string>{"cancelled", "referred_to_job_fit", "completed"});
    std::vector<std::string> open_states, with_deadline;
    for (const auto& s : wf.states())
        if (!wf.is_final(s)) open_states.push_back(s);
    for (const auto& [state, rule] : wf.default_deadlines()) with_deadline.push_back(state);
    std::sort(open_states.begin(), open_states.end());
    CHECK(with_deadline == open_states);
    CHECK(wf.default_deadlines().at("registration").working_days == 10);

    auto id = f.open_post().value().projection.id;
    CHECK(id == "SEL-000001");
    CHECK(wf.subject(f.data(id)) == "Kepala Dinas Pendidikan (Dinas Pendidikan)");
    // The list columns: the post is the subject, its unit the case's (as an official's is for a mutation).
    CHECK(f.journal->find_case(id).value().summary ==
          CaseSummary{"Dinas Pendidikan", "Kepala Dinas Pendidikan", "Kepala Dinas Pendidikan (Dinas Pendidikan)"});
    CHECK(f.data(id)["scoring_profile"].as_object()["name"] == "open_selection_2019");
    CHECK(f.engine->view(id, "ppk").value().allowed_events.empty());
    CHECK(f.engine->view(id, "admin").value().allowed_events ==
          std::vector<std::string>{"pansel_formed", "cancelled", "ministerial_approval_recorded", "acting_assigned",
                                   "acting_ended"});
}

TEST_CASE("PermenPAN-RB 15/2019: the pansel has an odd number of members, 5 to 9", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("preparation");
    json::object pansel{{"sk_number", "800/1"}, {"chair", "Sekda"}, {"members", "..."}};
    for (int bad : {3, 4, 6, 11}) {
        pansel["member_count"] = bad;
        CHECK_THAT(refusal(f.send(id, "pansel_formed", pansel)),
                   Catch::Contains("pansel_formed refused in preparation: PermenPAN-RB 15/2019: the pansel (selection "
                                   "committee) has an odd number of members, at least 5 and at most 9 (got " +
                                   std::to_string(bad) + ")"));
    }
    pansel["member_count"] = 7;
    REQUIRE(f.send(id, "pansel_formed", pansel));
    CHECK(f.state(id) == "announcement");
    CHECK(f.data(id)["pansel"].as_object()["member_count"] == 7);
}

TEST_CASE("a post with 3 eligible applicants is extended twice, then may only be cancelled", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");
    f.register_all(id, {fauzi, rina, budi, siti});  // siti fails the requirements: 3 eligible of 4

    auto r = f.send(id, "registration_closed", {}, "2025-02-24T16:00");
    CHECK_THAT(refusal(r), Catch::Contains("registration_closed refused in registration: PermenPAN-RB 15/2019: "
                                           "registration may close only with more than 3 eligible applicants for the "
                                           "post (have 3 eligible of 4 applicants on 2025-02-24); extend it with "
                                           "registration_extended (0 of 2 extensions used)"));
    REQUIRE(f.send(id, "registration_extended", {{"days", 7}, {"reason", "pelamar kurang dari 4"}}, "2025-02-24T16:30"));
    CHECK_THAT(refusal(f.send(id, "registration_closed", {}, "2025-03-03T16:00")),
               Catch::Contains("extend it with registration_extended (1 of 2 extensions used)"));
    REQUIRE(f.send(id, "registration_extended", {{"days", 5}, {"reason", "masih kurang"}}, "2025-03-03T16:30"));
    CHECK_THAT(refusal(f.send(id, "registration_closed", {}, "2025-03-10T16:00")),
               Catch::Contains("(have 3 eligible of 4 applicants on 2025-03-10); it may not be extended again (2 of 2 "
                               "extensions used): continue with the oversight body's written approval "
                               "(continuation_approved), or cancel the case with cancelled"));
    CHECK_THAT(refusal(f.send(id, "registration_extended", {{"days", 7}, {"reason", "lagi"}}, "2025-03-10T16:30")),
               Catch::Contains("PermenPAN-RB 15/2019: registration may be extended at most twice (2 of 2 extensions "
                               "used); with 3 eligible applicants the selection cannot go on: continue with the "
                               "oversight body's written approval (continuation_approved), or cancel the case with "
                               "cancelled"));

    // Each extension is stored with its length, its date and the closing date it gives.
    // Working days (weekends only here): 7 after Monday 2025-02-24 is Wednesday 2025-03-05, 5 more is 2025-03-12.
    auto reg = f.data(id)["registration"].as_object();
    CHECK(reg["closes"] == "2025-03-12");
    const auto& ext = reg["extensions"].as_array();
    REQUIRE(ext.size() == 2);
    CHECK(ext[0] == json::value(json::object{{"days", 7}, {"reason", "pelamar kurang dari 4"},
                                             {"extended_on", "2025-02-24"}, {"counted", "working_days"},
                                             {"closes", "2025-03-05"}}));
    CHECK(ext[1].at("days") == 5);
    CHECK(ext[1].at("extended_on") == "2025-03-03");

    REQUIRE(f.send(id, "cancelled", {{"reason", "pelamar tidak mencukupi setelah dua kali perpanjangan"}}));
    CHECK(f.state(id) == "cancelled");
}

TEST_CASE("an extended registration closes once a 4th eligible applicant registers", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");
    f.register_all(id, {fauzi, rina, budi});
    REQUIRE(f.send(id, "registration_extended", {{"days", 7}, {"reason", "pelamar kurang"}}, "2025-02-24T16:30"));
    f.register_all(id, {hasan}, "2025-02-25T08:00");
    CHECK_THAT(refusal(f.send(id, "registration_extended", {{"days", 7}, {"reason", "x"}}, "2025-02-25T09:00")),
               Catch::Contains("PermenPAN-RB 15/2019: registration is extended only while 3 or fewer eligible "
                               "applicants have registered for the post (have 4 on 2025-02-25); close it with "
                               "registration_closed"));
    REQUIRE(f.send(id, "registration_closed", {}, "2025-03-03T16:00"));
    CHECK(f.state(id) == "administrative_selection");
    CHECK(f.data(id)["registration"].at("closed_on") == "2025-03-03");
}

TEST_CASE("registration: one entry per NIP, 18 digits, a withdrawal no longer counts", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");
    f.register_all(id, eligible_four);
    CHECK_THAT(refusal(f.send(id, "applicant_registered", registration(rina))),
               Catch::Contains("NIP 197811202003122001 is already registered for this post: 197811202003122001 (Dr. "
                               "Rina Wati, M.Pd.), registered"));
    auto bad = registration(yusuf);
    bad["nip"] = "19680303199403100";
    auto r = f.send(id, "applicant_registered", bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::invalid_input);
    CHECK(r.error().field == "nip");
    CHECK_THAT(r.error().message, Catch::Contains("must be the 18 digits of a NIP (got 19680303199403100)"));

    CHECK_THAT(refusal(f.send(id, "applicant_withdrawn", {{"nip", yusuf.nip}, {"reason", "x"}})),
               Catch::Contains("no applicant with NIP 196803031994031006"));
    REQUIRE(f.send(id, "applicant_withdrawn", {{"nip", budi.nip}, {"reason", "mutasi ke provinsi"}}));
    CHECK_THAT(refusal(f.send(id, "applicant_withdrawn", {{"nip", budi.nip}, {"reason", "x"}})),
               Catch::Contains("(Budi Santoso, S.T., M.T.) has already withdrawn"));
    CHECK(f.applicant(id, budi)["status"] == "withdrawn");
    CHECK(f.applicant(id, budi)["reasons"] == json::value(json::array{"mutasi ke provinsi"}));
    CHECK_THAT(refusal(f.send(id, "registration_closed", {}, "2025-02-24T16:00")),
               Catch::Contains("(have 3 eligible of 3 applicants on 2025-02-24)"));
}

TEST_CASE("administrative selection records each failed applicant with every reason", "[open_selection][guard]") {
    SelectionFixture f(age_on_check());
    auto id = f.selection_in("registration");
    f.register_all(id, {fauzi, rina, budi, hasan, siti, yusuf});
    // On 2025-03-02 Yusuf is 56 and counts as eligible; on 2025-03-03 (checked) he is 57.
    REQUIRE(f.send(id, "registration_closed", {}, "2025-03-02T16:00"));
    REQUIRE(f.send(id, "administrative_completed", {{"checked_on", "2020-01-01"}}, "2025-03-03T10:00"));
    CHECK(f.state(id) == "assessment");
    CHECK(f.applicant(id, siti)["status"] == "failed");
    CHECK(f.applicant(id, siti)["reasons"] == json::value(json::array{"rank III/d below the required IV/a",
                                                                      "1 year in post, fewer than the required 2",
                                                                      "disciplinary record: moderate"}));
    CHECK(f.applicant(id, yusuf)["status"] == "failed");
    CHECK(f.applicant(id, yusuf)["reasons"] ==
          json::value(json::array{"age 57 on 2025-03-03, above the limit 56"}));
    for (const auto& a : eligible_four) {
        CHECK(f.applicant(id, a)["status"] == "eligible");
        CHECK(f.applicant(id, a)["reasons"].as_array().empty());
    }
    CHECK(f.applicant(id, budi)["disciplinary"] == "light");  // a light penalty does not disqualify
    CHECK(f.data(id)["administrative"] ==
          json::value(json::object{{"checked_on", "2025-03-03"}, {"eligible", 4}, {"failed", 2}}));
}

TEST_CASE("administrative selection needs 3 eligible applicants", "[open_selection][guard]") {
    SelectionFixture f(age_on_check());
    auto id = f.selection_in("registration");
    Applicant turning_57a = yusuf, turning_57b = yusuf;
    turning_57a.nip = "196803031994031007";
    turning_57b.nip = "196803031994031008";
    f.register_all(id, {fauzi, rina, turning_57a, turning_57b});
    REQUIRE(f.send(id, "registration_closed", {}, "2025-03-02T16:00"));
    CHECK_THAT(refusal(f.send(id, "administrative_completed", {}, "2025-03-03T10:00")),
               Catch::Contains("PermenPAN-RB 15/2019: a shortlist of 3 needs at least 3 applicants who meet the "
                               "administrative requirements (have 2 of 4 on 2025-03-03): cancel the case with "
                               "cancelled"));
}

TEST_CASE("scores: eligible applicants, components of the profile and of the stage", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("assessment");
    CHECK_THAT(refusal(f.send(id, "score_recorded", score(siti, "paper", 80))),
               Catch::Contains("198506152010012005 (Siti Aminah, S.E.) is failed: only applicants who meet the "
                               "administrative requirements are scored"));
    CHECK_THAT(refusal(f.send(id, "score_recorded", score(yusuf, "paper", 80))),
               Catch::Contains("no applicant with NIP 196803031994031006"));
    CHECK_THAT(refusal(f.send(id, "score_recorded", score(fauzi, "interview", 80))),
               Catch::Contains("component 'interview' is scored in track_record_and_interview, not in assessment"));
    CHECK_THAT(refusal(f.send(id, "score_recorded", score(fauzi, "charisma", 80))),
               Catch::Contains("'charisma' is not a component of scoring profile open_selection_2019"));
    f.send(id, "score_recorded", score(fauzi, "paper", 80)).value();
    CHECK_THAT(refusal(f.send(id, "assessment_completed")),
               Catch::Contains("scoring in assessment is incomplete: 197603152005011002 (Drs. Ahmad Fauzi, M.Si.) "
                               "still needs assessment_center; 197811202003122001 (Dr. Rina Wati, M.Pd.) still needs "
                               "assessment_center, paper;"));
    f.forward(id, "assessment");
    CHECK_THAT(refusal(f.send(id, "score_recorded", score(fauzi, "paper", 80))),
               Catch::Contains("component 'paper' is scored in assessment, not in track_record_and_interview"));
    CHECK_THAT(refusal(f.send(id, "interviews_completed")),
               Catch::Contains("scoring in track_record_and_interview is incomplete"));
    f.forward(id, "track_record_and_interview");
    CHECK(f.state(id) == "shortlist");
    // Weighted by open_selection_2019 (assessment center 40, paper 10, interview 30, track record 20).
    std::vector<std::pair<Applicant, std::pair<double, int>>> expected{
        {fauzi, {86.4, 1}}, {rina, {85.5, 2}}, {budi, {73.1, 4}}, {hasan, {79.5, 3}}};
    for (const auto& [a, want] : expected) {
        auto got = f.applicant(id, a);
        CHECK(got["total"].to_number<double>() == Approx(want.first));
        CHECK(got["ranking"] == want.second);
        CHECK(got["scores"].as_object().size() == 4);
    }
    CHECK(f.applicant(id, siti).count("total") == 0);
}

TEST_CASE("the shortlist is exactly the top 3 by total, in order", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("shortlist");
    const std::string lead = "shortlist_set refused in shortlist: PermenPAN-RB 15/2019: the shortlist is the 3 "
                             "eligible applicants with the best totals, in order: ";
    CHECK_THAT(refusal(f.send(id, "shortlist_set", shortlist(rina, fauzi, hasan))),
               Catch::Contains(lead + "second 197603152005011002 (Drs. Ahmad Fauzi, M.Si.) has total 86.4, above "
                                      "first 197811202003122001 (Dr. Rina Wati, M.Pd.) with 85.5"));
    CHECK_THAT(refusal(f.send(id, "shortlist_set", shortlist(fauzi, rina, budi))),
               Catch::Contains(lead + "197201012000031004 (Ir. Hasan Basri) has total 79.5, above third "
                                      "198005052006041003 (Budi Santoso, S.T., M.T.) with 73.1, and is not on the "
                                      "shortlist"));
    CHECK_THAT(refusal(f.send(id, "shortlist_set", shortlist(fauzi, rina, fauzi))),
               Catch::Contains(lead + "NIP 197603152005011002 is both first and third (3 different applicants are named)"));
    CHECK_THAT(refusal(f.send(id, "shortlist_set", shortlist(fauzi, rina, siti))),
               Catch::Contains(lead + "third: 198506152010012005 (Siti Aminah, S.E.) is failed, not an eligible "
                                      "scored applicant"));
    CHECK_THAT(refusal(f.send(id, "shortlist_set", shortlist(fauzi, yusuf, rina))),
               Catch::Contains(lead + "second: no applicant with NIP 196803031994031006"));
    REQUIRE(f.send(id, "shortlist_set", shortlist(fauzi, rina, hasan)));
    CHECK(f.state(id) == "recommendation");
    CHECK(f.data(id)["shortlist"] == json::value(json::array{fauzi.nip, rina.nip, hasan.nip}));
    CHECK(f.applicant(id, hasan)["status"] == "shortlisted");
    CHECK(f.applicant(id, budi)["status"] == "eligible");
}

TEST_CASE("equal totals may be shortlisted in either order", "[open_selection][guard]") {
    SelectionFixture f;
    Applicant twin = hasan;  // scores as Rina: 85.5
    twin.assessment_center = rina.assessment_center;
    twin.paper = rina.paper;
    twin.interview = rina.interview;
    twin.track_record = rina.track_record;
    auto id = f.selection_in("assessment");
    f.score_stage(id, {fauzi, rina, budi, twin}, false);
    f.send(id, "assessment_completed").value();
    f.score_stage(id, {fauzi, rina, budi, twin}, true);
    f.send(id, "interviews_completed").value();
    CHECK(f.applicant(id, twin)["ranking"] == 2);
    CHECK(f.applicant(id, rina)["ranking"] == 2);
    SECTION("Rina second") { CHECK(f.send(id, "shortlist_set", shortlist(fauzi, rina, twin))); }
    SECTION("Hasan second") { CHECK(f.send(id, "shortlist_set", shortlist(fauzi, twin, rina))); }
}

TEST_CASE("the PPK chooses one of the shortlist", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("ppk_choice");
    auto forbidden = f.send(id, "ppk_chose", {{"nip", rina.nip}}, "2025-03-03T10:00", "admin");
    REQUIRE_FALSE(forbidden);
    CHECK(forbidden.error().code == errc::forbidden);
    CHECK_THAT(refusal(f.send(id, "ppk_chose", {{"nip", budi.nip}}, "2025-03-03T10:00", "ppk")),
               Catch::Contains("ppk_chose refused in ppk_choice: PermenPAN-RB 15/2019: the PPK chooses one of the 3 "
                               "shortlisted applicants (197603152005011002 (Drs. Ahmad Fauzi, M.Si.), "
                               "197811202003122001 (Dr. Rina Wati, M.Pd.), 197201012000031004 (Ir. Hasan Basri)); NIP "
                               "198005052006041003 is not one of them"));
    REQUIRE(f.send(id, "ppk_chose", {{"nip", rina.nip}, {"decided_on", "2020-01-01"}}, "2025-05-12T10:00", "ppk"));
    CHECK(f.state(id) == "inauguration");
    CHECK(f.applicant(id, rina)["status"] == "chosen");
    CHECK(f.applicant(id, fauzi)["status"] == "shortlisted");
    CHECK(f.data(id)["choice"] == json::value(json::object{
                                      {"nip", rina.nip}, {"name", rina.name}, {"decided_on", "2025-05-12"}}));
}

TEST_CASE("the recommendation: requested first, a rejection cancels the selection", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("recommendation");
    CHECK_THAT(refusal(f.send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "R-1"}})),
               Catch::Contains("no recommendation was requested yet"));
    f.send(id, "recommendation_requested", {{"ref", "800/3"}}, "2025-03-04T09:00").value();
    CHECK(f.data(id)["recommendation"].at("request").at("body") == "BKN");
    f.send(id, "recommendation_received", {{"decision", "reject"}, {"ref", "R-1"}, {"notes", "proses tidak sesuai"}}).value();
    CHECK(f.state(id) == "cancelled");
}

TEST_CASE("UU 10/2016: an inauguration dated in an election window needs the minister's approval",
          "[open_selection][guard]") {
    SelectionFixture f(pilkada_settings());  // new mayor inaugurated 2025-02-20: window until 2025-08-19
    auto id = f.selection_in("inauguration");
    json::object in_window{{"date", "2025-08-19"}, {"sk_number", "821.2/77/2025"}};
    // Recorded after the window, dated inside it: the inauguration's date decides.
    CHECK_THAT(refusal(f.send(id, "inaugurated", in_window, "2025-08-25T10:00")),
               Catch::Contains("inaugurated refused in inauguration: UU 10/2016 art. 162(3)"));
    f.send(id, "ministerial_approval_recorded", {{"letter", "100.2.2.6/4411/OTDA"}, {"date", "2025-08-01"}}).value();
    REQUIRE(f.send(id, "inaugurated", in_window, "2025-08-25T10:00"));
    CHECK(f.state(id) == "completed");
    CHECK(f.data(id)["inauguration"].at("election_window").at("label") == "Wali Kota baru");

    SECTION("a date after the window passes") {
        auto other = f.selection_in("inauguration");
        REQUIRE(f.send(other, "inaugurated", {{"date", "2025-08-20"}, {"sk_number", "821.2/78/2025"}}, "2025-08-25T10:00"));
        CHECK(f.data(other)["inauguration"].as_object().count("election_window") == 0);
    }
    SECTION("a scheduled inauguration is judged on its date too") {
        auto other = f.selection_in("inauguration");
        CHECK_THAT(refusal(f.send(other, "inauguration_scheduled", {{"date", "2025-08-19"}}, "2025-08-25T10:00")),
                   Catch::Contains("inauguration_scheduled refused in inauguration: UU 10/2016 art. 162(3)"));
        REQUIRE(f.send(other, "inauguration_scheduled", {{"date", "2025-08-20"}}, "2025-08-25T10:00"));
    }
}

TEST_CASE("replaying open selection cases gives their stored state and data", "[open_selection][replay]") {
    SelectionFixture f(pilkada_settings());
    auto done = f.selection_in("inauguration");
    f.send(done, "inauguration_scheduled", {{"date", "2025-09-01"}}).value();
    f.forward(done, "inauguration");
    auto cancelled = f.selection_in("registration");
    f.register_all(cancelled, {fauzi, rina, siti});
    f.send(cancelled, "registration_extended", {{"days", 7}, {"reason", "kurang"}}).value();
    f.send(cancelled, "cancelled", {{"reason", "pelamar kurang"}}).value();
    auto report = audit::verify(*f.engine).value();
    CHECK(report.ok());
    CHECK(report.cases == 2);
    auto replay = f.engine->replay_steps(done).value();
    CHECK(replay.state == "completed");
    CHECK(replay.steps.back().after == "completed");
    CHECK(f.state(done) == "completed");
    CHECK(f.data(done)["inauguration_schedule"].at("date") == "2025-09-01");
}

// --- Open selection as PermenPAN-RB 15/2019 and PP 11/2017 as amended say ------------------------

namespace {

/// A machine fed stored events as replay feeds them (no `prepare`): what a journal of an
/// earlier version holds.
std::unique_ptr<CaseMachine> replayed(const Workflow& wf, const std::vector<std::pair<std::string, json::object>>& events) {
    auto m = wf.create();
    std::int64_t seq = 0;
    for (const auto& [name, payload] : events) {
        auto ok = m->apply(EventInput{name, payload, test::at("2025-03-20T10:00"), "sari", "admin", ++seq});
        INFO(name << ": " << (ok ? std::string() : ok.error().message));
        REQUIRE(ok);
    }
    return m;
}

}  // namespace

TEST_CASE("an applicant registered after the closing date is refused citing the rule", "[open_selection][selection_law]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");  // registration closes 2025-02-24
    // Judged on the registration's own local date: late on the day is still in time.
    REQUIRE(f.send(id, "applicant_registered", registration(fauzi), "2025-02-24T23:30"));
    CHECK(f.applicant(id, fauzi)["registered_on"] == "2025-02-24");
    const std::string late = refusal(f.send(id, "applicant_registered", registration(rina), "2025-02-25T08:00"));
    CHECK_THAT(late, Catch::Contains("applicant_registered refused in registration: " +
                                     rules::cite("open_selection_registration", parse_date("2025-02-25").value()) +
                                     ": registration closed on 2025-02-24; NIP 197811202003122001 (Dr. Rina Wati, "
                                     "M.Pd.) registered on 2025-02-25, too late"));
    CHECK(f.data(id)["applicants"].as_array().size() == 1);
    // Extended by 5 working days: open again until 2025-03-03, refused on the 4th.
    f.send(id, "registration_extended", {{"days", 5}, {"reason", "pelamar kurang"}}, "2025-02-25T09:00").value();
    REQUIRE(f.send(id, "applicant_registered", registration(rina), "2025-03-03T15:00"));
    CHECK_THAT(refusal(f.send(id, "applicant_registered", registration(budi), "2025-03-04T08:00")),
               Catch::Contains("registration closed on 2025-03-03 (as extended, 1 of 2 extensions used); NIP "
                               "198005052006041003"));
}

TEST_CASE("a registration written before registered_on was snapshot replays as accepted", "[open_selection][selection_law][replay]") {
    SelectionFixture f;
    const Workflow& wf = *f.engine->find_workflow("open_selection");
    const json::object old_opening =
        boost::json::parse(f.journal->case_events(f.open_post().value().projection.id).value().at(0).payload).as_object();
    json::object old_registration = registration(rina);  // no registered_on, no art. 107 fields
    old_registration.erase("education");
    auto m = replayed(wf, {{"opened", old_opening},
                           {"pansel_formed", {{"sk_number", "800/1"}, {"chair", "Sekda"}, {"members", "..."}, {"member_count", 5}}},
                           {"announced", {{"ref", "800/2"}, {"date", "2025-02-10"}, {"registration_closes", "2025-02-24"},
                                          {"min_rank", "IV/a"}, {"min_years_in_post", 2}, {"max_age", 56}}},
                           {"applicant_registered", old_registration},
                           // an extension of 7 calendar days, as counted then: 2025-02-24 + 7 = 2025-03-03
                           {"registration_extended", {{"days", 7}, {"reason", "kurang"}, {"extended_on", "2025-02-24"}}}});
    CHECK(m->state() == "registration");
    CHECK(m->data().at("applicants").as_array().size() == 1);
    CHECK(m->data().at("registration").at("closes") == "2025-03-03");
    CHECK(m->data().at("registration").at("extensions").at(0).as_object().count("counted") == 0);
    // The old announcement has no art. 107 requirements: the missing education fails nobody.
    CHECK(m->data().at("requirements").as_object().count("min_education") == 0);
}

TEST_CASE("an extension counts working days across the Nyepi and Idul Fitri holidays of 2025", "[open_selection][selection_law]") {
    open_selection::Settings settings;
    settings.calendar = Calendar(Calendar::shipped());
    SelectionFixture f(settings);
    auto id = f.selection_in("announcement");
    f.send(id, "announced", {{"ref", "800/20/PANSEL/2025"}, {"date", "2025-03-10"}, {"registration_closes", "2025-03-26"},
                             {"min_rank", "IV/a"}, {"min_years_in_post", 2}, {"max_age", 56}},
           "2025-03-10T08:00").value();
    f.register_all(id, {fauzi, rina}, "2025-03-20T10:00");
    // 5 working days after Wednesday 2025-03-26: 27 March, then (cuti bersama Nyepi 28 March, Idul Fitri
    // 31 March - 1 April, cuti bersama 2-4 and 7 April) 8, 9, 10 and 11 April.
    REQUIRE(f.send(id, "registration_extended", {{"days", 5}, {"reason", "pelamar kurang"}}, "2025-03-26T16:00"));
    auto reg = f.data(id)["registration"].as_object();
    CHECK(reg["closes"] == "2025-04-11");
    CHECK(reg["extensions"].at(0).at("counted") == "working_days");
    REQUIRE(f.send(id, "applicant_registered", registration(budi), "2025-04-11T15:00"));

    SECTION("the calendar the event was decided with is in its payload, not read again on replay") {
        const auto events = f.journal->case_events(id).value();
        auto extension = std::find_if(events.begin(), events.end(),
                                      [](const EventRecord& e) { return e.name == "registration_extended"; });
        REQUIRE(extension != events.end());
        const json::object excerpt = boost::json::parse(extension->payload).at("calendar").as_object();
        const auto& holidays = excerpt.at("holidays").as_array();
        CHECK(std::find(holidays.begin(), holidays.end(), json::value("2025-03-31")) != holidays.end());
        CHECK(excerpt.at("weekend") == json::value(json::array{6, 0}));
        CHECK(audit::verify(*f.engine).value().ok());
    }
    SECTION("an extension longer than the configured limit is refused citing the rule") {
        open_selection::Settings short_limit = settings;
        short_limit.max_extension_days = 10;
        SelectionFixture g(short_limit);
        auto other = g.selection_in("registration");
        CHECK_THAT(refusal(g.send(other, "registration_extended", {{"days", 12}, {"reason", "x"}}, "2025-02-24T16:00")),
                   Catch::Contains(rules::cite("open_selection_extension", parse_date("2025-02-24").value()) +
                                   ": an extension is at most 10 working days (asked 12; [open_selection] "
                                   "max_extension_days)"));
        CHECK(g.send(other, "registration_extended", {{"days", 10}, {"reason", "x"}}, "2025-02-24T16:00"));
    }
}

TEST_CASE("after two extensions the selection continues with the oversight body's written approval", "[open_selection][selection_law]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");
    f.register_all(id, {fauzi, rina, budi});
    const json::object approval{{"letter", "B-1021/KASN/03/2025"}, {"date", "2025-03-10"}};
    const std::string rule = rules::cite("open_selection_continuation", parse_date("2025-03-10").value());
    CHECK_THAT(refusal(f.send(id, "continuation_approved", approval, "2025-03-11T10:00")),
               Catch::Contains(rule + ": the selection continues with fewer applicants only after the registration "
                                      "was extended twice (0 of 2 extensions used)"));
    f.extend_twice(id);
    CHECK(refusal(f.send(id, "registration_closed", {}, "2025-03-10T16:00")).find("continuation_approved") !=
          std::string::npos);
    REQUIRE(f.send(id, "continuation_approved", approval, "2025-03-11T10:00"));
    CHECK(f.data(id)["continuation"].at("letter") == "B-1021/KASN/03/2025");
    CHECK(f.data(id)["continuation"].at("body") == "BKN");  // the body on the letter's date
    CHECK_THAT(refusal(f.send(id, "continuation_approved", approval, "2025-03-11T11:00")),
               Catch::Contains("the continuation is already approved"));
    REQUIRE(f.send(id, "registration_closed", {}, "2025-03-11T16:00"));  // 3 eligible, with the approval
    REQUIRE(f.send(id, "administrative_completed", {}, "2025-03-12T10:00"));
    CHECK(f.state(id) == "assessment");
}

TEST_CASE("with no applicant after two extensions the post is filled through a linked job fit case", "[open_selection][selection_law]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");
    const std::string rule = rules::cite("open_selection_job_fit", parse_date("2025-02-24").value());
    CHECK_THAT(refusal(f.send(id, "filled_by_job_fit", job_fit_official(), "2025-02-24T16:00")),
               Catch::Contains(rule + ": a post is filled through a job fit only when nobody applied after the "
                                      "registration was extended twice (0 of 2 extensions used)"));
    f.extend_twice(id);
    CHECK(refusal(f.send(id, "registration_closed", {}, "2025-03-10T16:00")).find("filled_by_job_fit") != std::string::npos);
    auto filled = f.send(id, "filled_by_job_fit", job_fit_official(), "2025-03-11T10:00");
    REQUIRE(filled);
    CHECK(f.state(id) == "referred_to_job_fit");
    REQUIRE(filled->opened.size() == 1);
    const std::string jf = filled->opened[0].id;
    CHECK(jf.rfind("JF-", 0) == 0);
    CHECK(f.state(jf) == "assessment");
    CHECK(f.data(jf)["origin"] == json::value(id));
    CHECK(f.data(jf)["official"].at("nip") == "197501012000031001");
    CHECK(f.data(jf)["as_of"] == "2025-03-11");
    CHECK(f.data(id)["job_fit"].at("name") == "Ir. Bambang Irawan, M.T.");

    SECTION("not while anyone applied") {
        auto other = f.selection_in("registration");
        f.register_all(other, {siti});
        f.extend_twice(other);
        CHECK_THAT(refusal(f.send(other, "filled_by_job_fit", job_fit_official(), "2025-03-11T10:00")),
                   Catch::Contains("a post is filled through a job fit only when nobody applied (1 applicants, 0 eligible)"));
    }
    SECTION("the event and the case it opens are one unit: a refused job fit opens nothing") {
        auto other = f.selection_in("registration");
        f.extend_twice(other);
        auto not_jpt = job_fit_official();
        not_jpt["grade"] = "jpt_madya";
        not_jpt["inaugurated_at"] = "2030-01-01";  // after the event: the job fit case would be refused
        CHECK_FALSE(f.send(other, "filled_by_job_fit", not_jpt, "2025-03-11T10:00"));
        CHECK(f.state(other) == "registration");
    }
}

TEST_CASE("one applicant may apply to two posts, each application its own record", "[open_selection][selection_law]") {
    SelectionFixture f;
    auto pendidikan = f.selection_in("registration");
    auto kesehatan = f.open_post("Kepala Dinas Kesehatan", "Dinas Kesehatan").value().projection.id;
    for (const char* s : {"preparation", "announcement"}) f.forward(kesehatan, s);
    REQUIRE(f.send(pendidikan, "applicant_registered", registration(rina), "2025-02-12T10:00"));
    REQUIRE(f.send(kesehatan, "applicant_registered", registration(rina), "2025-02-13T10:00"));
    REQUIRE(f.send(pendidikan, "applicant_withdrawn", {{"nip", rina.nip}, {"reason", "memilih Dinas Kesehatan"}}));
    CHECK(f.applicant(pendidikan, rina)["status"] == "withdrawn");
    CHECK(f.applicant(kesehatan, rina)["status"] == "registered");
    CHECK(f.applicant(kesehatan, rina)["registered_on"] == "2025-02-13");
}

TEST_CASE("PP 11/2017 art. 107: a JPT pratama applicant's education and years, each failure citing the article", "[open_selection][selection_law]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");
    f.register_all(id, eligible_four);
    json::object diploma = registration(siti);
    diploma["rank"] = "IV/a";
    diploma["years_in_post"] = 3;
    diploma["disciplinary"] = "none";
    diploma["education"] = "D-III";
    diploma["years_related_experience"] = 4;
    diploma["years_in_admin_post"] = 1.5;
    f.send(id, "applicant_registered", diploma, "2025-02-12T10:00").value();
    json::object unstated = registration(yusuf);
    unstated["nip"] = "197001012000031009";
    unstated["birth_date"] = "1970-01-01";
    for (const char* k : {"education", "years_related_experience", "years_in_admin_post"}) unstated.erase(k);
    f.send(id, "applicant_registered", unstated, "2025-02-12T11:00").value();
    json::object applied_sciences = registration(hasan);  // D-IV ranks with S1
    applied_sciences["nip"] = "197201012000031011";
    applied_sciences["education"] = "D-IV";
    f.send(id, "applicant_registered", applied_sciences, "2025-02-12T12:00").value();
    f.send(id, "registration_closed", {}, "2025-02-24T16:00").value();
    f.send(id, "administrative_completed", {}, "2025-02-25T10:00").value();

    const std::string art107 = " (" + rules::cite("jpt_pratama_requirements", parse_date("2025-02-25").value()) + ")";
    CHECK(f.applicant(id, siti)["reasons"] ==
          json::value(json::array{"education D-III below the required S1/D-IV" + art107,
                                  "4 years of experience related to the post, fewer than the required 5" + art107,
                                  "1.5 years in an administrator or ahli madya post, fewer than the required 2" + art107}));
    Applicant no_fields = yusuf;
    no_fields.nip = "197001012000031009";
    CHECK(f.applicant(id, no_fields)["reasons"] ==
          json::value(json::array{"education not stated; at least S1/D-IV is required" + art107,
                                  "years of experience related to the post not stated; at least 5 years required" + art107,
                                  "years in an administrator or ahli madya post not stated; at least 2 years required" +
                                      art107}));
    Applicant d4 = hasan;
    d4.nip = "197201012000031011";
    CHECK(f.applicant(id, d4)["status"] == "eligible");
    CHECK(f.data(id)["requirements"].at("min_education") == "S1");

    SECTION("configurable: an agency's own minimums, or none") {
        open_selection::Settings strict;
        strict.requirements.min_education = "S2";
        strict.requirements.min_years_related_experience = 12;
        SelectionFixture g(strict);
        auto other = g.selection_in("registration");
        g.register_all(other, {fauzi});
        g.send(other, "registration_extended", {{"days", 5}, {"reason", "x"}}, "2025-02-24T16:00").value();
        CHECK(g.data(other)["requirements"].at("min_years_related_experience") == 12);
        CHECK(g.data(other)["requirements"].at("min_education") == "S2");
        open_selection::Settings off;
        off.requirements.enabled = false;
        SelectionFixture h(off);
        auto third = h.selection_in("announcement");
        h.forward(third, "announcement");
        CHECK(h.data(third)["requirements"].as_object().count("min_education") == 0);
    }
    SECTION("the art. 107 checks of a JPT pratama do not apply to a JPT madya post") {
        auto madya = f.open_post("Sekretaris Daerah", "Sekretariat Daerah");
        REQUIRE(madya);
        // (opened as jpt_pratama by open_post; a madya post is opened directly)
        Command c;
        c.workflow = "open_selection";
        c.payload = {{"post", "Sekretaris Daerah Provinsi"}, {"unit", "Sekretariat Daerah"}, {"grade", "jpt_madya"}};
        c.actor = "sari";
        c.role = "admin";
        c.reason = "jabatan lowong";
        c.occurred_at = test::at("2025-02-03T09:00");
        auto opened = f.engine->submit(c).value().projection.id;
        f.forward(opened, "preparation");
        f.forward(opened, "announcement");
        CHECK(f.data(opened)["requirements"].as_object().count("min_education") == 0);
    }
}

TEST_CASE("PP 11/2017 art. 107: the age limit is judged on the registration's closing day as extended", "[open_selection][selection_law]") {
    SelectionFixture f;  // age_on = registration_closes
    auto id = f.selection_in("registration");  // closes 2025-02-24
    f.register_all(id, {fauzi, rina, budi, yusuf});  // Yusuf turns 57 on 2025-03-03
    REQUIRE(f.send(id, "registration_closed", {}, "2025-02-24T16:00"));
    REQUIRE(f.send(id, "administrative_completed", {}, "2025-03-04T10:00"));
    CHECK(f.applicant(id, yusuf)["status"] == "eligible");  // 56 on the closing day, 57 on the check's

    auto extended = f.selection_in("registration");
    f.register_all(extended, {fauzi, rina, yusuf});
    f.send(extended, "registration_extended", {{"days", 10}, {"reason", "kurang"}}, "2025-02-24T16:30").value();
    CHECK(f.data(extended)["registration"].at("closes") == "2025-03-10");
    f.register_all(extended, {hasan, budi}, "2025-03-05T10:00");
    REQUIRE(f.send(extended, "registration_closed", {}, "2025-03-10T16:00"));
    REQUIRE(f.send(extended, "administrative_completed", {}, "2025-03-11T10:00"));
    CHECK(f.applicant(extended, yusuf)["reasons"] ==
          json::value(json::array{"age 57 on 2025-03-10, above the limit 56 (the registration's closing day)"}));
}

TEST_CASE("with the approval to continue, two eligible applicants make a shortlist of two", "[open_selection][selection_law]") {
    SelectionFixture f;
    auto id = f.selection_in("registration");
    f.register_all(id, {fauzi, rina, siti});  // siti fails the requirements
    f.extend_twice(id);
    f.send(id, "continuation_approved", {{"letter", "B-77/BKN/2025"}, {"date", "2025-03-10"}}, "2025-03-11T09:00").value();
    f.send(id, "registration_closed", {}, "2025-03-11T16:00").value();
    REQUIRE(f.send(id, "administrative_completed", {}, "2025-03-12T10:00"));
    f.score_stage(id, {fauzi, rina}, false, "2025-03-13T10:00");
    f.send(id, "assessment_completed", {}, "2025-03-13T16:00").value();
    f.score_stage(id, {fauzi, rina}, true, "2025-03-14T10:00");
    f.send(id, "interviews_completed", {}, "2025-03-14T16:00").value();
    CHECK_THAT(refusal(f.send(id, "shortlist_set", shortlist(fauzi, rina, siti), "2025-03-17T10:00")),
               Catch::Contains("the shortlist is the 2 eligible applicants with the best totals, in order (fewer with "
                               "the oversight body's approval to continue): third is named, but only 2 applicants are "
                               "eligible"));
    CHECK_THAT(refusal(f.send(id, "shortlist_set", {{"first", fauzi.nip}}, "2025-03-17T10:00")),
               Catch::Contains("second is not named"));
    REQUIRE(f.send(id, "shortlist_set", {{"first", fauzi.nip}, {"second", rina.nip}}, "2025-03-17T10:00"));
    CHECK(f.data(id)["shortlist"] == json::value(json::array{fauzi.nip, rina.nip}));
    f.send(id, "recommendation_requested", {{"ref", "800/90/BKPSDM/2025"}}, "2025-03-18T09:00").value();
    f.send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "R-9/BKN/2025"}}, "2025-03-19T10:00").value();
    CHECK_THAT(refusal(f.send(id, "ppk_chose", {{"nip", siti.nip}}, "2025-03-20T10:00", "ppk")),
               Catch::Contains("the PPK chooses one of the 2 shortlisted applicants"));
    REQUIRE(f.send(id, "ppk_chose", {{"nip", rina.nip}}, "2025-03-20T10:00", "ppk"));
    CHECK(f.state(id) == "inauguration");
}

TEST_CASE("without the approval a shortlist names all three", "[open_selection][guard]") {
    SelectionFixture f;
    auto id = f.selection_in("shortlist");
    CHECK_THAT(refusal(f.send(id, "shortlist_set", {{"first", fauzi.nip}, {"second", rina.nip}})),
               Catch::Contains("the shortlist is the 3 eligible applicants with the best totals, in order: third is "
                               "not named"));
}
