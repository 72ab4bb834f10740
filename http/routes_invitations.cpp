// routes_invitations.cpp — the Accept and Decline links in a peer's
// invitation email. The link's HMAC signature (signed_link.h) is its only
// credential: it names one peer and one challenge, so it can do nothing
// but answer that invitation. GET shows the invitation with two buttons (a
// mail scanner that follows links changes nothing); POST, a form from that
// page, answers it as the peer (Service::answer_invitation(), the same
// accept or decline as the peer's own page), recorded in the audit log as
// the peer.
// Replies are small HTML pages styled by GOV.UK Frontend.
#include "engine/words.h"
#include "http/routes.h"
#include "service/representations.h"
#include "service/signed_link.h"
#include "service/state.h"

namespace peerslot::http {

namespace {

using service::Service;
using service::StatePtr;

std::string html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

HttpReply page(int status, const std::string& title, const std::string& body) {
  std::string text =
      "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + html(title) +
      " – Peer challenge bookings</title><link rel=\"stylesheet\" href=\"/dist/app.css\"></head>"
      "<body class=\"govuk-template__body\"><div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" "
      "id=\"main-content\"><h1 class=\"govuk-heading-l\">" + html(title) + "</h1>" + body + "</main></div></body></html>\n";
  return {status, "text/html; charset=utf-8", text, {}, {}};
}

HttpReply not_valid() {
  return page(404, "This link does not work",
              "<p class=\"govuk-body\">The link is not complete, or the invitation it was for has changed. Open the "
              "latest email about this challenge, or sign in to answer it.</p>");
}

// The invitation the call's path names, when its signature holds and the
// peer is still on the booked team.
struct Invitation {
  StatePtr state;
  const Request* request = nullptr;
  const Peer* peer = nullptr;
  const Assignment* booking = nullptr;
};

std::optional<Invitation> invitation(const Call& call, const Service& service) {
  StatePtr state = service.state();
  const std::string& request_id = call.params[0];
  const std::string& peer_id = call.params[1];
  if (!state || !service::rsvp_signature_ok(service.link_key(), request_id, peer_id, call.params[2])) return std::nullopt;
  const Request* request = state->scenario->find_request(request_id);
  const Peer* peer = state->scenario->find_peer(peer_id);
  const Assignment* booking = request ? service::find_booking(*state, request_id) : nullptr;
  if (!peer || !booking || std::find(booking->peers.begin(), booking->peers.end(), peer_id) == booking->peers.end())
    return std::nullopt;
  return Invitation{state, request, peer, booking};
}

std::string what(const Invitation& i) {
  const Council* council = i.state->scenario->find_council(i.request->council);
  nlohmann::json view = service::booking_view_json(*i.state, *i.request, *i.booking);
  Date first = *parse_iso_date(view["on_site"].front().get<std::string>());
  Date last = *parse_iso_date(view["on_site"].back().get<std::string>());
  return uncapitalised(kind_words(i.request->kind)) + " at " + council->name + ", " + range_words(first, last);
}

HttpReply show(const Call& call, const Service& service) {
  auto found = invitation(call, service);
  if (!found) return not_valid();
  bool accepted = service::has_accepted(*found->state, found->request->id, found->peer->id);
  std::string intro = "<p class=\"govuk-body\">" + html(found->peer->name) + ", you are invited to the " + html(what(*found)) +
                      (accepted ? ". You have accepted." : ".") + "</p>";
  std::string form = "<form method=\"post\" novalidate><div class=\"govuk-button-group\">"
                     "<button class=\"govuk-button\" name=\"answer\" value=\"accept\">Accept</button>"
                     "<button class=\"govuk-button govuk-button--warning\" name=\"answer\" value=\"decline\">Decline</button>"
                     "</div></form>";
  return page(200, "Your invitation", intro + form);
}

HttpReply answer(const Call& call, Service& service) {
  auto found = invitation(call, service);
  if (!found) return not_valid();
  std::string choice = call.request.get_param_value("answer");
  if (choice != "accept" && choice != "decline")
    return page(422, "Choose Accept or Decline", "<p class=\"govuk-body\">Go back and press Accept or Decline.</p>");
  std::string description = what(*found);
  bool accept = choice == "accept";
  auto done = service.answer_invitation(found->request->id, found->peer->id, accept, "by the link in their invitation");
  if (!done.is_ok())
    return page(409, "Your answer was not recorded", "<p class=\"govuk-body\">" + html(done.status().message()) + "</p>");
  std::string said = accept ? "You have accepted the " : "You have declined the ";
  return page(200, accept ? "Invitation accepted" : "Invitation declined",
              "<p class=\"govuk-body\">" + html(said + description) + ". The council and the programme office will see it.</p>");
}

}  // namespace

void add_invitation_routes(Router& router, Service& service) {
  Service* s = &service;
  router.add({"GET", "/invitations/{request}/{peer}/{signature}", "see an invitation from its email link", {}, Body::kNone,
              [s](const Call& c) { return show(c, *s); }, {200, "", "text/html", "", {404}}});
  router.add({"POST", "/invitations/{request}/{peer}/{signature}", "answer an invitation from its email link", {},
              Body::kForm, [s](const Call& c) { return answer(c, *s); }, {200, "", "text/html", "InvitationAnswer", {404, 409, 422}}});
}

}  // namespace peerslot::http
