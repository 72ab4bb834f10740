// change_set.cpp — the audit log's two documents of a change.
#include "service/change_set.h"

namespace peerslot::service {

namespace {

nlohmann::json audit_side(const ChangeSet& change, bool after) {
  nlohmann::json out = nlohmann::json::object();
  for (const RowChange& row : change.rows) out[row.table + "/" + row.id] = after ? row.after : row.before;
  if (change.programme_after) out["programme"] = after ? *change.programme_after : *change.programme_before;
  return out;
}

}  // namespace

nlohmann::json audit_before(const ChangeSet& change) { return audit_side(change, false); }
nlohmann::json audit_after(const ChangeSet& change) { return audit_side(change, true); }

}  // namespace peerslot::service
