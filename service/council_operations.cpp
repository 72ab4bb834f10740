// council_operations.cpp — each operation: find what it names as the caller
// may see it, check the caller's version, check the input against the
// programme, then edit the draft.
#include "service/council_operations.h"

#include "engine/words.h"
#include "service/access.h"
#include "service/booking_cache.h"
#include "service/programme_span.h"
#include "service/representations.h"

#include <algorithm>

namespace peerslot::service {

namespace {

// The request as the caller may change it: theirs, as they last saw it.
Result<const Request*> own_request(const Draft& d, const User& who, const std::string& id, const Precondition& expected) {
  auto request = request_for(d.scenario(), who, id);
  if (!request.is_ok()) return request;
  Status match = expected.check(request_json(d.base(), *request.value()));
  if (!match.is_ok()) return match;
  return request;
}

Status not_pinned(const Request& request) {
  if (!request.pinned) return Status::ok();
  return Status::conflict("booking", "the programme office has fixed this challenge to " + week_words(request.pinned->week) +
                                         "; ask them to move it")
      .with_reason("pinned", "H12");
}

Status check_week_in_window(const Scenario& scenario, const Request& request, Date week) {
  Date first = std::max(scenario.window.start, request.earliest.value_or(scenario.window.start));
  Date last = std::min(scenario.window.end, request.latest.value_or(scenario.window.end));
  if (week + boost::gregorian::days(4) < first || week > last)
    return Status::invalid("week", capitalised(week_words(monday_of(week))) + " is outside the dates of this challenge, " +
                                       range_words(first, last))
        .with_reason("outside_request_dates", "H2");
  return Status::ok();
}

Status not_booked() {
  return Status::not_found("booking", "this challenge is not booked").with_reason("not_booked", "");
}

// A booked request that follows this one (H13), if any.
const Assignment* booked_follow_up(const Draft& d, const std::string& request_id) {
  for (const Request& r : d.scenario().requests)
    if (r.follows && r.follows->request == request_id)
      if (const Assignment* a = d.booking(r.id)) return a;
  return nullptr;
}

// A corporate challenge's progress review, about 10 months after it
// (contract `follows`, 36 to 56 weeks), with the same team shape and so,
// by the continuity cost, preferably the same peers; 2 days on site.
// Added once, when the challenge is first booked, if it has none and the
// programme's window reaches that far.
void add_progress_review(Draft& d, const Request& challenge, Date week) {
  if (challenge.kind != "corporate") return;
  for (const Request& r : d.scenario().requests)
    if (r.follows && r.follows->request == challenge.id) return;
  Follows follows{challenge.id, 36, 56};
  if (week + boost::gregorian::weeks(follows.min_weeks) > d.scenario().window.end) return;
  std::string id = challenge.id + "-PR";
  if (d.scenario().find_request(id)) return;
  Request review;
  review.id = id;
  review.council = challenge.council;
  review.kind = "review";
  review.days = 2;
  review.team = challenge.team;
  review.priority = challenge.priority;
  review.civil_servants = challenge.civil_servants;
  review.follows = follows;
  d.add_request(std::move(review));
}

// Places (or moves) the request into `week` with the engine's proposed team.
Status place(Draft& d, const Request& request, Date week) {
  Status in_window = check_week_in_window(d.scenario(), request, week);
  if (!in_window.is_ok()) return in_window;
  auto option = d.base().booking_cache->option_in_week(d.base(), request.id, week);
  if (!option.is_ok()) return option.status();
  d.book({request.id, week, option.value().peers});
  return Status::ok();
}

}  // namespace

Status set_blackouts(Draft& d, const User& who, const std::string& council_id, const std::vector<DateRange>& blackouts,
                     const Precondition& expected) {
  auto council = council_for(d.scenario(), who, council_id);
  if (!council.is_ok()) return council.status();
  Status match = expected.check(council_json(*council.value()));
  if (!match.is_ok()) return match;
  Status in_span = check_in_span(blackouts, programme_span(d.scenario().window), "blackouts");
  if (!in_span.is_ok()) return in_span;
  d.edit_council(council_id)->blackouts = blackouts;
  return Status::ok();
}

Status edit_request(Draft& d, const User& who, const std::string& request_id, const RequestEdit& edit,
                    const Precondition& expected) {
  auto request = own_request(d, who, request_id, expected);
  if (!request.is_ok()) return request.status();
  if (edit.preferred) {
    Status in_span = check_in_span(*edit.preferred, programme_span(d.scenario().window), "preferred");
    if (!in_span.is_ok()) return in_span;
  }
  Request* r = d.edit_request(request_id);
  if (edit.preferred) r->preferred = *edit.preferred;
  if (edit.focus) r->focus = *edit.focus;
  return Status::ok();
}

Status book(Draft& d, const User& who, const std::string& request_id, Date week, const Precondition& expected) {
  auto request = own_request(d, who, request_id, expected);
  if (!request.is_ok()) return request.status();
  if (const Assignment* current = d.booking(request_id))
    return Status::conflict("booking", "this challenge is already booked for " + week_words(current->week) +
                                           "; change the booking (PUT) to move it")
        .with_reason("already_booked", "H1");
  Status pinned = not_pinned(*request.value());
  if (!pinned.is_ok()) return pinned;
  Request challenge = *request.value();  // the draft's scenario may be copied below
  Status placed = place(d, challenge, week);
  if (placed.is_ok()) add_progress_review(d, challenge, week);
  return placed;
}

Status reschedule(Draft& d, const User& who, const std::string& request_id, Date week, const Precondition& expected) {
  auto request = own_request(d, who, request_id, expected);
  if (!request.is_ok()) return request.status();
  if (!d.booking(request_id)) return not_booked();
  Status pinned = not_pinned(*request.value());
  if (!pinned.is_ok()) return pinned;
  return place(d, *request.value(), week);
}

Status cancel(Draft& d, const User& who, const std::string& request_id, const Precondition& expected) {
  auto request = own_request(d, who, request_id, expected);
  if (!request.is_ok()) return request.status();
  if (!d.booking(request_id)) return not_booked();
  Status pinned = not_pinned(*request.value());
  if (!pinned.is_ok()) return pinned;
  if (const Assignment* review = booked_follow_up(d, request_id))
    return Status::conflict("booking", "the progress review that follows this challenge is booked for " + week_words(review->week) +
                                           "; cancel the review first")
        .with_reason("follow_up_booked", "H13");
  d.cancel(request_id);
  return Status::ok();
}

}  // namespace peerslot::service
