// [log] format and level on the command line (adapters/cli/main.cpp,
// adapters/logging): `alur run-due` with [log] level = "info" logs each
// delivery; with format "json" every stderr line is one JSON object whose
// time is in the agency's zone (WITA here, +08:00); with "text" the line
// starts with that time and the level.
#include "scenario_cli.hpp"

#include <boost/json/parse.hpp>

#include <regex>
#include <sstream>

using namespace alur::scenario;
namespace json = boost::json;

namespace {

std::string config_with_log(const std::string& format) {
    return R"(
[agency]
name = "Pemerintah Kabupaten Pasaman Barat"
timezone = "WITA"

[notify]
channels = ["file"]

[notify.file]
path = "notices.jsonl"

[log]
format = ")" + format + R"("
level = "info"
)";
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> v;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
}

}  // namespace

TEST_CASE("log lines of a command follow log.format with the agency zone offset", "[scenario][log]") {
    for (const std::string format : {"json", "text"}) {
        INFO(format);
        Cli cli(config_with_log(format));
        REQUIRE(cli({"init"}).exit_code == 0);
        const std::string id = cli.open_case("2024-04-01 09:00");
        auto run = cli({"run-due", "--now", "2024-04-24 09:00"});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        const auto lines = lines_of(run.err);
        std::size_t delivered = 0;
        for (const auto& line : lines) {
            if (format == "json") {
                const auto o = json::parse(line).as_object();  // throws (fails) on anything but one object
                CHECK(std::regex_match(std::string(o.at("time").as_string()),
                                       std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00)")));
                CHECK(o.contains("level"));
                if (std::string(o.at("msg").as_string()).find("delivered on file") != std::string::npos) ++delivered;
            } else {
                CHECK(std::regex_search(line, std::regex(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00 [a-z]+ )")));
                if (line.find(" info notice ") != std::string::npos && line.find("delivered on file") != std::string::npos)
                    ++delivered;
            }
        }
        CHECK(delivered == 3);  // two reminders and an escalation, each delivered once
    }
    // A wrong format is refused with the file, line and key, and exit 2.
    Cli bad(config_with_log("xml"));
    auto refused = bad({"list"});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("log.format") != std::string::npos);
}
