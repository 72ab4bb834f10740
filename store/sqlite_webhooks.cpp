// sqlite_webhooks.cpp — the webhook half of SqliteStore: the endpoints the
// office registered and their delivery log. As with the outbox, a delivery
// is written once, whole, and afterwards only its delivery columns change,
// so a crash mid-attempt leaves it queued (it is sent again: at least once,
// and the receiver tells repeats by webhook-id).
// Cost: due_deliveries() reads the index webhook_deliveries_due and
// deliveries() webhook_deliveries_of, O(log n + limit) each.
#include "store/sqlite_store.h"

#include "store/sqlite_support.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <sstream>

namespace peerslot::store {

using service::Webhook;
using service::WebhookDelivery;

namespace {

const char* const kDeliveryColumns =
    "id, webhook_id, message_id, type, body, created_at, status, attempts, next_attempt_at, response_status, "
    "response_body, last_error, delivered_at";

WebhookDelivery delivery_of(SQLite::Statement& row) {
  return {row.getColumn(0).getInt64(),  row.getColumn(1).getInt64(),  row.getColumn(2).getString(),
          row.getColumn(3).getString(), row.getColumn(4).getString(), row.getColumn(5).getInt64(),
          row.getColumn(6).getString(), row.getColumn(7).getInt(),    row.getColumn(8).getInt64(),
          row.getColumn(9).getInt(),    row.getColumn(10).getString(), row.getColumn(11).getString(),
          row.getColumn(12).getInt64()};
}

std::vector<WebhookDelivery> deliveries_of(SQLite::Statement& query) {
  std::vector<WebhookDelivery> out;
  while (query.executeStep()) out.push_back(delivery_of(query));
  return out;
}

std::string joined(const std::set<std::string>& types) {
  std::string out;
  for (const std::string& t : types) out += (out.empty() ? "" : " ") + t;
  return out;
}

std::set<std::string> split(const std::string& text) {
  std::set<std::string> out;
  std::istringstream words(text);
  for (std::string word; words >> word;) out.insert(word);
  return out;
}

// The endpoint as the audit log shows it: everything but the secret.
nlohmann::json audit_json(const Webhook& w) {
  return {{"url", w.url}, {"description", w.description}, {"types", w.types}, {"disabled", w.disabled}};
}

}  // namespace

std::vector<Webhook> SqliteStore::load_webhooks() {
  std::vector<Webhook> out;
  SQLite::Statement query(*db_, "SELECT id, url, description, types, secret, disabled, created_at FROM webhooks ORDER BY id");
  while (query.executeStep())
    out.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                   split(query.getColumn(3).getString()), query.getColumn(4).getString(),
                   query.getColumn(5).getInt() != 0, query.getColumn(6).getInt64()});
  return out;
}

Status SqliteStore::put_webhook(Webhook* webhook, const std::string& actor, const std::string& action) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    nlohmann::json before = nullptr;
    for (const Webhook& old : load_webhooks())
      if (old.id == webhook->id) before = audit_json(old);
    SQLite::Statement write(*db_, webhook->id == 0
                                      ? "INSERT INTO webhooks(url, description, types, secret, disabled, created_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?)"
                                      : "UPDATE webhooks SET url = ?, description = ?, types = ?, secret = ?, "
                                        "disabled = ?, created_at = ? WHERE id = ?");
    write.bind(1, webhook->url);
    write.bind(2, webhook->description);
    write.bind(3, joined(webhook->types));
    write.bind(4, webhook->secret);
    write.bind(5, webhook->disabled ? 1 : 0);
    write.bind(6, webhook->created_at);
    if (webhook->id != 0) write.bind(7, webhook->id);
    write.exec();
    if (webhook->id == 0) webhook->id = db_->getLastInsertRowid();
    std::string key = "webhooks/" + std::to_string(webhook->id);
    insert_audit(actor, action, {{key, before}}, {{key, audit_json(*webhook)}});
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::remove_webhook(std::int64_t id, const std::string& actor) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    nlohmann::json before = nullptr;
    for (const Webhook& old : load_webhooks())
      if (old.id == id) before = audit_json(old);
    SQLite::Statement remove(*db_, "DELETE FROM webhooks WHERE id = ?");
    remove.bind(1, id);
    remove.exec();
    std::string key = "webhooks/" + std::to_string(id);
    insert_audit(actor, "remove webhook " + std::to_string(id), {{key, before}}, {{key, nullptr}});
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

void SqliteStore::insert_delivery(WebhookDelivery* d) {
  SQLite::Statement insert(*db_, "INSERT INTO webhook_deliveries(webhook_id, message_id, type, body, created_at, "
                                 "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, d->webhook_id);
  insert.bind(2, d->message_id);
  insert.bind(3, d->type);
  insert.bind(4, d->body);
  insert.bind(5, d->created_at);
  insert.bind(6, d->next_attempt_at);
  insert.exec();
  d->id = db_->getLastInsertRowid();
  d->status = "queued";
}

Status SqliteStore::queue_delivery(WebhookDelivery* delivery) {
  try {
    insert_delivery(delivery);
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<WebhookDelivery>> SqliteStore::due_deliveries(std::int64_t now, int limit) {
  try {
    SQLite::Statement query(*db_, std::string("SELECT ") + kDeliveryColumns +
                                      " FROM webhook_deliveries WHERE status = 'queued' AND next_attempt_at <= ? "
                                      "ORDER BY id LIMIT ?");
    query.bind(1, now);
    query.bind(2, limit);
    return deliveries_of(query);
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::optional<WebhookDelivery>> SqliteStore::delivery(std::int64_t id) {
  try {
    SQLite::Statement query(*db_, std::string("SELECT ") + kDeliveryColumns + " FROM webhook_deliveries WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::optional<WebhookDelivery>();
    return std::optional<WebhookDelivery>(delivery_of(query));
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::update_delivery(const WebhookDelivery& d) {
  try {
    SQLite::Statement update(*db_, "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, "
                                   "response_status = ?, response_body = ?, last_error = ?, delivered_at = ? WHERE id = ?");
    update.bind(1, d.status);
    update.bind(2, d.attempts);
    update.bind(3, d.next_attempt_at);
    update.bind(4, d.response_status);
    update.bind(5, d.response_body);
    update.bind(6, d.last_error);
    update.bind(7, d.delivered_at);
    update.bind(8, d.id);
    update.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<WebhookDelivery>> SqliteStore::deliveries(std::int64_t webhook_id, const std::string& status,
                                                             std::int64_t before_id, int limit) {
  try {
    SQLite::Statement query(*db_, std::string("SELECT ") + kDeliveryColumns +
                                      " FROM webhook_deliveries WHERE webhook_id = ? AND (? = '' OR status = ?) "
                                      "AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?");
    query.bind(1, webhook_id);
    query.bind(2, status);
    query.bind(3, status);
    query.bind(4, before_id);
    query.bind(5, before_id);
    query.bind(6, limit);
    return deliveries_of(query);
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

}  // namespace peerslot::store
