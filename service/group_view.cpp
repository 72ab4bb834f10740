// group_view.cpp — one pass over the bookings collects each party peer's
// assignments and the challenges open to nomination.
#include "service/group_view.h"

#include "engine/words.h"
#include "service/load_report.h"
#include "service/representations.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace peerslot::service {

namespace {

using Json = nlohmann::json;

// Where a booking is, as every entry of the view starts.
Json booking_place(const State& state, const Request& request, const Assignment& booking) {
  const Council& council = *state.scenario->find_council(request.council);
  return {{"request", request.id},
          {"reference", booking_reference(request.id, booking.week)},
          {"council", council.id},
          {"council_name", council.name},
          {"week", to_iso(booking.week)},
          {"on_site", dates_json(state.problem->calendar().on_site_days(booking.week, request.days))}};
}

Json assignment_entry(const State& state, const Request& request, const Assignment& booking, const std::string& peer) {
  Json entry = booking_place(state, request, booking);
  entry["kind"] = request.kind;
  entry["kind_words"] = capitalised(kind_words(request.kind));
  entry["status"] = has_accepted(state, request.id, peer) ? "accepted" : "proposed";
  entry["approved"] = has_approved(state, request.id, peer);
  return entry;
}

// The control in force on the challenge's first day on site when the party
// may nominate for it: a councillor seat, and control of the party or no
// overall control; empty otherwise.
std::string open_control(const State& state, const Request& request, const Assignment& booking, const std::string& party) {
  if (request.team[static_cast<int>(Role::kMember)] == 0) return "";
  std::vector<Date> days = state.problem->calendar().on_site_days(booking.week, request.days);
  if (days.empty()) return "";
  const std::string& control = state.scenario->find_council(request.council)->control_on(days.front());
  return control == party || control == "NOC" ? control : "";
}

Json challenge_entry(const State& state, const Request& request, const Assignment& booking, const std::string& control) {
  Json entry = booking_place(state, request, booking);
  entry["control"] = control == "NOC" ? "No overall control" : control;
  Json members = Json::array();
  for (const std::string& id : booking.peers) {
    const Peer* peer = state.scenario->find_peer(id);
    if (peer && peer->role == Role::kMember) members.push_back(seat_json(state, request.id, id));
  }
  entry["members"] = members;
  return entry;
}

Json peer_entry(const State& state, const Peer& peer, const PeerDays& days) {
  Json entry = team_member_json(*state.scenario, peer.id);
  entry["max_days_per_year"] = peer.max_days_per_year ? Json(*peer.max_days_per_year) : Json(nullptr);
  entry["available"] = ranges_json(peer.available);
  entry["days"] = Json::array();
  for (auto it = days.lower_bound({peer.id, 0}); it != days.end() && it->first.first == peer.id; ++it)
    entry["days"].push_back({{"year", year_words(it->first.second)}, {"days", it->second}});
  entry["assignments"] = Json::array();
  return entry;
}

}  // namespace

std::string group_slug(const std::string& party) {
  std::string slug;
  for (char c : party) slug += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return slug;
}

std::vector<std::string> parties(const Scenario& scenario) {
  std::set<std::string> names;
  for (const Peer& peer : scenario.peers)
    if (peer.role == Role::kMember && !peer.party.empty()) names.insert(peer.party);
  return {names.begin(), names.end()};
}

std::optional<std::string> party_of_group(const Scenario& scenario, const std::string& slug) {
  for (const std::string& party : parties(scenario))
    if (group_slug(party) == slug) return party;
  return std::nullopt;
}

Json group_json(const State& state, const std::string& party) {
  const Scenario& s = *state.scenario;
  PeerDays days = peer_days_by_year(state);
  std::map<std::string, Json> peers;  // by id
  for (const Peer& peer : s.peers)
    if (peer.role == Role::kMember && peer.party == party) peers.emplace(peer.id, peer_entry(state, peer, days));
  Json challenges = Json::array();
  for (const Assignment& booking : state.plan.assignments) {
    const Request& request = *s.find_request(booking.request);
    for (const std::string& id : booking.peers) {
      auto it = peers.find(id);
      if (it != peers.end()) it->second["assignments"].push_back(assignment_entry(state, request, booking, id));
    }
    std::string control = open_control(state, request, booking, party);
    if (!control.empty()) challenges.push_back(challenge_entry(state, request, booking, control));
  }
  Json list = Json::array();
  for (auto& [id, entry] : peers) list.push_back(std::move(entry));
  return {{"party", party}, {"group", group_slug(party)}, {"peers", list}, {"challenges", challenges}};
}

}  // namespace peerslot::service
