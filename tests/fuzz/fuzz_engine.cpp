// Fuzzes the engine's command path with arbitrary event sequences against
// every workflow machine (corrections and fired timers included): a script,
// one command a line, run through Engine::submit on an in-memory journal with
// a manual clock (2026-01-01T00:00 WIB at the start), a fresh engine per input.
//
//   new:<workflow> <event> <role>[/<idempotency key>] <when> <json payload>
//   #<n>           ...   the n-th case this input opened (n modulo their number)
//   <case id>      ...   any other text is taken as a case id
//   clock <when>         set the clock
//   fire <when>          fire the timers due then (the clock moves on to it;
//                        every one must fire: FireReport::problems stays empty)
// <when> is a datetime in WIB ("2025-06-03T10:00") or "-" (the clock's now);
// "-" as the event opens the case with its workflow's open event; a payload
// that is not a JSON object is sent as {}.
//
// Checks, after every command: a refusal is a clean Error (invalid_input,
// refused, forbidden, not_found or conflict, with a message) and wrote
// nothing; an accepted command is in the journal as the engine answered it;
// an accepted correction leaves every earlier event's state as it was.
// At the end: every refusal is in the refusals log and its chain verifies,
// audit::verify reports no problem, replaying every case gives
// its projection, a second engine on the same journal (cold cache) sees the
// same, and every stored time round-trips through the stored text form
// (check class "time") and every stored text is valid UTF-8 without control
// characters (check class "text"). ALUR_FUZZ_TRACE=1 prints each answer.
#include "fuzz_support.hpp"
#include "fuzz_workflows.hpp"

#include "alur/engine/audit.hpp"
#include "alur/engine/json.hpp"
#include "alur/engine/memory_journal.hpp"
#include "alur/engine/refusals.hpp"
#include "alur/engine/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

using namespace alur;
namespace json = boost::json;

namespace {

constexpr std::size_t max_lines = 300;

const std::vector<std::shared_ptr<const Workflow>>& all_workflows() {
    static const auto w = fuzz::workflows();
    return w;
}

std::unique_ptr<Engine> make_engine(std::shared_ptr<Journal> journal, std::shared_ptr<const Clock> clock,
                                    std::shared_ptr<RefusalLog> refusals = nullptr) {
    EngineOptions options;
    options.refusals = std::move(refusals);
    options.journal = std::move(journal);
    options.clock = std::move(clock);
    options.reference_exists = fuzz::batch_exists;
    auto engine = std::make_unique<Engine>(options);
    for (const auto& w : all_workflows()) engine->add_workflow(w);
    return engine;
}

std::vector<std::string_view> split(std::string_view line, std::size_t parts) {
    std::vector<std::string_view> out;
    while (out.size() + 1 < parts) {
        const auto space = line.find(' ');
        if (space == std::string_view::npos) break;
        out.push_back(line.substr(0, space));
        line.remove_prefix(space + 1);
    }
    out.push_back(line);
    return out;
}

std::optional<TimePoint> when(std::string_view text) {
    if (text == "-") return std::nullopt;
    auto t = parse_datetime(text, TimeZone{});
    return t ? std::optional<TimePoint>(*t) : std::nullopt;
}

void check_time(TimePoint t, const std::string& what) {
    if (fuzz::skipped("time")) return;
    const auto back = parse_utc(format_utc(t));
    FUZZ_CHECK(back && *back == t, what + " does not round-trip through its stored form " + format_utc(t));
}

void check_text(std::string_view text, const std::string& what, TextKind kind = TextKind::line) {
    if (fuzz::skipped("text")) return;
    const auto problem = text_problem(text, kind, max_free_text_chars, false);
    FUZZ_CHECK(!problem, what + " " + problem.value_or(""));
}

void check_texts(const json::value& v, const std::string& where) {
    if (v.is_string()) check_text(v.get_string(), where, TextKind::free_text);
    else if (v.is_object())
        for (const auto& kv : v.get_object()) check_texts(kv.value(), where + "." + std::string(kv.key()));
    else if (v.is_array())
        for (const auto& e : v.get_array()) check_texts(e, where + "[]");
}

std::uint64_t changes(Journal& journal) { return journal.change_counter().value(); }

class Run {
public:
    Run()
        : journal_(std::make_shared<MemoryJournal>()),
          clock_(std::make_shared<ManualClock>(parse_datetime("2026-01-01T00:00", TimeZone{}).value())),
          refusals_(std::make_shared<MemoryRefusalLog>()),
          engine_(make_engine(journal_, clock_, refusals_)) {}

