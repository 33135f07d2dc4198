// Crash under load: the real `alur serve` on 127.0.0.1, driven by concurrent
// HTTP clients (opening mutation cases, some dated weeks back so their
// reminders and escalations fire at once, and advancing them) while a CLI
// process writes to the same file (`alur open`, `alur advance`, `alur run-due`
// firing timers from a second process), is killed with SIGKILL at a random
// moment of every round and started again. After every round, with the server
// down and every writer parked:
//   - every acknowledged command (HTTP 200/201, CLI exit 0) is in the journal
//     exactly once, as the event it was acknowledged with (case, seq, hash);
//   - a command sent but not acknowledged (in flight at the kill) is in it at
//     most once, and nothing else is: every event is a command some writer
//     sent, or a timer's;
//   - every case's events are numbered 1..n and its projection's version is n;
//   - every command's idempotency row is there exactly when its event is, and
//     names that event;
//   - no timer fired twice (one event per timer id, and per case, state,
//     kind, ordinal and due instant), and none that fired is still pending;
//   - `alur audit verify` passes.
// Writers retry a command that got no answer with the same Idempotency-Key
// (`--key` for the CLI) until it is acknowledged; the last round lets every
// writer finish its command, so at the end nothing is left unacknowledged.
//
// Rounds: ALUR_CRASH_ROUNDS (default 5; scripts/crash.sh N runs N). Seed:
// ALUR_CRASH_SEED (default 20261201): the kill moments and the case dates.
// Everything is bounded: each wait has a timeout, each writer stops at the end.
#include "serve_writers.hpp"

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>

using alur::crash::Harness;
using alur::scenario::Server;
namespace json = boost::json;

