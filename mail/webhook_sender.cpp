// webhook_sender.cpp — a RoundThread whose round is deliver_due().
#include "mail/webhook_sender.h"

namespace peerslot::mail {

WebhookSender::WebhookSender(service::WebhookQueue& queue, service::WebhookTransport& transport,
                             WebhookSenderOptions options)
    : queue_(queue), transport_(transport), options_(std::move(options)), thread_(options_.poll_seconds) {}

WebhookSender::~WebhookSender() { stop(); }

void WebhookSender::start() {
  thread_.start([this] { deliver_due(options_.now()); });
}

void WebhookSender::stop() { thread_.stop(); }

void WebhookSender::wake() { thread_.wake(); }

int WebhookSender::deliver_due(std::int64_t now) {
  auto due = queue_.due_webhooks(now, options_.batch);
  if (!due.is_ok()) {
    options_.report(due.status());
    return 0;
  }
  int delivered = 0;
  for (const service::WebhookPost& post : due.value()) {
    if (thread_.stopping()) break;
    auto answer = transport_.post(post);
    if (answer.is_ok() && answer.value().status >= 200 && answer.value().status < 300) ++delivered;
    options_.report(answer.is_ok() ? queue_.webhook_answered(post.delivery_id, answer.value(), options_.now())
                                   : queue_.webhook_failed(post.delivery_id, answer.status().message(), options_.now()));
  }
  return delivered;
}

}  // namespace peerslot::mail
