// load_report.h — the programme office's load report over the bookings:
// peer days per financial year, each council's peers given against
// challenges received, and challenges per week.
// Thread-safety: pure function of an immutable State.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>

namespace peerslot::service {

// (peer id, financial year) -> the peer's booked on-site days in that year.
// O(bookings × team).
using PeerDays = std::map<std::pair<std::string, int>, int>;
PeerDays peer_days_by_year(const State& state);

// {"peer_days": [{"peer", "name", "council_name" (the peer's home council,
//                  or null), "fy", "days", "cap"}],
//  "councils": [{"council", "peers_given", "challenges_received"}],
//  "weeks": [{"week", "challenges", "capacity"}]}
nlohmann::json load_report(const State& state);

}  // namespace peerslot::service
