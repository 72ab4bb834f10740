// webhook_events.cpp — challenge_events.h's kinds renamed for programs,
// with the request, council and peer they concern.
#include "service/webhook_events.h"

#include "engine/json_text.h"
#include "service/challenge_events.h"
#include "service/representations.h"
#include "service/utc_time.h"

#include <algorithm>
#include <map>

namespace peerslot::service {

namespace {

const std::map<std::string, std::string>& type_of_kind() {
  static const std::map<std::string, std::string> types = {
      {"booked", "challenge.booked"},          {"moved", "challenge.moved"},
      {"cancelled", "challenge.cancelled"},    {"peer_proposed", "team.peer_proposed"},
      {"peer_removed", "team.peer_removed"},   {"peer_declined", "team.peer_declined"},
      {"peer_accepted", "team.peer_accepted"}};
  return types;
}

nlohmann::json week_json(const std::optional<Date>& week) {
  return week ? nlohmann::json(to_iso(*week)) : nlohmann::json(nullptr);
}

// The request as `after` has it, or as `before` had it when it is gone.
const Request* request_in(const State& before, const State& after, const std::string& id) {
  const Request* request = after.scenario->find_request(id);
  return request ? request : before.scenario->find_request(id);
}

nlohmann::json event_data(const State& before, const State& after, const ChallengeEvent& e) {
  const Request* request = request_in(before, after, e.request);
  const Council* council = request ? after.scenario->find_council(request->council) : nullptr;
  if (!council && request) council = before.scenario->find_council(request->council);
  std::optional<Date> week = e.week_after ? e.week_after : e.week_before;
  nlohmann::json data = {
      {"request", e.request},
      {"council", request ? nlohmann::json(request->council) : nlohmann::json(nullptr)},
      {"council_name", council ? nlohmann::json(council->name) : nlohmann::json(nullptr)},
      {"kind", request ? nlohmann::json(request->kind) : nlohmann::json(nullptr)},
      {"week", week_json(week)},
      {"week_before", e.kind == "booked" ? nullptr : week_json(e.week_before)},
      {"reference", e.week_after ? nlohmann::json(booking_reference(e.request, *e.week_after)) : nlohmann::json(nullptr)}};
  if (!e.peer.empty()) data["peer"] = team_member_json(after.scenario->find_peer(e.peer) ? *after.scenario : *before.scenario, e.peer);
  return data;
}

}  // namespace

const std::vector<WebhookEventType>& webhook_event_types() {
  static const std::vector<WebhookEventType> types = {
      {"challenge.booked", "A council's challenge is booked for a week."},
      {"challenge.moved", "A booked challenge moves to another week."},
      {"challenge.cancelled", "A booking is cancelled."},
      {"team.peer_proposed", "A peer is proposed for a challenge's team."},
      {"team.peer_removed", "A peer leaves a challenge's team (not by declining)."},
      {"team.peer_declined", "A peer declines their place on a team."},
      {"team.peer_accepted", "A peer accepts their place on a team."},
      {"webhook.test", "A test the programme office sends to check the endpoint."}};
  return types;
}

bool is_webhook_event_type(const std::string& type) {
  const auto& types = webhook_event_types();
  return std::any_of(types.begin(), types.end(), [&](const WebhookEventType& t) { return t.type == type; });
}

std::vector<WebhookEvent> webhook_events(const State& before, const State& after) {
  std::vector<WebhookEvent> out;
  for (const ChallengeEvent& e : events_between(before, after))
    out.push_back({type_of_kind().at(e.kind), event_data(before, after, e)});
  return out;
}

std::string webhook_body(const WebhookEvent& event, std::int64_t at) {
  return json_text({{"type", event.type}, {"timestamp", iso_instant(at)}, {"data", event.data}});
}

}  // namespace peerslot::service
