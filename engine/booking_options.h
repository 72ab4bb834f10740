// booking_options.h — for one request, the best weeks it could be booked
// into with the current plan held fixed, and why the other weeks are not
// possible.
//
// Built for the booking service: construct once per (scenario, plan) and
// call options() per page view; each call only reads and briefly edits its
// own ScheduleState, reusing the compiled Problem and the matcher's scratch.
// A request that is already in the plan is taken out for the question
// ("where else could it go?") and put back before the call returns.
//
// Guarantees: every option is feasible as it stands — applying its week and
// team to the plan keeps H1..H12 — and `delta` is the exact change of the
// plan's total cost if it is applied (moving the request, when it is
// already assigned). Options are sorted by delta, then by week. Every week
// from the request's earliest to latest (within the window) that is not an
// option is listed as blocked, with its reason (explainer.h).
// Thread-safety: one BookingOptions per thread; the Problem may be shared.
#pragma once

#include "engine/problem.h"
#include "engine/schedule_state.h"
#include "engine/status.h"
#include "engine/team_matcher.h"

#include <cstdint>
#include <string>
#include <vector>

namespace peerslot {

struct BookingOption {
  Date week;
  std::int64_t delta = 0;       // change of the plan's total cost
  std::int64_t preference = 0;  // the week's preference cost
  std::vector<std::string> peers;
};

struct BlockedWeek {
  Date week;
  std::string reason;
};

struct BookingAnswer {
  std::string request;
  std::optional<Date> current_week;  // where the plan has it now, if anywhere
  std::vector<BookingOption> options;  // at most k, best first
  std::vector<BlockedWeek> blocked;
};

class BookingOptions {
 public:
  explicit BookingOptions(const Problem& problem);
  // Takes the plan as the fixed state (see ScheduleState::load).
  Status load_plan(const Plan& plan);
  Result<BookingAnswer> options(const std::string& request_id, int k);

 private:
  std::vector<BlockedWeek> blocked_weeks(int r, const std::vector<int>& feasible);

  const Problem* problem_;
  ScheduleState state_;
  TeamMatcher matcher_;
};

}  // namespace peerslot
