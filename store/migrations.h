// migrations.h — the numbered SQL files of schema/ (embedded into the binary
// at build time) and applying them to a database.
//
// Guarantees: migrations run in version order, each at most once per
// database, each in its own transaction together with its row in
// schema_migrations(version, name, applied_at); a database newer than the
// binary (an unknown applied version) is refused rather than touched.
// Thread-safety: apply_migrations() must have the database to itself.
#pragma once

#include "engine/status.h"

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace peerslot::store {

struct Migration {
  int version = 0;   // the leading number of the file name
  std::string name;  // e.g. "001_init.sql"
  std::string sql;
};

std::vector<Migration> embedded_migrations();
Status apply_migrations(SQLite::Database& db);

}  // namespace peerslot::store
