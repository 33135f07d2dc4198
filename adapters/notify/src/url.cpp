// url.cpp — the host and port of a channel's URL.
#include "alur/notify/url.hpp"

#include <algorithm>
#include <cctype>

namespace alur::notify {

std::string check_authority(std::string_view authority) {
    if (authority.find('@') != std::string_view::npos) return "must not hold a user name or password";
    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {  // [::1]:9000
        const auto close = authority.find(']');
        if (close == std::string_view::npos || close == 1) return "an IPv6 host is written [address]";
        host = authority.substr(0, close + 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after[0] != ':') return "expected :port after the IPv6 host";
            port = after.substr(1);
            if (port.empty()) return "the port is missing after ':'";
        }
    } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
        if (port.empty()) return "the port is missing after ':'";
    }
    if (host.empty()) return "the host is missing";
    if (!authority.starts_with('[') &&
        !std::all_of(host.begin(), host.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
        }))
        return "the host \"" + std::string(host) + "\" is not a host name or address";
    if (!port.empty()) {
        if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return "the port must be a number from 1 to 65535";
        const int n = std::stoi(std::string(port));
        if (n < 1 || n > 65535) return "the port must be a number from 1 to 65535";
    }
    return {};
}

}  // namespace alur::notify
