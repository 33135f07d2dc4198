// alur-bench — the benchmarks of Alur, one mode per figure (docs/PERFORMANCE.md).
//
//   alur-bench transitions|http|verify|list|timers [--name value]...
//
// Not a test: it measures. Every mode prints the machine (cores, fsync/s), the
// engine's figure, a raw SQLite baseline measured in the same run on rows of
// the same size, and their ratio. `--dir DIR` keeps the files there (default: a
// fresh directory under $TMPDIR, removed at the end unless --keep).
#include "bench.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

namespace {

const char* const usage = R"(usage: alur-bench MODE [--name value]...
modes (defaults in brackets; every mode takes --dir DIR and --keep):
  transitions  durable transitions/s in process, p50/p99 acknowledgement
               --cases 1,16,256,1000  --one-case 256 (in flight on one case; 0: skip)
               --seconds 3  --warmup  --threads 2  --synchronous FULL
  http         the same through a real `alur serve` child over loopback
               --alur PATH (default: alur beside alur-bench)  --connections 1,16,64,256
               --seconds 3  --warmup 0.5  --get  --post (only one kind; default both)
  verify       audit verify + replay against a raw scan of the events table
               --events 1000000 (20 per case)
  list         a page of 50 with filters at several journal sizes
               --sizes 100,100000,1000000  --pages 200 (per query)  --budget 3 (s per query)
               --no-http (only in process and raw)  --alur PATH
  timers       1M pending timers re-armed (time, RSS), a burst due at one instant
               --timers 1000000  --burst 100000
)";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))
        return std::fputs(usage, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
    const std::string mode = argv[1];
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    try {
        alur::bench::Args args(argc - 2, argv + 2);
        int rc = 2;
        if (mode == "transitions") rc = alur::bench::run_transitions(args);
        else if (mode == "http") rc = alur::bench::run_http(args, argv[0]);
        else if (mode == "verify") rc = alur::bench::run_verify(args);
        else if (mode == "list") rc = alur::bench::run_list(args, argv[0]);
        else if (mode == "timers") rc = alur::bench::run_timers(args, argv[0]);
        else if (mode == "timers-rearm") rc = alur::bench::run_timers_rearm(args);
        else return std::fprintf(stderr, "alur-bench: unknown mode %s\n%s", mode.c_str(), usage), 2;
        for (const auto& name : args.unused()) std::fprintf(stderr, "alur-bench: option %s was not used\n", name.c_str());
        return rc;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "alur-bench %s: %s\n", mode.c_str(), e.what());
        return 1;
    }
}
