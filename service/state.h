// state.h — the service's picture of the programme at one moment: the
// scenario, its compiled Problem, the bookings as a plan, who accepted their
// seat and which councillor peers their political group office approved.
//
// A State is built once and never changed after it is published; a change
// makes a new State (sharing the scenario and Problem when only bookings
// change). The plan's assignments are exactly the bookings, sorted by
// request id; every other request is unscheduled with the reason "not
// booked", and the plan's cost is compute_cost(), so check_plan() judges a
// State directly. Each State carries its BookingCache: the booking options
// computed for it, shared by every reader of that State.
//
// Thread-safety: a published State is immutable (its cache synchronises
// itself); share it through std::shared_ptr<const State> between any number
// of readers.
#pragma once

#include "engine/checker.h"
#include "engine/problem.h"
#include "engine/scenario.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace peerslot::service {

class BookingCache;

// request id -> the peers of its booked team who have accepted their seat
// (or, for approvals, whose group office approved them).
using Acceptances = std::map<std::string, std::set<std::string>>;
// Whether `seats` holds the peer's seat on the request. O(log requests).
bool holds_seat(const Acceptances& seats, const std::string& request_id, const std::string& peer_id);

struct State {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const Problem> problem;
  Plan plan;
  Acceptances accepted;
  Acceptances approved;  // councillor peers approved by their political group office
  std::shared_ptr<BookingCache> booking_cache;  // never null in a built State
};
using StatePtr = std::shared_ptr<const State>;

// A State for a new scenario (compiles its Problem: O(peers × councils)).
State make_state(Scenario scenario, std::vector<Assignment> bookings, Acceptances accepted, Acceptances approved);
// The same scenario with other bookings (O(bookings) for the plan's cost).
State with_bookings(const State& base, std::vector<Assignment> bookings, Acceptances accepted, Acceptances approved);

// The booking of a request, or nullptr. O(log bookings).
const Assignment* find_booking(const State& state, const std::string& request_id);
bool has_accepted(const State& state, const std::string& request_id, const std::string& peer_id);
bool has_approved(const State& state, const std::string& request_id, const std::string& peer_id);
// Every rule H1..H13 the State breaks (the cost always matches). O(bookings × team).
std::vector<Violation> violations(const State& state);

// The booking as the API, the store and the audit log show it:
// {"week": ..., "peers": [{"id": ..., "status": "proposed"|"accepted"}]},
// with "approved": true on a seat its group office approved.
nlohmann::json booking_json(const State& state, const Assignment& booking);
// The booking's reference for people, e.g. "7KQ2-M9XD" (the GOV.UK
// confirmation pattern: no id of ours shown): eight Crockford base-32
// characters of the SHA-256 of the request id and its week, so it stays the
// same until the booking is moved. Distinct with near certainty (40 bits).
std::string booking_reference(const std::string& request_id, Date week);

}  // namespace peerslot::service
