// The open selection routes (adapters/http/src/selection.cpp) through
// Api::handle on a real SQLite journal: applicants listed with their status,
// reasons (each with what it rests on), scores, total and ranking; an
// applicant registered as the case's applicant_registered event, journaled;
// the workflow's refusals, a stale If-Match, bad bodies, other workflows and
// unknown cases answered with their statuses; the shortlist and the choice.
#include "alur/reports/applicants.hpp"
#include "api_fixture.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace alur;
namespace json = boost::json;

namespace {

struct Person {
    const char* nip;
    const char* name;
    const char* rank;
    double years;
    const char* born;
    int assessment_center, paper, interview, track_record;
};

// Eligible against the announcement below (IV/a, 2 years, 56).
const Person fauzi{"197603152005011002", "Drs. Ahmad Fauzi, M.Si.", "IV/b", 4, "1976-03-15", 85, 80, 88, 90};
const Person rina{"197811202003122001", "Dr. Rina Wati, M.Pd.", "IV/a", 3, "1978-11-20", 90, 85, 80, 85};
const Person budi{"198005052006041003", "Budi Santoso, S.T., M.T.", "IV/a", 2.5, "1980-05-05", 70, 75, 72, 80};
const Person hasan{"197201012000031004", "Ir. Hasan Basri", "IV/c", 6, "1972-01-01", 80, 70, 85, 75};
// Below the rank asked, and states no education (PP 11/2017 art. 107 asks S1).
const Person siti{"198506152010012005", "Siti Aminah, S.E.", "III/d", 3, "1985-06-15", 0, 0, 0, 0};

json::object registration(const Person& p, bool art_107 = true) {
    json::object o{{"nip", p.nip},   {"name", p.name},         {"current_post", "Kepala Bidang"},
                   {"rank", p.rank}, {"years_in_post", p.years}, {"birth_date", p.born},
                   {"disciplinary", "none"}};
    if (art_107) {
        o["education"] = "S2";
        o["years_related_experience"] = 10;
        o["years_in_admin_post"] = 4;
    }
    return o;
}

struct SelectionApi : test::ApiFixture {
    std::string id;

    /// An open selection for one post, announced, in registration on 2025-02-12.
    SelectionApi() {
        f.clock->set(test::at("2025-02-03T09:00"));
        f.default_when.clear();
        Command c;
        c.workflow = "open_selection";
        c.payload = {{"post", "Kepala Dinas Pendidikan"}, {"unit", "Dinas Pendidikan"}, {"grade", "jpt_pratama"}};
        c.actor = "sari";
        c.role = "admin";
        c.reason = "jabatan lowong";
        id = f.engine->submit(c).value().projection.id;
        f.send(id, "pansel_formed",
               {{"sk_number", "800/12/BKPSDM/2025"}, {"chair", "Sekretaris Daerah"},
                {"members", "Sekda, Asisten III, Kepala BKPSDM, 2 akademisi"}, {"member_count", 5}},
               "2025-02-05T10:00")
            .value();
        f.send(id, "announced",
               {{"ref", "800/20/PANSEL/2025"}, {"date", "2025-02-10"}, {"registration_closes", "2025-02-24"},
                {"min_rank", "IV/a"}, {"min_years_in_post", 2}, {"max_age", 56}},
               "2025-02-10T08:00")
            .value();
        f.clock->set(test::at("2025-02-12T10:00"));
    }

    std::string applicants() const { return "/api/cases/" + id + "/applicants"; }

