// sqlite_store.h — the service's Store on SQLite: the programme, bookings,
// accounts (users, API tokens, sign-in links, sessions), calendar feeds,
// idempotent replies, the mail outbox and the audit log in one database
// file (or ":memory:").
//
// Guarantees, beyond those of service/store.h:
//   - open() applies the schema/ migrations, turns foreign keys on and puts
//     the database in WAL mode with synchronous=FULL: a commit returns only
//     after the WAL is on disk, so a crash or power cut at any point loses no
//     acknowledged change (NORMAL would only risk the last commits on power
//     loss; bookings are few, so the fsync per commit is affordable);
//   - save() writes one ChangeSet as one BEGIN IMMEDIATE transaction: its
//     rows, the audit entry with their before and after, and the idempotent
//     reply if any; the schema's constraints (one booking per request, a
//     peer once per week, the weekly capacity trigger) refuse anything the
//     service's own checks let through by mistake, as a conflict;
//   - load() reads the entities back through the engine's validation and
//     names the table, row id and field of a row it refuses; bad_rows()
//     lists every such row and repair() removes them after a backup.
// Cost of save(): O(rows of the change) statements and one fsync.
// Thread-safety: none; one connection, used by one thread at a time (the
// Service serialises every call).
#pragma once

#include "engine/status.h"
#include "service/store.h"

#include <SQLiteCpp/Database.h>

#include <memory>
#include <string>
#include <vector>

namespace peerslot::store {

// A stored row that keeps the programme from loading, and why.
struct BadRow {
  std::string table;    // councils, peers, requests; "programme" for the settings row
  std::string id;       // the row's id ("1" for the programme row)
  std::string problem;  // the engine's message, e.g. "lat: null is not a number"
  std::string line() const { return table + " " + id + ": " + problem; }
};

class SqliteStore : public service::Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Result<std::optional<service::StoredProgramme>> load() override;
  Status save(const service::ChangeSet& change, const service::ChangeRecord& record) override;
  // Accounts (sqlite_accounts.cpp).
  Result<service::StoredAccounts> accounts(std::int64_t now) override;
  Status put_users(std::vector<service::User>* users, const std::string& actor, const std::string& action) override;
  Status add_token(service::ApiToken* token, const std::string& actor) override;
  Status revoke_token(std::int64_t token_id, std::int64_t at, const std::string& actor) override;
  Status add_sign_in_link(const service::SignInLink& link, service::QueuedMail* mail) override;
  Result<std::optional<service::SignInLink>> use_sign_in_link(const std::string& hash, std::int64_t now) override;
  Status add_session(const service::Session& session, const std::string& actor) override;
  Status end_session(const std::string& hash) override;
  Status record_activity(const std::map<std::int64_t, std::int64_t>& token_last_used,
                         const std::map<std::string, std::int64_t>& session_last_seen) override;
  Status set_feed(const service::Feed& feed, const std::string& actor) override;
  // The outbox, settings and calendar sequences (sqlite_outbox.cpp).
  Status queue_mail(service::QueuedMail* mail) override;
  Result<std::vector<service::QueuedMail>> due_mail(std::int64_t now, int limit) override;
  Result<std::optional<service::QueuedMail>> queued_mail(std::int64_t id) override;
  Status update_mail(const service::QueuedMail& mail) override;
  Result<std::vector<service::QueuedMail>> outbox(const std::string& status, std::int64_t before_id, int limit) override;
  Result<std::set<std::string>> sent_milestone_notices() override;
  Status record_milestone_notices(const std::vector<std::string>& keys, std::vector<service::QueuedMail>* mail,
                                  std::int64_t at) override;
  Result<std::string> setting(const std::string& name, const std::string& initial) override;
  Status put_webhook(service::Webhook* webhook, const std::string& actor, const std::string& action) override;
  Status remove_webhook(std::int64_t id, const std::string& actor) override;
  Status queue_delivery(service::WebhookDelivery* delivery) override;
  Result<std::vector<service::WebhookDelivery>> due_deliveries(std::int64_t now, int limit) override;
  Result<std::optional<service::WebhookDelivery>> delivery(std::int64_t id) override;
  Status update_delivery(const service::WebhookDelivery& delivery) override;
  Result<std::vector<service::WebhookDelivery>> deliveries(std::int64_t webhook_id, const std::string& status,
                                                           std::int64_t before_id, int limit) override;
  Result<std::optional<service::StoredReply>> reply(std::int64_t user_id, const std::string& key) override;
  Result<std::vector<service::AuditRecord>> audit(std::int64_t after_id, const service::AuditFilter& filter,
                                                  int limit) override;

  // Every row that keeps load() from succeeding, found by removing each bad
  // row in turn (with the rows that then stop validating) until the rest
  // loads; empty when load() succeeds. A bad programme row ends the search.
  Result<std::vector<BadRow>> bad_rows();
  // Copies the database to `backup_path` (VACUUM INTO), then deletes the
  // rows of bad_rows() and the bookings they held, in one transaction with
  // an audit entry by `actor` that keeps their documents; returns what it
  // removed (nothing, and no backup, when the programme loads). An invalid
  // Status when the programme's settings row is bad: that cannot be mended
  // by removing rows.
  Result<std::vector<BadRow>> repair(const std::string& backup_path, const std::string& actor);

 private:
  explicit SqliteStore(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
  Status back_up(const std::string& path);
  Status remove_rows(std::vector<BadRow> rows, const std::string& actor);
  void insert_audit(const std::string& actor, const std::string& action, const nlohmann::json& before,
                    const nlohmann::json& after);
  // Inside a transaction of the caller's: sets mail->id.
  void insert_mail(service::QueuedMail* mail);
  void write_sequences(const service::Sequences& sequences);
  void insert_delivery(service::WebhookDelivery* delivery);  // as insert_mail
  std::vector<service::Webhook> load_webhooks();

  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace peerslot::store
