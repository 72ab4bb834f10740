// explainer.h — why a request is not (or cannot be) scheduled, in words a
// programme officer can act on.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// Reasons name the binding rule and its dates, roles and peers, e.g.
//   "no usable week between 2013-02-01 and 2013-05-31 (H2/H3): pre-election
//    period 2013-03-22..2013-05-02, blackout 2013-02-06..2013-02-28"
//   "no Labour member peer can take part in any of the 9 usable weeks
//    (2013-06-03..2013-07-29) (H5); nearest: P0412 (cap of 12 days in FY2012
//    reached, H10)"
// Never a bare "infeasible": when no single requirement is to blame, the
// reason says which weeks fail for which requirement. What no plan could
// change (no eligible, available peer of a needed kind in any of those
// weeks; an H13 gap no week of the followed request allows) is said as
// such, "whatever the rest of the plan", and before anything the plan
// blocks, so a freed place is never suggested where it would not help.
//
// Guarantees: explain_unscheduled() returns at least one reason; it reads
// the state and never changes it.
// Thread-safety: uses the caller's TeamMatcher (scratch); one per thread.
#pragma once

#include "engine/internal/schedule_state.h"
#include "engine/internal/team_matcher.h"

#include <string>
#include <vector>

namespace peerslot {

// Reasons request r (unscheduled in `state`) cannot be placed.
std::vector<std::string> explain_unscheduled(const ScheduleState& state, TeamMatcher& matcher, int r);
// Why r cannot go in week w as things stand ("" if it can).
std::string explain_week(const ScheduleState& state, TeamMatcher& matcher, int r, int w);
// Why peer p cannot join r in week w, e.g. "already on R0012 that week (H9)"
// ("" if it can).
std::string explain_peer(const ScheduleState& state, int p, int r, int w);

}  // namespace peerslot
