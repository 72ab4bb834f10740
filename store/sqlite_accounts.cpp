// sqlite_accounts.cpp — the accounts half of SqliteStore: users, API
// tokens, sign-in links, sessions and calendar feeds. Every change is one
// transaction; those a person made carry an audit entry naming them (never
// a secret: the audit log shows "(secret)" where a hash was written).
#include "store/sqlite_store.h"

#include "store/sqlite_support.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace peerslot::store {

using service::ApiToken;
using service::Feed;
using service::QueuedMail;
using service::Session;
using service::SignInLink;
using service::StoredAccounts;
using service::User;

namespace {

using Json = nlohmann::json;

void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& text) {
  if (text.empty()) statement.bind(index);
  else statement.bind(index, text);
}

std::vector<User> load_users(SQLite::Database& db) {
  std::map<std::int64_t, User> users;
  SQLite::Statement query(db, "SELECT id, name, coalesce(email, ''), role, coalesce(subject, ''), disabled, created_at "
                              "FROM users ORDER BY id");
  while (query.executeStep()) {
    User u{query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
           query.getColumn(3).getString(), query.getColumn(4).getString(), query.getColumn(5).getInt() == 1,
           query.getColumn(6).getInt64(), {}};
    users[u.id] = u;
  }
  SQLite::Statement muted(db, "SELECT user_id, kind FROM muted_notices");
  while (muted.executeStep()) users[muted.getColumn(0).getInt64()].muted.insert(muted.getColumn(1).getString());
  std::vector<User> out;
  for (auto& [id, u] : users) out.push_back(std::move(u));
  return out;
}

std::vector<ApiToken> load_tokens(SQLite::Database& db) {
  std::vector<ApiToken> out;
  SQLite::Statement query(db, "SELECT id, user_id, name, hash, created_at, expires_at, last_used_at, revoked_at "
                              "FROM api_tokens ORDER BY id");
  while (query.executeStep())
    out.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                   query.getColumn(3).getString(), query.getColumn(4).getInt64(), query.getColumn(5).getInt64(),
                   query.getColumn(6).getInt64(), query.getColumn(7).getInt64()});
  return out;
}

std::vector<Session> load_sessions(SQLite::Database& db, std::int64_t now) {
  std::vector<Session> out;
  SQLite::Statement query(db, "SELECT hash, user_id, csrf, created_at, last_seen_at, expires_at FROM sessions "
                              "WHERE expires_at > ?");
  query.bind(1, now);
  while (query.executeStep())
    out.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                   query.getColumn(3).getInt64(), query.getColumn(4).getInt64(), query.getColumn(5).getInt64()});
  return out;
}

std::vector<Feed> load_feeds(SQLite::Database& db) {
  std::vector<Feed> out;
  SQLite::Statement query(db, "SELECT kind, subject, secret_hash FROM feeds");
  while (query.executeStep())
    out.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString()});
  return out;
}

service::Sequences load_sequences(SQLite::Database& db) {
  service::Sequences out;
  SQLite::Statement query(db, "SELECT request_id, sequence FROM calendar_sequences");
  while (query.executeStep()) out[query.getColumn(0).getString()] = query.getColumn(1).getInt();
  return out;
}

Json user_json(const User& u) {
  return {{"name", u.name}, {"email", u.email}, {"role", u.role}, {"subject", u.subject}, {"disabled", u.disabled},
          {"muted", u.muted}};
}

Json user_row(SQLite::Database& db, std::int64_t id) {
  SQLite::Statement query(db, "SELECT name, coalesce(email, ''), role, coalesce(subject, ''), disabled FROM users WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return nullptr;
  return {{"name", query.getColumn(0).getString()}, {"email", query.getColumn(1).getString()},
          {"role", query.getColumn(2).getString()}, {"subject", query.getColumn(3).getString()},
          {"disabled", query.getColumn(4).getInt() == 1}};
}

void write_user(SQLite::Database& db, User* user) {
  SQLite::Statement upsert(db, "INSERT INTO users(id, name, email, role, subject, disabled, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                               "email = excluded.email, role = excluded.role, subject = excluded.subject, "
                               "disabled = excluded.disabled");
  if (user->id == 0) upsert.bind(1);
  else upsert.bind(1, user->id);
  upsert.bind(2, user->name);
  bind_text_or_null(upsert, 3, user->email);
  upsert.bind(4, user->role);
  bind_text_or_null(upsert, 5, user->subject);
  upsert.bind(6, user->disabled ? 1 : 0);
  upsert.bind(7, user->created_at);
  upsert.exec();
  if (user->id == 0) user->id = db.getLastInsertRowid();
  SQLite::Statement unmute(db, "DELETE FROM muted_notices WHERE user_id = ?");
  unmute.bind(1, user->id);
  unmute.exec();
  SQLite::Statement mute(db, "INSERT INTO muted_notices(user_id, kind) VALUES (?, ?)");
  for (const std::string& kind : user->muted) {
    mute.bind(1, user->id);
    mute.bind(2, kind);
    mute.exec();
    mute.reset();
  }
}

bool email_taken(SQLite::Database& db, const User& user) {
  if (user.email.empty()) return false;
  SQLite::Statement query(db, "SELECT count(*) FROM users WHERE email = ? AND id != ?");
  query.bind(1, user.email);
  query.bind(2, user.id);
  query.executeStep();
  return query.getColumn(0).getInt() > 0;
}

}  // namespace

