// routes_peer.cpp — what a peer does: offer and withdraw availability, set
// its day cap, skills and conflicts, see its assignments, accept or decline
// (service/peer_operations.h holds the rules). The office may do all of it
// for any peer.
#include "engine/words.h"
#include "http/change_reply.h"
#include "http/input.h"
#include "http/list_reply.h"
#include "http/routes.h"
#include "service/access.h"
#include "service/collections.h"
#include "service/peer_operations.h"
#include "service/representations.h"

namespace peerslot::http {

namespace {

using service::Draft;
using service::Service;
using service::State;

const std::vector<std::string> kPeerRoles = {"peer", "office"};

Representation peer_of(const std::string& id) {
  return [id](const State& s) { return service::peer_json(*s.scenario->find_peer(id)); };
}

HttpReply get_peer(const Call& call, Service& service) {
  auto peer = service::peer_for(*service.state()->scenario, call.user, call.params[0]);
  if (!peer.is_ok()) return problem(peer.status());
  return resource_reply(service::peer_json(*peer.value()));
}

Result<service::PeerEdit> read_peer_edit(const nlohmann::json& body) {
  Status fields = only_fields(body, {"max_days_per_year", "skills", "conflicts"});
  if (!fields.is_ok()) return fields;
  service::PeerEdit edit;
  if (body.contains("max_days_per_year")) {
    auto read = read_optional_int(body, "max_days_per_year", 0, 366);
    if (!read.is_ok()) return read.status();
    edit.max_days_per_year = read.value();
  }
  for (auto [name, target] : {std::pair{"skills", &edit.skills}, std::pair{"conflicts", &edit.conflicts}}) {
    if (!body.contains(name)) continue;
    auto read = read_strings(body, name);
    if (!read.is_ok()) return read.status();
    *target = read.value();
  }
  return edit;
}

HttpReply patch_peer(const Call& call, Service& service) {
  if (auto refused = access_refused(call, service, Subject::kPeer)) return *refused;
  auto edit = read_peer_edit(call.body);
  if (!edit.is_ok()) return problem(edit.status());
  std::string id = call.params[0];
  return change_reply(call, service, "edit peer " + id,
                      [&](Draft& d) { return service::edit_peer(d, call.user, id, edit.value(), call.precondition()); },
                      peer_of(id));
}

HttpReply change_availability(const Call& call, Service& service, bool offer) {
  if (auto refused = access_refused(call, service, Subject::kPeer)) return *refused;
  Status fields = only_fields(call.body, {"start", "end"});
  auto start = read_date(call.body, "start");
  auto end = read_date(call.body, "end");
  Status bad = !fields.is_ok() ? fields : !start.is_ok() ? start.status() : end.status();
  if (!bad.is_ok()) return problem(bad);
  DateRange range{start.value(), end.value()};
  std::string id = call.params[0];
  auto operation = [&](Draft& d) {
    return offer ? service::offer_availability(d, call.user, id, range, call.precondition())
                 : service::withdraw_availability(d, call.user, id, range, call.precondition());
  };
  return change_reply(call, service, (offer ? "offer availability " : "withdraw availability ") + id, operation, peer_of(id));
}

nlohmann::json assignment_json(const State& state, const Assignment& a, const std::string& peer) {
  const Request& r = *state.scenario->find_request(a.request);
  bool accepted = service::has_accepted(state, a.request, peer);
  nlohmann::json view = service::booking_view_json(state, r, a);
  return {{"request", r.id},   {"council", r.council}, {"council_name", state.scenario->find_council(r.council)->name},
          {"kind", r.kind},    {"title", capitalised(kind_words(r.kind))}, {"week", to_iso(a.week)},
          {"days", view["on_site"]},      {"status", accepted ? "accepted" : "proposed"}, {"reference", view["reference"]},
          {"milestones", view["milestones"]}, {"team", view["peers"]}};
}

HttpReply list_assignments(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  const std::string& peer = call.params[0];
  auto from = query_day(call, "from");
  auto to = query_day(call, "to");
  auto page = page_query(call, "assignments");
  Status bad = !from.is_ok() ? from.status() : !to.is_ok() ? to.status() : page.status();
  if (!bad.is_ok()) return problem(bad);
  service::AssignmentFilter filter{call.request.get_param_value("status"), from.value(), to.value()};
  auto found = service::list_assignments(*state, call.user, peer, filter, page.value());
  if (!found.is_ok()) return problem(found.status());
  return page_reply("assignments", found.value(), [&](const Assignment* a) { return assignment_json(*state, *a, peer); });
}

HttpReply list_peers(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  auto param = [&](const char* name) { return call.request.get_param_value(name); };
  service::PeerFilter filter{param("name"), param("role"), param("party"), param("council"), param("region"), param("skill")};
  auto page = page_query(call, "peers");
  if (!page.is_ok()) return problem(page.status());
  auto found = service::list_peers(*state, call.user, filter, page.value());
  if (!found.is_ok()) return problem(found.status());
  return page_reply("peers", found.value(), [](const Peer* p) { return service::peer_json(*p); });
}

HttpReply answer_assignment(const Call& call, Service& service, bool accept) {
  std::string id = call.params[0];
  std::string request = call.params[1];
  auto operation = [&](Draft& d) {
    return accept ? service::accept(d, call.user, id, request) : service::decline(d, call.user, id, request);
  };
  auto representation = [&](const State& s) {
    const Assignment* a = service::find_booking(s, request);
    return nlohmann::json{{"request", request}, {"peer", id}, {"decision", accept ? "accepted" : "declined"},
                          {"booking", a ? service::booking_view_json(s, *s.scenario->find_request(request), *a) : nlohmann::json(nullptr)}};
  };
  return change_reply(call, service, (accept ? "accept " : "decline ") + request + " as " + id, operation, representation,
                      {200, false, false});
}

}  // namespace

void add_peer_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"GET", "/peers/{id}", "read a peer", kPeerRoles, Body::kNone, [s](const Call& c) { return get_peer(c, *s); }, {200, "Peer", "", "", {404}}});
  router.add({"PATCH", "/peers/{id}", "set a peer's day cap, skills and conflicts", kPeerRoles, Body::kJson,
              [s](const Call& c) { return patch_peer(c, *s); }, {200, "Peer", "", "PeerChange", {404, 409, 412, 422}}});
  router.add({"POST", "/peers/{id}/availability", "offer availability (a date range)", kPeerRoles, Body::kJson,
              [s](const Call& c) { return change_availability(c, *s, true); }, {200, "Peer", "", "DateRange", {404, 409, 412, 422}}});
  router.add({"POST", "/peers/{id}/availability/withdraw", "withdraw availability (a date range)", kPeerRoles, Body::kJson,
              [s](const Call& c) { return change_availability(c, *s, false); }, {200, "Peer", "", "DateRange", {404, 409, 412, 422}}});
  router.add({"GET", "/peers", "list the peers (?name=&role=&party=&council=&region=&skill=&limit=&cursor=)", kOffice,
              Body::kNone, [s](const Call& c) { return list_peers(c, *s); }, {200, "PeerList", "", "", {422}, "PeerQuery"}});
  router.add({"GET", "/peers/{id}/assignments", "list a peer's assignments by week (?status=&from=&to=&limit=&cursor=)",
              kPeerRoles, Body::kNone, [s](const Call& c) { return list_assignments(c, *s); },
              {200, "AssignmentList", "", "", {404, 422}, "AssignmentQuery"}});
  router.add({"POST", "/peers/{id}/assignments/{request}/accept", "accept an assignment", kPeerRoles, Body::kNone,
              [s](const Call& c) { return answer_assignment(c, *s, true); }, {200, "Decision", "", "", {404, 409}}});
  router.add({"POST", "/peers/{id}/assignments/{request}/decline", "decline an assignment", kPeerRoles, Body::kNone,
              [s](const Call& c) { return answer_assignment(c, *s, false); }, {200, "Decision", "", "", {404, 409}}});
}

}  // namespace peerslot::http
