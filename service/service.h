// service.h — the booking service's core: the published State, the single
// writer that changes it, users and calendar feeds. HTTP-free and SQL-free:
// the HTTP layer and the command line call it, persistence is the Store it
// is given.
//
// Guarantees:
//   - every change runs under one writer mutex: an operation edits a Draft
//     of the current State, the whole result is judged by the engine's
//     checker (H1..H13) and, when the scenario changed, by the reader the
//     store loads with (so whatever is stored can be loaded again); only
//     the rows the Draft touched are saved, in one transaction with the
//     audit entry, and only then is the new State published; a refused or
//     failed change leaves both the store and the published State exactly
//     as they were;
//   - an idempotency key's reply is saved in the same transaction as its
//     change, so a retry replays the first answer and never books twice;
//   - readers never wait for the writer: state() hands out the published
//     immutable snapshot.
// Cost of change(): the operation, plus O(bookings × team) for the new
// plan's cost and the whole-plan check, plus one commit; a change of the
// scenario also compiles a new Problem and serialises the scenario twice.
// Thread-safety: every member function may be called from any thread.
#pragma once

#include "engine/status.h"
#include "service/draft.h"
#include "service/records.h"
#include "service/state.h"
#include "service/store.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>

namespace peerslot::service {

// A caller's answer to a change: a status code and body of the caller's
// choosing (opaque here), kept with an idempotency key and replayed.
struct Reply {
  int status = 200;
  nlohmann::json body;
};

class Service {
 public:
  using Operation = std::function<Status(Draft&)>;
  using Render = std::function<Reply(const State&)>;

  // Loads the stored programme, users and feeds; a stored programme that
  // does not load is the store's invalid Status.
  static Result<std::unique_ptr<Service>> open(std::unique_ptr<Store> store);

  bool seeded() const { return static_cast<bool>(state()); }
  // The first programme of an empty store.
  Status seed(Scenario scenario, std::vector<Assignment> bookings);
  StatePtr state() const;  // null until seeded

  // Runs `operation` as one change by `actor`; `render` makes the reply
  // from the new State (saved with the key, when there is one).
  // REQUIRES: seeded().
  Result<Reply> change(const std::string& actor, const std::string& action, const Operation& operation,
                       const Render& render, const std::optional<IdempotencyKey>& key = std::nullopt);

  // A new user (after check_new_user()); returns its bearer token, shown
  // once and stored as a hash.
  Result<std::string> create_user(User user, const std::string& actor);
  std::optional<User> user_by_token(const std::string& token) const;
  // A new secret feed URL path for a council or peer (the old one stops working).
  Result<std::string> new_feed(const std::string& kind, const std::string& subject, const std::string& actor);
  std::optional<Feed> feed_by_secret(const std::string& secret) const;

  Result<std::vector<AuditRecord>> audit(std::int64_t after_id, int limit);

 private:
  explicit Service(std::unique_ptr<Store> store) : store_(std::move(store)) {}
  Status load_users_and_feeds();
  Result<Reply> replay(const IdempotencyKey& key);
  void publish(StatePtr state);

  std::unique_ptr<Store> store_;
  std::mutex writer_;  // serialises every change and every use of store_
  mutable std::shared_mutex published_;
  StatePtr state_;
  std::map<std::string, User> users_;  // by token hash
  std::map<std::string, Feed> feeds_;  // by secret hash
};

}  // namespace peerslot::service