    void line(std::string_view text) {
        const auto w = split(text, 5);
        if (w.size() == 2 && w[0] == "clock") {
            if (auto t = when(w[1])) clock_->set(*t);
            return;
        }
        if (w.size() == 2 && w[0] == "fire") {
            if (auto t = when(w[1])) fire(*t);
            return;
        }
        if (w.size() < 4) return;
        Command c;
        if (w[0].starts_with("new:")) c.workflow = std::string(w[0].substr(4));
        else if (w[0].starts_with("#") && !cases_.empty()) c.case_id = nth_case(w[0].substr(1));
        else c.case_id = std::string(w[0]);
        if (w[1] != "-") c.event = std::string(w[1]);
        const auto slash = w[2].find('/');
        c.role = std::string(w[2].substr(0, slash));
        if (slash != std::string_view::npos) c.idempotency_key = std::string(w[2].substr(slash + 1));
        c.actor = c.role == "ppk" ? "bupati" : "sari";
        c.reason = "fuzz";
        c.occurred_at = when(w[3]);
        if (w.size() > 4) {
            json::error_code ec;
            auto v = json::parse(w[4], ec);
            if (!ec && v.is_object()) c.payload = std::move(v.as_object());
        }
        submit(c);
    }

    void finish() {
        auto report = audit::verify(*engine_);
        FUZZ_CHECK(report, "verify failed to read: " + (report ? "" : fuzz::describe(report.error())));
        if (report->problem)
            fuzz::fail(__FILE__, __LINE__,
                       "audit verify: event " + std::to_string(report->problem->global_seq) + " of " +
                           report->problem->case_id + ", " + report->problem->field + ": " + report->problem->what);
        // Every refusal is in the refusals log, whose chain verifies.
        auto logged = verify_refusals(*refusals_);
        FUZZ_CHECK(logged && logged->ok(), "the refusals log does not verify: " + (logged ? logged->problem : fuzz::describe(logged.error())));
        FUZZ_CHECK(logged->entries == recorded_refusals_, std::to_string(recorded_refusals_) + " refusals, " +
                                                              std::to_string(logged->entries) + " in the refusals log");
        // ... and prints as JSON (`alur audit refusals --json`, GET /api/refusals) that parses.
        for (const auto& r : refusals_->list({}).value()) {
            json::error_code ec;
            json::parse(json::serialize(refusal_json(r)), ec);
            FUZZ_CHECK(!ec, "refusal " + std::to_string(r.seq) + " does not print as JSON: " + ec.message());
        }
        auto cold = make_engine(journal_, clock_);
        for (const auto& id : cases_) {
            const CaseRecord record = engine_->view(id).value().record;
            auto replayed = engine_->replay_steps(id);
            FUZZ_CHECK(replayed, id + " does not replay: " + (replayed ? "" : fuzz::describe(replayed.error())));
            FUZZ_CHECK(replayed->state == record.state, id + " replays to " + replayed->state + ", projection " + record.state);
            FUZZ_CHECK(canonical_json(replayed->data) == record.data, id + " replays to other data");
            const CaseRecord again = cold->view(id).value().record;
            FUZZ_CHECK(again.state == record.state && again.version == record.version && again.data == record.data,
                       id + " reads otherwise from a second engine");
            FUZZ_CHECK(cold->replay(id), id + " does not replay on a second engine");
            check_time(record.opened_at, id + " opened_at");
            check_time(record.updated_at, id + " updated_at");
            if (record.due_at) check_time(*record.due_at, id + " due_at");
            for (const auto& t : journal_->case_timers(id).value()) {
                check_time(t.fire_at, id + " timer fire_at");
                check_time(t.due_at, id + " timer due_at");
            }
            for (const auto& e : journal_->case_events(id).value()) {
                const std::string what = id + " event " + std::to_string(e.seq) + " (" + e.name + ")";
                check_time(e.occurred_at, what + " occurred_at");
                check_time(e.recorded_at, what + " recorded_at");
                auto payload = parse_json_object(e.payload, "payload");
                FUZZ_CHECK(payload, what + ": stored payload is not a JSON object");
                check_texts(*payload, what + " payload");
                check_text(e.actor, what + " actor");
                check_text(e.role, what + " role");
                check_text(e.reason, what + " reason", TextKind::free_text);
            }
        }
    }

private:
    /// "#<n>": the n-th case (modulo); any other text after '#' picks one by its hash.
    const std::string& nth_case(std::string_view n) const {
        std::size_t k = 0;
        const bool number = !n.empty() && n.size() < 10 && std::all_of(n.begin(), n.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (number)
            for (char ch : n) k = k * 10 + static_cast<std::size_t>(ch - '0');
        else
            k = std::hash<std::string_view>{}(n);
        return cases_[k % cases_.size()];
    }

    /// The state after each event of a case, as replay gives it.
    std::vector<std::string> states_of(const std::string& id) {
        std::vector<std::string> out;
        if (auto r = engine_->replay_steps(id))
            for (const auto& step : r->steps) out.push_back(step.after);
        return out;
    }

    void submit(const Command& c) {
        const std::uint64_t before = changes(*journal_);
        const bool correction = c.event == correction_event && !c.case_id.empty();
        const std::vector<std::string> states_before = correction ? states_of(c.case_id) : std::vector<std::string>{};
        auto out = engine_->submit(c);
        const std::string what = (c.case_id.empty() ? "new " + c.workflow : c.case_id) + " " + c.event;
        if (trace_)
            std::fprintf(stderr, "%s -> %s\n", what.c_str(),
                         out ? (out->projection.id + " " + out->projection.state).c_str() : fuzz::describe(out.error()).c_str());
        if (!out) {
            FUZZ_CLEAN(out.error(), errc::invalid_input, errc::refused, errc::forbidden, errc::not_found, errc::conflict);
            FUZZ_CHECK(changes(*journal_) == before, what + " was refused but wrote: " + fuzz::describe(out.error()));
            if (is_recorded_refusal(out.error().code)) ++recorded_refusals_;
            return;
        }
        const Outcome& o = *out;
        const std::string id = o.projection.id;
        if (o.replayed) {
            FUZZ_CHECK(changes(*journal_) == before, what + " answered from its key but wrote");
            return;
        }
        FUZZ_CHECK(changes(*journal_) > before, what + " accepted but nothing written");
        if (c.case_id.empty()) cases_.push_back(id);
        for (const auto& opened : o.opened) cases_.push_back(opened.id);
        const auto events = journal_->case_events(id).value();
        FUZZ_CHECK(!events.empty() && events.back().seq == o.event.seq && events.back().hash == o.event.hash,
                   what + ": the journal's last event is not the one answered");
        if (correction) {
            // A correction never changes a decision already taken: every earlier
            // event still leaves the case in the state it did.
            const auto states_after = states_of(id);
            FUZZ_CHECK(states_after.size() == states_before.size() + 1, what + ": the correction is not one more event");
            for (std::size_t i = 0; i < states_before.size(); ++i)
                FUZZ_CHECK(states_after[i] == states_before[i],
                           what + ": event " + std::to_string(i + 1) + " now leaves " + states_after[i] + ", not " + states_before[i]);
        }
        const CaseRecord stored = engine_->view(id).value().record;
        FUZZ_CHECK(stored.state == o.projection.state && stored.version == o.projection.version &&
                       stored.version == o.event.seq,
                   what + ": the stored projection is not the one answered");
    }

    void fire(TimePoint t) {
        if (t > clock_->now()) clock_->set(t);
        auto report = engine_->fire_due(t);
        if (trace_ && report) std::fprintf(stderr, "fire %s -> %zu fired\n", format_utc(t).c_str(), report->fired);
        FUZZ_CHECK(report, "fire_due failed: " + (report ? "" : fuzz::describe(report.error())));
        // Every timer the engine itself set can be read and fired.
        FUZZ_CHECK(report->problems.empty(), "fire_due could not fire: " + report->problems.front());
    }

    std::shared_ptr<MemoryJournal> journal_;
    std::shared_ptr<ManualClock> clock_;
    std::shared_ptr<MemoryRefusalLog> refusals_;
    std::unique_ptr<Engine> engine_;
    std::int64_t recorded_refusals_ = 0;  ///< refusals of the codes the log records
    std::vector<std::string> cases_;
    const bool trace_ = std::getenv("ALUR_FUZZ_TRACE") != nullptr;  ///< print each command's answer
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    Run run;
    for (std::size_t n = 0; !input.empty() && n < max_lines; ++n) {
        const auto newline = input.find('\n');
        run.line(input.substr(0, newline));
        if (newline == std::string_view::npos) break;
        input.remove_prefix(newline + 1);
    }
    run.finish();
    return 0;
}
