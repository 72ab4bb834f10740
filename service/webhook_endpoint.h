// webhook_endpoint.h — what the programme office may register as a webhook
// endpoint: an absolute http:// or https:// URL (RFC 3986) with a host, no
// user name or password in it (secrets go in the signature, not the
// address), no fragment, no spaces or control characters, at most 2,000
// characters; at least one known event type (webhook_events.h); a
// description of at most 200 characters.
// The office is trusted with the address: endpoints on this machine or
// a private network are allowed (a test receiver, a council's intranet).
// Thread-safety: pure function.
#pragma once

#include "engine/status.h"
#include "service/webhook.h"

namespace peerslot::service {

// Ok, or invalid naming "url", "types" or "description" in words.
Status check_webhook(const Webhook& webhook);

}  // namespace peerslot::service
