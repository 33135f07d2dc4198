// bench/child.cpp — child processes of alur-bench (fork/exec, output to files).
#include "child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <thread>

namespace alur::bench {

pid_t spawn(const std::vector<std::string>& argv, const std::string& cwd, const std::string& out, const std::string& err) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (::chdir(cwd.c_str()) != 0) ::_exit(127);
        const int o = ::open(out.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
        const int e = ::open(err.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
        ::dup2(o, 1);
        ::dup2(e, 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string run_cli(const std::vector<std::string>& argv, const std::string& cwd) {
    const pid_t pid = spawn(argv, cwd, cwd + "/cli.out", cwd + "/cli.err");
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string line;
        for (const auto& a : argv) line += " " + a;
        throw std::runtime_error("failed:" + line + ": " + slurp(cwd + "/cli.err"));
    }
    return slurp(cwd + "/cli.out");
}

std::string add_token(const std::string& alur, const std::string& db, const std::string& cwd, const std::string& name) {
    const std::string out = run_cli({alur, "--db", db, "token", "add", name, "--role", "admin"}, cwd);
    std::smatch m;
    if (!std::regex_search(out, m, std::regex("[0-9a-f]{64}"))) throw std::runtime_error("no token in: " + out);
    return m.str();
}

std::string alur_path(const std::string& option, const std::string& self) {
    const std::string p = option.empty() ? (std::filesystem::path(self).parent_path() / "alur").string() : option;
    return std::filesystem::absolute(p).string();
}

Server::Server(const std::string& alur, const std::string& db, const std::string& cwd) {
    const std::string out = cwd + "/serve.out", err = cwd + "/serve.err";
    std::filesystem::remove(out);  // not to read a previous server's address
    pid_ = spawn({alur, "--db", db, "serve", "--listen", "127.0.0.1:0"}, cwd, out, err);
    const std::regex listening("alur serve: http ([0-9.]+):([0-9]+)");
    for (int i = 0; i < 600 && host_.empty(); ++i) {
        std::smatch a;
        const std::string text = slurp(out);
        if (std::regex_search(text, a, listening)) {
            host_ = a[1].str();
            port_ = std::stoi(a[2].str());
        } else {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    if (host_.empty()) throw std::runtime_error("alur serve did not start: " + slurp(err));
}

Server::~Server() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 200; ++i) {
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

}  // namespace alur::bench
