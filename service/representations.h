// representations.h — how councils, peers and requests look in the API:
// the scenario contract's fields (docs/scenario-format.md), plus the
// request's booking. The ETag of an editable resource is the hash of exactly
// this JSON, so any change to what a client sees changes the ETag.
// Thread-safety: pure functions.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

namespace peerslot::service {

nlohmann::json ranges_json(const std::vector<DateRange>& ranges);
nlohmann::json council_json(const Council& council);
nlohmann::json peer_json(const Peer& peer);
nlohmann::json request_json(const State& state, const Request& request);

}  // namespace peerslot::service
