// party_report.cpp — days from the load report's per-peer counts, councils
// from each council's control in force on the year's first day.
#include "service/party_report.h"

#include "engine/calendar.h"
#include "engine/words.h"
#include "service/group_view.h"
#include "service/load_report.h"

#include <algorithm>
#include <map>
#include <set>

namespace peerslot::service {

namespace {

constexpr const char* kBasis =
    "A party's proportional share is its share of the programme's councils under its control on 1 April of the year, "
    "leaving out councils with no overall control.";

struct Counts {
  int days = 0;
  int councils = 0;
};

double fraction(int part, int whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; }

// Party -> councillor-peer days and councils controlled, in one year.
std::map<std::string, Counts> counts_in(const State& state, const PeerDays& days, int fy) {
  const Scenario& s = *state.scenario;
  std::map<std::string, Counts> counts;
  for (const std::string& party : parties(s)) counts[party];
  for (const auto& [key, n] : days) {
    const Peer* peer = s.find_peer(key.first);
    if (key.second == fy && peer->role == Role::kMember && !peer->party.empty()) counts[peer->party].days += n;
  }
  Date first = std::max(financial_year_range(fy).start, s.window.start);
  for (const Council& council : s.councils) {
    const std::string& control = council.control_on(first);
    if (control != "NOC") ++counts[control].councils;
  }
  return counts;
}

nlohmann::json year_json(const State& state, const PeerDays& days, int fy) {
  std::map<std::string, Counts> counts = counts_in(state, days, fy);
  int all_days = 0, all_councils = 0;
  for (const auto& [party, c] : counts) {
    all_days += c.days;
    all_councils += c.councils;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [party, c] : counts)
    list.push_back({{"party", party},
                    {"group", group_slug(party)},
                    {"days", c.days},
                    {"share", fraction(c.days, all_days)},
                    {"councils", c.councils},
                    {"proportional_share", fraction(c.councils, all_councils)}});
  return {{"year", year_words(fy)}, {"parties", list}};
}

}  // namespace

nlohmann::json party_report(const State& state) {
  PeerDays days = peer_days_by_year(state);
  nlohmann::json years = nlohmann::json::array();
  const DateRange& window = state.scenario->window;
  for (int fy = financial_year(window.start); fy <= financial_year(window.end); ++fy) years.push_back(year_json(state, days, fy));
  return {{"basis", kBasis}, {"years", years}};
}

}  // namespace peerslot::service
