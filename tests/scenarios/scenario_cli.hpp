// Helpers of the deadline scenarios: the real `alur` binary in a temporary
// directory with its own database and configuration, and `alur serve` as a
// child process whose stdout is read line by line.
//
// Nothing here sleeps for a fixed time: a test waits for a line the server
// prints, or polls a condition (a row in the history, a line in a file) at
// short intervals up to a generous overall timeout.
#pragma once

#include "test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace alur::scenario {

inline const std::string alur_bin = ALUR_BIN_DIR "/alur";

/// The deadline scenarios' configuration: notices go to a JSON Lines file
/// (notices.jsonl, next to the configuration) and nowhere else.
inline const std::string file_channel_config = R"(
[agency]
name = "Pemerintah Kabupaten Pasaman Barat"
timezone = "WIB"

[notify]
channels = ["file"]

[notify.file]
path = "notices.jsonl"
)";

/// A temporary directory with a database and alur.toml; runs `alur` there.
class Cli {
public:
    explicit Cli(const std::string& config = file_channel_config) {
        std::ofstream(dir / "alur.toml") << config;
    }

    alur::test::RunResult operator()(const std::vector<std::string>& args) const {
        return alur::test::run(line(args));
    }

    /// The arguments every command gets first: the database and the configuration.
    std::vector<std::string> globals() const { return {"--db", db(), "--config", config()}; }

    std::string line(const std::vector<std::string>& args) const {
        std::string cmd = "cd " + alur::test::shell_quote(dir.path().string()) +
                          " && env -u ALUR_DB -u ALUR_CONFIG -u ALUR_LANG -u ALUR_LOG " +
                          alur::test::shell_quote(alur_bin);
        for (const auto& a : globals()) cmd += " " + alur::test::shell_quote(a);
        for (const auto& a : args) cmd += " " + alur::test::shell_quote(a);
        return cmd;
    }

    /// `alur ARGS` on the database at `other` instead of this one's.
    alur::test::RunResult on_db(const std::string& other, const std::vector<std::string>& args) const {
        std::string cmd = line(args);
        const std::string own = alur::test::shell_quote(db());
        cmd.replace(cmd.find(own), own.size(), alur::test::shell_quote(other));
        return alur::test::run(cmd);
    }

    std::string db() const { return (dir / "alur.db").string(); }
    std::string config() const { return (dir / "alur.toml").string(); }
    std::string notices_file() const { return (dir / "notices.jsonl").string(); }

