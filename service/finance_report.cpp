// finance_report.cpp — one pass over the bookings, summing per financial
// year in a map, then the budgets merged in.
#include "service/finance_report.h"

#include "engine/words.h"

#include <map>

namespace peerslot::service {

namespace {

struct Year {
  std::int64_t peer_days = 0;
  std::int64_t day_costs = 0;
  std::int64_t mileage_pence = 0;
  std::int64_t fees = 0;
  std::optional<std::int64_t> budget;
};

void add_booking(const State& state, const Finance& finance, const Assignment& booking, std::map<int, Year>* years) {
  const Scenario& s = *state.scenario;
  const Problem& problem = *state.problem;
  const Request& request = *s.find_request(booking.request);
  int r = problem.request_index(request.id);
  std::vector<Date> days = problem.calendar().on_site_days(booking.week, request.days);
  for (Date d : days) {
    Year& year = (*years)[financial_year(d)];
    for (const std::string& p : booking.peers) {
      ++year.peer_days;
      year.day_costs += finance.day_rate[static_cast<int>(s.find_peer(p)->role)];
    }
    if (request.kind == "subject") year.fees += finance.subject_fee_per_day;
  }
  if (days.empty()) return;
  Year& first = (*years)[financial_year(days.front())];
  for (const std::string& p : booking.peers)
    first.mileage_pence += problem.km(problem.peer_index(p), problem.request(r).council) * finance.mileage_pence_per_km;
}

nlohmann::json year_json(int fy, const Year& y) {
  std::int64_t mileage = (y.mileage_pence + 50) / 100;
  std::int64_t net = y.day_costs + mileage - y.fees;
  return {{"year", fy},
          {"label", year_words(fy)},
          {"peer_days", y.peer_days},
          {"day_costs", y.day_costs},
          {"mileage", mileage},
          {"fees", y.fees},
          {"net", net},
          {"budget", y.budget ? nlohmann::json(*y.budget) : nlohmann::json(nullptr)},
          {"remaining", y.budget ? nlohmann::json(*y.budget - net) : nlohmann::json(nullptr)}};
}

}  // namespace

nlohmann::json finance_report(const State& state) {
  const std::optional<Finance>& finance = state.scenario->finance;
  if (!finance) return {{"currency", nullptr}, {"years", nlohmann::json::array()}};
  std::map<int, Year> years;
  for (const Assignment& booking : state.plan.assignments) add_booking(state, *finance, booking, &years);
  for (const Finance::Budget& b : finance->budgets) years[b.year].budget = b.amount;
  nlohmann::json out = {{"currency", finance->currency}, {"years", nlohmann::json::array()}};
  for (const auto& [fy, year] : years) out["years"].push_back(year_json(fy, year));
  return out;
}

std::int64_t request_fee(const Scenario& scenario, const Request& request) {
  if (!scenario.finance || request.kind != "subject") return 0;
  return scenario.finance->subject_fee_per_day * request.days;
}

}  // namespace peerslot::service
