// service.h — the booking service's core: the published State, the single
// writer that changes it, the people's accounts (users, API tokens,
// sign-in links, sessions), calendar feeds and the mail outbox. HTTP-free
// and SQL-free:
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
//     immutable snapshot;
//   - the mail a change sends (notifications.h) is queued in the outbox in
//     that same transaction; MailQueue's members deliver it from there;
//   - so is one webhook delivery per event of the change for each enabled
//     endpoint that chose its type (webhook_events.h); WebhookQueue's
//     members sign and deliver them from there;
//   - a credential (token, session, sign-in link) is stored only as a
//     hash; revoking a token or disabling a user refuses its very next
//     request.
// Cost of change(): the operation, plus O(bookings × team) for the new
// plan's cost and the whole-plan check, plus one commit; a change of the
// scenario also compiles a new Problem and serialises the scenario twice.
// Thread-safety: every member function may be called from any thread.
#pragma once

#include "engine/status.h"
#include "service/accounts.h"
#include "service/calendar_reply.h"
#include "service/draft.h"
#include "service/mail.h"
#include "service/notifications.h"
#include "service/page.h"
#include "service/rate_limit.h"
#include "service/records.h"
#include "service/state.h"
#include "service/store.h"
#include "service/webhook.h"

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

// How the service runs; the defaults suit the embedded demo.
struct ServiceOptions {
  std::function<std::int64_t()> clock;  // Unix seconds; the system clock when empty
  std::string public_url = "http://127.0.0.1:8080";  // where links in mail point
  std::string mail_from = "peer-challenge@example.org";
  std::string mail_from_name = "Peer challenge programme office";
  int sign_in_link_seconds = 15 * 60;
  int invitation_link_seconds = 7 * 86400;  // the link in a new user's welcome
  int session_idle_seconds = 2 * 3600;
  int session_absolute_seconds = 12 * 3600;
  int sign_in_requests = 5;  // per address in each sign-in window
  int sign_in_window_seconds = 15 * 60;
  int mail_retry_seconds = 60;  // the first retry of a failed message or webhook delivery; doubled each time, at most an hour
};

// A new secret and what it opens, for the caller to hand over once.
struct NewToken {
  ApiToken token;
  std::string secret;
};
struct NewSession {
  Session session;
  std::string secret;  // the cookie's value
  User user;
};

class Service : public MailQueue, public WebhookQueue, public CalendarReplies {
 public:
  using Operation = std::function<Status(Draft&)>;
  using Render = std::function<Reply(const State&)>;

  // Loads the stored programme, users and feeds; a stored programme that
  // does not load is the store's invalid Status.
  static Result<std::unique_ptr<Service>> open(std::unique_ptr<Store> store, ServiceOptions options = {});
  const ServiceOptions& options() const { return options_; }
  // REQUIRES: before the service is shared with other threads (the port
  // may be known only after the server binds).
  void set_public_url(std::string url) { options_.public_url = std::move(url); }
  // The key that signs the links in mail (signed_link.h); made once, kept in the store.
  const std::string& link_key() const { return link_key_; }
  std::int64_t now() const;

  bool seeded() const { return static_cast<bool>(state()); }
  // The first programme of an empty store.
  Status seed(Scenario scenario, std::vector<Assignment> bookings);
  StatePtr state() const;  // null until seeded

  // Runs `operation` as one change by `actor`; `render` makes the reply
  // from the new State (saved with the key, when there is one).
  // REQUIRES: seeded().
  Result<Reply> change(const std::string& actor, const std::string& action, const Operation& operation,
                       const Render& render, const std::optional<IdempotencyKey>& key = std::nullopt);

  // A peer's answer to an invitation outside their page, made as the
  // peer's own user; `how` ends the audit log's actor, e.g. "by the link
  // in their invitation". Errors as accept() and decline() give them.
  // REQUIRES: seeded().
  Result<Reply> answer_invitation(const std::string& request_id, const std::string& peer_id, bool accept,
                                  const std::string& how);
  // A REPLY from a peer's calendar (calendar_reply.h): the checks named
  // there, then answer_invitation(). Cost: O(users) to find the address.
  Result<std::string> take_reply(const CalendarReply& reply) override;

  // Accounts. create_user() vets the user (check_new_user()) and, with
  // `welcome`, emails a sign-in link valid for invitation_link_seconds.
  Result<User> create_user(User user, const std::string& actor, bool welcome);
  // Several users in one transaction (the demo's peers), without welcome mail.
  Result<std::vector<User>> create_users(std::vector<User> users, const std::string& actor);
  // Name, email, disabled and muted kinds of an existing user.
  Result<User> update_user(const User& user, const std::string& actor);
  std::vector<User> users() const { return accounts_.users(); }
  std::optional<User> user(std::int64_t id) const { return accounts_.user(id); }

  // REQUIRES: 1 <= days <= 365.
  Result<NewToken> create_token(std::int64_t user_id, const std::string& name, int days, const std::string& actor);
  Status revoke_token(std::int64_t token_id, const std::string& actor);
  std::vector<ApiToken> tokens_of(std::int64_t user_id) const { return accounts_.tokens_of(user_id); }
  std::optional<ApiToken> token(std::int64_t id) const { return accounts_.token(id); }

  // Emails a one-time sign-in link to the address when it is a user's (and
  // says nothing either way); too_many after sign_in_requests in a window.
  Status request_sign_in(const std::string& email);
  // Spends a sign-in link: a new session, or unauthenticated naming "link".
  Result<NewSession> sign_in(const std::string& link_secret);
  Status sign_out(const std::string& session_hash);

