// webhook_transport.h — webhook deliveries POSTed over HTTP or HTTPS
// through libcurl.
//
// Guarantees: post() sends the body with exactly the post's headers (and a
// User-Agent), over http or https only (no other protocol, even by
// redirect), verifies an https server's certificate against the system's
// CAs, follows no redirect (Standard Webhooks: a 3xx is a failure, the
// office updates the address instead), and gives up after the timeout
// (15 s by default, the standard's lower bound). It returns the answer's
// status and first kWebhookResponseKept bytes whatever the status, or an
// io_error naming the address and curl's reason when nothing answered.
// Thread-safety: a fresh curl handle per call; any thread.
// Cost: one TCP connection (and TLS handshake) per post.
#pragma once

#include "service/webhook.h"

namespace peerslot::mail {

class CurlWebhookTransport : public service::WebhookTransport {
 public:
  explicit CurlWebhookTransport(int timeout_seconds = 15);
  Result<service::WebhookAnswer> post(const service::WebhookPost& post) override;

 private:
  int timeout_seconds_;
};

}  // namespace peerslot::mail
