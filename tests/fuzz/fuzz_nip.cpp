// Fuzzes the NIP check (alur/workflows/nip.hpp: check_nip, which every
// workflow, the roster and the CLI use) on arbitrary text and dates.
//
// Input: "YYYY-MM-DD <nip>" checks <nip> on that day; anything else checks
// the whole input on 2025-06-02. Checks: a refusal names a problem that the
// text really has (a length problem only for a length other than 18, ...);
// an accepted NIP is 18 digits whose parts, printed again, give the text
// back, with the birth year in 1940 .. today - 17, the appointment at 17 or
// later and not after today, and the sex 1 or 2.
#include "fuzz_support.hpp"

#include "alur/workflows/nip.hpp"

#include <algorithm>
#include <cstdio>

using namespace alur;
using namespace std::chrono;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    Date today{year{2025}, month{6}, day{2}};
    if (text.size() >= 11 && text[10] == ' ')
        if (auto d = parse_date(text.substr(0, 10))) {
            today = *d;
            text.remove_prefix(11);
        }

    const workflows::NipCheck check = workflows::check_nip(text, today);
    const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!check) {
        FUZZ_CHECK(check.problem != workflows::NipProblem::none, "a refusal without a problem");
        if (check.problem == workflows::NipProblem::length) FUZZ_CHECK(text.size() != 18, "length refused at 18");
        else FUZZ_CHECK(text.size() == 18, "a length other than 18 passed the length check");
        if (check.problem == workflows::NipProblem::not_digits) FUZZ_CHECK(!digits, "digits refused as not digits");
        else if (check.problem != workflows::NipProblem::length) FUZZ_CHECK(digits, "a non-digit passed the digit check");
        return 0;
    }
    FUZZ_CHECK(text.size() == 18 && digits, "accepted a NIP that is not 18 digits");
    const workflows::Nip& nip = check.nip;
    char printed[32];
    std::snprintf(printed, sizeof printed, "%04d%02u%02u%04d%02u%d", static_cast<int>(nip.birth.year()),
                  static_cast<unsigned>(nip.birth.month()), static_cast<unsigned>(nip.birth.day()), nip.appointment_year,
                  nip.appointment_month, nip.sex);
    FUZZ_CHECK(std::string(printed) + nip.serial == text, "the parts print as " + std::string(printed) + nip.serial);
    const int this_year = static_cast<int>(today.year());
    const int born = static_cast<int>(nip.birth.year());
    FUZZ_CHECK(nip.birth.ok(), "birth date not a date");
    FUZZ_CHECK(born >= 1940 && born <= this_year - 17, "birth year out of range");
    FUZZ_CHECK(nip.appointment_month >= 1 && nip.appointment_month <= 12, "appointment month out of range");
    FUZZ_CHECK(nip.appointment_year >= born + 17, "appointed before 17");
    FUZZ_CHECK((year_month{year{nip.appointment_year}, month{nip.appointment_month}} <= year_month{today.year(), today.month()}),
               "appointment after today");
    FUZZ_CHECK(nip.sex == 1 || nip.sex == 2, "sex neither 1 nor 2");
    return 0;
}
