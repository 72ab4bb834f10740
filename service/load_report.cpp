// load_report.cpp — counts over the plan's assignments; on-site days come
// from the Problem, so a week straddling 31 March splits over two years as
// the cost model's load term does.
#include "service/load_report.h"

#include "service/representations.h"

#include <map>

namespace peerslot::service {

PeerDays peer_days_by_year(const State& state) {
  const Problem& problem = *state.problem;
  PeerDays days;
  for (const Assignment& a : state.plan.assignments) {
    const OnSite& on_site = problem.on_site(problem.week_of(a.week), state.scenario->find_request(a.request)->days);
    for (const std::string& id : a.peers)
      for (int part = 0; part < 2; ++part)
        if (on_site.count[part]) days[{id, problem.first_year() + on_site.fy[part]}] += on_site.count[part];
  }
  return days;
}

nlohmann::json load_report(const State& state) {
  const Scenario& s = *state.scenario;
  PeerDays peer_days = peer_days_by_year(state);
  std::map<std::string, std::pair<int, int>> councils;  // given, received
  std::map<Date, int> weeks;
  for (const Assignment& a : state.plan.assignments) {
    const Request& r = *s.find_request(a.request);
    for (const std::string& id : a.peers) {
      const Peer& peer = *s.find_peer(id);
      if (!peer.council.empty()) ++councils[peer.council].first;
    }
    ++councils[r.council].second;
    ++weeks[a.week];
  }
  nlohmann::json out = {{"peer_days", nlohmann::json::array()}, {"councils", nlohmann::json::array()},
                        {"weeks", nlohmann::json::array()}};
  for (const auto& [key, days] : peer_days) {
    const Peer& peer = *s.find_peer(key.first);
    nlohmann::json member = team_member_json(s, key.first);
    out["peer_days"].push_back({{"peer", key.first}, {"name", member["name"]}, {"council_name", member["council_name"]},
                                {"fy", key.second}, {"days", days},
                                {"cap", peer.max_days_per_year ? nlohmann::json(*peer.max_days_per_year) : nlohmann::json(nullptr)}});
  }
  for (const auto& [id, counts] : councils)
    out["councils"].push_back({{"council", id}, {"peers_given", counts.first}, {"challenges_received", counts.second}});
  for (const auto& [week, n] : weeks)
    out["weeks"].push_back({{"week", to_iso(week)}, {"challenges", n},
                            {"capacity", s.max_challenges_per_week ? nlohmann::json(*s.max_challenges_per_week) : nlohmann::json(nullptr)}});
  return out;
}

}  // namespace peerslot::service