    /// The rest of the selection, as the pansel and the PPK enter it.
    void select() {
        f.send(id, "registration_closed", {}, "2025-02-24T16:00").value();
        f.send(id, "administrative_completed", {}, "2025-02-25T10:00").value();
        for (const Person* p : {&fauzi, &rina, &budi, &hasan}) {
            f.send(id, "score_recorded", {{"nip", p->nip}, {"component", "assessment_center"}, {"value", p->assessment_center}},
                   "2025-02-26T10:00").value();
            f.send(id, "score_recorded", {{"nip", p->nip}, {"component", "paper"}, {"value", p->paper}}, "2025-02-26T10:00").value();
        }
        f.send(id, "assessment_completed", {}, "2025-02-26T16:00").value();
        for (const Person* p : {&fauzi, &rina, &budi, &hasan}) {
            f.send(id, "score_recorded", {{"nip", p->nip}, {"component", "interview"}, {"value", p->interview}},
                   "2025-02-27T10:00").value();
            f.send(id, "score_recorded", {{"nip", p->nip}, {"component", "track_record"}, {"value", p->track_record}},
                   "2025-02-27T10:00").value();
        }
        f.send(id, "interviews_completed", {}, "2025-02-27T16:00").value();
        f.send(id, "shortlist_set", {{"first", fauzi.nip}, {"second", rina.nip}, {"third", hasan.nip}}, "2025-02-28T10:00").value();
        f.send(id, "recommendation_requested", {{"ref", "800/88/BKPSDM/2025"}}, "2025-03-01T09:00").value();
        f.send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "R-311/BKN/2025"}}, "2025-03-01T10:00").value();
        f.send(id, "ppk_chose", {{"nip", rina.nip}}, "2025-03-03T10:00", "ppk").value();
    }
};

json::object applicant_in(const json::object& listed, const Person& p) {
    for (const auto& a : listed.at("applicants").as_array())
        if (a.at("nip").as_string() == p.nip) return a.as_object();
    FAIL("no applicant " << p.nip);
    return {};
}

}  // namespace

TEST_CASE("POST api cases id applicants registers an applicant as the case's event", "[http][selection]") {
    SelectionApi s;
    auto r = s.post(s.applicants(), registration(fauzi));
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto b = test::body_of(r);
    CHECK(b.at("case").as_string() == s.id);
    CHECK(b.at("state").as_string() == "registration");
    CHECK(b.at("version").as_int64() == 4);
    CHECK(b.at("applicant").at("nip").as_string() == fauzi.nip);
    CHECK(b.at("applicant").at("status").as_string() == "registered");
    CHECK(b.at("applicant").at("registered_on").as_string() == "2025-02-12");
    CHECK(b.at("event").at("name").as_string() == "applicant_registered");

    // Journaled like any event, in the SQLite file, by the token's name.
    auto events = s.journal->case_events(s.id).value();
    REQUIRE(events.size() == 4);
    CHECK(events.back().name == "applicant_registered");
    CHECK(events.back().actor == "sari");
    CHECK(events.back().reason == "pendaftaran pelamar");
    CHECK(events.back().hash == std::string(b.at("event").at("hash").as_string()));

    // Listed with every score of the profile still null.
    auto listed = s.get(s.applicants(), "inspektorat");
    REQUIRE(listed.status == 200);
    auto l = test::body_of(listed);
    CHECK(l.at("workflow").as_string() == "open_selection");
    CHECK(l.at("post").as_string() == "Kepala Dinas Pendidikan");
    CHECK(l.at("registration_closes").as_string() == "2025-02-24");
    REQUIRE(l.at("applicants").as_array().size() == 1);
    auto a = applicant_in(l, fauzi);
    CHECK(a.at("rank").as_string() == "IV/b");
    CHECK(a.at("reasons").as_array().empty());
    CHECK(a.at("total").is_null());
    CHECK(a.at("ranking").is_null());
    const auto& components = l.at("components").as_array();
    REQUIRE(components.size() == 4);
    for (const auto& c : components) CHECK(a.at("scores").at(c.as_string()).is_null());
    CHECK(l.at("shortlist").as_array().empty());
    CHECK(l.at("chosen").is_null());

    // With an Idempotency-Key, the same registration sent twice is journaled once.
    http::Request again;
    again.method = "POST";
    again.target = s.applicants();
    again.body = json::serialize(registration(rina));
    again.authorization = "Bearer sari-secret";
    again.idempotency_key = "pelamar-rina-1";
    auto first = s.api->handle(again);
    auto second = s.api->handle(again);
    REQUIRE(first.status == 201);
    CHECK(second.status == 201);
    CHECK(test::body_of(second).at("event") == test::body_of(first).at("event"));
    CHECK(s.journal->case_events(s.id).value().size() == 5);
}

