// xlsx_version.cpp — libxlsxwriter's own version string.
#include "alur/reports/xlsx_version.hpp"

#include <xlsxwriter.h>

namespace alur::reports {

std::string xlsxwriter_version() { return lxw_version(); }

}  // namespace alur::reports
