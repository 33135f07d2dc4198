// The email channel (adapters/notify/src/email.cpp, email_message.cpp): the
// message as RFC 5322 text in Indonesian or English, addresses that cannot
// inject a header, and delivery over SMTP to a real local server (Debian's
// python3-aiosmtpd, tests/support/smtp_sink.py): plain, STARTTLS with AUTH,
// a wrong password and a server that is down, retried with the outbox's
// back-off on a manual clock. The server's own e-mail parser (Python's)
// checks what arrived.
#include "mutation_fixture.hpp"

#include "alur/engine/outbox.hpp"
#include "alur/notify/email.hpp"
#include "alur/sqlite/journal.hpp"
#include "smtp_sink.hpp"
#include "test_support.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <future>
#include <thread>

using namespace alur;
using alur::test::at;
using namespace std::chrono;
namespace net = boost::asio;

namespace {

/// A mutation case whose first reminder (2024-04-18 16:00) writes its notices
/// for the log and email channels, to a role and two addresses, on SQLite.
struct Setup {
    test::TempDir dir;
    std::shared_ptr<Journal> journal = sqlite::SqliteJournal::open((dir / "alur.db").string()).value();
    std::unique_ptr<test::MutationFixture> f;
    std::string id;

    Setup() {
        EngineOptions options;
        options.deadline_clock.calendar = Calendar(Calendar::shipped());
        options.channels = {"log", "email"};
        options.takes = notify::takes_recipient;
        options.recipients = [](std::string_view, std::string_view) {
            return std::vector<std::string>{"role:admin", "kabid.mutasi@bkpsdm.pasamanbaratkab.go.id",
                                            "sekda@pasamanbaratkab.go.id"};
        };
        f = std::make_unique<test::MutationFixture>(mutation::Settings{}, journal, options);
        id = f->open("administrator", "2020-01-06", "2024-04-01T09:00").value().projection.id;
        f->clock->set(at("2024-04-18T16:00"));
        REQUIRE(f->engine->fire_due(f->clock->now()).value().fired == 1);
    }

