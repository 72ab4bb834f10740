// routes_council.cpp — what a council does: look after its details and
// requests, see the usable weeks with the engine's ranked options, and book,
// reschedule or cancel. The office may do all of it for any council.
//
// The booking is part of its request's representation, so the request's
// ETag (GET /requests/{id}) is what If-Match on the booking compares with.
//
// Booking is judged twice: first by BookingOptions (the week must be one of
// the request's feasible options as the plan stands, which also proposes the
// team), then, like every change, by the checker over the whole new plan
// inside the service's single writer, so two councils racing for the last
// place in a week cannot both get it.
#include "engine/booking_options.h"
#include "http/input.h"
#include "http/representations.h"
#include "http/routes.h"

namespace peerslot::http {

namespace {

const std::vector<std::string> kCouncilRoles = {"council", "office"};

std::string week_reason(const BookingAnswer& answer, Date week) {
  for (const BlockedWeek& b : answer.blocked)
    if (b.week == week) return b.reason;
  return "outside the request's window";
}

// The feasible option for `week`, or a conflict naming why the week is not possible.
Result<BookingOption> option_for(const State& state, const std::string& request_id, Date week) {
  BookingOptions booking(*state.problem);
  Status loaded = booking.load_plan(state.plan);
  if (!loaded.is_ok()) return loaded;
  auto answer = booking.options(request_id, state.problem->week_count());
  if (!answer.is_ok()) return answer.status();
  for (const BookingOption& o : answer.value().options)
    if (o.week == week) return o;
  return Status::conflict("week: " + to_iso(week) + " is not possible: " + week_reason(answer.value(), week));
}

Status check_week_in_window(const Scenario& scenario, const Request& request, Date week) {
  Date first = std::max(scenario.window.start, request.earliest.value_or(scenario.window.start));
  Date last = std::min(scenario.window.end, request.latest.value_or(scenario.window.end));
  if (week + boost::gregorian::days(4) < first || week > last)
    return Status::invalid("week: " + to_iso(week) + " is outside the request's window " + to_iso(first) + ".." +
                           to_iso(last));
  return Status::ok();
}

// Looks up the request named by the first path parameter and checks the
// caller acts for its council; sets *refusal otherwise.
const Request* own_request(const Call& call, const State& state, HttpReply* refusal) {
  const Request* request = state.scenario->find_request(call.params[0]);
  if (!request) *refusal = problem(404, "id", "request " + call.params[0] + " does not exist");
  else if (!acts_for_council(call.user, request->council)) *refusal = forbidden("request " + request->id);
  return request && acts_for_council(call.user, request->council) ? request : nullptr;
}

const Council* own_council(const Call& call, const State& state, HttpReply* refusal) {
  const Council* council = state.scenario->find_council(call.params[0]);
  if (!council) *refusal = problem(404, "id", "council " + call.params[0] + " does not exist");
  else if (!acts_for_council(call.user, council->id)) *refusal = forbidden("council " + council->id);
  return council && acts_for_council(call.user, council->id) ? council : nullptr;
}

Service::Render render_request(const std::string& id, int status) {
  return [id, status](const State& s) { return Reply{status, request_json(s, *s.scenario->find_request(id))}; };
}

HttpReply get_council(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Council* council = own_council(call, *state, &refusal);
  if (!council) return refusal;
  nlohmann::json body = council_json(*council);
  return with_etag(json_reply(200, body), body);
}

HttpReply patch_council(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Council* council = own_council(call, *state, &refusal);
  if (!council) return refusal;
  Status fields = only_fields(call.body, {"blackouts"});
  auto blackouts = read_ranges(call.body, "blackouts");
  if (!fields.is_ok() || !blackouts.is_ok()) return problem(fields.is_ok() ? blackouts.status() : fields);
  Status in_span = check_in_span(blackouts.value(), programme_span(state->scenario->window), "blackouts");
  if (!in_span.is_ok()) return problem(in_span);
  std::string id = council->id;
  auto edit = [&](Draft& d) {
    if (!d.scenario().find_council(id)) return Status::not_found("id: council " + id + " no longer exists");
    Status match = check_if_match(call, council_json(*d.scenario().find_council(id)));
    if (!match.is_ok()) return match;
    Scenario& s = d.edit_scenario();
    s.councils[s.council_index.at(id)].blackouts = blackouts.value();
    return Status::ok();
  };
  auto render = [&](const State& s) { return Reply{200, council_json(*s.scenario->find_council(id))}; };
  auto result = service.change(call.actor(), "set blackouts of " + id, edit, render);
  return etag_reply_of(result);
}

HttpReply list_council_requests(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Council* council = own_council(call, *state, &refusal);
  if (!council) return refusal;
  nlohmann::json out = nlohmann::json::array();
  for (const Request& r : state->scenario->requests)
    if (r.council == council->id) out.push_back(request_json(*state, r));
  return json_reply(200, out);
}

HttpReply get_request(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Request* request = own_request(call, *state, &refusal);
  if (!request) return refusal;
  nlohmann::json body = request_json(*state, *request);
  return with_etag(json_reply(200, body), body);
}

HttpReply patch_request(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Request* request = own_request(call, *state, &refusal);
  if (!request) return refusal;
  Status fields = only_fields(call.body, {"preferred", "focus"});
  if (!fields.is_ok()) return problem(fields);
  std::optional<std::vector<DateRange>> preferred;
  std::optional<std::vector<std::string>> focus;
  if (call.body.contains("preferred")) {
    auto read = read_ranges(call.body, "preferred");
    if (!read.is_ok()) return problem(read.status());
    Status in_span = check_in_span(read.value(), programme_span(state->scenario->window), "preferred");
    if (!in_span.is_ok()) return problem(in_span);
    preferred = read.value();
  }
  if (call.body.contains("focus")) {
    auto read = read_strings(call.body, "focus");
    if (!read.is_ok()) return problem(read.status());
    focus = read.value();
  }
  std::string id = request->id;
  auto edit = [&](Draft& d) {
    if (!d.scenario().find_request(id)) return Status::not_found("id: request " + id + " no longer exists");
    Status match = check_if_match(call, request_json(d.base(), *d.scenario().find_request(id)));
    if (!match.is_ok()) return match;
    Scenario& s = d.edit_scenario();
    Request& r = s.requests[s.request_index.at(id)];
    if (preferred) r.preferred = *preferred;
    if (focus) r.focus = *focus;
    return Status::ok();
  };
  auto result = service.change(call.actor(), "edit request " + id, edit, render_request(id, 200));
  return etag_reply_of(result);
}

nlohmann::json week_entry(const State& state, const Request& request, Date week, const BookingAnswer& answer) {
  nlohmann::json entry = {{"week", to_iso(week)}};
  if (answer.current_week && *answer.current_week == week) entry["status"] = "booked";
  for (const BookingOption& o : answer.options)
    if (o.week == week && !entry.contains("status"))
      entry.update({{"status", "free"}, {"delta", o.delta}, {"team", o.peers}});
  if (entry.contains("status")) return entry;
  int in_week = 0;
  for (const Assignment& a : state.plan.assignments) in_week += a.week == week && a.request != request.id;
  bool full = state.scenario->max_challenges_per_week && in_week >= *state.scenario->max_challenges_per_week;
  entry["status"] = full ? "full" : "blocked";
  entry["reason"] = week_reason(answer, week);
  return entry;
}

HttpReply request_weeks(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Request* request = own_request(call, *state, &refusal);
  if (!request) return refusal;
  BookingOptions booking(*state->problem);
  Status loaded = booking.load_plan(state->plan);
  auto answer = loaded.is_ok() ? booking.options(request->id, state->problem->week_count()) : Result<BookingAnswer>(loaded);
  if (!answer.is_ok()) return problem(answer.status());
  std::vector<Date> weeks;
  for (const BookingOption& o : answer.value().options) weeks.push_back(o.week);
  for (const BlockedWeek& b : answer.value().blocked) weeks.push_back(b.week);
  std::sort(weeks.begin(), weeks.end());
  weeks.erase(std::unique(weeks.begin(), weeks.end()), weeks.end());
  nlohmann::json out = {{"request", request->id}, {"weeks", nlohmann::json::array()}, {"options", nlohmann::json::array()}};
  for (Date w : weeks) out["weeks"].push_back(week_entry(*state, *request, w, answer.value()));
  for (std::size_t i = 0; i < answer.value().options.size() && i < 5; ++i) {
    const BookingOption& o = answer.value().options[i];
    out["options"].push_back({{"week", to_iso(o.week)}, {"delta", o.delta}, {"preference", o.preference}, {"team", o.peers}});
  }
  return json_reply(200, out);
}

// Places (or moves) the request into `week` with the engine's proposed team.
Status place(Draft& d, const std::string& id, Date week) {
  auto option = option_for(d.base(), id, week);
  if (!option.is_ok()) return option.status();
  Assignment* current = d.find(id);
  if (current && current->week != week) d.accepted().erase(id);
  if (current) {
    current->week = week;
    current->peers = option.value().peers;
  } else {
    d.bookings().push_back({id, week, option.value().peers});
  }
  if (auto a = d.accepted().find(id); a != d.accepted().end())
    std::erase_if(a->second, [&](const std::string& p) { return std::count(option.value().peers.begin(), option.value().peers.end(), p) == 0; });
  return Status::ok();
}

HttpReply book(const Call& call, Service& service, bool reschedule) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Request* request = own_request(call, *state, &refusal);
  if (!request) return refusal;
  Status fields = only_fields(call.body, {"week"});
  auto week = read_monday(call.body, "week");
  if (!fields.is_ok() || !week.is_ok()) return problem(fields.is_ok() ? week.status() : fields);
  Status in_window = check_week_in_window(*state->scenario, *request, week.value());
  if (!in_window.is_ok()) return problem(in_window);
  std::string id = request->id;
  auto edit = [&](Draft& d) {
    if (!d.scenario().find_request(id)) return Status::not_found("id: request " + id + " no longer exists");
    const Assignment* current = find_booking(d.base(), id);
    if (!reschedule && current)
      return Status::conflict("booking: " + id + " is already booked for the week of " + to_iso(current->week) +
                              "; PUT the booking to reschedule");
    if (reschedule && !current) return Status::not_found("booking: " + id + " is not booked");
    Status match = check_if_match(call, request_json(d.base(), *d.scenario().find_request(id)));
    if (!match.is_ok()) return match;
    if (d.scenario().find_request(id)->pinned) return Status::conflict("booking: " + id + " is pinned by the programme office");
    return place(d, id, week.value());
  };
  auto result = service.change(call.actor(), (reschedule ? "reschedule " : "book ") + id + " in " + to_iso(week.value()),
                               edit, render_request(id, reschedule ? 200 : 201),
                               reschedule ? std::nullopt : call.idempotency_key());
  return reply_of(result);
}

HttpReply cancel(const Call& call, Service& service) {
  StatePtr state = service.state();
  HttpReply refusal;
  const Request* request = own_request(call, *state, &refusal);
  if (!request) return refusal;
  std::string id = request->id;
  auto edit = [&](Draft& d) {
    if (!d.scenario().find_request(id)) return Status::not_found("id: request " + id + " no longer exists");
    const Assignment* current = find_booking(d.base(), id);
    if (!current) return Status::not_found("booking: " + id + " is not booked");
    Status match = check_if_match(call, request_json(d.base(), *d.scenario().find_request(id)));
    if (!match.is_ok()) return match;
    if (d.scenario().find_request(id)->pinned) return Status::conflict("booking: " + id + " is pinned by the programme office");
    d.remove(id);
    return Status::ok();
  };
  return reply_of(service.change(call.actor(), "cancel " + id, edit, render_request(id, 200)));
}

}  // namespace

