// `alur serve` as a real process: killed with SIGKILL before a reminder falls
// due and started again after it, the reminder is journaled exactly once and
// delivered to the file channel exactly once; a server notices a case opened
// by another process while it runs; SIGTERM stops it gracefully (exit 0).
//
// Each server runs with `--now` (its clock starts at that instant and then
// runs as usual), so "an hour before the reminder" and "half an hour after"
// need no waiting. The test waits for the server's ready line, never for a
// fixed time, and polls the history and the notice file with a timeout.
#include "scenario_cli.hpp"

#include <csignal>

using alur::scenario::Cli;
using alur::scenario::eventually;
using alur::scenario::Server;

namespace {

// Opened Monday 2024-04-01 08:00 WIB: record gathering falls due on
// 2024-04-23 16:00; the first reminder (3 working days before) fires on
// Thursday 2024-04-18 at 16:00 WIB.
const std::string opened_at = "2024-04-01 08:00";
const std::string ready_prefix = "alur serve: siap";

}  // namespace

TEST_CASE("a server killed before a reminder and restarted after it sends the reminder exactly once",
          "[scenario][serve]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case(opened_at);

    {
        // An hour before the reminder: nothing is due; the next timer is the reminder.
        Server first(cli, {"--now", "2024-04-18 15:00"}, "first");
        auto ready = first.wait_line(ready_prefix);
        INFO(first.log());
        REQUIRE(ready);
        CHECK(*ready == "alur serve: siap; 3 pengingat/eskalasi terjadwal, berikutnya 2024-04-18 16:00 WIB");
        first.kill9();
    }
    CHECK(cli.count_events(id, "reminder_due") == 0);
    CHECK(cli.notices().empty());

    {
        // Half an hour after it: the server catches up at start, then would wait for the next one.
        Server second(cli, {"--now", "2024-04-18 16:30"}, "second");
        auto ready = second.wait_line(ready_prefix);
        INFO(second.log());
        REQUIRE(ready);
        CHECK(*ready == "alur serve: siap; 2 pengingat/eskalasi terjadwal, berikutnya 2024-04-22 16:00 WIB");
        CHECK(eventually([&] { return cli.count_notices(id, "reminder") >= 1; }));
        CHECK(eventually([&] { return cli.count_events(id, "reminder_due") >= 1; }));
        CHECK(second.log().find("reminder_due") != std::string::npos);  // the fired timer is logged
        second.kill9();
    }
    CHECK(cli.count_events(id, "reminder_due") == 1);
    CHECK(cli.count_notices(id, "reminder") == 1);

    {
        // Started again at the same instant: nothing is due, nothing is sent again.
        Server third(cli, {"--now", "2024-04-18 16:30"}, "third");
        auto ready = third.wait_line(ready_prefix);
        INFO(third.log());
        REQUIRE(ready);
        CHECK(*ready == "alur serve: siap; 2 pengingat/eskalasi terjadwal, berikutnya 2024-04-22 16:00 WIB");
        third.kill9();
    }
    auto history = cli.json({"history", id, "--json"}).as_array();
    REQUIRE(history.size() == 2);
    const auto& reminder = history[1].as_object();
    CHECK(reminder.at("name").as_string() == "reminder_due");
    CHECK(reminder.at("role").as_string() == "system");
    CHECK(reminder.at("occurred_at").as_string() == "2024-04-18T16:00:00+07:00");
    CHECK(reminder.at("payload").at("late_ms").to_number<std::int64_t>() >= 30 * 60 * 1000);  // caught up, 30 min late
    CHECK(cli.count_notices(id, "reminder") == 1);
    REQUIRE(cli.notices().size() == 1);
    CHECK(cli.json({"show", id, "--json"}).at("notices").as_array()[0].at("delivered_at").is_string());
}

TEST_CASE("a running server fires a timer written by another process, and stops gracefully on SIGTERM",
          "[scenario][serve]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);

    // Two seconds before the reminder of a case that does not exist yet.
    Server server(cli, {"--now", "2024-04-18 15:59:58"}, "server");
    auto ready = server.wait_line(ready_prefix);
    INFO(server.log());
    REQUIRE(ready);
    CHECK(*ready == "alur serve: siap; tidak ada pengingat/eskalasi terjadwal");

    // Another process opens the case: its first reminder is due on 2024-04-18 16:00.
    const std::string id = cli.open_case(opened_at);
    CHECK(eventually([&] { return cli.count_events(id, "reminder_due") == 1; }));
    CHECK(eventually([&] { return cli.count_notices(id, "reminder") == 1; }));
    CHECK(server.running());

    CHECK(server.stop(SIGTERM) == 0);
    CHECK(server.output().find("alur serve: berhenti\n") != std::string::npos);
    CHECK(cli.count_events(id, "reminder_due") == 1);
    CHECK(cli.count_notices(id, "reminder") == 1);
}

TEST_CASE("SIGINT stops an idle server with exit 0, and the ready line is in English with --lang en", "[scenario][serve]") {
    Cli cli;
    auto missing = cli({"serve"});
    CHECK(missing.exit_code == 4);  // no database yet
    REQUIRE(cli({"init"}).exit_code == 0);
    cli.open_case(opened_at);

    Server server(cli, {"--now", "2024-04-02 09:00"}, "english", {"--lang", "en"});
    auto ready = server.wait_line("alur serve: ready");
    INFO(server.log());
    REQUIRE(ready);
    CHECK(*ready == "alur serve: ready; 3 reminders/escalations scheduled, next 2024-04-18 16:00 WIB");
    CHECK(server.stop(SIGINT) == 0);
    CHECK(server.output().find("alur serve: stopped\n") != std::string::npos);
}
