#include "engine/calendar.h"

#include <cctype>
#include <charconv>

namespace peerslot {

namespace greg = boost::gregorian;

namespace {

std::optional<int> parse_digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool is_supported_date(Date d) {
  static const Date first(kFirstYear, 1, 1), last(kLastYear, 12, 31);
  return !d.is_special() && first <= d && d <= last;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto year = parse_digits(text.substr(0, 4));
  auto month = parse_digits(text.substr(5, 2));
  auto day = parse_digits(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  if (*year < kFirstYear || *year > kLastYear || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
  if (*day > greg::gregorian_calendar::end_of_month_day(*year, *month)) return std::nullopt;
  return Date(*year, *month, *day);
}

std::string to_iso(Date d) { return greg::to_iso_extended_string(d); }

bool is_monday(Date d) { return !d.is_special() && d.day_of_week() == greg::Monday; }

Date monday_of(Date d) {
  if (d.is_special()) return d;
  int back = (d.day_of_week().as_number() + 6) % 7;  // Monday -> 0 ... Sunday -> 6
  return d - greg::days(back);
}

int financial_year(Date d) {
  int year = d.year();
  return d.month() >= 4 ? year : year - 1;
}

std::map<int, int> days_per_financial_year(const std::vector<Date>& days) {
  std::map<int, int> out;
  for (Date d : days) ++out[financial_year(d)];
  return out;
}

DateRange financial_year_range(int fy) { return {Date(fy, 4, 1), Date(fy + 1, 3, 31)}; }

DateRange pre_election_period(Date polling_day, int days) {
  return {polling_day - greg::days(days - 1), polling_day};
}

int days_outside(Date d, const DateRange& range) {
  if (d < range.start) return static_cast<int>((range.start - d).days());
  if (d > range.end) return static_cast<int>((d - range.end).days());
  return 0;
}

Calendar::Calendar(const std::vector<Date>& bank_holidays) {
  for (Date d : bank_holidays) holidays_.insert(d.day_number());
}

bool Calendar::is_bank_holiday(Date d) const { return holidays_.count(d.day_number()) > 0; }

bool Calendar::is_working_day(Date d) const {
  if (!is_supported_date(d)) return false;
  auto dow = d.day_of_week();
  return dow != greg::Saturday && dow != greg::Sunday && !is_bank_holiday(d);
}

int Calendar::working_days_in_week(Date monday) const {
  int count = 0;
  for (int i = 0; i < 5; ++i) count += is_working_day(monday + greg::days(i)) ? 1 : 0;
  return count;
}

std::vector<Date> Calendar::on_site_days(Date monday, int days) const {
  std::vector<Date> result;
  for (int i = 0; i < 5 && static_cast<int>(result.size()) < days; ++i) {
    Date d = monday + greg::days(i);
    if (is_working_day(d)) result.push_back(d);
  }
  return result;
}

}  // namespace peerslot
