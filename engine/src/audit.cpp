#include "alur/engine/audit.hpp"

#include "alur/engine/json.hpp"
#include "verify_stores.hpp"

#include <map>
#include <set>

namespace alur::audit {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t);
}

/// The chain walk: one row at a time, in global order.
class ChainCheck {
public:
    std::optional<Problem> check(const EventRecord& e) {
        const std::int64_t expected = last_seq_ + 1;
        if (e.global_seq != expected)
            return Problem{expected, e.case_id, "global_seq",
                           "expected global sequence " + std::to_string(expected) + " but the next row is " +
                               std::to_string(e.global_seq) + " (a row was removed, inserted or moved)"};
        if (e.prev_hash != last_hash_)
            return Problem{e.global_seq, e.case_id, "prev_hash",
                           "does not link to the hash of row " + std::to_string(last_seq_) +
                               " (a row was removed, inserted or altered before it)"};
        if (compute_event_hash(e) != e.hash)
            return Problem{e.global_seq, e.case_id, "hash",
                           "the row's content does not match its hash (a column of this row was altered)"};
        std::int64_t& case_seq = case_seqs_[e.case_id];
        if (e.seq != case_seq + 1)
            return Problem{e.global_seq, e.case_id, "seq",
                           "case " + e.case_id + " event " + std::to_string(e.seq) + " follows its event " +
                               std::to_string(case_seq) + " (expected " + std::to_string(case_seq + 1) + ")"};
        case_seq = e.seq;
        last_seq_ = e.global_seq;
        last_hash_ = e.hash;
        return std::nullopt;
    }

    std::int64_t count() const { return last_seq_; }
    const std::string& head() const { return last_hash_; }
    std::int64_t case_version(const std::string& id) const {
        auto it = case_seqs_.find(id);
        return it == case_seqs_.end() ? 0 : it->second;
    }
    std::string hash_at_checkpoint;  ///< the hash of the row a checkpoint names, once passed

private:
    std::int64_t last_seq_ = 0;
    std::string last_hash_ = genesis_hash;
    std::map<std::string, std::int64_t, std::less<>> case_seqs_;
};

std::optional<Problem> compare(const CaseRecord& stored, const Engine::Replay& replay, std::int64_t version,
                               std::int64_t last_global) {
    if (stored.version != version)
        return Problem{last_global, stored.id, "version",
                       "the projection says version " + std::to_string(stored.version) + " but the case has " +
                           std::to_string(version) + " events"};
    if (stored.state != replay.state)
        return Problem{last_global, stored.id, "state",
                       "the projection says " + stored.state + " but replay gives " + replay.state};
    if (stored.data != canonical_json(replay.data))
        return Problem{last_global, stored.id, "data", "the projection's data differ from what replay gives"};
    return std::nullopt;
}

}  // namespace

std::string Checkpoint::line() const {
    return "alur-checkpoint v1 events=" + std::to_string(events) + " head=" + head_hash;
}

Result<Checkpoint> Checkpoint::parse(std::string_view line) {
    constexpr std::string_view prefix = "alur-checkpoint v1 events=";
    auto bad = [&](const std::string& why) {
        return make_error(errc::invalid_input, "not a checkpoint line (" + why +
                                                   "); expected: alur-checkpoint v1 events=N head=<64 hex digits>",
                          "checkpoint");
    };
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (!line.starts_with(prefix)) return bad("it does not start with 'alur-checkpoint v1 events='");
    line.remove_prefix(prefix.size());
    auto space = line.find(" head=");
    if (space == std::string_view::npos) return bad("no head=");
    Checkpoint c;
    try {
        std::size_t used = 0;
        c.events = std::stoll(std::string(line.substr(0, space)), &used);
        if (used != space || c.events < 0) return bad("events is not a count");
    } catch (const std::exception&) {
        return bad("events is not a count");
    }
    c.head_hash = std::string(line.substr(space + 6));
    if (c.head_hash.size() != 64 || c.head_hash.find_first_not_of("0123456789abcdef") != std::string::npos)
        return bad("head is not 64 lowercase hex digits");
    return c;
}

Result<Checkpoint> checkpoint(Journal& journal) {
    Checkpoint c{0, genesis_hash};
    for (std::int64_t after = 0;;) {
        auto page = journal.read_events(after, 10000);
        if (!page) return page.error();
        if (page->empty()) break;
        after = page->back().global_seq;
        c.events = after;
        c.head_hash = page->back().hash;
    }
    return c;
}

