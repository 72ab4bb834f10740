// service.cpp — one writer, many readers.
//
// A change is: lock the writer; replay the stored reply if the idempotency
// key was seen; copy the current State into a Draft; run the operation;
// build the new State and let the checker judge all of it (so no operation
// can leave a week over capacity or a peer double-booked, whatever it did);
// save the touched rows in one transaction; publish. The store's
// constraints stand behind the checker. Readers take the published pointer
// under a shared lock held only for the copy of a shared_ptr.
#include "service/service.h"

#include "engine/json_text.h"
#include "engine/scenario_json.h"
#include "service/email_address.h"
#include "service/mail_message.h"
#include "service/milestone_notices.h"
#include "service/notifications.h"
#include "service/office_operations.h"
#include "service/solve_summary.h"
#include "service/tokens.h"
#include "service/utc_time.h"
#include "service/violation_words.h"

#include <boost/date_time/posix_time/posix_time.hpp>


namespace peerslot::service {

namespace {

// What the store accepts it must load again: a changed scenario is read
// back through the very validation the store loads with.
Status loadable(const State& state) {
  auto again = scenario_from_json(scenario_to_json(*state.scenario));
  return again.is_ok() ? Status::ok() : again.status();
}

// The first few rules the new State breaks, in words; the first one's
// rule for programs.
Status judge(const State& state) {
  std::vector<Violation> found = violations(state);
  if (found.empty()) return Status::ok();
  std::string message = "This change cannot be made: ";
  for (std::size_t i = 0; i < found.size() && i < 3; ++i)
    message += (i ? "; " : "") + violation_words(*state.scenario, found[i]);
  return Status::conflict(message).with_reason("rule_broken", found.front().rule);
}

}  // namespace

Result<std::unique_ptr<Service>> Service::open(std::unique_ptr<Store> store, ServiceOptions options) {
  std::unique_ptr<Service> service(new Service(std::move(store), std::move(options)));
  auto loaded = service->store_->load();
  if (!loaded.is_ok()) return loaded.status();
  if (loaded.value()) {
    StoredProgramme& p = *loaded.value();
    service->state_ = std::make_shared<const State>(make_state(std::move(p.scenario), std::move(p.bookings), std::move(p.accepted), std::move(p.approved)));
  }
  auto accounts = service->store_->accounts(service->now());
  if (!accounts.is_ok()) return accounts.status();
  service->webhooks_ = accounts.value().webhooks;
  service->accounts_.load(std::move(accounts).value());
  auto key = service->store_->setting("link_key", new_secret());
  if (!key.is_ok()) return key.status();
  service->link_key_ = key.value();
  return service;
}

std::int64_t Service::now() const {
  return options_.clock ? options_.clock() : unix_now();
}

void Service::publish(StatePtr state) {
  std::unique_lock lock(published_);
  state_ = std::move(state);
}

Status Service::seed(Scenario scenario, std::vector<Assignment> bookings) {
  std::lock_guard lock(writer_);
  auto state = std::make_shared<const State>(make_state(std::move(scenario), std::move(bookings), {}, {}));
  Status judged = loadable(*state);
  if (judged.is_ok()) judged = judge(*state);
  if (!judged.is_ok()) return judged;
  Status saved = store_->save(all_rows(*state), {"office (seed)", "seed the demo programme", std::nullopt, {}, {}, {}});
  if (!saved.is_ok()) return saved;
  publish(state);
  return Status::ok();
}

StatePtr Service::state() const {
  std::shared_lock lock(published_);
  return state_;
}

Result<Reply> Service::replay(const IdempotencyKey& key) {
  auto stored = store_->reply(key.user_id, key.key);
  if (!stored.is_ok()) return stored.status();
  if (!stored.value()) return Reply{0, nullptr};
  if (stored.value()->fingerprint != key.fingerprint)
    return Status::invalid("Idempotency-Key", "\"" + key.key + "\" was already used for a different request");
  return Reply{stored.value()->status, nlohmann::json::parse(stored.value()->body)};
}

Result<Reply> Service::change(const std::string& actor, const std::string& action, const Operation& operation,
                              const Render& render, const std::optional<IdempotencyKey>& key) {
  std::lock_guard lock(writer_);
  if (key) {
    auto replayed = replay(*key);
    if (!replayed.is_ok() || replayed.value().status != 0) return replayed;
  }
  StatePtr base = state();
  Draft draft(*base);
  Status edited = operation(draft);
  if (!edited.is_ok()) return edited;
  auto next = std::make_shared<const State>(draft.build());
  Status judged = draft.scenario_changed() ? loadable(*next) : Status::ok();
  if (judged.is_ok()) judged = judge(*next);
  if (!judged.is_ok()) return judged;
  Reply reply = render(*next);
  ChangeRecord record{actor, action, std::nullopt, {}, {}, {}};
  if (key) record.reply = StoredReply{key->user_id, key->key, key->fingerprint, reply.status, json_text(reply.body)};
  add_notices(*base, *next, &record);
  add_deliveries(*base, *next, &record);
  Status saved = store_->save(draft.changes(*next), record);
  if (!saved.is_ok()) return saved;
  accounts_.put_sequences(record.sequences);
  publish(next);
  if (!record.mail.empty()) mail_queued();
  if (!record.deliveries.empty() && wake_webhooks_) wake_webhooks_();
  return reply;
}

Result<int> Service::send_due_milestone_notices() {
  std::lock_guard lock(writer_);
  auto sent = store_->sent_milestone_notices();
  if (!sent.is_ok()) return sent.status();
  Date today = boost::posix_time::from_time_t(static_cast<std::time_t>(now())).date();
  DueMilestones due = due_milestone_notices(*state(), today, recipients(), notice_settings(), sent.value());
  if (due.keys.empty()) return 0;
  std::vector<QueuedMail> mail;
  for (const Mail& m : due.mail) mail.push_back(compose(m));
  Status recorded = store_->record_milestone_notices(due.keys, &mail, now());
  if (!recorded.is_ok()) return recorded;
  if (!mail.empty()) mail_queued();
  return static_cast<int>(mail.size());
}

std::vector<Recipient> Service::recipients() const {
  std::vector<Recipient> people;
  for (const User& u : accounts_.users())
    if (!u.disabled && !u.email.empty()) people.push_back({u.name, u.email, u.role, u.subject, u.muted});
  return people;
}

NoticeSettings Service::notice_settings() const {
  return {options_.mail_from_name, options_.mail_from, options_.public_url, link_key_, now()};
}

void Service::add_notices(const State& before, const State& after, ChangeRecord* record) const {
  Sequences sequences = accounts_.sequences();
  Sequences sent = sequences;
  std::vector<Recipient> people = recipients();
  for (const Mail& mail : notices_for_change(before, after, people, notice_settings(), &sequences))
    record->mail.push_back(compose(mail));
  if (record->action.rfind(kApplySolveAction, 0) == 0)
    for (const Mail& mail : solve_summary(before, after, people, notice_settings())) record->mail.push_back(compose(mail));
  for (const auto& [request, sequence] : sequences)
    if (!sent.count(request) || sent.at(request) != sequence) record->sequences[request] = sequence;
}

QueuedMail Service::compose(const Mail& mail) const {
  std::int64_t at = now();
  std::string domain = options_.mail_from.substr(options_.mail_from.find('@') + 1);
  MailEnvelope envelope{options_.mail_from, options_.mail_from_name, new_secret().substr(0, 32) + "@" + domain, at};
  QueuedMail queued;
  queued.created_at = at;
  queued.sender = options_.mail_from;
  queued.recipient = mail.to;
  queued.subject = mail.subject;
  queued.kind = mail.kind;
  queued.message = rfc5322_message(mail, envelope);
  queued.status = "queued";
  queued.next_attempt_at = at;
  return queued;
}

void Service::mail_queued() const {
  if (wake_sender_) wake_sender_();
}

Result<std::vector<User>> Service::create_users(std::vector<User> users, const std::string& actor) {
  StatePtr current = state();
  for (std::size_t i = 0; i < users.size(); ++i) {
    User& user = users[i];
    std::string where = users.size() == 1 ? "" : "users[" + std::to_string(i) + "].";
    auto email = email_address(user.email, where + "email");
    if (!email.is_ok()) return email.status();
    user.email = email.value();
    if (user.name.empty()) return Status::invalid(where + "name", "the person's name is needed");
    Status allowed = current ? check_new_user(*current->scenario, user) : Status::ok();
    if (!allowed.is_ok()) return where.empty() ? allowed : allowed.under(where.substr(0, where.size() - 1));
    user.id = 0;
    user.disabled = false;
    user.created_at = now();
  }
  std::lock_guard lock(writer_);
  std::string action = users.size() == 1 ? "create user " + users.front().email : "create " + std::to_string(users.size()) + " users";
  Status added = store_->put_users(&users, actor, action);
  if (!added.is_ok()) return added;
  for (const User& u : users) accounts_.put_user(u);
  return users;
}

Result<User> Service::create_user(User user, const std::string& actor, bool welcome) {
  auto created = create_users({std::move(user)}, actor);
  if (!created.is_ok()) return created.status();
  const User& made = created.value().front();
  if (welcome) {
    Status sent = send_sign_in_link(made, options_.invitation_link_seconds, "You have been given an account");
    if (!sent.is_ok()) return sent;
  }
  return made;
}

Result<User> Service::update_user(const User& changed, const std::string& actor) {
  auto existing = accounts_.user(changed.id);
  if (!existing) return Status::not_found("id", "user " + std::to_string(changed.id) + " does not exist");
  User user = *existing;
  auto email = email_address(changed.email, "email");
  if (!email.is_ok()) return email.status();
  if (changed.name.empty()) return Status::invalid("name", "the person's name is needed");
  user.name = changed.name;
  user.email = email.value();
  user.disabled = changed.disabled;
  user.muted = changed.muted;
  std::vector<User> one = {user};
  std::lock_guard lock(writer_);
  std::string action = user.disabled != existing->disabled ? (user.disabled ? "disable user " : "enable user ")
                                                           : "change user ";
  Status saved = store_->put_users(&one, actor, action + user.email);
  if (!saved.is_ok()) return saved;
  accounts_.put_user(user);
  return user;
}

Result<NewToken> Service::create_token(std::int64_t user_id, const std::string& name, int days, const std::string& actor) {
  if (!accounts_.user(user_id)) return Status::not_found("id", "user " + std::to_string(user_id) + " does not exist");
  std::string secret = new_secret();
  std::int64_t at = now();
  ApiToken token{0, user_id, name, sha256_hex(secret), at, at + std::int64_t{days} * 86400, 0, 0};
  std::lock_guard lock(writer_);
  Status added = store_->add_token(&token, actor);
  if (!added.is_ok()) return added;
  accounts_.put_token(token);
  return NewToken{token, secret};
}

Status Service::revoke_token(std::int64_t token_id, const std::string& actor) {
  auto token = accounts_.token(token_id);
  if (!token) return Status::not_found("id", "token " + std::to_string(token_id) + " does not exist");
  if (token->revoked_at != 0) return Status::ok();
  token->revoked_at = now();
  std::lock_guard lock(writer_);
  Status revoked = store_->revoke_token(token_id, token->revoked_at, actor);
  if (!revoked.is_ok()) return revoked;
  accounts_.put_token(*token);
  return Status::ok();
}

Status Service::send_sign_in_link(const User& user, int seconds, const std::string& why) {
  std::string secret = new_secret();
  std::int64_t at = now();
  SignInLink link{sha256_hex(secret), user.id, at, at + seconds, 0};
  std::string minutes = seconds >= 86400 ? std::to_string(seconds / 86400) + " days" : std::to_string(seconds / 60) + " minutes";
  Mail mail{user.email, user.name, "Sign in to peer challenge bookings", "", "", "", "sign-in link"};
  mail.text = "Hello " + user.name + ",\n\n" + why + ". Use this link to sign in to peer challenge bookings:\n\n" +
              options_.public_url + "/#sign-in=" + secret + "\n\nThe link works once, within " + minutes +
              ". If you did not ask to sign in, you can ignore this message: nobody can sign in without the link.\n";
  QueuedMail queued = compose(mail);
  {
    std::lock_guard lock(writer_);
    Status added = store_->add_sign_in_link(link, &queued);
    if (!added.is_ok()) return added;
  }
  mail_queued();
  return Status::ok();
}

Status Service::request_sign_in(const std::string& email_text) {
  auto email = email_address(email_text, "email");
  if (!email.is_ok()) return email.status();
  if (!sign_in_limit_.allow(email.value(), now()))
    return Status::too_many("email", "too many sign-in links were asked for " + email.value() +
                                         "; use the last one sent, or try again in " +
                                         std::to_string(options_.sign_in_window_seconds / 60) + " minutes");
  auto user = accounts_.by_email(email.value());
  if (!user || user->disabled) return Status::ok();
  return send_sign_in_link(*user, options_.sign_in_link_seconds, "You asked to sign in");
}

Result<NewSession> Service::sign_in(const std::string& link_secret) {
  if (link_secret.empty()) return Status::invalid("link", "the sign-in link's code is needed");
  Status spent = Status::unauthenticated("link", "this sign-in link has expired or has been used already; ask for a new one");
  std::lock_guard lock(writer_);
  auto link = store_->use_sign_in_link(sha256_hex(link_secret), now());
  if (!link.is_ok()) return link.status();
  if (!link.value()) return spent;
  auto user = accounts_.user(link.value()->user_id);
  if (!user || user->disabled) return spent;
  std::string secret = new_secret();
  std::int64_t at = now();
  Session session{sha256_hex(secret), user->id, new_secret(), at, at, at + options_.session_absolute_seconds};
  Status added = store_->add_session(session, actor_name(*user));
  if (!added.is_ok()) return added;
  accounts_.put_session(session);
  return NewSession{session, secret, *user};
}

Status Service::sign_out(const std::string& session_hash) {
  std::lock_guard lock(writer_);
  Status ended = store_->end_session(session_hash);
  if (ended.is_ok()) accounts_.end_session(session_hash);
  return ended;
}

std::optional<Caller> Service::caller_by_token(const std::string& token) {
  if (token.empty()) return std::nullopt;
  return accounts_.by_token_hash(sha256_hex(token), now());
}

std::optional<Caller> Service::caller_by_session(const std::string& cookie) {
  if (cookie.empty()) return std::nullopt;
  return accounts_.by_session_hash(sha256_hex(cookie), now(), options_.session_idle_seconds);
}

Status Service::record_activity() {
  std::map<std::int64_t, std::int64_t> tokens;
  std::map<std::string, std::int64_t> sessions;
  accounts_.take_activity(&tokens, &sessions);
  if (tokens.empty() && sessions.empty()) return Status::ok();
  std::lock_guard lock(writer_);
  return store_->record_activity(tokens, sessions);
}

Result<std::string> Service::new_feed(const std::string& kind, const std::string& subject, const std::string& actor) {
  std::string secret = new_secret();
  Feed feed{kind, subject, sha256_hex(secret)};
  std::lock_guard lock(writer_);
  Status saved = store_->set_feed(feed, actor);
  if (!saved.is_ok()) return saved;
  accounts_.put_feed(feed);
  return "/calendar/" + secret + ".ics";
}

std::optional<Feed> Service::feed_by_secret(const std::string& secret) const {
  return accounts_.feed_by_hash(sha256_hex(secret));
}

Result<std::vector<QueuedMail>> Service::due_mail(std::int64_t at, int limit) {
  std::lock_guard lock(writer_);
  return store_->due_mail(at, limit);
}

Status Service::mail_sent(std::int64_t id, std::int64_t at) {
  std::lock_guard lock(writer_);
  auto mail = store_->queued_mail(id);
  if (!mail.is_ok() || !mail.value()) return mail.is_ok() ? Status::not_found("id", "no message " + std::to_string(id)) : mail.status();
  QueuedMail sent = *mail.value();
  sent.status = "sent";
  sent.attempts += 1;
  sent.sent_at = at;
  sent.last_error.clear();
  return store_->update_mail(sent);
}

Status Service::mail_failed(std::int64_t id, const std::string& error, std::int64_t at) {
  std::lock_guard lock(writer_);
  auto mail = store_->queued_mail(id);
  if (!mail.is_ok() || !mail.value()) return mail.is_ok() ? Status::not_found("id", "no message " + std::to_string(id)) : mail.status();
  QueuedMail failed = *mail.value();
  failed.attempts += 1;
  failed.last_error = error;
  failed.status = failed.attempts >= kMailAttempts ? "dead" : "queued";
  failed.next_attempt_at = retry_at(failed.attempts, at);
  return store_->update_mail(failed);
}

std::int64_t Service::retry_at(int attempts, std::int64_t at) const {
  std::int64_t backoff = std::int64_t{options_.mail_retry_seconds} << std::min(attempts - 1, 12);
  return at + std::min<std::int64_t>(backoff, 3600);
}

Result<Page<QueuedMail>> Service::outbox(const std::string& status, const PageQuery& page) {
  return page_by_id<QueuedMail>(page, [&](std::int64_t before, int limit) {
    std::lock_guard lock(writer_);
    return store_->outbox(status, before, limit);
  });
}

Result<Page<AuditRecord>> Service::audit(const AuditFilter& filter, const PageQuery& page) {
  return page_by_id<AuditRecord>(page, [&](std::int64_t after, int limit) {
    std::lock_guard lock(writer_);
    return store_->audit(after, filter, limit);
  });
}

}  // namespace peerslot::service
