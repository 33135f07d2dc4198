// The writers of the serve crash harness (serve_crash_test.cpp): four HTTP
// clients and one CLI process writing to the same journal, each retrying a
// command that got no answer with the same idempotency key until it is
// acknowledged, and a gate where they all park while the harness checks the
// journal. What each sent and what was acknowledged is kept by reason (every
// command's reason is unique), for the checks.
//
// Thread-safety: a Harness is shared by the writers and the harness thread;
// `sent` and `failures` under `mutex`; Catch2 is used only by the harness thread.
#pragma once

#include "../scenarios/scenario_cli.hpp"
#include "crash_support.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace alur::crash {

namespace json = boost::json;

inline int env_int(const char* name, int fallback) {
    const char* s = std::getenv(name);
    return s && *s ? std::atoi(s) : fallback;
}

/// A valid NIP, unique per (writer, n): born 1970 + n % 20, appointed at 25.
inline std::string nip_for(int writer, int n) {
    char nip[64];
    const int year = 1970 + n % 20, month = 1 + (n / 20) % 12, day = 1 + writer;
    std::snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d1%03d", year, month, day, year + 25, month, 1 + (n / 240) % 999);
    return nip;
}

/// Local WIB time `days` days ago, "YYYY-MM-DD HH:MM".
inline std::string wib_days_ago(int days) {
    const std::time_t t = std::time(nullptr) + 7 * 3600 - static_cast<std::time_t>(days) * 86400;
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

/// How far back a case is opened: 0 (nothing due), or weeks back (reminders and escalations due at once).
inline int age_of(int n) {
    static const int ages[] = {0, 9, 13, 20, 30};
    return ages[n % 5];
}

/// What every writer sends, by its unique reason.
struct Sent {
    std::string key;
    bool acked = false;
    std::string case_id;  ///< as acknowledged
    std::int64_t seq = 0;  ///< as acknowledged over HTTP (0: not known, CLI)
    std::string hash;
};

/// Writers park at the gate while the harness checks the journal.
class Gate {
public:
    /// Called by a writer before each attempt: waits while closed; false once the harness says stop.
    bool pass() {
        std::unique_lock lock(m_);
        if (closed_) {
            ++parked_;
            cv_.notify_all();
            cv_.wait(lock, [&] { return !closed_ || stop_; });
            --parked_;
        }
        return !stop_;
    }
    void close() {
        std::lock_guard lock(m_);
        closed_ = true;
    }
    void open() {
        std::lock_guard lock(m_);
        closed_ = false;
        cv_.notify_all();
    }
    /// Waits until `writers` are parked (or the timeout); true if they are.
    bool wait_parked(int writers, std::chrono::seconds timeout) {
        std::unique_lock lock(m_);
        return cv_.wait_for(lock, timeout, [&] { return parked_ + finished_ >= writers; });
    }
    void finished() {
        std::lock_guard lock(m_);
        ++finished_;
        cv_.notify_all();
    }
    void stop() {
        std::lock_guard lock(m_);
        stop_ = true;
        cv_.notify_all();
    }
    bool closed() {
        std::lock_guard lock(m_);
        return closed_;
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    bool closed_ = true;
    bool stop_ = false;
    int parked_ = 0;
    int finished_ = 0;
};

struct Harness {
    scenario::Cli cli;
    std::string token;
    std::atomic<unsigned short> port{0};
    Gate gate;
    std::atomic<bool> draining{false};  ///< writers finish their command, then stop
    std::mutex mutex;                   ///< guards sent, failures
    std::map<std::string, Sent> sent;   ///< by reason
    std::vector<std::string> failures;
    std::atomic<long> retries{0}, http_acks{0}, cli_acks{0}, run_due{0};

    void fail(const std::string& what) {
        std::lock_guard lock(mutex);
        failures.push_back(what);
    }
    void issue(const std::string& reason, const std::string& key) {
        std::lock_guard lock(mutex);
        sent.emplace(reason, Sent{key, false, {}, 0, {}});
    }
    void ack(const std::string& reason, const std::string& case_id, std::int64_t seq, const std::string& hash) {
        std::lock_guard lock(mutex);
        Sent& s = sent.at(reason);
        if (s.acked && (s.case_id != case_id || s.seq != seq || s.hash != hash))
            failures.push_back("acknowledged twice differently: " + reason);
        s.acked = true;
        s.case_id = case_id;
        s.seq = seq;
        s.hash = hash;
    }
};

/// One HTTP writer: opens a case, records its eight items, closes record gathering; then the next case.
inline void http_writer(Harness& h, int writer) {
    static const char* items[] = {"career_history", "achievements", "skp",        "edijab",
                                  "competency_test", "superior_recommendation", "neutrality", "discipline"};
    for (int n = 0;; ++n) {
        std::string case_id;
        for (int step = 0; step <= 9; ++step) {
            if (h.draining && step == 0) {
                h.gate.finished();
                return;
            }
            const std::string reason = "w" + std::to_string(writer) + " c" + std::to_string(n) + " s" + std::to_string(step);
            const std::string key = "crash-" + reason;
            std::string target, body;
            if (step == 0) {
                json::object o{{"workflow", "mutation"},    {"nip", nip_for(writer, n)},
                               {"name", "Pejabat " + reason}, {"grade", "jpt_pratama"},
                               {"post", "Kepala Dinas"},      {"unit", "OPD " + std::to_string(writer)},
                               {"inaugurated_at", "2021-03-08"}, {"reason", reason}};
                if (age_of(n)) o["at"] = wib_days_ago(age_of(n));
                target = "/api/cases";
                body = json::serialize(o);
            } else {
                json::object o{{"reason", reason}};
                if (step <= 8) {
                    o["event"] = "record_added";
                    o["payload"] = json::object{{"item", items[step - 1]}, {"value", "ada"}};
                } else {
                    o["event"] = "records_completed";
                }
                target = "/api/cases/" + case_id + "/events";
                body = json::serialize(o);
            }
            h.issue(reason, key);
            for (int attempt = 0;; ++attempt) {
                if (!h.gate.pass()) return;
                if (attempt == 1) ++h.retries;  // a command sent again with its key
                if (attempt > 2000) {
                    h.fail(reason + ": no answer after 2000 attempts");
                    h.gate.finished();
                    return;
                }
                const HttpReply r = http_call(h.port, "POST", target, h.token, body, {{"Idempotency-Key", key}});
                if (r.status == 200 || r.status == 201) {
                    const auto v = r.json();
                    const auto& e = v.at("event");
                    case_id = std::string(v.at("id").as_string());
                    h.ack(reason, case_id, e.at("seq").to_number<std::int64_t>(), std::string(e.at("hash").as_string()));
                    ++h.http_acks;
                    break;
                }
                if (r.status != 0 && r.status != 503) {
                    h.fail(reason + ": HTTP " + std::to_string(r.status) + " " + r.body);
                    h.gate.finished();
                    return;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(r.status ? 5 : 15));  // the server is down or busy
            }
        }
    }
}

/// The CLI writer: `alur open`, `alur advance` and `alur run-due`, each retried with its key until exit 0.
inline void cli_writer(Harness& h, int writer) {
    std::string case_id;
    int added = 0;
    for (int n = 0;; ++n) {
        if (!h.gate.pass() || h.draining) {
            h.gate.finished();
            return;
        }
        if (n % 4 == 3) {  // fire due timers from a second process
            auto r = h.cli({"run-due"});
            if (r.exit_code == 0) ++h.run_due;
            else if (r.exit_code != 1) h.fail("run-due: exit " + std::to_string(r.exit_code) + " " + r.err);
            continue;
        }
        const std::string reason = "cli" + std::to_string(writer) + " n" + std::to_string(n);
        const std::string key = "crash-" + reason;
        std::vector<std::string> args;
        const bool opening = case_id.empty() || added >= 3;
        if (opening) {
            args = {"open", "mutation", "--nip", nip_for(writer, n), "--name", "Pejabat " + reason, "--grade",
                    "jpt_pratama", "--post", "Kepala Badan", "--inaugurated-at", "2021-03-08", "--actor", "cli",
                    "--reason", reason, "--key", key};
            if (age_of(n)) {
                args.emplace_back("--at");
                args.push_back(wib_days_ago(age_of(n)));
            }
        } else {
            static const char* items[] = {"skp", "edijab", "discipline"};
            args = {"advance", case_id, "record_added", std::string("item=") + items[added], "value=ada",
                    "--actor", "cli", "--role", "admin", "--reason", reason, "--key", key};
        }
        h.issue(reason, key);
        for (int attempt = 0;; ++attempt) {
            if (attempt > 200) {
                h.fail(reason + ": the CLI kept failing");
                h.gate.finished();
                return;
            }
            if (attempt == 1) ++h.retries;
            auto r = h.cli(args);
            if (r.exit_code == 0) {
                const std::string id = r.out.substr(0, r.out.find_first_of(":\n"));
                h.ack(reason, id, 0, {});
                ++h.cli_acks;
                if (opening) {
                    case_id = id;
                    added = 0;
                } else {
                    ++added;
                }
                break;
            }
            if (r.exit_code != 1) {  // 1: busy or io, worth a retry; anything else is a finding
                h.fail(reason + ": exit " + std::to_string(r.exit_code) + " " + r.err);
                h.gate.finished();
                return;
            }
        }
    }
}

}  // namespace alur::crash
