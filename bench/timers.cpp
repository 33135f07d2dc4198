#include "bench.hpp"
namespace alur::bench { int run_timers(const Args&, const std::string&) { return 2; } int run_timers_rearm(const Args&) { return 2; } }
