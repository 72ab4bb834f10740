// council_operations.cpp — each operation: find what it names as the caller
// may see it, check the caller's version, check the input against the
// programme, then edit the draft.
#include "service/council_operations.h"

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
  return Status::conflict("booking", request.id + " is pinned by the programme office");
}

Status check_week_in_window(const Scenario& scenario, const Request& request, Date week) {
  Date first = std::max(scenario.window.start, request.earliest.value_or(scenario.window.start));
  Date last = std::min(scenario.window.end, request.latest.value_or(scenario.window.end));
  if (week + boost::gregorian::days(4) < first || week > last)
    return Status::invalid("week", to_iso(week) + " is outside the request's window " + to_iso(first) + ".." + to_iso(last));
  return Status::ok();
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
    return Status::conflict("booking", request_id + " is already booked for the week of " + to_iso(current->week) +
                                           "; PUT the booking to reschedule");
  Status pinned = not_pinned(*request.value());
  if (!pinned.is_ok()) return pinned;
  return place(d, *request.value(), week);
}

Status reschedule(Draft& d, const User& who, const std::string& request_id, Date week, const Precondition& expected) {
  auto request = own_request(d, who, request_id, expected);
  if (!request.is_ok()) return request.status();
  if (!d.booking(request_id)) return Status::not_found("booking", request_id + " is not booked");
  Status pinned = not_pinned(*request.value());
  if (!pinned.is_ok()) return pinned;
  return place(d, *request.value(), week);
}

Status cancel(Draft& d, const User& who, const std::string& request_id, const Precondition& expected) {
  auto request = own_request(d, who, request_id, expected);
  if (!request.is_ok()) return request.status();
  if (!d.booking(request_id)) return Status::not_found("booking", request_id + " is not booked");
  Status pinned = not_pinned(*request.value());
  if (!pinned.is_ok()) return pinned;
  d.cancel(request_id);
  return Status::ok();
}

}  // namespace peerslot::service
