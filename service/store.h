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
#include "service/mail.h"
#include "service/records.h"
#include "service/state.h"
#include "service/webhook.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
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

// Who made a change and why, with the reply to keep for a retry, and the
// mail it sends (with the invitations' raised sequences).
struct ChangeRecord {
  std::string actor;
  std::string action;
  std::optional<StoredReply> reply;
  std::vector<QueuedMail> mail;  // ids are set by the store
  Sequences sequences;           // only the requests whose sequence changed
  std::vector<WebhookDelivery> deliveries;  // ids are set by the store
};

// What the service keeps in memory of its accounts, loaded once at start.
struct StoredAccounts {
  std::vector<User> users;
  std::vector<ApiToken> tokens;
  std::vector<Session> sessions;  // not yet expired
  std::vector<Feed> feeds;
  Sequences sequences;
  std::vector<Webhook> webhooks;
};

class Store {
 public:
  virtual ~Store() = default;

  // The stored programme; nullopt when none has been saved yet.
  virtual Result<std::optional<StoredProgramme>> load() = 0;
  virtual Status save(const ChangeSet& change, const ChangeRecord& record) = 0;

  virtual Result<StoredAccounts> accounts(std::int64_t now) = 0;
  // Adds (id 0: sets the id) or replaces each user, with one audit entry,
  // in one transaction; a conflict naming "email" when another user has
  // the address (and nothing is written).
  virtual Status put_users(std::vector<User>* users, const std::string& actor, const std::string& action) = 0;
  virtual Status add_token(ApiToken* token, const std::string& actor) = 0;  // sets token->id
  virtual Status revoke_token(std::int64_t token_id, std::int64_t at, const std::string& actor) = 0;
  // A sign-in link and the mail that carries it, in one transaction.
  virtual Status add_sign_in_link(const SignInLink& link, QueuedMail* mail) = 0;
  // Marks the link used, once: the link as it was, or nullopt when there is
  // no such link, it was used already, or it expired by `now`.
  virtual Result<std::optional<SignInLink>> use_sign_in_link(const std::string& hash, std::int64_t now) = 0;
  virtual Status add_session(const Session& session, const std::string& actor) = 0;
  virtual Status end_session(const std::string& hash) = 0;
  // The last uses seen since the previous call, written in one transaction.
  virtual Status record_activity(const std::map<std::int64_t, std::int64_t>& token_last_used,
                                 const std::map<std::string, std::int64_t>& session_last_seen) = 0;
  virtual Status set_feed(const Feed& feed, const std::string& actor) = 0;  // replaces the subject's old feed

  // The outbox (mail.h). queue_mail() sets mail->id.
  virtual Status queue_mail(QueuedMail* mail) = 0;
  virtual Result<std::vector<QueuedMail>> due_mail(std::int64_t now, int limit) = 0;
  virtual Result<std::optional<QueuedMail>> queued_mail(std::int64_t id) = 0;
  virtual Status update_mail(const QueuedMail& mail) = 0;  // status, attempts, next attempt, error, sent_at
  // The newest messages first, with id < before_id (any when 0), of
  // `status` (any when empty), at most `limit`.
  virtual Result<std::vector<QueuedMail>> outbox(const std::string& status, std::int64_t before_id, int limit) = 0;
  // The milestone reminders sent so far (milestone_notices.h's keys), and
  // new ones recorded with the mail that tells them in one transaction
  // (sets each mail's id).
  virtual Result<std::set<std::string>> sent_milestone_notices() = 0;
  virtual Status record_milestone_notices(const std::vector<std::string>& keys, std::vector<QueuedMail>* mail,
                                          std::int64_t at) = 0;
  // A setting (settings table), created with `initial` when absent.
  virtual Result<std::string> setting(const std::string& name, const std::string& initial) = 0;
  // Webhooks (webhook.h). put_webhook() adds (id 0: sets the id) or
  // replaces the endpoint, with an audit entry that leaves out its secret;
  // remove_webhook() deletes it with its delivery log.
  virtual Status put_webhook(Webhook* webhook, const std::string& actor, const std::string& action) = 0;
  virtual Status remove_webhook(std::int64_t id, const std::string& actor) = 0;
  virtual Status queue_delivery(WebhookDelivery* delivery) = 0;  // sets delivery->id
  virtual Result<std::vector<WebhookDelivery>> due_deliveries(std::int64_t now, int limit) = 0;
  virtual Result<std::optional<WebhookDelivery>> delivery(std::int64_t id) = 0;
  // Status, attempts, next attempt, the answer, error, delivered_at.
  virtual Status update_delivery(const WebhookDelivery& delivery) = 0;
  // An endpoint's deliveries, newest first, with id < before_id (any when
  // 0), of `status` (any when empty), at most `limit`.
  virtual Result<std::vector<WebhookDelivery>> deliveries(std::int64_t webhook_id, const std::string& status,
                                                          std::int64_t before_id, int limit) = 0;

  virtual Result<std::optional<StoredReply>> reply(std::int64_t user_id, const std::string& key) = 0;
  // Audit entries with id > after_id that match `filter`, oldest first, at most `limit`.
  virtual Result<std::vector<AuditRecord>> audit(std::int64_t after_id, const AuditFilter& filter, int limit) = 0;
};

}  // namespace peerslot::service
