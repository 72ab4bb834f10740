// lower_bound.h — a lower bound on the cost of every plan, computed from the
// problem alone, so a plan's gap to the optimum can be stated honestly
// rather than only against the best plan found.
//
// The relaxation keeps only what each request costs on its own and the
// weekly capacity:
//   - request r in usable week w costs c(r, w) = its preference cost plus
//     its cheapest team in w when nobody else is booked (the TeamMatcher on
//     an empty ScheduleState): travel, plus a floor of its seats' load
//     (seat_load.h): weight x days^2 per (peer, FY) as if the peer had no
//     other days, or, for a role whose days crowd onto few peers (the peer
//     challenge managers), 2 lambda x weight per seat-day with weight x
//     lambda^2 x (its peers) taken off once (the tangent of the pool's
//     D^2 / n). This never exceeds what r adds to a real plan:
//     (a + b)^2 >= a^2 + b^2, continuity is >= 0 (left out),
//     and H9, H10 across requests and H13 only take choices away; where
//     the council's control changes, the floors below leave out the party
//     requirement (the matcher still applies the party of each week). No
//     team in the empty state: r cannot use
//     w. (A request the matcher refuses, beyond 16 party and focus
//     requirements, gets its cheapest seats with H5/H6 ignored instead.);
//   - a pinned request can only use its pinned week, with its pinned peers;
//   - each request takes one week or stays unscheduled (weights.unscheduled
//     x priority), and each week holds at most max_challenges_per_week (H11).
// That transportation problem is solved exactly: its weeks are priced
// lazily (a cheap floor per week first, the matcher only where the floor
// says the week could matter), the weeks over capacity are emptied by a
// min-cost flow (Boost Graph, successive shortest paths), and week prices
// from the result certify it by Lagrangian duality. With unlimited
// capacity, or when no week would be over capacity, it is each request's
// cheapest choice and no graph is built.
//
// The relaxation is solved with the alone floors first; where its days
// crowd a role, again with that role pooled (lambda: the role's days per
// peer and year in the first solution), and the stronger of the two is
// returned. Both are valid; lambda only decides how strong.
//
// Guarantees: `cost.total` <= compute_cost(plan).total of every plan that
// keeps H1..H11 and has each pinned request either unscheduled or in its
// pinned week with its pinned peers (so every feasible plan, and every plan
// solve() returns, broken pins included). When `complete`, it is the exact
// optimum of the relaxation and `cost`'s terms are those of one optimal
// relaxed solution (they sum to `cost.total`). When stopped (or if the
// certificate ever failed), it is still a valid bound but weaker: requests
// not yet looked at count their preference cost only, and the capacity is
// dropped; `complete` is then false, and the terms still sum to the total.
// Thread-safety: pure function; the Problem may be shared between threads.
// Cost of the call (m: one TeamMatcher call, a scan of the peers of the
// request's roles plus its cover search): per request one scan and partial
// sort of its eligible peers and a short walk per usable week for the
// floors, plus m per week priced (about 3 per request at national scale);
// then per round (a handful) a flow of one augmentation per challenge over
// capacity, each O((requests + priced weeks) log requests). Memory
// O(peers x weeks) for the empty state plus O(requests x usable weeks).
// Measured (alone only): 0.1 s at national scale (453 requests), 5 s at
// x10 (4547); a pooled second solve doubles it.
#pragma once

#include "engine/problem.h"
#include "engine/scenario.h"

#include <atomic>

namespace peerslot {

struct LowerBoundOptions {
  const std::atomic<bool>* stop = nullptr;  // set to stop early (the bound stays valid)
  bool pool_crowded_roles = true;           // false: every seat's load floor is its days alone
};

struct LowerBound {
  Cost cost;               // cost.total is the bound; the terms split it (see above)
  int unscheduled = 0;     // requests left unscheduled in the relaxed solution
  int unschedulable = 0;   // requests with no (week, team) cheaper than leaving them out, even alone
  bool complete = true;    // false: stopped early, a valid but weaker bound
};

LowerBound lower_bound(const Problem& problem, const LowerBoundOptions& options = {});

// The weeks of a cheapest assignment of requests into weeks by preference
// cost and the unscheduled penalty alone, under the weekly cap (H11) and
// the pins: the transportation problem above without its team prices, so
// it needs no team search. Per request its week, or kNoIndex where that
// assignment leaves it out (or when stopped before the coupling is
// certified: then every request has its cheapest week). The solver's
// guided week moves aim at it. Cost: O(requests x usable weeks) when no
// week is over capacity, else one flow augmentation per challenge over.
std::vector<int> preferred_weeks(const Problem& problem, const LowerBoundOptions& options = {});

}  // namespace peerslot
