// store.h — what the service needs from persistence, and nothing more. The
// service owns this interface; store/ implements it on SQLite, tests may
// implement it in memory.
//
// Guarantees an implementation must give:
//   - save() writes one ChangeSet, its audit entry and the idempotent reply
//     (if any) in one transaction: all or nothing; a commit returns only
//     once the change is durable;
//   - a save() the stored constraints refuse (one booking per request, a
//     peer once per week, the weekly capacity) returns a conflict and
//     writes nothing;
//   - load() returns what the saves wrote, or an invalid Status naming the
//     table, row and field of a stored row that no longer validates.
// Thread-safety: none required; the Service serialises every call.
#pragma once

#include "engine/scenario.h"
#include "engine/status.h"
#include "service/change_set.h"
#include "service/records.h"
#include "service/state.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

// The programme as stored: the scenario, bookings, acceptances and group approvals.
struct StoredProgramme {
  Scenario scenario;
  std::vector<Assignment> bookings;
  Acceptances accepted;
  Acceptances approved;
};

// Who made a change and why, with the reply to keep for a retry.
struct ChangeRecord {
  std::string actor;
  std::string action;
  std::optional<StoredReply> reply;
};

class Store {
 public:
  virtual ~Store() = default;

  // The stored programme; nullopt when none has been saved yet.
  virtual Result<std::optional<StoredProgramme>> load() = 0;
  virtual Status save(const ChangeSet& change, const ChangeRecord& record) = 0;

  virtual Result<std::vector<User>> users() = 0;
  virtual Status add_user(User* user, const std::string& actor) = 0;  // sets user->id
  virtual Result<std::vector<Feed>> feeds() = 0;
  virtual Status set_feed(const Feed& feed, const std::string& actor) = 0;  // replaces the subject's old feed
  virtual Result<std::optional<StoredReply>> reply(std::int64_t user_id, const std::string& key) = 0;
  // Audit entries with id > after_id, oldest first, at most `limit`.
  virtual Result<std::vector<AuditRecord>> audit(std::int64_t after_id, int limit) = 0;
};

}  // namespace peerslot::service
