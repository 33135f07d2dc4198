// email.hpp — [notify.email], read by read_notify (notify.cpp). Private to alur_config.
#pragma once

#include "alur/config/config.hpp"
#include "toml_reader.hpp"

namespace alur::config::detail {

/// [notify.email] url, from, starttls, username, password | password_file,
/// ca_file, timeout_ms, language into notify.email (absent: defaults stay).
Result<void> read_email(const Reader& r, const toml::table& notify_table, Notify& notify);

/// When channels has "email" (`entry` is its element): url and from are
/// given, a password_file has a user name, and every recipient that is not
/// "role:NAME" is an e-mail address (notify::is_mail_address).
Result<void> check_email_channel(const Reader& r, const toml::table& notify_table, const toml::node* entry,
                                 const Notify& notify);

}  // namespace alur::config::detail
