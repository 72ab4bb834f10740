// accounts.h — the service's directory of people in memory: users, their
// API tokens, browser sessions and calendar feeds, looked up by the hash
// of the secret a request presents. The Service writes each change to the
// store first and then here, so the directory is always what is stored.
//
// Guarantees: a lookup refuses a revoked or expired token, a session past
// its idle or absolute expiry, and anything of a disabled user, from the
// very next request after the change; a successful lookup notes the use
// (take_activity() hands the notes over, for the store). No secret is kept,
// only hashes.
// Cost: lookups O(log n) under a shared lock; users_of() O(users).
// Thread-safety: every member may be called from any thread.
#pragma once

#include "service/records.h"
#include "service/store.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

namespace peerslot::service {

// Who a request comes from, and through what.
struct Caller {
  User user;
  std::int64_t token_id = 0;  // the API token used, or 0
  std::string session_hash;   // the session used, or empty
  std::string csrf;           // the session's CSRF token, or empty
};

class Accounts {
 public:
  void load(StoredAccounts stored);

  std::optional<Caller> by_token_hash(const std::string& hash, std::int64_t now);
  // REQUIRES: idle_seconds > 0.
  std::optional<Caller> by_session_hash(const std::string& hash, std::int64_t now, std::int64_t idle_seconds);
  std::optional<User> user(std::int64_t id) const;
  std::optional<User> by_email(const std::string& email) const;
  std::vector<User> users() const;
  std::vector<ApiToken> tokens_of(std::int64_t user_id) const;
  std::optional<ApiToken> token(std::int64_t id) const;
  std::optional<Feed> feed_by_hash(const std::string& hash) const;
  Sequences sequences() const;

  void put_user(const User& user);
  void put_token(const ApiToken& token);
  void put_session(const Session& session);
  void end_session(const std::string& hash);
  void put_feed(const Feed& feed);  // replaces the subject's old feed
  void put_sequences(const Sequences& changed);

  // The last uses noted since the previous call.
  void take_activity(std::map<std::int64_t, std::int64_t>* token_last_used,
                     std::map<std::string, std::int64_t>* session_last_seen);

 private:
  std::optional<User> enabled_user(std::int64_t id) const;  // REQUIRES: mutex_ held

  mutable std::shared_mutex mutex_;
  std::map<std::int64_t, User> users_;
  std::map<std::string, ApiToken> tokens_;   // by hash
  std::map<std::string, Session> sessions_;  // by hash
  std::map<std::string, Feed> feeds_;        // by secret hash
  Sequences sequences_;
  std::mutex activity_mutex_;
  std::map<std::int64_t, std::int64_t> token_activity_;
  std::map<std::string, std::int64_t> session_activity_;
};

}  // namespace peerslot::service