TEST_CASE("POST api cases id applicants answers the workflow's refusals and bad requests", "[http][selection]") {
    SelectionApi s;
    REQUIRE(s.post(s.applicants(), registration(fauzi)).status == 201);
    const auto events = s.journal->read_events(0, 0).value().size();

    // The same NIP again: the workflow refuses it, with its reason.
    auto twice = s.post(s.applicants(), registration(fauzi));
    CHECK(twice.status == 422);
    CHECK(test::error_code(twice) == "refused");
    CHECK(twice.body.find("already registered") != std::string::npos);

    // A stale If-Match: the case is at version 4.
    auto stale = s.post(s.applicants(), registration(rina), "sari", "\"3\"");
    CHECK(stale.status == 409);
    CHECK(s.post(s.applicants(), registration(rina), "sari", "\"not a version\"").status == 400);

    // Bad bodies and fields: 400 naming what is wrong.
    auto not_json = s.call("POST", s.applicants(), "sari", "{nip:");
    CHECK(not_json.status == 400);
    CHECK(test::body_of(not_json).at("error").at("field").as_string() == "body");
    CHECK(s.call("POST", s.applicants(), "sari", "[1]").status == 400);
    auto no_nip = registration(rina);
    no_nip.erase("nip");
    auto missing = s.post(s.applicants(), no_nip);
    CHECK(missing.status == 400);
    CHECK(missing.body.find("nip") != std::string::npos);
    auto short_nip = registration(rina);
    short_nip["nip"] = "19781120";
    CHECK(s.post(s.applicants(), short_nip).status == 400);
    auto extra = registration(rina);
    extra["salary"] = 1;
    auto unknown = s.post(s.applicants(), extra);
    CHECK(unknown.status == 400);
    CHECK(unknown.body.find("salary") != std::string::npos);
    auto bad_reason = registration(rina);
    bad_reason["reason"] = 5;
    CHECK(s.post(s.applicants(), bad_reason).status == 400);

    // Not an admin: the auditor may read, not register.
    CHECK(s.post(s.applicants(), registration(rina), "inspektorat").status == 403);

    // Another workflow's case, an unknown case.
    const std::string mutation = s.f.open().value().projection.id;
    auto other = s.post("/api/cases/" + mutation + "/applicants", registration(rina));
    CHECK(other.status == 400);
    CHECK(other.body.find("not an open selection") != std::string::npos);
    CHECK(s.get("/api/cases/" + mutation + "/applicants").status == 400);
    CHECK(s.get("/api/cases/" + mutation + "/shortlist").status == 400);
    CHECK(s.post("/api/cases/SEL-000099/applicants", registration(rina)).status == 404);
    CHECK(s.get("/api/cases/SEL-000099/applicants").status == 404);
    CHECK(s.get("/api/cases/SEL-000099/shortlist").status == 404);

    // Nothing was written by any of them (the mutation case aside).
    CHECK(s.journal->read_events(0, 0).value().size() == events + 1);
}

