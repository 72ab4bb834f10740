// access.h — who may act for what: the office for everyone, a council user
// for its own council and that council's requests, a peer user for itself,
// a political group office for its party's councillor peers.
// Every operation and every read of the service asks here, so the rule
// lives in one place.
//
// Guarantees: the *_for() lookups return the entity, or not_found naming
// field "id" when it does not exist, or forbidden when the caller may not
// act for it (a caller learns nothing about entities that are not theirs
// beyond their existence). Thread-safety: pure functions.
#pragma once

#include "engine/scenario.h"
#include "engine/status.h"
#include "service/records.h"

#include <string>

namespace peerslot::service {

bool acts_for_council(const User& user, const std::string& council_id);
bool acts_for_peer(const User& user, const std::string& peer_id);
// The office, or the group office of `party`.
bool acts_for_party(const User& user, const std::string& party);
// Only the programme office: forbidden naming `what` otherwise.
Status require_office(const User& user, const std::string& what);

Result<const Council*> council_for(const Scenario& scenario, const User& user, const std::string& id);
Result<const Request*> request_for(const Scenario& scenario, const User& user, const std::string& id);
Result<const Peer*> peer_for(const Scenario& scenario, const User& user, const std::string& id);
// A councillor peer the caller acts for as a group office (or the office);
// invalid naming "peer" when the peer is not a councillor peer.
Result<const Peer*> party_peer_for(const Scenario& scenario, const User& user, const std::string& id);

}  // namespace peerslot::service
