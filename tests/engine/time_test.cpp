#include "alur/engine/time.hpp"

#include "result_printing.hpp"

using namespace alur;

TEST_CASE("dates and times in agency time", "[time]") {
    TimeZone wib;
    CHECK(format_utc(parse_datetime("2024-05-02", wib).value()) == "2024-05-01T17:00:00.000Z");
    CHECK(format_utc(parse_datetime("2024-05-02T09:30", wib).value()) == "2024-05-02T02:30:00.000Z");
    CHECK(format_utc(parse_datetime("2024-05-02 09:30:15.5", wib).value()) == "2024-05-02T02:30:15.500Z");
    CHECK(format_utc(parse_datetime("2024-05-02T09:30:00Z", wib).value()) == "2024-05-02T09:30:00.000Z");
    CHECK(format_utc(parse_datetime("2024-05-02T09:30:00+09:00", wib).value()) == "2024-05-02T00:30:00.000Z");
    auto wit = TimeZone::from_name("WIT").value();
    auto t = parse_datetime("2024-05-02T23:30", TimeZone::from_name("WIB").value()).value();
    CHECK(format_local(t, wit) == "2024-05-03T01:30:00+09:00");
    CHECK(format_date(local_date(t, wit)) == "2024-05-03");
    CHECK(format_date(local_date(t, wib)) == "2024-05-02");
}

TEST_CASE("bad dates and zones are named", "[time]") {
    CHECK_FALSE(parse_date("2024-02-30"));
    CHECK_FALSE(parse_date("2024-2-3"));
    CHECK_FALSE(parse_datetime("2024-05-02T25:00", TimeZone{}));
    CHECK_FALSE(parse_datetime("yesterday", TimeZone{}));
    auto z = TimeZone::from_name("CET");
    REQUIRE_FALSE(z);
    CHECK_THAT(z.error().message, Catch::Contains("expected WIB, WITA or WIT"));
}

TEST_CASE("months and years clamp to the month's end", "[time]") {
    CHECK(format_date(add_months(parse_date("2024-09-22").value(), -6)) == "2024-03-22");
    CHECK(format_date(add_months(parse_date("2024-08-31").value(), 6)) == "2025-02-28");
    CHECK(format_date(add_years(parse_date("2024-02-29").value(), 2)) == "2026-02-28");
}
