// Helpers of the crash harnesses: a child process that can be killed with
// SIGKILL at any moment, a plain HTTP/1.1 client over a POSIX socket (one
// request per connection, so a kill between requests and a kill in the middle
// of one look the same to it), and the journal read back through
// `alur export --format jsonl`.
//
// Thread-safety: a Process belongs to one thread; http_call may be called
// from several threads at once (it shares nothing).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace alur::crash {

/// The crash tests kill processes, not the machine: what a killed process
/// wrote is in the kernel's page cache and survives, so a sync proves nothing
/// here. Their files go to /dev/shm unless TMPDIR says otherwise, which keeps
/// a round short on a busy disk. Call before any thread starts.
inline void prefer_memory_tmpdir() {
    if (!std::getenv("TMPDIR") && ::access("/dev/shm", W_OK) == 0) ::setenv("TMPDIR", "/dev/shm", 0);
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// `argv` run in `cwd` with stdout and stderr appended to the given files
/// (ALUR_* variables unset). Killed with SIGKILL when destroyed if still running.
class Process {
public:
    Process(const std::vector<std::string>& argv, const std::string& cwd, const std::string& out_path,
            const std::string& err_path)
        : out_path_(out_path), err_path_(err_path) {
        std::vector<std::string> args = argv;
        std::vector<char*> cargv;
        for (auto& a : args) cargv.push_back(a.data());
        cargv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (out >= 0) ::dup2(out, STDOUT_FILENO);
            if (err >= 0) ::dup2(err, STDERR_FILENO);
            if (::chdir(cwd.c_str()) != 0) ::_exit(126);
            for (const char* v : {"ALUR_DB", "ALUR_CONFIG", "ALUR_LANG", "ALUR_LOG", "ALUR_TOKEN"}) ::unsetenv(v);
            ::execv(cargv[0], cargv.data());
            ::_exit(127);
        }
    }
    ~Process() {
        if (running()) kill9();
    }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    bool running() {
        if (status_) return false;
        int st = 0;
        if (::waitpid(pid_, &st, WNOHANG) == pid_) status_ = st;
        return !status_;
    }
    /// kill -9, and reaps it.
    void kill9() {
        ::kill(pid_, SIGKILL);
        wait();
    }
    /// Waits for it to exit; its exit code, or -1 if a signal ended it.
    int wait() {
        if (!status_) {
            int st = 0;
            while (::waitpid(pid_, &st, 0) < 0 && errno == EINTR) {
            }
            status_ = st;
        }
        return WIFEXITED(*status_) ? WEXITSTATUS(*status_) : -1;
    }
    /// Waits up to `timeout` for it to exit; its exit code, nullopt if still running.
    std::optional<int> wait_for(std::chrono::milliseconds timeout) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (running()) {
            if (std::chrono::steady_clock::now() >= until) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return wait();
    }
    bool killed_by_signal() {
        wait();
        return WIFSIGNALED(*status_);
    }
    std::string out() const { return slurp(out_path_); }
    std::string err() const { return slurp(err_path_); }

private:
    pid_t pid_ = -1;
    std::optional<int> status_;
    std::string out_path_, err_path_;
};

/// The answer to one HTTP request; status 0: no complete answer (refused,
/// reset, or the connection closed before the whole response arrived).
struct HttpReply {
    int status = 0;
    std::string body;
    std::string failure;  ///< why there is no answer
    boost::json::value json() const { return boost::json::parse(body); }
};

/// One request to 127.0.0.1:`port` with `Connection: close`; reads until the
/// server closes the connection and checks Content-Length.
inline HttpReply http_call(unsigned short port, const std::string& method, const std::string& target,
                           const std::string& token, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers = {},
                           std::chrono::seconds timeout = std::chrono::seconds(20)) {
    HttpReply reply;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return {0, {}, "socket"};
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    timeval tv{static_cast<time_t>(timeout.count()), 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        return {0, {}, std::string("connect: ") + std::strerror(errno)};
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
    for (const auto& [name, value] : headers) req += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST")
        req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    for (std::size_t sent = 0; sent < req.size();) {
        const ssize_t n = ::send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return {0, {}, std::string("send: ") + std::strerror(errno)};
        sent += static_cast<std::size_t>(n);
    }
    std::string raw;
    char buf[8192];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            return {0, {}, std::string("recv: ") + std::strerror(errno)};
        }
        raw.append(buf, static_cast<std::size_t>(n));
    }
    const auto head_end = raw.find("\r\n\r\n");
    if (raw.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos || raw.size() < 12)
        return {0, {}, "incomplete response (" + std::to_string(raw.size()) + " bytes)"};
    reply.status = std::stoi(raw.substr(9, 3));
    reply.body = raw.substr(head_end + 4);
    std::string head = raw.substr(0, head_end);
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (const auto cl = head.find("\r\ncontent-length:"); cl != std::string::npos) {
        const std::size_t length = std::stoul(head.substr(cl + 17));
        if (reply.body.size() != length) return {0, {}, "truncated body"};
    }
    return reply;
}

/// The JSON Lines of `text`, one value each (blank lines skipped).
inline std::vector<boost::json::value> json_lines(const std::string& text) {
    std::vector<boost::json::value> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(boost::json::parse(line));
    return out;
}

}  // namespace alur::crash
