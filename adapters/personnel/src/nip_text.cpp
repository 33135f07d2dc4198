#include "alur/personnel/nip_text.hpp"

namespace alur::personnel {

using cli::M;
using workflows::NipProblem;

std::string nip_problem_text(NipProblem problem, std::string_view nip, Date today, cli::Lang lang) {
    const M m = [&] {
        switch (problem) {
            case NipProblem::length: return M::nip_length;
            case NipProblem::not_digits: return M::nip_digits;
            case NipProblem::birth_date: return M::nip_birth_date;
            case NipProblem::birth_year: return M::nip_birth_year;
            case NipProblem::appointment_month: return M::nip_appointment_month;
            case NipProblem::appointment_year: return M::nip_appointment_year;
            case NipProblem::appointment_future: return M::nip_appointment_future;
            case NipProblem::serial: return M::nip_serial;
            case NipProblem::sex:
            case NipProblem::none: break;
        }
        return M::nip_sex;
    }();
    const std::string latest = std::to_string(static_cast<int>(today.year()) - 17);
    return cli::trf(m, lang, {nip, latest});
}

}  // namespace alur::personnel
