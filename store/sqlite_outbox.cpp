// sqlite_outbox.cpp — the outbox half of SqliteStore: queued mail, the
// invitations' calendar sequences, the milestone reminders sent and the
// service's settings. A message is
// written once, whole, and afterwards only its delivery columns change, so
// a crash mid-delivery leaves it queued (it is sent again: at least once).
// Cost: due_mail() reads the index outbox_due, O(log n + limit).
#include "store/sqlite_store.h"

#include "store/sqlite_support.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace peerslot::store {

using service::QueuedMail;

namespace {

const char* const kMailColumns =
    "id, created_at, sender, recipient, subject, kind, message, status, attempts, next_attempt_at, last_error, sent_at";

QueuedMail mail_of(SQLite::Statement& row) {
  return {row.getColumn(0).getInt64(),  row.getColumn(1).getInt64(),  row.getColumn(2).getString(),
          row.getColumn(3).getString(), row.getColumn(4).getString(), row.getColumn(5).getString(),
          row.getColumn(6).getString(), row.getColumn(7).getString(), row.getColumn(8).getInt(),
          row.getColumn(9).getInt64(),  row.getColumn(10).getString(), row.getColumn(11).getInt64()};
}

std::vector<QueuedMail> mails_of(SQLite::Statement& query) {
  std::vector<QueuedMail> out;
  while (query.executeStep()) out.push_back(mail_of(query));
  return out;
}

}  // namespace

void SqliteStore::insert_mail(QueuedMail* mail) {
  SQLite::Statement insert(*db_, "INSERT INTO outbox(created_at, sender, recipient, subject, kind, message, "
                                 "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, mail->created_at);
  insert.bind(2, mail->sender);
  insert.bind(3, mail->recipient);
  insert.bind(4, mail->subject);
  insert.bind(5, mail->kind);
  insert.bind(6, mail->message);
  insert.bind(7, mail->next_attempt_at);
  insert.exec();
  mail->id = db_->getLastInsertRowid();
  mail->status = "queued";
}

void SqliteStore::write_sequences(const service::Sequences& sequences) {
  SQLite::Statement upsert(*db_, "INSERT INTO calendar_sequences(request_id, sequence) VALUES (?, ?) "
                                 "ON CONFLICT(request_id) DO UPDATE SET sequence = excluded.sequence");
  for (const auto& [request, sequence] : sequences) {
    upsert.bind(1, request);
    upsert.bind(2, sequence);
    upsert.exec();
    upsert.reset();
  }
}

Status SqliteStore::queue_mail(QueuedMail* mail) {
  try {
    insert_mail(mail);
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<QueuedMail>> SqliteStore::due_mail(std::int64_t now, int limit) {
  try {
    SQLite::Statement query(*db_, std::string("SELECT ") + kMailColumns +
                                      " FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?");
    query.bind(1, now);
    query.bind(2, limit);
    return mails_of(query);
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::optional<QueuedMail>> SqliteStore::queued_mail(std::int64_t id) {
  try {
    SQLite::Statement query(*db_, std::string("SELECT ") + kMailColumns + " FROM outbox WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::optional<QueuedMail>();
    return std::optional<QueuedMail>(mail_of(query));
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::update_mail(const QueuedMail& mail) {
  try {
    SQLite::Statement update(*db_, "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, "
                                   "sent_at = ? WHERE id = ?");
    update.bind(1, mail.status);
    update.bind(2, mail.attempts);
    update.bind(3, mail.next_attempt_at);
    update.bind(4, mail.last_error);
    update.bind(5, mail.sent_at);
    update.bind(6, mail.id);
    update.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<QueuedMail>> SqliteStore::outbox(const std::string& status, std::int64_t before_id, int limit) {
  try {
    SQLite::Statement query(*db_, std::string("SELECT ") + kMailColumns +
                                      " FROM outbox WHERE (? = '' OR status = ?) AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?");
    query.bind(1, status);
    query.bind(2, status);
    query.bind(3, before_id);
    query.bind(4, before_id);
    query.bind(5, limit);
    return mails_of(query);
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::set<std::string>> SqliteStore::sent_milestone_notices() {
  try {
    std::set<std::string> keys;
    SQLite::Statement query(*db_, "SELECT key FROM milestone_notices");
    while (query.executeStep()) keys.insert(query.getColumn(0).getString());
    return keys;
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::record_milestone_notices(const std::vector<std::string>& keys, std::vector<QueuedMail>* mail,
                                             std::int64_t at) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(*db_, "INSERT OR IGNORE INTO milestone_notices(key, sent_at) VALUES (?, ?)");
    for (const std::string& key : keys) {
      insert.bind(1, key);
      insert.bind(2, at);
      insert.exec();
      insert.reset();
    }
    for (QueuedMail& m : *mail) insert_mail(&m);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::string> SqliteStore::setting(const std::string& name, const std::string& initial) {
  try {
    SQLite::Statement insert(*db_, "INSERT INTO settings(name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING");
    insert.bind(1, name);
    insert.bind(2, initial);
    insert.exec();
    SQLite::Statement query(*db_, "SELECT value FROM settings WHERE name = ?");
    query.bind(1, name);
    query.executeStep();
    return query.getColumn(0).getString();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

}  // namespace peerslot::store
