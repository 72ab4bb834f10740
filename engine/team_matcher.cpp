// Design: three steps, each exact.
//
// 1. Collect. Number the request's requirements: bit 0 the party in
//    control that week (H5) when there is one, then one bit per focus area (H6). Scan
//    every peer of a needed role once; a peer who can_take() the request
//    falls in the bucket (role, mask of requirements it meets), and each
//    bucket keeps only its seats[role] cheapest peers. This loses nothing:
//    in any team, a peer outside its bucket's cheapest seats[role] can be
//    swapped for a cheaper bucket-mate not in the team, which meets the same
//    requirements, so some optimal team uses bucket survivors only.
// 2. Cover. Depth-first search over "cover" choices: pick the lowest
//    uncovered requirement, branch on each surviving peer that meets it,
//    until every requirement is met; the rest of the seats are filled with
//    the cheapest remaining peers of each role. A branch is cut when its
//    cost plus the cheapest possible fill cannot beat the best team found.
// 3. Fill. Once every requirement is covered, a seat only asks for a peer
//    of its role, and each peer has one role, so the roles do not compete:
//    the cheapest fill takes, per role, the seats-left cheapest candidates
//    not already chosen (by_role_ is sorted by cost, then peer index).
#include "engine/internal/team_matcher.h"

#include <algorithm>

namespace peerslot {

bool TeamMatcher::take_forced(const ScheduleState& state, int r, int w, std::span<const int> forced) {
  for (std::size_t i = 0; i < forced.size(); ++i) {
    int p = forced[i];
    if (std::find(forced.begin(), forced.begin() + i, p) != forced.begin() + i) return false;
    if (!state.can_take(p, r, w)) return false;
    int role = static_cast<int>(problem_->peer(p).role);
    if (--seats_[role] < 0) return false;
    chosen_.push_back(p);
  }
  return true;
}

void TeamMatcher::collect(const ScheduleState& state, int r, int w, std::span<const int> forced) {
  unsigned masks = all_ + 1;
  buckets_.resize(static_cast<std::size_t>(kRoleCount) * masks * max_seats_);
  bucket_sizes_.assign(static_cast<std::size_t>(kRoleCount) * masks, 0);
  for (int role = 0; role < kRoleCount; ++role) {
    by_role_[role].clear();
    if (seats_[role] <= 0) continue;
    for (int p : problem_->peers_with_role(static_cast<Role>(role))) {
      if (std::find(forced.begin(), forced.end(), p) != forced.end() || !state.can_take(p, r, w)) continue;
      Candidate c{state.peer_cost(p, r, w), p, problem_->requirements_met(p, r, w)};
      std::size_t bucket = static_cast<std::size_t>(role) * masks + c.mask;
      Candidate* slots = &buckets_[bucket * max_seats_];
      int& size = bucket_sizes_[bucket];
      if (size == seats_[role] && !(c < slots[size - 1])) continue;
      int i = size < seats_[role] ? size++ : size - 1;
      for (; i > 0 && c < slots[i - 1]; --i) slots[i] = slots[i - 1];
      slots[i] = c;
    }
    for (unsigned m = 0; m < masks; ++m) {
      std::size_t bucket = static_cast<std::size_t>(role) * masks + m;
      for (int i = 0; i < bucket_sizes_[bucket]; ++i) by_role_[role].push_back(buckets_[bucket * max_seats_ + i]);
    }
    std::sort(by_role_[role].begin(), by_role_[role].end());
  }
}

// The cheapest way to fill the remaining seats with peers not yet chosen,
// appended to `fill` when given; -1 if some role has too few candidates.
std::int64_t TeamMatcher::fill_cost(std::vector<int>* fill) const {
  std::int64_t total = 0;
  for (int role = 0; role < kRoleCount; ++role) {
    int need = seats_[role];
    for (const Candidate& c : by_role_[role]) {
      if (need == 0) break;
      if (std::find(chosen_.begin(), chosen_.end(), c.peer) != chosen_.end()) continue;
      total += c.cost;
      if (fill) fill->push_back(c.peer);
      --need;
    }
    if (need > 0) return -1;
  }
  return total;
}

void TeamMatcher::search(unsigned covered, std::int64_t cost) {
  if (covered == all_) {
    std::int64_t fill = fill_cost();
    if (fill < 0 || (found_ && cost + fill >= best_cost_)) return;
    found_ = true;
    best_cost_ = cost + fill;
    best_cover_ = chosen_;
    return;
  }
  unsigned need = covered ^ all_;
  unsigned bit = need & (~need + 1);
  for (int role = 0; role < kRoleCount; ++role) {
    if (seats_[role] == 0) continue;
    for (const Candidate& c : by_role_[role]) {
      if (!(c.mask & bit) || std::find(chosen_.begin(), chosen_.end(), c.peer) != chosen_.end()) continue;
      if (found_ && cost + c.cost >= best_cost_) break;  // sorted by cost: no cheaper one follows
      --seats_[role];
      chosen_.push_back(c.peer);
      search(covered | c.mask, cost + c.cost);
      chosen_.pop_back();
      ++seats_[role];
    }
  }
}

std::optional<Team> TeamMatcher::best_team(const ScheduleState& state, int r, int w, std::span<const int> forced) {
  ++calls_;
  const ProblemRequest& request = problem_->request(r);
  int requirements = problem_->requirement_count(r, w);
  if (requirements > 16) return std::nullopt;  // beyond any real programme; refuse rather than blow up
  all_ = (1u << requirements) - 1;
  seats_ = request.team;
  chosen_.clear();
  found_ = false;
  if (!take_forced(state, r, w, forced)) return std::nullopt;
  max_seats_ = std::max(1, *std::max_element(seats_.begin(), seats_.end()));
  unsigned covered = 0;
  for (int p : chosen_) covered |= problem_->requirements_met(p, r, w);
  std::size_t forced_count = chosen_.size();
  collect(state, r, w, forced);
  search(covered, 0);
  if (!found_) return std::nullopt;
  chosen_ = best_cover_;
  for (std::size_t i = forced_count; i < chosen_.size(); ++i) --seats_[static_cast<int>(problem_->peer(chosen_[i]).role)];
  Team team;
  team.peers = chosen_;
  fill_cost(&team.peers);  // appends the cheapest fill of the seats left
  for (int p : team.peers) team.cost += state.peer_cost(p, r, w);
  if (static_cast<int>(team.peers.size()) != request.team_size) return std::nullopt;
  return team;
}

}  // namespace peerslot
