// Acting officials (Plt, pelaksana tugas) on the cases that leave a post
// vacant: a completed mutation, a job fit closed with an approved develop, an
// open selection under way. Each row of acting_rows.hpp, its guard and the
// final states around it.
#include "job_fit_fixture.hpp"

#include "alur/engine/json.hpp"
#include "alur/workflows/acting.hpp"
#include "alur/workflows/legal_bases.hpp"
#include "alur/workflows/open_selection.hpp"
#include "result_printing.hpp"

using namespace alur;
using alur::test::day;
using alur::test::JobFitFixture;
namespace json = boost::json;

namespace {

/// Drs. Syahrial, Sekretaris Dinas, acting as Kepala Dinas Pendidikan.
json::object plt(const std::string& from = "2025-06-04", const std::string& until = "2025-09-03",
                 const std::string& letter = "800/112/BKPSDM/2025") {
    return {{"nip", "197208142000031003"}, {"name", "Drs. Syahrial, M.Pd."}, {"post", "Kepala Dinas Pendidikan"},
            {"from", from},                {"until", until},                 {"letter", letter}};
}

json::object second_plt(const std::string& from, const std::string& until) {
    return {{"nip", "197511202001122002"}, {"name", "Dra. Yulia Fitri"}, {"post", "Kepala Dinas Pendidikan"},
            {"from", from},                {"until", until},             {"letter", "800/140/BKPSDM/2025"}};
}

std::string refusal(const Result<Outcome>& r) { return r ? std::string() : r.error().message; }

/// A fixture with all three workflows.
struct ActingFixture : JobFitFixture {
    ActingFixture() { engine->add_workflow(open_selection::make_workflow({})); }

    std::string selection() {
        Command c;
        c.workflow = "open_selection";
        c.payload = {{"post", "Kepala Dinas Pendidikan"}, {"unit", "Dinas Pendidikan"}, {"grade", "jpt_pratama"}};
        c.actor = "sari";
        c.role = "admin";
        c.reason = "jabatan lowong: pensiun";
        c.occurred_at = test::at("2025-06-02T09:00");
        return engine->submit(c).value().projection.id;
    }
};

}  // namespace

TEST_CASE("a completed move takes a Plt for the post it left, and stays final without a deadline", "[acting]") {
    ActingFixture f;
    auto id = f.case_in("completed");  // inaugurated into the new post on 2025-06-03
    const Workflow& wf = *f.engine->find_workflow("mutation");
    CHECK(wf.is_final("completed"));
    CHECK(wf.final_states() == std::vector<std::string>{"withdrawn", "rejected", "completed"});

    auto r = f.send(id, "acting_assigned", plt(), "2025-06-04T09:00");
    INFO(refusal(r));
    REQUIRE(r);
    CHECK(r->projection.state == "completed");
    CHECK_FALSE(r->projection.due_at);
    CHECK(f.journal->case_timers(id).value().empty());

    auto all = acting::acting_officials(f.data(id));
    REQUIRE(all.size() == 1);
    CHECK(all[0].nip == "197208142000031003");
    CHECK(all[0].letter == "800/112/BKPSDM/2025");
    CHECK(all[0].serves_on(day("2025-06-04")));
    CHECK(all[0].serves_on(day("2025-09-03")));
    CHECK_FALSE(all[0].serves_on(day("2025-09-04")));
    CHECK_FALSE(all[0].serves_on(day("2025-06-03")));
    CHECK(all[0].seq == r->event.seq);

    // Anything else on the completed case is still refused, saying it is final.
    auto other = f.send(id, "withdrawn", {{"reason", "x"}}, "2025-06-05T09:00");
    REQUIRE_FALSE(other);
    CHECK_THAT(other.error().message, Catch::Contains("completed is final"));
    CHECK_THAT(other.error().message, Catch::Contains("acting_assigned"));

    // Replay gives the same data.
    auto machine = f.engine->replay(id).value();
    CHECK(machine->state() == "completed");
    CHECK(canonical_json(machine->data()) == f.engine->view(id).value().record.data);
}

