// peer_operations.h — what a peer does: offer and withdraw availability, set
// its day cap, skills and conflicts, accept or decline a seat on a team.
// The office may do all of it for any peer.
//
// Errors as in council_operations.h. Every edit is judged by the Service's
// checker, so a peer cannot withdraw a week, lower a cap or add a conflict
// that breaks a booking it sits in: that is a conflict naming the rule, and
// the way out is to decline the assignment. A decline is kept (the peer is
// added to the request's `declined`, so it is never proposed for that
// request again, after a restart or a reschedule too) and then mended by
// the engine's repair (engine/repair.h): the peer leaves that team only,
// its availability unchanged, and the challenge is mended by the least
// disruptive step; accepted peers who keep their seat in the same week stay
// accepted.
// Thread-safety: operations touch only their Draft; run them in the writer.
#pragma once

#include "engine/calendar.h"
#include "engine/status.h"
#include "service/draft.h"
#include "service/precondition.h"
#include "service/records.h"

#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

struct PeerEdit {
  std::optional<std::optional<int>> max_days_per_year;  // unset: unchanged; nullopt inside: no cap
  std::optional<std::vector<std::string>> skills;
  std::optional<std::vector<std::string>> conflicts;
};
Status edit_peer(Draft& draft, const User& who, const std::string& peer_id, const PeerEdit& edit,
                 const Precondition& expected);
Status offer_availability(Draft& draft, const User& who, const std::string& peer_id, const DateRange& range,
                          const Precondition& expected);
Status withdraw_availability(Draft& draft, const User& who, const std::string& peer_id, const DateRange& range,
                             const Precondition& expected);

Status accept(Draft& draft, const User& who, const std::string& peer_id, const std::string& request_id);
// Cost: compiles the changed scenario's Problem, then one engine repair.
Status decline(Draft& draft, const User& who, const std::string& peer_id, const std::string& request_id);

// The peer leaves the request's team for good (kept in its `declined`) and
// the engine's repair mends the challenge, as decline() does; a group
// office's veto does the same. REQUIRES: the caller may act for the peer,
// who sits on the booked team of a request that is not pinned.
Status remove_from_team(Draft& draft, const std::string& peer_id, const std::string& request_id);

}  // namespace peerslot::service
