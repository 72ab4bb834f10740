// state.h — the service's in-memory picture of the programme: the scenario,
// its compiled Problem, and the bookings as a plan.
//
// A State is built once and never changed after it is published; a change
// makes a new State (sharing the scenario and Problem when only bookings
// change). The plan's assignments are exactly the bookings, every other
// request is unscheduled with the reason "not booked", and its cost is
// compute_cost(), so check_plan() judges a State directly.
//
// Thread-safety: a published State is immutable; share it through
// std::shared_ptr<const State> between any number of readers.
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

namespace peerslot::http {

// request id -> the peers of its booked team who have accepted their seat.
using Acceptances = std::map<std::string, std::set<std::string>>;

struct State {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const Problem> problem;
  Plan plan;
  Acceptances accepted;
};
using StatePtr = std::shared_ptr<const State>;

// A State for a new scenario (compiles its Problem).
State make_state(Scenario scenario, std::vector<Assignment> bookings, Acceptances accepted);
// The same scenario with other bookings.
State with_bookings(const State& base, std::vector<Assignment> bookings, Acceptances accepted);

const Assignment* find_booking(const State& state, const std::string& request_id);
// Every rule H1..H12 the State breaks (the cost always matches).
std::vector<Violation> violations(const State& state);

// The booking as the API and the audit log show it:
// {"week": ..., "peers": [{"id": ..., "status": "proposed"|"accepted"}]}.
nlohmann::json booking_json(const State& state, const Assignment& booking);

}  // namespace peerslot::http