TEST_CASE("acting_assigned checks its fields: NIP, dates in order, the warrant", "[acting][payload]") {
    ActingFixture f;
    auto id = f.case_in("completed");
    const auto version = f.engine->view(id).value().record.version;
    auto expect_invalid = [&](json::object p, const std::string& field) {
        auto r = f.send(id, "acting_assigned", std::move(p), "2025-06-04T09:00");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_input);
        CHECK(r.error().field == field);
        CHECK(f.engine->view(id).value().record.version == version);
    };
    expect_invalid(plt("2025-06-10", "2025-06-09"), "until");
    auto bad_nip = plt();
    bad_nip["nip"] = "19720814200003100";  // 17 digits
    expect_invalid(bad_nip, "nip");
    auto no_letter = plt();
    no_letter.erase("letter");
    expect_invalid(no_letter, "letter");
    expect_invalid(plt("2025-02-30"), "from");
    // One day is a period.
    CHECK(f.send(id, "acting_assigned", plt("2025-06-10", "2025-06-10"), "2025-06-04T09:00"));
}

TEST_CASE("a Plt starts no earlier than the vacancy, one after another, and may end early", "[acting][guard]") {
    ActingFixture f;
    auto id = f.case_in("completed");

    auto early = f.send(id, "acting_assigned", plt("2025-06-02"), "2025-06-04T09:00");
    REQUIRE_FALSE(early);
    CHECK(early.error().code == errc::refused);
    CHECK_THAT(early.error().message, Catch::Contains("before the post became vacant on 2025-06-03"));
    CHECK_THAT(early.error().message, Catch::Contains(rules::cite("acting_official", day("2025-06-02"))));

    f.send(id, "acting_assigned", plt(), "2025-06-04T09:00").value();
    auto overlap = f.send(id, "acting_assigned", second_plt("2025-09-03", "2025-12-02"), "2025-06-05T09:00");
    REQUIRE_FALSE(overlap);
    CHECK_THAT(overlap.error().message, Catch::Contains("serves until 2025-09-03"));

    SECTION("a successive Plt after the first one's period") {
        f.send(id, "acting_assigned", second_plt("2025-09-04", "2025-12-03"), "2025-09-01T09:00").value();
        auto all = acting::acting_officials(f.data(id));
        REQUIRE(all.size() == 2);
        CHECK(all[1].name == "Dra. Yulia Fitri");
        CHECK(all[0].serves_on(day("2025-09-03")));
        CHECK(all[1].serves_on(day("2025-09-04")));
    }
    SECTION("ended early, then the next Plt") {
        auto outside = f.send(id, "acting_ended", {{"date", "2025-10-01"}, {"reason", "x"}}, "2025-07-01T09:00");
        REQUIRE_FALSE(outside);
        CHECK_THAT(outside.error().message, Catch::Contains("outside Plt Drs. Syahrial"));
        f.send(id, "acting_ended", {{"date", "2025-07-15"}, {"reason", "Plt sakit"}}, "2025-07-14T09:00").value();
        auto again = f.send(id, "acting_ended", {{"date", "2025-07-16"}, {"reason", "x"}}, "2025-07-14T09:00");
        REQUIRE_FALSE(again);
        CHECK_THAT(again.error().message, Catch::Contains("already ended on 2025-07-15"));
        auto all = acting::acting_officials(f.data(id));
        REQUIRE(all.size() == 1);
        CHECK(all[0].last_day() == day("2025-07-15"));
        CHECK(all[0].end_reason == "Plt sakit");
        CHECK_FALSE(all[0].serves_on(day("2025-07-16")));
        f.send(id, "acting_assigned", second_plt("2025-07-16", "2025-10-15"), "2025-07-15T09:00").value();
        CHECK(acting::acting_officials(f.data(id)).size() == 2);
    }
    SECTION("nothing to end on a case without a Plt") {
        auto other = f.case_in("completed");
        auto r = f.send(other, "acting_ended", {{"date", "2025-07-15"}, {"reason", "x"}});
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("no acting official (Plt) is assigned"));
    }
}

