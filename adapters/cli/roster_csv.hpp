// roster_csv.hpp — the roster CSV reader (alur/personnel/roster_csv.hpp, shared
// with the HTTP API) under the CLI's names.
#pragma once

#include "alur/personnel/roster_csv.hpp"
#include "nip.hpp"

namespace alur::cli {

using personnel::CsvRecord;
using personnel::CsvText;
using personnel::detect_delimiter;
using personnel::parse_csv;
using personnel::read_roster_csv;
using personnel::RosterFile;
using personnel::RosterIssue;
using personnel::RosterProblem;
using personnel::RosterProgress;
using personnel::valid_utf8;

}  // namespace alur::cli
