// webhook_sender.h — the thread that drains the webhook deliveries: every
// poll interval (or at once when woken) it takes the deliveries that are
// due, signed for this attempt, posts each with the transport and reports
// the outcome back to the queue.
//
// Guarantees: as MailSender's (mail_sender.h): a round takes at most
// `batch` due deliveries, oldest first, and reports every one it tried
// (webhook_answered with the answer, whatever its status, or webhook_failed
// with the transport's words), at the clock's time after the attempt;
// stop() returns within one post (bounded by the transport's timeout). The
// queue's own failures go to `on_trouble`, in words.
// Thread-safety: start(), stop() and wake() from any thread; deliver_due()
// for one caller at a time. The queue and transport must outlive the sender.
#pragma once

#include "mail/round_thread.h"
#include "service/webhook.h"

#include <cstdint>
#include <functional>
#include <string>

namespace peerslot::mail {

using WebhookSenderOptions = SenderOptions;

class WebhookSender {
 public:
  WebhookSender(service::WebhookQueue& queue, service::WebhookTransport& transport, WebhookSenderOptions options = {});
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  void start();
  void stop();
  void wake();
  // One round, here and now; returns how many deliveries got a 2xx answer.
  int deliver_due(std::int64_t now);

 private:

  service::WebhookQueue& queue_;
  service::WebhookTransport& transport_;
  WebhookSenderOptions options_;
  RoundThread thread_;
};

}  // namespace peerslot::mail
