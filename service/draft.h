// draft.h — a change in the making: a mutable copy of the current State that
// an operation edits, and that remembers what it touched so that only those
// rows are written.
//
// The scenario is copied on the first edit of a council, peer or request
// (bookings alone never copy it). Booking edits keep acceptances and group
// approvals only where they stay true: a peer who keeps their seat in the
// same week stays accepted (and approved), anyone else is proposed again.
//
// Cost: constructing copies the bookings (O(bookings)); the first scenario
// edit copies the scenario; changes() serialises both scenarios only when
// the scenario changed, and otherwise only the touched bookings.
// Thread-safety: one Draft belongs to one thread (the service's writer).
#pragma once

#include "engine/scenario.h"
#include "service/change_set.h"
#include "service/state.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace peerslot::service {

class Draft {
 public:
  explicit Draft(const State& base);
  const State& base() const { return base_; }
  const Scenario& scenario() const { return scenario_ ? *scenario_ : *base_.scenario; }

  // The entity to edit, or nullptr when there is none with that id.
  Council* edit_council(const std::string& id);
  Peer* edit_peer(const std::string& id);
  Request* edit_request(const std::string& id);
  // Adds a request. REQUIRES: no request has its id.
  void add_request(Request request);
  // Replaces the whole scenario (an import); ids are indexed again.
  void replace_scenario(Scenario scenario);

  const std::vector<Assignment>& bookings() const { return bookings_; }
  const Assignment* booking(const std::string& request_id) const;
  bool accepted(const std::string& request_id, const std::string& peer_id) const;
  bool approved(const std::string& request_id, const std::string& peer_id) const;
  // Books the request, or moves its booking, to `booking`'s week and team.
  void book(const Assignment& booking);
  void cancel(const std::string& request_id);
  // REQUIRES: the peer is on the request's booked team.
  void accept(const std::string& request_id, const std::string& peer_id);
  // The peer's political group office approves the seat.
  // REQUIRES: the peer is on the request's booked team.
  void approve(const std::string& request_id, const std::string& peer_id);
  // Replaces every booking (an import); nobody has accepted (or approved) the new ones.
  void replace_bookings(std::vector<Assignment> bookings);

  bool scenario_changed() const { return scenario_.has_value(); }
  State build() const;
  // The rows that differ between the base and `built`.
  // REQUIRES: `built` is this Draft's build().
  ChangeSet changes(const State& built) const;

 private:
  Scenario& edit_scenario();
  Assignment* find(const std::string& request_id);

  const State& base_;
  std::optional<Scenario> scenario_;
  std::vector<Assignment> bookings_;
  Acceptances accepted_;
  Acceptances approved_;
  std::set<std::string> touched_bookings_;
  bool bookings_replaced_ = false;
};

// Every row of `state` as a new row: the change set that stores it in an
// empty store.
ChangeSet all_rows(const State& state);

}  // namespace peerslot::service
