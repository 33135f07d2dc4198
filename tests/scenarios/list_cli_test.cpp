// `alur list` filtering, sorting and paging through the journal: an agency's
// administrator pages through the cases of one unit (OPD), officials' and a
// vacant post's alike, a page at a time with the cursor the command prints.
#include "scenario_cli.hpp"

#include <boost/json/parse.hpp>

using alur::scenario::Cli;

TEST_CASE("alur list filters by unit and subject and pages with the cursor it prints", "[scenario][list]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string first = cli.open_case("2025-06-02 09:00");
    const std::string second = cli.open_case("2025-06-03 09:00", "198107222006042003", "Rina Marlina, S.E.");
    auto post = cli({"open", "open_selection", "--post", "Kepala Dinas Pendidikan", "--unit", "Dinas Pendidikan",
                     "--grade", "jpt_pratama", "--at", "2025-06-04 09:00", "--actor", "sari", "--reason", "jabatan lowong"});
    REQUIRE(post.exit_code == 0);
    const std::string selection = post.out.substr(0, post.out.size() - 1);

    // The open selection's unit is its post's: listed with the unit (the officials here have no unit given).
    auto unit = cli.json({"list", "--unit", "Dinas Pendidikan", "--json"}).as_array();
    REQUIRE(unit.size() == 1);
    CHECK(unit[0].at("id").as_string() == selection);
    CHECK(unit[0].at("subject").as_string() == "Kepala Dinas Pendidikan");
    auto nip = cli.json({"list", "--subject", "198107222006042003", "--json"}).as_array();
    REQUIRE(nip.size() == 1);
    CHECK(nip[0].at("id").as_string() == second);

    // Latest opened first, one a page: each page names the next, and the pages hold every case once.
    std::vector<std::string> seen;
    std::vector<std::string> args{"list", "--sort", "-opened", "--limit", "1", "--json"};
    for (int page = 0; page < 5; ++page) {
        auto r = cli(args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto listed = boost::json::parse(r.out);
        for (const auto& c : listed.as_array()) seen.emplace_back(c.at("id").as_string());
        const auto at = r.err.find("--cursor ");
        if (at == std::string::npos) break;
        std::string cursor = r.err.substr(at + 9);
        cursor.erase(cursor.find_last_not_of('\n') + 1);
        args = {"list", "--sort", "-opened", "--limit", "1", "--json", "--cursor", cursor};
    }
    CHECK(seen == std::vector<std::string>{selection, second, first});

    // The table says where the next page starts; a bare case id is a cursor too.
    auto table = cli({"list", "--limit", "2"});
    CHECK(table.out.find("Halaman berikutnya: --cursor " + second) != std::string::npos);
    auto rest = cli({"list", "--cursor", second});
    CHECK(rest.out.find(selection) != std::string::npos);
    CHECK(rest.out.find(first) == std::string::npos);
    CHECK(cli({"list", "--opened-from", "2025-06-03"}).out.find(first) == std::string::npos);

    auto bad_sort = cli({"--lang", "en", "list", "--sort", "sideways"});
    CHECK(bad_sort.exit_code == 2);
    CHECK(bad_sort.err.find("--sort must be id, due, opened or updated") != std::string::npos);
    auto bad_cursor = cli({"list", "--cursor", "MUT-999999"});
    CHECK(bad_cursor.exit_code == 2);
    CHECK(bad_cursor.err.find("unknown cursor MUT-999999") != std::string::npos);
}
