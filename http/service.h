// service.h — the booking service's core: the current State, the single
// writer that changes it, users and calendar feeds. HTTP-free; the routes
// translate requests into calls here.
//
// Guarantees:
//   - every change runs under one writer mutex: the edit is applied to a
//     draft of the current State, the whole result is judged by the engine's
//     checker (H1..H12) and, when the scenario changed, by the reader that
//     Store::load() uses (so whatever is stored can be loaded again),
//     persisted by Store::save() in one transaction and
//     only then published; a refused or failed change leaves both the
//     database and the published State exactly as they were;
//   - an Idempotency-Key's reply is stored in the same transaction as its
//     change, so a retry replays the first answer and never books twice;
//   - readers never wait for the writer: state() hands out the published
//     immutable snapshot.
// Thread-safety: every member function may be called from any thread.
#pragma once

#include "engine/status.h"
#include "http/state.h"
#include "http/store.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>

namespace peerslot::http {

// A JSON answer with its HTTP status.
struct Reply {
  int status = 200;
  nlohmann::json body;
};

// A mutable copy of the current State that an edit works on.
class Draft {
 public:
  explicit Draft(const State& base);
  const State& base() const { return base_; }
  const Scenario& scenario() const { return scenario_ ? *scenario_ : *base_.scenario; }
  Scenario& edit_scenario();  // copies the scenario on first use
  std::vector<Assignment>& bookings() { return bookings_; }
  Acceptances& accepted() { return accepted_; }
  Assignment* find(const std::string& request_id);
  void remove(const std::string& request_id);
  State build() const;

 private:
  const State& base_;
  std::optional<Scenario> scenario_;
  std::vector<Assignment> bookings_;
  Acceptances accepted_;
};

struct IdempotencyKey {
  std::int64_t user_id = 0;
  std::string key;
  std::string fingerprint;  // method, path and body
};

class Service {
 public:
  using Edit = std::function<Status(Draft&)>;
  using Render = std::function<Reply(const State&)>;

  // Opens the database; a stored programme that does not load is an invalid
  // Status naming the table, row and field (see bad_rows() and repair()).
  static Result<std::unique_ptr<Service>> open(const std::string& db_path);
  // For a database that does not open: every row that keeps it from loading.
  static Result<std::vector<BadRow>> bad_rows(const std::string& db_path);
  // Copies the database to `backup_path`, then removes the rows of
  // bad_rows() and the bookings they held, audited; returns what it removed.
  static Result<std::vector<BadRow>> repair(const std::string& db_path, const std::string& backup_path);

  bool seeded() const { return static_cast<bool>(state()); }
  Status seed(Scenario scenario, std::vector<Assignment> bookings);
  StatePtr state() const;

  // Applies `edit` as one change by `actor`; `render` makes the reply from
  // the new State (stored with the key, when there is one).
  Result<Reply> change(const std::string& actor, const std::string& action, const Edit& edit, const Render& render,
                       const std::optional<IdempotencyKey>& key = std::nullopt);

  // A new user; returns its bearer token (shown once, stored as a hash).
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

  std::unique_ptr<Store> store_;
  std::mutex writer_;  // serialises every change and every use of store_
  mutable std::shared_mutex published_;
  StatePtr state_;
  std::map<std::string, User> users_;  // by token hash
  std::map<std::string, Feed> feeds_;  // by secret hash
};

// "council E10000018" style ids for the audit log.
std::string actor_name(const User& user);

}  // namespace peerslot::http
