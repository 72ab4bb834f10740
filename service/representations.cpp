// representations.cpp — field by field, in the contract's names.
#include "service/representations.h"

#include "engine/words.h"
#include "service/finance_report.h"
#include "service/milestones.h"
#include "service/utc_time.h"

namespace peerslot::service {

namespace {

nlohmann::json optional_date(const std::optional<Date>& d) { return d ? nlohmann::json(to_iso(*d)) : nlohmann::json(nullptr); }


}  // namespace

nlohmann::json instant_json(std::int64_t seconds) {
  return seconds == 0 ? nlohmann::json(nullptr) : nlohmann::json(iso_instant(seconds));
}

nlohmann::json ranges_json(const std::vector<DateRange>& ranges) {
  nlohmann::json out = nlohmann::json::array();
  for (const DateRange& r : ranges) out.push_back({{"start", to_iso(r.start)}, {"end", to_iso(r.end)}});
  return out;
}

nlohmann::json council_json(const Council& council) {
  nlohmann::json elections = nlohmann::json::array();
  for (Date d : council.elections) elections.push_back(to_iso(d));
  nlohmann::json changes = nlohmann::json::array();
  for (const ControlChange& c : council.control_changes) changes.push_back({{"date", to_iso(c.date)}, {"control", c.control}});
  return {{"id", council.id},         {"name", council.name},     {"type", council.type},
          {"region", council.region}, {"control", council.control}, {"control_changes", changes},
          {"elections", elections},   {"blackouts", ranges_json(council.blackouts)}};
}

nlohmann::json peer_json(const Peer& peer) {
  return {{"id", peer.id},
          {"name", peer.name},
          {"role", role_name(peer.role)},
          {"party", peer.party},
          {"council", peer.council},
          {"region", peer.region},
          {"skills", peer.skills},
          {"available", ranges_json(peer.available)},
          {"max_days_per_year", peer.max_days_per_year ? nlohmann::json(*peer.max_days_per_year) : nlohmann::json(nullptr)},
          {"conflicts", peer.conflicts}};
}

nlohmann::json request_json(const State& state, const Request& request) {
  nlohmann::json team = nlohmann::json::object();
  for (int r = 0; r < kRoleCount; ++r) team[kRoleNames[r]] = request.team[r];
  nlohmann::json pinned = nullptr;
  if (request.pinned) pinned = {{"week", to_iso(request.pinned->week)}, {"peers", request.pinned->peers}};
  const Assignment* booking = find_booking(state, request.id);
  return {{"id", request.id},
          {"council", request.council},
          {"kind", request.kind},
          {"days", request.days},
          {"earliest", optional_date(request.earliest)},
          {"latest", optional_date(request.latest)},
          {"preferred", ranges_json(request.preferred)},
          {"focus", request.focus},
          {"team", team},
          {"priority", request.priority},
          {"pinned", pinned},
          {"title", capitalised(kind_words(request.kind))},
          {"fee", request_fee(*state.scenario, request)},
          {"booking", booking ? booking_view_json(state, request, *booking) : nlohmann::json(nullptr)}};
}

nlohmann::json team_member_json(const Scenario& scenario, const std::string& peer_id) {
  const Peer* peer = scenario.find_peer(peer_id);
  if (!peer) return {{"id", peer_id}, {"name", peer_id}};
  const Council* home = peer->council.empty() ? nullptr : scenario.find_council(peer->council);
  nlohmann::json member = {{"id", peer->id},
                           {"name", peer->name.empty() ? peer->id : peer->name},
                           {"role", role_name(peer->role)},
                           {"role_title", capitalised(role_words(peer->role))},
                           {"council", peer->council.empty() ? nlohmann::json(nullptr) : nlohmann::json(peer->council)},
                           {"council_name", home ? nlohmann::json(home->name) : nlohmann::json(nullptr)}};
  if (peer->role == Role::kMember) member["party"] = peer->party;
  return member;
}

nlohmann::json seat_json(const State& state, const std::string& request_id, const std::string& peer_id) {
  nlohmann::json seat = team_member_json(*state.scenario, peer_id);
  seat["status"] = has_accepted(state, request_id, peer_id) ? "accepted" : "proposed";
  seat["approved"] = has_approved(state, request_id, peer_id);
  return seat;
}

nlohmann::json dates_json(const std::vector<Date>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (Date d : days) out.push_back(to_iso(d));
  return out;
}

nlohmann::json booking_view_json(const State& state, const Request& request, const Assignment& booking) {
  std::vector<Date> days = state.problem->calendar().on_site_days(booking.week, request.days);
  nlohmann::json on_site = dates_json(days);
  nlohmann::json milestones = nlohmann::json::array();
  if (!days.empty())
    for (const Milestone& m : milestones_of(request, days))
      milestones.push_back({{"kind", m.kind}, {"title", m.title}, {"start", to_iso(m.start)}, {"end", to_iso(m.end)}});
  nlohmann::json peers = nlohmann::json::array();
  for (const std::string& p : booking.peers) peers.push_back(seat_json(state, booking.request, p));
  return {{"week", to_iso(booking.week)},
          {"reference", booking_reference(request.id, booking.week)},
          {"on_site", on_site},
          {"milestones", milestones},
          {"peers", peers}};
}

nlohmann::json reason_json(const Reason& reason, bool with_detail) {
  nlohmann::json out = {{"reason", reason.text}, {"code", reason.code}, {"rule", reason.rule}};
  if (with_detail && !reason.detail.empty()) out["detail"] = reason.detail;
  return out;
}

}  // namespace peerslot::service
