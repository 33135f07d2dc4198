// bench/build.cpp — large journals built fast: the engine decides one case,
// the journal stores it many times (commit_group, 1000 per transaction).
#include "bench.hpp"

#include "alur/engine/calendar.hpp"
#include "alur/engine/memory_journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <stdexcept>

namespace alur::bench {

EngineOptions engine_options(std::shared_ptr<Journal> journal, std::shared_ptr<const alur::Clock> clock) {
    EngineOptions o;
    o.journal = std::move(journal);
    o.clock = clock ? std::move(clock) : std::make_shared<SystemClock>();
    o.deadline_clock.calendar = Calendar(Calendar::shipped());
    o.channels = {"log"};
    return o;
}

std::shared_ptr<const Workflow> mutation_workflow() {
    static const auto wf = mutation::make_workflow({});
    return wf;
}

Command mutation_command(const std::string& case_id, const std::string& event, boost::json::object payload) {
    Command c;
    c.case_id = case_id;
    c.workflow = "mutation";
    c.event = event;
    c.payload = std::move(payload);
    c.actor = "bench";
    c.role = "admin";
    c.reason = "bench";
    c.recorded_by = "alur-bench";
    return c;
}

boost::json::object opening_payload(int serial, const std::string& unit) {
    boost::json::object p{{"nip", "197603152005011002"}, {"name", "Pegawai " + std::to_string(serial)},
                          {"grade", "administrator"},    {"post", "Kepala Bidang"},
                          {"inaugurated_at", "2020-01-06"}};
    if (!unit.empty()) p["unit"] = unit;
    return p;
}

namespace {

/// A memory journal that remembers every commit request it is given, in order.
class RecordingJournal final : public Journal {
public:
    std::vector<CommitRequest> requests;

    Result<Committed> commit(const CommitRequest& r) override {
        requests.push_back(r);
        return inner_.commit(r);
    }
    std::vector<Result<Committed>> commit_group(const std::vector<CommitRequest>& rs) override {
        requests.insert(requests.end(), rs.begin(), rs.end());
        return inner_.commit_group(rs);
    }
    Result<std::vector<Committed>> commit_all(const std::vector<CommitRequest>& rs) override {
        if (rs.size() != 1) throw std::logic_error("capture_template: linked commits are not supported");
        requests.insert(requests.end(), rs.begin(), rs.end());
        return inner_.commit_all(rs);
    }
    Result<CaseRecord> find_case(std::string_view id) override { return inner_.find_case(id); }
    Result<std::vector<EventRecord>> case_events(std::string_view id) override { return inner_.case_events(id); }
    Result<std::vector<CaseRecord>> list_cases(const CaseFilter& f) override { return inner_.list_cases(f); }
    Result<std::optional<IdempotencyRecord>> find_idempotency(std::string_view k) override {
        return inner_.find_idempotency(k);
    }
    Result<std::vector<EventRecord>> read_events(std::int64_t after, std::size_t limit) override {
        return inner_.read_events(after, limit);
    }
    Result<std::vector<IdempotencyRecord>> read_idempotency(std::string_view after, std::size_t limit) override {
        return inner_.read_idempotency(after, limit);
    }
    Result<std::vector<Timer>> case_timers(std::string_view id) override { return inner_.case_timers(id); }
    Result<std::optional<Timer>> next_timer() override { return inner_.next_timer(); }
    Result<std::vector<Timer>> due_timers(TimePoint now, std::size_t limit) override {
        return inner_.due_timers(now, limit);
    }
    Result<std::int64_t> timer_count() override { return inner_.timer_count(); }
    Result<std::vector<Notice>> pending_notices(TimePoint now, std::size_t limit) override {
        return inner_.pending_notices(now, limit);
    }
    Result<void> notice_delivered(std::int64_t id, TimePoint at) override { return inner_.notice_delivered(id, at); }
    Result<void> notice_failed(std::int64_t id, std::string_view error, TimePoint retry_at) override {
        return inner_.notice_failed(id, error, retry_at);
    }
    Result<std::vector<Notice>> case_notices(std::string_view id) override { return inner_.case_notices(id); }
    Result<std::vector<Notice>> read_notices(std::int64_t after, std::size_t limit) override {
        return inner_.read_notices(after, limit);
    }
    Result<std::uint64_t> change_counter() override { return inner_.change_counter(); }

private:
    MemoryJournal inner_;
};

}  // namespace

CaseTemplate capture_template(const std::vector<Command>& commands, TimePoint at) {
    auto journal = std::make_shared<RecordingJournal>();
    Engine engine(engine_options(journal, std::make_shared<ManualClock>(at)));
    engine.add_workflow(mutation_workflow());
    std::string id;
    for (Command c : commands) {
        if (!id.empty()) c.case_id = id;
        c.occurred_at = at;
        auto out = engine.submit(c);
        if (!out) throw std::runtime_error("template command " + c.event + ": " + out.error().message);
        id = out->projection.id;
    }
    CaseTemplate t;
    t.requests = std::move(journal->requests);
    for (std::size_t i = 1; i < t.requests.size(); ++i)
        if (t.requests[i].case_id != id) throw std::logic_error("capture_template: a command touched another case");
    return t;
}

std::int64_t write_copies(Journal& journal, const std::vector<CaseTemplate>& templates, std::int64_t cases,
                          std::size_t group, bool drop_timers) {
    std::int64_t events = 0;
    std::size_t longest = 0;
    for (const auto& t : templates) longest = std::max(longest, t.requests.size());
    std::vector<CommitRequest> batch;
    std::vector<std::string> ids;
    auto commit = [&] {
        auto results = journal.commit_group(batch);
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (!results[i]) throw std::runtime_error("write_copies: " + results[i].error().message);
        }
        events += static_cast<std::int64_t>(results.size());
        return results;
    };
    for (std::int64_t first = 0; first < cases; first += static_cast<std::int64_t>(group)) {
        const auto n = static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(group), cases - first));
        const auto tmpl = [&](std::size_t i) -> const CaseTemplate& {
            return templates[static_cast<std::size_t>(first + static_cast<std::int64_t>(i)) % templates.size()];
        };
        batch.clear();
        for (std::size_t i = 0; i < n; ++i) {
            batch.push_back(tmpl(i).requests[0]);
            if (drop_timers) batch.back().timers.reset();
        }
        auto opened = commit();
        ids.resize(n);
        for (std::size_t i = 0; i < n; ++i) ids[i] = opened[i]->projection.id;
        for (std::size_t step = 1; step < longest; ++step) {
            batch.clear();
            for (std::size_t i = 0; i < n; ++i) {
                const auto& reqs = tmpl(i).requests;
                if (step >= reqs.size()) continue;
                CommitRequest r = reqs[step];
                r.case_id = ids[i];
                if (drop_timers) r.timers.reset();
                else if (r.timers)
                    for (auto& timer : *r.timers) timer.case_id = ids[i];
                batch.push_back(std::move(r));
            }
            if (!batch.empty()) commit();
        }
    }
    return events;
}

}  // namespace alur::bench
