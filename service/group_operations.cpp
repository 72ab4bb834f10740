// group_operations.cpp — a nomination asks the engine whether the peer can
// join at all, then tries the team with the nominee in each councillor
// seat that may be given up, and keeps the first the checker accepts.
#include "service/group_operations.h"

#include "engine/checker.h"
#include "engine/words.h"
#include "service/access.h"
#include "service/booking_cache.h"
#include "service/peer_operations.h"

#include <algorithm>

namespace peerslot::service {

namespace {

std::string challenge_at(const Scenario& s, const Request& request) {
  return "the challenge at " + s.find_council(request.council)->name;
}

Status refused(const std::string& field, const std::string& text, const std::string& code, const std::string& rule) {
  return Status::conflict(field, text).with_reason(code, rule);
}

// The booked, unpinned request a group office acts on.
Result<const Assignment*> open_booking(const Draft& d, const std::string& request_id, bool allow_pinned) {
  const Request* request = d.scenario().find_request(request_id);
  if (!request) return Status::not_found("request", "request " + request_id + " does not exist");
  const Assignment* booking = d.booking(request_id);
  if (!booking) return refused("request", capitalised(challenge_at(d.scenario(), *request)) + " is not booked yet", "not_booked", "");
  if (request->pinned && !allow_pinned)
    return refused("request", "The programme office has fixed the team of " + challenge_at(d.scenario(), *request), "pinned", "H12");
  return booking;
}

bool on_team(const Assignment& booking, const std::string& peer_id) {
  return std::count(booking.peers.begin(), booking.peers.end(), peer_id) > 0;
}

// The booking and the party peer on its team the caller acts for.
Result<const Assignment*> seat_of(const Draft& d, const User& who, const std::string& request_id,
                                  const std::string& peer_id, bool allow_pinned) {
  auto peer = party_peer_for(d.scenario(), who, peer_id);
  if (!peer.is_ok()) return peer.status();
  auto booking = open_booking(d, request_id, allow_pinned);
  if (!booking.is_ok()) return booking;
  if (!on_team(*booking.value(), peer_id))
    return Status::not_found("peer", peer.value()->name + " is not on the team of " +
                                         challenge_at(d.scenario(), *d.scenario().find_request(request_id)));
  return booking;
}

// The councillor seats the nominee may take, best first: proposed
// councillors of the nominee's party, then other proposed councillors.
std::vector<std::string> seats_to_offer(const Draft& d, const Assignment& booking, const Peer& nominee) {
  std::vector<std::string> same, other;
  for (const std::string& id : booking.peers) {
    const Peer* peer = d.scenario().find_peer(id);
    if (peer->role != Role::kMember || d.accepted(booking.request, id)) continue;
    (peer->party == nominee.party ? same : other).push_back(id);
  }
  same.insert(same.end(), other.begin(), other.end());
  return same;
}

// What the team would lack without `leaving`, as the checker found it.
Status short_of(const Draft& d, const Request& request, const Peer& nominee, const Peer& leaving,
                const Violation& broken, Date week) {
  const Scenario& s = d.scenario();
  std::string head = nominee.name + " cannot take the place of " + leaving.name + " on " + challenge_at(s, request) + ": ";
  if (broken.rule == "H5") {
    Date first = d.base().problem->calendar().on_site_days(week, request.days).front();
    std::string control = s.find_council(request.council)->control_on(first);
    return refused("peer", head + "the team would have no " + control + " councillor peer, which the council's political control asks for",
                   "party_needed", "H5");
  }
  if (broken.rule == "H6") return refused("peer", head + "no one left on the team would bring every focus area the council asked for", "focus_needed", "H6");
  return refused("peer", head + "the team would no longer meet the challenge's needs", "team_broken", broken.rule);
}

// The first violation of the trial plan on this request, if any.
std::optional<Violation> broken_by(const Draft& d, const Assignment& trial) {
  std::vector<Assignment> bookings = d.bookings();
  for (Assignment& a : bookings)
    if (a.request == trial.request) a = trial;
  Plan plan;
  plan.assignments = std::move(bookings);
  for (const Violation& v : find_violations(d.scenario(), plan))
    if (v.request == trial.request) return v;
  return std::nullopt;
}

// Whether the nominee could sit on the team at all: not on it already, a
// councillor seat, and nothing of their own in the way that week (engine).
Status could_join(const Draft& d, const Request& request, const Assignment& booking, const Peer& nominee) {
  std::string at = challenge_at(d.scenario(), request);
  if (on_team(booking, nominee.id)) return refused("peer", nominee.name + " is already on the team of " + at, "already_on_team", "");
  if (request.team[static_cast<int>(Role::kMember)] == 0)
    return refused("request", capitalised(at) + " has no place for a councillor peer", "no_place_for_role", "H4");
  auto why = d.base().booking_cache->why_peer_cannot_join(d.base(), request.id, nominee.id, booking.week);
  if (!why.is_ok()) return why.status();
  const Reason& reason = why.value();
  if (reason.code.empty()) return Status::ok();
  return refused("peer", nominee.name + " cannot join " + at + ": " + reason.text, reason.code, reason.rule);
}

}  // namespace

Status nominate(Draft& d, const User& who, const std::string& request_id, const std::string& peer_id) {
  auto peer = party_peer_for(d.scenario(), who, peer_id);
  if (!peer.is_ok()) return peer.status();
  const Peer& nominee = *peer.value();
  auto found = open_booking(d, request_id, false);
  if (!found.is_ok()) return found.status();
  const Assignment& booking = *found.value();
  const Request& request = *d.scenario().find_request(request_id);
  const Scenario& s = d.scenario();
  Status can = could_join(d, request, booking, nominee);
  if (!can.is_ok()) return can;
  std::vector<std::string> seats = seats_to_offer(d, booking, nominee);
  if (seats.empty())
    return refused("request", "Every councillor peer on the team of " + challenge_at(s, request) + " has accepted their place", "seats_accepted", "");
  std::optional<Status> first_refusal;
  for (const std::string& leaving : seats) {
    Assignment trial = booking;
    std::replace(trial.peers.begin(), trial.peers.end(), leaving, peer_id);
    std::optional<Violation> broken = broken_by(d, trial);
    if (!broken) {
      d.book(trial);
      return Status::ok();
    }
    if (!first_refusal) first_refusal = short_of(d, request, nominee, *s.find_peer(leaving), *broken, booking.week);
  }
  return *first_refusal;
}

Status approve(Draft& d, const User& who, const std::string& request_id, const std::string& peer_id) {
  auto seat = seat_of(d, who, request_id, peer_id, true);
  if (!seat.is_ok()) return seat.status();
  d.approve(request_id, peer_id);
  return Status::ok();
}

Status veto(Draft& d, const User& who, const std::string& request_id, const std::string& peer_id) {
  auto seat = seat_of(d, who, request_id, peer_id, false);
  if (!seat.is_ok()) return seat.status();
  return remove_from_team(d, peer_id, request_id);
}

}  // namespace peerslot::service