void add_council_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"GET", "/councils/{id}", "read a council", kCouncilRoles, Body::kNone,
              [s](const Call& c) { return get_council(c, *s); }});
  router.add({"PATCH", "/councils/{id}", "set a council's blackouts", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return patch_council(c, *s); }});
  router.add({"GET", "/councils/{id}/requests", "list a council's requests and bookings", kCouncilRoles, Body::kNone,
              [s](const Call& c) { return list_council_requests(c, *s); }});
  router.add({"GET", "/requests/{id}", "read a request and its booking", kCouncilRoles, Body::kNone,
              [s](const Call& c) { return get_request(c, *s); }});
  router.add({"PATCH", "/requests/{id}", "set a request's preferred periods and focus areas", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return patch_request(c, *s); }});
  router.add({"GET", "/requests/{id}/weeks", "list a request's weeks with status and ranked options", kCouncilRoles,
              Body::kNone, [s](const Call& c) { return request_weeks(c, *s); }});
  router.add({"POST", "/requests/{id}/booking", "book a week", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return book(c, *s, false); }});
  router.add({"PUT", "/requests/{id}/booking", "reschedule a booking", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return book(c, *s, true); }});
  router.add({"DELETE", "/requests/{id}/booking", "cancel a booking", kCouncilRoles, Body::kNone,
              [s](const Call& c) { return cancel(c, *s); }});
}

}  // namespace peerslot::http
