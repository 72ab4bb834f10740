// webhook_signature.h — the Standard Webhooks 1.0 symmetric scheme: secrets
// serialised as "whsec_" + base64 of random bytes, and the signature
// "v1," + base64(HMAC-SHA256(key, "{msg_id}.{timestamp}.{body}")) where the
// key is the secret's decoded bytes.
//
// Guarantees: new_webhook_secret() draws 24 bytes (the standard's minimum)
// from OpenSSL's CSPRNG; webhook_signature() matches the standard's
// reference libraries byte for byte (tests/webhook_test.cpp checks their
// published example); new_message_id() is "msg_" + 24 random hex digits (no
// '.', as the standard requires of ids).
// Cost: one HMAC over the body. Thread-safety: safe from any thread.
#pragma once

#include <cstdint>
#include <string>

namespace peerslot::service {

std::string new_webhook_secret();
std::string new_message_id();
// The webhook-signature header's value. REQUIRES: `secret` is "whsec_" +
// base64 (new_webhook_secret()); the prefix may be absent.
std::string webhook_signature(const std::string& secret, const std::string& message_id, std::int64_t timestamp,
                              const std::string& body);

}  // namespace peerslot::service
