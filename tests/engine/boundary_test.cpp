// The engine's boundary: what a hostile or careless user types is refused,
// with the field named, and nothing is written; what is accepted reads back,
// replays and verifies. Every adapter goes through Engine::submit, so these
// hold for the CLI, the HTTP API, roster import and any adapter written later.
#include "job_fit_fixture.hpp"

#include "alur/engine/audit.hpp"
#include "alur/engine/text.hpp"

#include <cmath>
#include <limits>

using namespace alur;
using alur::test::at;
using alur::test::JobFitFixture;
using alur::test::MutationFixture;

namespace {

std::size_t event_count(Journal& j) { return j.read_events(0, 0).value().size(); }

Command opening(boost::json::object payload) {
    Command c;
    c.workflow = "mutation";
    c.payload = {{"nip", "197603152005011002"}, {"name", "Drs. Ahmad Fauzi"},  {"grade", "jpt_pratama"},
                 {"post", "Kepala Dinas Pendidikan"}, {"inaugurated_at", "2020-01-06"}};
    for (const auto& kv : payload) c.payload[kv.key()] = kv.value();
    c.actor = "sari";
    c.role = "admin";
    c.occurred_at = at("2025-06-02T09:00");
    return c;
}

/// Submits `c` and requires an invalid_input refusal naming `field` that wrote nothing.
void refused_naming(MutationFixture& f, const Command& c, const std::string& field, const std::string& says) {
    const auto before = event_count(*f.journal);
    auto r = f.engine->submit(c);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::invalid_input);
    CHECK(r.error().field == field);
    CHECK_THAT(r.error().message, Catch::Contains(says));
    // The refusal itself is clean text, whatever the input held.
    CHECK(is_valid_utf8(r.error().message));
    CHECK(text_problem(r.error().message, TextKind::free_text, 100000) == std::nullopt);
    CHECK(event_count(*f.journal) == before);
}

}  // namespace

TEST_CASE("text: invalid UTF-8, control characters and blanks are refused in every field", "[engine][boundary]") {
    MutationFixture f;
    refused_naming(f, opening({{"name", "Ahmad \xff\xfe"}}), "name", "not valid UTF-8 (byte 0xFF at offset 6)");
    refused_naming(f, opening({{"name", "Ahmad \xc0\xaf"}}), "name", "not valid UTF-8");          // overlong
    refused_naming(f, opening({{"name", "Ahmad \xed\xa0\x80"}}), "name", "not valid UTF-8");      // surrogate
    refused_naming(f, opening({{"name", "Ahmad\x1b[2J"}}), "name", "control character U+001B");
    refused_naming(f, opening({{"post", "Kepala\nDinas"}}), "post", "control character U+000A");
    refused_naming(f, opening({{"name", "\xe2\x80\x8b \xc2\xa0"}}), "name", "holds only white space");
    refused_naming(f, opening({{"name", ""}}), "name", "is empty");
    refused_naming(f, opening({{"name", std::string(2001, 'a')}}), "name", "longer than 2000 characters");

    Command bad_actor = opening({});
    bad_actor.actor = "sari\x07";
    refused_naming(f, bad_actor, "actor", "control character U+0007");
    Command blank_role = opening({});
    blank_role.role = "\xef\xbb\xbf";  // a byte-order mark alone
    refused_naming(f, blank_role, "role", "white space");
    Command ansi_reason = opening({});
    ansi_reason.reason = "usul\x1b]0;pwned\x07";
    refused_naming(f, ansi_reason, "reason", "U+001B");
    Command c1_reason = opening({});
    c1_reason.reason = "usul \xc2\x9b";  // C1 CSI
    refused_naming(f, c1_reason, "reason", "U+009B");
    Command bad_key = opening({});
    bad_key.idempotency_key = std::string("k\0y", 3);
    refused_naming(f, bad_key, "idempotency_key", "U+0000");
    Command bad_field_name = opening({});
    bad_field_name.payload["na\xffme"] = "x";
    refused_naming(f, bad_field_name, "payload", "not valid UTF-8");

    // Free text keeps its newlines and tabs; names in every script are fine.
    Command good = opening({{"name", "Dr. Ni Luh Putu Ayu Śrī Dewi 🌺"}});
    good.reason = "usulan mutasi:\n\t- rotasi berkala";
    auto opened = f.engine->submit(good);
    REQUIRE(opened);
    auto id = opened->projection.id;
    REQUIRE(f.send(id, "withdrawn", {{"reason", "pensiun dini\nsurat terlampir"}}, "2025-06-03T10:00"));
    const auto events = f.journal->case_events(id).value();
    CHECK(events.front().reason == good.reason);
    CHECK_THAT(events.front().payload, Catch::Contains("Śrī Dewi 🌺"));
    CHECK(audit::verify(*f.engine).value().ok());
}

