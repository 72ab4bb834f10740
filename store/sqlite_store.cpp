// sqlite_store.cpp — SQLite through SQLiteCpp. Entities are stored as their
// scenario JSON documents and loaded back through the engine's validation;
// bookings and seats are rows. save() writes the ChangeSet's rows in an
// order the foreign keys accept (bookings and dependants removed first,
// councils written before their requests, bookings last). SQLiteCpp
// throws; every public function catches and returns a Status.
#include "store/sqlite_store.h"

#include "engine/scenario_json.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "store/migrations.h"
#include "store/sqlite_support.h"

#include <chrono>
#include <ctime>
#include <algorithm>
#include <map>

namespace peerslot::store {

using service::AuditRecord;
using service::ChangeRecord;
using service::ChangeSet;
using service::QueuedMail;
using service::RowChange;
using service::StoredProgramme;
using service::StoredReply;

namespace {

using Json = nlohmann::json;

const char* const kEntityTables[] = {"councils", "peers", "requests"};

void delete_row(SQLite::Database& db, const std::string& table, const std::string& id) {
  std::string key = table == "bookings" ? "request_id" : "id";
  SQLite::Statement del(db, "DELETE FROM " + table + " WHERE " + key + " = ?");
  del.bind(1, id);
  del.exec();
}

void write_programme(SQLite::Database& db, const Json& doc, const std::optional<int>& max_per_week) {
  SQLite::Statement upsert(db,
                           "INSERT INTO programme(id, doc, max_per_week) VALUES (1, ?, ?) "
                           "ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, max_per_week = excluded.max_per_week");
  upsert.bind(1, doc.dump());
  if (max_per_week) upsert.bind(2, *max_per_week);
  else upsert.bind(2);
  upsert.exec();
}

void write_entity(SQLite::Database& db, const RowChange& row) {
  bool is_request = row.table == "requests";
  SQLite::Statement upsert(db, "INSERT INTO " + row.table + "(id, doc" + (is_request ? ", council_id" : "") +
                                   ") VALUES (?, ?" + (is_request ? ", ?" : "") +
                                   ") ON CONFLICT(id) DO UPDATE SET doc = excluded.doc");
  upsert.bind(1, row.id);
  upsert.bind(2, row.after.dump());
  if (is_request) upsert.bind(3, row.after["council"].get<std::string>());
  upsert.exec();
}

// A booking document {"week", "peers": [{"id", "status", "approved"?}]} as its rows.
void write_booking(SQLite::Database& db, const RowChange& row) {
  std::string week = row.after["week"].get<std::string>();
  SQLite::Statement booking(db, "INSERT INTO bookings(request_id, week) VALUES (?, ?)");
  booking.bind(1, row.id);
  booking.bind(2, week);
  booking.exec();
  SQLite::Statement seat(db, "INSERT INTO seats(request_id, peer_id, week, status, approved) VALUES (?, ?, ?, ?, ?)");
  for (const Json& peer : row.after["peers"]) {
    seat.bind(1, row.id);
    seat.bind(2, peer["id"].get<std::string>());
    seat.bind(3, week);
    seat.bind(4, peer["status"].get<std::string>());
    seat.bind(5, peer.value("approved", false) ? 1 : 0);
    seat.exec();
    seat.reset();
  }
}

// Removals first, children before parents; then writes, parents first.
void write_rows(SQLite::Database& db, const ChangeSet& change) {
  const char* const removal_order[] = {"bookings", "requests", "peers", "councils"};
  for (const char* table : removal_order)
    for (const RowChange& row : change.rows)
      if (row.table == table && (row.after.is_null() || table == std::string("bookings")) && !row.before.is_null())
        delete_row(db, table, row.id);
  const char* const write_order[] = {"councils", "peers", "requests"};
  for (const char* table : write_order)
    for (const RowChange& row : change.rows)
      if (row.table == table && !row.after.is_null()) write_entity(db, row);
  for (const RowChange& row : change.rows)
    if (row.table == "bookings" && !row.after.is_null()) write_booking(db, row);
}

void write_reply(SQLite::Database& db, const StoredReply& reply) {
  SQLite::Statement insert(db,
                           "INSERT INTO idempotency(user_id, key, fingerprint, status, body) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, reply.user_id);
  insert.bind(2, reply.key);
  insert.bind(3, reply.fingerprint);
  insert.bind(4, reply.status);
  insert.bind(5, reply.body);
  insert.exec();
}

Json load_scenario_doc(SQLite::Database& db) {
  SQLite::Statement programme(db, "SELECT doc FROM programme WHERE id = 1");
  Json doc = programme.executeStep() ? Json::parse(programme.getColumn(0).getString()) : Json::object();
  for (const char* table : kEntityTables) {
    doc[table] = Json::array();
    SQLite::Statement rows(db, std::string("SELECT doc FROM ") + table + " ORDER BY rowid");
    while (rows.executeStep()) doc[table].push_back(Json::parse(rows.getColumn(0).getString()));
  }
  return doc;
}

// The row a validation message points at: "councils[2].lat: ..." names the
// third council row. nullopt when the message names no row.
std::optional<BadRow> row_of(const Json& doc, const std::string& message) {
  for (const char* table : kEntityTables) {
    std::string prefix = std::string(table) + "[";
    if (message.rfind(prefix, 0) != 0) continue;
    std::size_t close = message.find(']');
    std::size_t index = std::stoul(message.substr(prefix.size(), close - prefix.size()));
    if (index >= doc[table].size()) return std::nullopt;
    const Json& entity = doc[table][index];
    std::string id = entity.contains("id") && entity["id"].is_string() ? entity["id"].get<std::string>()
                                                                       : "#" + std::to_string(index + 1);
    std::string problem = message.substr(close + 1);
    if (!problem.empty() && problem[0] == '.') problem.erase(0, 1);
    if (problem.rfind(": ", 0) == 0) problem.erase(0, 2);
    return BadRow{table, id, problem};
  }
  return std::nullopt;
}

void erase_row(Json& doc, const BadRow& row) {
  Json& list = doc[row.table];
  for (auto it = list.begin(); it != list.end(); ++it) {
    bool named = it->contains("id") && (*it)["id"].is_string() && (*it)["id"].get<std::string>() == row.id;
    if (named || row.id == "#" + std::to_string(it - list.begin() + 1)) {
      list.erase(it);
      return;
    }
  }
}

Status unloadable(const Json& doc, const std::string& message) {
  auto row = row_of(doc, message);
  std::string where = row ? "in table " + row->table + ", the row with id " + row->id + ": " + row->problem
                          : "in the programme's settings: " + message;
  return Status::invalid("the stored programme does not load: " + where);
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = FULL");
    db->exec("PRAGMA foreign_keys = ON");
    db->setBusyTimeout(5000);
    Status migrated = apply_migrations(*db);
    if (!migrated.is_ok()) return migrated;
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
  } catch (const std::exception& e) {
    return Status::io_error("cannot open database " + path + ": " + e.what());
  }
}

Result<std::optional<StoredProgramme>> SqliteStore::load() {
  try {
    if (db_->execAndGet("SELECT count(*) FROM programme").getInt() == 0) return std::optional<StoredProgramme>();
    Json doc = load_scenario_doc(*db_);
    auto scenario = scenario_from_json(doc);
    if (!scenario.is_ok()) return unloadable(doc, scenario.status().message());
    std::map<std::string, Assignment> bookings;
    SQLite::Statement weeks(*db_, "SELECT request_id, week FROM bookings");
    while (weeks.executeStep()) {
      std::string id = weeks.getColumn(0).getString();
      bookings[id] = {id, *parse_iso_date(weeks.getColumn(1).getString()), {}};
    }
    StoredProgramme programme{std::move(scenario).value(), {}, {}, {}};
    SQLite::Statement seats(*db_, "SELECT request_id, peer_id, status, approved FROM seats ORDER BY rowid");
    while (seats.executeStep()) {
      std::string request = seats.getColumn(0).getString();
      std::string peer = seats.getColumn(1).getString();
      bookings[request].peers.push_back(peer);
      if (seats.getColumn(2).getString() == "accepted") programme.accepted[request].insert(peer);
      if (seats.getColumn(3).getInt() == 1) programme.approved[request].insert(peer);
    }
    for (auto& [id, a] : bookings) programme.bookings.push_back(std::move(a));
    return std::optional<StoredProgramme>(std::move(programme));
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<BadRow>> SqliteStore::bad_rows() {
  try {
    Json doc = load_scenario_doc(*db_);
    std::vector<BadRow> rows;
    for (auto scenario = scenario_from_json(doc); !scenario.is_ok(); scenario = scenario_from_json(doc)) {
      auto row = row_of(doc, scenario.status().message());
      if (!row) {
        rows.push_back({"programme", "1", scenario.status().message()});
        break;
      }
      rows.push_back(*row);
      erase_row(doc, *row);
    }
    return rows;
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::back_up(const std::string& path) {
  try {
    SQLite::Statement vacuum(*db_, "VACUUM INTO ?");
    vacuum.bind(1, path);
    vacuum.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status SqliteStore::remove_rows(std::vector<BadRow> rows, const std::string& actor) {
  // Requests before peers before councils: nothing is deleted while a row refers to it.
  auto rank = [](const BadRow& row) { return row.table == "requests" ? 0 : row.table == "peers" ? 1 : 2; };
  std::stable_sort(rows.begin(), rows.end(), [&](const BadRow& a, const BadRow& b) { return rank(a) < rank(b); });
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    Json before = Json::object(), after = Json::object();
    auto remember = [&](const std::string& key, const std::string& doc) {
      before[key] = Json::parse(doc, nullptr, false);
      after[key] = nullptr;
    };
    for (const BadRow& row : rows) {
      std::string key = row.table + "/" + row.id;
      SQLite::Statement doc(*db_, "SELECT doc FROM " + row.table + " WHERE id = ?");
      doc.bind(1, row.id);
      if (doc.executeStep()) remember(key, doc.getColumn(0).getString());
      // A bad peer's bookings lose a team member and a bad council's
      // requests their council: those bookings (and seats) go too.
      std::string bookings = row.table == "peers" ? "SELECT request_id FROM seats WHERE peer_id = ?"
                             : row.table == "councils" ? "SELECT id FROM requests WHERE council_id = ?"
                                                       : "SELECT ?";
      SQLite::Statement held(*db_, bookings);
      held.bind(1, row.id);
      std::vector<std::string> requests;
      while (held.executeStep()) requests.push_back(held.getColumn(0).getString());
      for (const std::string& request : requests) {
        SQLite::Statement week(*db_, "SELECT week FROM bookings WHERE request_id = ?");
        week.bind(1, request);
        if (week.executeStep()) remember("bookings/" + request, Json({{"week", week.getColumn(0).getString()}}).dump());
      }
      for (const std::string& request : requests) delete_row(*db_, "bookings", request);
      delete_row(*db_, row.table, row.id);
    }
    insert_audit(actor, "repair: remove the rows that kept the programme from loading", before, after);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<BadRow>> SqliteStore::repair(const std::string& backup_path, const std::string& actor) {
  auto rows = bad_rows();
  if (!rows.is_ok() || rows.value().empty()) return rows;
  for (const BadRow& row : rows.value())
    if (row.table == "programme") return Status::invalid("the programme's settings row cannot be repaired: " + row.problem);
  Status status = back_up(backup_path);
  if (status.is_ok()) status = remove_rows(rows.value(), actor);
  if (!status.is_ok()) return status;
  return rows;
}

Status SqliteStore::save(const ChangeSet& change, const ChangeRecord& record) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (change.programme_after) write_programme(*db_, *change.programme_after, change.max_challenges_per_week);
    write_rows(*db_, change);
    if (!change.empty()) insert_audit(record.actor, record.action, service::audit_before(change), service::audit_after(change));
    if (record.reply) write_reply(*db_, *record.reply);
    for (QueuedMail mail : record.mail) insert_mail(&mail);
    for (service::WebhookDelivery delivery : record.deliveries) insert_delivery(&delivery);
    write_sequences(record.sequences);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

void SqliteStore::insert_audit(const std::string& actor, const std::string& action, const Json& before, const Json& after) {
  SQLite::Statement insert(*db_, "INSERT INTO audit(at, actor, action, before, after) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, now_utc());
  insert.bind(2, actor);
  insert.bind(3, action);
  insert.bind(4, before.dump());
  insert.bind(5, after.dump());
  insert.exec();
}

Result<std::optional<StoredReply>> SqliteStore::reply(std::int64_t user_id, const std::string& key) {
  try {
    SQLite::Statement query(*db_,
                            "SELECT fingerprint, status, body FROM idempotency WHERE user_id = ? AND key = ?");
    query.bind(1, user_id);
    query.bind(2, key);
    if (!query.executeStep()) return std::optional<StoredReply>();
    return std::optional<StoredReply>(StoredReply{user_id, key, query.getColumn(0).getString(),
                                                  query.getColumn(1).getInt(), query.getColumn(2).getString()});
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

// instr(lower(...)) matches a part in any case: SQLite's lower() folds ASCII letters.
Result<std::vector<AuditRecord>> SqliteStore::audit(std::int64_t after_id, const service::AuditFilter& filter, int limit) {
  try {
    std::vector<AuditRecord> out;
    SQLite::Statement query(*db_,
                            "SELECT id, at, actor, action, before, after FROM audit WHERE id > ? "
                            "AND instr(lower(actor), lower(?)) > 0 AND instr(lower(action), lower(?)) > 0 ORDER BY id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, filter.actor);
    query.bind(3, filter.action);
    query.bind(4, limit);
    while (query.executeStep())
      out.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                     query.getColumn(3).getString(), Json::parse(query.getColumn(4).getString()),
                     Json::parse(query.getColumn(5).getString())});
    return out;
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

}  // namespace peerslot::store