namespace {

struct Figures {
    std::size_t events = 0, timers = 0, acked = 0, pending = 0, pending_written = 0, cases = 0;
};

/// The checks of one round, with every writer parked and the server down.
Figures check_journal(Harness& h, bool final_round) {
    Figures f;
    auto verified = h.cli({"audit", "verify"});
    INFO(verified.out << verified.err);
    CHECK(verified.exit_code == 0);

    auto exported = h.cli({"export", "--format", "jsonl"});
    INFO(exported.err);
    REQUIRE(exported.exit_code == 0);
    const auto events = alur::crash::json_lines(exported.out);
    f.events = events.size();
    std::map<std::string, std::vector<const json::object*>> by_reason;
    std::map<std::string, std::vector<std::int64_t>> seqs;  // per case
    std::set<std::pair<std::string, std::int64_t>> timer_ids;
    std::set<std::string> timer_slots;
    std::vector<std::string> problems;
    for (const auto& v : events) {
        const auto& e = v.as_object();
        const std::string case_id(e.at("case_id").as_string());
        seqs[case_id].push_back(e.at("seq").to_number<std::int64_t>());
        const std::string name(e.at("name").as_string());
        if (name == "reminder_due" || name == "deadline_passed") {
            ++f.timers;
            const auto& p = e.at("payload").as_object();
            if (!timer_ids.emplace(case_id, p.at("timer").to_number<std::int64_t>()).second)
                problems.push_back("timer " + json::serialize(p.at("timer")) + " of " + case_id + " fired twice");
            const std::string slot = case_id + " " + std::string(p.at("state").as_string()) + " " +
                                     std::string(p.at("kind").as_string()) + " " + json::serialize(p.at("ordinal")) +
                                     " " + std::string(p.at("fire_at").as_string());
            if (!timer_slots.insert(slot).second) problems.push_back("timer fired twice: " + slot);
            continue;
        }
        by_reason[std::string(e.at("reason").as_string())].push_back(&e);
    }
    for (auto& [case_id, s] : seqs) {
        std::sort(s.begin(), s.end());
        for (std::size_t i = 0; i < s.size(); ++i)
            if (s[i] != static_cast<std::int64_t>(i) + 1) {
                problems.push_back(case_id + ": events are not numbered 1..n");
                break;
            }
    }
    f.cases = seqs.size();

    // The stored rows the export does not show: idempotency keys and pending timers.
    auto rows = [&](const std::string& sql) {
        auto r = alur::test::run("sqlite3 -readonly -separator '|' " + alur::test::shell_quote(h.cli.db()) + " " +
                                 alur::test::shell_quote(sql));
        INFO(sql << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        std::vector<std::vector<std::string>> out;
        std::istringstream in(r.out);
        for (std::string line; std::getline(in, line);) {
            std::vector<std::string> cells;
            for (std::size_t at = 0;;) {
                const auto bar = line.find('|', at);
                cells.push_back(line.substr(at, bar - at));
                if (bar == std::string::npos) break;
                at = bar + 1;
            }
            out.push_back(std::move(cells));
        }
        return out;
    };
    std::map<std::string, std::string> keyed;  // key -> "case seq"
    for (const auto& r : rows("SELECT key, case_id, seq FROM idempotency")) keyed[r.at(0)] = r.at(1) + " " + r.at(2);
    for (const auto& r : rows("SELECT id, case_id FROM timers"))
        if (timer_ids.count({r.at(1), std::stoll(r.at(0))}))
            problems.push_back("timer " + r.at(0) + " of " + r.at(1) + " fired and is still pending");
    auto listed = h.cli({"list", "--json"});
    REQUIRE(listed.exit_code == 0);
    const json::value projections = json::parse(listed.out);
    for (const auto& c : projections.as_array()) {
        const std::string id(c.at("id").as_string());
        const auto version = c.at("version").to_number<std::int64_t>();
        if (!seqs.count(id) || static_cast<std::int64_t>(seqs[id].size()) != version)
            problems.push_back(id + ": projection version " + std::to_string(version) + " but " +
                               std::to_string(seqs.count(id) ? seqs[id].size() : 0) + " events");
    }
    if (projections.as_array().size() != seqs.size()) problems.push_back("cases without projection");

    std::lock_guard lock(h.mutex);
    for (const auto& [reason, found] : by_reason)
        if (!h.sent.count(reason)) problems.push_back("an event nobody sent: " + reason);
    for (const auto& [reason, s] : h.sent) {
        const auto it = by_reason.find(reason);
        const std::size_t n = it == by_reason.end() ? 0 : it->second.size();
        if (n > 1) problems.push_back(reason + ": in the journal " + std::to_string(n) + " times");
        const auto key = keyed.find(s.key);
        if ((key != keyed.end()) != (n == 1))
            problems.push_back(reason + ": its idempotency key is " + (n ? "missing" : "there without its event"));
        else if (n == 1 && key->second != std::string(it->second.front()->at("case_id").as_string()) + " " +
                                               std::to_string(it->second.front()->at("seq").to_number<std::int64_t>()))
            problems.push_back(reason + ": its idempotency key names another event");
        if (s.acked) {
            ++f.acked;
            if (n != 1) {
                problems.push_back(reason + ": acknowledged but in the journal " + std::to_string(n) + " times");
                continue;
            }
            const auto& e = *it->second.front();
            if (e.at("case_id").as_string() != s.case_id ||
                (s.seq && (e.at("seq").to_number<std::int64_t>() != s.seq || e.at("hash").as_string() != s.hash)))
                problems.push_back(reason + ": the journal holds another event than the one acknowledged");
        } else {
            ++f.pending;
            f.pending_written += n;  // committed, but the answer was lost with the server
            if (final_round) problems.push_back(reason + ": never acknowledged");
        }
    }
    for (std::size_t i = 0; i < problems.size() && i < 20; ++i) UNSCOPED_INFO(problems[i]);
    CHECK(problems.empty());
    for (const auto& failure : h.failures) UNSCOPED_INFO(failure);
    CHECK(h.failures.empty());
    return f;
}

/// Starts `alur serve` on the harness's port (any free port the first time).
std::unique_ptr<Server> start_server(Harness& h, int round) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        const std::string listen = "127.0.0.1:" + std::to_string(attempt ? 0 : h.port.load());
        auto server = std::make_unique<Server>(h.cli, std::vector<std::string>{"--listen", listen},
                                               "serve" + std::to_string(round));
        auto listening = server->wait_line("alur serve: http ");
        if (!listening) continue;  // the port was taken meanwhile: take another
        h.port = static_cast<unsigned short>(std::stoi(listening->substr(listening->rfind(':') + 1)));
        auto ready = server->wait_line("alur serve: siap");
        INFO(server->log());
        REQUIRE(ready);
        return server;
    }
    FAIL("alur serve did not start");
    return nullptr;
}

}  // namespace

