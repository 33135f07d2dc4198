#include "bench.hpp"
namespace alur::bench { int run_list(const Args&) { return 2; } }
