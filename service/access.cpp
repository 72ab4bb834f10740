// access.cpp — the ownership rules.
#include "service/access.h"

namespace peerslot::service {

namespace {

Status not_yours(const std::string& what) { return Status::forbidden(what + " is not yours"); }

}  // namespace

std::string actor_name(const User& user) {
  std::string who = user.email.empty() ? user.name : user.name + " <" + user.email + ">";
  return who + " (" + (user.subject.empty() ? user.role : user.role + " " + user.subject) + ")";
}

bool acts_for_council(const User& user, const std::string& council_id) {
  return user.role == "office" || (user.role == "council" && user.subject == council_id);
}

bool acts_for_peer(const User& user, const std::string& peer_id) {
  return user.role == "office" || (user.role == "peer" && user.subject == peer_id);
}

bool acts_for_party(const User& user, const std::string& party) {
  return user.role == "office" || (user.role == "group" && user.subject == party);
}

Status require_office(const User& user, const std::string& what) {
  return user.role == "office" ? Status::ok() : Status::forbidden("only the programme office may " + what);
}

Result<const Council*> council_for(const Scenario& scenario, const User& user, const std::string& id) {
  const Council* council = scenario.find_council(id);
  if (!council) return Status::not_found("id", "council " + id + " does not exist");
  if (!acts_for_council(user, id)) return not_yours("council " + id);
  return council;
}

Result<const Request*> request_for(const Scenario& scenario, const User& user, const std::string& id) {
  const Request* request = scenario.find_request(id);
  if (!request) return Status::not_found("id", "request " + id + " does not exist");
  if (!acts_for_council(user, request->council)) return not_yours("request " + id);
  return request;
}

Result<const Peer*> peer_for(const Scenario& scenario, const User& user, const std::string& id) {
  const Peer* peer = scenario.find_peer(id);
  if (!peer) return Status::not_found("id", "peer " + id + " does not exist");
  if (!acts_for_peer(user, id)) return not_yours("peer " + id);
  return peer;
}

Result<const Peer*> party_peer_for(const Scenario& scenario, const User& user, const std::string& id) {
  const Peer* peer = scenario.find_peer(id);
  if (!peer) return Status::not_found("peer", "peer " + id + " does not exist");
  if (peer->role != Role::kMember) return Status::invalid("peer", peer->name + " is not a councillor peer");
  if (!acts_for_party(user, peer->party)) return not_yours(peer->name);
  return peer;
}

}  // namespace peerslot::service
