// bench/bench.hpp — what the modes of alur-bench share (not a public header).
//
// alur-bench is a measuring tool, not a test: each mode prints the machine,
// the engine's figure, a raw SQLite baseline on rows of the same size measured
// in the same run, and their ratio. Single-threaded helpers unless said.
#pragma once

#include "alur/engine/engine.hpp"
#include "alur/engine/journal.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace alur::bench {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t);

// --- Options: `alur-bench MODE --name value --flag` -------------------------------

class Args {
public:
    /// argv after the mode; "--name value" or "--name=value".
    Args(int argc, char** argv);
    std::string text(const std::string& name, const std::string& fallback) const;
    double number(const std::string& name, double fallback) const;
    /// A comma-separated list of numbers ("1,16,256").
    std::vector<long> list(const std::string& name, const std::vector<long>& fallback) const;
    bool flag(const std::string& name) const;
    /// Names given but never asked for (typos): reported by main.
    std::vector<std::string> unused() const;

private:
    std::map<std::string, std::string> values_;
    mutable std::map<std::string, bool> asked_;
};

// --- The machine ---------------------------------------------------------------------

struct Machine {
    unsigned cores = 0;
    std::string cpu;
    double memory_gib = 0;
    double fsyncs_per_s = 0;  ///< 4 KiB overwrite + fdatasync, in the bench directory
};
/// Measures fsync/s for about `seconds` in `dir`.
Machine measure_machine(const std::string& dir, double seconds);
void print_machine(const Machine& m, const std::string& dir);

// --- Figures ---------------------------------------------------------------------------

/// Latency samples in microseconds; percentiles of the sorted copy.
struct Samples {
    std::vector<double> us;
    void add(Clock::duration d) { us.push_back(std::chrono::duration<double, std::micro>(d).count()); }
    double pct(double p);  ///< sorts on first use
    bool sorted = false;
};
/// "1.23 ms" / "456 us".
std::string ms(double us);
/// "12,345".
std::string count(double n);
long peak_rss_kib();
/// "engine / raw = 0.42 (42 %)".
std::string ratio(double engine, double raw);

// --- Raw SQLite baselines (a fresh file in WAL mode, synchronous=FULL) ---------------------

struct RawFigure {
    double per_s = 0;   ///< commits/s (single) or rows/s (batched)
    double p50_us = 0;  ///< per commit
    double p99_us = 0;
};
/// One-row transactions (BEGIN IMMEDIATE, INSERT of `row_bytes`, COMMIT) for `seconds`.
RawFigure raw_single_commits(const std::string& dir, std::size_t row_bytes, double seconds);
/// Transactions of `per_tx` inserted rows of `row_bytes` for `seconds`: rows/s.
RawFigure raw_batched_inserts(const std::string& dir, std::size_t row_bytes, std::size_t per_tx, double seconds);
/// The bytes an events row holds (every column's text), to size raw rows alike.
std::size_t event_row_bytes(const EventRecord& e);

// --- Building large journals fast -------------------------------------------------------

/// The commit requests the engine produced for one case, captured from a
/// scratch engine on a memory journal (ManualClock: every time fixed), to be
/// written again for many cases straight through Journal::commit_group, so a
/// million cases take seconds instead of a million engine round trips. The
/// projections, timers and hashes are the engine's own (chain_event rehashes
/// each copy onto the real journal's head), so `audit verify` accepts them.
struct CaseTemplate {
    std::vector<CommitRequest> requests;  ///< [0] opens the case (case_id empty)
};

/// The engine options every mode uses (the shipped calendar, default deadlines).
EngineOptions engine_options(std::shared_ptr<Journal> journal, std::shared_ptr<const alur::Clock> clock);
/// The mutation workflow with its default settings.
std::shared_ptr<const Workflow> mutation_workflow();

/// A Command for the mutation workflow: open (case_id empty) or `event` on a case.
Command mutation_command(const std::string& case_id, const std::string& event, boost::json::object payload);
/// The payload of a mutation opening, with an optional unit.
boost::json::object opening_payload(int serial, const std::string& unit);

/// Runs `commands` (the first opens a case; later ones get its id) through a
/// scratch engine at the fixed instant `at`, and captures its commit requests.
CaseTemplate capture_template(const std::vector<Command>& commands, TimePoint at);

/// Writes `cases` copies of the templates (case i uses templates[i % size])
/// into `journal` with commit_group, `group` requests per transaction.
/// `drop_timers`: the copies store no timers (list mode). Returns events written.
std::int64_t write_copies(Journal& journal, const std::vector<CaseTemplate>& templates, std::int64_t cases,
                          std::size_t group, bool drop_timers = false);

/// A directory for the mode's files: --dir, else a fresh one under $TMPDIR
/// (removed at exit unless --keep).
class WorkDir {
public:
    explicit WorkDir(const Args& args);
    ~WorkDir();
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
    bool remove_ = false;
};

/// Removes a database file with its -wal and -shm.
void remove_db(const std::string& path);

// --- The modes -----------------------------------------------------------------------------

int run_transitions(const Args& args);
int run_http(const Args& args, const std::string& self);
int run_verify(const Args& args);
int run_list(const Args& args, const std::string& self);
int run_timers(const Args& args, const std::string& self);
/// The child process of `timers`: open, build the engine, arm (RSS is its own).
int run_timers_rearm(const Args& args);

}  // namespace alur::bench
