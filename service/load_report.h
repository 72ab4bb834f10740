// load_report.h — the programme office's load report over the bookings:
// peer days per financial year, each council's peers given against
// challenges received, and challenges per week.
// Thread-safety: pure function of an immutable State.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

namespace peerslot::service {

// {"peer_days": [{"peer", "fy", "days", "cap"}],
//  "councils": [{"council", "peers_given", "challenges_received"}],
//  "weeks": [{"week", "challenges", "capacity"}]}
nlohmann::json load_report(const State& state);

}  // namespace peerslot::service