TEST_CASE("GET api cases id applicants shows each status with its reasons and the ranking", "[http][selection]") {
    SelectionApi s;
    for (const Person* p : {&fauzi, &rina, &budi, &hasan}) REQUIRE(s.post(s.applicants(), registration(*p)).status == 201);
    REQUIRE(s.post(s.applicants(), registration(siti, false)).status == 201);
    s.select();

    auto r = s.get(s.applicants(), "inspektorat");
    REQUIRE(r.status == 200);
    auto l = test::body_of(r);
    CHECK(l.at("state").as_string() == "inauguration");
    REQUIRE(l.at("applicants").as_array().size() == 5);

    // The failed one: each reason with the rule it rests on.
    auto failed = applicant_in(l, siti);
    CHECK(failed.at("status").as_string() == "failed");
    bool announcement = false, statutory = false;
    for (const auto& reason : failed.at("reasons").as_array()) {
        const auto& o = reason.as_object();
        INFO(json::serialize(o));
        if (o.at("rule").as_string() == "announcement") {
            announcement = true;
            CHECK(o.at("cite").as_string() == "the announcement 800/20/PANSEL/2025");
        } else {
            CHECK(o.at("rule").as_string() == "jpt_pratama_requirements");
            CHECK(o.at("cite").as_string().find("art. 107") != std::string::npos);
            CHECK(o.at("text").as_string().find(std::string(o.at("cite").as_string())) != std::string::npos);
            statutory = true;
        }
    }
    CHECK(announcement);  // rank III/d below IV/a
    CHECK(statutory);     // education not stated
    CHECK(failed.at("total").is_null());

    // The ranked ones: totals and places, the chosen one.
    auto chosen = applicant_in(l, rina);
    CHECK(chosen.at("status").as_string() == "chosen");
    CHECK(chosen.at("scores").at("paper").to_number<double>() == 85);
    CHECK(chosen.at("total").is_number());
    auto first = applicant_in(l, fauzi);
    CHECK(first.at("status").as_string() == "shortlisted");
    CHECK(first.at("ranking").as_int64() == 1);
    CHECK(applicant_in(l, budi).at("status").as_string() == "eligible");
    CHECK(applicant_in(l, budi).at("ranking").as_int64() == 4);

    const auto& shortlist = l.at("shortlist").as_array();
    REQUIRE(shortlist.size() == 3);
    CHECK(shortlist[0].at("place").as_int64() == 1);
    CHECK(shortlist[0].at("nip").as_string() == fauzi.nip);
    CHECK(shortlist[1].at("name").as_string() == rina.name);
    CHECK(shortlist[2].at("nip").as_string() == hasan.nip);
    CHECK(l.at("chosen").at("nip").as_string() == rina.nip);
    CHECK(l.at("chosen").at("decided_on").as_string() == "2025-03-03");

    // The shortlist route says the same.
    auto sl = s.get("/api/cases/" + s.id + "/shortlist", "bupati");
    REQUIRE(sl.status == 200);
    auto b = test::body_of(sl);
    CHECK(b.at("shortlist") == l.at("shortlist"));
    CHECK(b.at("chosen").at("name").as_string() == rina.name);

    // Registration is over: the workflow refuses a late applicant.
    auto late = s.post(s.applicants(), registration(budi));
    CHECK(late.status == 422);
}

