// challenge_events.cpp — the bookings of both States walked together in
// request id order (both plans are sorted by request id).
#include "service/challenge_events.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace peerslot::service {

namespace {

std::optional<Date> week_of(const Assignment* booking) {
  if (!booking) return std::nullopt;
  return booking->week;
}

bool declined_in(const State& state, const std::string& request_id, const std::string& peer_id) {
  const Request* request = state.scenario->find_request(request_id);
  return request && std::count(request->declined.begin(), request->declined.end(), peer_id) > 0;
}

std::set<std::string> team_of(const Assignment* booking) {
  if (!booking) return {};
  return {booking->peers.begin(), booking->peers.end()};
}

// The events of one request: `was` its booking before, `now` after (at
// least one of them set).
std::vector<ChallengeEvent> request_events(const State& before, const State& after, const Assignment* was,
                                           const Assignment* now) {
  const std::string& id = was ? was->request : now->request;
  ChallengeEvent base{"", id, "", week_of(was), week_of(now)};
  std::vector<ChallengeEvent> out;
  auto add = [&](const std::string& kind, const std::string& peer) {
    ChallengeEvent e = base;
    e.kind = kind;
    e.peer = peer;
    out.push_back(std::move(e));
  };
  if (!was) add("booked", "");
  else if (!now) add("cancelled", "");
  else if (was->week != now->week) add("moved", "");

  std::set<std::string> team_before = team_of(was);
  std::set<std::string> team_after = team_of(now);
  for (const std::string& peer : team_after) {
    if (!team_before.count(peer)) add("peer_proposed", peer);
    if (has_accepted(after, id, peer) && !(team_before.count(peer) && has_accepted(before, id, peer)))
      add("peer_accepted", peer);
  }
  for (const std::string& peer : team_before)
    if (!team_after.count(peer)) add(declined_in(after, id, peer) ? "peer_declined" : "peer_removed", peer);
  return out;
}

}  // namespace

std::vector<ChallengeEvent> events_between(const State& before, const State& after) {
  const std::vector<Assignment>& was = before.plan.assignments;
  const std::vector<Assignment>& now = after.plan.assignments;
  std::vector<ChallengeEvent> out;
  std::size_t i = 0, j = 0;
  while (i < was.size() || j < now.size()) {
    const Assignment* a = i < was.size() ? &was[i] : nullptr;
    const Assignment* b = j < now.size() ? &now[j] : nullptr;
    if (a && b && a->request != b->request) (a->request < b->request ? b : a) = nullptr;
    std::vector<ChallengeEvent> events = request_events(before, after, a, b);
    std::sort(events.begin(), events.end(), [](const ChallengeEvent& x, const ChallengeEvent& y) {
      return std::tie(x.kind, x.peer) < std::tie(y.kind, y.peer);
    });
    out.insert(out.end(), events.begin(), events.end());
    if (a) ++i;
    if (b) ++j;
  }
  return out;
}

}  // namespace peerslot::service
