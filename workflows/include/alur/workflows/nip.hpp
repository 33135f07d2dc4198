// alur/workflows/nip.hpp — checks the 18-digit NIP (Nomor Induk Pegawai) of a civil servant.
//
//   1976 03 15  2005 01  1  002
//   birth date  appointed sex serial
//
// Digits 1-8 are the birth date YYYYMMDD (a real date, year 1940 to today's
// year minus 17), digits 9-14 the appointment (CPNS) year and month (month
// 01-12, year at least birth year + 17, not after `today`), digit 15 the sex
// (1 male, 2 female), digits 16-18 a serial from 001 (000 is refused;
// rule nip_structure in legal_bases.json). Pure function; thread-safe.
#pragma once

#include "alur/engine/time.hpp"

#include <string>
#include <string_view>

namespace alur::workflows {

enum class NipProblem {
    none,
    length,                ///< not 18 characters
    not_digits,            ///< something other than 0-9
    birth_date,            ///< digits 1-8 are not a real date
    birth_year,            ///< birth year outside 1940 .. today - 17
    appointment_month,     ///< digits 13-14 outside 01-12
    appointment_year,      ///< appointed before the age of 17
    appointment_future,    ///< appointment month after `today`
    sex,                   ///< digit 15 neither 1 nor 2
    serial,                ///< digits 16-18 are 000 (serials start at 001)
};

struct Nip {
    Date birth;
    int appointment_year = 0;
    unsigned appointment_month = 0;
    int sex = 0;  ///< 1 male, 2 female
    std::string serial;
};

struct NipCheck {
    NipProblem problem = NipProblem::none;
    Nip nip;  ///< meaningful when problem == none
    explicit operator bool() const { return problem == NipProblem::none; }
};

/// Checks `text` as a NIP on the date `today` (which bounds the birth and appointment years).
NipCheck check_nip(std::string_view text, Date today);

/// What is wrong, in English, for the engine's refusals and the API
/// ("a NIP has 18 digits"); the CLI says it in its own language (nip_text.hpp).
const char* nip_problem_english(NipProblem problem) noexcept;

}  // namespace alur::workflows
