// service_invitations.cpp — a peer's answer to an invitation that comes
// from outside their signed-in page: the signed link in the invitation
// (http/routes_invitations.cpp) and a calendar client's REPLY read from the
// office's mailbox (calendar_reply.h, mail/mailbox_reader.h). Both run the
// peer's own accept or decline (peer_operations.h) as the peer's user, so
// the audit log names the peer and says how the answer came.
#include "engine/words.h"
#include "service/invitation_calendar.h"
#include "service/peer_operations.h"
#include "service/service.h"

#include <algorithm>

namespace peerslot::service {

namespace {

// The peer's own user; a peer without an account answers by its name.
User peer_user(const std::vector<User>& users, const Peer& peer) {
  for (const User& u : users)
    if (u.role == "peer" && u.subject == peer.id) return u;
  return User{0, peer.name, "", "peer", peer.id, false, 0, {}};
}

std::string challenge_words(const State& s, const Request& request) {
  const Council* council = s.scenario->find_council(request.council);
  return "the " + uncapitalised(kind_words(request.kind)) + " at " + (council ? council->name : request.council);
}

}  // namespace

Result<Reply> Service::answer_invitation(const std::string& request_id, const std::string& peer_id, bool accept,
                                         const std::string& how) {
  StatePtr s = state();
  const Peer* peer = s->scenario->find_peer(peer_id);
  if (!peer) return Status::not_found("peer", "there is no peer " + peer_id);
  User who = peer_user(users(), *peer);
  auto operation = [&](Draft& d) {
    return accept ? service::accept(d, who, peer_id, request_id) : service::decline(d, who, peer_id, request_id);
  };
  return change(actor_name(who) + " " + how, (accept ? "accept " : "decline ") + request_id + " as " + peer_id, operation,
                [](const State&) { return Reply{200, nullptr}; });
}

Result<std::string> Service::take_reply(const CalendarReply& reply) {
  std::optional<std::string> request_id = request_of_uid(reply.uid);
  if (!request_id) return Status::invalid("it does not answer a peer challenge invitation");
  bool accept = reply.partstat == "ACCEPTED";
  if (!accept && reply.partstat != "DECLINED")
    return Status::invalid(reply.partstat == "TENTATIVE" ? "it says only \"maybe\": only an accept or a decline is recorded"
                                                                      : "it neither accepts nor declines");
  if (reply.sender != reply.attendee)
    return Status::invalid("it was sent by " + reply.sender + ", not by " + reply.attendee + ", whom it answers for");
  std::optional<User> user = accounts_.by_email(reply.attendee);
  if (!user || user->disabled || user->role != "peer")
    return Status::not_found(reply.attendee + " is not an enabled peer's address");
  StatePtr s = state();
  const Request* request = s ? s->scenario->find_request(*request_id) : nullptr;
  const Peer* peer = s ? s->scenario->find_peer(user->subject) : nullptr;
  if (!request || !peer) return Status::not_found("the challenge it answers is no longer in the programme");
  std::string challenge = challenge_words(*s, *request);
  const Assignment* booking = find_booking(*s, request->id);
  if (!booking || std::count(booking->peers.begin(), booking->peers.end(), peer->id) == 0)
    return Status::conflict(peer->name + " is no longer on the team for " + challenge);
  Sequences sent = accounts_.sequences();
  auto last = sent.find(request->id);
  if (last != sent.end() && reply.sequence < last->second)
    return Status::conflict("it answers an earlier version of the invitation to " + challenge);
  if (accept && has_accepted(*s, request->id, peer->id)) return peer->name + " had already accepted " + challenge;
  auto done = answer_invitation(request->id, peer->id, accept, "by a reply from their calendar");
  if (!done.is_ok()) return done.status();
  return peer->name + (accept ? " accepted " : " declined ") + challenge;
}

}  // namespace peerslot::service
