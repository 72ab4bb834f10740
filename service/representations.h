// representations.h — how councils, peers and requests look in the API:
// the scenario contract's fields (docs/scenario-format.md), plus the
// request's booking. The ETag of an editable resource is the hash of exactly
// this JSON, so any change to what a client sees changes the ETag.
// Thread-safety: pure functions.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace peerslot::service {

nlohmann::json ranges_json(const std::vector<DateRange>& ranges);
// Unix seconds as "2026-12-02T06:40:00Z"; null for 0 (never).
nlohmann::json instant_json(std::int64_t seconds);
// Days as ISO dates, e.g. a booking's days on site.
nlohmann::json dates_json(const std::vector<Date>& days);
nlohmann::json council_json(const Council& council);
nlohmann::json peer_json(const Peer& peer);
nlohmann::json request_json(const State& state, const Request& request);
// A peer as a council or a team-mate sees them: {"id", "name", "role",
// "role_title" ("Councillor peer"), "council", "council_name"}, and a
// councillor's "party".
nlohmann::json team_member_json(const Scenario& scenario, const std::string& peer_id);
// A peer's seat on a booked team: the team member with "status"
// proposed/accepted and "approved" (by their group office).
nlohmann::json seat_json(const State& state, const std::string& request_id, const std::string& peer_id);
// A booking as people read it: {"week", "reference", "on_site": [dates],
// "milestones": [{"kind", "title", "start", "end"}], "peers": [seats]}.
nlohmann::json booking_view_json(const State& state, const Request& request, const Assignment& booking);
// A refusal's reason: {"reason" (words), "code", "rule"}, plus "detail"
// (peers by name) when `with_detail`, for the programme office.
nlohmann::json reason_json(const Reason& reason, bool with_detail);

}  // namespace peerslot::service