Result<StoredAccounts> SqliteStore::accounts(std::int64_t now) {
  try {
    return StoredAccounts{load_users(*db_), load_tokens(*db_), load_sessions(*db_, now), load_feeds(*db_),
                          load_sequences(*db_), load_webhooks()};
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::put_users(std::vector<User>* users, const std::string& actor, const std::string& action) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    Json before = Json::object(), after = Json::object();
    for (User& user : *users) {
      if (email_taken(*db_, user))
        return Status::conflict("email", user.email + " is already the address of another user");
      Json was = user.id == 0 ? Json(nullptr) : user_row(*db_, user.id);
      write_user(*db_, &user);
      std::string key = "users/" + std::to_string(user.id);
      before[key] = was;
      after[key] = user_json(user);
    }
    insert_audit(actor, action, before, after);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::add_token(ApiToken* token, const std::string& actor) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(*db_, "INSERT INTO api_tokens(user_id, name, hash, created_at, expires_at) "
                                   "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, token->user_id);
    insert.bind(2, token->name);
    insert.bind(3, token->hash);
    insert.bind(4, token->created_at);
    insert.bind(5, token->expires_at);
    insert.exec();
    token->id = db_->getLastInsertRowid();
    std::string key = "api_tokens/" + std::to_string(token->id);
    Json after = {{"user", token->user_id}, {"name", token->name}, {"expires_at", token->expires_at}, {"token", "(secret)"}};
    insert_audit(actor, "create API token", {{key, nullptr}}, {{key, after}});
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::revoke_token(std::int64_t token_id, std::int64_t at, const std::string& actor) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement update(*db_, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0");
    update.bind(1, at);
    update.bind(2, token_id);
    update.exec();
    std::string key = "api_tokens/" + std::to_string(token_id);
    insert_audit(actor, "revoke API token", {{key, {{"revoked_at", 0}}}}, {{key, {{"revoked_at", at}}}});
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::add_sign_in_link(const SignInLink& link, QueuedMail* mail) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(*db_, "INSERT INTO sign_in_links(hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    insert.bind(1, link.hash);
    insert.bind(2, link.user_id);
    insert.bind(3, link.created_at);
    insert.bind(4, link.expires_at);
    insert.exec();
    insert_mail(mail);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::optional<SignInLink>> SqliteStore::use_sign_in_link(const std::string& hash, std::int64_t now) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement query(*db_, "SELECT user_id, created_at, expires_at FROM sign_in_links "
                                  "WHERE hash = ? AND used_at = 0 AND expires_at > ?");
    query.bind(1, hash);
    query.bind(2, now);
    if (!query.executeStep()) return std::optional<SignInLink>();
    SignInLink link{hash, query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getInt64(), now};
    query.reset();
    SQLite::Statement use(*db_, "UPDATE sign_in_links SET used_at = ? WHERE hash = ?");
    use.bind(1, now);
    use.bind(2, hash);
    use.exec();
    transaction.commit();
    return std::optional<SignInLink>(link);
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::add_session(const Session& session, const std::string& actor) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(*db_, "INSERT INTO sessions(hash, user_id, csrf, created_at, last_seen_at, expires_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, session.hash);
    insert.bind(2, session.user_id);
    insert.bind(3, session.csrf);
    insert.bind(4, session.created_at);
    insert.bind(5, session.last_seen_at);
    insert.bind(6, session.expires_at);
    insert.exec();
    SQLite::Statement purge(*db_, "DELETE FROM sessions WHERE expires_at <= ?");
    purge.bind(1, session.created_at);
    purge.exec();
    insert_audit(actor, "sign in", Json::object(), {{"users/" + std::to_string(session.user_id), {{"session", "(secret)"}}}});
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::end_session(const std::string& hash) {
  try {
    SQLite::Statement del(*db_, "DELETE FROM sessions WHERE hash = ?");
    del.bind(1, hash);
    del.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::record_activity(const std::map<std::int64_t, std::int64_t>& token_last_used,
                                    const std::map<std::string, std::int64_t>& session_last_seen) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement token(*db_, "UPDATE api_tokens SET last_used_at = max(last_used_at, ?) WHERE id = ?");
    for (const auto& [id, at] : token_last_used) {
      token.bind(1, at);
      token.bind(2, id);
      token.exec();
      token.reset();
    }
    SQLite::Statement session(*db_, "UPDATE sessions SET last_seen_at = max(last_seen_at, ?) WHERE hash = ?");
    for (const auto& [hash, at] : session_last_seen) {
      session.bind(1, at);
      session.bind(2, hash);
      session.exec();
      session.reset();
    }
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::set_feed(const Feed& feed, const std::string& actor) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement upsert(*db_,
                             "INSERT INTO feeds(kind, subject, secret_hash) VALUES (?, ?, ?) "
                             "ON CONFLICT(kind, subject) DO UPDATE SET secret_hash = excluded.secret_hash");
    upsert.bind(1, feed.kind);
    upsert.bind(2, feed.subject);
    upsert.bind(3, feed.secret_hash);
    upsert.exec();
    std::string key = "feeds/" + feed.kind + "/" + feed.subject;
    insert_audit(actor, "new calendar feed URL", {{key, "(old secret)"}}, {{key, "(new secret)"}});
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

}  // namespace peerslot::store
