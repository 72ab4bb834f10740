// Design: one pass over the request's usable weeks with the TeamMatcher
// (all_placements), keep the k cheapest; then one pass over every Monday of
// earliest..latest that did not yield a placement, asking the explainer for
// the binding reason. An already-assigned request is unassigned first so
// that its own peers and its week's slot count as free, and re-assigned
// with its original team at the end, leaving the state exactly as it was.
#include "engine/booking_options.h"

#include "engine/explainer.h"
#include "engine/placement.h"

#include <algorithm>

namespace peerslot {

BookingOptions::BookingOptions(const Problem& problem) : problem_(&problem), state_(problem), matcher_(problem) {}

Status BookingOptions::load_plan(const Plan& plan) { return state_.load(plan); }

Result<BookingAnswer> BookingOptions::options(const std::string& request_id, int k) {
  int r = problem_->request_index(request_id);
  if (r == kNoIndex) return Status::not_found("unknown request " + request_id);
  BookingAnswer answer;
  answer.request = request_id;
  int old_week = state_.week(r);
  std::vector<int> old_team(state_.team(r).begin(), state_.team(r).end());
  std::int64_t removal = 0;
  if (old_week != kNoIndex) {
    answer.current_week = problem_->monday(old_week);
    removal = state_.removal_delta(r);
    state_.unassign(r);
  }
  std::vector<Placement> placements = all_placements(state_, matcher_, r);
  std::vector<int> feasible;
  for (const Placement& p : placements) feasible.push_back(p.week);
  std::sort(feasible.begin(), feasible.end());
  for (std::size_t i = 0; i < placements.size() && static_cast<int>(i) < k; ++i) {
    BookingOption option{problem_->monday(placements[i].week), placements[i].delta + removal,
                         problem_->preference_cost(r, placements[i].week), {}};
    for (int p : placements[i].peers) option.peers.push_back(problem_->scenario().peers[p].id);
    answer.options.push_back(std::move(option));
  }
  answer.blocked = blocked_weeks(r, feasible);
  if (old_week != kNoIndex) state_.assign(r, old_week, old_team);
  return answer;
}

std::vector<BlockedWeek> BookingOptions::blocked_weeks(int r, const std::vector<int>& feasible) {
  const Scenario& s = problem_->scenario();
  const Request& request = s.requests[r];
  Date from = std::max(s.window.start, request.earliest.value_or(s.window.start));
  Date to = std::min(s.window.end, request.latest.value_or(s.window.end));
  std::vector<BlockedWeek> blocked;
  if (from > to) return blocked;
  for (int w = std::max(0, problem_->week_of(from)); w < problem_->week_count() && problem_->monday(w) <= to; ++w) {
    if (std::binary_search(feasible.begin(), feasible.end(), w)) continue;
    std::string reason = explain_week(state_, matcher_, r, w);
    blocked.push_back({problem_->monday(w), reason.empty() ? "no feasible team" : reason});
  }
  return blocked;
}

}  // namespace peerslot
