// bench/list.cpp — `alur-bench list`: a page of 50 cases at 100 / 100k / 1M cases.
//
// One journal grown size by size (copies written through commit_group,
// build.cpp): mutation cases over 8 units and 8 opening days, one in 32
// advanced to field_visit; no timers are stored (the list does not read them,
// and `alur serve` would fire them). At each size, timed page by page:
// Journal::list_cases in process, GET /api/cases through a real `alur serve`
// (what a user waits for), and the same query in raw SQL on the same file.
#include "bench.hpp"
#include "child.hpp"
#include "http_client.hpp"

#include "alur/sqlite/journal.hpp"
#include "alur/workflows/mutation.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace alur::bench {

namespace {

const char* const units[] = {"Dinas 0", "Dinas 1", "Dinas 2", "Dinas 3", "Dinas 4", "Dinas 5", "Dinas 6", "Dinas 7"};

std::vector<CaseTemplate> list_templates() {
    std::vector<CaseTemplate> out;
    const TimePoint first = parse_datetime("2026-01-05T09:00", TimeZone{}).value();
    for (int t = 0; t < 64; ++t) {
        std::vector<Command> c{mutation_command("", "", opening_payload(t, units[t % 8]))};
        if (t % 32 == 31) {
            for (const auto& item : mutation::record_items())
                c.push_back(mutation_command("", "record_added", {{"item", item}, {"value", "ok"}}));
            c.push_back(mutation_command("", "records_completed", {}));
        }
        out.push_back(capture_template(c, first + std::chrono::days(t / 8) + std::chrono::minutes(t)));
    }
    return out;
}

/// Times `page` until `pages` samples or `budget` seconds (at least 3 samples).
Samples time_pages(std::size_t pages, double budget, const std::function<void()>& page) {
    Samples s;
    const auto start = Clock::now();
    while (s.us.size() < pages && (s.us.size() < 3 || seconds_since(start) < budget)) {
        const auto t = Clock::now();
        page();
        s.add(Clock::now() - t);
    }
    return s;
}

struct Query {
    std::string name;
    CaseFilter filter;      ///< in process
    std::string target;     ///< GET /api/cases?...
    std::string sql;        ///< the raw SQL, ?1 bound to `param` if not empty
    std::string param;
};

}  // namespace

