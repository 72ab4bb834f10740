// booking_options.h — for one request, the best weeks it could be booked
// into with the current plan held fixed, and why the other weeks are not
// possible; or the answer for one week only.
//
// Built for the booking service: construct once per (scenario, plan) and
// call options() or place_in_week() per page view or booking; each call only
// reads and briefly edits the object's own copy of the plan, reusing the
// compiled Problem and the team matcher's scratch. A request that is already
// in the plan is taken out for the question ("where else could it go?") and
// put back before the call returns.
//
// Guarantees: every option is feasible as it stands — applying its week and
// team to the plan keeps H1..H13 — and `delta` is the exact change of the
// plan's total cost if it is applied (moving the request, when it is
// already assigned). Options are sorted by delta, then by week.
// place_in_week(request, week) gives exactly the option options(request, k)
// gives for that week when k is large enough to list every option.
// `blocked` lists each week whose Monday lies from the Monday of the week
// holding the later of the window's start and the request's earliest, to
// the earlier of the window's end and the request's latest, and in which
// the request has no feasible placement, with the reason (explainer). A week
// with a placement that is not among the k best is in neither list.
//
// Cost (m: one team matcher call, a scan of the peers of the request's
// roles plus a search bounded by its party and focus requirements; e: one
// explanation of a week, a few scans of the peers plus at most one m):
//   constructor      O(peers x weeks) memory and time for the plan's tables
//   load_plan()      O(peers x weeks + peer seats of the plan)
//   options()        O(usable weeks x m + blocked weeks x e)
//   place_in_week()  O(m), plus O(e) when the week is not possible
//   why_not_booked() O(usable weeks x e)
//   why_peer_cannot_join() O(days on site), plus the words
// Thread-safety: one BookingOptions per thread; the Problem may be shared.
#pragma once

#include "engine/problem.h"
#include "engine/reason.h"
#include "engine/status.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace peerslot {

struct BookingOption {
  Date week;
  std::int64_t delta = 0;       // change of the plan's total cost
  std::int64_t preference = 0;  // the week's preference cost
  std::vector<std::string> peers;
  // What the option means, for the words that rank it:
  std::int64_t travel_km = 0;  // the team's km to the council, in all
  int booked_days = 0;         // the team's days already booked in the week's financial year(s)
  int kept_peers = 0;          // team members who were on the challenge this follows
};

struct BlockedWeek {
  Date week;
  Reason reason;
};

struct BookingAnswer {
  std::string request;
  std::optional<Date> current_week;  // where the plan has it now, if anywhere
  std::vector<BookingOption> options;  // at most k, best first
  std::vector<BlockedWeek> blocked;
};

// The conflict place_in_week() gives for a week with that reason.
Status booking_refusal(Date week, const Reason& reason);

class BookingOptions {
 public:
  // The plan starts empty; the Problem must outlive this object.
  explicit BookingOptions(const Problem& problem);
  ~BookingOptions();
  BookingOptions(const BookingOptions&) = delete;
  BookingOptions& operator=(const BookingOptions&) = delete;

  // Takes the plan as the fixed state. Fails (naming the request) on
  // unknown ids, a week outside the window or a peer booked twice in a week.
  Status load_plan(const Plan& plan);
  // The k cheapest options and the blocked weeks; not_found for an unknown
  // request.
  Result<BookingAnswer> options(const std::string& request_id, int k);
  // The option of that one week; not_found for an unknown request; conflict
  // on field "week", "week: The week of Monday 7 May 2012 cannot be booked:
  // <reason>", with the reason's code and rule (Status::reason_code()),
  // when the week has none (also when it is not a Monday, code
  // "not_monday", or not a week of the programme, "outside_programme").
  Result<BookingOption> place_in_week(const std::string& request_id, Date week);
  // Why the request is not in the plan, at least one reason (explainer:
  // what no plan could change first); empty when it is in the plan;
  // not_found for an unknown request.
  Result<std::vector<Reason>> why_not_booked(const std::string& request_id);
  // Why the peer cannot take a seat on the request's team in `week`, with
  // the request itself taken out of the plan: a Reason whose text follows
  // the peer's name ("is already on a challenge at … that week"), with an
  // empty code when the peer can (eligible for the council, not declined,
  // offered every day, free that week, within their day cap; the team's
  // other needs, such as H5's party, are not judged here). not_found for an
  // unknown request or peer; invalid naming "week" for a week outside the
  // programme.
  Result<Reason> why_peer_cannot_join(const std::string& request_id, const std::string& peer_id, Date week);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peerslot
