// bench/common.cpp — options, the machine, figures and the work directory.
#include "bench.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace alur::bench {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// --- Args ----------------------------------------------------------------------------------

Args::Args(int argc, char** argv) {
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (!a.starts_with("--")) throw std::invalid_argument("unexpected argument " + a);
        a = a.substr(2);
        if (auto eq = a.find('='); eq != std::string::npos) {
            values_[a.substr(0, eq)] = a.substr(eq + 1);
        } else if (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("--")) {
            values_[a] = argv[++i];
        } else {
            values_[a] = "";
        }
    }
}

std::string Args::text(const std::string& name, const std::string& fallback) const {
    asked_[name] = true;
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

double Args::number(const std::string& name, double fallback) const {
    const std::string v = text(name, "");
    if (v.empty()) return fallback;
    std::size_t used = 0;
    const double d = std::stod(v, &used);
    if (used != v.size()) throw std::invalid_argument("--" + name + ": not a number: " + v);
    return d;
}

std::vector<long> Args::list(const std::string& name, const std::vector<long>& fallback) const {
    const std::string v = text(name, "");
    if (v.empty()) return fallback;
    std::vector<long> out;
    std::stringstream in(v);
    for (std::string item; std::getline(in, item, ',');) out.push_back(std::stol(item));
    return out;
}

bool Args::flag(const std::string& name) const {
    asked_[name] = true;
    return values_.contains(name);
}

std::vector<std::string> Args::unused() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : values_)
        if (!asked_.contains(k)) out.push_back("--" + k);
    return out;
}

// --- The machine -----------------------------------------------------------------------

Machine measure_machine(const std::string& dir, double seconds) {
    Machine m;
    m.cores = std::thread::hardware_concurrency();
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.starts_with("model name")) {
            m.cpu = line.substr(line.find(':') + 2);
            break;
        }
    std::ifstream meminfo("/proc/meminfo");
    for (std::string line; std::getline(meminfo, line);)
        if (line.starts_with("MemTotal:")) m.memory_gib = std::stod(line.substr(9)) / (1024.0 * 1024.0);

    const std::string path = dir + "/fsync.probe";
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_TRUNC, 0600);
    if (fd < 0) return m;
    std::vector<char> block(4096, 'x');
    long n = 0;
    const auto start = Clock::now();
    while (seconds_since(start) < seconds) {
        if (::pwrite(fd, block.data(), block.size(), 0) != static_cast<ssize_t>(block.size())) break;
        if (::fdatasync(fd) != 0) break;
        ++n;
    }
    m.fsyncs_per_s = n / seconds_since(start);
    ::close(fd);
    ::unlink(path.c_str());
    return m;
}

void print_machine(const Machine& m, const std::string& dir) {
    std::printf("machine: %u cores (%s), %.1f GiB; fsync/s %s (4 KiB pwrite + fdatasync in %s)\n", m.cores,
                m.cpu.c_str(), m.memory_gib, count(m.fsyncs_per_s).c_str(), dir.c_str());
}

// --- Figures ---------------------------------------------------------------------------------

double Samples::pct(double p) {
    if (us.empty()) return 0;
    if (!sorted) std::sort(us.begin(), us.end()), sorted = true;
    const auto i = static_cast<std::size_t>(std::llround(p * static_cast<double>(us.size() - 1)));
    return us[std::min(i, us.size() - 1)];
}

std::string ms(double us) {
    char buf[32];
    if (us >= 1000) std::snprintf(buf, sizeof buf, "%.2f ms", us / 1000);
    else std::snprintf(buf, sizeof buf, "%.0f us", us);
    return buf;
}

std::string count(double n) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(n)));
    std::string out;
    const std::size_t lead = digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i >= lead && (i - lead) % 3 == 0 && digits[i - 1] != '-') out += ',';
        out += digits[i];
    }
    return out;
}

long peak_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

std::string ratio(double engine, double raw) {
    char buf[64];
    if (raw <= 0) return "n/a";
    std::snprintf(buf, sizeof buf, "%.3f (%.1f %%)", engine / raw, 100.0 * engine / raw);
    return buf;
}

// --- Files -------------------------------------------------------------------------------------

WorkDir::WorkDir(const Args& args) {
    path_ = args.text("dir", "");
    const bool keep = args.flag("keep");
    if (!path_.empty()) {
        std::filesystem::create_directories(path_);
        return;
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/alur-bench.XXXXXX";
    if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed in " + templ);
    path_ = templ;
    remove_ = !keep;
}

WorkDir::~WorkDir() {
    if (!remove_) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void remove_db(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);
}

}  // namespace alur::bench
