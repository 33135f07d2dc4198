// bench/http_client.hpp — a closed-loop HTTP/1.1 load generator on POSIX sockets.
//
// N keep-alive connections to one address, each with one request in flight:
// the next is sent as soon as the previous answer is read (Content-Length
// bodies only, as `alur serve` answers). Connections are spread over a few
// threads, each with its own epoll loop. No Beast: it compiles in a second.
#pragma once

#include "bench.hpp"

#include <functional>
#include <string>

namespace alur::bench {

struct HttpLoadOptions {
    std::string host = "127.0.0.1";
    int port = 0;
    std::size_t connections = 1;
    std::size_t threads = 1;
    double warmup = 0;   ///< seconds before the figures count
    double seconds = 0;  ///< measured seconds (0: until `total` answers)
    std::uint64_t total = 0;  ///< stop after this many requests in all (0: time only)
    /// The whole request text for connection `conn`, its n-th request (any thread).
    std::function<std::string(std::size_t conn, std::uint64_t n)> request;
    /// Every answer's status and body (on the connection's thread); optional.
    std::function<void(std::size_t conn, int status, std::string_view body)> on_answer;
};

struct HttpLoadResult {
    double per_s = 0;  ///< 2xx answers per second in the measured window
    Samples latency;   ///< of 2xx answers in the window
    std::uint64_t ok = 0, failed = 0, reconnects = 0;
    std::string first_failure;  ///< status and body of the first non-2xx answer
};

HttpLoadResult run_http_load(const HttpLoadOptions& options);

/// "METHOD TARGET HTTP/1.1" with Host, Authorization: Bearer and, with a body, JSON headers.
std::string http_request(const std::string& method, const std::string& target, const std::string& token,
                         const std::string& body = {});

}  // namespace alur::bench
