#include "bench.hpp"
namespace alur::bench { int run_http(const Args&, const std::string&) { return 2; } }
