#include "engine/cost_model.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace peerslot {

SpherePoint sphere_point(const GeoPoint& p) {
  double lat = radians(p.lat);
  return {lat, p.lon, std::cos(lat)};
}

std::int64_t great_circle_km(const GeoPoint& a, const GeoPoint& b) { return sphere_km(sphere_point(a), sphere_point(b)); }

std::int64_t sphere_km(const SpherePoint& a, const SpherePoint& b) {
  double dlat = b.lat_radians - a.lat_radians, dlon = radians(b.lon_degrees - a.lon_degrees);
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + a.cos_lat * b.cos_lat * std::sin(dlon / 2) * std::sin(dlon / 2);
  return round_km(2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h))));
}

std::int64_t round_km(double km) { return static_cast<std::int64_t>(std::floor(km + 0.5)); }

std::int64_t travel_km(const Peer& peer, const Council& council) {
  if (!peer.location || !council.location) return 0;
  return great_circle_km(*peer.location, *council.location);
}

int weeks_off(const Request& request, Date first_on_site_day) {
  if (request.preferred.empty()) return 0;
  int gap = INT_MAX;
  for (const DateRange& range : request.preferred) gap = std::min(gap, days_outside(first_on_site_day, range));
  return (gap + 6) / 7;
}

namespace {

// Peers of the follow-up's team who were not on the team of the request it
// follows (all of them when that one is not assigned). With H1 broken, the
// first assignment of a request is the one that counts.
std::int64_t new_peers(const Scenario& scenario, const Plan& plan) {
  std::unordered_map<std::string, const Assignment*> first;
  for (const Assignment& a : plan.assignments) first.emplace(a.request, &a);
  std::int64_t count = 0;
  for (const Assignment& a : plan.assignments) {
    const Request* request = scenario.find_request(a.request);
    if (!request || !request->follows || first[a.request] != &a) continue;
    auto followed = first.find(request->follows->request);
    for (const std::string& peer : a.peers) {
      bool kept = followed != first.end() &&
                  std::find(followed->second->peers.begin(), followed->second->peers.end(), peer) != followed->second->peers.end();
      if (!kept && scenario.find_peer(peer)) ++count;
    }
  }
  return count;
}

}  // namespace

Cost compute_cost(const Scenario& scenario, const Calendar& calendar, const Plan& plan) {
  const Weights& w = scenario.weights;
  Cost cost;
  std::unordered_set<std::string> assigned;
  std::unordered_map<std::string, std::map<int, std::int64_t>> peer_year_days;  // peer -> financial year -> days
  for (const Assignment& a : plan.assignments) {
    const Request* request = scenario.find_request(a.request);
    if (!request) continue;
    assigned.insert(a.request);
    const Council* council = scenario.find_council(request->council);
    std::vector<Date> days = calendar.on_site_days(a.week, request->days);
    if (!days.empty()) cost.preference += w.preference * weeks_off(*request, days.front());
    std::map<int, int> year_days = days_per_financial_year(days);
    for (const std::string& peer_id : a.peers) {
      const Peer* peer = scenario.find_peer(peer_id);
      if (!peer) continue;
      if (council) cost.travel += w.travel_km * travel_km(*peer, *council);
      std::map<int, std::int64_t>& years = peer_year_days[peer_id];
      for (const auto& [year, n] : year_days) years[year] += n;
    }
  }
  for (const auto& [peer, years] : peer_year_days)
    for (const auto& [year, days] : years) cost.load += w.load * days * days;
  for (const Request& r : scenario.requests) {
    if (!assigned.count(r.id)) cost.unscheduled += w.unscheduled * r.priority;
  }
  cost.continuity = w.continuity * new_peers(scenario, plan);
  cost.total = cost.unscheduled + cost.preference + cost.travel + cost.load + cost.continuity;
  return cost;
}

}  // namespace peerslot
