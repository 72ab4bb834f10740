// routes_peer.cpp — what a peer does: offer and withdraw availability, set
// its day cap, skills and conflicts, see its assignments, accept or decline.
// The office may do all of it for any peer.
//
// Every edit goes through the service's checker, so a peer cannot withdraw
// a week, lower a cap or add a conflict that breaks a booking it sits in:
// the answer is a 409 naming the rule, and the way out is to decline that
// assignment. A decline is the engine's repair (engine/repair.h): the peer
// leaves that team only, its availability unchanged, and the challenge is
// mended by the least disruptive step; accepted peers who keep their seat
// in the same week stay accepted.
#include "engine/repair.h"
#include "http/input.h"
#include "http/representations.h"
#include "http/routes.h"

#include <boost/date_time/gregorian/gregorian.hpp>

namespace peerslot::http {

namespace {

const std::vector<std::string> kPeerRoles = {"peer", "office"};

const Peer* own_peer(const Call& call, const State& state, HttpReply* refusal) {
  const Peer* peer = state.scenario->find_peer(call.params[0]);
  if (!peer) *refusal = problem(404, "id", "peer " + call.params[0] + " does not exist");
  else if (!acts_for_peer(call.user, peer->id)) *refusal = forbidden("peer " + peer->id);
  return peer && acts_for_peer(call.user, peer->id) ? peer : nullptr;
}

std::vector<DateRange> merged(std::vector<DateRange> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const DateRange& a, const DateRange& b) { return a.start < b.start; });
  std::vector<DateRange> out;
  for (const DateRange& r : ranges) {
    if (!out.empty() && r.start <= out.back().end + boost::gregorian::days(1)) out.back().end = std::max(out.back().end, r.end);
    else out.push_back(r);
  }
  return out;
}

std::vector<DateRange> without(const std::vector<DateRange>& ranges, const DateRange& cut) {
  std::vector<DateRange> out;
  for (const DateRange& r : ranges) {
    if (r.end < cut.start || r.start > cut.end) {
      out.push_back(r);
      continue;
    }
    if (r.start < cut.start) out.push_back({r.start, cut.start - boost::gregorian::days(1)});
    if (r.end > cut.end) out.push_back({cut.end + boost::gregorian::days(1), r.end});
  }
  return out;
}

Peer* draft_peer(Draft& d, const std::string& id) {
  Scenario& s = d.edit_scenario();
  auto it = s.peer_index.find(id);
  return it == s.peer_index.end() ? nullptr : &s.peers[it->second];
}

using PeerEdit = std::function<Status(Peer&)>;

HttpReply edit_peer(const Call& call, Service& service, const std::string& action, const PeerEdit& apply) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Peer* peer = own_peer(call, *state, &refusal);
  if (!peer) return refusal;
  std::string id = peer->id;
  auto edit = [&](Draft& d) {
    Peer* p = draft_peer(d, id);
    if (!p) return Status::not_found("id: peer " + id + " no longer exists");
    Status match = check_if_match(call, peer_json(*p));
    return match.is_ok() ? apply(*p) : match;
  };
  auto render = [&](const State& s) { return Reply{200, peer_json(*s.scenario->find_peer(id))}; };
  auto result = service.change(call.actor(), action + " " + id, edit, render);
  return etag_reply_of(result);
}

HttpReply get_peer(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Peer* peer = own_peer(call, *state, &refusal);
  if (!peer) return refusal;
  nlohmann::json body = peer_json(*peer);
  return with_etag(json_reply(200, body), body);
}

HttpReply patch_peer(const Call& call, Service& service) {
  HttpReply refusal;
  if (!own_peer(call, *service.state(), &refusal)) return refusal;
  Status fields = only_fields(call.body, {"max_days_per_year", "skills", "conflicts"});
  if (!fields.is_ok()) return problem(fields);
  std::optional<std::optional<int>> cap;
  std::optional<std::vector<std::string>> skills, conflicts;
  if (call.body.contains("max_days_per_year")) {
    auto read = read_optional_int(call.body, "max_days_per_year", 0, 366);
    if (!read.is_ok()) return problem(read.status());
    cap = read.value();
  }
  for (auto [name, target] : {std::pair{"skills", &skills}, std::pair{"conflicts", &conflicts}}) {
    if (!call.body.contains(name)) continue;
    auto read = read_strings(call.body, name);
    if (!read.is_ok()) return problem(read.status());
    *target = read.value();
  }
  return edit_peer(call, service, "edit peer", [&](Peer& p) {
    if (cap) p.max_days_per_year = *cap;
    if (skills) p.skills = *skills;
    if (conflicts) p.conflicts = *conflicts;
    return Status::ok();
  });
}

HttpReply change_availability(const Call& call, Service& service, bool offer) {
  HttpReply refusal;
  StatePtr state = service.state();
  if (!own_peer(call, *state, &refusal)) return refusal;
  Status fields = only_fields(call.body, {"start", "end"});
  auto start = read_date(call.body, "start");
  auto end = read_date(call.body, "end");
  Status bad = !fields.is_ok() ? fields : !start.is_ok() ? start.status() : end.status();
  if (!bad.is_ok()) return problem(bad);
  if (end.value() < start.value()) return problem(Status::invalid("end: " + to_iso(end.value()) + " is before start"));
  DateRange range{start.value(), end.value()};
  Status in_span = check_in_span({range}, programme_span(state->scenario->window), "");
  if (!in_span.is_ok()) return problem(in_span);
  return edit_peer(call, service, offer ? "offer availability" : "withdraw availability", [&](Peer& p) {
    if (offer) p.available.push_back(range);
    p.available = merged(offer ? p.available : without(p.available, range));
    return Status::ok();
  });
}

