// A mutation case on an in-memory journal with a manual clock, and the
// payloads that take a case from any state to the next one.
#pragma once

#include "alur/engine/engine.hpp"
#include "alur/engine/json.hpp"
#include "result_printing.hpp"
#include "alur/engine/memory_journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <boost/json.hpp>

#include <memory>
#include <set>
#include <string>

namespace alur::test {

inline TimePoint at(const std::string& text) {
    return parse_datetime(text, TimeZone{}).value();
}

struct MutationFixture {
    std::shared_ptr<Journal> journal;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(at("2025-06-02T09:00"));
    std::unique_ptr<Engine> engine;
    /// The job fit batches that exist (FieldSpec::reference_kind "jobfit_batch").
    /// When send() is given no time: this one, or (if empty) the clock's now,
    /// which is the latest event's time so far.
    std::string default_when = "2025-06-03T10:00";
    std::shared_ptr<std::set<std::string, std::less<>>> batches = std::make_shared<std::set<std::string, std::less<>>>();

    explicit MutationFixture(mutation::Settings settings = {}, std::shared_ptr<Journal> j = nullptr,
                             EngineOptions options = {})
        : journal(j ? std::move(j) : std::make_shared<MemoryJournal>()) {
        options.journal = journal;
        options.clock = clock;
        if (!options.reference_exists)
            options.reference_exists = [b = batches](std::string_view kind, std::string_view id) -> Result<bool> {
                return kind == "jobfit_batch" && b->count(id) > 0;
            };
        engine = std::make_unique<Engine>(options);
        engine->add_workflow(mutation::make_workflow(std::move(settings)));
    }

    /// `extra` fields join the opened payload (target_grade, scope, profile).
    Result<Outcome> open(const std::string& grade = "jpt_pratama", const std::string& inaugurated = "2020-01-06",
                         const std::string& when = "2025-06-02T09:00", const boost::json::object& extra = {}) {
        Command c;
        c.workflow = "mutation";
        c.payload = {{"nip", "197603152005011002"},
                     {"name", "Drs. Ahmad Fauzi, M.Si"},
                     {"grade", grade},
                     {"post", "Kepala Dinas Pendidikan"},
                     {"target", "Kepala Dinas Kesehatan"},
                     {"unit", "Dinas Pendidikan"},
                     {"inaugurated_at", inaugurated}};
        for (const auto& kv : extra) c.payload[kv.key()] = kv.value();
        c.actor = "sari";
        c.role = "admin";
        c.reason = "usulan mutasi";
        c.occurred_at = at(when);
        now_at_least(*c.occurred_at);
        return engine->submit(c);
    }

    /// The clock moves on to `t` if it is earlier: an event is entered when it happens.
    void now_at_least(TimePoint t) {
        if (clock->now() < t) clock->set(t);
    }

    Result<Outcome> send(const std::string& id, const std::string& event, boost::json::object payload = {},
                         const std::string& when = "", const std::string& role = "admin") {
        Command c;
        c.case_id = id;
        c.event = event;
        c.payload = std::move(payload);
        c.actor = role == "ppk" ? "bupati" : "sari";
        c.role = role;
        c.reason = "test";
        c.occurred_at = when.empty() ? (default_when.empty() ? clock->now() : at(default_when)) : at(when);
        now_at_least(*c.occurred_at);
        return engine->submit(c);
    }

    std::string state(const std::string& id) { return engine->view(id).value().record.state; }

    boost::json::object data(const std::string& id) {
        return boost::json::parse(engine->view(id).value().record.data).as_object();
    }

    /// Submits what the guards of `state`'s forward row need, then the forward event.
    void complete(const std::string& id, const std::string& state, const std::string& when = "2025-06-03T10:00") {
        if (state == "record_gathering") {
            for (const auto& item : mutation::record_items()) send(id, "record_added", {{"item", item}, {"value", "ok"}}, when).value();
            send(id, "records_completed", {}, when).value();
        } else if (state == "field_visit") {
            send(id, "interview_recorded", {{"role", "rt_head"}, {"name", "Pak RT"}, {"summary", "baik"}}, when).value();
            send(id, "interview_recorded", {{"role", "neighbour"}, {"name", "Bu Ani"}, {"summary", "ramah"}}, when).value();
            send(id, "interview_recorded", {{"role", "community_figure"}, {"name", "Ustadz Salim"}, {"summary", "aktif"}}, when).value();
            send(id, "visit_completed", {}, when).value();
        } else if (state == "scoring") {
            for (auto [c, v] : {std::pair{"paper", 80}, {"interview", 90}, {"track_record", 70}, {"performance_contract", 60}})
                send(id, "score_recorded", {{"component", c}, {"value", v}}, when).value();
            send(id, "scoring_completed", {}, when).value();
        } else if (state == "recommendation") {
            send(id, "recommendation_requested", {{"ref", "800/1/BKD"}}, when).value();
            send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "B-1/BKN"}}, when).value();
        } else if (state == "ppk_decision") {
            send(id, "ppk_decided", {{"decision", "approve"}, {"post", "Kepala Dinas Kesehatan"}, {"sk_number", "821/12/2025"}}, when, "ppk").value();
        } else if (state == "presidential_decision") {
            send(id, "proposal_sent", {{"letter", "800.1.3/77/BKD"}, {"via_mendagri", "yes"}}, when).value();
            send(id, "president_decided", {{"decision", "approve"}, {"keppres_number", "Keppres 12/TPA/2025"}, {"date", when.substr(0, 10)}}, when).value();
        } else if (state == "inauguration") {
            send(id, "inaugurated", {{"date", "2025-06-03"}, {"sk_number", "821/12/2025"}}, when).value();
        }
    }

    /// Opens a case and takes it to `target` along the main path of its
    /// grade; with `when`, every event of the path happens then (an earlier case).
    /// `extra` joins the opened payload.
    std::string case_in(const std::string& target, const std::string& grade = "jpt_pratama",
                        const std::string& inaugurated = "2020-01-06", const std::string& when = "",
                        const boost::json::object& extra = {}) {
        std::string id = open(grade, inaugurated, when.empty() ? "2025-06-02T09:00" : when, extra).value().projection.id;
        for (int step = 0; step < 8 && state(id) != target; ++step)
            complete(id, state(id), when.empty() ? "2025-06-03T10:00" : when);
        return id;
    }
};

}  // namespace alur::test
