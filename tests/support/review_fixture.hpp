// Performance review cases on the job fit fixture's engine (in-memory journal,
// manual clock; job_fit and mutation are there too, for the re-test and the
// move a review opens), and the payloads that take a review along its path.
#pragma once

#include "job_fit_fixture.hpp"

#include "alur/workflows/performance_review.hpp"

#include <string>
#include <utility>
#include <vector>

namespace alur::test {

struct ReviewFixture : JobFitFixture {
    explicit ReviewFixture(performance_review::Settings settings = {}) {
        engine->add_workflow(performance_review::make_workflow(std::move(settings)));
    }

    /// A JPT Pratama head of an OPD inaugurated on `inaugurated` (from open selection).
    static roster::Official head(const std::string& inaugurated = "2019-12-02") {
        return {"197005172000031001", "Ir. Rahmat Hidayat, M.T.", "jpt_pratama", "Kepala Dinas PUPR",
                "Dinas PUPR",         day(inaugurated),           day("1970-05-17")};
    }

    /// An administrator of a unit (not a JPT).
    static roster::Official staff() {
        return {"198807302012122001", "Rina Marlina, S.E.", "administrator", "Sekretaris Dinas", "Dinas Kesehatan",
                day("2019-01-10"),    day("1988-07-30")};
    }

    std::string open_review(const roster::Official& o, int year = 2020, const std::string& previous = "",
                            const std::string& when = "2020-01-06T09:00") {
        Command c;
        c.workflow = "performance_review";
        c.payload = performance_review::open_payload(o, year, previous);
        c.actor = "sari";
        c.role = "admin";
        c.reason = "penilaian kinerja";
        c.occurred_at = at(when);
        now_at_least(*c.occurred_at);
        return engine->submit(c).value().projection.id;
    }

    /// Two targets: T1 (weight 60, target 100) and T2 (weight 40, target 12); the contract signed.
    void sign_contract(const std::string& id, const std::string& when = "2020-01-10T10:00") {
        send(id, "target_set", {{"target", "T1"}, {"indicator", "jalan kabupaten mantap"}, {"target_value", 100},
                                {"weight", 60}, {"measure", "persen"}}, when).value();
        send(id, "target_set", {{"target", "T2"}, {"indicator", "jembatan direhabilitasi"}, {"target_value", 12},
                                {"weight", 40}, {"measure", "unit"}}, when).value();
        send(id, "contract_signed", {{"signed_on", when.substr(0, 10)}, {"ref", "PK/2020/PUPR"}}, when).value();
    }

    /// Records T1 and T2 as realised (percent of T1, count of T2).
    void achieve(const std::string& id, double t1, double t2, const std::string& when) {
        send(id, "achievement_recorded", {{"target", "T1"}, {"value", t1}}, when).value();
        send(id, "achievement_recorded", {{"target", "T2"}, {"value", t2}}, when).value();
    }

    /// Replays a case from its events and checks it equals the projection.
    bool replay_matches(const std::string& id) {
        auto replay = engine->replay_steps(id).value();
        auto record = engine->view(id).value().record;
        // Both in the canonical form the journal stores (62.0 is written 62).
        const bool same = replay.state == record.state &&
                          canonical_json(replay.data) == canonical_json(boost::json::parse(record.data));
        if (!same) UNSCOPED_INFO(id << " replay " << boost::json::serialize(replay.data) << "\n projection " << record.data);
        return same;
    }
};

}  // namespace alur::test
