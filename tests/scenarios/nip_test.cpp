// The NIP check of `alur open` (adapters/cli/nip.cpp): 18 digits, birth date,
// appointment month, sex digit, each with its own problem.
#include "nip.hpp"

#include <catch2/catch.hpp>

using alur::Date;
using alur::cli::check_nip;
using alur::cli::NipProblem;
using namespace std::chrono;

namespace {
const Date today{year{2025}, month{6}, day{1}};
}

TEST_CASE("a plausible NIP is read into birth date, appointment, sex and serial", "[cli][nip]") {
    auto check = check_nip("197603152005011002", today);
    REQUIRE(check);
    CHECK(check.nip.birth == Date{year{1976}, month{3}, day{15}});
    CHECK(check.nip.appointment_year == 2005);
    CHECK(check.nip.appointment_month == 1u);
    CHECK(check.nip.sex == 1);
    CHECK(check.nip.serial == "002");
    CHECK(check_nip("198807302012122001", today));
}

TEST_CASE("a NIP must be 18 digits", "[cli][nip]") {
    CHECK(check_nip("19760315200501100", today).problem == NipProblem::length);
    CHECK(check_nip("1976031520050110021", today).problem == NipProblem::length);
    CHECK(check_nip("", today).problem == NipProblem::length);
    CHECK(check_nip("19760315 200501100", today).problem == NipProblem::not_digits);
    CHECK(check_nip("1976031520050110O2", today).problem == NipProblem::not_digits);
}

TEST_CASE("digits 1-8 are a real birth date in a plausible year", "[cli][nip]") {
    CHECK(check_nip("197602302005011002", today).problem == NipProblem::birth_date);  // 30 February
    CHECK(check_nip("197613012005011002", today).problem == NipProblem::birth_date);  // month 13
    CHECK(check_nip("198002292005011002", today));                                    // leap day
    CHECK(check_nip("193912312005011002", today).problem == NipProblem::birth_year);
    CHECK(check_nip("194001012005011002", today));
    // Born in 2008: 17 in 2025, the latest year allowed; 2009 is too young.
    CHECK(check_nip("200801012025011002", today));
    CHECK(check_nip("200901012025011002", today).problem == NipProblem::birth_year);
}

TEST_CASE("digits 9-14 are an appointment month at least 17 years after birth, not in the future", "[cli][nip]") {
    CHECK(check_nip("197603152005001002", today).problem == NipProblem::appointment_month);
    CHECK(check_nip("197603152005131002", today).problem == NipProblem::appointment_month);
    CHECK(check_nip("197603151992121002", today).problem == NipProblem::appointment_year);
    CHECK(check_nip("197603151993011002", today));  // 1976 + 17
    CHECK(check_nip("197603152025061002", today));  // this month
    CHECK(check_nip("197603152025071002", today).problem == NipProblem::appointment_future);
}

TEST_CASE("digit 15 is the sex: 1 or 2", "[cli][nip]") {
    CHECK(check_nip("197603152005012002", today).nip.sex == 2);
    CHECK(check_nip("197603152005010002", today).problem == NipProblem::sex);
    CHECK(check_nip("197603152005013002", today).problem == NipProblem::sex);
}

TEST_CASE("digits 16-18 are a serial from 001: 000 is refused", "[cli][nip]") {
    CHECK(check_nip("197603152005011001", today).nip.serial == "001");
    CHECK(check_nip("197603152005011000", today).problem == NipProblem::serial);
    CHECK(std::string(alur::workflows::nip_problem_english(NipProblem::serial)).find("000") != std::string::npos);
}
