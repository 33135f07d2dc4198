#include "alur/workflows/nip.hpp"

#include <algorithm>

namespace alur::workflows {
namespace {

int number(std::string_view digits) {
    int n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
}

}  // namespace

NipCheck check_nip(std::string_view text, Date today) {
    NipCheck out;
    if (text.size() != 18) {
        out.problem = NipProblem::length;
        return out;
    }
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        out.problem = NipProblem::not_digits;
        return out;
    }
    using namespace std::chrono;
    const int birth_year = number(text.substr(0, 4));
    const Date birth{year{birth_year}, month{static_cast<unsigned>(number(text.substr(4, 2)))},
                     day{static_cast<unsigned>(number(text.substr(6, 2)))}};
    if (!birth.ok()) {
        out.problem = NipProblem::birth_date;
        return out;
    }
    const int this_year = static_cast<int>(today.year());
    if (birth_year < 1940 || birth_year > this_year - 17) {
        out.problem = NipProblem::birth_year;
        return out;
    }
    const int appointed_year = number(text.substr(8, 4));
    const int appointed_month = number(text.substr(12, 2));
    if (appointed_month < 1 || appointed_month > 12) {
        out.problem = NipProblem::appointment_month;
        return out;
    }
    if (appointed_year < birth_year + 17) {
        out.problem = NipProblem::appointment_year;
        return out;
    }
    const auto this_month = static_cast<int>(static_cast<unsigned>(today.month()));
    if (appointed_year > this_year || (appointed_year == this_year && appointed_month > this_month)) {
        out.problem = NipProblem::appointment_future;
        return out;
    }
    const char sex = text[14];
    if (sex != '1' && sex != '2') {
        out.problem = NipProblem::sex;
        return out;
    }
    if (text.substr(15) == "000") {
        out.problem = NipProblem::serial;
        return out;
    }
    out.nip = Nip{birth, appointed_year, static_cast<unsigned>(appointed_month), sex - '0', std::string(text.substr(15))};
    return out;
}

const char* nip_problem_english(NipProblem p) noexcept {
    switch (p) {
        case NipProblem::length: return "a NIP has 18 digits";
        case NipProblem::not_digits: return "a NIP has digits only";
        case NipProblem::birth_date: return "digits 1-8 of the NIP are not a real birth date";
        case NipProblem::birth_year: return "the birth year of the NIP is out of range";
        case NipProblem::appointment_month: return "digits 13-14 of the NIP are not a month";
        case NipProblem::appointment_year: return "the NIP's appointment is before the age of 17";
        case NipProblem::appointment_future: return "the NIP's appointment month is in the future";
        case NipProblem::sex: return "digit 15 of the NIP must be 1 or 2";
        case NipProblem::serial: return "digits 16-18 of the NIP (the serial) may not be 000";
        case NipProblem::none: break;
    }
    return "invalid NIP";
}

}  // namespace alur::workflows
