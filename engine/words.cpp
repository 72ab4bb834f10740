// words.cpp — Boost.Date_Time gives the names; the layout is GOV.UK's
// style for dates ("7 May 2012", ranges with "to").
#include "engine/words.h"

#include <array>
#include <cctype>

namespace peerslot {

namespace {

constexpr std::array<const char*, 7> kDayNames = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr std::array<const char*, 12> kMonthNames = {"January", "February", "March",     "April",   "May",      "June",
                                                     "July",    "August",   "September", "October", "November", "December"};

std::string day_and_month(Date d) { return std::to_string(d.day().as_number()) + " " + kMonthNames[d.month().as_number() - 1]; }

}  // namespace

std::string date_words(Date d) { return day_and_month(d) + " " + std::to_string(static_cast<int>(d.year())); }

std::string day_words(Date d) { return std::string(kDayNames[d.day_of_week().as_number()]) + " " + date_words(d); }

std::string week_words(Date monday) { return "the week of " + day_words(monday); }

std::string range_words(Date first, Date last) {
  if (first == last) return date_words(first);
  if (first.year() == last.year()) return day_and_month(first) + " to " + date_words(last);
  return date_words(first) + " to " + date_words(last);
}

std::string year_words(int financial_year) {
  int next = (financial_year + 1) % 100;
  return std::to_string(financial_year) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
}

std::string role_words(Role role) {
  switch (role) {
    case Role::kMember: return "councillor peer";
    case Role::kChiefExecutive: return "chief executive peer";
    case Role::kOfficer: return "officer peer";
    case Role::kExpert: return "expert peer";
    case Role::kManager: return "peer challenge manager";
  }
  return "peer";
}

std::string kind_words(const std::string& kind) {
  if (kind == "corporate") return "corporate peer challenge";
  if (kind == "subject") return "subject peer challenge";
  if (kind == "support") return "member peer support";
  if (kind == "review") return "progress review";
  return kind;
}

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string uncapitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace peerslot
