// routes_group.cpp — the political group offices: a group's councillor
// peers, their assignments and the challenges open to nomination; days by
// party against proportional share; nominate, approve and veto
// (service/group_operations.h holds the rules).
#include "http/change_reply.h"
#include "http/input.h"
#include "http/routes.h"
#include "service/access.h"
#include "service/group_operations.h"
#include "service/group_view.h"
#include "service/party_report.h"
#include "service/representations.h"

namespace peerslot::http {

namespace {

using service::Draft;
using service::Service;
using service::State;

const std::vector<std::string> kGroupRoles = {"group", "office"};

HttpReply get_group(const Call& call, Service& service) {
  service::StatePtr state = service.state();
  auto party = service::party_of_group(*state->scenario, call.params[0]);
  if (!party) return problem(404, "group", "there is no group office " + call.params[0]);
  if (!service::acts_for_party(call.user, *party)) return problem(403, "group", "the " + *party + " group office is not yours");
  return json_reply(200, service::group_json(*state, *party));
}

HttpReply party_shares(Service& service) { return json_reply(200, service::party_report(*service.state())); }

// The booking as the reply to every group action shows it.
Representation booking_of(const std::string& request) {
  return [request](const State& s) {
    const Assignment* a = service::find_booking(s, request);
    return a ? service::booking_view_json(s, *s.scenario->find_request(request), *a) : nlohmann::json(nullptr);
  };
}

HttpReply nominate(const Call& call, Service& service) {
  Status fields = only_fields(call.body, {"peer"});
  if (!fields.is_ok()) return problem(fields);
  auto peer = read_optional_text(call.body, "peer");
  if (!peer.is_ok()) return problem(peer.status());
  if (peer.value().empty()) return problem(Status::invalid("peer", "is required: the councillor peer to nominate"));
  std::string request = call.params[0];
  auto operation = [&](Draft& d) { return service::nominate(d, call.user, request, peer.value()); };
  return change_reply(call, service, "nominate " + peer.value() + " for " + request, operation, booking_of(request),
                      {200, false, true});
}

HttpReply answer_seat(const Call& call, Service& service, bool approve) {
  std::string request = call.params[0], peer = call.params[1];
  auto operation = [&](Draft& d) {
    return approve ? service::approve(d, call.user, request, peer) : service::veto(d, call.user, request, peer);
  };
  return change_reply(call, service, (approve ? "approve " : "veto ") + peer + " for " + request, operation,
                      booking_of(request), {200, false, true});
}

}  // namespace

void add_group_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"GET", "/groups/{group}", "read a political group office's councillor peers and the challenges it may nominate for",
              kGroupRoles, Body::kNone, [s](const Call& c) { return get_group(c, *s); }, {200, "Group", "", "", {404}}});
  router.add({"GET", "/reports/parties", "read councillor-peer days by party against each party's proportional share",
              kGroupRoles, Body::kNone, [s](const Call&) { return party_shares(*s); }, {200, "PartyReport", "", "", {}}});
  router.add({"POST", "/requests/{id}/nominations", "nominate a councillor peer for a booked challenge", kGroupRoles,
              Body::kJson, [s](const Call& c) { return nominate(c, *s); }, {200, "Booking", "", "Nomination", {404, 409, 422}}});
  router.add({"POST", "/requests/{id}/team/{peer}/approval", "approve a councillor peer proposed for a team", kGroupRoles,
              Body::kNone, [s](const Call& c) { return answer_seat(c, *s, true); }, {200, "Booking", "", "", {404, 409}}});
  router.add({"POST", "/requests/{id}/team/{peer}/veto", "veto a councillor peer proposed for a team (the engine replaces them)",
              kGroupRoles, Body::kNone, [s](const Call& c) { return answer_seat(c, *s, false); }, {200, "Booking", "", "", {404, 409}}});
}

}  // namespace peerslot::http
