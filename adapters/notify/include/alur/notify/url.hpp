// alur/notify/url.hpp — checking the host and port of a channel's URL
// (the webhook's http://, the email channel's smtp://). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace alur::notify {

/// Why `authority` (the part of a URL between "scheme://" and the path:
/// "host", "host:port", "[IPv6]:port") is not a host with an optional port
/// 1-65535, or empty if it is. A user name or password ("user@host") is
/// refused; a host name holds letters, digits, '.', '-' and '_'.
std::string check_authority(std::string_view authority);

}  // namespace alur::notify
