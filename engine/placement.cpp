// Design: a placement is the usable-week filter (pins restrict the weeks to
// one and force their peers) followed by one TeamMatcher call per week. The
// delta adds the preference cost of the week and removes the unscheduled
// penalty, so deltas of different weeks compare directly.
#include "engine/internal/placement.h"

#include <algorithm>

namespace peerslot {

namespace {

bool week_allowed(const ScheduleState& state, int r, int w) {
  const ProblemRequest& request = state.problem().request(r);
  if (request.pinned && w != request.pinned_week) return false;
  return !state.week_full(w) && state.follows_ok(r, w) && state.followers_ok(r, w);
}

// The most a team of r can save below zero: the continuity of every peer
// it shares with its follow-ups' teams (its own peer costs are otherwise
// >= 0).
std::int64_t most_saved(const Problem& problem, int r) {
  std::int64_t seats = 0;
  for (int f : problem.request(r).followers) seats += problem.request(f).team_size;
  return seats * problem.scenario().weights.continuity;
}

}  // namespace

std::optional<Placement> place_in_week(const ScheduleState& state, TeamMatcher& matcher, int r, int w) {
  if (!week_allowed(state, r, w) || state.problem().usable_position(r, w) == kNoIndex) return std::nullopt;
  const ProblemRequest& request = state.problem().request(r);
  std::optional<Team> team = matcher.best_team(state, r, w, request.pinned_peers);
  if (!team) return std::nullopt;
  Placement placement{w, 0, std::move(team->peers)};
  placement.delta = state.insertion_delta(r, w, placement.peers);
  return placement;
}

std::optional<Placement> best_placement(const ScheduleState& state, TeamMatcher& matcher, int r) {
  std::optional<Placement> best;
  const ProblemRequest& request = state.problem().request(r);
  std::int64_t floor = state.problem().scenario().weights.unscheduled * request.priority + most_saved(state.problem(), r);
  for (std::size_t i = 0; i < request.weeks.size(); ++i) {
    int w = request.weeks[i];
    // The preference cost alone already loses: skip the team search.
    if (best && request.preference[i] - floor >= best->delta) continue;
    std::optional<Placement> here = place_in_week(state, matcher, r, w);
    if (here && (!best || here->delta < best->delta)) best = std::move(here);
  }
  return best;
}

std::vector<Placement> all_placements(const ScheduleState& state, TeamMatcher& matcher, int r) {
  std::vector<Placement> result;
  for (int w : state.problem().request(r).weeks) {
    std::optional<Placement> here = place_in_week(state, matcher, r, w);
    if (here) result.push_back(std::move(*here));
  }
  std::stable_sort(result.begin(), result.end(), [](const Placement& a, const Placement& b) { return a.delta < b.delta; });
  return result;
}

}  // namespace peerslot
