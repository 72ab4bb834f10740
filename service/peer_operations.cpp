// peer_operations.cpp — availability is kept as sorted, merged ranges, so an
// offer and a withdrawal of the same range leave it as it was.
#include "service/peer_operations.h"

#include "engine/repair.h"
#include "service/access.h"
#include "service/programme_span.h"
#include "service/representations.h"

#include <algorithm>
#include <functional>

namespace peerslot::service {

namespace {

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

// The peer as the caller may change it (theirs, as they last saw it), to edit.
Result<Peer*> own_peer(Draft& d, const User& who, const std::string& id, const Precondition& expected) {
  auto peer = peer_for(d.scenario(), who, id);
  if (!peer.is_ok()) return peer.status();
  Status match = expected.check(peer_json(*peer.value()));
  if (!match.is_ok()) return match;
  return d.edit_peer(id);
}

Status change_availability(Draft& d, const User& who, const std::string& id, const DateRange& range,
                           const Precondition& expected, bool offer) {
  auto peer = own_peer(d, who, id, expected);
  if (!peer.is_ok()) return peer.status();
  if (range.end < range.start) return Status::invalid("end", to_iso(range.end) + " is before start");
  Status in_span = check_in_span({range}, programme_span(d.scenario().window), "");
  if (!in_span.is_ok()) return in_span;
  Peer& p = *peer.value();
  if (offer) p.available.push_back(range);
  p.available = merged(offer ? p.available : without(p.available, range));
  return Status::ok();
}

// The caller's seat on the request's booked team, which must not be pinned.
Status own_seat(const Draft& d, const User& who, const std::string& peer, const std::string& request) {
  auto found = peer_for(d.scenario(), who, peer);
  if (!found.is_ok()) return found.status();
  const Assignment* a = d.booking(request);
  if (!a || !std::count(a->peers.begin(), a->peers.end(), peer))
    return Status::not_found("request", peer + " has no assignment in " + request);
  if (d.scenario().find_request(request)->pinned)
    return Status::conflict("request", request + " is pinned by the programme office");
  return Status::ok();
}

void apply_moves(Draft& d, const std::vector<RepairMove>& moves) {
  for (const RepairMove& m : moves) {
    if (m.new_week) d.book({m.request, *m.new_week, m.new_peers});
    else d.cancel(m.request);
  }
}

}  // namespace

Status edit_peer(Draft& d, const User& who, const std::string& peer_id, const PeerEdit& edit, const Precondition& expected) {
  auto peer = own_peer(d, who, peer_id, expected);
  if (!peer.is_ok()) return peer.status();
  Peer& p = *peer.value();
  if (edit.max_days_per_year) p.max_days_per_year = *edit.max_days_per_year;
  if (edit.skills) p.skills = *edit.skills;
  if (edit.conflicts) p.conflicts = *edit.conflicts;
  return Status::ok();
}

Status offer_availability(Draft& d, const User& who, const std::string& peer_id, const DateRange& range,
                          const Precondition& expected) {
  return change_availability(d, who, peer_id, range, expected, true);
}

Status withdraw_availability(Draft& d, const User& who, const std::string& peer_id, const DateRange& range,
                             const Precondition& expected) {
  return change_availability(d, who, peer_id, range, expected, false);
}

Status accept(Draft& d, const User& who, const std::string& peer_id, const std::string& request_id) {
  Status seat = own_seat(d, who, peer_id, request_id);
  if (seat.is_ok()) d.accept(request_id, peer_id);
  return seat;
}

Status decline(Draft& d, const User& who, const std::string& peer_id, const std::string& request_id) {
  Status seat = own_seat(d, who, peer_id, request_id);
  if (!seat.is_ok()) return seat;
  return remove_from_team(d, peer_id, request_id);
}

Status remove_from_team(Draft& d, const std::string& peer_id, const std::string& request_id) {
  d.edit_request(request_id)->declined.push_back(peer_id);
  State trial = d.build();
  RepairChange change;
  change.kind = RepairChange::Kind::kDeclineChallenge;
  change.request = request_id;
  change.peer = peer_id;
  auto repaired = repair(*trial.scenario, trial.plan, change);
  if (!repaired.is_ok()) return repaired.status();
  apply_moves(d, repaired.value().moves);
  return Status::ok();
}

}  // namespace peerslot::service
