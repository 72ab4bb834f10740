// violation_words.cpp — one sentence per rule; a peer's rules name the peer.
#include "service/violation_words.h"

#include <map>

namespace peerslot::service {

namespace {

// What breaking each rule means, after "the challenge at <council>" or
// after the peer's name.
const std::map<std::string, std::string> kChallengeRules = {
    {"H1", "would be booked twice"},
    {"H2", "would be on a day it cannot be held"},
    {"H3", "would fall in a period the council cannot host or in the run-up to an election"},
    {"H4", "would not have the peers its team needs"},
    {"H5", "would have no councillor peer of the party in control"},
    {"H6", "would have no peer with a focus area the council asked for"},
    {"H11", "would take a place in a week that has none left"},
    {"H12", "would no longer be where the programme office fixed it"},
    {"H13", "would not keep its time after the challenge it follows"},
};
const std::map<std::string, std::string> kPeerRules = {
    {"H4", "would sit on the team twice"},
    {"H7", "may not challenge this council"},
    {"H8", "would be on site on a day they have not offered"},
    {"H9", "would be on two challenges in one week"},
    {"H10", "would pass the days a year they give"},
    {"H12", "would leave a team the programme office fixed"},
};

std::string council_of(const Scenario& s, const std::string& request_id) {
  const Request* request = s.find_request(request_id);
  const Council* council = request ? s.find_council(request->council) : nullptr;
  return council ? council->name : "a council";
}

}  // namespace

std::string violation_words(const Scenario& s, const Violation& v) {
  std::string at = council_of(s, v.request);
  const Peer* peer = v.peer.empty() ? nullptr : s.find_peer(v.peer);
  auto peer_rule = kPeerRules.find(v.rule);
  if (peer && peer_rule != kPeerRules.end()) return peer->name + " " + peer_rule->second + ", at " + at;
  auto rule = kChallengeRules.find(v.rule);
  if (rule != kChallengeRules.end()) return "The challenge at " + at + " " + rule->second;
  return "The plan for the challenge at " + at + " would not be whole";
}

}  // namespace peerslot::service
