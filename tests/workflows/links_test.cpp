// Linked cases: a job fit that closes records linked_case_closed on the case
// it came from, in the same transaction, when that case waits for it; the
// engine skips it when the origin's state takes no such event, and a refusal
// there refuses the job fit's event as a whole.
#include "job_fit_fixture.hpp"

#include "alur/engine/json.hpp"
#include "result_printing.hpp"

using namespace alur;
using alur::test::JobFitFixture;

namespace {

namespace json = boost::json;

/// A workflow of this test that waits for a linked case: waiting --
/// linked_case_closed --> done, and waiting <-> paused, where the notice is
/// not taken. Its guard refuses a notice from a case it does not wait for.
class WaiterMachine final : public CaseMachine {
public:
    std::unique_ptr<CaseMachine> clone() const override { return std::make_unique<WaiterMachine>(*this); }
    std::string state() const override { return state_; }
    const json::object& data() const override { return data_; }

    Result<void> apply(const EventInput& in) override {
        if (in.name == "opened") {
            data_ = in.payload;
            return {};
        }
        if (in.name == "paused" && state_ == "waiting") return state_ = "paused", Result<void>{};
        if (in.name == "resumed" && state_ == "paused") return state_ = "waiting", Result<void>{};
        if (in.name == "awaits" && state_ == "waiting") {
            data_["awaits"] = in.payload.at("case");
            return {};
        }
        if (in.name == "linked_case_closed" && state_ == "waiting") {
            if (const json::value* awaited = data_.if_contains("awaits"); awaited && *awaited != in.payload.at("case"))
                return make_error(errc::refused, "waits for " + std::string(awaited->as_string()));
            data_["closed"] = in.payload;
            state_ = "done";
            return {};
        }
        return make_error(errc::refused, "no transition from " + state_ + " on " + in.name);
    }

private:
    std::string state_ = "waiting";
    json::object data_;
};

class Waiter final : public Workflow {
public:
    std::string name() const override { return "waiter"; }
    std::string case_prefix() const override { return "W"; }
    std::string open_event() const override { return "opened"; }
    const std::vector<std::string>& states() const override { return states_; }
    const std::vector<std::string>& final_states() const override { return finals_; }
    const std::vector<EventSpec>& events() const override { return events_; }
    const std::vector<TransitionSpec>& transitions() const override { return rows_; }
    std::unique_ptr<CaseMachine> create() const override { return std::make_unique<WaiterMachine>(); }

private:
    static FieldSpec field(std::string name, FieldType type = FieldType::string, bool required = true) {
        FieldSpec f;
        f.name = std::move(name);
        f.type = type;
        f.required = required;
        return f;
    }
    static FieldSpec text(std::string name, bool required = true) {
        return field(std::move(name), FieldType::string, required);
    }
    std::vector<std::string> states_{"waiting", "paused", "done"};
    std::vector<std::string> finals_{"done"};
    std::vector<EventSpec> events_{
        {"opened", {text("note")}, {"admin"}, "open"},
        {"paused", {}, {"admin"}, "pause"},
        {"resumed", {}, {"admin"}, "resume"},
        {"awaits", {text("case")}, {"admin"}, "wait for one case"},
        {"linked_case_closed",
         {text("case"), text("workflow"), text("state"), text("outcome", false), text("decision", false),
          field("assessment", FieldType::object, false)},
         {},
         "a linked case closed"}};
    std::vector<TransitionSpec> rows_{{"waiting", "paused", "paused", "", false},
                                      {"paused", "resumed", "waiting", "", false},
                                      {"waiting", "awaits", "waiting", "", true},
                                      {"waiting", "linked_case_closed", "done", "", false}};
};

struct LinkFixture : JobFitFixture {
    LinkFixture() { engine->add_workflow(std::make_shared<Waiter>()); }

    std::string open_waiter() {
        Command c;
        c.workflow = "waiter";
        c.payload = {{"note", "menunggu uji kompetensi"}};
        c.actor = "sari";
        c.role = "admin";
        c.reason = "test";
        c.occurred_at = test::at("2025-06-02T08:00");
        return engine->submit(c).value().projection.id;
    }

    /// A job fit case whose origin is `origin`, taken to ppk_review with `outcome`.
    std::string job_fit_from(const std::string& origin, const std::string& outcome) {
        Command c;
        c.workflow = "job_fit";
        c.payload = job_fit::open_payload(official(), "JF-2025-001", test::day("2025-06-02"), "");
        c.payload.erase("batch");
        c.payload["origin"] = origin;
        c.actor = "sari";
        c.role = "admin";
        c.reason = "uji ulang";
        c.occurred_at = test::at("2025-06-02T09:00");
        std::string id = engine->submit(c).value().projection.id;
        for (const char* s : {"assessment", "panel_report", "recommendation"}) advance(id, s, outcome);
        return id;
    }

    Result<Outcome> review(const std::string& id, const std::string& decision = "approve") {
        return send(id, "ppk_reviewed", {{"decision", decision}, {"sk_number", "800/45/2025"}}, "2025-06-04T10:00",
                    "ppk");
    }

