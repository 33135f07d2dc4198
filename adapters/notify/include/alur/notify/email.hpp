// alur/notify/email.hpp — the "email" channel: a notice sent as a plain-text
// e-mail over SMTP (libcurl), in Indonesian (English on request).
//
// One outbox row is one message to one address (Notice::recipient): the row's
// recipient must be an e-mail address (is_mail_address); a role recipient is
// never written for this channel (alur::EngineOptions::takes, wired by the
// CLI with takes_recipient below). The message is composed by compose_mail:
// RFC 5322 headers, a Message-ID made from the notice id (so a receiver sees
// a redelivery after a crash as the same message), UTF-8 text in
// quoted-printable, a Subject encoded per RFC 2047 when it is not ASCII.
// Header injection is impossible: addresses are checked against a strict
// grammar (no spaces, no control characters, no <>,;:"()[]\), and every other
// header value is RFC 2047-encoded text without CR or LF.
//
// Delivery: deliver() runs one SMTP transaction on the caller's thread;
// deliver_async() hands it to the channel's own worker thread and runs `done`
// on the executor, so timers and HTTP requests never wait for a mail server.
// An attempt is bounded by the timeout as a whole; on failure the error is
// errc::io naming the server, the recipient, libcurl's reason and the
// server's last reply code ("login denied (server replied 535)"), and the
// outbox retries it with its back-off. Thread-safety: deliver() may run on
// several threads at once; the worker is joined (its attempt aborted) when
// the channel is destroyed.
#pragma once

#include "alur/engine/outbox.hpp"
#include "alur/engine/time.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace alur::notify {

/// [notify.email] as the channel needs it (adapters/config reads the file).
struct EmailSettings {
    /// "smtp://host[:port]" (port 25 by default; 587 for submission) or
    /// "smtps://host[:port]" (TLS from the first byte, port 465).
    std::string url;
    /// The sender's address (MAIL FROM and the From header).
    std::string from;
    /// The From header's display name (the agency's name); may be empty.
    std::string from_name;
    /// STARTTLS on smtp://: "required" (refuse to send without TLS),
    /// "opportunistic" (use it when the server offers it), "off".
    std::string starttls = "required";
    /// SMTP AUTH (libcurl picks PLAIN/LOGIN/...); none when username is empty.
    std::string username;
    std::string password;
    /// A PEM file of CAs to verify the server's certificate against (default: the system's).
    std::string ca_file;
    std::chrono::milliseconds timeout{30000};
    /// "id" (default) or "en".
    std::string language = "id";
    /// The agency's time zone: the due date and the Date header are in it.
    TimeZone timezone;
};

/// true when `text` is an address this channel sends to: local@domain, the
/// local part a dot-atom (letters, digits, !#$%&'*+/=?^_`{|}~- and inner
/// dots), the domain two or more labels of letters, digits and inner '-',
/// at most 254 characters in all. Quoted local parts, IP literals and
/// non-ASCII (IDN) addresses are not accepted.
bool is_mail_address(std::string_view text);

/// Whether the email channel takes `recipient`: only an address (never a
/// "role:NAME" recipient). Every other channel takes every recipient.
bool takes_recipient(std::string_view channel, std::string_view recipient);

/// The whole message (headers, empty line, quoted-printable body, lines ended
/// by CRLF) for `notice` to notice.recipient. Fails with invalid_input when
/// the recipient or the sender is not an address.
Result<std::string> compose_mail(const Notice& notice, const EmailSettings& settings);

/// ok when `settings` can be used: the URL's scheme (smtp or smtps), host
/// and port, the sender's address, the starttls and language values, a
/// positive timeout, no line break in the sender's name, user name or
/// password, no password without a user name. Else invalid_input whose
/// `field` is the key ("notify.email.url") and message says what is wrong.
Result<void> check_email_settings(const EmailSettings& settings);

class EmailChannel final : public AsyncNoticeChannel {
public:
    /// Checks the settings (check_email_settings) and starts the worker.
    static Result<std::shared_ptr<EmailChannel>> make(EmailSettings settings);
    ~EmailChannel() override;
    EmailChannel(const EmailChannel&) = delete;
    EmailChannel& operator=(const EmailChannel&) = delete;

    std::string name() const override { return "email"; }
    Result<void> deliver(const Notice& notice) override;
    void deliver_async(const Notice& notice, boost::asio::any_io_executor executor, Handler done) override;
    const EmailSettings& settings() const { return settings_; }

private:
    struct Worker;
    explicit EmailChannel(EmailSettings settings);
    EmailSettings settings_;
    std::unique_ptr<Worker> worker_;
};

}  // namespace alur::notify
