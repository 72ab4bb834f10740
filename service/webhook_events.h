// webhook_events.h — what a program is told of a change: the event types an
// endpoint can choose, and the events of one change as Standard Webhooks
// payloads (webhook.h).
//
// Types (one per challenge_events.h kind, plus the office's own):
//   challenge.booked, challenge.moved, challenge.cancelled,
//   team.peer_proposed, team.peer_removed, team.peer_declined,
//   team.peer_accepted, and webhook.test (sent only when the office asks).
// Each event's data: {"request", "council", "council_name", "kind" (of
// challenge), "week" (its week now, or before when cancelled: ISO Monday),
// "week_before" (null when newly booked), "reference" (the booking's, null
// when cancelled)}, and "peer" (team_member_json) on the team.* types.
// A payload's body is {"type", "timestamp" (the change's instant, ISO 8601
// UTC), "data"} as compact JSON, the exact bytes that are signed.
//
// Guarantees: pure; events come in events_between()'s order.
// Cost: O(events between the States), each O(log requests + log peers).
// Thread-safety: pure functions of immutable States.
#pragma once

#include "service/state.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace peerslot::service {

struct WebhookEventType {
  std::string type;   // e.g. "challenge.booked"
  std::string about;  // one sentence for the office's page
};

// Every type an endpoint may choose, in the order a page lists them.
const std::vector<WebhookEventType>& webhook_event_types();
bool is_webhook_event_type(const std::string& type);

struct WebhookEvent {
  std::string type;
  nlohmann::json data;
};

std::vector<WebhookEvent> webhook_events(const State& before, const State& after);
// The event's payload as the bytes to sign and send.
std::string webhook_body(const WebhookEvent& event, std::int64_t at);

}  // namespace peerslot::service
