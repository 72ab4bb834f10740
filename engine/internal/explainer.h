// explainer.h — why a request is not (or cannot be) scheduled, in words a
// programme officer can act on.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// Each reason is a Reason (engine/reason.h): a plain sentence for the
// council, a detail for the programme office, a machine code and the rule.
//   text   "No week between 1 February 2013 and 31 May 2013 can take 3 days
//           on site"
//   detail "Pre-election period before the poll on 2 May 2013; The council
//           cannot host a challenge from 6 February to 28 February 2013"
//   text   "No Labour councillor peer is free in any of the 9 usable weeks
//           (3 June to 29 July 2013)"
//   detail "the nearest is Cllr A. Example (Leicestershire County Council),
//           who would pass the 12 days a year they give in 2012/13 (12
//           already booked)"
// Never a bare "infeasible": when no single requirement is to blame, the
// reason says which weeks fail for which requirement. What no plan could
// change (no eligible, available peer of a needed kind in any of those
// weeks; a follow-up gap no week of the followed request allows) is said as
// such, "whatever else is booked", and before anything the plan blocks, so
// a freed place is never suggested where it would not help.
//
// Guarantees: explain_unscheduled() returns at least one reason; it reads
// the state and never changes it.
// Thread-safety: uses the caller's TeamMatcher (scratch); one per thread.
#pragma once

#include "engine/internal/schedule_state.h"
#include "engine/internal/team_matcher.h"
#include "engine/reason.h"

#include <string>
#include <vector>

namespace peerslot {

// Reasons request r (unscheduled in `state`) cannot be placed.
std::vector<Reason> explain_unscheduled(const ScheduleState& state, TeamMatcher& matcher, int r);
// Why r cannot go in week w as things stand (an empty code if it can).
Reason explain_week(const ScheduleState& state, TeamMatcher& matcher, int r, int w);
// Why peer p cannot join r in week w, as words to follow the peer's name,
// e.g. "is already on a challenge at Hartlepool Borough Council that week"
// (an empty code if it can).
Reason explain_peer(const ScheduleState& state, int p, int r, int w);

}  // namespace peerslot
