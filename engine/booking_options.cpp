// Design: options() is one pass over the request's usable weeks with the
// TeamMatcher (all_placements), keeping the k cheapest, then one pass over
// every Monday of earliest..latest that did not yield a placement, asking
// the explainer for the binding reason. place_in_week() is the same
// placement call for one week. Both ask with the request taken out of the
// plan (TakenOut), so that its own peers and its week's slot count as free,
// and it is put back with its original team before they return, leaving the
// state exactly as it was.
#include "engine/booking_options.h"

#include "engine/internal/explainer.h"
#include "engine/internal/placement.h"
#include "engine/words.h"

#include <algorithm>

namespace peerslot {

namespace {

// Request r out of the plan for the lifetime of this object, then back in
// its old week with its old team.
class TakenOut {
 public:
  TakenOut(ScheduleState& state, int r) : state_(state), r_(r), week_(state.week(r)) {
    if (week_ == kNoIndex) return;
    team_.assign(state.team(r).begin(), state.team(r).end());
    removal_ = state.removal_delta(r);
    state.unassign(r);
  }
  ~TakenOut() {
    if (week_ != kNoIndex) state_.assign(r_, week_, team_);
  }
  TakenOut(const TakenOut&) = delete;
  TakenOut& operator=(const TakenOut&) = delete;

  int old_week() const { return week_; }
  // The cost change of taking it out (0 when it was not in the plan).
  std::int64_t removal() const { return removal_; }

 private:
  ScheduleState& state_;
  int r_;
  int week_;
  std::vector<int> team_;
  std::int64_t removal_ = 0;
};

// Why r cannot go in week w as things stand, never empty.
Reason week_reason(const ScheduleState& state, TeamMatcher& matcher, int r, int w) {
  Reason reason = explain_week(state, matcher, r, w);
  if (reason.code.empty()) return {"no_team", "", "No team can be found this week", ""};
  return reason;
}


}  // namespace

Status booking_refusal(Date week, const Reason& reason) {
  return Status::conflict("week", capitalised(week_words(week)) + " cannot be booked: " + uncapitalised(reason.text))
      .with_reason(reason.code, reason.rule);
}

struct BookingOptions::Impl {
  explicit Impl(const Problem& p) : problem(p), state(p), matcher(p) {}

  BookingOption option_of(int r, const Placement& placement, std::int64_t removal) const;
  std::vector<BlockedWeek> blocked_weeks(int r, const std::vector<int>& feasible);

  const Problem& problem;
  ScheduleState state;
  TeamMatcher matcher;
};

BookingOptions::BookingOptions(const Problem& problem) : impl_(std::make_unique<Impl>(problem)) {}

BookingOptions::~BookingOptions() = default;

Status BookingOptions::load_plan(const Plan& plan) { return impl_->state.load(plan); }

BookingOption BookingOptions::Impl::option_of(int r, const Placement& placement, std::int64_t removal) const {
  BookingOption option{problem.monday(placement.week), placement.delta + removal,
                       problem.preference_cost(r, placement.week), {}};
  const ProblemRequest& request = problem.request(r);
  const OnSite& site = problem.on_site(placement.week, request.days);
  for (int p : placement.peers) {
    option.peers.push_back(problem.scenario().peers[p].id);
    option.travel_km += problem.km(p, request.council);
    for (int i = 0; i < 2; ++i)
      if (site.count[i] > 0) option.booked_days += state.year_days(p, site.fy[i]);
    if (request.follows != kNoIndex && state.scheduled(request.follows)) {
      const auto& first = state.team(request.follows);
      option.kept_peers += std::find(first.begin(), first.end(), p) != first.end() ? 1 : 0;
    }
  }
  return option;
}

Result<BookingAnswer> BookingOptions::options(const std::string& request_id, int k) {
  const Problem& problem = impl_->problem;
  int r = problem.request_index(request_id);
  if (r == kNoIndex) return Status::not_found("unknown request " + request_id);
  BookingAnswer answer;
  answer.request = request_id;
  TakenOut out(impl_->state, r);
  if (out.old_week() != kNoIndex) answer.current_week = problem.monday(out.old_week());
  std::vector<Placement> placements = all_placements(impl_->state, impl_->matcher, r);
  std::vector<int> feasible;
  for (const Placement& p : placements) feasible.push_back(p.week);
  std::sort(feasible.begin(), feasible.end());
  for (std::size_t i = 0; i < placements.size() && static_cast<int>(i) < k; ++i)
    answer.options.push_back(impl_->option_of(r, placements[i], out.removal()));
  answer.blocked = impl_->blocked_weeks(r, feasible);
  return answer;
}

Result<BookingOption> BookingOptions::place_in_week(const std::string& request_id, Date week) {
  const Problem& problem = impl_->problem;
  int r = problem.request_index(request_id);
  if (r == kNoIndex) return Status::not_found("unknown request " + request_id);
  if (!is_monday(week))
    return Status::conflict("week", day_words(week) + " is not a Monday: a week is named by its Monday").with_reason("not_monday", "H2");
  int w = problem.week_of(week);
  const DateRange& window = problem.scenario().window;
  if (w == kNoIndex)
    return booking_refusal(week, {"outside_programme", "H2", "it is outside the programme's dates, " + range_words(window.start, window.end), ""});
  TakenOut out(impl_->state, r);
  std::optional<Placement> placement = peerslot::place_in_week(impl_->state, impl_->matcher, r, w);
  if (placement) return impl_->option_of(r, *placement, out.removal());
  return booking_refusal(week, week_reason(impl_->state, impl_->matcher, r, w));
}

Result<std::vector<Reason>> BookingOptions::why_not_booked(const std::string& request_id) {
  int r = impl_->problem.request_index(request_id);
  if (r == kNoIndex) return Status::not_found("unknown request " + request_id);
  if (impl_->state.scheduled(r)) return std::vector<Reason>{};
  return explain_unscheduled(impl_->state, impl_->matcher, r);
}

Result<Reason> BookingOptions::why_peer_cannot_join(const std::string& request_id, const std::string& peer_id, Date week) {
  const Problem& problem = impl_->problem;
  int r = problem.request_index(request_id);
  if (r == kNoIndex) return Status::not_found("unknown request " + request_id);
  int p = problem.peer_index(peer_id);
  if (p == kNoIndex) return Status::not_found("unknown peer " + peer_id);
  int w = problem.week_of(week);
  if (w == kNoIndex) return Status::invalid("week", day_words(week) + " is not the Monday of a week of the programme");
  TakenOut out(impl_->state, r);
  return explain_peer(impl_->state, p, r, w);
}

std::vector<BlockedWeek> BookingOptions::Impl::blocked_weeks(int r, const std::vector<int>& feasible) {
  const Scenario& s = problem.scenario();
  const Request& request = s.requests[r];
  Date from = std::max(s.window.start, request.earliest.value_or(s.window.start));
  Date to = std::min(s.window.end, request.latest.value_or(s.window.end));
  std::vector<BlockedWeek> blocked;
  if (from > to) return blocked;
  for (int w = std::max(0, problem.week_of(from)); w < problem.week_count() && problem.monday(w) <= to; ++w) {
    if (std::binary_search(feasible.begin(), feasible.end(), w)) continue;
    blocked.push_back({problem.monday(w), week_reason(state, matcher, r, w)});
  }
  return blocked;
}

}  // namespace peerslot