TEST_CASE("types: text, date and choice fields take strings only, and numbers are finite", "[engine][boundary]") {
    MutationFixture f;
    refused_naming(f, opening({{"name", 42}}), "name", "must be text (got a number 42)");
    refused_naming(f, opening({{"post", true}}), "post", "must be text (got a boolean true)");
    refused_naming(f, opening({{"post", boost::json::object{{"a", 1}}}}), "post", "must be text (got an object)");
    refused_naming(f, opening({{"grade", 1}}), "grade", "must be one of");
    refused_naming(f, opening({{"inaugurated_at", 20200106}}), "inaugurated_at", "must be a date");
    auto id = f.case_in("scoring");
    Command nan;
    nan.case_id = id;
    nan.event = "score_recorded";
    nan.actor = "sari";
    nan.role = "admin";
    nan.occurred_at = at("2025-06-03T10:00");
    nan.payload = {{"component", "paper"}, {"value", std::numeric_limits<double>::quiet_NaN()}};
    refused_naming(f, nan, "value", "finite");
    nan.payload["value"] = std::numeric_limits<double>::infinity();
    refused_naming(f, nan, "value", "finite");
    nan.payload["value"] = "80";
    refused_naming(f, nan, "value", "must be a number");
}

TEST_CASE("times: between 1900 and 2200, not in the future beyond the skew, in case order", "[engine][boundary]") {
    CHECK_FALSE(parse_date("0000-01-01"));
    CHECK_FALSE(parse_date("1899-12-31"));
    CHECK(parse_date("1900-01-01"));
    CHECK(parse_date("2200-12-31"));
    CHECK_FALSE(parse_date("2201-01-01"));
    auto far = parse_datetime("9999-12-31T23:59", TimeZone{});
    REQUIRE_FALSE(far);
    CHECK_THAT(far.error().message, Catch::Contains("outside the times Alur accepts"));
    // The ends: whatever is accepted prints as text that reads back (found by fuzz_time).
    CHECK_FALSE(parse_datetime("1900-01-01", TimeZone{}));  // 1899-12-31T17:00Z
    CHECK(parse_datetime("1900-01-01T07:00", TimeZone{}));
    const auto last = parse_datetime("2200-12-31T23:59:59Z", TimeZone{});
    REQUIRE(last);
    CHECK(parse_datetime(format_local(*last, TimeZone{}), TimeZone{}).value() == *last);
    CHECK_FALSE(parse_datetime("1900-01-01T00:00+99:00", TimeZone{}));

    MutationFixture f;  // the clock says 2025-06-02 09:00 WIB
    Command c = opening({});
    c.occurred_at = TimePoint{} - std::chrono::hours(24 * 365 * 2000);  // year 0
    refused_naming(f, c, "at", "outside the times Alur accepts");
    c.occurred_at = f.clock->now() + std::chrono::minutes(11);
    refused_naming(f, c, "at", "lies in the future");
    c.occurred_at = f.clock->now() + std::chrono::minutes(10);
    auto opened = f.engine->submit(c);
    REQUIRE(opened);
    const auto id = opened->projection.id;

    // A case's events are entered in the order they happened; the same instant is fine.
    Command earlier;
    earlier.case_id = id;
    earlier.event = "record_added";
    earlier.payload = {{"item", "skp"}, {"value", "baik"}};
    earlier.actor = "sari";
    earlier.role = "admin";
    earlier.occurred_at = *c.occurred_at - std::chrono::milliseconds(1);
    refused_naming(f, earlier, "at", "lies before the last event of case " + id);
    earlier.occurred_at = c.occurred_at;
    CHECK(f.engine->submit(earlier));
    // Old paper records, entered in their order, stay possible on a new case.
    Command old = opening({{"nip", "196503151990031002"}, {"inaugurated_at", "1998-03-02"}});
    old.occurred_at = at("2001-04-02T09:00");
    CHECK(f.engine->submit(old));

    SECTION("the skew is configurable") {
        EngineOptions o;
        o.max_future_skew = std::chrono::hours(2);
        MutationFixture g({}, nullptr, o);
        Command soon = opening({});
        soon.occurred_at = g.clock->now() + std::chrono::minutes(90);
        CHECK(g.engine->submit(soon));
    }
}

TEST_CASE("payload dates: an inauguration not after the event, not before the official turned 17",
          "[engine][boundary]") {
    MutationFixture f;
    refused_naming(f, opening({{"inaugurated_at", "2025-06-03"}}), "inaugurated_at",
                   "lies after the event's own date (2025-06-02)");
    refused_naming(f, opening({{"inaugurated_at", "1993-03-14"}}), "inaugurated_at",
                   "before the official turned 17 (born 1976-03-15 by the NIP)");
    CHECK(f.engine->submit(opening({{"inaugurated_at", "1993-03-15"}})));
    auto id = f.case_in("inauguration");
    auto future = f.send(id, "inaugurated", {{"date", "2025-06-04"}, {"sk_number", "821/1"}}, "2025-06-03T10:00");
    REQUIRE_FALSE(future);
    CHECK(future.error().field == "date");
    auto before_open = f.send(id, "inaugurated", {{"date", "2025-06-01"}, {"sk_number", "821/1"}}, "2025-06-03T10:00");
    REQUIRE_FALSE(before_open);
    CHECK_THAT(before_open.error().message, Catch::Contains("lies before the case was opened (2025-06-02)"));
}

