// routes_council.cpp — what a council does: look after its details and
// requests, see the usable weeks with the engine's ranked options, and book,
// reschedule or cancel (service/council_operations.h holds the rules). The
// office may do all of it for any council.
//
// The booking is part of its request's representation, so the request's
// ETag (GET /requests/{id}) is what If-Match on the booking compares with.
// The weeks page comes from the State's BookingCache: computed and rendered
// once per published State and request, then shared by every reader.
#include "engine/json_text.h"
#include "http/change_reply.h"
#include "http/input.h"
#include "http/list_reply.h"
#include "http/routes.h"
#include "service/access.h"
#include "service/booking_cache.h"
#include "service/collections.h"
#include "service/council_operations.h"
#include "service/ical.h"
#include "service/option_words.h"
#include "service/representations.h"

#include <algorithm>

namespace peerslot::http {

namespace {

using service::Draft;
using service::Service;
using service::State;

const std::vector<std::string> kCouncilRoles = {"council", "office"};

Representation request_of(const std::string& id) {
  return [id](const State& s) { return service::request_json(s, *s.scenario->find_request(id)); };
}

HttpReply get_council(const Call& call, Service& service) {
  auto council = service::council_for(*service.state()->scenario, call.user, call.params[0]);
  if (!council.is_ok()) return problem(council.status());
  return resource_reply(service::council_json(*council.value()));
}

HttpReply patch_council(const Call& call, Service& service) {
  if (auto refused = access_refused(call, service, Subject::kCouncil)) return *refused;
  Status fields = only_fields(call.body, {"blackouts"});
  auto blackouts = read_ranges(call.body, "blackouts");
  if (!fields.is_ok() || !blackouts.is_ok()) return problem(fields.is_ok() ? blackouts.status() : fields);
  std::string id = call.params[0];
  return change_reply(call, service, "set blackouts of " + id,
                      [&](Draft& d) { return service::set_blackouts(d, call.user, id, blackouts.value(), call.precondition()); },
                      [id](const State& s) { return service::council_json(*s.scenario->find_council(id)); });
}

// A page of requests: of the council the path names, or (the office) of
// the council the query names, or of every council.
HttpReply list_requests(const Call& call, Service& service, bool council_in_path) {
  service::StatePtr state = service.state();
  service::RequestFilter filter{call.request.get_param_value("council"), call.request.get_param_value("kind"),
                                call.request.get_param_value("status")};
  if (council_in_path) {
    auto council = service::council_for(*state->scenario, call.user, call.params[0]);
    if (!council.is_ok()) return problem(council.status());
    filter.council = council.value()->id;
  }
  auto page = page_query(call, "requests");
  if (!page.is_ok()) return problem(page.status());
  auto found = service::list_requests(*state, call.user, filter, page.value());
  if (!found.is_ok()) return problem(found.status());
  return page_reply("requests", found.value(), [&](const Request* r) { return service::request_json(*state, *r); });
}

HttpReply list_councils(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  service::CouncilFilter filter{call.request.get_param_value("name"), call.request.get_param_value("type"),
                                call.request.get_param_value("region"), call.request.get_param_value("control")};
  auto page = page_query(call, "councils");
  if (!page.is_ok()) return problem(page.status());
  auto found = service::list_councils(*state, call.user, filter, page.value());
  if (!found.is_ok()) return problem(found.status());
  return page_reply("councils", found.value(), [](const Council* c) { return service::council_json(*c); });
}

HttpReply get_request(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  auto request = service::request_for(*state->scenario, call.user, call.params[0]);
  if (!request.is_ok()) return problem(request.status());
  return resource_reply(service::request_json(*state, *request.value()));
}

HttpReply patch_request(const Call& call, Service& service) {
  if (auto refused = access_refused(call, service, Subject::kRequest)) return *refused;
  Status fields = only_fields(call.body, {"preferred", "focus"});
  if (!fields.is_ok()) return problem(fields);
  service::RequestEdit edit;
  if (call.body.contains("preferred")) {
    auto read = read_ranges(call.body, "preferred");
    if (!read.is_ok()) return problem(read.status());
    edit.preferred = read.value();
  }
  if (call.body.contains("focus")) {
    auto read = read_strings(call.body, "focus");
    if (!read.is_ok()) return problem(read.status());
    edit.focus = read.value();
  }
  std::string id = call.params[0];
  return change_reply(call, service, "edit request " + id,
                      [&](Draft& d) { return service::edit_request(d, call.user, id, edit, call.precondition()); },
                      request_of(id));
}

nlohmann::json team_json(const State& state, const std::vector<std::string>& peers) {
  nlohmann::json team = nlohmann::json::array();
  for (const std::string& p : peers) team.push_back(service::team_member_json(*state.scenario, p));
  return team;
}

// The options a council may choose from: the booked week is not one.
std::vector<BookingOption> offered(const BookingAnswer& answer) {
  std::vector<BookingOption> out;
  for (const BookingOption& o : answer.options)
    if (!answer.current_week || o.week != *answer.current_week) out.push_back(o);
  return out;
}

// One week of the weeks page: booked, free (with the proposed team), full
// (every challenge place is taken) or blocked, with why in words and as
// code and rule. `delta` (the change of the plan's cost) is for programs.
nlohmann::json week_entry(const State& state, Date week, const BookingAnswer& answer, bool office) {
  nlohmann::json entry = {{"week", to_iso(week)}};
  if (answer.current_week && *answer.current_week == week) {
    entry["status"] = "booked";
    return entry;
  }
  for (const BookingOption& o : answer.options) {
    if (o.week != week) continue;
    entry.update({{"status", "free"}, {"delta", o.delta}, {"team", team_json(state, o.peers)}});
    return entry;
  }
  for (const BlockedWeek& b : answer.blocked) {
    if (b.week != week) continue;
    entry["status"] = b.reason.code == "week_full" ? "full" : "blocked";
    entry.update(service::reason_json(b.reason, office));
  }
  return entry;
}

nlohmann::json weeks_page(const State& state, const Request& request, const BookingAnswer& answer, bool office) {
  std::vector<Date> weeks;
  for (const BookingOption& o : answer.options) weeks.push_back(o.week);
  for (const BlockedWeek& b : answer.blocked) weeks.push_back(b.week);
  std::sort(weeks.begin(), weeks.end());
  weeks.erase(std::unique(weeks.begin(), weeks.end()), weeks.end());
  nlohmann::json out = {{"request", request.id},
                        {"booked_week", answer.current_week ? nlohmann::json(to_iso(*answer.current_week)) : nlohmann::json(nullptr)},
                        {"weeks", nlohmann::json::array()},
                        {"options", nlohmann::json::array()}};
  for (Date w : weeks) out["weeks"].push_back(week_entry(state, w, answer, office));
  std::vector<BookingOption> options = offered(answer);
  if (options.size() > 5) options.resize(5);
  for (std::size_t i = 0; i < options.size(); ++i) {
    const BookingOption& o = options[i];
    out["options"].push_back({{"week", to_iso(o.week)},
                              {"rank", i + 1},
                              {"reasons", service::option_reasons(*state.scenario, request, options, i)},
                              {"delta", o.delta},
                              {"preference", o.preference},
                              {"team", team_json(state, o.peers)}});
  }
  return out;
}

HttpReply request_weeks(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  auto request = service::request_for(*state->scenario, call.user, call.params[0]);
  if (!request.is_ok()) return problem(request.status());
  bool office = call.user.role == "office";
  auto render = [&](const BookingAnswer& answer) { return json_text(weeks_page(*state, *request.value(), answer, office)); };
  auto page = state->booking_cache->rendered_weeks(*state, request.value()->id, call.user.role, render);
  if (!page.is_ok()) return problem(page.status());
  return {200, "application/json", *page.value(), {}, {}};
}

HttpReply booking_calendar(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  auto request = service::request_for(*state->scenario, call.user, call.params[0]);
  if (!request.is_ok()) return problem(request.status());
  if (!service::find_booking(*state, request.value()->id)) return problem(404, "", "this request is not booked");
  return {200, "text/calendar; charset=utf-8", service::booking_calendar(*state, request.value()->id),
          {{"Content-Disposition", "attachment; filename=\"" + request.value()->id + ".ics\""}}, {}};
}

HttpReply book(const Call& call, Service& service, bool reschedule) {
  if (auto refused = access_refused(call, service, Subject::kRequest)) return *refused;
  Status fields = only_fields(call.body, {"week"});
  auto week = read_monday(call.body, "week");
  if (!fields.is_ok() || !week.is_ok()) return problem(fields.is_ok() ? week.status() : fields);
  std::string id = call.params[0];
  auto operation = [&](Draft& d) {
    return reschedule ? service::reschedule(d, call.user, id, week.value(), call.precondition())
                      : service::book(d, call.user, id, week.value(), call.precondition());
  };
  std::string action = (reschedule ? "reschedule " : "book ") + id + " in " + to_iso(week.value());
  return change_reply(call, service, action, operation, request_of(id), {reschedule ? 200 : 201, false, !reschedule});
}

HttpReply cancel(const Call& call, Service& service) {
  std::string id = call.params[0];
  return change_reply(call, service, "cancel " + id,
                      [&](Draft& d) { return service::cancel(d, call.user, id, call.precondition()); }, request_of(id),
                      {200, false, false});
}

}  // namespace

void add_council_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"GET", "/councils/{id}", "read a council", kCouncilRoles, Body::kNone,
              [s](const Call& c) { return get_council(c, *s); }, {200, "Council", "", "", {404}}});
  router.add({"PATCH", "/councils/{id}", "set a council's blackouts", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return patch_council(c, *s); }, {200, "Council", "", "CouncilChange", {404, 409, 412, 422}}});
  router.add({"GET", "/councils", "list the councils (?name=&type=&region=&control=&limit=&cursor=)", kOffice, Body::kNone,
              [s](const Call& c) { return list_councils(c, *s); }, {200, "CouncilList", "", "", {422}, "CouncilQuery"}});
  router.add({"GET", "/councils/{id}/requests", "list a council's requests and bookings (?kind=&status=&limit=&cursor=)",
              kCouncilRoles, Body::kNone, [s](const Call& c) { return list_requests(c, *s, true); },
              {200, "RequestList", "", "", {404, 422}, "CouncilRequestQuery"}});
  router.add({"GET", "/requests", "list every council's requests and bookings (?council=&kind=&status=&limit=&cursor=)",
              kOffice, Body::kNone, [s](const Call& c) { return list_requests(c, *s, false); },
              {200, "RequestList", "", "", {422}, "RequestQuery"}});
  router.add({"GET", "/requests/{id}", "read a request and its booking", kCouncilRoles, Body::kNone,
              [s](const Call& c) { return get_request(c, *s); }, {200, "Request", "", "", {404}}});
  router.add({"PATCH", "/requests/{id}", "set a request's preferred periods and focus areas", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return patch_request(c, *s); }, {200, "Request", "", "RequestChange", {404, 409, 412, 422}}});
  router.add({"GET", "/requests/{id}/weeks", "list a request's weeks with status and ranked options", kCouncilRoles,
              Body::kNone, [s](const Call& c) { return request_weeks(c, *s); }, {200, "Weeks", "", "", {404}}});
  router.add({"GET", "/requests/{id}/booking.ics", "read a booking's days and milestones as a calendar file", kCouncilRoles,
              Body::kNone, [s](const Call& c) { return booking_calendar(c, *s); }, {200, "", "text/calendar", "", {404}}});
  router.add({"POST", "/requests/{id}/booking", "book a week", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return book(c, *s, false); }, {201, "Request", "", "BookingChoice", {404, 409, 412, 422}}});
  router.add({"PUT", "/requests/{id}/booking", "reschedule a booking", kCouncilRoles, Body::kJson,
              [s](const Call& c) { return book(c, *s, true); }, {200, "Request", "", "BookingChoice", {404, 409, 412, 422}}});
  router.add({"DELETE", "/requests/{id}/booking", "cancel a booking", kCouncilRoles, Body::kNone,
              [s](const Call& c) { return cancel(c, *s); }, {200, "Request", "", "", {404, 409, 412}}});
}

}  // namespace peerslot::http
