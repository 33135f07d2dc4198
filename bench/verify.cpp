#include "bench.hpp"
namespace alur::bench { int run_verify(const Args&) { return 2; } }