TEST_CASE("the NIP is checked by the workflow for every adapter and every workflow", "[engine][boundary][nip]") {
    JobFitFixture f;
    refused_naming(f, opening({{"nip", "19760315200501100"}}), "nip", "a NIP has 18 digits");
    refused_naming(f, opening({{"nip", "197613152005011002"}}), "nip", "not a real birth date");
    refused_naming(f, opening({{"nip", "197603152005013002"}}), "nip", "digit 15 of the NIP must be 1 or 2");
    // job_fit's opened: the NIP, and a birth date that must be the NIP's.
    Command jf;
    jf.workflow = "job_fit";
    jf.payload = job_fit::open_payload(JobFitFixture::official(), "JF-2025-001", alur::test::day("2025-06-02"), "");
    jf.actor = "sari";
    jf.role = "admin";
    jf.occurred_at = at("2025-06-02T09:00");
    Command wrong_birth = jf;
    wrong_birth.payload["birth_date"] = "1970-05-18";
    refused_naming(f, wrong_birth, "birth_date", "differs from the birth date in the NIP (1970-05-17)");
    Command wrong_nip = jf;
    wrong_nip.payload["nip"] = "1970051720000310012";
    refused_naming(f, wrong_nip, "nip", "18 digits");
    // A batch that does not exist.
    Command no_batch = jf;
    no_batch.payload["batch"] = "JF-2099-777";
    refused_naming(f, no_batch, "batch", "names jobfit_batch JF-2099-777, which does not exist");
    CHECK(f.engine->submit(jf));
}

TEST_CASE("a reference to another case must name one that exists", "[engine][boundary]") {
    MutationFixture f;
    refused_naming(f, opening({{"origin", "JF-000404"}}), "origin", "names case JF-000404, which does not exist");
    auto first = f.open().value().projection.id;
    CHECK(f.engine->submit(opening({{"origin", first}})));
}

TEST_CASE("corrections never change a decision already taken", "[engine][boundary][correction]") {
    MutationFixture f;
    auto id = f.case_in("recommendation");  // paper 80, interview 90, track 70, contract 60: rotate
    const auto events = f.journal->case_events(id).value();
    auto seq_of = [&](const std::string& name, const std::string& needle) -> std::int64_t {
        for (const auto& e : events)
            if (e.name == name && e.payload.find(needle) != std::string::npos) return e.seq;
        return 0;
    };
    auto correction = [](std::int64_t of, const std::string& field, boost::json::value v) {
        return boost::json::object{{"of", of}, {"field", field}, {"value", v}, {"reason", "salah ketik"}};
    };
    const auto before = event_count(*f.journal);
    SECTION("an item corrected away would refuse records_completed: the event and its rule are named") {
        const auto skp = seq_of("record_added", "\"item\":\"skp\"");
        auto r = f.send(id, "corrected", correction(skp, "item", "edijab"), "2025-06-20T10:00");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::refused);
        CHECK_THAT(r.error().message, Catch::Contains("would change a decision already taken"));
        CHECK_THAT(r.error().message, Catch::Contains("(records_completed) would then be refused"));
        CHECK(event_count(*f.journal) == before);
    }
    SECTION("an interviewee's name can be corrected even on a closed case; a score cannot") {
        f.complete(id, "recommendation");
        f.complete(id, "ppk_decision");
        f.complete(id, "inauguration");
        REQUIRE(f.state(id) == "completed");
        const auto interview = seq_of("interview_recorded", "Bu Ani");
        REQUIRE(f.send(id, "corrected", correction(interview, "name", "Bu Ani Suryani"), "2025-06-20T10:00"));
        const auto paper = seq_of("score_recorded", "\"paper\"");
        auto r = f.send(id, "corrected", correction(paper, "value", 81), "2025-06-20T10:00");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::refused);
        CHECK_THAT(r.error().message, Catch::Contains("is closed (completed)"));
        CHECK_THAT(r.error().message, Catch::Contains("score_recorded.value is read by the workflow's rules"));
        CHECK(audit::verify(*f.engine).value().ok());
    }
    SECTION("a correction may not be dated before the case's last event") {
        const auto paper = seq_of("score_recorded", "\"paper\"");
        auto r = f.send(id, "corrected", correction(paper, "value", 81), "2025-06-01T10:00");
        REQUIRE_FALSE(r);
        CHECK(r.error().field == "at");
    }
    SECTION("a corrected value must be clean text too") {
        const auto interview = seq_of("interview_recorded", "Bu Ani");
        auto r = f.send(id, "corrected", correction(interview, "name", "Bu \x1b[31mAni"), "2025-06-20T10:00");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_input);
        CHECK(event_count(*f.journal) == before);
    }
}
