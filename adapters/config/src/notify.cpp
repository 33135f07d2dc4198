// notify.cpp — [notify]: channels, [notify.file], [notify.webhook], [notify.recipients].
#include "alur/notify/url.hpp"
#include "email.hpp"
#include "sections.hpp"

#include "alur/files/files.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

namespace alur::config {

std::vector<std::string> Notify::recipients_for(std::string_view workflow, std::string_view state) const {
    if (auto w = recipients.find(std::string(workflow)); w != recipients.end())
        if (auto s = w->second.find(std::string(state)); s != w->second.end()) return s->second;
    return default_recipients;
}

namespace detail {

namespace {

constexpr std::array<std::string_view, 4> channel_names = {"log", "file", "webhook", "email"};

/// The longest webhook timeout accepted: 10 minutes.
constexpr int max_timeout_ms = 10 * 60 * 1000;

bool is_space_or_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
}

/// Why `url` is not "http[s]://host[:port][/path]", or empty if it is.
std::string check_url(std::string_view url) {
    const std::string_view scheme = url.starts_with("https://") ? "https://" : "http://";
    if (!url.starts_with(scheme)) return "expected \"https://host[:port][/path]\" or \"http://...\"";
    if (std::any_of(url.begin(), url.end(), is_space_or_control)) return "must not contain spaces";
    if (url.find('#') != std::string_view::npos) return "must not have a fragment (#...)";
    const std::string_view rest = url.substr(scheme.size());
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
    return notify::check_authority(authority);
}

/// Why `recipient` is neither "role:NAME" nor an address, or empty if it is one.
std::string check_recipient(std::string_view recipient) {
    if (std::any_of(recipient.begin(), recipient.end(), is_space_or_control))
        return "\"" + std::string(recipient) + "\" must not contain spaces";
    constexpr std::string_view role = "role:";
    if (recipient.size() >= role.size() &&
        std::equal(role.begin(), role.end(), recipient.begin(),
                   [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
        if (!recipient.starts_with(role)) return "write \"role:\" in lower case";
        const std::string_view name = recipient.substr(role.size());
        if (name.empty()) return "\"role:\" needs a role name (\"role:ppk\")";
        if (!std::all_of(name.begin(), name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
            }))
            return "the role name \"" + std::string(name) + "\" may hold only letters, digits, _ and -";
    }
    return {};
}

/// An array of recipients, named `key`.
Result<std::vector<std::string>> read_recipients(const Reader& r, const toml::node& node, const std::string& key) {
    const toml::array* list = node.as_array();
    if (list == nullptr)
        return r.wrong_type(node, key, "an array of recipients ([\"role:admin\", \"name@example.go.id\"])");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const toml::node& entry = *list->get(i);
        const std::string entry_key = index_key(key, i);
        auto recipient = r.string(entry, entry_key);
        if (!recipient) return recipient.error();
        if (auto why = check_recipient(*recipient); !why.empty()) return r.error(entry.source(), entry_key, why);
        if (std::find(out.begin(), out.end(), *recipient) != out.end())
            return r.error(entry.source(), entry_key, "\"" + *recipient + "\" is given twice");
        out.push_back(std::move(*recipient));
    }
    return out;
}

Result<void> read_channels(const Reader& r, const toml::array& list, Notify& notify) {
    const std::string path = "notify.channels";
    if (list.empty())
        return r.error(list.source(), path, "give at least one channel (log, file, webhook or email)");
    std::vector<std::string> channels;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const toml::node& node = *list.get(i);
        const std::string key = index_key(path, i);
        auto name = r.string(node, key);
        if (!name) return name.error();
        if (std::find(channel_names.begin(), channel_names.end(), *name) == channel_names.end())
            return r.error(node.source(), key, "unknown channel \"" + *name + "\" (expected log, file, webhook or email)");
        if (std::find(channels.begin(), channels.end(), *name) != channels.end())
            return r.error(node.source(), key, "\"" + *name + "\" is given twice");
        channels.push_back(std::move(*name));
    }
    notify.channels = std::move(channels);
    return {};
}

Result<void> read_file_channel(const Reader& r, const toml::table& notify_table, Notify& notify) {
    auto file = r.table(notify_table, "notify", "file");
    if (!file) return file.error();
    if (*file == nullptr) return {};
    if (auto ok = r.only_keys(**file, "notify.file", {"path"}); !ok) return ok;
    auto path = r.string(**file, "notify.file", "path");
    if (!path) return path.error();
    if (*path) notify.file_path = r.resolve(**path).string();
    return {};
}

/// The shortest secret accepted: 16 bytes (openssl rand -hex 32 gives 64).
constexpr std::size_t min_secret_bytes = 16;

/// [notify.webhook] secret | secret_file | secret_env: at most one; the secret itself, at least 16 bytes.
Result<void> read_webhook_secret(const Reader& r, const toml::table& t, Notify& notify) {
    const char* given = nullptr;
    for (const char* key : {"secret", "secret_file", "secret_env"}) {
        if (!t.contains(key)) continue;
        if (given != nullptr)
            return r.error(t.get(key)->source(), std::string("notify.webhook.") + key,
                           std::string("give one of secret, secret_file and secret_env (") + given +
                               " is given too)");
        given = key;
    }
    if (given == nullptr) return {};
    const std::string key = std::string("notify.webhook.") + given;
    const toml::source_region& where = t.get(given)->source();
    auto value = r.string(t, "notify.webhook", given);
    if (!value) return value.error();
    std::string secret;
    std::string from;
    if (std::string_view(given) == "secret") {
        secret = **value;
        from = "secret";
    } else if (std::string_view(given) == "secret_file") {
        const auto path = r.resolve(**value);
        auto read = files::read_regular_file(path, 64 * 1024);
        if (!read) return r.error(where, key, files::file_error(*read.error, "secret file").message);
        secret = read.text.substr(0, read.text.find_first_of("\r\n"));
        from = "secret_file " + path.string();
    } else {
        const char* env = std::getenv(value->value().c_str());
        if (env == nullptr || *env == '\0')
            return r.error(where, key, "the environment variable " + **value + " is not set");
        secret = env;
        from = "secret_env " + **value;
    }
    if (secret.size() < min_secret_bytes)
        return r.error(where, key,
                       "the secret (" + from + ") is " + std::to_string(secret.size()) + " bytes; give at least " +
                           std::to_string(min_secret_bytes) + " (openssl rand -hex 32)");
    notify.webhook_secret = std::move(secret);
    notify.webhook_secret_source = std::move(from);
    return {};
}

Result<void> read_webhook(const Reader& r, const toml::table& notify_table, Notify& notify) {
    auto webhook = r.table(notify_table, "notify", "webhook");
    if (!webhook) return webhook.error();
    if (*webhook == nullptr) return {};
    const toml::table& t = **webhook;
    if (auto ok = r.only_keys(t, "notify.webhook",
                              {"url", "timeout_ms", "ca_file", "secret", "secret_file", "secret_env"});
        !ok)
        return ok;
    auto url = r.string(t, "notify.webhook", "url");
    if (!url) return url.error();
    if (*url) {
        if (auto why = check_url(**url); !why.empty())
            return r.error(t.get("url")->source(), "notify.webhook.url", why);
        notify.webhook_url = **url;
    }
    auto timeout = r.integer(t, "notify.webhook", "timeout_ms", 1, max_timeout_ms);
    if (!timeout) return timeout.error();
    if (*timeout) notify.webhook_timeout = std::chrono::milliseconds(**timeout);
    auto ca_file = r.string(t, "notify.webhook", "ca_file");
    if (!ca_file) return ca_file.error();
    if (*ca_file) notify.webhook_ca_file = r.resolve(**ca_file);
    return read_webhook_secret(r, t, notify);
}

Result<void> read_recipient_table(const Reader& r, const toml::table& notify_table, Notify& notify) {
    auto recipients = r.table(notify_table, "notify", "recipients");
    if (!recipients) return recipients.error();
    if (*recipients == nullptr) return {};
    for (const auto& [key, node] : **recipients) {
        const std::string name(key.str());
        const std::string path = join_key("notify.recipients", name);
        if (name == "default") {
            auto list = read_recipients(r, node, path);
            if (!list) return list.error();
            notify.default_recipients = std::move(*list);
            continue;
        }
        const toml::table* states = node.as_table();
        if (states == nullptr)
            return r.wrong_type(node, path, "a table of states (or the key default, an array)");
        if (name.empty()) return r.error(node.source(), path, "a workflow name must not be empty");
        auto& per_state = notify.recipients[name];
        for (const auto& [state_key, state_node] : *states) {
            const std::string state(state_key.str());
            const std::string state_path = join_key(path, state);
            if (state.empty()) return r.error(state_node.source(), state_path, "a state name must not be empty");
            auto list = read_recipients(r, state_node, state_path);
            if (!list) return list.error();
            per_state[state] = std::move(*list);
        }
        if (per_state.empty()) notify.recipients.erase(name);
    }
    return {};
}

}  // namespace

