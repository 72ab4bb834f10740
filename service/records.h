// records.h — what the service keeps besides the programme itself: users
// and their token hashes, calendar feeds, replies kept for idempotent
// retries, and the audit log's entries. Plain values, stored by the Store.
// Thread-safety: plain values.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace peerslot::service {

struct User {
  std::int64_t id = 0;
  std::string name;
  std::string role;     // council | peer | group | office
  std::string subject;  // council id, peer id or (group) party name; empty for the office
  std::string token_hash;
};

// "council E10000018" style names of the actor for the audit log.
std::string actor_name(const User& user);

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

struct AuditRecord {
  std::int64_t id = 0;
  std::string at;
  std::string actor;
  std::string action;
  nlohmann::json before;
  nlohmann::json after;
};

}  // namespace peerslot::service