    boost::json::value json(const std::vector<std::string>& args) const {
        auto r = (*this)(args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return boost::json::parse(r.out);
    }

    /// `alur open mutation` for a JPT Pratama official, the case entering
    /// record_gathering at `at` (local time); returns the case id.
    std::string open_case(const std::string& at, const std::string& nip = "197603152005011002",
                          const std::string& name = "Drs. Hendra Gunawan, M.Si.") const {
        auto r = (*this)({"open", "mutation", "--nip", nip, "--name", name, "--grade", "jpt_pratama", "--post",
                          "Kepala Dinas Pendidikan", "--inaugurated-at", "2021-03-08", "--at", at, "--actor", "sari"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        REQUIRE(r.out.size() > 1);
        return r.out.substr(0, r.out.size() - 1);
    }

    /// How many events of the case are named `name`.
    std::size_t count_events(const std::string& case_id, const std::string& name) const {
        std::size_t n = 0;
        const auto history = json({"history", case_id, "--json"});
        for (const auto& e : history.as_array())
            if (e.at("name").as_string() == name) ++n;
        return n;
    }

    /// The JSON Lines of the file channel (none if the file is not there yet).
    std::vector<boost::json::value> notices() const {
        std::vector<boost::json::value> out;
        std::ifstream in(notices_file());
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) out.push_back(boost::json::parse(line));
        return out;
    }

    /// Notices in the file of `kind` ("reminder" or "deadline") for the case.
    std::size_t count_notices(const std::string& case_id, const std::string& kind) const {
        std::size_t n = 0;
        for (const auto& v : notices())
            if (v.at("case").as_string() == case_id && v.at("payload").at("kind").as_string() == kind) ++n;
        return n;
    }

    alur::test::TempDir dir;
};

/// Polls `done` every 50 ms until it holds or `timeout` passes.
inline bool eventually(const std::function<bool()>& done, std::chrono::seconds timeout = std::chrono::seconds(30)) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

/// `alur serve ARGS...` as a child process: stdout on a pipe read by the
/// test, stderr (the log) in a file of the Cli's directory. Killed with
/// SIGKILL when destroyed if still running.
class Server {
public:
    /// Runs `alur GLOBALS EXTRA_GLOBALS serve ARGS`; its log goes to NAME.log.
    /// With `max_open_files`, the child runs with that RLIMIT_NOFILE (soft and hard).
    Server(const Cli& cli, const std::vector<std::string>& args, const std::string& name,
           const std::vector<std::string>& extra_globals = {}, std::optional<rlim_t> max_open_files = std::nullopt) {
        log_path_ = (cli.dir / (name + ".log")).string();
        std::vector<std::string> argv{alur_bin};
        for (const auto& a : cli.globals()) argv.push_back(a);
        argv.insert(argv.end(), extra_globals.begin(), extra_globals.end());
        argv.emplace_back("serve");
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char*> cargv;
        for (auto& a : argv) cargv.push_back(a.data());
        cargv.push_back(nullptr);
        const std::string cwd = cli.dir.path().string();

        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
            const int err = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (err >= 0) ::dup2(err, STDERR_FILENO);
            if (::chdir(cwd.c_str()) != 0) ::_exit(126);
            for (const char* v : {"ALUR_DB", "ALUR_CONFIG", "ALUR_LANG", "ALUR_LOG"}) ::unsetenv(v);
            if (max_open_files) {
                const rlimit limit{*max_open_files, *max_open_files};
                if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) ::_exit(125);
            }
            ::execv(cargv[0], cargv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        out_ = fds[0];
    }

    ~Server() {
        if (running()) kill9();
        if (out_ >= 0) ::close(out_);
    }

    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    bool running() const { return pid_ > 0 && !status_; }
    pid_t pid() const { return pid_; }

    /// Reads stdout until a whole line starting with `prefix` arrives, and
    /// returns it; nullopt on end of output or after `timeout`.
    std::optional<std::string> wait_line(const std::string& prefix,
                                         std::chrono::seconds timeout = std::chrono::seconds(60)) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            for (auto nl = buffer_.find('\n'); nl != std::string::npos; nl = buffer_.find('\n')) {
                std::string line = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                output_ += line + "\n";
                if (line.rfind(prefix, 0) == 0) return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::nullopt;
            pollfd p{out_, POLLIN, 0};
            const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
            if (ready < 0) return std::nullopt;
            if (ready == 0) continue;
            char buf[4096];
            const ssize_t n = ::read(out_, buf, sizeof buf);
            if (n <= 0) return std::nullopt;  // end of output: the server exited
            buffer_.append(buf, static_cast<std::size_t>(n));
        }
    }

    /// What the server wrote to stdout so far (the lines read by wait_line).
    const std::string& output() const { return output_; }

    /// Its log (stderr) so far.
    std::string log() const {
        std::ifstream in(log_path_);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

    /// kill -9, and reaps it.
    void kill9() {
        ::kill(pid_, SIGKILL);
        reap();
    }

    /// Sends `signal` and waits (up to `timeout`) for the server to exit;
    /// returns its exit status, or -1 if it was killed by a signal or did not exit.
    int stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(30)) {
        ::kill(pid_, signal);
        const bool exited = eventually(
            [&] {
                int st = 0;
                const pid_t r = ::waitpid(pid_, &st, WNOHANG);
                if (r == pid_) status_ = st;
                return r == pid_;
            },
            timeout);
        if (!exited) {
            kill9();
            return -1;
        }
        while (wait_line("\x01", std::chrono::seconds(5))) {
        }  // collect the rest of stdout into output()
        return WIFEXITED(*status_) ? WEXITSTATUS(*status_) : -1;
    }

private:
    void reap() {
        int st = 0;
        if (::waitpid(pid_, &st, 0) == pid_) status_ = st;
    }

    pid_t pid_ = -1;
    int out_ = -1;
    std::optional<int> status_;
    std::string buffer_;
    std::string output_;
    std::string log_path_;
};

/// The port of "alur serve: http 127.0.0.1:PORT", after waiting for the ready line.
inline unsigned short ready_port(Server& server) {
    auto listening = server.wait_line("alur serve: http ");
    INFO(server.log());
    REQUIRE(listening);
    REQUIRE(server.wait_line("alur serve: siap"));
    return static_cast<unsigned short>(std::stoi(listening->substr(listening->rfind(':') + 1)));
}

}  // namespace alur::scenario