TEST_CASE("only the cases that leave a post vacant take a Plt", "[acting][guard]") {
    ActingFixture f;
    SECTION("an open mutation: the official is still in post") {
        auto id = f.case_in("inauguration");
        auto r = f.send(id, "acting_assigned", plt());
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("no transition from inauguration on acting_assigned"));
    }
    SECTION("a rejected or withdrawn mutation") {
        auto id = f.case_in("record_gathering");
        f.send(id, "withdrawn", {{"reason", "pensiun dini"}}).value();
        CHECK_FALSE(f.send(id, "acting_assigned", plt()));
    }
    SECTION("a job fit closed with keep or rotate keeps the official in a post") {
        for (const char* outcome : {"keep", "rotate"}) {
            auto id = f.case_at("closed", outcome);
            auto r = f.send(id, "acting_assigned", plt(), "2025-06-04T09:00");
            REQUIRE_FALSE(r);
            CHECK(r.error().code == errc::refused);
            CHECK_THAT(r.error().message, Catch::Contains("only an approved develop (rest from office) does"));
            CHECK_THAT(r.error().message, Catch::Contains(rules::cite("acting_official", day("2025-06-04"))));
        }
    }
    SECTION("a job fit closed with an approved develop: from the PPK's review") {
        auto id = f.case_at("closed", "develop");  // reviewed 2025-06-03
        CHECK(f.workflow().is_final("closed"));
        auto early = f.send(id, "acting_assigned", plt("2025-06-02"), "2025-06-04T09:00");
        REQUIRE_FALSE(early);
        CHECK_THAT(early.error().message, Catch::Contains("vacant on 2025-06-03"));
        f.send(id, "acting_assigned", plt("2025-06-03"), "2025-06-04T09:00").value();
        CHECK(acting::acting_officials(f.data(id)).size() == 1);
        CHECK(f.state(id) == "closed");
    }
    SECTION("a job fit closed by a negative recommendation") {
        auto id = f.case_at("recommendation", "develop");
        f.send(id, "recommendation_requested", {{"ref", "800/1/BKD"}}).value();
        f.send(id, "recommendation_received", {{"decision", "reject"}, {"ref", "B-1/BKN"}}).value();
        CHECK_FALSE(f.send(id, "acting_assigned", plt(), "2025-06-04T09:00"));
    }
    SECTION("an open selection for the vacant post, in any open state") {
        auto id = f.selection();
        f.send(id, "acting_assigned", plt("2025-05-01"), "2025-06-02T10:00").value();  // the vacancy predates the case
        f.send(id, "pansel_formed",
               {{"sk_number", "800/5/2025"}, {"chair", "Sekda"}, {"members", "A, B, C, D, E"}, {"member_count", 5}},
               "2025-06-02T11:00")
            .value();
        CHECK(f.state(id) == "announcement");
        f.send(id, "acting_ended", {{"date", "2025-06-30"}, {"reason", "diganti"}}, "2025-06-02T12:00").value();
        f.send(id, "acting_assigned", second_plt("2025-07-01", "2025-09-30"), "2025-06-02T12:00").value();
        CHECK(acting::acting_officials(f.data(id)).size() == 2);
        const Workflow& wf = *f.engine->find_workflow("open_selection");
        CHECK(wf.final_states() == std::vector<std::string>{"cancelled", "referred_to_job_fit", "completed"});
        CHECK(wf.events_from("completed").empty());
    }
}

TEST_CASE("acting_officials reads stored data and skips what is not a Plt", "[acting]") {
    CHECK(acting::acting_officials(std::string_view(R"({"official":{"nip":"1"}})")).empty());
    CHECK(acting::acting_officials(std::string_view("not json \"acting\"")).empty());
    auto two = acting::acting_officials(std::string_view(
        R"({"acting":[{"nip":"197208142000031003","name":"A","post":"P","from":"2025-06-04","until":"2025-09-03",)"
        R"("letter":"L","seq":5,"ended":{"date":"2025-07-01","reason":"r","seq":6}},{"from":"bad"},7]})"));
    REQUIRE(two.size() == 1);
    CHECK(two[0].seq == 5);
    CHECK(two[0].ended == day("2025-07-01"));
    CHECK(two[0].serves_on(day("2025-07-01")));
    CHECK_FALSE(two[0].serves_on(day("2025-07-02")));
}
