// store.cpp — SQLite through SQLiteCpp. Entities are stored as their scenario
// JSON documents and loaded back through the engine's validation; bookings
// and seats are rows. save() diffs two States so that every operation of the
// service, however it edits the programme, is persisted and audited by the
// same few lines. SQLiteCpp throws; every public function catches and
// returns a Status.
#include "http/store.h"

#include "engine/scenario_json.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include "http/migrations.h"

#include <chrono>
#include <ctime>
#include <algorithm>
#include <map>

namespace peerslot::http {

namespace {

using Json = nlohmann::json;

const char* const kEntityTables[] = {"councils", "peers", "requests"};

// The rows a State is stored as: entity and booking documents by table and id.
struct Rows {
  std::string programme;
  std::map<std::string, std::map<std::string, std::string>> tables;  // table -> id -> doc
};

// Serialising the whole scenario is most of a change's cost, so when two
// States share their scenario only the bookings are compared.
Rows rows_of(const State& state, bool with_scenario) {
  Rows rows;
  if (with_scenario) {
    Json doc = scenario_to_json(*state.scenario);
    for (const char* table : kEntityTables) {
      for (const Json& entity : doc[table]) rows.tables[table][entity["id"].get<std::string>()] = entity.dump();
      doc.erase(table);
    }
    rows.programme = doc.dump();
  }
  auto& bookings = rows.tables["bookings"];
  for (const Assignment& a : state.plan.assignments) bookings[a.request] = booking_json(state, a).dump();
  return rows;
}

std::string now_utc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Status from_exception(const std::exception& e) {
  if (auto sql = dynamic_cast<const SQLite::Exception*>(&e); sql && sql->getErrorCode() == SQLITE_CONSTRAINT)
    return Status::conflict(std::string("the database refused the change: ") + e.what());
  return Status::io_error(std::string("database: ") + e.what());
}

// What changed between two sets of rows, for writing and for the audit log.
struct Diff {
  std::map<std::string, std::vector<std::string>> removed;  // table -> ids (also the changed bookings)
  std::map<std::string, std::vector<std::string>> written;  // table -> ids new or changed
  Json before = Json::object();
  Json after = Json::object();
};

Diff diff_rows(const Rows& old_rows, const Rows& new_rows) {
  Diff diff;
  static const std::map<std::string, std::string> kNone;
  for (const auto& [table, new_docs] : new_rows.tables) {
    auto found = old_rows.tables.find(table);
    const auto& old_docs = found == old_rows.tables.end() ? kNone : found->second;
    for (const auto& [id, doc] : new_docs) {
      auto old = old_docs.find(id);
      if (old != old_docs.end() && old->second == doc) continue;
      diff.written[table].push_back(id);
      if (table == "bookings" && old != old_docs.end()) diff.removed[table].push_back(id);
      diff.before[table + "/" + id] = old == old_docs.end() ? Json(nullptr) : Json::parse(old->second);
      diff.after[table + "/" + id] = Json::parse(doc);
    }
  }
  for (const auto& [table, old_docs] : old_rows.tables) {
    auto found = new_rows.tables.find(table);
    for (const auto& [id, doc] : old_docs) {
      if (found != new_rows.tables.end() && found->second.count(id)) continue;
      diff.removed[table].push_back(id);
      diff.before[table + "/" + id] = Json::parse(doc);
      diff.after[table + "/" + id] = nullptr;
    }
  }
  if (old_rows.programme != new_rows.programme) {
    diff.before["programme"] = old_rows.programme.empty() ? Json(nullptr) : Json::parse(old_rows.programme);
    diff.after["programme"] = Json::parse(new_rows.programme);
  }
  return diff;
}

void delete_rows(SQLite::Database& db, const std::string& table, const std::vector<std::string>& ids) {
  std::string key = table == "bookings" ? "request_id" : "id";
  SQLite::Statement del(db, "DELETE FROM " + table + " WHERE " + key + " = ?");
  for (const std::string& id : ids) {
    del.bind(1, id);
    del.exec();
    del.reset();
  }
}

void write_programme(SQLite::Database& db, const State& state, const std::string& doc) {
  SQLite::Statement upsert(db,
                           "INSERT INTO programme(id, doc, max_per_week) VALUES (1, ?, ?) "
                           "ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, max_per_week = excluded.max_per_week");
  upsert.bind(1, doc);
  if (state.scenario->max_challenges_per_week) upsert.bind(2, *state.scenario->max_challenges_per_week);
  else upsert.bind(2);
  upsert.exec();
}

void write_entities(SQLite::Database& db, const State& state, const Rows& rows, const Diff& diff) {
  for (const char* table : kEntityTables) {
    auto ids = diff.written.find(table);
    if (ids == diff.written.end()) continue;
    bool is_request = std::string(table) == "requests";
    SQLite::Statement upsert(db, std::string("INSERT INTO ") + table + "(id, doc" + (is_request ? ", council_id" : "") +
                                     ") VALUES (?, ?" + (is_request ? ", ?" : "") +
                                     ") ON CONFLICT(id) DO UPDATE SET doc = excluded.doc");
    for (const std::string& id : ids->second) {
      upsert.bind(1, id);
      upsert.bind(2, rows.tables.at(table).at(id));
      if (is_request) upsert.bind(3, state.scenario->find_request(id)->council);
      upsert.exec();
      upsert.reset();
    }
  }
}

void write_bookings(SQLite::Database& db, const State& state, const Diff& diff) {
  auto ids = diff.written.find("bookings");
  if (ids == diff.written.end()) return;
  SQLite::Statement booking(db, "INSERT INTO bookings(request_id, week) VALUES (?, ?)");
  SQLite::Statement seat(db, "INSERT INTO seats(request_id, peer_id, week, status) VALUES (?, ?, ?, ?)");
  for (const std::string& id : ids->second) {
    const Assignment* a = find_booking(state, id);
    std::string week = to_iso(a->week);
    booking.bind(1, id);
    booking.bind(2, week);
    booking.exec();
    booking.reset();
    auto accepted = state.accepted.find(id);
    for (const std::string& peer : a->peers) {
      bool yes = accepted != state.accepted.end() && accepted->second.count(peer);
      seat.bind(1, id);
      seat.bind(2, peer);
      seat.bind(3, week);
      seat.bind(4, yes ? "accepted" : "proposed");
      seat.exec();
      seat.reset();
    }
  }
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

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = FULL");
    db->exec("PRAGMA foreign_keys = ON");
    db->setBusyTimeout(5000);
    Status migrated = apply_migrations(*db);
    if (!migrated.is_ok()) return migrated;
    return std::unique_ptr<Store>(new Store(std::move(db)));
  } catch (const std::exception& e) {
    return Status::io_error("cannot open database " + path + ": " + e.what());
  }
}

Result<bool> Store::empty() {
  try {
    return db_->execAndGet("SELECT count(*) FROM programme").getInt() == 0;
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<State> Store::load() {
  try {
    Json doc = load_scenario_doc(*db_);
    auto scenario = scenario_from_json(doc);
    if (!scenario.is_ok()) return unloadable(doc, scenario.status().message());
    std::map<std::string, Assignment> bookings;
    SQLite::Statement weeks(*db_, "SELECT request_id, week FROM bookings");
    while (weeks.executeStep()) {
      std::string id = weeks.getColumn(0).getString();
      bookings[id] = {id, *parse_iso_date(weeks.getColumn(1).getString()), {}};
    }
    Acceptances accepted;
    SQLite::Statement seats(*db_, "SELECT request_id, peer_id, status FROM seats ORDER BY rowid");
    while (seats.executeStep()) {
      std::string request = seats.getColumn(0).getString();
      std::string peer = seats.getColumn(1).getString();
      bookings[request].peers.push_back(peer);
      if (seats.getColumn(2).getString() == "accepted") accepted[request].insert(peer);
    }
    std::vector<Assignment> list;
    for (auto& [id, a] : bookings) list.push_back(std::move(a));
    return make_state(std::move(scenario).value(), std::move(list), std::move(accepted));
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<BadRow>> Store::bad_rows() {
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

Status Store::back_up(const std::string& path) {
  try {
    SQLite::Statement vacuum(*db_, "VACUUM INTO ?");
    vacuum.bind(1, path);
    vacuum.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status Store::remove_rows(std::vector<BadRow> rows, const std::string& actor) {
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
      delete_rows(*db_, "bookings", requests);
      delete_rows(*db_, row.table, {row.id});
    }
    insert_audit(actor, "repair: remove the rows that kept the programme from loading", before, after);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status Store::save(const State* before, const State& after, const Change& change) {
  try {
    bool with_scenario = !before || before->scenario != after.scenario;
    Rows new_rows = rows_of(after, with_scenario);
    Rows old_rows = before ? rows_of(*before, with_scenario) : Rows{};
    Diff diff = diff_rows(old_rows, new_rows);
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (old_rows.programme != new_rows.programme) write_programme(*db_, after, new_rows.programme);
    delete_rows(*db_, "bookings", diff.removed["bookings"]);
    for (const char* table : {"requests", "peers", "councils"}) delete_rows(*db_, table, diff.removed[table]);
    write_entities(*db_, after, new_rows, diff);
    write_bookings(*db_, after, diff);
    if (!diff.after.empty()) insert_audit(change.actor, change.action, diff.before, diff.after);
    if (change.reply) write_reply(*db_, *change.reply);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

void Store::insert_audit(const std::string& actor, const std::string& action, const Json& before, const Json& after) {
  SQLite::Statement insert(*db_, "INSERT INTO audit(at, actor, action, before, after) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, now_utc());
  insert.bind(2, actor);
  insert.bind(3, action);
  insert.bind(4, before.dump());
  insert.bind(5, after.dump());
  insert.exec();
}

Result<std::vector<User>> Store::users() {
  try {
    std::vector<User> out;
    SQLite::Statement query(*db_, "SELECT id, name, role, coalesce(subject, ''), token_hash FROM users");
    while (query.executeStep())
      out.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                     query.getColumn(3).getString(), query.getColumn(4).getString()});
    return out;
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status Store::add_user(User* user, const std::string& actor) {
  try {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(*db_,
                             "INSERT INTO users(name, role, subject, token_hash, created_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, user->name);
    insert.bind(2, user->role);
    if (user->subject.empty()) insert.bind(3);
    else insert.bind(3, user->subject);
    insert.bind(4, user->token_hash);
    insert.bind(5, now_utc());
    insert.exec();
    user->id = db_->getLastInsertRowid();
    Json after = {{"name", user->name}, {"role", user->role}, {"subject", user->subject}};
    insert_audit(actor, "create user", {{"users/" + std::to_string(user->id), nullptr}},
                 {{"users/" + std::to_string(user->id), after}});
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Result<std::vector<Feed>> Store::feeds() {
  try {
    std::vector<Feed> out;
    SQLite::Statement query(*db_, "SELECT kind, subject, secret_hash FROM feeds");
    while (query.executeStep())
      out.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString()});
    return out;
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

Status Store::set_feed(const Feed& feed, const std::string& actor) {
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

Result<std::optional<StoredReply>> Store::reply(std::int64_t user_id, const std::string& key) {
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

Result<std::vector<AuditRecord>> Store::audit(std::int64_t after_id, int limit) {
  try {
    std::vector<AuditRecord> out;
    SQLite::Statement query(*db_,
                            "SELECT id, at, actor, action, before, after FROM audit WHERE id > ? ORDER BY id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, limit);
    while (query.executeStep())
      out.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                     query.getColumn(3).getString(), Json::parse(query.getColumn(4).getString()),
                     Json::parse(query.getColumn(5).getString())});
    return out;
  } catch (const std::exception& e) {
    return from_exception(e);
  }
}

}  // namespace peerslot::http
