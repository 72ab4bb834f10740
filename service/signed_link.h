// signed_link.h — links that act for one person without signing in: the
// Accept and Decline links of an invitation mail. A link carries an
// HMAC-SHA256 of what it is for, under a key only the service knows, so it
// cannot be made up or changed to act for another peer or challenge.
//
// Guarantees: link_signature() is HMAC-SHA256 (RFC 2104) of `text` under
// `key`, as 64 lowercase hex digits; signature_matches() compares in
// constant time (CRYPTO_memcmp) and is false for a signature of the wrong
// length, one in upper case, or an empty key. rsvp_path() signs
// "rsvp\n<request>\n<peer>" and writes the ids percent-encoded (RFC 3986
// unreserved characters kept), so the route decodes them before it checks
// rsvp_signature_ok() with the decoded ids.
// The key must be a long random secret (tokens.h new_secret()); whoever
// holds it can make every link.
// Cost: one HMAC over a few dozen bytes. Thread-safety: pure functions.
#pragma once

#include <string>

namespace peerslot::service {

std::string link_signature(const std::string& key, const std::string& text);
bool signature_matches(const std::string& key, const std::string& text, const std::string& signature);

// "/invitations/<request>/<peer>/<signature>".
std::string rsvp_path(const std::string& key, const std::string& request_id, const std::string& peer_id);
bool rsvp_signature_ok(const std::string& key, const std::string& request_id, const std::string& peer_id,
                       const std::string& signature);

}  // namespace peerslot::service