int run_list(const Args& args, const std::string& self) {
    WorkDir dir(args);
    const auto sizes = args.list("sizes", {100, 100000, 1000000});
    const auto pages = static_cast<std::size_t>(args.number("pages", 200));
    const double budget = args.number("budget", 3);
    const bool http = !args.flag("no-http");
    const std::string alur = alur_path(args.text("alur", ""), self);
    const Machine machine = measure_machine(dir.path(), 1.0);
    print_machine(machine, dir.path());

    const std::string path = dir.file("list.db");
    remove_db(path);
    const auto templates = list_templates();
    const std::string late = format_utc(parse_datetime("2026-06-01T00:00", TimeZone{}).value());
    std::vector<Query> queries;
    {
        Query q{"first page", {}, "/api/cases?limit=50", "SELECT * FROM cases ORDER BY id LIMIT 50", ""};
        q.filter.limit = 50;
        queries.push_back(q);
        q = {"workflow+state (3 %)", {}, "/api/cases?workflow=mutation&state=field_visit&limit=50",
             "SELECT * FROM cases WHERE workflow = 'mutation' AND state = 'field_visit' ORDER BY id LIMIT 50", ""};
        q.filter.workflow = "mutation";
        q.filter.state = "field_visit";
        q.filter.limit = 50;
        queries.push_back(q);
        q = {"overdue, by due", {}, "/api/cases?overdue=true&limit=50",
             "SELECT * FROM cases WHERE due_at < ?1 ORDER BY due_at, id LIMIT 50", late};
        q.filter.overdue_at = parse_datetime("2026-06-01T00:00", TimeZone{}).value();
        q.filter.limit = 50;
        queries.push_back(q);
        q = {"unit (12.5 %)", {}, "/api/cases?unit=Dinas%202&limit=50",
             "SELECT * FROM cases WHERE json_extract(data, '$.unit') = 'Dinas 2' ORDER BY id LIMIT 50", ""};
        q.filter.limit = 50;  // no unit filter in CaseFilter yet: in process this is the first page
        queries.push_back(q);
        q = {"sort=due", {}, "/api/cases?sort=due&limit=50", "SELECT * FROM cases ORDER BY due_at, id LIMIT 50", ""};
        q.filter.limit = 50;
        queries.push_back(q);
    }

    std::string token;
    std::int64_t built = 0;
    std::printf("\nlist: a page of 50; p50 / p99 of up to %zu pages per query (at most %.0f s each)\n", pages, budget);
    std::printf("  %9s %-22s %21s %21s %21s %9s\n", "cases", "query", "list_cases p50/p99", "GET /api/cases p50/p99",
                "raw SQL p50/p99", "http/raw");
    std::map<std::string, std::map<long, double>> http_p99, engine_p99;
    for (long size : sizes) {
        {
            sqlite::Options so;
            so.synchronous = "NORMAL";
            auto journal = sqlite::SqliteJournal::open(path, so).value();
            const auto start = Clock::now();
            write_copies(*journal, templates, size - built, 1000, true);
            std::printf("  (built %s more cases in %.1f s)\n", count(static_cast<double>(size - built)).c_str(),
                        seconds_since(start));
            built = size;
        }
        if (http && token.empty()) token = add_token(alur, path, dir.path(), "bench");
        std::unique_ptr<Server> server;
        if (http) server = std::make_unique<Server>(alur, path, dir.path());
        auto journal = sqlite::SqliteJournal::open(path).value();
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        for (const auto& q : queries) {
            auto in_process = time_pages(pages, budget, [&] {
                auto page = journal->list_cases(q.filter);
                if (!page) throw std::runtime_error("list_cases: " + page.error().message);
            });
            Samples over_http;
            if (server) {
                HttpLoadOptions o;
                o.port = server->port();
                o.connections = 1;
                o.request = [&](std::size_t, std::uint64_t) { return http_request("GET", q.target, token); };
                o.total = 2;  // two pages untimed (cold caches), which also say how many fit the budget
                auto first = run_http_load(o);
                if (first.failed) throw std::runtime_error(q.target + ": " + first.first_failure);
                const double each = std::max(first.latency.pct(1.0), 1.0) / 1e6;
                o.total = static_cast<std::uint64_t>(std::clamp(budget / each, 3.0, static_cast<double>(pages)));
                auto r = run_http_load(o);  // one after another on one connection
                if (r.failed) throw std::runtime_error(q.target + ": " + r.first_failure);
                over_http = std::move(r.latency);
            }
            SQLite::Statement stmt(raw, q.sql);
            auto in_sql = time_pages(pages, budget, [&] {
                if (!q.param.empty()) stmt.bind(1, q.param);
                while (stmt.executeStep()) {
                }
                stmt.reset();
            });
            char e[64], h[64], r[64];
            std::snprintf(e, sizeof e, "%s / %s", ms(in_process.pct(0.5)).c_str(), ms(in_process.pct(0.99)).c_str());
            std::snprintf(h, sizeof h, "%s / %s", ms(over_http.pct(0.5)).c_str(), ms(over_http.pct(0.99)).c_str());
            std::snprintf(r, sizeof r, "%s / %s", ms(in_sql.pct(0.5)).c_str(), ms(in_sql.pct(0.99)).c_str());
            const double x = in_sql.pct(0.5) > 0 ? over_http.pct(0.5) / in_sql.pct(0.5) : 0;
            std::printf("  %9s %-22s %21s %21s %21s %8.1fx\n", count(static_cast<double>(size)).c_str(), q.name.c_str(), e,
                        http ? h : "-", r, x);
            http_p99[q.name][size] = over_http.pct(0.99);
            engine_p99[q.name][size] = in_process.pct(0.99);
        }
    }
    if (sizes.size() >= 2) {
        const long small = sizes.front(), big = sizes.back();
        std::printf("\nflat? p99 at %s cases vs at %s (target: <= 10 ms at both):\n", count(static_cast<double>(big)).c_str(),
                    count(static_cast<double>(small)).c_str());
        for (const auto& q : queries) {
            const double a = http ? http_p99[q.name][small] : engine_p99[q.name][small];
            const double b = http ? http_p99[q.name][big] : engine_p99[q.name][big];
            std::printf("  %-22s %s: %s -> %s (x %.1f): %s\n", q.name.c_str(), http ? "GET /api/cases" : "list_cases",
                        ms(a).c_str(), ms(b).c_str(), a > 0 ? b / a : 0, a <= 10000 && b <= 10000 ? "met" : "NOT met");
        }
    }
    return 0;
}

}  // namespace alur::bench
