// service_webhooks.cpp — the webhook half of Service: the deliveries a
// change queues, the endpoints (kept in memory under the writer mutex, as
// change() reads them for every change) and their deliveries' round trips.
// Each attempt is signed at its own time, so webhook-timestamp is the
// attempt's and a receiver can refuse old ones; webhook-id stays the
// delivery's.
// Cost: due_webhooks() is one indexed read plus one HMAC per delivery; an
// answer, a failure or a resend is one read and one write.
#include "service/service.h"

#include "service/webhook_endpoint.h"
#include "service/webhook_events.h"
#include "service/webhook_signature.h"

#include <algorithm>

namespace peerslot::service {

namespace {

Status no_webhook(std::int64_t id) { return Status::not_found("id", "webhook " + std::to_string(id) + " does not exist"); }

Status no_delivery(std::int64_t id) { return Status::not_found("id", "no webhook delivery " + std::to_string(id)); }

// The endpoint with `id` in `webhooks` (Service::webhooks_, const or not), or end().
template <typename Webhooks>
auto find_webhook(Webhooks& webhooks, std::int64_t id) {
  return std::find_if(webhooks.begin(), webhooks.end(), [id](const Webhook& w) { return w.id == id; });
}

}  // namespace

void Service::add_deliveries(const State& before, const State& after, ChangeRecord* record) const {
  if (std::none_of(webhooks_.begin(), webhooks_.end(), [](const Webhook& w) { return !w.disabled; })) return;
  std::int64_t at = now();
  for (const WebhookEvent& event : webhook_events(before, after)) {
    std::string body = webhook_body(event, at);
    for (const Webhook& webhook : webhooks_)
      if (!webhook.disabled && webhook.types.count(event.type)) record->deliveries.push_back(delivery_for(webhook, event.type, body));
  }
}

WebhookDelivery Service::delivery_for(const Webhook& webhook, const std::string& type, std::string body) const {
  WebhookDelivery delivery;
  delivery.webhook_id = webhook.id;
  delivery.message_id = new_message_id();
  delivery.type = type;
  delivery.body = std::move(body);
  delivery.created_at = now();
  delivery.status = "queued";
  delivery.next_attempt_at = delivery.created_at;
  return delivery;
}

Result<Webhook> Service::create_webhook(Webhook webhook, const std::string& actor) {
  Status vetted = check_webhook(webhook);
  if (!vetted.is_ok()) return vetted;
  webhook.id = 0;
  webhook.secret = new_webhook_secret();
  webhook.created_at = now();
  std::lock_guard lock(writer_);
  Status saved = store_->put_webhook(&webhook, actor, "add webhook " + webhook.url);
  if (!saved.is_ok()) return saved;
  webhooks_.push_back(webhook);
  return webhook;
}

Result<Webhook> Service::update_webhook(const Webhook& changed, const std::string& actor) {
  Status vetted = check_webhook(changed);
  if (!vetted.is_ok()) return vetted;
  std::lock_guard lock(writer_);
  auto found = find_webhook(webhooks_, changed.id);
  if (found == webhooks_.end()) return no_webhook(changed.id);
  Webhook webhook = changed;
  webhook.secret = found->secret;
  webhook.created_at = found->created_at;
  Status saved = store_->put_webhook(&webhook, actor, "change webhook " + std::to_string(webhook.id));
  if (!saved.is_ok()) return saved;
  *found = webhook;
  return webhook;
}

Status Service::remove_webhook(std::int64_t id, const std::string& actor) {
  std::lock_guard lock(writer_);
  auto found = find_webhook(webhooks_, id);
  if (found == webhooks_.end()) return no_webhook(id);
  Status removed = store_->remove_webhook(id, actor);
  if (removed.is_ok()) webhooks_.erase(found);
  return removed;
}

std::vector<Webhook> Service::webhooks() const {
  std::lock_guard lock(writer_);
  return webhooks_;
}

std::optional<Webhook> Service::webhook(std::int64_t id) const {
  std::lock_guard lock(writer_);
  auto found = find_webhook(webhooks_, id);
  if (found == webhooks_.end()) return std::nullopt;
  return *found;
}

Result<WebhookDelivery> Service::test_webhook(std::int64_t id, const std::string& actor) {
  std::optional<Webhook> webhook = this->webhook(id);
  if (!webhook) return no_webhook(id);
  WebhookEvent test{"webhook.test", {{"sent_by", actor}, {"endpoint", webhook->url}}};
  WebhookDelivery delivery = delivery_for(*webhook, test.type, webhook_body(test, now()));
  {
    std::lock_guard lock(writer_);
    Status queued = store_->queue_delivery(&delivery);
    if (!queued.is_ok()) return queued;
  }
  if (wake_webhooks_) wake_webhooks_();
  return delivery;
}

Result<WebhookDelivery> Service::resend_delivery(std::int64_t webhook_id, std::int64_t delivery_id) {
  WebhookDelivery d;
  {
    std::lock_guard lock(writer_);
    if (find_webhook(webhooks_, webhook_id) == webhooks_.end()) return no_webhook(webhook_id);
    auto found = store_->delivery(delivery_id);
    if (!found.is_ok()) return found.status();
    if (!found.value() || found.value()->webhook_id != webhook_id)
      return Status::not_found("delivery", "webhook " + std::to_string(webhook_id) + " has no delivery " + std::to_string(delivery_id));
    d = *found.value();
    if (d.status == "delivered") return Status::conflict("delivery", "this delivery was delivered: there is nothing to send again");
    if (d.status != "dead") return Status::conflict("delivery", "this delivery is waiting to be tried again already");
    d.status = "queued";
    d.attempts = 0;
    d.next_attempt_at = now();
    d.response_status = 0;
    d.response_body.clear();
    d.last_error.clear();
    Status saved = store_->update_delivery(d);
    if (!saved.is_ok()) return saved;
  }
  if (wake_webhooks_) wake_webhooks_();
  return d;
}

Result<Page<WebhookDelivery>> Service::webhook_deliveries(std::int64_t id, const std::string& status, const PageQuery& page) {
  if (!webhook(id)) return no_webhook(id);
  return page_by_id<WebhookDelivery>(page, [&](std::int64_t before, int limit) {
    std::lock_guard lock(writer_);
    return store_->deliveries(id, status, before, limit);
  });
}

Result<std::vector<WebhookPost>> Service::due_webhooks(std::int64_t at, int limit) {
  std::lock_guard lock(writer_);
  auto due = store_->due_deliveries(at, limit);
  if (!due.is_ok()) return due.status();
  std::vector<WebhookPost> posts;
  for (const WebhookDelivery& d : due.value()) {
    auto endpoint = find_webhook(webhooks_, d.webhook_id);
    if (endpoint == webhooks_.end()) continue;  // removed meanwhile: its log went with it
    posts.push_back({d.id,
                     endpoint->url,
                     {{"Content-Type", "application/json"},
                      {"webhook-id", d.message_id},
                      {"webhook-timestamp", std::to_string(at)},
                      {"webhook-signature", webhook_signature(endpoint->secret, d.message_id, at, d.body)}},
                     d.body});
  }
  return posts;
}

Status Service::webhook_answered(std::int64_t id, const WebhookAnswer& answer, std::int64_t at) {
  bool delivered = answer.status >= 200 && answer.status < 300;
  return record_attempt(id, answer, delivered ? "" : "the endpoint answered " + std::to_string(answer.status), at);
}

Status Service::webhook_failed(std::int64_t id, const std::string& error, std::int64_t at) {
  return record_attempt(id, {}, error.empty() ? "no answer" : error, at);
}

// The endpoint is written first: should the process stop before the
// delivery is, the delivery is attempted again, answered 410 again and
// recorded then.
Status Service::disable_gone_endpoint(std::int64_t webhook_id) {
  auto found = find_webhook(webhooks_, webhook_id);
  if (found == webhooks_.end() || found->disabled) return Status::ok();
  Webhook webhook = *found;
  webhook.disabled = true;
  std::string action = "disable webhook " + std::to_string(webhook_id) + ": its endpoint answered 410 Gone";
  Status saved = store_->put_webhook(&webhook, "webhook sender", action);
  if (saved.is_ok()) *found = webhook;
  return saved;
}

Status Service::record_attempt(std::int64_t id, const WebhookAnswer& answer, const std::string& error, std::int64_t at) {
  std::lock_guard lock(writer_);
  auto found = store_->delivery(id);
  if (!found.is_ok() || !found.value()) return found.is_ok() ? no_delivery(id) : found.status();
  WebhookDelivery d = *found.value();
  d.attempts += 1;
  d.response_status = answer.status;
  d.response_body = answer.body.substr(0, kWebhookResponseKept);
  d.last_error = error;
  if (error.empty()) {
    d.status = "delivered";
    d.delivered_at = at;
  } else if (answer.status == 410) {
    Status disabled = disable_gone_endpoint(d.webhook_id);
    if (!disabled.is_ok()) return disabled;
    d.last_error = error + " Gone: it asked for no more messages, so it is now disabled";
    d.status = "dead";
  } else {
    d.status = d.attempts >= kWebhookAttempts ? "dead" : "queued";
    d.next_attempt_at = retry_at(d.attempts, at);
  }
  return store_->update_delivery(d);
}

}  // namespace peerslot::service
