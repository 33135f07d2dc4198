// bench/http_client.cpp — the load generator of `alur-bench http` (epoll, one loop per thread).
#include "http_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace alur::bench {

std::string http_request(const std::string& method, const std::string& target, const std::string& token,
                         const std::string& body) {
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n";
    if (!body.empty())
        r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    r += "\r\n";
    r += body;
    return r;
}

namespace {

int connect_to(const std::string& host, int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        const int e = errno;
        ::close(fd);
        throw std::runtime_error("connect " + host + ":" + std::to_string(port) + ": " + std::strerror(e));
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/// The length of a complete answer at the start of `in` (0: not complete yet),
/// with its status and where its body starts.
std::size_t complete_answer(const std::string& in, int& status, std::size_t& body_at, std::size_t& body_len) {
    const auto end = in.find("\r\n\r\n");
    if (end == std::string::npos) return 0;
    status = in.size() > 12 ? std::atoi(in.c_str() + 9) : 0;
    body_len = 0;
    for (std::size_t line = in.find("\r\n") + 2; line < end;) {
        const auto next = in.find("\r\n", line);
        if (next - line > 15 && strncasecmp(in.c_str() + line, "content-length:", 15) == 0)
            body_len = std::strtoul(in.c_str() + line + 15, nullptr, 10);
        line = next + 2;
    }
    body_at = end + 4;
    return in.size() >= body_at + body_len ? body_at + body_len : 0;
}

struct Conn {
    std::size_t index = 0;
    int fd = -1;
    std::string out;
    std::size_t out_at = 0;
    std::string in;
    Clock::time_point sent;
    bool want_write = false;
};

struct Totals {
    std::mutex mu;
    HttpLoadResult result;
};

void loop(const HttpLoadOptions& o, std::vector<std::size_t> mine, std::atomic<std::uint64_t>& issued,
          const std::atomic<int>& phase, Totals& totals) {
    // phase: 0 warm-up, 1 measuring, 2 stopping.
    const int ep = ::epoll_create1(0);
    std::vector<Conn> conns(mine.size());
    HttpLoadResult local;
    std::size_t in_flight = 0;

    auto watch = [&](Conn& c, int op) {
        epoll_event ev{};
        ev.events = EPOLLIN | (c.want_write ? EPOLLOUT : 0u);
        ev.data.u64 = static_cast<std::uint64_t>(&c - conns.data());
        ::epoll_ctl(ep, op, c.fd, &ev);
    };
    auto flush = [&](Conn& c) {
        while (c.out_at < c.out.size()) {
            const ssize_t n = ::send(c.fd, c.out.data() + c.out_at, c.out.size() - c.out_at, MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
            if (n <= 0) return false;
            c.out_at += static_cast<std::size_t>(n);
        }
        const bool want = c.out_at < c.out.size();
        if (want != c.want_write) c.want_write = want, watch(c, EPOLL_CTL_MOD);
        return true;
    };
    // Sends the connection's next request, unless stopping or the total is reached.
    auto next = [&](Conn& c) {
        if (phase.load() == 2) return false;
        const std::uint64_t n = issued.fetch_add(1);
        if (o.total && n >= o.total) return false;
        c.out = o.request(c.index, n);
        c.out_at = 0;
        c.sent = Clock::now();
        return flush(c);
    };
    auto reconnect = [&](Conn& c) {
        ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        ++local.reconnects;
        c.fd = connect_to(o.host, o.port);
        c.in.clear();
        c.want_write = false;
        watch(c, EPOLL_CTL_ADD);
        if (!next(c)) --in_flight;
    };

    for (std::size_t i = 0; i < mine.size(); ++i) {
        Conn& c = conns[i];
        c.index = mine[i];
        c.fd = connect_to(o.host, o.port);
        watch(c, EPOLL_CTL_ADD);
        if (next(c)) ++in_flight;
    }
    std::vector<epoll_event> events(256);
    char buf[65536];
    while (in_flight > 0) {
        const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), 20);
        for (int k = 0; k < n; ++k) {
            Conn& c = conns[events[static_cast<std::size_t>(k)].data.u64];
            if (events[static_cast<std::size_t>(k)].events & EPOLLOUT) {
                if (!flush(c)) {
                    reconnect(c);
                    continue;
                }
            }
            if (!(events[static_cast<std::size_t>(k)].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
            bool closed = false;
            for (;;) {
                const ssize_t got = ::recv(c.fd, buf, sizeof buf, 0);
                if (got > 0) {
                    c.in.append(buf, static_cast<std::size_t>(got));
                    continue;
                }
                if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
                closed = true;
                break;
            }
            int status = 0;
            std::size_t body_at = 0, body_len = 0;
            if (const std::size_t len = complete_answer(c.in, status, body_at, body_len)) {
                const auto took = Clock::now() - c.sent;
                const bool good = status >= 200 && status < 300;
                if (phase.load() == 1 || o.seconds == 0) {
                    if (good) {
                        ++local.ok;
                        local.latency.add(took);
                    } else {
                        ++local.failed;
                        if (local.first_failure.empty())
                            local.first_failure = std::to_string(status) + " " + c.in.substr(body_at, body_len);
                    }
                }
                if (o.on_answer) o.on_answer(c.index, status, std::string_view(c.in).substr(body_at, body_len));
                c.in.erase(0, len);
                if (closed) {
                    reconnect(c);
                    continue;
                }
                if (!next(c)) --in_flight;
            } else if (closed) {
                ++local.failed;
                if (local.first_failure.empty()) local.first_failure = "connection closed by the server";
                reconnect(c);
            }
        }
    }
    for (auto& c : conns) ::close(c.fd);
    ::close(ep);
    std::lock_guard lock(totals.mu);
    auto& t = totals.result;
    t.ok += local.ok;
    t.failed += local.failed;
    t.reconnects += local.reconnects;
    if (t.first_failure.empty()) t.first_failure = local.first_failure;
    t.latency.us.insert(t.latency.us.end(), local.latency.us.begin(), local.latency.us.end());
}

}  // namespace

HttpLoadResult run_http_load(const HttpLoadOptions& o) {
    std::atomic<std::uint64_t> issued{0};
    std::atomic<int> phase{o.seconds > 0 && o.warmup > 0 ? 0 : 1};
    Totals totals;
    const std::size_t threads = std::max<std::size_t>(1, std::min(o.threads, o.connections));
    std::vector<std::vector<std::size_t>> share(threads);
    for (std::size_t i = 0; i < o.connections; ++i) share[i % threads].push_back(i);
    std::vector<std::thread> workers;
    std::exception_ptr failure;
    std::mutex failure_mu;
    std::atomic<std::size_t> finished{0};
    for (auto& s : share)
        workers.emplace_back([&, s] {
            try {
                loop(o, s, issued, phase, totals);
            } catch (...) {
                std::lock_guard lock(failure_mu);
                failure = std::current_exception();
            }
            ++finished;
        });
    double measured = 0;
    if (o.seconds > 0) {
        std::this_thread::sleep_for(std::chrono::duration<double>(o.warmup));
        phase = 1;
        const auto start = Clock::now();
        while (seconds_since(start) < o.seconds && finished < workers.size())
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        phase = 2;
        measured = seconds_since(start);
    }
    const auto start = Clock::now();
    for (auto& w : workers) w.join();
    if (failure) std::rethrow_exception(failure);
    if (o.seconds == 0) measured = seconds_since(start);
    HttpLoadResult out = std::move(totals.result);
    out.per_s = measured > 0 ? static_cast<double>(out.ok) / measured : 0;
    return out;
}

}  // namespace alur::bench
