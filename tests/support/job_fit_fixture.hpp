// Job fit cases on the mutation fixture's engine (in-memory journal, manual
// clock; the mutation and development workflows are there too, for the cases
// a rotation and a develop open),
// and the payloads that take a job fit case from any state to the next one.
#pragma once

#include "mutation_fixture.hpp"

#include "alur/workflows/development.hpp"
#include "alur/workflows/job_fit.hpp"

#include <map>
#include <string>

namespace alur::test {

inline Date day(const std::string& text) { return parse_date(text).value(); }

/// Scores (bengkulu_2021) giving each outcome: 85 keep, 73 rotate, 60 develop.
inline std::map<std::string, double> bengkulu_scores(const std::string& outcome) {
    if (outcome == "keep") return {{"paper", 85}, {"interview", 85}, {"track_record", 85}, {"performance_contract", 85}};
    if (outcome == "rotate") return {{"paper", 80}, {"interview", 90}, {"track_record", 70}, {"performance_contract", 60}};
    return {{"paper", 60}, {"interview", 60}, {"track_record", 60}, {"performance_contract", 60}};
}

struct JobFitFixture : MutationFixture {
    explicit JobFitFixture(job_fit::Settings settings = {}, mutation::Settings mutation_settings = {},
                           std::shared_ptr<Journal> j = nullptr)
        : MutationFixture(std::move(mutation_settings), std::move(j)) {
        engine->add_workflow(job_fit::make_workflow(std::move(settings)));
        engine->add_workflow(development::make_workflow({}));
        batches->insert("JF-2025-001");
    }

    const Workflow& workflow() const { return *engine->find_workflow("job_fit"); }

    static roster::Official official(const std::string& grade = "jpt_pratama",
                                     const std::string& inaugurated = "2019-01-07") {
        return {"197005172000031001", "Ir. Rahmat Hidayat, M.T.", grade, "Kepala Dinas PUPR",
                "Dinas PUPR",         day(inaugurated),           day("1970-05-17")};
    }

    Result<Outcome> open_case(const roster::Official& o = official(), const std::string& profile = "",
                              const std::string& when = "2025-06-02T09:00") {
        Command c;
        c.workflow = "job_fit";
        c.payload = job_fit::open_payload(o, "JF-2025-001", day("2025-06-02"), profile);
        c.actor = "sari";
        c.role = "admin";
        c.reason = "job fit 2025";
        c.occurred_at = at(when);
        now_at_least(*c.occurred_at);
        return engine->submit(c);
    }

    void record_scores(const std::string& id, const std::map<std::string, double>& scores,
                       const std::string& when = "2025-06-03T10:00") {
        for (const auto& [component, value] : scores)
            send(id, "score_recorded", {{"component", component}, {"value", value}}, when).value();
    }

    /// Submits what the guards of `state`'s forward row need, then the forward
    /// event; the assessment gives `outcome`, the recommendation and the PPK approve.
    void advance(const std::string& id, const std::string& state, const std::string& outcome = "rotate",
                 const std::string& when = "2025-06-03T10:00") {
        if (state == "assessment") {
            record_scores(id, bengkulu_scores(outcome), when);
            send(id, "assessment_completed", {}, when).value();
        } else if (state == "panel_report") {
            send(id, "panel_reported", {{"ref", "BA-07/PANSEL/2025"}, {"summary", "sesuai"}}, when).value();
        } else if (state == "recommendation") {
            send(id, "recommendation_requested", {{"ref", "800/1/BKD"}}, when).value();
            send(id, "recommendation_received", {{"decision", "approve"}, {"ref", "B-1/BKN"}}, when).value();
        } else if (state == "ppk_review") {
            send(id, "ppk_reviewed", {{"decision", "approve"}, {"sk_number", "800/45/2025"}}, when, "ppk").value();
        }
    }

    /// Opens a case and takes it to `target` along the main path.
    /// With `when`, every event of the path happens then (an earlier case).
    std::string case_at(const std::string& target, const std::string& outcome = "rotate", const std::string& when = "") {
        std::string id = open_case(official(), "", when.empty() ? "2025-06-02T09:00" : when).value().projection.id;
        for (const char* s : {"assessment", "panel_report", "recommendation", "ppk_review"}) {
            if (state(id) == target) break;
            advance(id, s, outcome, when.empty() ? "2025-06-03T10:00" : when);
        }
        return id;
    }
};

}  // namespace alur::test