Result<VerifyReport> verify(Engine& engine, const VerifyOptions& options) {
    VerifyReport report;
    Journal& journal = engine.journal();
    ChainCheck chain;
    std::map<std::string, std::int64_t, std::less<>> last_global_of_case;
    auto start = Clock::now();
    std::size_t page_size = options.page;
    for (std::int64_t after = 0;;) {
        auto page = journal.read_events(after, page_size);
        if (!page) {
            if (page.error().code != errc::corrupt) return page.error();
            if (page_size > 1) {  // find the unreadable row: one at a time from here
                page_size = 1;
                continue;
            }
            report.problem = Problem{after + 1, {}, page.error().field.empty() ? "row" : page.error().field,
                                     "cannot be read: " + page.error().message};
            break;
        }
        if (page->empty()) break;
        for (const EventRecord& e : *page) {
            if ((report.problem = chain.check(e))) break;
            last_global_of_case[e.case_id] = e.global_seq;
            if (options.checkpoint && e.global_seq == options.checkpoint->events) chain.hash_at_checkpoint = e.hash;
        }
        if (report.problem) break;
        after = page->back().global_seq;
    }
    report.events = chain.count();
    report.chain_time = since(start);
    if (!report.problem && options.checkpoint) {
        const Checkpoint& cp = *options.checkpoint;
        if (cp.events > chain.count())
            report.problem = Problem{chain.count() + 1, {}, "global_seq",
                                     "the journal has " + std::to_string(chain.count()) +
                                         " events but the checkpoint covers " + std::to_string(cp.events)};
        else if ((cp.events == 0 ? genesis_hash : chain.hash_at_checkpoint) != cp.head_hash)
            report.problem = Problem{cp.events, {}, "hash",
                                     "the journal no longer begins with the events of the checkpoint (row " +
                                         std::to_string(cp.events) + " has another hash)"};
    }
    if (report.problem) return report;

    start = Clock::now();
    CaseFilter all;
    auto cases = journal.list_cases(all);
    if (!cases) return cases.error();
    std::set<std::string, std::less<>> projected;
    for (const CaseRecord& c : *cases) projected.insert(c.id);
    if (!options.case_id)
        for (const auto& [id, last] : last_global_of_case)
            if (!projected.count(id)) {
                report.problem = Problem{last, id, "cases",
                                         "case " + id + " has " + std::to_string(chain.case_version(id)) +
                                             " events in the chain but no projection row (it was deleted)"};
                return report;
            }
    auto stores = detail::read_stores(journal, options.page, report.problem);
    if (!stores) return stores.error();
    if (report.problem) return report;
    for (const CaseRecord& c : *cases) {
        if (options.case_id && c.id != *options.case_id) continue;
        if (chain.case_version(c.id) == 0) {
            report.problem = Problem{0, c.id, "cases", "case " + c.id + " has a projection row but no events in the chain"};
            break;
        }
        const std::int64_t last = last_global_of_case[c.id];
        auto replay = engine.replay_steps(c.id);
        if (!replay) {
            if (replay.error().code != errc::corrupt) return replay.error();
            report.problem = Problem{last, c.id, "payload", replay.error().message};
            break;
        }
        ++report.cases;
        if ((report.problem = compare(c, *replay, chain.case_version(c.id), last))) break;
        const Workflow* wf = engine.find_workflow(c.workflow);
        if (!wf) {
            report.problem = Problem{last, c.id, "workflow", "case " + c.id + " belongs to unknown workflow " + c.workflow};
            break;
        }
        static const std::vector<Timer> no_timers;
        static const std::vector<Notice> no_notices;
        static const std::vector<IdempotencyRecord> no_keys;
        auto timers = stores->timers.find(c.id);
        auto notices = stores->notices.find(c.id);
        auto keys = stores->keys.find(c.id);
        if ((report.problem = detail::check_deadlines(engine, *wf, c, *replay,
                                                      timers == stores->timers.end() ? no_timers : timers->second)))
            break;
        if ((report.problem = detail::check_notices(engine, *wf, c, *replay,
                                                    notices == stores->notices.end() ? no_notices : notices->second)))
            break;
        if ((report.problem = detail::check_keys(c, *replay, keys == stores->keys.end() ? no_keys : keys->second)))
            break;
    }
    if (!report.problem && !options.case_id) report.problem = detail::check_orphans(*stores, projected);
    if (!report.problem && options.case_id && report.cases == 0)
        return make_error(errc::not_found, "no case " + *options.case_id);
    report.replay_time = since(start);
    return report;
}

}  // namespace alur::audit
