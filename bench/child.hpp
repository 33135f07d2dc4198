// bench/child.hpp — the `alur` CLI and a real `alur serve` as child processes.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace alur::bench {

/// Runs argv (argv[0] a path) in `cwd` with stdout and stderr to files; returns the pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& cwd, const std::string& out, const std::string& err);
/// The whole content of a file ("" if none).
std::string slurp(const std::string& path);
/// Runs a CLI command to its end in `cwd`: its stdout, or throws with its stderr.
std::string run_cli(const std::vector<std::string>& argv, const std::string& cwd);
/// A new admin token on the database `db` (`alur token add NAME --role admin`).
std::string add_token(const std::string& alur, const std::string& db, const std::string& cwd, const std::string& name);
/// The `alur` beside this program, or --alur.
std::string alur_path(const std::string& option, const std::string& self);

/// `alur --db DB serve --listen 127.0.0.1:0`, started and waited for until it
/// prints its address; SIGTERM (then SIGKILL after 10 s) on destruction.
class Server {
public:
    Server(const std::string& alur, const std::string& db, const std::string& cwd);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    pid_t pid() const { return pid_; }
    int port() const { return port_; }
    const std::string& host() const { return host_; }

private:
    pid_t pid_ = -1;
    std::string host_;
    int port_ = 0;
};

}  // namespace alur::bench
