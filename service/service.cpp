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
#include "service/tokens.h"
#include "service/violation_words.h"

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

Result<std::unique_ptr<Service>> Service::open(std::unique_ptr<Store> store) {
  std::unique_ptr<Service> service(new Service(std::move(store)));
  auto loaded = service->store_->load();
  if (!loaded.is_ok()) return loaded.status();
  if (loaded.value()) {
    StoredProgramme& p = *loaded.value();
    service->state_ = std::make_shared<const State>(make_state(std::move(p.scenario), std::move(p.bookings), std::move(p.accepted), std::move(p.approved)));
  }
  Status status = service->load_users_and_feeds();
  if (!status.is_ok()) return status;
  return service;
}

Status Service::load_users_and_feeds() {
  auto users = store_->users();
  if (!users.is_ok()) return users.status();
  for (User& u : users.value()) users_[u.token_hash] = u;
  auto feeds = store_->feeds();
  if (!feeds.is_ok()) return feeds.status();
  for (Feed& f : feeds.value()) feeds_[f.secret_hash] = f;
  return Status::ok();
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
  Status saved = store_->save(all_rows(*state), {"office (seed)", "seed the demo programme", std::nullopt});
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
  ChangeRecord record{actor, action, std::nullopt};
  if (key) record.reply = StoredReply{key->user_id, key->key, key->fingerprint, reply.status, json_text(reply.body)};
  Status saved = store_->save(draft.changes(*next), record);
  if (!saved.is_ok()) return saved;
  publish(next);
  return reply;
}

Result<std::string> Service::create_user(User user, const std::string& actor) {
  std::string token = new_secret();
  user.token_hash = sha256_hex(token);
  std::lock_guard lock(writer_);
  Status added = store_->add_user(&user, actor);
  if (!added.is_ok()) return added;
  std::unique_lock publish(published_);
  users_[user.token_hash] = user;
  return token;
}

std::optional<User> Service::user_by_token(const std::string& token) const {
  std::string hash = sha256_hex(token);
  std::shared_lock lock(published_);
  auto it = users_.find(hash);
  return it == users_.end() ? std::nullopt : std::optional<User>(it->second);
}

Result<std::string> Service::new_feed(const std::string& kind, const std::string& subject, const std::string& actor) {
  std::string secret = new_secret();
  Feed feed{kind, subject, sha256_hex(secret)};
  std::lock_guard lock(writer_);
  Status saved = store_->set_feed(feed, actor);
  if (!saved.is_ok()) return saved;
  std::unique_lock publish(published_);
  std::erase_if(feeds_, [&](const auto& entry) { return entry.second.kind == kind && entry.second.subject == subject; });
  feeds_[feed.secret_hash] = feed;
  return "/calendar/" + secret + ".ics";
}

std::optional<Feed> Service::feed_by_secret(const std::string& secret) const {
  std::string hash = sha256_hex(secret);
  std::shared_lock lock(published_);
  auto it = feeds_.find(hash);
  return it == feeds_.end() ? std::nullopt : std::optional<Feed>(it->second);
}

Result<std::vector<AuditRecord>> Service::audit(std::int64_t after_id, int limit) {
  std::lock_guard lock(writer_);
  return store_->audit(after_id, limit);
}

}  // namespace peerslot::service
