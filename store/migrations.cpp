// migrations.cpp — schema/NNN_name.sql files arrive as a generated include
// (see CMakeLists.txt); applying one is a single transaction, so a crash
// leaves the database either before or after it, never half-way.
// Foreign keys are off while migrations run and checked before each commit
// (SQLite's documented way to rebuild a table others refer to), then on.
#include "store/migrations.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <set>
#include <utility>

namespace peerslot::store {

namespace {

const std::pair<const char*, const char*> kEmbedded[] = {
#include "store/embedded_migrations.inc"
};

std::set<int> applied_versions(SQLite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  std::set<int> versions;
  SQLite::Statement query(db, "SELECT version FROM schema_migrations");
  while (query.executeStep()) versions.insert(query.getColumn(0).getInt());
  return versions;
}

// REQUIRES: foreign keys off (they cannot be switched inside a transaction).
Status apply_one(SQLite::Database& db, const Migration& m) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  db.exec(m.sql);
  SQLite::Statement broken(db, "PRAGMA foreign_key_check");
  if (broken.executeStep())
    return Status::io_error("migration " + m.name + " leaves a row in table " + broken.getColumn(0).getString() +
                            " referring to a missing row");
  SQLite::Statement record(db, "INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
  record.bind(1, m.version);
  record.bind(2, m.name);
  record.exec();
  transaction.commit();
  return Status::ok();
}

}  // namespace

std::vector<Migration> embedded_migrations() {
  std::vector<Migration> out;
  for (const auto& [name, sql] : kEmbedded) out.push_back({std::atoi(name), name, sql});
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

Status apply_migrations(SQLite::Database& db) {
  try {
    std::set<int> applied = applied_versions(db);
    std::vector<Migration> known = embedded_migrations();
    for (int v : applied)
      if (std::none_of(known.begin(), known.end(), [v](const Migration& m) { return m.version == v; }))
        return Status::invalid("database has schema version " + std::to_string(v) + ", unknown to this binary");
    db.exec("PRAGMA foreign_keys = OFF");
    for (const Migration& m : known) {
      if (applied.count(m.version)) continue;
      Status done = apply_one(db, m);
      if (!done.is_ok()) return done;
    }
    db.exec("PRAGMA foreign_keys = ON");
    return Status::ok();
  } catch (const std::exception& e) {
    return Status::io_error(std::string("migration failed: ") + e.what());
  }
}

}  // namespace peerslot::store
