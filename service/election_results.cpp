// election_results.cpp — rows are read and sorted by date first, so a
// council's results may come in any order and still be recorded in turn.
#include "service/election_results.h"

#include "engine/calendar.h"
#include "service/access.h"
#include "service/office_operations.h"

#include <algorithm>

namespace peerslot::service {

namespace {

constexpr int kDefaultSupportDays = 2;

struct ElectionResult {
  std::string where;  // "line 4"
  std::string council;
  Date date;
  std::string control;
  int support_days = kDefaultSupportDays;
};

Result<ElectionResult> result_of(const nlohmann::json& row) {
  ElectionResult result;
  result.where = "line " + std::to_string(row.value("line", 0));
  result.council = row.value("council", "");
  result.control = row.value("control", "");
  if (result.council.empty()) return Status::invalid("council", "is required").under(result.where);
  auto date = parse_iso_date(row.value("date", ""));
  if (!date) return Status::invalid("date", "\"" + row.value("date", "") + "\" is not a date YYYY-MM-DD").under(result.where);
  result.date = *date;
  if (row.contains("support_days")) {
    long long days = row["support_days"].get<long long>();
    if (days < 0 || days > 5) return Status::invalid("support_days", "must be 0 to 5").under(result.where);
    result.support_days = static_cast<int>(days);
  }
  return result;
}

}  // namespace

Status record_election_results(Draft& d, const User& who, const nlohmann::json& rows,
                               std::vector<std::string>* support_requests) {
  Status office = require_office(who, "record election results");
  if (!office.is_ok()) return office;
  std::vector<ElectionResult> results;
  for (const nlohmann::json& row : rows) {
    auto result = result_of(row);
    if (!result.is_ok()) return result.status();
    results.push_back(std::move(result).value());
  }
  std::stable_sort(results.begin(), results.end(), [](const ElectionResult& a, const ElectionResult& b) { return a.date < b.date; });
  for (const ElectionResult& r : results) {
    std::string support;
    Status recorded = record_control_change(d, who, r.council, r.date, r.control, r.support_days, &support);
    if (!recorded.is_ok()) return recorded.under(r.where);
    if (!support.empty()) support_requests->push_back(support);
  }
  return Status::ok();
}

}  // namespace peerslot::service
