#include "alur/engine/audit.hpp"

#include "alur/engine/json.hpp"
#include "replay.hpp"
#include "verify_stores.hpp"
#include "verify_stream.hpp"

#include <boost/json/parse.hpp>

#include <map>
#include <set>

namespace alur::audit {
namespace {

/// Whether stored projection text holds the same JSON values as `replayed`
/// (canonical): a projection written before canonical JSON printed whole
/// numbers as integers (schema version 1: 8E1 for 80) is not altered.
bool same_values(const std::string& stored, const std::string& replayed) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(stored, ec);
    return !ec && canonical_json(v) == replayed;
}

std::optional<Problem> compare(const CaseRecord& stored, const std::string& state, const boost::json::object& data,
                               std::int64_t version, std::int64_t last_global) {
    if (stored.version != version)
        return Problem{last_global, stored.id, "version",
                       "the projection says version " + std::to_string(stored.version) + " but the case has " +
                           std::to_string(version) + " events"};
    if (stored.state != state)
        return Problem{last_global, stored.id, "state", "the projection says " + stored.state + " but replay gives " + state};
    if (const std::string replayed = canonical_json(data); stored.data != replayed && !same_values(stored.data, replayed))
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

namespace {

/// One case replayed from the events the stream gathered, then checked
/// against its projection and the rows read in bulk (`stores`: null when they
/// could not be read, which is reported before any case's finding).
detail::CaseOutcome check_case(const Engine& engine, const detail::Stores* stores, const CaseRecord& c,
                               std::vector<EventRecord> events, std::int64_t last) {
    detail::CaseOutcome out;
    const Workflow* wf = engine.find_workflow(c.workflow);
    if (!wf) {  // what Engine::replay_steps says
        out.problem = Problem{last, c.id, "payload", "case " + c.id + " belongs to unknown workflow '" + c.workflow + "'"};
        return out;
    }
    const std::int64_t version = events.empty() ? 0 : events.back().seq;
    Engine::Replay replay;
    replay.workflow = c.workflow;
    auto machine = alur::detail::replay_into_steps(*wf, std::move(events), replay.steps);
    if (!machine) {
        if (machine.error().code != errc::corrupt) out.error = machine.error();
        else out.problem = Problem{last, c.id, "payload", machine.error().message};
        return out;
    }
    replay.state = (*machine)->state();
    out.replayed = true;
    if ((out.problem = compare(c, replay.state, (*machine)->data(), version, last)) || !stores) return out;
    static const std::vector<Timer> no_timers;
    static const std::vector<IdempotencyRecord> no_keys;
    auto timers = stores->timers.find(c.id);
    auto notices = stores->notices.find(c.id);
    auto keys = stores->keys.find(c.id);
    if ((out.problem = detail::check_deadlines(engine, *wf, c, replay,
                                               timers == stores->timers.end() ? no_timers : timers->second)))
        return out;
    if (notices != stores->notices.end()) {
        replay.data = (*machine)->data();  // only check_notices reads it
        if ((out.problem = detail::check_notices(engine, *wf, c, replay, notices->second))) return out;
    }
    out.problem = detail::check_keys(c, replay, keys == stores->keys.end() ? no_keys : keys->second);
    return out;
}

}  // namespace

// The findings come in the order the row-by-row, case-by-case walk found
// them: the chain (first bad row), the checkpoint, a case of the chain
// without projection, the bulk rows, then the cases in id order, then rows
// of cases without projection.
Result<VerifyReport> verify(Engine& engine, const VerifyOptions& options) {
    VerifyReport report;
    Journal& journal = engine.journal();
    // One snapshot for every read below: a live journal (serve's timers, other
    // writers) must not show a projection older than the events read after it.
    const auto snapshot = journal.read_snapshot();
    CaseFilter all;
    auto cases = journal.list_cases(all);  // an error is reported after the chain's findings
    std::optional<Problem> stores_problem;
    std::optional<Result<detail::Stores>> stores;
    if (cases) stores = detail::read_stores(journal, options.page, stores_problem);
    const detail::Stores* usable = stores && *stores && !stores_problem ? &**stores : nullptr;
    auto stream = detail::stream_verify(
        journal, options, cases ? &*cases : nullptr,
        [&](const CaseRecord& c, std::vector<EventRecord> events, std::int64_t last) {
            return check_case(engine, usable, c, std::move(events), last);
        });
    if (stream.error) return *stream.error;
    report.events = stream.events;
    report.chain_time = stream.chain_time;
    report.replay_time = stream.replay_time;
    if ((report.problem = stream.chain_problem)) return report;
    if (options.checkpoint) {
        const Checkpoint& cp = *options.checkpoint;
        if (cp.events > stream.events)
            report.problem = Problem{stream.events + 1, {}, "global_seq",
                                     "the journal has " + std::to_string(stream.events) +
                                         " events but the checkpoint covers " + std::to_string(cp.events)};
        else if ((cp.events == 0 ? genesis_hash : stream.hash_at_checkpoint) != cp.head_hash)
            report.problem = Problem{cp.events, {}, "hash",
                                     "the journal no longer begins with the events of the checkpoint (row " +
                                         std::to_string(cp.events) + " has another hash)"};
        if (report.problem) return report;
    }
    if (!cases) return cases.error();
    if (!options.case_id && !stream.unprojected.empty()) {
        const auto& [id, tally] = *stream.unprojected.begin();
        report.problem = Problem{tally.last_global, id, "cases",
                                 "case " + id + " has " + std::to_string(tally.events) +
                                     " events in the chain but no projection row (it was deleted)"};
        return report;
    }
    if (!*stores) return (*stores).error();
    if ((report.problem = stores_problem)) return report;
    std::set<std::string, std::less<>> projected;
    for (std::size_t i = 0; i < cases->size(); ++i) {
        const CaseRecord& c = (*cases)[i];
        projected.insert(c.id);
        if (report.problem || (options.case_id && c.id != *options.case_id)) continue;
        if (stream.tallies[i].events == 0) {
            report.problem = Problem{0, c.id, "cases", "case " + c.id + " has a projection row but no events in the chain"};
            continue;
        }
        const auto& outcome = stream.outcomes[i];
        if (!outcome) return make_error(errc::io, "case " + c.id + " was not checked");  // a bug, not a finding
        if (outcome->error) return *outcome->error;
        if (outcome->replayed) ++report.cases;
        report.problem = outcome->problem;
    }
    if (!report.problem && !options.case_id) report.problem = detail::check_orphans(**stores, projected);
    if (!report.problem && options.case_id && report.cases == 0)
        return make_error(errc::not_found, "no case " + *options.case_id);
    return report;
}

}  // namespace alur::audit