TEST_CASE("GET api cases id applicants gives each failure's kind and values and its sentence in Indonesian", "[http][selection][i18n]") {
    SelectionApi s;
    for (const Person* p : {&fauzi, &rina, &budi, &hasan}) REQUIRE(s.post(s.applicants(), registration(*p)).status == 201);
    REQUIRE(s.post(s.applicants(), registration(siti, false)).status == 201);
    s.f.send(s.id, "registration_closed", {}, "2025-02-24T16:00").value();
    s.f.send(s.id, "administrative_completed", {}, "2025-02-25T10:00").value();

    auto l = test::body_of(s.get(s.applicants(), "inspektorat"));
    auto failed = applicant_in(l, siti);
    std::map<std::string, json::object> by_kind;
    for (const auto& reason : failed.at("reasons").as_array()) {
        const auto& o = reason.as_object();
        INFO(json::serialize(o));
        CHECK(o.at("reason_text").at("en") == o.at("text"));  // the stored English, unchanged
        by_kind[std::string(o.at("kind").as_string())] = o;
    }
    REQUIRE(by_kind.count("rank_below"));
    const auto& rank = by_kind["rank_below"];
    CHECK(rank.at("text").as_string() == "rank III/d below the required IV/a");
    CHECK(rank.at("values").at("stated").as_string() == "III/d");
    CHECK(rank.at("values").at("required").as_string() == "IV/a");
    CHECK(rank.at("reason_text").at("id").as_string() == "golongan III/d di bawah syarat IV/a");
    CHECK(rank.at("cite_text").at("id").as_string() == "pengumuman 800/20/PANSEL/2025");

    REQUIRE(by_kind.count("education_not_stated"));
    const auto& edu = by_kind["education_not_stated"];
    CHECK(edu.at("rule").as_string() == "jpt_pratama_requirements");
    CHECK(edu.at("values").at("required").as_string() == "S1");
    const std::string id(edu.at("reason_text").at("id").as_string());
    CHECK(id.starts_with("pendidikan tidak diisi; paling rendah S1/D-IV disyaratkan (PP 11/2017"));
    CHECK(id.ends_with("pasal 107)"));
    CHECK(id.find("art.") == std::string::npos);
    CHECK(edu.at("cite_text").at("id").as_string().ends_with("pasal 107"));

    REQUIRE(by_kind.count("related_experience_not_stated"));
    CHECK(by_kind["related_experience_not_stated"].at("values").at("min_years").to_number<double>() > 0);
    CHECK(by_kind["related_experience_not_stated"].at("reason_text").at("id").as_string().starts_with(
        "lama pengalaman yang berkaitan dengan jabatan tidak diisi; paling sedikit "));
}

TEST_CASE("an applicant's reason the workflow does not give again reads back as stored in both languages", "[http][selection][i18n]") {
    // Data as an older version could have stored it: a reason text the judgement no longer writes,
    // and a withdrawal's own words.
    CaseRecord record;
    record.id = "SEL-000009";
    record.workflow = "open_selection";
    record.state = "assessment";
    record.data = R"j({"administrative":{"checked_on":"2025-02-25","eligible":0,"failed":1},)j"
                  R"j("requirements":{"min_rank":"IV/a","min_years_in_post":2,"max_age":56},)j"
                  R"j("applicants":[{"nip":"198506152010012005","name":"Siti","rank":"III/d","years_in_post":3,)j"
                  R"j("birth_date":"1985-06-15","disciplinary":"none","status":"failed",)j"
                  R"j("reasons":["golongan too low (old wording)","rank III/d below the required IV/a"]},)j"
                  R"j({"nip":"197603152005011002","name":"Fauzi","rank":"IV/b","years_in_post":4,)j"
                  R"j("birth_date":"1976-03-15","disciplinary":"none","status":"withdrawn",)j"
                  R"j("reasons":["diterima di Kementerian"]}]})j";
    const auto view = reports::selection_view(record);
    const auto listed = reports::applicants_json(view);
    const auto& failed = listed.at("applicants").at(0).at("reasons").as_array();
    REQUIRE(failed.size() == 2);
    CHECK(failed[0].at("kind").as_string() == "other");
    CHECK(failed[0].at("reason_text").at("id").as_string() == "golongan too low (old wording)");
    CHECK(failed[0].at("reason_text").at("en").as_string() == "golongan too low (old wording)");
    CHECK(failed[1].at("kind").as_string() == "rank_below");
    CHECK(failed[1].at("reason_text").at("id").as_string() == "golongan III/d di bawah syarat IV/a");
    const auto& withdrawn = listed.at("applicants").at(1).at("reasons").at(0);
    CHECK(withdrawn.at("kind").as_string() == "withdrawal");
    CHECK(withdrawn.at("reason_text").at("id").as_string() == "diterima di Kementerian");
}
