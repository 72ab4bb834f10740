// Design: flat tables and running sums. Placing or removing a challenge
// touches one week counter, team_size busy cells and at most two
// (peer, year) day counters per peer; each cost term is adjusted by the
// exact whole-number difference, so no recomputation is ever needed.
// The load term is the only non-linear one: a peer with d days in a year
// who gains n more adds weight x ((d+n)^2 - d^2).
#include "engine/internal/schedule_state.h"

#include <algorithm>

namespace peerslot {

ScheduleState::ScheduleState(const Problem& problem)
    : problem_(&problem),
      weeks_(problem.week_count()),
      years_(problem.year_count()),
      capacity_(problem.scenario().max_challenges_per_week.value_or(-1)),
      peers_count_(static_cast<std::size_t>(problem.peer_count())) {
  int n = problem.request_count();
  week_.assign(n, kNoIndex);
  offset_.resize(n + 1, 0);
  for (int r = 0; r < n; ++r) offset_[r + 1] = offset_[r] + problem.request(r).team_size;
  peers_.assign(offset_[n], kNoIndex);
  busy_.assign(static_cast<std::size_t>(problem.peer_count()) * weeks_, kNoIndex);
  year_days_.assign(static_cast<std::size_t>(problem.peer_count()) * years_, 0);
  week_load_.assign(weeks_, 0);
  unscheduled_count_ = n;
  for (int r = 0; r < n; ++r) cost_.unscheduled += problem.scenario().weights.unscheduled * problem.request(r).priority;
  cost_.total = cost_.unscheduled;
}

std::span<const int> ScheduleState::team(int r) const {
  return {peers_.data() + offset_[r], static_cast<std::size_t>(offset_[r + 1] - offset_[r])};
}

ScheduleState::Block ScheduleState::block(int p, int r, int w) const {
  const ProblemRequest& request = problem_->request(r);
  if (!problem_->eligible(p, r)) return problem_->declined(p, r) ? Block::kDeclined : Block::kIneligible;
  if (!problem_->available(p, w, request.days)) return Block::kUnavailable;
  if (busy(p, w) != kNoIndex) return Block::kBusy;
  int cap = problem_->peer(p).cap;
  if (cap >= 0) {
    const OnSite& site = problem_->on_site(w, request.days);
    for (int i = 0; i < 2; ++i)
      if (site.count[i] > 0 && year_days(p, site.fy[i]) + site.count[i] > cap) return Block::kCap;
  }
  return Block::kOk;
}

bool ScheduleState::can_take(int p, int r, int w) const { return block(p, r, w) == Block::kOk; }

std::int64_t ScheduleState::load_delta(int p, int r, int w, int sign) const {
  const OnSite& site = problem_->on_site(w, problem_->request(r).days);
  std::int64_t delta = 0;
  for (int i = 0; i < 2; ++i) {
    if (site.count[i] == 0) continue;
    std::int64_t before = year_days(p, site.fy[i]);
    std::int64_t after = before + sign * site.count[i];
    delta += after * after - before * before;
  }
  return delta * problem_->scenario().weights.load;
}

bool ScheduleState::on_team(int p, int r) const {
  std::span<const int> members = team(r);
  return scheduled(r) && std::find(members.begin(), members.end(), p) != members.end();
}

bool ScheduleState::follows_ok(int r, int w) const {
  int leader = problem_->request(r).follows;
  return leader == kNoIndex || (scheduled(leader) && problem_->follow_gap_ok(r, week_[leader], w));
}

bool ScheduleState::followers_ok(int r, int w) const {
  for (int f : problem_->request(r).followers) {
    const ProblemRequest& follower = problem_->request(f);
    int fixed = scheduled(f) ? week_[f] : follower.pinned ? follower.pinned_week : kNoIndex;
    if (fixed != kNoIndex && !problem_->follow_gap_ok(f, w, fixed)) return false;
  }
  return true;
}

std::int64_t ScheduleState::peer_cost(int p, int r, int w) const {
  return problem_->km(p, problem_->request(r).council) * problem_->scenario().weights.travel_km + load_cost(p, r, w);
}

std::int64_t ScheduleState::load_cost(int p, int r, int w) const {
  const ProblemRequest& request = problem_->request(r);
  std::int64_t continuity = 0;
  if (request.follows != kNoIndex && !on_team(p, request.follows)) ++continuity;
  for (int f : request.followers) continuity -= on_team(p, f) ? 1 : 0;
  return load_delta(p, r, w, +1) + continuity * problem_->scenario().weights.continuity;
}

std::int64_t ScheduleState::continuity_count(int r, std::span<const int> members) const {
  std::int64_t count = 0;
  const ProblemRequest& request = problem_->request(r);
  for (int p : members) {
    if (request.follows != kNoIndex && !on_team(p, request.follows)) ++count;
    for (int f : request.followers) count -= on_team(p, f) ? 1 : 0;
  }
  return count;
}

// r's change to orphans_ when it is assigned (minus when unassigned).
int ScheduleState::orphans_of(int r) const {
  const ProblemRequest& request = problem_->request(r);
  int change = request.follows != kNoIndex && !scheduled(request.follows) ? 1 : 0;
  for (int f : request.followers) change -= scheduled(f) ? 1 : 0;
  return change;
}

void ScheduleState::retotal() {
  cost_.total = cost_.unscheduled + cost_.preference + cost_.travel + cost_.load + cost_.continuity;
}

std::int64_t ScheduleState::insertion_delta(int r, int w, std::span<const int> team) const {
  const Weights& weights = problem_->scenario().weights;
  std::int64_t delta = problem_->preference_cost(r, w) - weights.unscheduled * problem_->request(r).priority;
  for (int p : team) delta += peer_cost(p, r, w);
  return delta;
}

std::int64_t ScheduleState::removal_delta(int r) const {
  const Weights& weights = problem_->scenario().weights;
  int w = week_[r];
  std::int64_t delta = weights.unscheduled * problem_->request(r).priority - problem_->preference_cost(r, w);
  for (int p : team(r)) delta += load_delta(p, r, w, -1) - problem_->km(p, problem_->request(r).council) * weights.travel_km;
  return delta - continuity_count(r, team(r)) * weights.continuity;
}

void ScheduleState::book(int p, int r, int w, int sign) {
  const Weights& weights = problem_->scenario().weights;
  cost_.load += load_delta(p, r, w, sign);
  cost_.travel += sign * problem_->km(p, problem_->request(r).council) * weights.travel_km;
  const OnSite& site = problem_->on_site(w, problem_->request(r).days);
  for (int i = 0; i < 2; ++i) year_days_[static_cast<std::size_t>(p) * years_ + site.fy[i]] += sign * site.count[i];
  busy_[static_cast<std::size_t>(w) * peers_count_ + p] = sign > 0 ? r : kNoIndex;
}

void ScheduleState::assign(int r, int w, std::span<const int> team) {
  const Weights& weights = problem_->scenario().weights;
  ++week_load_[w];
  --unscheduled_count_;
  cost_.unscheduled -= weights.unscheduled * problem_->request(r).priority;
  cost_.preference += problem_->preference_cost(r, w);
  cost_.continuity += continuity_count(r, team) * weights.continuity;
  orphans_ += orphans_of(r);
  std::copy(team.begin(), team.end(), peers_.begin() + offset_[r]);
  for (int p : team) book(p, r, w, +1);
  week_[r] = w;
  retotal();
}

void ScheduleState::unassign(int r) {
  const Weights& weights = problem_->scenario().weights;
  int w = week_[r];
  cost_.continuity -= continuity_count(r, team(r)) * weights.continuity;
  orphans_ -= orphans_of(r);
  for (int p : team(r)) book(p, r, w, -1);
  week_[r] = kNoIndex;
  cost_.preference -= problem_->preference_cost(r, w);
  cost_.unscheduled += weights.unscheduled * problem_->request(r).priority;
  ++unscheduled_count_;
  --week_load_[w];
  retotal();
}

Plan ScheduleState::to_plan() const {
  const Scenario& s = problem_->scenario();
  Plan plan;
  for (int r = 0; r < problem_->request_count(); ++r) {
    if (!scheduled(r)) {
      plan.unscheduled.push_back({s.requests[r].id, {}});
      continue;
    }
    Assignment a{s.requests[r].id, problem_->monday(week_[r]), {}};
    for (int p : team(r)) a.peers.push_back(s.peers[p].id);
    plan.assignments.push_back(std::move(a));
  }
  plan.cost = cost_;
  return plan;
}

Status ScheduleState::load(const Plan& plan) {
  for (int r = 0; r < problem_->request_count(); ++r)
    if (scheduled(r)) unassign(r);
  for (const Assignment& a : plan.assignments) {
    int r = problem_->request_index(a.request);
    if (r == kNoIndex) return Status::invalid("plan: unknown request " + a.request);
    if (scheduled(r)) return Status::invalid("plan: " + a.request + " is assigned twice");
    int w = problem_->week_of(a.week);
    if (w == kNoIndex || !is_monday(a.week)) return Status::invalid("plan: " + a.request + " week " + to_iso(a.week) + " is not a Monday in the window");
    if (!problem_->on_site(w, problem_->request(r).days).usable)
      return Status::invalid("plan: " + a.request + " week " + to_iso(a.week) + " has too few working days");
    if (static_cast<int>(a.peers.size()) != problem_->request(r).team_size)
      return Status::invalid("plan: " + a.request + " team has the wrong size");
    std::vector<int> team;
    for (const std::string& id : a.peers) {
      int p = problem_->peer_index(id);
      if (p == kNoIndex) return Status::invalid("plan: " + a.request + " names unknown peer " + id);
      if (busy(p, w) != kNoIndex || std::find(team.begin(), team.end(), p) != team.end())
        return Status::invalid("plan: " + id + " is booked twice in the week of " + to_iso(a.week));
      team.push_back(p);
    }
    assign(r, w, team);
  }
  return Status::ok();
}

void ScheduleState::restore(const Snapshot& snapshot) {
  for (int r = 0; r < problem_->request_count(); ++r)
    if (scheduled(r)) unassign(r);
  for (int r = 0; r < problem_->request_count(); ++r) {
    if (snapshot.week[r] == kNoIndex) continue;
    std::span<const int> team(snapshot.peers.data() + offset_[r], static_cast<std::size_t>(offset_[r + 1] - offset_[r]));
    assign(r, snapshot.week[r], team);
  }
}

}  // namespace peerslot
