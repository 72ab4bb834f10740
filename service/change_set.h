// change_set.h — the rows one change writes: the documents of the councils,
// peers, requests and bookings it touched (before and after; null for
// absent), and the programme's settings document when it changed. The
// Store writes exactly these rows and audits them, before and after, in
// one transaction.
//
// Documents are those of the scenario contract (docs/scenario-format.md)
// for entities and booking_json() for bookings, so the store needs no
// knowledge of the domain beyond table names and ids.
// Thread-safety: plain values.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace peerslot::service {

struct RowChange {
  std::string table;  // councils | peers | requests | bookings
  std::string id;     // the entity's id; the request id for a booking
  nlohmann::json before;  // null when the row is new
  nlohmann::json after;   // null when the row is removed
};

struct ChangeSet {
  std::optional<nlohmann::json> programme_before;  // set (maybe null) when the settings changed
  std::optional<nlohmann::json> programme_after;
  std::optional<int> max_challenges_per_week;      // the settings' weekly cap, written with them
  std::vector<RowChange> rows;

  bool empty() const { return !programme_after && rows.empty(); }
};

// The audit log's view of a change: {"table/id": document} before and after.
nlohmann::json audit_before(const ChangeSet& change);
nlohmann::json audit_after(const ChangeSet& change);

}  // namespace peerslot::service
