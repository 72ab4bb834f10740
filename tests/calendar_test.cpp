#include "engine/calendar.h"
#include "tools/reference_data.h"

#include <catch2/catch.hpp>

using namespace peerslot;

namespace {

Calendar real_calendar() {
  auto data = load_reference_data(default_data_dir());
  INFO(data.status().message());
  REQUIRE(data.is_ok());
  return Calendar(data.value().bank_holidays);
}

}  // namespace

TEST_CASE("ISO dates are parsed strictly", "[calendar]") {
  CHECK(parse_iso_date("2012-02-29") == Date(2012, 2, 29));
  CHECK_FALSE(parse_iso_date("2011-02-29"));
  CHECK_FALSE(parse_iso_date("2011-13-01"));
  CHECK_FALSE(parse_iso_date("2011-9-12"));
  CHECK_FALSE(parse_iso_date("12/09/2011"));
  CHECK_FALSE(parse_iso_date("2011-09-12T00:00"));
  CHECK(to_iso(Date(2011, 9, 12)) == "2011-09-12");
}

TEST_CASE("England and Wales bank holidays 2011 to 2014 as published", "[calendar]") {
  Calendar c = real_calendar();
  CHECK(c.is_bank_holiday(Date(2011, 4, 29)));   // Royal Wedding
  CHECK(c.is_bank_holiday(Date(2011, 5, 30)));
  CHECK(c.is_bank_holiday(Date(2012, 6, 4)));    // spring holiday moved
  CHECK(c.is_bank_holiday(Date(2012, 6, 5)));    // Diamond Jubilee
  CHECK_FALSE(c.is_bank_holiday(Date(2012, 5, 28)));
  CHECK(c.is_bank_holiday(Date(2011, 12, 27)));  // Christmas Day substitute
  CHECK(c.is_bank_holiday(Date(2012, 1, 2)));    // New Year's Day substitute
  CHECK(c.is_bank_holiday(Date(2013, 3, 29)));   // Good Friday
  CHECK(c.is_bank_holiday(Date(2014, 4, 21)));   // Easter Monday
  CHECK_FALSE(c.is_bank_holiday(Date(2013, 5, 20)));
}

TEST_CASE("working days and on-site days of a week", "[calendar]") {
  Calendar c = real_calendar();
  CHECK(c.working_days_in_week(Date(2011, 9, 12)) == 5);
  CHECK(c.working_days_in_week(Date(2011, 4, 25)) == 3);  // Easter Monday and the Royal Wedding
  CHECK(c.working_days_in_week(Date(2012, 6, 4)) == 3);   // the Jubilee week
  CHECK_FALSE(c.is_working_day(Date(2011, 9, 17)));       // Saturday
  auto days = c.on_site_days(Date(2012, 6, 4), 3);
  REQUIRE(days.size() == 3);
  CHECK(days.front() == Date(2012, 6, 6));
  CHECK(days.back() == Date(2012, 6, 8));
  CHECK(c.on_site_days(Date(2012, 6, 4), 4).size() == 3);  // the week is not usable for 4 days
}

TEST_CASE("week Mondays, financial years and pre-election periods", "[calendar]") {
  CHECK(is_monday(Date(2011, 9, 12)));
  CHECK_FALSE(is_monday(Date(2011, 9, 13)));
  CHECK(monday_of(Date(2011, 9, 18)) == Date(2011, 9, 12));
  CHECK(monday_of(Date(2011, 9, 12)) == Date(2011, 9, 12));
  CHECK(financial_year(Date(2011, 4, 1)) == 2011);
  CHECK(financial_year(Date(2012, 3, 31)) == 2011);
  CHECK(financial_year(Date(2011, 3, 31)) == 2010);
  CHECK(financial_year_range(2012).start == Date(2012, 4, 1));
  DateRange purdah = pre_election_period(Date(2013, 5, 2), 42);
  CHECK(purdah.start == Date(2013, 3, 22));
  CHECK(purdah.end == Date(2013, 5, 2));
  CHECK(days_outside(Date(2013, 3, 20), purdah) == 2);
  CHECK(days_outside(Date(2013, 4, 1), purdah) == 0);
}