Result<void> read_notify(const Reader& r, const toml::table& root, Config& config) {
    auto notify_table = r.table(root, "", "notify");
    if (!notify_table) return notify_table.error();
    if (*notify_table == nullptr) return {};
    const toml::table& t = **notify_table;
    if (auto ok = r.only_keys(t, "notify", {"channels", "file", "webhook", "email", "recipients"}); !ok) return ok;

    Notify& notify = config.notify;
    auto channels = r.array(t, "notify", "channels");
    if (!channels) return channels.error();
    if (*channels != nullptr) {
        if (auto ok = read_channels(r, **channels, notify); !ok) return ok;
    }
    if (auto ok = read_file_channel(r, t, notify); !ok) return ok;
    if (auto ok = read_webhook(r, t, notify); !ok) return ok;
    if (auto ok = read_email(r, t, notify); !ok) return ok;
    if (auto ok = read_recipient_table(r, t, notify); !ok) return ok;

    // The webhook channel needs somewhere to post to.
    const auto webhook = std::find(notify.channels.begin(), notify.channels.end(), "webhook");
    if (webhook != notify.channels.end() && notify.webhook_url.empty()) {
        const auto index = static_cast<std::size_t>(webhook - notify.channels.begin());
        const toml::node* entry = *channels != nullptr ? (*channels)->get(index) : nullptr;
        return r.error(entry != nullptr ? entry->source() : t.source(), "notify.webhook.url",
                       "missing: the webhook channel (notify.channels) needs [notify.webhook] url");
    }
    if (const auto email = std::find(notify.channels.begin(), notify.channels.end(), "email");
        email != notify.channels.end()) {
        const auto index = static_cast<std::size_t>(email - notify.channels.begin());
        if (auto ok = check_email_channel(r, t, *channels != nullptr ? (*channels)->get(index) : nullptr, notify); !ok)
            return ok;
    }
    return {};
}

}  // namespace detail

}  // namespace alur::config
