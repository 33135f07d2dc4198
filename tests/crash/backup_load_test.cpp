// A backup that holds, taken as an agency would take it: the real `alur
// serve` on a real file, four HTTP clients writing events as fast as it
// acknowledges them, and `alur backup DEST` run from another process in the
// middle of it. Then:
//   - the backup exits 0 and prints its checkpoint line and event count;
//   - every event acknowledged before the backup started is in the backup,
//     as acknowledged (case, seq, hash), and the backup holds nothing that
//     nobody sent: its events are exactly the first N events of the live
//     journal (a snapshot, never a torn copy), N >= the acknowledged ones;
//   - `alur audit verify` passes on it;
//   - the writers were not held up: writes kept being acknowledged while the
//     copy was made (the slowest one is printed);
//   - `alur restore DEST` (server stopped) puts it in place, and a server
//     started on the restored file answers a case and takes a new event.
// (`cp alur.db` at the same moment loses what is still in the WAL: the
// point of docs/OPERATIONS.md, "Backups".)
#include "../scenarios/scenario_cli.hpp"
#include "crash_support.hpp"

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using alur::scenario::Cli;
using alur::scenario::Server;
namespace json = boost::json;

namespace {

using Clock = std::chrono::steady_clock;

struct Ack {
    std::string case_id;
    std::int64_t seq = 0;
    std::string hash;
};

struct Load {
    std::atomic<unsigned short> port{0};
    std::string token;
    std::atomic<bool> stop{false};
    std::mutex mutex;                     ///< guards the members below
    std::map<std::string, Ack> acked;     ///< by reason
    std::set<std::string> sent;           ///< every reason sent
    std::vector<std::string> failures;
    /// Each acknowledged write's start and end.
    std::vector<std::pair<Clock::time_point, Clock::time_point>> writes;
};

/// NIP of writer w's n-th official (valid: born 1970 + n % 20, appointed at 25).
std::string nip(int w, int n) {
    char out[32];
    const int year = 1970 + n % 20, month = 1 + (n / 20) % 12;
    std::snprintf(out, sizeof out, "%04d%02d%02d%04d%02d1%03d", year, month, 1 + w, year + 25, month, 1 + (n / 240) % 999);
    return out;
}

/// Opens a case, adds its records one by one, then the next case; until stopped.
void writer(Load& load, int w) {
    static const char* items[] = {"career_history", "achievements", "skp", "edijab", "competency_test",
                                  "superior_recommendation", "neutrality", "discipline"};
    for (int n = 0; !load.stop; ++n) {
        std::string case_id;
        for (int step = 0; step <= 8 && !load.stop; ++step) {
            const std::string reason = "b" + std::to_string(w) + " c" + std::to_string(n) + " s" + std::to_string(step);
            std::string target;
            json::object body{{"reason", reason}};
            if (step == 0) {
                target = "/api/cases";
                body["workflow"] = "mutation";
                body["nip"] = nip(w, n);
                body["name"] = "Pejabat " + reason;
                body["grade"] = "jpt_pratama";
                body["post"] = "Kepala Dinas";
                body["inaugurated_at"] = "2021-03-08";
            } else {
                target = "/api/cases/" + case_id + "/events";
                body["event"] = "record_added";
                body["payload"] = json::object{{"item", items[step - 1]}, {"value", "ada"}};
            }
            {
                std::lock_guard lock(load.mutex);
                load.sent.insert(reason);
            }
            const auto start = Clock::now();
            const auto r = alur::crash::http_call(load.port, "POST", target, load.token, json::serialize(body),
                                                  {{"Idempotency-Key", "backup-" + reason}});
            const auto end = Clock::now();
            if (r.status != 200 && r.status != 201) {
                std::lock_guard lock(load.mutex);
                load.failures.push_back(reason + ": HTTP " + std::to_string(r.status) + " " + r.body + r.failure);
                return;
            }
            const auto v = r.json();
            const auto& e = v.at("event");
            case_id = std::string(v.at("id").as_string());
            std::lock_guard lock(load.mutex);
            load.acked[reason] = Ack{case_id, e.at("seq").to_number<std::int64_t>(), std::string(e.at("hash").as_string())};
            load.writes.emplace_back(start, end);
        }
    }
}

std::size_t acked_count(Load& load) {
    std::lock_guard lock(load.mutex);
    return load.acked.size();
}

std::vector<json::value> exported(const Cli& cli, const std::string& db) {
    auto r = cli.on_db(db, {"export", "--format", "jsonl"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return alur::crash::json_lines(r.out);
}

}  // namespace

TEST_CASE("A backup taken under write load holds every acknowledged event verifies and restores to a working server",
          "[crash][backup]") {
    constexpr int writers = 4;
    constexpr std::size_t before_backup = 300;  // acknowledged writes before the backup starts
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    auto added = cli({"token", "add", "load", "--role", "admin"});
    REQUIRE(added.exit_code == 0);
    Load load;
    load.token = added.out.substr(added.out.find('\n') + 1);
    while (!load.token.empty() && load.token.back() == '\n') load.token.pop_back();
    REQUIRE(load.token.size() == 64);

    auto server = std::make_unique<Server>(cli, std::vector<std::string>{"--listen", "127.0.0.1:0"}, "load");
    load.port = alur::scenario::ready_port(*server);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) threads.emplace_back(writer, std::ref(load), w);
    struct Join {
        Load& load;
        std::vector<std::thread>& threads;
        ~Join() {
            load.stop = true;
            for (auto& t : threads) t.join();
        }
    } join{load, threads};

    REQUIRE(alur::scenario::eventually([&] { return acked_count(load) >= before_backup; }, std::chrono::seconds(120)));
    std::map<std::string, Ack> acknowledged;
    {
        std::lock_guard lock(load.mutex);
        acknowledged = load.acked;
    }
    // For comparison, what `cp alur.db` gets at the same moment (printed, not relied on).
    const std::string copied = (cli.dir / "cp-copy.db").string();
    std::filesystem::copy_file(cli.db(), copied);
    const std::string dest = (cli.dir / "backups" / "pre-upgrade-1.db").string();
    const auto backup_start = Clock::now();
    auto backup = cli({"backup", dest});
    const auto backup_end = Clock::now();
    const std::size_t acked_after = acked_count(load);
    // A little more load after it, then the writers stop.
    alur::scenario::eventually([&] { return acked_count(load) >= acked_after + 40; }, std::chrono::seconds(30));
    load.stop = true;
    for (auto& t : threads) t.join();
    threads.clear();
    {
        std::lock_guard lock(load.mutex);
        for (const auto& f : load.failures) UNSCOPED_INFO(f);
        CHECK(load.failures.empty());
    }
    INFO(backup.err);
    REQUIRE(backup.exit_code == 0);
    std::printf("%s", backup.out.c_str());
    CHECK(backup.out.find("alur-checkpoint v1 events=") != std::string::npos);

    // Every acknowledged event is there, as acknowledged; and the backup is a prefix of the live journal.
    const auto copy = exported(cli, dest);
    const auto live = exported(cli, cli.db());
    std::map<std::string, const json::object*> by_reason;
    std::size_t foreign = 0;
    for (const auto& v : copy) {
        const auto& e = v.as_object();
        const std::string reason(e.at("reason").as_string());
        by_reason[reason] = &e;
        std::lock_guard lock(load.mutex);
        if (!load.sent.count(reason)) ++foreign;
    }
    CHECK(foreign == 0);
    std::size_t missing = 0, different = 0;
    for (const auto& [reason, ack] : acknowledged) {
        const auto it = by_reason.find(reason);
        if (it == by_reason.end()) {
            ++missing;
            continue;
        }
        const auto& e = *it->second;
        if (e.at("case_id").as_string() != ack.case_id || e.at("seq").to_number<std::int64_t>() != ack.seq ||
            e.at("hash").as_string() != ack.hash)
            ++different;
    }
    CHECK(missing == 0);
    CHECK(different == 0);
    REQUIRE(copy.size() >= acknowledged.size());
    REQUIRE(live.size() >= copy.size());
    std::size_t prefix = 0;
    while (prefix < copy.size() && json::serialize(copy[prefix]) == json::serialize(live[prefix])) ++prefix;
    CHECK(prefix == copy.size());
    CHECK(backup.out.find("events=" + std::to_string(copy.size()) + " ") != std::string::npos);
    auto verified = cli.on_db(dest, {"audit", "verify"});
    CHECK(verified.exit_code == 0);

    // The writers went on while the copy was made.
    std::size_t during = 0;
    double slowest_ms = 0, slowest_outside_ms = 0;
    {
        std::lock_guard lock(load.mutex);
        for (const auto& [start, end] : load.writes) {
            const double ms = std::chrono::duration<double, std::milli>(end - start).count();
            if (end > backup_start && start < backup_end) {
                ++during;
                slowest_ms = std::max(slowest_ms, ms);
            } else {
                slowest_outside_ms = std::max(slowest_outside_ms, ms);
            }
        }
    }
    auto cp_export = cli.on_db(copied, {"export", "--format", "jsonl"});
    const std::string cp_events =
        cp_export.exit_code == 0 ? std::to_string(alur::crash::json_lines(cp_export.out).size()) : "unreadable";
    const double backup_ms = std::chrono::duration<double, std::milli>(backup_end - backup_start).count();

    // Restore it (the server stopped) and serve from it.
    REQUIRE(server->stop(SIGTERM) == 0);
    server.reset();
    auto restored = cli({"restore", dest});
    INFO(restored.err);
    REQUIRE(restored.exit_code == 0);
    CHECK(exported(cli, cli.db()).size() == copy.size());
    Server again(cli, {"--listen", "127.0.0.1:0"}, "restored");
    const unsigned short port = alur::scenario::ready_port(again);
    const auto& [first_reason, first_ack] = *acknowledged.begin();
    std::int64_t version = 0;
    for (const auto& [reason, ack] : acknowledged)
        if (ack.case_id == first_ack.case_id) version = std::max(version, ack.seq);
    const auto read = alur::crash::http_call(port, "GET", "/api/cases/" + first_ack.case_id, load.token, "");
    INFO(read.body);
    REQUIRE(read.status == 200);
    CHECK(read.json().at("version").as_int64() >= version);
    const auto wrote = alur::crash::http_call(
        port, "POST", "/api/cases/" + first_ack.case_id + "/events", load.token,
        R"({"event":"record_added","payload":{"item":"skp","value":"baik"},"reason":"after restore"})");
    INFO(wrote.body);
    CHECK(wrote.status == 200);
    CHECK(again.stop(SIGTERM) == 0);

    std::printf("backup under load: %zu events acknowledged before it began, the backup holds %zu (%zu later ones), "
                "the live journal %zu; backup took %.0f ms (the alur process), %zu writes acknowledged during it, "
                "slowest %.1f ms (%.1f ms outside it); verified; restored and served %s (version %lld); "
                "`cp alur.db` at the same moment held %s events\n",
                acknowledged.size(), copy.size(), copy.size() - acknowledged.size(), live.size(), backup_ms, during,
                slowest_ms, slowest_outside_ms, first_ack.case_id.c_str(),
                static_cast<long long>(read.json().at("version").as_int64()), cp_events.c_str());
}
