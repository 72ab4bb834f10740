// challenge_events.h — what one change did to the challenges, booking by
// booking and seat by seat, as the notifications (notifications.h) need it:
// which bookings were made, moved or cancelled, who joined or left a team,
// who declined and who accepted.
//
// Kinds of event:
//   booked        the request has a booking now and had none before;
//   moved         the booking's week changed (peers who stay on the team
//                 are still on it: only the dates change);
//   cancelled     the booking is gone;
//   peer_proposed the peer is newly on a booked team (a new booking's whole
//                 team included);
//   peer_removed  the peer is no longer on the team, while the booking stays
//                 or moves or because it was cancelled;
//   peer_declined as peer_removed, when the request's declined list in
//                 `after` names the peer (then peer_removed is not given);
//   peer_accepted the peer holds an accepted seat on the booking now and did
//                 not before.
// Guarantees: pure; events are sorted by request id, then kind (as strings),
// then peer id (empty for the booking events); week_before is set when the
// request was booked before, week_after when it is booked after.
// Cost: O(bookings × team × log team). Thread-safety: pure function of two
// immutable States.
#pragma once

#include "service/state.h"

#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

struct ChallengeEvent {
  std::string kind;     // booked | moved | cancelled | peer_proposed | peer_removed | peer_declined | peer_accepted
  std::string request;  // request id
  std::string peer;     // peer id; empty for booked, moved and cancelled
  std::optional<Date> week_before, week_after;
  bool operator==(const ChallengeEvent&) const = default;
};

std::vector<ChallengeEvent> events_between(const State& before, const State& after);

}  // namespace peerslot::service
