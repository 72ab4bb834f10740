// placement.h — where one request can go, and at what cost, with everyone
// else staying put.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// A placement is a (week, team) for one request that keeps every rule given
// the current ScheduleState: the week is usable (H2, H3), not full (H11),
// the team is the TeamMatcher's cheapest feasible one (H4..H10), a pinned
// request only goes to its pinned week with its pinned peers (H12), and
// the week keeps H13 with the request it follows and with its scheduled
// and pinned follow-ups (ScheduleState::follows_ok, followers_ok).
// `delta` is the exact change of the plan's total cost if it is applied.
//
// Thread-safety: functions take the matcher (scratch) by reference; use one
// per thread.
#pragma once

#include "engine/internal/team_matcher.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace peerslot {

struct Placement {
  int week = kNoIndex;
  std::int64_t delta = 0;
  std::vector<int> peers;
};

// The placement of unscheduled request r in week w, if one exists.
std::optional<Placement> place_in_week(const ScheduleState& state, TeamMatcher& matcher, int r, int w);
// The cheapest placement over all of r's usable weeks (ties: earlier week).
std::optional<Placement> best_placement(const ScheduleState& state, TeamMatcher& matcher, int r);
// Every feasible placement, one per week, cheapest first.
std::vector<Placement> all_placements(const ScheduleState& state, TeamMatcher& matcher, int r);

}  // namespace peerslot
