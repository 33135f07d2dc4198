// xlsx_version.hpp — the libxlsxwriter the XLSX export runs on, for `alur version --json`.
#pragma once

#include <string>

namespace alur::reports {

/// libxlsxwriter's version at run time (lxw_version(), e.g. "1.1.4"). Thread-safe.
std::string xlsxwriter_version();

}  // namespace alur::reports
