// representations.cpp — field by field, in the contract's names.
#include "service/representations.h"

namespace peerslot::service {

namespace {

nlohmann::json optional_date(const std::optional<Date>& d) { return d ? nlohmann::json(to_iso(*d)) : nlohmann::json(nullptr); }

}  // namespace

nlohmann::json ranges_json(const std::vector<DateRange>& ranges) {
  nlohmann::json out = nlohmann::json::array();
  for (const DateRange& r : ranges) out.push_back({{"start", to_iso(r.start)}, {"end", to_iso(r.end)}});
  return out;
}

nlohmann::json council_json(const Council& council) {
  nlohmann::json elections = nlohmann::json::array();
  for (Date d : council.elections) elections.push_back(to_iso(d));
  return {{"id", council.id},         {"name", council.name},     {"type", council.type},
          {"region", council.region}, {"control", council.control}, {"elections", elections},
          {"blackouts", ranges_json(council.blackouts)}};
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
          {"booking", booking ? booking_json(state, *booking) : nlohmann::json(nullptr)}};
}

}  // namespace peerslot::service
