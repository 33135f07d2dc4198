// E-mail from the command line: `alur run-due` with [notify] channels =
// ["email"] sends a case's reminder to a local SMTP server (Debian's
// python3-aiosmtpd, tests/support/smtp_sink.py), to the addresses of the
// state only (a role gets no e-mail); a recipient that is not an e-mail
// address, and a password file that cannot be read, are refused at start.
//
// Story: the mutation case of deadlines_cli_test.cpp, opened Monday
// 2024-04-01; its first reminder falls due on 2024-04-18 at 16:00 WIB.
#include "scenario_cli.hpp"
#include "smtp_sink.hpp"

using alur::scenario::Cli;

namespace {

std::string email_config(const std::string& url, const std::string& recipients, const std::string& extra = "") {
    return R"(
[agency]
name = "Pemerintah Kabupaten Pasaman Barat"
timezone = "WIB"

[notify]
channels = ["email"]

[notify.email]
url = ")" + url + R"("
from = "alur@bkpsdm.pasamanbaratkab.go.id"
starttls = "off"
)" + extra + R"(
[notify.recipients]
default = )" + recipients + "\n";
}

}  // namespace

TEST_CASE("run-due e-mails a reminder in Indonesian to each address of the state and none to a role",
          "[scenario][email][smtp]") {
    ALUR_REQUIRE_SMTP_SINK();
    alur::test::TempDir spool;
    alur::test::SmtpSink sink(spool.path());
    Cli cli(email_config(sink.url(), R"(["role:admin", "kabid@bkpsdm.pasamanbaratkab.go.id"])"));
    REQUIRE(cli({"init"}).exit_code == 0);
    const std::string id = cli.open_case("2024-04-01 08:00");

    auto run = cli({"run-due", "--now", "2024-04-18 16:30"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::EndsWith("1 pengingat dan 0 eskalasi dicatat; 1 pemberitahuan terkirim, 0 gagal\n"));
    const auto messages = sink.messages();
    REQUIRE(messages.size() == 1);
    const auto& m = messages[0];
    CHECK(m.at("rcpt_tos").as_array().size() == 1);
    CHECK(m.at("rcpt_tos").as_array()[0].as_string() == "kabid@bkpsdm.pasamanbaratkab.go.id");
    const auto& headers = m.at("headers").as_object();
    CHECK(headers.at("From").as_string() ==
          "Pemerintah Kabupaten Pasaman Barat <alur@bkpsdm.pasamanbaratkab.go.id>");
    CHECK_THAT(std::string(headers.at("Subject").as_string()),
               Catch::StartsWith("Pengingat tenggat: kasus " + id + ", pengumpulan rekam jejak, tenggat 23/04/2024"));
    CHECK_THAT(std::string(m.at("body").as_string()),
               Catch::Contains("Pengingat terkirim: tenggat 23/04/2024 16:00 WIB, sisa 3 hari kerja"));
    std::cout << "email scenario: run-due sent \"" << headers.at("Subject").as_string() << "\" to "
              << m.at("rcpt_tos").as_array()[0].as_string() << "\n";

    // Delivered once: a second pass sends nothing again.
    CHECK_THAT(cli({"run-due", "--now", "2024-04-18 16:31"}).out,
               Catch::EndsWith("0 pengingat dan 0 eskalasi dicatat; 0 pemberitahuan terkirim, 0 gagal\n"));
    CHECK(sink.messages().size() == 1);
}

TEST_CASE("the email channel refuses a recipient that is not an address and an unreadable password file",
          "[scenario][email]") {
    Cli not_an_address(email_config("smtp://127.0.0.1:25", R"(["role:admin", "sekda"])"));
    auto refused = not_an_address({"init"});
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("notify.recipients.default") &&
                                Catch::Contains("\"sekda\" is not an e-mail address"));

    Cli no_password(email_config("smtp://127.0.0.1:25", R"(["sekda@pasamanbaratkab.go.id"])",
                                 "username = \"alur\"\npassword_file = \"missing-password\"\n"));
    REQUIRE(no_password({"init"}).exit_code == 0);  // only the commands that deliver read it
    auto run = no_password({"run-due", "--now", "2024-04-18 16:30"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains("notify.email.password_file") && Catch::Contains("missing-password"));
}
