// team_flow.h — choose the teams of several challenges together, as one
// min-cost flow (Boost.Graph), instead of one challenge at a time: every
// challenge of one week, or the challenges of a few weeks that load their
// peers alike.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// Covers are fixed: of each challenge's team, the peers it needs for its
// party and focus requirements (H5, H6) stay, found greedily from the team
// as it is. The other seats are then filled at once by a min-cost flow:
//   source -> (challenge, role), capacity its free seats of that role
//     -> (peer, week), capacity 1 (H9: one challenge a week), cost what
//        the peer adds on its own: travel, continuity with the linked
//        requests outside the group, and the load of these days on top of
//        the peer's days that year (its other challenges and its cover
//        seats in the group)
//     -> (peer) -> sink through convex arcs: the k-th challenge of the
//        group the peer takes costs 2(k-1) x weight x d^2 more than its
//        first-unit price, which makes the flow's load term exactly
//        weight x ((L + k d)^2 - L^2) (HotCRP's autoassign balances load
//        the same way); as many arcs as the yearly cap (H10) leaves room
//        for.
// That is exact when all the challenges a peer could take in the group
// put the same number d of on-site days into one financial year, or when
// the group is one week (a peer then takes one challenge at most): what
// the REQUIRES below asks. Each (challenge, role) offers the flow its
// cheapest candidates by first-unit price, as many as the group has seats
// of that role, plus the peers of its old team; so the old teams are one
// feasible flow and the result is never worse than they were, and, given
// the covers and those candidate lists, it is the optimum.
//
// Costs are carried as doubles (whole numbers far below 2^53, so exact):
// Boost's successive_shortest_path adds its "infinite" distance to the
// potentials of vertices it can no longer reach, which overflows a signed
// integer but not a double; those vertices stay unreachable and their
// potentials are never read again.
//
// Cost: O(challenges x peers of the needed roles) to collect candidates,
// then O(S x E log V) for the flow, S the seats filled and E = O(S x
// challenges) arcs.
// Thread-safety: pure function of the state; use one state per thread.
#pragma once

#include "engine/internal/schedule_state.h"

#include <cstdint>
#include <vector>

namespace peerslot {

struct Seating {
  int request = kNoIndex;
  int week = kNoIndex;
  std::vector<int> peers;  // the whole team
};

// True when a and b may be re-teamed in one group of several weeks: both
// put the same number of on-site days into one and the same financial
// year (challenges of one week may always be grouped).
bool same_load_shape(const Problem& problem, const Seating& a, const Seating& b);

// New teams for `group`, taken out of `state` for the question: each keeps
// its cover peers, the flow fills the rest. REQUIRES: every request of the
// group is unscheduled in `state` now and was scheduled in its week with
// its peers; no two are linked by follows; all are in one week, or every
// pair has same_load_shape(). Returns the group with its new teams (all
// old teams if some fill fails). Adds to *priced (when given) the number of
// (peer, seat) pairs it priced, a measure of its work.
std::vector<Seating> reteam_together(const ScheduleState& state, const std::vector<Seating>& group,
                                     std::int64_t* priced = nullptr);

}  // namespace peerslot