    std::vector<Notice> email_notices() const {
        std::vector<Notice> out;
        for (auto& n : journal->case_notices(id).value())
            if (n.channel == "email") out.push_back(n);
        return out;
    }
};

notify::EmailSettings settings(const std::string& url) {
    notify::EmailSettings s;
    s.url = url;
    s.from = "alur@bkpsdm.pasamanbaratkab.go.id";
    s.from_name = "BKPSDM Kabupaten Pasaman Barat";
    s.starttls = "off";
    s.timeout = milliseconds(10000);
    return s;
}

std::shared_ptr<spdlog::logger> quiet() {
    return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

std::string header(const boost::json::object& message, const char* name) {
    const auto* h = message.at("headers").as_object().if_contains(name);
    return h ? std::string(h->as_string()) : std::string();
}

/// One asynchronous outbox round on a loop of its own thread; its report.
OutboxDispatcher::Report async_round(OutboxDispatcher& outbox) {
    net::io_context io;
    auto work = net::make_work_guard(io);
    std::thread thread([&io] { io.run(); });
    std::promise<Result<OutboxDispatcher::Report>> done;
    auto f = done.get_future();
    const auto strand = net::make_strand(io);
    net::post(strand, [&] {
        outbox.deliver_pending_async(strand, [&done](Result<OutboxDispatcher::Report> r) { done.set_value(r); });
    });
    const bool ready = f.wait_for(seconds(60)) == std::future_status::ready;
    work.reset();
    io.stop();
    thread.join();
    REQUIRE(ready);
    auto report = f.get();
    REQUIRE(report);
    return *report;
}

}  // namespace

TEST_CASE("the email channel gets one outbox row per e-mail address and none for a role", "[email][outbox]") {
    Setup s;
    std::size_t log_rows = 0;
    for (const auto& n : s.journal->case_notices(s.id).value())
        if (n.channel == "log") ++log_rows;
    CHECK(log_rows == 3);  // the role and both addresses
    const auto email = s.email_notices();
    REQUIRE(email.size() == 2);
    CHECK(email[0].recipient == "kabid.mutasi@bkpsdm.pasamanbaratkab.go.id");
    CHECK(email[1].recipient == "sekda@pasamanbaratkab.go.id");
    CHECK_FALSE(notify::takes_recipient("email", "role:admin"));
    CHECK(notify::takes_recipient("webhook", "role:admin"));
}

TEST_CASE("a reminder is an RFC 5322 message in Indonesian with quoted-printable UTF-8", "[email]") {
    Setup s;
    const Notice n = s.email_notices().at(0);
    auto m = notify::compose_mail(n, settings("smtp://127.0.0.1:25"));
    REQUIRE(m);
    INFO(*m);
    const std::string& text = *m;
    CHECK(text.starts_with("Date: Thu, 18 Apr 2024 16:00:00 +0700\r\n"));
    CHECK_THAT(text, Catch::Contains("\r\nFrom: \"BKPSDM Kabupaten Pasaman Barat\" <alur@bkpsdm.pasamanbaratkab.go.id>\r\n"));
    CHECK_THAT(text, Catch::Contains("\r\nTo: <kabid.mutasi@bkpsdm.pasamanbaratkab.go.id>\r\n"));
    CHECK_THAT(text, Catch::Contains("\r\nMessage-ID: <alur.notice." + std::to_string(n.id) + "." + s.id +
                                     "@bkpsdm.pasamanbaratkab.go.id>\r\n"));
    CHECK_THAT(text, Catch::Contains("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                                     "Content-Transfer-Encoding: quoted-printable\r\n"));
    CHECK_THAT(text, Catch::Contains("\r\nSubject: Pengingat tenggat: kasus " + s.id));
    CHECK_THAT(text, Catch::Contains("Pengingat terkirim: tenggat "));
    CHECK_THAT(text, Catch::Contains("Alur kerja: mutasi\r\n"));
    CHECK_THAT(text, Catch::Contains("Pegawai: "));
    // Every line is at most 78 characters and ends with CRLF; no bare LF.
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        CHECK(end - start <= 78);
        CHECK(text.substr(start, end - start).find('\n') == std::string::npos);
        start = end + 2;
    }
    // The same notice composes the same message (a redelivery is recognisably the same one).
    CHECK(notify::compose_mail(n, settings("smtp://127.0.0.1:25")).value() == text);

    auto en = settings("smtp://127.0.0.1:25");
    en.language = "en";
    const std::string english = notify::compose_mail(n, en).value();
    CHECK_THAT(english, Catch::Contains("\r\nSubject: Deadline reminder: case " + s.id));
    CHECK_THAT(english, Catch::Contains("Reminder sent: deadline "));
    CHECK_THAT(english, Catch::Contains("Content-Language: en\r\n"));
}

TEST_CASE("e-mail addresses are checked so that no header can be injected", "[email]") {
    for (const char* good : {"sekda@pasamanbaratkab.go.id", "a.b+c@x.co.id", "o'brien@bkn.go.id"}) {
        INFO(good);
        CHECK(notify::is_mail_address(good));
    }
    for (const char* bad : {"", "sekda", "@x.go.id", "a@", "a@localhost", "a@b..go.id", ".a@b.go.id", "a.@b.go.id",
                            "a@-b.go.id", "a b@c.go.id", "a@b.go.id\r\nBcc: x@evil.com", "a@b.go.id>,<x@evil.com",
                            "\"a\"@b.go.id", "a@b.go.id\n", "andré@b.go.id", "a@[127.0.0.1]", "a;b@c.go.id"}) {
        INFO(bad);
        CHECK_FALSE(notify::is_mail_address(bad));
    }
    Notice n;
    n.id = 7;
    n.case_id = "MUT-2024-0001";
    n.recipient = "a@b.go.id\r\nBcc: x@evil.com";
    auto refused = notify::compose_mail(n, settings("smtp://127.0.0.1:25"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == errc::invalid_input);

    // A name, and a payload from elsewhere, with line breaks never break a header.
    n.recipient = "a@b.go.id";
    n.payload = R"({"case":"MUT-2024-0001","state":"scoring","kind":"reminder","subject":"Andi\r\nBcc: x@evil.com",)"
                R"("due_at":"2024-04-30T16:00:00+07:00","working_days_left":2})";
    auto s = settings("smtp://127.0.0.1:25");
    s.from_name = "Pemerintah Kabupaten Pasaman Barat — BKPSDM";
    const std::string text = notify::compose_mail(n, s).value();
    const std::string headers = text.substr(0, text.find("\r\n\r\n"));
    CHECK(headers.find("\nBcc:") == std::string::npos);
    CHECK_THAT(headers, Catch::Contains("From: =?UTF-8?B?"));
    CHECK_THAT(headers, Catch::Contains("Subject: =?UTF-8?B?"));  // the official's name, encoded

    CHECK_FALSE(notify::check_email_settings(settings("http://127.0.0.1")));
    auto bad_tls = settings("smtp://127.0.0.1");
    bad_tls.starttls = "yes";
    CHECK(notify::check_email_settings(bad_tls).error().field == "notify.email.starttls");
    auto bad_user = settings("smtp://127.0.0.1");
    bad_user.username = "alur\r\nRSET";
    CHECK(notify::check_email_settings(bad_user).error().field == "notify.email.username");
}

TEST_CASE("a reminder arrives at a local SMTP server with its To Subject and Indonesian text intact",
          "[email][smtp]") {
    ALUR_REQUIRE_SMTP_SINK();
    Setup s;
    test::TempDir spool;
    test::SmtpSink sink(spool.path());
    auto channel = notify::EmailChannel::make(settings(sink.url())).value();
    // An official whose name is not ASCII: the text must arrive as it was.
    Notice n = s.email_notices().at(0);
    auto payload = boost::json::parse(n.payload).as_object();
    payload["subject"] = "Drs. André Sihombing, M.Si. (197603152005011002)";
    n.payload = boost::json::serialize(payload);
    REQUIRE(channel->deliver(n));

    const auto messages = sink.messages();
    REQUIRE(messages.size() == 1);
    const auto& m = messages[0];
    CHECK(m.at("mail_from").as_string() == "alur@bkpsdm.pasamanbaratkab.go.id");
    CHECK(m.at("rcpt_tos").as_array().size() == 1);
    CHECK(m.at("rcpt_tos").as_array()[0].as_string() == "kabid.mutasi@bkpsdm.pasamanbaratkab.go.id");
    CHECK(header(m, "To") == "kabid.mutasi@bkpsdm.pasamanbaratkab.go.id");
    const std::string subject = header(m, "Subject");
    CHECK_THAT(subject, Catch::StartsWith("Pengingat tenggat: kasus " + s.id) &&
                            Catch::Contains("Drs. André Sihombing, M.Si."));
    CHECK(m.at("charset").as_string() == "utf-8");
    const std::string body(m.at("body").as_string());
    CHECK_THAT(body, Catch::Contains("Pengingat terkirim: tenggat ") && Catch::Contains("sisa ") &&
                         Catch::Contains("hari kerja"));
    CHECK_THAT(body, Catch::Contains("Pegawai: Drs. André Sihombing, M.Si. (197603152005011002)"));
    CHECK_THAT(body, Catch::Contains("Kasus: " + s.id));
    CHECK_THAT(body, Catch::Contains("Nomor pemberitahuan " + std::to_string(n.id)));
    CHECK(m.at("tls").as_bool() == false);
    std::cout << "smtp: delivered notice " << n.id << " to " << sink.url() << "; the server read Subject \"" << subject
              << "\"\n";
}

TEST_CASE("over STARTTLS with AUTH a wrong password is retried with back-off and then delivered",
          "[email][smtp][outbox]") {
    ALUR_REQUIRE_SMTP_SINK();
    Setup s;
    test::TempDir spool;
    test::make_certificate(spool.path());
    const std::string cert = (spool / "cert.pem").string();
    test::SmtpSinkOptions tls;
    tls.user = "alur";
    tls.password = "rahasia-benar";
    tls.cert = cert;
    tls.key = (spool / "key.pem").string();
    test::SmtpSink sink(spool / "mail", tls);

    auto wrong = settings(sink.url());
    wrong.starttls = "required";
    wrong.ca_file = cert;
    wrong.username = "alur";
    wrong.password = "salah";
    OutboxDispatcher failing(s.journal, s.f->clock, {notify::EmailChannel::make(wrong).value()}, quiet(),
                             Backoff{seconds(5), seconds(60)});
    // The log channel is not in this dispatcher: its rows fail as "no channel".
    const auto first = async_round(failing);
    CHECK(first.delivered == 0);
    for (const auto& n : s.email_notices()) {
        CHECK(n.attempts == 1);
        CHECK(n.next_attempt_at == at("2024-04-18T16:00:05"));
        CHECK_THAT(n.last_error, Catch::Contains(sink.url()) && Catch::Contains(n.recipient) &&
                                     Catch::Contains("server replied 535"));
        std::cout << "smtp: attempt 1 of notice " << n.id << " failed: " << n.last_error << "\n";
    }
    CHECK(sink.messages().empty());

    // Without TLS the server will not take the password at all.
    auto plain = wrong;
    plain.starttls = "off";
    plain.password = "rahasia-benar";
    Notice probe = s.email_notices().at(0);
    auto refused = notify::EmailChannel::make(plain).value()->deliver(probe);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("server replied 5"));

    // The right password: the retry, once its back-off has passed, delivers both over TLS.
    auto right = wrong;
    right.password = "rahasia-benar";
    OutboxDispatcher outbox(s.journal, s.f->clock, {notify::EmailChannel::make(right).value()}, quiet(),
                            Backoff{seconds(5), seconds(60)});
    s.f->clock->set(at("2024-04-18T16:00:04"));
    CHECK(async_round(outbox).delivered == 0);  // not due again yet
    s.f->clock->set(at("2024-04-18T16:00:05"));
    CHECK(async_round(outbox).delivered == 2);
    for (const auto& n : s.email_notices()) CHECK(n.delivered_at);
    const auto messages = sink.messages();
    REQUIRE(messages.size() == 2);
    for (const auto& m : messages) {
        CHECK(m.at("tls").as_bool());
        CHECK(m.at("authenticated").as_bool());
    }
    CHECK_THAT(sink.log(), Catch::Contains("STARTTLS") && Catch::Contains("AUTH"));
    std::cout << "smtp: after the back-off both notices were delivered over STARTTLS with AUTH PLAIN to "
              << sink.url() << "\n";
}

TEST_CASE("a mail server that is down is retried with back-off until it is up again", "[email][smtp][outbox]") {
    ALUR_REQUIRE_SMTP_SINK();
    Setup s;
    test::TempDir spool;
    // A port bound but not listening: every connection to it is refused.
    net::io_context io;
    net::ip::tcp::acceptor taken(io);
    taken.open(net::ip::tcp::v4());
    taken.bind({net::ip::make_address("127.0.0.1"), 0});
    const int port = taken.local_endpoint().port();
    auto channel = notify::EmailChannel::make(settings("smtp://127.0.0.1:" + std::to_string(port))).value();
    OutboxDispatcher outbox(s.journal, s.f->clock, {channel}, quiet(), Backoff{seconds(5), seconds(60)});
    auto report = outbox.deliver_pending().value();
    CHECK(report.delivered == 0);
    for (const auto& n : s.email_notices()) {
        CHECK(n.attempts == 1);
        CHECK_THAT(n.last_error, Catch::Contains("127.0.0.1:" + std::to_string(port)));
        std::cout << "smtp: with the server down, notice " << n.id << ": " << n.last_error << "\n";
    }
    s.f->clock->set(at("2024-04-18T16:00:05"));
    CHECK(outbox.deliver_pending().value().delivered == 0);  // still down: attempt 2, next in 10 s
    for (const auto& n : s.email_notices()) {
        CHECK(n.attempts == 2);
        CHECK(n.next_attempt_at == at("2024-04-18T16:00:15"));
    }

    taken.close();
    test::SmtpSinkOptions same_port;
    same_port.port = port;
    test::SmtpSink again(spool / "again", same_port);
    s.f->clock->set(at("2024-04-18T16:00:15"));
    CHECK(outbox.deliver_pending().value().delivered == 2);
    CHECK(again.messages().size() == 2);
}
