// routes_common.cpp — routes for everyone: health, the OpenAPI document,
// who am I, and the calendar feeds (authorised by their secret URL alone,
// because calendar clients cannot send bearer tokens).
#include "http/openapi.h"
#include "http/routes.h"
#include "service/group_view.h"
#include "service/ical.h"

namespace peerslot::http {

namespace {

using service::Service;
using service::StatePtr;


HttpReply healthz(Service& service) {
  StatePtr state = service.state();
  return json_reply(200, {{"status", "ok"}, {"bookings", state ? state->plan.assignments.size() : 0}});
}

// Who the caller is (the person's name and email), the name to greet them
// by (the council's, the peer's, or the group office's party), the
// programme's window (for calendars) and, when signed in with the session
// cookie, the CSRF token its changes must carry. A group office's entry also names its party and the group's
// slug for /groups/{group}.
HttpReply me(const Call& call, Service& service) {
  nlohmann::json body = {{"id", call.user.id}, {"name", call.user.name}, {"email", call.user.email}, {"role", call.user.role}};
  if (!call.csrf.empty()) body["csrf"] = call.csrf;
  if (!call.user.subject.empty()) body[call.user.role] = call.user.subject;
  body["display_name"] = call.user.role == "office" ? "Programme office" : call.user.name;
  if (call.user.role == "group") {
    body["party"] = call.user.subject;
    body["group"] = service::group_slug(call.user.subject);
    body["display_name"] = call.user.subject + " group office";
  }
  if (StatePtr state = service.state()) {
    body["window"] = {{"start", to_iso(state->scenario->window.start)}, {"end", to_iso(state->scenario->window.end)}};
    const Council* council = call.user.role == "council" ? state->scenario->find_council(call.user.subject) : nullptr;
    const Peer* peer = call.user.role == "peer" ? state->scenario->find_peer(call.user.subject) : nullptr;
    if (council) body["display_name"] = council->name;
    if (peer) body["display_name"] = peer->name;
  }
  return json_reply(200, body);
}

HttpReply new_calendar(const Call& call, Service& service) {
  if (call.user.role == "office" || call.user.role == "group")
    return problem(409, "", "only councils and peers have calendars of their own");
  auto path = service.new_feed(call.user.role, call.user.subject, call.actor());
  if (!path.is_ok()) return problem(path.status());
  return json_reply(201, {{"url", path.value()}});
}

HttpReply calendar(const Call& call, Service& service) {
  auto feed = service.feed_by_secret(call.params[0]);
  if (!feed) return problem(404, "", "no such calendar");
  StatePtr state = service.state();
  bool council = feed->kind == "council";
  bool exists = council ? state->scenario->find_council(feed->subject) != nullptr
                        : state->scenario->find_peer(feed->subject) != nullptr;
  if (!exists) return problem(404, "", "no such calendar");
  std::string text = council ? service::council_calendar(*state, feed->subject) : service::peer_calendar(*state, feed->subject);
  return {200, "text/calendar; charset=utf-8", text, {}, {}};
}

}  // namespace

void add_common_routes(Router& router, Service& service) {
  Service* s = &service;
  const Router* r = &router;
  router.add({"GET", "/healthz", "check the service is up", {}, Body::kNone, [s](const Call&) { return healthz(*s); }, {200, "Health", "", "", {}}});
  router.add({"GET", "/openapi.json", "read this API's OpenAPI document", {}, Body::kNone,
              [r](const Call&) { return json_reply(200, openapi_document(r->routes())); }, {200, "OpenApi", "", "", {}}});
  router.add({"GET", "/me", "read who the token belongs to", kEveryone, Body::kNone, [s](const Call& c) { return me(c, *s); }, {200, "Me", "", "", {}}});
  router.add({"POST", "/me/calendar", "make a new secret calendar feed URL", kEveryone, Body::kNone,
              [s](const Call& c) { return new_calendar(c, *s); }, {201, "Feed", "", "", {409}}});
  router.add({"GET", "/calendar/{secret}.ics", "read a calendar feed (iCalendar)", {}, Body::kNone,
              [s](const Call& c) { return calendar(c, *s); }, {200, "", "text/calendar", "", {404}}});
}

}  // namespace peerslot::http
