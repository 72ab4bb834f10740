// option_words.cpp — the engine ranks options by the whole cost; these
// words name the parts of it a council can weigh: its preferred period,
// the team's travel, the peers' load and, for a follow-up, the same team.
#include "service/option_words.h"

#include <algorithm>

namespace peerslot::service {

namespace {

std::string plural(std::int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string preference_words(const Scenario& scenario, const Request& request, const BookingOption& option) {
  if (request.preferred.empty()) return "";
  if (option.preference == 0) return "In your preferred period";
  std::int64_t weeks = scenario.weights.preference > 0 ? option.preference / scenario.weights.preference : 0;
  return weeks > 0 ? plural(weeks, "week", "weeks") + " from your preferred period" : "Outside your preferred period";
}

std::string continuity_words(const Request& request, const BookingOption& option) {
  if (!request.follows) return "";
  if (option.kept_peers == 0) return "A new team: nobody from the challenge it follows is free";
  return "Keeps " + plural(option.kept_peers, "peer", "peers") + " from the challenge it follows";
}

}  // namespace

std::vector<std::string> option_reasons(const Scenario& scenario, const Request& request,
                                        const std::vector<BookingOption>& listed, std::size_t i) {
  const BookingOption& option = listed[i];
  std::vector<std::string> words;
  if (i == 0 && listed.size() > 1) words.push_back("The best fit for the whole programme");
  if (std::string w = preference_words(scenario, request, option); !w.empty()) words.push_back(w);
  if (std::string w = continuity_words(request, option); !w.empty()) words.push_back(w);
  if (option.travel_km > 0) words.push_back("The team travels " + std::to_string(option.travel_km) + " km in all");
  auto [least, most] = std::minmax_element(listed.begin(), listed.end(), [](const BookingOption& a, const BookingOption& b) {
    return a.booked_days < b.booked_days;
  });
  if (option.booked_days == least->booked_days && least->booked_days < most->booked_days)
    words.push_back("Spreads the peers' days most evenly of these weeks");
  return words;
}

}  // namespace peerslot::service
