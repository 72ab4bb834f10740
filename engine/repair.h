// repair.h — mend a plan after something changes, moving as few other
// challenges as possible.
//
// Changes: a peer withdraws (from a date on), a peer declines one challenge
// (it leaves only that team and joins the request's `declined`, so it is
// never proposed for that request again; its availability is unchanged), a
// council cancels a request, or a week becomes blocked for a council.
// The scenario may already list the decliner in `declined` while the plan
// still has it on the team (the service records the decline first): the
// seat is then vacated all the same. More generally, an assignment whose
// team holds a peer who is not eligible for it (H7) counts as broken. The repaired plan keeps every
// assignment the change does not break exactly as it was; each broken one
// is mended by the least disruptive step that works, in this order:
//   1. same week, keep the rest of the team, replace only the lost peer;
//   2. same week, a new team;
//   3. another week (the cheapest);
//   4. eject one other challenge from a week and re-place it elsewhere;
//   5. leave it unscheduled, with the reason.
// Freed peers and slots are then offered to unscheduled requests (placing
// them moves nobody), except after a decline, which touches only its own
// request unless step 4 moves one other. Pinned requests never move.
//
// Guarantees: the plan keeps H1..H13 for the changed scenario (and so for
// the original one too, as changes only take options away; a cancelled
// request is listed unscheduled with "cancelled"); its cost is compute_cost().
// Thread-safety: pure function.
#pragma once

#include "engine/scenario.h"
#include "engine/status.h"

#include <optional>
#include <string>
#include <vector>

namespace peerslot {

struct RepairChange {
  enum class Kind { kWithdrawPeer, kDeclineChallenge, kCancelRequest, kBlockWeek };
  Kind kind = Kind::kWithdrawPeer;
  std::string peer;           // kWithdrawPeer, kDeclineChallenge (must sit on `request`)
  std::optional<Date> from;   // kWithdrawPeer: first day away (default: window start)
  std::string request;        // kDeclineChallenge, kCancelRequest
  std::string council;        // kBlockWeek
  Date monday;                // kBlockWeek
};

struct RepairMove {
  std::string request;
  std::optional<Date> old_week;
  std::optional<Date> new_week;
  std::vector<std::string> old_peers;
  std::vector<std::string> new_peers;
  std::string why;
};

struct RepairResult {
  Scenario changed;            // the scenario with the change applied
  Plan plan;
  std::vector<RepairMove> moves;  // every assignment that differs from the old plan
  int broken = 0;                 // assignments the change broke
  int others_moved = 0;           // assignments moved that the change did not break
};

// The change applied to a scenario (peer availability cut, blackout added,
// the decliner added to the request's `declined` unless already there; a
// cancellation leaves the scenario as it is).
Result<Scenario> apply_change(const Scenario& scenario, const RepairChange& change);
// Fails (not found) on unknown ids, or a decline by a peer not on the request's team.
Result<RepairResult> repair(const Scenario& scenario, const Plan& plan, const RepairChange& change);

}  // namespace peerslot
