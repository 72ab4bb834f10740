// calendar.h — dates, working days, weeks, financial years and election periods.
//
// All dates are boost::gregorian::date. The time model follows the scenario
// contract (docs/scenario-format.md):
//   - a slot is one week, named by the date of its Monday;
//   - a working day is Monday..Friday and not a bank holiday;
//   - a request of N days in the week of Monday M is on site on the first N
//     working days of M..M+4, and the week is usable only if it has N;
//   - financial year FY2011 runs 2011-04-01..2012-03-31;
//   - the pre-election period of a polling day P with length L is the L days
//     ending on and including P.
// Bank holidays are data (loaded from data/bank_holidays.csv), never computed
// by rule, because real calendars break rules (2011-04-29, 2012-06-04/05).
//
// Supported dates are 1900-01-01..2100-12-31: parse_iso_date() reads no
// other, so every date a document names, and every date the engine derives
// from one (a few years either side at most), is far inside the range
// Boost.Date_Time can represent (1400..9999). No function here throws on a
// date it can be given: a special value (not_a_date_time, infinity) or a
// date outside the supported range is never a working day, and monday_of()
// returns a special value unchanged.
//
// Thread-safety: Calendar is immutable after construction; share freely.
#pragma once

#include <boost/date_time/gregorian/gregorian.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace peerslot {

using Date = boost::gregorian::date;

// An inclusive range of dates.
struct DateRange {
  Date start;
  Date end;
  bool contains(Date d) const { return start <= d && d <= end; }
  bool operator==(const DateRange&) const = default;
};

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2100;
constexpr const char* kFirstDate = "1900-01-01";
constexpr const char* kLastDate = "2100-12-31";

// Whether d is a real date in kFirstDate..kLastDate.
bool is_supported_date(Date d);

// Parses a strict ISO 8601 calendar date "YYYY-MM-DD"; nullopt if malformed,
// not a real date, or outside kFirstDate..kLastDate.
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(Date d);

bool is_monday(Date d);
// The Monday on or before d.
Date monday_of(Date d);
// Financial year containing d: FY2011 is 2011-04-01..2012-03-31.
int financial_year(Date d);
// How many of `days` fall in each financial year, by year (at most two
// entries for one challenge's on-site days).
std::map<int, int> days_per_financial_year(const std::vector<Date>& days);
DateRange financial_year_range(int fy);
// The `days` days ending on, and including, the polling day.
DateRange pre_election_period(Date polling_day, int days);
// Whole days from d to the nearest day of range (0 if inside).
int days_outside(Date d, const DateRange& range);

class Calendar {
 public:
  explicit Calendar(const std::vector<Date>& bank_holidays);

  bool is_bank_holiday(Date d) const;
  // False for any date that is not supported (is_supported_date).
  bool is_working_day(Date d) const;
  // Working days among d..d+4 (the Monday-to-Friday of a week starting d).
  int working_days_in_week(Date monday) const;
  // The first `days` working days of monday..monday+4; fewer if the week
  // does not have that many.
  std::vector<Date> on_site_days(Date monday, int days) const;

 private:
  std::unordered_set<long> holidays_;  // day numbers
};

}  // namespace peerslot
