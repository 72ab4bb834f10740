// week_reteam.h — choose the teams of every challenge in one week together,
// as a min-cost flow (Boost.Graph), instead of one challenge at a time.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// In one week a peer sits on at most one challenge (H9), so the marginal
// cost of peer p on challenge c (ScheduleState::peer_cost: travel, the load
// of c's days on top of p's other days that year, continuity with linked
// requests, which are never in the same week) does not depend on the other
// choices. Covers are fixed: of each challenge's team, the peers it needs
// for its party and focus requirements (H5, H6) stay, found greedily from
// the team as it is. The other seats of every challenge are then filled at
// once by a min-cost flow: source -> (challenge) with its free seats of a
// role -> peer (capacity 1; only peers who can_take() it, and per challenge
// only its D cheapest, D the seats being filled, which keeps an optimum)
// -> sink. So, given the covers, the fill is exactly optimal for the week;
// it is never worse than the teams as they were, which are one feasible
// flow.
//
// Costs are carried as doubles (whole numbers far below 2^53, so exact):
// Boost's successive_shortest_path adds its "infinite" distance to the
// potentials of vertices it can no longer reach, which overflows a signed
// integer but not a double; those vertices stay unreachable and their
// potentials are never read again.
//
// Cost: O(challenges x peers of the needed roles) to collect candidates,
// then O(D x E log V) for the flow on a graph of O(challenges x D) edges.
// Thread-safety: pure function of the state; use one state per thread.
#pragma once

#include "engine/internal/schedule_state.h"

#include <vector>

namespace peerslot {

struct Reteam {
  int request = kNoIndex;
  std::vector<int> peers;  // the whole new team
};

// New teams for `requests`, all scheduled in the same week, taken out of
// `state` for the question: each keeps its cover peers, the flow fills the
// rest. REQUIRES: every request in `requests` is unscheduled in `state` now,
// was scheduled in `week` with old_teams[i], and no two are linked by
// follows. Returns one Reteam per request (a request whose fill fails
// keeps its old team).
std::vector<Reteam> reteam_week(const ScheduleState& state, int week, const std::vector<int>& requests,
                                const std::vector<std::vector<int>>& old_teams);

}  // namespace peerslot
