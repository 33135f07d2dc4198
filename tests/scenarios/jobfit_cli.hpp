// Steps the job fit scenarios share: a valid NIP for a generated official and
// `alur advance` that must succeed.
#pragma once

#include "scenario_cli.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace alur::scenario::jobfit {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A valid NIP: born on `birth` (YYYYMMDD), appointed March 2000, male, serial `serial` (1..999).
inline std::string nip_of(const std::string& birth, int serial) {
    char tail[24];
    std::snprintf(tail, sizeof tail, "2000031%03d", serial);
    return birth + tail;
}

/// `alur advance ARGS --actor (gubernur for role ppk, else tim_bkd) --role ROLE --reason REASON`,
/// which must succeed; returns its stdout.
inline std::string advance(const Cli& cli, const std::vector<std::string>& args, const std::string& role = "admin",
                           const std::string& reason = "uji kompetensi 2021") {
    std::vector<std::string> all{"advance"};
    all.insert(all.end(), args.begin(), args.end());
    for (const std::string& a : {std::string("--actor"), std::string(role == "ppk" ? "gubernur" : "tim_bkd"),
                                 std::string("--role"), role, std::string("--reason"), reason})
        all.push_back(a);
    auto r = cli(all);
    INFO(cli.line(all) << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

}  // namespace alur::scenario::jobfit
