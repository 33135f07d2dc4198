// bench/http.cpp — `alur-bench http`: the API of a real `alur serve` over loopback.
//
// A fresh database (`alur init`, an admin token from `alur token add`), a real
// `alur serve --listen 127.0.0.1:0` child process, cases opened over HTTP,
// then for each connection count: POST /api/cases/{id}/events (record_added,
// each connection on its own case) and GET /api/cases/{id}, closed loop, from
// the built-in load generator (http_client.hpp). Raw SQLite in the same run:
// one-row FULL commits and 1000-per-transaction inserts of the events' size
// (for POST), primary-key lookups of the cases table (for GET).
#include "bench.hpp"
#include "child.hpp"
#include "http_client.hpp"

#include "alur/engine/json.hpp"
#include "alur/sqlite/journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <mutex>
#include <regex>
#include <sstream>

namespace alur::bench {

namespace {

/// The _sum and _count of the server's histograms (GET /metrics), by name.
std::map<std::string, double> histogram_totals(int port, const std::string& token) {
    std::map<std::string, double> out;
    HttpLoadOptions o;
    o.port = port;
    o.total = 1;
    o.request = [&](std::size_t, std::uint64_t) { return http_request("GET", "/metrics", token); };
    o.on_answer = [&](std::size_t, int status, std::string_view body) {
        if (status != 200) return;
        std::istringstream in{std::string(body)};
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            const auto space = line.rfind(' ');
            const std::string name = line.substr(0, space);
            if (name.ends_with("_sum") || name.ends_with("_count")) out[name] = std::atof(line.c_str() + space + 1);
        }
    };
    run_http_load(o);
    return out;
}

/// What the server's metrics say of the group commits between two readings.
void print_commits(const std::map<std::string, double>& a, const std::map<std::string, double>& b, double seconds) {
    auto delta = [&](const std::string& k) { return b.contains(k) ? b.at(k) - (a.contains(k) ? a.at(k) : 0) : -1; };
    const double commits = delta("alur_group_commit_seconds_count");
    if (commits <= 0) return;
    std::printf("         server: %.0f group commits/s, %.1f commands each, %s per commit (alur_group_commit_*)",
                commits / seconds, delta("alur_group_commit_commands_sum") / commits,
                ms(delta("alur_group_commit_seconds_sum") / commits * 1e6).c_str());
    if (const double n = delta("alur_commit_latency_seconds_count"); n > 0)
        std::printf("; request to commit %s mean", ms(delta("alur_commit_latency_seconds_sum") / n * 1e6).c_str());
    std::printf("\n");
}

void print_row(const char* what, std::size_t conns, const HttpLoadResult& r0) {
    HttpLoadResult r = r0;
    std::printf("  %-6s %6zu %14s %10s %10s %10s", what, conns, count(r.per_s).c_str(), ms(r.latency.pct(0.5)).c_str(),
                ms(r.latency.pct(0.99)).c_str(), ms(r.latency.pct(1.0)).c_str());
    if (r.failed) std::printf("  %lu failed, first: %.200s", static_cast<unsigned long>(r.failed), r.first_failure.c_str());
    std::printf("\n");
}

}  // namespace

