// email.cpp — [notify.email]: the email channel's SMTP server, sender, TLS and login.
// The values are checked by the channel's own rules (notify::check_email_settings),
// reported at the line of the key they are about.
#include "email.hpp"

#include <algorithm>

namespace alur::config::detail {

namespace {

/// The longest e-mail timeout accepted: 10 minutes.
constexpr int max_timeout_ms = 10 * 60 * 1000;

}  // namespace

Result<void> read_email(const Reader& r, const toml::table& notify_table, Notify& notify) {
    auto email = r.table(notify_table, "notify", "email");
    if (!email) return email.error();
    if (*email == nullptr) return {};
    const toml::table& t = **email;
    const std::string path = "notify.email";
    if (auto ok = r.only_keys(t, path,
                              {"url", "from", "starttls", "username", "password", "password_file", "ca_file",
                               "timeout_ms", "language"});
        !ok)
        return ok;
    notify::EmailSettings& s = notify.email;
    auto take = [&](std::string_view key, std::string& out) -> Result<void> {
        auto v = r.string(t, path, key);
        if (!v) return v.error();
        if (*v) out = **v;
        return {};
    };
    if (auto ok = take("url", s.url); !ok) return ok;
    if (auto ok = take("from", s.from); !ok) return ok;
    if (auto ok = take("starttls", s.starttls); !ok) return ok;
    if (auto ok = take("username", s.username); !ok) return ok;
    if (auto ok = take("password", s.password); !ok) return ok;
    if (auto ok = take("language", s.language); !ok) return ok;
    std::string ca_file, password_file;
    if (auto ok = take("ca_file", ca_file); !ok) return ok;
    if (auto ok = take("password_file", password_file); !ok) return ok;
    if (!ca_file.empty()) s.ca_file = r.resolve(ca_file).string();
    if (!password_file.empty()) notify.email_password_file = r.resolve(password_file).string();
    if (!s.password.empty() && !password_file.empty())
        return r.error(t.get("password_file")->source(), path + ".password_file",
                       "give password or password_file, not both");
    auto timeout = r.integer(t, path, "timeout_ms", 1, max_timeout_ms);
    if (!timeout) return timeout.error();
    if (*timeout) s.timeout = std::chrono::milliseconds(**timeout);

    // The channel's own checks, at the line of the key they name. A missing
    // url or from is only an error when the channel is on (check_email_channel).
    notify::EmailSettings probe = s;
    if (probe.url.empty()) probe.url = "smtp://localhost";
    if (probe.from.empty()) probe.from = "alur@localhost.localdomain";
    if (auto ok = notify::check_email_settings(probe); !ok) {
        const std::string key = ok.error().field.substr(std::min(ok.error().field.size(), path.size() + 1));
        const toml::node* at = t.get(key);
        if (key == "username" && at == nullptr) at = t.get("password");
        std::string what = ok.error().message;
        if (what.starts_with(ok.error().field + ": ")) what.erase(0, ok.error().field.size() + 2);
        return r.error(at != nullptr ? at->source() : t.source(), ok.error().field, what);
    }
    return {};
}

Result<void> check_email_channel(const Reader& r, const toml::table& notify_table, const toml::node* entry,
                                 const Notify& notify) {
    const toml::node* email = notify_table.get("email");
    const toml::source_region& where = entry != nullptr ? entry->source() : notify_table.source();
    if (notify.email.url.empty())
        return r.error(email != nullptr ? email->source() : where, "notify.email.url",
                       "missing: the email channel (notify.channels) needs [notify.email] url");
    if (notify.email.from.empty())
        return r.error(email != nullptr ? email->source() : where, "notify.email.from",
                       "missing: the email channel (notify.channels) needs [notify.email] from");
    if (notify.email.username.empty() && !notify.email_password_file.empty())
        return r.error(email != nullptr ? email->source() : where, "notify.email.username",
                       "a password_file is given without a user name");
    // Every recipient that is not a role must be an address the channel can send to.
    const toml::table* recipients = notify_table.get_as<toml::table>("recipients");
    auto check_list = [&](const std::vector<std::string>& list, const std::string& key,
                          const toml::node* node) -> Result<void> {
        for (const auto& who : list) {
            if (who.starts_with("role:") || notify::is_mail_address(who)) continue;
            return r.error(node != nullptr ? node->source() : where, key,
                           "\"" + who + "\" is not an e-mail address (name@example.go.id), and the email channel is on");
        }
        return {};
    };
    const toml::node* defaults = recipients != nullptr ? recipients->get("default") : nullptr;
    if (auto ok = check_list(notify.default_recipients, "notify.recipients.default", defaults); !ok) return ok;
    for (const auto& [workflow, states] : notify.recipients) {
        const toml::table* per_workflow = recipients != nullptr ? recipients->get_as<toml::table>(workflow) : nullptr;
        for (const auto& [state, list] : states) {
            const toml::node* node = per_workflow != nullptr ? per_workflow->get(state) : nullptr;
            if (auto ok = check_list(list, join_key(join_key("notify.recipients", workflow), state), node); !ok)
                return ok;
        }
    }
    return {};
}

}  // namespace alur::config::detail
