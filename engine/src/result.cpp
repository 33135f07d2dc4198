#include "alur/engine/result.hpp"

#include <ostream>

namespace alur {
namespace {

class Category final : public boost::system::error_category {
public:
    const char* name() const noexcept override { return "alur"; }
    std::string message(int ev) const override { return to_string(static_cast<errc>(ev)); }
};

}  // namespace

const boost::system::error_category& error_category() noexcept {
    static const Category category;
    return category;
}

const char* to_string(errc e) noexcept {
    switch (e) {
        case errc::ok: return "ok";
        case errc::invalid_input: return "invalid_input";
        case errc::refused: return "refused";
        case errc::forbidden: return "forbidden";
        case errc::not_found: return "not_found";
        case errc::conflict: return "conflict";
        case errc::corrupt: return "corrupt";
        case errc::busy: return "busy";
        case errc::io: return "io";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& os, const Error& e) { return os << to_string(e.code) << ": " << e.message; }

void throw_exception_from_error(const Error& e, const boost::source_location&) {
    throw ErrorException(e);
}

}  // namespace alur