nlohmann::json assignment_json(const State& state, const Assignment& a, const std::string& peer) {
  const Request& r = *state.scenario->find_request(a.request);
  nlohmann::json days = nlohmann::json::array();
  for (Date d : state.problem->calendar().on_site_days(a.week, r.days)) days.push_back(to_iso(d));
  auto accepted = state.accepted.find(a.request);
  bool yes = accepted != state.accepted.end() && accepted->second.count(peer);
  return {{"request", r.id}, {"council", r.council}, {"council_name", state.scenario->find_council(r.council)->name},
          {"kind", r.kind}, {"week", to_iso(a.week)}, {"days", days}, {"status", yes ? "accepted" : "proposed"}};
}

HttpReply list_assignments(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Peer* peer = own_peer(call, *state, &refusal);
  if (!peer) return refusal;
  nlohmann::json out = nlohmann::json::array();
  for (const Assignment& a : state->plan.assignments)
    if (std::count(a.peers.begin(), a.peers.end(), peer->id)) out.push_back(assignment_json(*state, a, peer->id));
  return json_reply(200, out);
}

Status find_seat(Draft& d, const std::string& request, const std::string& peer) {
  Assignment* a = d.find(request);
  if (!a || !std::count(a->peers.begin(), a->peers.end(), peer))
    return Status::not_found("request: " + peer + " has no assignment in " + request);
  if (d.scenario().find_request(request)->pinned)
    return Status::conflict("request: " + request + " is pinned by the programme office");
  return Status::ok();
}

// Applies the repair's moves; acceptances survive only where the seat did.
void apply_moves(Draft& d, const std::vector<RepairMove>& moves) {
  for (const RepairMove& m : moves) {
    auto was = d.accepted().find(m.request);
    std::set<std::string> kept = was == d.accepted().end() ? std::set<std::string>{} : was->second;
    d.remove(m.request);
    if (!m.new_week) continue;
    d.bookings().push_back({m.request, *m.new_week, m.new_peers});
    std::erase_if(kept, [&](const std::string& k) {
      return m.new_week != m.old_week || !std::count(m.new_peers.begin(), m.new_peers.end(), k);
    });
    if (!kept.empty()) d.accepted()[m.request] = kept;
  }
}

// Repairs the plan for the decline: see the design comment above.
Status decline(Draft& d, const std::string& request, const std::string& peer) {
  Status seat = find_seat(d, request, peer);
  if (!seat.is_ok()) return seat;
  State trial = d.build();
  RepairChange change;
  change.kind = RepairChange::Kind::kDeclineChallenge;
  change.request = request;
  change.peer = peer;
  auto repaired = repair(*trial.scenario, trial.plan, change);
  if (!repaired.is_ok()) return repaired.status();
  apply_moves(d, repaired.value().moves);
  return Status::ok();
}

HttpReply answer_assignment(const Call& call, Service& service, bool accept) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Peer* peer = own_peer(call, *state, &refusal);
  if (!peer) return refusal;
  std::string id = peer->id;
  std::string request = call.params[1];
  auto edit = [&](Draft& d) {
    if (!accept) return decline(d, request, id);
    Status seat = find_seat(d, request, id);
    if (seat.is_ok()) d.accepted()[request].insert(id);
    return seat;
  };
  auto render = [&](const State& s) {
    const Assignment* a = find_booking(s, request);
    nlohmann::json body = {{"request", request}, {"peer", id}, {"decision", accept ? "accepted" : "declined"}};
    body["booking"] = a ? booking_json(s, *a) : nlohmann::json(nullptr);
    return Reply{200, body};
  };
  return reply_of(service.change(call.actor(), (accept ? "accept " : "decline ") + request + " as " + id, edit, render));
}

}  // namespace

void add_peer_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"GET", "/peers/{id}", "read a peer", kPeerRoles, Body::kNone, [s](const Call& c) { return get_peer(c, *s); }});
  router.add({"PATCH", "/peers/{id}", "set a peer's day cap, skills and conflicts", kPeerRoles, Body::kJson,
              [s](const Call& c) { return patch_peer(c, *s); }});
  router.add({"POST", "/peers/{id}/availability", "offer availability (a date range)", kPeerRoles, Body::kJson,
              [s](const Call& c) { return change_availability(c, *s, true); }});
  router.add({"POST", "/peers/{id}/availability/withdraw", "withdraw availability (a date range)", kPeerRoles, Body::kJson,
              [s](const Call& c) { return change_availability(c, *s, false); }});
  router.add({"GET", "/peers/{id}/assignments", "list a peer's assignments", kPeerRoles, Body::kNone,
              [s](const Call& c) { return list_assignments(c, *s); }});
  router.add({"POST", "/peers/{id}/assignments/{request}/accept", "accept an assignment", kPeerRoles, Body::kNone,
              [s](const Call& c) { return answer_assignment(c, *s, true); }});
  router.add({"POST", "/peers/{id}/assignments/{request}/decline", "decline an assignment", kPeerRoles, Body::kNone,
              [s](const Call& c) { return answer_assignment(c, *s, false); }});
}

}  // namespace peerslot::http