TEST_CASE("alur serve killed at random moments under concurrent HTTP and CLI writers loses nothing acknowledged",
          "[crash][serve]") {
    const int rounds = std::max(1, alur::crash::env_int("ALUR_CRASH_ROUNDS", 5));
    const unsigned seed = static_cast<unsigned>(alur::crash::env_int("ALUR_CRASH_SEED", 20261201));
    constexpr int http_writers = 4, cli_writers = 1;
    alur::crash::prefer_memory_tmpdir();
    Harness h;
    REQUIRE(h.cli({"init"}).exit_code == 0);
    auto added = h.cli({"token", "add", "crash", "--role", "admin"});
    REQUIRE(added.exit_code == 0);
    h.token = added.out.substr(added.out.find('\n') + 1);
    while (!h.token.empty() && h.token.back() == '\n') h.token.pop_back();
    REQUIRE(h.token.size() == 64);

    std::vector<std::thread> writers;
    for (int w = 0; w < http_writers; ++w) writers.emplace_back(alur::crash::http_writer, std::ref(h), w);
    for (int w = 0; w < cli_writers; ++w) writers.emplace_back(alur::crash::cli_writer, std::ref(h), http_writers + w);
    struct Join {
        Harness& h;
        std::vector<std::thread>& t;
        ~Join() {
            h.gate.stop();
            for (auto& x : t) x.join();
        }
    } join{h, writers};

    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> kill_after_ms(50, 1200);
    Figures last;
    std::size_t in_flight = 0;  // over all rounds: sent, not answered when the server was killed
    std::size_t unacknowledged_written = 0;  // over all rounds: written before the kill, answered on a retry
    const auto started = std::chrono::steady_clock::now();
    std::bernoulli_distribution early(0.3);
    std::uniform_int_distribution<int> early_ms(0, 60);
    int early_kills = 0;
    for (int round = 1; round <= rounds; ++round) {
        const bool final_round = round == rounds;
        if (!final_round && early(rng)) {
            // Killed while starting: opening the file, catching up the timers that fell due, binding.
            Server starting(h.cli, {"--listen", "127.0.0.1:" + std::to_string(h.port.load())},
                            "serve" + std::to_string(round) + "-early");
            std::this_thread::sleep_for(std::chrono::milliseconds(early_ms(rng)));
            starting.kill9();
            ++early_kills;
        }
        auto server = start_server(h, round);
        h.gate.open();
        if (final_round) {
            // Let every writer finish what it sent, then stop the server as a kill would.
            std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
            h.draining = true;
            REQUIRE(h.gate.wait_parked(http_writers + cli_writers, std::chrono::seconds(120)));
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
        }
        server->kill9();
        h.gate.close();
        REQUIRE(h.gate.wait_parked(http_writers + cli_writers, std::chrono::seconds(120)));
        INFO("round " << round << " of " << rounds << ", seed " << seed);
        last = check_journal(h, final_round);
        unacknowledged_written += last.pending_written;
        in_flight += last.pending;
        if (round % 10 == 0 || round == rounds)
            std::printf("round %d: %zu acknowledged, %zu in flight at the kill, %zu timers fired, %zu events, %.1f s\n",
                        round, last.acked, last.pending, last.timers, last.events,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        if (!h.failures.empty()) break;
    }
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(last.acked > 0);
    CHECK(last.timers > 0);
    std::printf("serve crash: %d rounds (SIGKILL each, %d more while starting), %zu acknowledged commands checked (%ld HTTP, %ld CLI), "
                "%zu commands unacknowledged at a kill, %ld retried with their key (%zu had been written before their answer was lost), %zu timers fired (%ld run-due "
                "passes), %zu events in %zu cases, %.1f s, seed %u\n",
                rounds, early_kills, last.acked, h.http_acks.load(), h.cli_acks.load(), in_flight, h.retries.load(), unacknowledged_written,
                last.timers,
                h.run_due.load(), last.events, last.cases, seconds, seed);
}
