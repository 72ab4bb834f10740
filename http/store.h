// store.h — the booking service's SQLite database: the programme, bookings,
// users, calendar feeds, idempotent replies and the audit log.
//
// Guarantees:
//   - open() applies the schema/ migrations, turns foreign keys on and puts
//     the database in WAL mode with synchronous=FULL: a commit returns only
//     after the WAL is on disk, so a crash or power cut at any point loses no
//     acknowledged change (NORMAL would only risk the last commits on power
//     loss; bookings are few, so the fsync per commit is affordable);
//   - save() writes one change as one BEGIN IMMEDIATE transaction: the rows
//     that differ between two States, the audit entry with their before and
//     after, and the idempotent reply if any — all or nothing;
//   - the schema's constraints (one booking per request, a peer once per
//     week, the weekly capacity trigger) refuse anything the service's own
//     checks let through by mistake; save() then returns a conflict.
// Thread-safety: none; one connection, used by one thread at a time (the
// Service serialises every call).
#pragma once

#include "engine/status.h"
#include "http/state.h"

#include <SQLiteCpp/Database.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace peerslot::http {

struct User {
  std::int64_t id = 0;
  std::string name;
  std::string role;     // council | peer | office
  std::string subject;  // council id or peer id; empty for the office
  std::string token_hash;
};

struct Feed {
  std::string kind;  // council | peer
  std::string subject;
  std::string secret_hash;
};

// A reply to a request carrying an Idempotency-Key, replayed on a retry.
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

// A stored row that keeps the programme from loading, and why.
struct BadRow {
  std::string table;  // councils, peers, requests; "programme" for the settings row
  std::string id;     // the row's id ("1" for the programme row)
  std::string problem;  // the engine's message, e.g. "lat: null is not a number"
  std::string line() const { return table + " " + id + ": " + problem; }
};

struct Change {
  std::string actor;
  std::string action;
  std::optional<StoredReply> reply;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> open(const std::string& path);

  Result<bool> empty();
  // The stored programme; when it does not validate, an invalid Status
  // naming the table, the row's id and the field.
  Result<State> load();
  // Every row that keeps load() from succeeding, found by removing each bad
  // row in turn (with the rows that then stop validating) until the rest
  // loads; empty when load() succeeds. A bad programme row ends the search.
  Result<std::vector<BadRow>> bad_rows();
  // Copies the database, as it is now, to a new file at `path` (VACUUM INTO).
  Status back_up(const std::string& path);
  // Deletes the rows of bad_rows() and the bookings they held, in one
  // transaction with an audit entry by `actor` that keeps their documents.
  // REQUIRES: no row of `rows` is the programme row.
  Status remove_rows(std::vector<BadRow> rows, const std::string& actor);
  // Writes what differs from `before` (everything when it is null).
  Status save(const State* before, const State& after, const Change& change);

  Result<std::vector<User>> users();
  Status add_user(User* user, const std::string& actor);  // sets user->id
  Result<std::vector<Feed>> feeds();
  Status set_feed(const Feed& feed, const std::string& actor);  // replaces the subject's old feed
  Result<std::optional<StoredReply>> reply(std::int64_t user_id, const std::string& key);
  Result<std::vector<AuditRecord>> audit(std::int64_t after_id, int limit);

 private:
  explicit Store(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
  void insert_audit(const std::string& actor, const std::string& action, const nlohmann::json& before,
                    const nlohmann::json& after);

  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace peerslot::http
