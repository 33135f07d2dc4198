#include "nip.hpp"

#include <algorithm>

namespace alur::cli {
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
    out.nip = Nip{birth, appointed_year, static_cast<unsigned>(appointed_month), sex - '0', std::string(text.substr(15))};
    return out;
}

}  // namespace alur::cli