    std::size_t events() { return journal->read_events(0, 0).value().size(); }
};

}  // namespace

TEST_CASE("a closing job fit records linked_case_closed on the case waiting for it", "[links]") {
    LinkFixture f;
    const std::string waiter = f.open_waiter();
    const std::string jf = f.job_fit_from(waiter, "keep");
    auto out = f.review(jf).value();
    CHECK(out.projection.state == "closed");
    REQUIRE(out.linked.size() == 1);
    CHECK(out.linked[0].id == waiter);
    CHECK(out.linked[0].state == "done");
    CHECK(out.opened.empty());
    CHECK(f.state(waiter) == "done");

    auto history = f.journal->case_events(waiter).value();
    REQUIRE(history.size() == 2);
    const EventRecord& notice = history.back();
    CHECK(notice.name == "linked_case_closed");
    CHECK(notice.global_seq == out.event.global_seq + 1);  // written with the job fit's event
    CHECK(notice.actor == out.event.actor);  // the PPK who closed the job fit
    CHECK(notice.role == "ppk");
    CHECK(notice.occurred_at == out.event.occurred_at);
    auto payload = parse_json_object(notice.payload, "payload").value();
    CHECK(payload.at("case").as_string() == jf);
    CHECK(payload.at("workflow") == "job_fit");
    CHECK(payload.at("state") == "closed");
    CHECK(payload.at("outcome") == "keep");
    CHECK(payload.at("decision") == "approve");
    CHECK(payload.at("assessment").as_object().at("case").as_string() == jf);
    CHECK(payload.at("assessment").as_object().at("outcome") == "keep");
    CHECK(payload.at("assessment").as_object().contains("recommendation"));

    // Replay of either case gives its projection.
    for (const auto& id : {waiter, jf}) {
        auto replayed = f.engine->replay(id).value();
        auto record = f.engine->view(id).value().record;
        CHECK(replayed->state() == record.state);
        CHECK(canonical_json(replayed->data()) == record.data);
    }
}

TEST_CASE("an approved rotation opens the mutation and tells the origin in one commit", "[links]") {
    LinkFixture f;
    const std::string waiter = f.open_waiter();
    const std::string jf = f.job_fit_from(waiter, "rotate");
    auto out = f.review(jf).value();
    REQUIRE(out.opened.size() == 1);
    CHECK(out.opened[0].workflow == "mutation");
    REQUIRE(out.linked.size() == 1);
    CHECK(out.linked[0].id == waiter);
    auto payload = parse_json_object(f.journal->case_events(waiter).value().back().payload, "p").value();
    CHECK(payload.at("outcome") == "rotate");
}

TEST_CASE("an origin whose state takes no notice is left as it is", "[links]") {
    LinkFixture f;
    const std::string waiter = f.open_waiter();
    const std::string jf = f.job_fit_from(waiter, "keep");
    f.send(waiter, "paused", {}, "2025-06-03T11:00").value();
    auto out = f.review(jf).value();
    CHECK(out.projection.state == "closed");
    CHECK(out.linked.empty());
    CHECK(f.state(waiter) == "paused");
    CHECK(f.journal->case_events(waiter).value().size() == 2);

    SECTION("a job fit without an origin tells nobody") {
        std::string plain = f.case_at("ppk_review", "keep");
        auto closed = f.review(plain).value();
        CHECK(closed.linked.empty());
    }
}

TEST_CASE("a refused notice refuses the closing event and writes nothing", "[links]") {
    LinkFixture f;
    const std::string waiter = f.open_waiter();
    const std::string jf = f.job_fit_from(waiter, "keep");
    f.send(waiter, "awaits", {{"case", "JF-999999"}}, "2025-06-03T11:00").value();
    const auto before = f.events();
    auto out = f.review(jf);
    REQUIRE_FALSE(out);
    CHECK(out.error().code == errc::refused);
    CHECK_THAT(out.error().message, Catch::Contains("would record linked_case_closed on case " + waiter));
    CHECK_THAT(out.error().message, Catch::Contains("waits for JF-999999"));
    CHECK(f.events() == before);
    CHECK(f.state(jf) == "ppk_review");
    CHECK(f.state(waiter) == "waiting");
}

TEST_CASE("a withdrawn job fit tells its origin it was withdrawn", "[links]") {
    LinkFixture f;
    const std::string waiter = f.open_waiter();
    const std::string jf = f.job_fit_from(waiter, "develop");
    auto out = f.send(jf, "withdrawn", {{"reason", "pensiun"}}, "2025-06-04T10:00").value();
    REQUIRE(out.linked.size() == 1);
    auto payload = parse_json_object(f.journal->case_events(waiter).value().back().payload, "p").value();
    CHECK(payload.at("state") == "withdrawn");
    CHECK_FALSE(payload.contains("decision"));
    // A later acting row on the closed job fit does not notify again.
    CHECK(f.state(waiter) == "done");
}
