// webhook.h — webhooks as the service sees them: an endpoint a program
// registered with the programme office (Webhook), one signed POST of one
// event queued for it (WebhookDelivery), what the sender hands the
// transport at each attempt (WebhookPost), and the transport and queue
// interfaces the webhook sender (mail/webhook_sender.h) works between.
//
// The wire format is Standard Webhooks 1.0 (standardwebhooks.com): a JSON
// body {"type", "timestamp", "data"}; headers webhook-id (the delivery's
// message id, the same on every retry: the receiver's idempotency key),
// webhook-timestamp (the attempt's Unix seconds, against replay) and
// webhook-signature ("v1," + base64 HMAC-SHA256, webhook_signature.h).
//
// Guarantees: a delivery is queued in the same transaction as the change
// that caused it, so nothing is lost when an endpoint is down; it is retried
// with backoff (Service::webhook_answered/webhook_failed) and kept as a dead
// letter after kWebhookAttempts failures, never dropped; only a 2xx answer
// counts as delivered (redirects are not followed).
// Thread-safety: plain values; a WebhookTransport is used by one thread (the
// webhook sender's); a WebhookQueue's members may be called from any thread.
#pragma once

#include "engine/status.h"

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace peerslot::service {

// An endpoint that receives the programme's events of the chosen types.
struct Webhook {
  std::int64_t id = 0;
  std::string url;              // http:// or https://, checked by webhook_endpoint.h
  std::string description;      // what it is for, e.g. "county finance system"
  std::set<std::string> types;  // event types it receives (webhook_events.h)
  std::string secret;           // "whsec_" + base64 of 24 random bytes; kept, since every attempt is signed with it
  bool disabled = false;        // a disabled endpoint is sent nothing new
  std::int64_t created_at = 0;  // Unix seconds
};

// Failures before a delivery becomes a dead letter.
inline constexpr int kWebhookAttempts = 8;
// How much of an endpoint's answer the delivery log keeps.
inline constexpr std::size_t kWebhookResponseKept = 1000;

// One event on its way to one endpoint.
struct WebhookDelivery {
  std::int64_t id = 0;
  std::int64_t webhook_id = 0;
  std::string message_id;       // the webhook-id header, e.g. "msg_4f1c…": the same on every attempt
  std::string type;             // the event's type, e.g. "challenge.booked"
  std::string body;             // the JSON payload exactly as signed and sent
  std::int64_t created_at = 0;  // Unix seconds
  std::string status;           // queued | delivered | dead
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  int response_status = 0;      // the last answer's HTTP status; 0 when there was none
  std::string response_body;    // its first kWebhookResponseKept bytes
  std::string last_error;       // why the last attempt failed, in words; empty after success
  std::int64_t delivered_at = 0;
};

// One attempt, ready to go: where, the signed headers, the body.
struct WebhookPost {
  std::int64_t delivery_id = 0;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// What an endpoint answered.
struct WebhookAnswer {
  int status = 0;
  std::string body;  // at most kWebhookResponseKept bytes
};

// Makes one POST. post() returns the answer whatever its status, and an
// io_error in words when there was none (refused, timed out, bad address).
class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  virtual Result<WebhookAnswer> post(const WebhookPost& post) = 0;
};

// The deliveries as the webhook sender sees them (the Service implements it).
class WebhookQueue {
 public:
  virtual ~WebhookQueue() = default;
  // Deliveries due by `now`, oldest first, at most `limit`, signed at `now`.
  virtual Result<std::vector<WebhookPost>> due_webhooks(std::int64_t now, int limit) = 0;
  // An answer: delivered when 2xx, otherwise a failed attempt.
  virtual Status webhook_answered(std::int64_t id, const WebhookAnswer& answer, std::int64_t now) = 0;
  // An attempt with no answer: retried after a backoff or, after
  // kWebhookAttempts failures, kept as a dead letter.
  virtual Status webhook_failed(std::int64_t id, const std::string& error, std::int64_t now) = 0;
};

}  // namespace peerslot::service