  std::optional<Caller> caller_by_token(const std::string& token);
  std::optional<Caller> caller_by_session(const std::string& cookie);
  // Writes the last uses of tokens and sessions seen since the last call.
  Status record_activity();

  // A new secret feed URL path for a council or peer (the old one stops working).
  Result<std::string> new_feed(const std::string& kind, const std::string& subject, const std::string& actor);
  std::optional<Feed> feed_by_secret(const std::string& secret) const;

  // The outbox (mail.h).
  Result<std::vector<QueuedMail>> due_mail(std::int64_t now, int limit) override;
  Status mail_sent(std::int64_t id, std::int64_t now) override;
  Status mail_failed(std::int64_t id, const std::string& error, std::int64_t now) override;
  // The outbox, newest first, of `status` (any when empty).
  Result<Page<QueuedMail>> outbox(const std::string& status, const PageQuery& page);
  // Called after mail is queued (the mail sender's wake()).
  void on_mail_queued(std::function<void()> wake) { wake_sender_ = std::move(wake); }

  // The audit log, oldest first.
  Result<Page<AuditRecord>> audit(const AuditFilter& filter, const PageQuery& page);

  // Queues the milestone reminders due today (milestone_notices.h), each
  // step once, recorded with its mail in one transaction; returns how many
  // messages were queued. REQUIRES: seeded().
  Result<int> send_due_milestone_notices();

  // Webhooks (webhook.h). create_webhook() vets the endpoint
  // (check_webhook()) and gives it a new secret; update_webhook() changes
  // its url, description, types and disabled, keeping the secret.
  Result<Webhook> create_webhook(Webhook webhook, const std::string& actor);
  Result<Webhook> update_webhook(const Webhook& webhook, const std::string& actor);
  Status remove_webhook(std::int64_t id, const std::string& actor);
  std::vector<Webhook> webhooks() const;
  std::optional<Webhook> webhook(std::int64_t id) const;
  // Queues a webhook.test event for the endpoint, disabled or not.
  Result<WebhookDelivery> test_webhook(std::int64_t id, const std::string& actor);
  // Queues a failed (dead) delivery of the endpoint again, as if new: its
  // attempts start again from none, the first at once, then on the usual
  // schedule; same webhook-id, so a receiver that had it takes it once.
  // Disabled or not, like a test. not_found when the endpoint has no such
  // delivery; conflict when it was delivered or is queued already.
  Result<WebhookDelivery> resend_delivery(std::int64_t webhook_id, std::int64_t delivery_id);
  // The endpoint's delivery log, newest first (store.h's deliveries()).
  Result<Page<WebhookDelivery>> webhook_deliveries(std::int64_t id, const std::string& status, const PageQuery& page);
  Result<std::vector<WebhookPost>> due_webhooks(std::int64_t now, int limit) override;
  Status webhook_answered(std::int64_t id, const WebhookAnswer& answer, std::int64_t now) override;
  Status webhook_failed(std::int64_t id, const std::string& error, std::int64_t now) override;
  // Called after deliveries are queued (the webhook sender's wake()).
  void on_webhook_queued(std::function<void()> wake) { wake_webhooks_ = std::move(wake); }

 private:
  Service(std::unique_ptr<Store> store, ServiceOptions options)
      : store_(std::move(store)), options_(std::move(options)), sign_in_limit_(options_.sign_in_requests, options_.sign_in_window_seconds) {}
  Result<Reply> replay(const IdempotencyKey& key);
  void publish(StatePtr state);
  QueuedMail compose(const Mail& mail) const;
  // Everyone who may be told of a change: enabled users with an address.
  std::vector<Recipient> recipients() const;
  NoticeSettings notice_settings() const;
  // The notices a change sends, with the invitations' new sequences.
  void add_notices(const State& before, const State& after, ChangeRecord* record) const;
  // The webhook deliveries a change sends.
  void add_deliveries(const State& before, const State& after, ChangeRecord* record) const;
  WebhookDelivery delivery_for(const Webhook& webhook, const std::string& type, std::string body) const;
  // One attempt's outcome: delivered when `error` is empty, else failed
  // (answer.status 0 when nothing answered).
  Status record_attempt(std::int64_t id, const WebhookAnswer& answer, const std::string& error, std::int64_t now);
  // Standard Webhooks: an endpoint that answers 410 Gone wants no more
  // messages, so it is disabled (an office user may enable it again) and the
  // delivery is not retried. REQUIRES: writer_ is held.
  Status disable_gone_endpoint(std::int64_t webhook_id);
  // When the next attempt after `attempts` failures is due.
  std::int64_t retry_at(int attempts, std::int64_t now) const;
  Status send_sign_in_link(const User& user, int seconds, const std::string& why);
  void mail_queued() const;

  std::unique_ptr<Store> store_;
  ServiceOptions options_;
  std::string link_key_;  // signs the links in invitations (signed_link.h)
  mutable std::mutex writer_;  // serialises every change and every use of store_
  mutable std::shared_mutex published_;
  StatePtr state_;
  Accounts accounts_;
  RateLimit sign_in_limit_;
  std::function<void()> wake_sender_;
  std::function<void()> wake_webhooks_;
  std::vector<Webhook> webhooks_;  // guarded by writer_
};

}  // namespace peerslot::service
