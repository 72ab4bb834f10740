// collections.h — the programme's lists as people search them: requests,
// peers, councils, a peer's assignments and the users, each narrowed by the
// fields people look things up by, in a stable order, a page at a time
// (page.h).
//
// Guarantees: every filter value is checked, and one that cannot match by
// its nature (a kind, role or status that does not exist, a `to` before
// `from`) is invalid naming its field, in words; an unknown id in a filter
// simply matches nothing. Orders: requests, peers, councils by id; a peer's
// assignments by week and then request; users by id. Text filters
// (`name`) match a part of the name in any case (ASCII letters).
// Who may list what is access.h's rule: the office every list; a council
// its own requests; a peer their own assignments.
// Cost: O(n log n) for the n items of the list that match.
// Thread-safety: pure functions of one State.
#pragma once

#include "engine/scenario.h"
#include "engine/status.h"
#include "service/page.h"
#include "service/records.h"
#include "service/state.h"

#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

struct RequestFilter {
  std::string council;  // a council's id; "" for every council (the office only)
  std::string kind;     // one of kRequestKinds, or ""
  std::string status;   // "booked", "unbooked" or ""
};
Result<Page<const Request*>> list_requests(const State& state, const User& user, const RequestFilter& filter,
                                           const PageQuery& page);

struct PeerFilter {
  std::string name;     // part of the name
  std::string role;     // one of kRoleNames, or ""
  std::string party;    // councillor peers of this party
  std::string council;  // peers whose home council this is
  std::string region;
  std::string skill;
};
// The office only.
Result<Page<const Peer*>> list_peers(const State& state, const User& user, const PeerFilter& filter, const PageQuery& page);

struct CouncilFilter {
  std::string name;  // part of the name
  std::string type;
  std::string region;
  std::string control;  // a party or "NOC", at the window's start
};
// The office only.
Result<Page<const Council*>> list_councils(const State& state, const User& user, const CouncilFilter& filter,
                                           const PageQuery& page);

struct AssignmentFilter {
  std::string status;         // "proposed", "accepted" or ""
  std::optional<Date> from;   // challenges in a week on or after this day
  std::optional<Date> to;     // ... and on or before it
};
// The peer's bookings, for the peer and the office.
Result<Page<const Assignment*>> list_assignments(const State& state, const User& user, const std::string& peer_id,
                                                 const AssignmentFilter& filter, const PageQuery& page);

struct UserFilter {
  std::string role;     // council | peer | group | office, or ""
  std::string subject;  // the council, peer or party a user acts for
  std::string name;     // part of the name or the email address
};
Result<Page<User>> list_users(const std::vector<User>& users, const UserFilter& filter, const PageQuery& page);

}  // namespace peerslot::service