int run_http(const Args& args, const std::string& self) {
    WorkDir dir(args);
    const double seconds = args.number("seconds", 3);
    const double warmup = args.number("warmup", 0.5);
    const auto levels = args.list("connections", {1, 16, 64, 256});
    const auto client_threads = static_cast<std::size_t>(args.number("client-threads", 1));
    const bool only_get = args.flag("get"), only_post = args.flag("post");
    const bool do_post = only_post || !only_get, do_get = only_get || !only_post;
    const std::string alur = alur_path(args.text("alur", ""), self);

    const Machine machine = measure_machine(dir.path(), 1.0);
    print_machine(machine, dir.path());

    const std::string db = dir.file("serve.db");
    remove_db(db);
    run_cli({alur, "--db", db, "init"}, dir.path());
    const std::string token = add_token(alur, db, dir.path(), "bench");
    Server server(alur, db, dir.path());
    std::printf("server: %s --db %s serve, pid %d, http %s:%d\n", alur.c_str(), db.c_str(), server.pid(),
                server.host().c_str(), server.port());

    // One case per connection, opened over HTTP.
    std::size_t most = 1;
    for (long c : levels) most = std::max(most, static_cast<std::size_t>(c));
    std::vector<std::string> ids(most);
    {
        HttpLoadOptions o;
        o.port = server.port();
        o.connections = std::min<std::size_t>(most, 16);
        o.total = most;
        std::mutex mu;
        std::size_t next_id = 0;
        o.request = [&](std::size_t, std::uint64_t n) {
            auto p = opening_payload(static_cast<int>(n), "");
            p["workflow"] = "mutation";
            p["reason"] = "bench";
            return http_request("POST", "/api/cases", token, canonical_json(p));
        };
        o.on_answer = [&](std::size_t, int status, std::string_view body) {
            std::smatch id;
            const std::string b(body);
            if (status == 201 && std::regex_search(b, id, std::regex("\"id\":\"([A-Z]+-[0-9]+)\""))) {
                std::lock_guard lock(mu);
                ids[next_id++] = id[1].str();
            }
        };
        const auto start = Clock::now();
        auto r = run_http_load(o);
        if (r.failed || next_id != most) throw std::runtime_error("opening cases over HTTP: " + r.first_failure);
        std::printf("opened %zu cases over HTTP in %.2f s\n", most, seconds_since(start));
    }

    std::printf("\nhttp: closed loop, %zu client thread(s), %.1f s per level after %.1f s warm-up; "
                "each connection on its own case\n", client_threads, seconds, warmup);
    std::printf("  %-6s %6s %14s %10s %10s %10s\n", "", "conns", "requests/s", "p50", "p99", "max");
    std::map<std::size_t, HttpLoadResult> posts, gets;
    std::uint64_t posted = 0;
    for (long c : levels) {
        const auto n = static_cast<std::size_t>(c);
        HttpLoadOptions o;
        o.port = server.port();
        o.connections = n;
        o.threads = client_threads;
        o.warmup = warmup;
        o.seconds = seconds;
        if (do_post) {
            const auto& items = mutation::record_items();
            o.request = [&](std::size_t conn, std::uint64_t k) {
                return http_request("POST", "/api/cases/" + ids[conn] + "/events", token,
                                    R"({"event":"record_added","payload":{"item":")" + items[k % items.size()] +
                                        R"(","value":"nilai )" + std::to_string(k % 1000) + R"("},"reason":"bench"})");
            };
            std::uint64_t all = 0;
            o.on_answer = [&all](std::size_t, int status, std::string_view) {
                if (status == 200 || status == 201) ++all;  // one loop thread by default
            };
            if (client_threads > 1) o.on_answer = nullptr;
            const auto before = histogram_totals(server.port(), token);
            const auto start = Clock::now();
            posts[n] = run_http_load(o);
            const double took = seconds_since(start);
            posted += client_threads > 1 ? posts[n].ok : all;
            print_row("POST", n, posts[n]);
            print_commits(before, histogram_totals(server.port(), token), took);
        }
        if (do_get) {
            o.on_answer = nullptr;
            o.request = [&](std::size_t conn, std::uint64_t) { return http_request("GET", "/api/cases/" + ids[conn], token); };
            gets[n] = run_http_load(o);
            print_row("GET", n, gets[n]);
        }
    }

    // The events' size, and every acknowledged POST is in the journal.
    std::size_t row = 300;
    {
        sqlite::Options ro;
        ro.read_only = true;
        auto journal = sqlite::SqliteJournal::open(db, ro);
        if (!journal) throw std::runtime_error("read-only open: " + journal.error().message);
        auto events = (*journal)->case_events(ids[0]);
        if (events && events->size() > 1) row = event_row_bytes(events->back());
        SQLite::Database raw(db, SQLite::OPEN_READONLY);
        const auto stored = raw.execAndGet("SELECT count(*) FROM events WHERE name = 'record_added'").getInt64();
        std::printf("  journal: %s record_added events stored, %s POSTs acknowledged (with warm-ups)\n",
                    count(static_cast<double>(stored)).c_str(), count(static_cast<double>(posted)).c_str());
    }
    double lookups = 0;
    if (do_get) {
        SQLite::Database raw(db, SQLite::OPEN_READONLY);
        SQLite::Statement q(raw, "SELECT * FROM cases WHERE id = ?");
        std::uint64_t n = 0;
        const auto start = Clock::now();
        while (seconds_since(start) < seconds) {
            q.bind(1, ids[n % ids.size()]);
            while (q.executeStep()) {
            }
            q.reset();
            ++n;
        }
        lookups = static_cast<double>(n) / seconds_since(start);
    }
    const RawFigure single = raw_single_commits(dir.path(), row, seconds);
    const RawFigure batched = raw_batched_inserts(dir.path(), row, 1000, seconds);
    std::printf("\nraw SQLite in the same run, rows of %zu bytes, WAL, synchronous=FULL:\n", row);
    std::printf("  one-row commits:           %12s commits/s  p50 %s  p99 %s\n", count(single.per_s).c_str(),
                ms(single.p50_us).c_str(), ms(single.p99_us).c_str());
    std::printf("  1000 rows per transaction: %12s rows/s\n", count(batched.per_s).c_str());
    if (do_get) std::printf("  SELECT * FROM cases WHERE id = ? (one connection): %s lookups/s\n", count(lookups).c_str());

    std::printf("\nratios (engine over HTTP / raw, same run):\n");
    for (auto& [n, r] : posts)
        std::printf("  POST, %3zu connections: %s/s / raw 1000-per-transaction rows/s = %s; / raw one-row commits = %s\n",
                    n, count(r.per_s).c_str(), ratio(r.per_s, batched.per_s).c_str(), ratio(r.per_s, single.per_s).c_str());
    for (auto& [n, r] : gets)
        std::printf("  GET,  %3zu connections: %s/s / raw lookups/s = %s\n", n, count(r.per_s).c_str(),
                    ratio(r.per_s, lookups).c_str());
    if (posts.contains(64)) {
        auto& r = posts[64];
        std::printf("  target, POST at 64 connections: >= 10,000/s with p99 <= 50 ms: %s (%.0f %% of the rate, p99 %s)\n",
                    r.per_s >= 10000 && r.latency.pct(0.99) <= 50000 ? "met" : "NOT met", r.per_s / 100,
                    ms(r.latency.pct(0.99)).c_str());
    }
    if (gets.contains(64))
        std::printf("  target, GET by id at 64 connections: >= 30,000/s: %s (%.0f %%)\n",
                    gets[64].per_s >= 30000 ? "met" : "NOT met", gets[64].per_s / 300);
    return 0;
}

}  // namespace alur::bench
