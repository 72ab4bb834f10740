// records.h — what the service keeps besides the programme itself: user
// accounts, their API tokens, sign-in links and sessions (of each secret
// only its SHA-256 hash), calendar feeds, replies kept for idempotent
// retries, and the audit log's entries. Plain values, stored by the Store.
// Times are whole seconds since the Unix epoch, UTC; 0 means never.
// Thread-safety: plain values.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace peerslot::service {

// A person's account. Several users may act for one council; one for a peer.
struct User {
  std::int64_t id = 0;
  std::string name;     // the person, e.g. "Jo Bloggs"
  std::string email;    // where sign-in links and notices go; unique, lower case
  std::string role;     // council | peer | group | office
  std::string subject;  // council id, peer id or (group) party name; empty for the office
  bool disabled = false;
  std::int64_t created_at = 0;
  std::set<std::string> muted;  // notice kinds the person chose not to be emailed (notifications.h)
};

// The person behind an action, for the audit log:
// "Jo Bloggs <jo@example.org> (council E10000018)".
std::string actor_name(const User& user);

// A bearer token for programs. Shown once; only its hash is kept.
struct ApiToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string name;  // what it is for, e.g. "finance spreadsheet"
  std::string hash;  // hex SHA-256 of the token
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t last_used_at = 0;
  std::int64_t revoked_at = 0;
};

// A one-time sign-in link sent by email: single use, expiring.
struct SignInLink {
  std::string hash;  // hex SHA-256 of the secret in the link
  std::int64_t user_id = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t used_at = 0;
};

// A browser's session, behind an HttpOnly cookie; `csrf` must come back in
// the X-CSRF-Token header of every change made with the cookie.
struct Session {
  std::string hash;  // hex SHA-256 of the cookie's value
  std::int64_t user_id = 0;
  std::string csrf;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;  // absolute expiry; idle expiry counts from last_seen_at
};

struct Feed {
  std::string kind;  // council | peer
  std::string subject;
  std::string secret_hash;
};

// The key a client sent with a change, to replay the first reply on a retry.
struct IdempotencyKey {
  std::int64_t user_id = 0;
  std::string key;
  std::string fingerprint;  // method, path and body
};

// A reply to a request carrying an Idempotency-Key, replayed on a retry.
// `status` and `body` are the caller's (the HTTP layer's) and opaque here.
struct StoredReply {
  std::int64_t user_id = 0;
  std::string key;
  std::string fingerprint;
  int status = 0;
  std::string body;
};

// request id -> the SEQUENCE its calendar invitation last went out with
// (RFC 5546); absent when nothing about it was ever sent.
using Sequences = std::map<std::string, int>;

struct AuditRecord {
  std::int64_t id = 0;
  std::string at;
  std::string actor;
  std::string action;
  nlohmann::json before;
  nlohmann::json after;
};

// Which audit entries to read: "" matches any; otherwise a part of the
// actor or action, in any case (ASCII letters).
struct AuditFilter {
  std::string actor;
  std::string action;
};

}  // namespace peerslot::service
