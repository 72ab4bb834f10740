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

TEST_CASE("ISO dates are read only in 1900..2100", "[calendar]") {
  CHECK(parse_iso_date("1900-01-01") == Date(1900, 1, 1));
  CHECK(parse_iso_date("2100-12-31") == Date(2100, 12, 31));
  CHECK_FALSE(parse_iso_date("1899-12-31"));
  CHECK_FALSE(parse_iso_date("2101-01-01"));
  CHECK_FALSE(parse_iso_date("1400-01-01"));
  CHECK_FALSE(parse_iso_date("9999-12-31"));
}

TEST_CASE("the calendar never throws near the ends of Boost's range", "[calendar]") {
  Calendar c({Date(2100, 12, 27)});
  // 9999-12-31 is a Friday: its "week" runs past the last date Boost can name.
  CHECK_NOTHROW(c.working_days_in_week(Date(9999, 12, 31)));
  CHECK(c.working_days_in_week(Date(9999, 12, 31)) == 0);
  CHECK(c.on_site_days(Date(9999, 12, 27), 5).empty());
  CHECK_FALSE(c.is_working_day(Date(1400, 1, 1)));
  CHECK_FALSE(c.is_working_day(Date(boost::gregorian::not_a_date_time)));
  CHECK_FALSE(is_monday(Date(boost::gregorian::not_a_date_time)));
  CHECK(monday_of(Date(boost::gregorian::pos_infin)).is_special());
  // The supported ends work as usual.
  CHECK(c.working_days_in_week(Date(2100, 12, 27)) == 4);  // a holiday on the Monday
  CHECK(c.on_site_days(Date(1900, 1, 1), 5).size() == 5);
  CHECK(monday_of(Date(1900, 1, 1)) == Date(1900, 1, 1));
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
