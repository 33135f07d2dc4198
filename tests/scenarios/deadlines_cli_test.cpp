// Deadlines from the command line: `alur run-due`, `alur show`, `alur list --overdue`.
//
// Story: the BKPSDM opened a mutation case on Monday 2024-04-01 and nobody
// touched it. Record gathering has 10 working days: across Idul Fitri 1445 H
// (8-12 and 15 April 2024 are holidays and cuti bersama) it falls due on
// 2024-04-23 at 16:00 WIB, with reminders 3 and 1 working days before
// (2024-04-18 and 2024-04-22, 16:00) and an escalation when it falls due, then
// every 2 working days. `--now` lets the test say what time it is.
#include "scenario_cli.hpp"

#include <algorithm>

using alur::scenario::Cli;

namespace {

const std::string opened_at = "2024-04-01 08:00";

}  // namespace

TEST_CASE("run-due fires each reminder and escalation once and delivers them to the file channel",
          "[scenario][deadlines]") {
    Cli cli;
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case(opened_at);

    auto shown = cli.json({"show", id, "--json", "--now", "2024-04-02 09:00"}).as_object();
    CHECK(shown.at("due_at").as_string() == "2024-04-23T16:00:00+07:00");
    CHECK(shown.at("overdue").as_bool() == false);
    CHECK(shown.at("working_days_left").to_number<int>() == 9);
    const auto& timers = shown.at("timers").as_array();
    REQUIRE(timers.size() == 3);
    CHECK(timers[0].at("kind").as_string() == "reminder");
    CHECK(timers[0].at("fire_at").as_string() == "2024-04-18T16:00:00+07:00");
    CHECK(timers[1].at("fire_at").as_string() == "2024-04-22T16:00:00+07:00");
    CHECK(timers[2].at("kind").as_string() == "deadline");
    CHECK(timers[2].at("fire_at").as_string() == "2024-04-23T16:00:00+07:00");

    auto bad_now = cli({"run-due", "--now", "2024-02-30 09:00"});
    CHECK(bad_now.exit_code == 2);
    CHECK(bad_now.err.find("--now") != std::string::npos);

    // Before anything is due: nothing fired, nothing overdue.
    auto early = cli({"run-due", "--now", "2024-04-18 15:59"});
    INFO(early.err);
    REQUIRE(early.exit_code == 0);
    CHECK(early.out == "0 pengingat dan 0 eskalasi dicatat; 0 pemberitahuan terkirim, 0 gagal\n");
    CHECK(cli({"list", "--overdue", "--now", "2024-04-18 15:59"}).out == "Tidak ada kasus yang melewati tenggat.\n");

    // The day after the deadline: both reminders and the first escalation, once each, in due order.
    auto run = cli({"run-due", "--now", "2024-04-24 09:00"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.out == id + ": pengingat tahap record_gathering, jatuh tempo 2024-04-23 16:00 WIB\n" + id +
                         ": pengingat tahap record_gathering, jatuh tempo 2024-04-23 16:00 WIB\n" + id +
                         ": eskalasi tahap record_gathering, jatuh tempo 2024-04-23 16:00 WIB\n"
                         "2 pengingat dan 1 eskalasi dicatat; 3 pemberitahuan terkirim, 0 gagal\n");

    auto history = cli.json({"history", id, "--json"}).as_array();
    REQUIRE(history.size() == 4);
    const std::vector<std::string> names{"opened", "reminder_due", "reminder_due", "deadline_passed"};
    const std::vector<std::string> fired_at{"2024-04-18T16:00:00+07:00", "2024-04-22T16:00:00+07:00",
                                            "2024-04-23T16:00:00+07:00"};
    for (std::size_t i = 0; i < names.size(); ++i) CHECK(history[i].at("name").as_string() == names[i]);
    for (std::size_t i = 1; i < history.size(); ++i) {
        const auto& e = history[i].as_object();
        CHECK(e.at("role").as_string() == "system");
        CHECK(e.at("actor").as_string() == "alur");
        CHECK(e.at("occurred_at").as_string() == fired_at[i - 1]);
        CHECK(e.at("payload").at("state").as_string() == "record_gathering");
        CHECK(e.at("payload").at("due_at").as_string() == "2024-04-23T09:00:00.000Z");
    }
    CHECK(history[1].at("payload").at("working_days_left").to_number<int>() == -1);  // fired late, on the 24th

    // A second pass at the same time fires nothing and sends nothing again.
    auto again = cli({"run-due", "--now", "2024-04-24 09:00"});
    CHECK(again.exit_code == 0);
    CHECK(again.out == "0 pengingat dan 0 eskalasi dicatat; 0 pemberitahuan terkirim, 0 gagal\n");
    CHECK(cli.json({"history", id, "--json"}).as_array().size() == 4);

    // The file channel: one JSON line per notice, for the default recipient.
    auto lines = cli.notices();
    REQUIRE(lines.size() == 3);
    std::vector<std::int64_t> ids;
    for (const auto& l : lines) {
        CHECK(l.at("case").as_string() == id);
        CHECK(l.at("channel").as_string() == "file");
        CHECK(l.at("recipient").as_string() == "role:admin");
        CHECK(l.at("payload").at("state").as_string() == "record_gathering");
        CHECK(l.at("payload").at("subject").as_string().find("197603152005011002") != std::string::npos);
        ids.push_back(l.at("notice_id").to_number<std::int64_t>());
    }
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    CHECK(cli.count_notices(id, "reminder") == 2);
    CHECK(cli.count_notices(id, "deadline") == 1);
    const std::string message = std::string(lines[2].at("payload").at("message").at("id").as_string());
    CHECK(message.find("Eskalasi") != std::string::npos);
    CHECK(message.find("terlambat 1 hari kerja") != std::string::npos);

    // Overdue: show and list say by how many working days.
    auto overdue = cli.json({"show", id, "--json", "--now", "2024-04-24 09:00"}).as_object();
    CHECK(overdue.at("overdue").as_bool());
    CHECK(overdue.at("working_days_left").to_number<int>() == -1);
    REQUIRE(overdue.at("timers").as_array().size() == 1);  // the next escalation, 2 working days on
    CHECK(overdue.at("timers").as_array()[0].at("fire_at").as_string() == "2024-04-25T16:00:00+07:00");
    CHECK(overdue.at("timers").as_array()[0].at("ordinal").to_number<int>() == 2);
    const auto& notices = overdue.at("notices").as_array();
    REQUIRE(notices.size() == 3);
    for (const auto& n : notices) CHECK(n.at("delivered_at").is_string());

    auto text = cli({"show", id, "--now", "2024-04-24 09:00"});
    CHECK(text.out.find("2024-04-23 16:00 WIB — lewat tenggat, terlambat 1 hari kerja") != std::string::npos);
    CHECK(text.out.find("eskalasi ke-2") != std::string::npos);
    CHECK(text.out.find("3 terkirim, 0 menunggu") != std::string::npos);
    auto english = cli({"--lang", "en", "show", id, "--now", "2024-04-24 09:00"});
    CHECK(english.out.find("overdue by 1 working day(s)") != std::string::npos);

    // A second case, opened later, not yet due: listed plainly, not as overdue.
    const std::string later = cli.open_case("2024-04-22 10:00", "198107222006042003", "Rina Marlina, S.E.");
    auto listed = cli({"list", "--overdue", "--now", "2024-04-29 09:00"});
    INFO(listed.out);
    CHECK(listed.out.find("TERLAMBAT (HARI KERJA)") != std::string::npos);
    CHECK(listed.out.find(id) != std::string::npos);
    CHECK(listed.out.find(later) == std::string::npos);
    auto listed_json = cli.json({"list", "--overdue", "--now", "2024-04-29 09:00", "--json"}).as_array();
    REQUIRE(listed_json.size() == 1);
    CHECK(listed_json[0].at("working_days_left").to_number<int>() == -4);  // 24, 25, 26 and 29 April

    auto all = cli({"list", "--now", "2024-04-29 09:00"});
    CHECK(all.out.find("JATUH TEMPO") != std::string::npos);
    CHECK(all.out.find(later) != std::string::npos);
    CHECK(all.out.find("2024-05-07 16:00 WIB") != std::string::npos);  // 10 working days from the 22nd, 1 May a holiday

    // Both overdue a week later: most overdue first.
    auto both = cli.json({"list", "--overdue", "--now", "2024-05-15 09:00", "--json"}).as_array();
    REQUIRE(both.size() == 2);
    CHECK(both[0].at("id").as_string() == id);
    CHECK(both[1].at("id").as_string() == later);

    // Down for three weeks: the repeating escalation that fell due many times fires once.
    auto catch_up = cli({"run-due", "--now", "2024-05-15 09:00"});
    INFO(catch_up.err);
    CHECK(catch_up.exit_code == 0);
    CHECK(catch_up.out.find("2 pengingat dan 2 eskalasi dicatat; 4 pemberitahuan terkirim, 0 gagal") !=
          std::string::npos);
    CHECK(cli.count_events(id, "deadline_passed") == 2);
    CHECK(cli.count_events(later, "reminder_due") == 2);
    CHECK(cli.count_events(later, "deadline_passed") == 1);
    CHECK(cli.notices().size() == 7);

    // Leaving the state cancels its timers and sets those of the next one.
    for (const auto& item : {"career_history", "achievements", "skp", "edijab", "competency_test",
                             "superior_recommendation", "neutrality", "discipline"}) {
        auto r = cli({"advance", id, "record_added", std::string("item=") + item, "value=lengkap", "--actor", "sari",
                      "--reason", "rekam jejak", "--at", "2024-05-15 10:00"});
        REQUIRE(r.exit_code == 0);
    }
    REQUIRE(cli({"advance", id, "records_completed", "--actor", "sari", "--reason", "lengkap", "--at",
                 "2024-05-15 11:00"})
                .exit_code == 0);
    auto moved = cli.json({"show", id, "--json", "--now", "2024-05-15 12:00"}).as_object();
    CHECK(moved.at("state").as_string() == "field_visit");
    CHECK(moved.at("overdue").as_bool() == false);
    for (const auto& t : moved.at("timers").as_array()) CHECK(t.at("state").as_string() == "field_visit");
    // Timer events are in the chain, and replay (which skips them) still equals the projection.
    CHECK(cli({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("deadlines in the configuration must name open states of a registered workflow", "[scenario][deadlines]") {
    SECTION("no such state") {
        Cli cli("[deadlines.mutation.foo]\nworking_days = 3\n");
        auto r = cli({"list"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("alur.toml: deadlines.mutation.foo: status tidak ada (status: record_gathering") !=
              std::string::npos);
    }
    SECTION("a final state") {
        Cli cli("[deadlines.mutation.completed]\nworking_days = 3\n");
        auto r = cli({"--lang", "en", "events", "mutation"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("deadlines.mutation.completed: a final state has no deadline") != std::string::npos);
    }
    SECTION("no such workflow") {
        Cli cli("[deadlines.promotion.assessment]\nworking_days = 3\n");
        auto r = cli({"list"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("deadlines.promotion: alur kerja tidak dikenal (tersedia: mutation, job_fit, open_selection, development, performance_review)") !=
              std::string::npos);
    }
    SECTION("recipients of no such state") {
        Cli cli("[notify.recipients.mutation]\nppk_decisions = [\"role:ppk\"]\n");
        auto r = cli({"list"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("notify.recipients.mutation.ppk_decisions") != std::string::npos);
    }
    SECTION("a configured rule replaces the default") {
        Cli cli(alur::scenario::file_channel_config +
                "\n[deadlines.mutation.record_gathering]\nworking_days = 2\nremind_before = [1]\nescalate_every = 0\n");
        REQUIRE(cli({"init"}).exit_code == 0);
        const std::string id = cli.open_case(opened_at);
        auto shown = cli.json({"show", id, "--json", "--now", "2024-04-01 09:00"}).as_object();
        CHECK(shown.at("due_at").as_string() == "2024-04-03T16:00:00+07:00");
        CHECK(shown.at("timers").as_array().size() == 2);
        auto run = cli({"run-due", "--now", "2024-04-10 09:00"});
        CHECK(run.out.find("1 pengingat dan 1 eskalasi dicatat") != std::string::npos);
        // escalate_every = 0: escalated once, nothing left.
        CHECK(cli.json({"show", id, "--json"}).at("timers").as_array().empty());
    }
}
