// The open selection workflow (seleksi terbuka), row by row and guard by
// guard: one case per vacant post, its applicants in the case data.
#include "mutation_fixture.hpp"

#include "alur/engine/audit.hpp"
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

json::object registration(const Applicant& a) {
    return {{"nip", a.nip},           {"name", a.name},       {"current_post", "Kepala Bidang"},
            {"rank", a.rank},         {"years_in_post", a.years}, {"birth_date", a.born},
            {"disciplinary", a.disciplinary}};
}

json::object score(const Applicant& a, const char* component, int value) {
    return {{"nip", a.nip}, {"component", component}, {"value", value}};
}

json::object shortlist(const Applicant& a, const Applicant& b, const Applicant& c) {
    return {{"first", a.nip}, {"second", b.nip}, {"third", c.nip}};
}

open_selection::Settings pilkada_settings() {
    open_selection::Settings s;
    s.election_windows.push_back(rules::window_from_head_inauguration("Wali Kota baru", parse_date("2025-02-20").value()));
    return s;
}

/// The mutation fixture's engine, clock and send(), with the open selection workflow added.
struct SelectionFixture : test::MutationFixture {
    explicit SelectionFixture(open_selection::Settings settings = {}) {
        engine->add_workflow(open_selection::make_workflow(std::move(settings)));
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
            if (row.event == "recommendation_received") f.send(id, "recommendation_requested", {{"ref", "800/3"}}).value();
            if (row.guard == "more_than_3_eligible" || row.guard == "assessment_scored" || row.guard == "interviews_scored") {
                f.forward(id, row.from);
            } else {
                auto r = f.send(id, row.event, payload_for(row), "2025-03-03T10:00", row.event == "ppk_chose" ? "ppk" : "admin");
                INFO((r ? std::string() : r.error().message));
                REQUIRE(r.has_value());
            }
            CHECK(f.state(id) == row.to);
        }
        ++rows;
    }
    CHECK(rows == 38);
}

TEST_CASE("open selection: states, finals, deadlines and subject", "[open_selection]") {
    SelectionFixture f;
    const Workflow& wf = *f.engine->find_workflow("open_selection");
    CHECK(wf.case_prefix() == "SEL");
    CHECK(wf.states() == std::vector<std::string>{"preparation", "announcement", "registration",
                                                  "administrative_selection", "assessment",
                                                  "track_record_and_interview", "shortlist", "recommendation",
                                                  "ppk_choice", "inauguration", "cancelled", "completed"});
    CHECK(wf.final_states() == std::vector<std::string>{"cancelled", "completed"});
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
                               "extensions used): cancel the case with cancelled"));
    CHECK_THAT(refusal(f.send(id, "registration_extended", {{"days", 7}, {"reason", "lagi"}}, "2025-03-10T16:30")),
               Catch::Contains("PermenPAN-RB 15/2019: registration may be extended at most twice (2 of 2 extensions "
                               "used); with 3 eligible applicants the selection cannot go on: cancel the case with "
                               "cancelled"));

    // Each extension is stored with its length, its date and the closing date it gives.
    auto reg = f.data(id)["registration"].as_object();
    CHECK(reg["closes"] == "2025-03-08");
    const auto& ext = reg["extensions"].as_array();
    REQUIRE(ext.size() == 2);
    CHECK(ext[0] == json::value(json::object{{"days", 7}, {"reason", "pelamar kurang dari 4"},
                                             {"extended_on", "2025-02-24"}, {"closes", "2025-03-03"}}));
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
    SelectionFixture f;
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
    SelectionFixture f;
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
