// accounts.cpp — see accounts.h. Uses are noted under their own small
// mutex, so a lookup never takes the directory's lock exclusively; lock
// order: mutex_ before activity_mutex_.
#include "service/accounts.h"

#include <algorithm>

namespace peerslot::service {

void Accounts::load(StoredAccounts stored) {
  std::unique_lock lock(mutex_);
  for (User& u : stored.users) users_[u.id] = std::move(u);
  for (ApiToken& t : stored.tokens) tokens_[t.hash] = std::move(t);
  for (Session& s : stored.sessions) sessions_[s.hash] = std::move(s);
  for (Feed& f : stored.feeds) feeds_[f.secret_hash] = std::move(f);
  sequences_ = std::move(stored.sequences);
}

std::optional<User> Accounts::enabled_user(std::int64_t id) const {
  auto it = users_.find(id);
  if (it == users_.end() || it->second.disabled) return std::nullopt;
  return it->second;
}

std::optional<Caller> Accounts::by_token_hash(const std::string& hash, std::int64_t now) {
  std::optional<Caller> caller;
  {
    std::shared_lock lock(mutex_);
    auto it = tokens_.find(hash);
    if (it == tokens_.end() || it->second.revoked_at != 0 || it->second.expires_at <= now) return std::nullopt;
    auto user = enabled_user(it->second.user_id);
    if (!user) return std::nullopt;
    caller = Caller{*user, it->second.id, "", ""};
  }
  std::lock_guard noted(activity_mutex_);
  token_activity_[caller->token_id] = now;
  return caller;
}

std::optional<Caller> Accounts::by_session_hash(const std::string& hash, std::int64_t now, std::int64_t idle_seconds) {
  std::optional<Caller> caller;
  {
    std::shared_lock lock(mutex_);
    auto it = sessions_.find(hash);
    if (it == sessions_.end() || it->second.expires_at <= now) return std::nullopt;
    std::int64_t last_seen = it->second.last_seen_at;
    {
      std::lock_guard noted(activity_mutex_);
      if (auto seen = session_activity_.find(hash); seen != session_activity_.end()) last_seen = std::max(last_seen, seen->second);
    }
    if (last_seen + idle_seconds <= now) return std::nullopt;
    auto user = enabled_user(it->second.user_id);
    if (!user) return std::nullopt;
    caller = Caller{*user, 0, hash, it->second.csrf};
  }
  std::lock_guard noted(activity_mutex_);
  session_activity_[hash] = now;
  return caller;
}

std::optional<User> Accounts::user(std::int64_t id) const {
  std::shared_lock lock(mutex_);
  auto it = users_.find(id);
  return it == users_.end() ? std::nullopt : std::optional<User>(it->second);
}

std::optional<User> Accounts::by_email(const std::string& email) const {
  std::shared_lock lock(mutex_);
  for (const auto& [id, u] : users_)
    if (!u.email.empty() && u.email == email) return u;
  return std::nullopt;
}

std::vector<User> Accounts::users() const {
  std::shared_lock lock(mutex_);
  std::vector<User> out;
  for (const auto& [id, u] : users_) out.push_back(u);
  return out;
}

std::vector<ApiToken> Accounts::tokens_of(std::int64_t user_id) const {
  std::shared_lock lock(mutex_);
  std::vector<ApiToken> out;
  for (const auto& [hash, t] : tokens_)
    if (t.user_id == user_id) out.push_back(t);
  std::sort(out.begin(), out.end(), [](const ApiToken& a, const ApiToken& b) { return a.id < b.id; });
  return out;
}

std::optional<ApiToken> Accounts::token(std::int64_t id) const {
  std::shared_lock lock(mutex_);
  for (const auto& [hash, t] : tokens_)
    if (t.id == id) return t;
  return std::nullopt;
}

std::optional<Feed> Accounts::feed_by_hash(const std::string& hash) const {
  std::shared_lock lock(mutex_);
  auto it = feeds_.find(hash);
  return it == feeds_.end() ? std::nullopt : std::optional<Feed>(it->second);
}

Sequences Accounts::sequences() const {
  std::shared_lock lock(mutex_);
  return sequences_;
}

void Accounts::put_user(const User& user) {
  std::unique_lock lock(mutex_);
  users_[user.id] = user;
}

void Accounts::put_token(const ApiToken& token) {
  std::unique_lock lock(mutex_);
  tokens_[token.hash] = token;
}

void Accounts::put_session(const Session& session) {
  std::unique_lock lock(mutex_);
  sessions_[session.hash] = session;
}

void Accounts::end_session(const std::string& hash) {
  std::unique_lock lock(mutex_);
  sessions_.erase(hash);
}

void Accounts::put_feed(const Feed& feed) {
  std::unique_lock lock(mutex_);
  std::erase_if(feeds_, [&](const auto& entry) { return entry.second.kind == feed.kind && entry.second.subject == feed.subject; });
  feeds_[feed.secret_hash] = feed;
}

void Accounts::put_sequences(const Sequences& changed) {
  std::unique_lock lock(mutex_);
  for (const auto& [request, sequence] : changed) sequences_[request] = sequence;
}

void Accounts::take_activity(std::map<std::int64_t, std::int64_t>* token_last_used,
                             std::map<std::string, std::int64_t>* session_last_seen) {
  std::unique_lock lock(mutex_);
  std::lock_guard noted(activity_mutex_);
  for (auto& [hash, token] : tokens_)
    if (auto used = token_activity_.find(token.id); used != token_activity_.end()) token.last_used_at = used->second;
  for (auto& [hash, at] : session_activity_)
    if (auto session = sessions_.find(hash); session != sessions_.end()) session->second.last_seen_at = at;
  token_last_used->swap(token_activity_);
  session_last_seen->swap(session_activity_);
  token_activity_.clear();
  session_activity_.clear();
}

}  // namespace peerslot::service
