// team_matcher.h — the cheapest feasible team for one request in one week,
// given who is already booked.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// A team has exactly team[role] peers per role (H4), each of whom can_take()
// the request that week (H7..H10); it includes a member of the party in
// control on the first on-site day when there is a member seat (H5), and
// covers every focus area (H6);
// it contains any `forced` peers (pins, H12, or peers repair keeps).
// Its cost is the sum over its peers of ScheduleState::peer_cost() (travel,
// marginal load and continuity), exactly the change in the plan's cost.
//
// Guarantees: exact. If any feasible team exists, best_team() returns one of
// least cost (ties broken by peer index, so results are deterministic).
// Limit: a request with more than 16 requirements (party + focus areas) is
// refused (no team) rather than searched; no real request comes close.
// Thread-safety: holds scratch buffers; use one TeamMatcher per thread.
#pragma once

#include "engine/internal/schedule_state.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace peerslot {

struct Team {
  std::int64_t cost = 0;  // travel + marginal load of its peers
  std::vector<int> peers;
};

class TeamMatcher {
 public:
  explicit TeamMatcher(const Problem& problem) : problem_(&problem) {}

  std::optional<Team> best_team(const ScheduleState& state, int r, int w, std::span<const int> forced = {});
  // How many times best_team() has been called: a measure of work.
  std::int64_t calls() const { return calls_; }

 private:
  struct Candidate {
    std::int64_t cost;
    int peer;
    unsigned mask;  // requirements this peer satisfies
    bool operator<(const Candidate& o) const { return cost != o.cost ? cost < o.cost : peer < o.peer; }
  };

  bool take_forced(const ScheduleState& state, int r, int w, std::span<const int> forced);
  void collect(const ScheduleState& state, int r, int w, std::span<const int> forced);
  void search(unsigned covered, std::int64_t cost);
  std::int64_t fill_cost(std::vector<int>* fill = nullptr) const;

  const Problem* problem_;
  // Per-call scratch.
  unsigned all_ = 0;
  TeamShape seats_{};  // seats still to fill per role
  std::vector<Candidate> buckets_;        // (role, mask) -> best seats[role] candidates
  std::vector<int> bucket_sizes_;
  std::vector<Candidate> by_role_[kRoleCount];  // union of buckets, sorted
  std::vector<int> chosen_;               // cover peers on the current search path
  std::vector<int> best_cover_;
  std::int64_t best_cost_ = 0;
  bool found_ = false;
  int max_seats_ = 0;
  std::int64_t calls_ = 0;
};

}  // namespace peerslot
