// Steps the job fit scenarios share: a valid NIP for a generated official, the
// roster CSV of such officials, and `alur advance` that must succeed.
#pragma once

#include "roster_rows.hpp"
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

/// A roster CSV of JPT Pratama officials (each with nip, name, post, unit,
/// inaugurated, birth), then the rows of `more`.
template <class Officials>
std::string jpt_roster_csv(const Officials& officials, const std::string& more = "") {
    std::string csv = alur::test::roster_rows::header;
    for (const auto& o : officials)
        csv += o.nip + "," + o.name + ",jpt_pratama," + o.post + "," + o.unit + "," + o.inaugurated + "," + o.birth +
               "\n";
    return csv + more;
}

}  // namespace alur::scenario::jobfit
