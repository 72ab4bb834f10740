// state.cpp — building States: the plan is derived from the bookings so the
// checker and the booking options see exactly what the database holds.
#include "service/state.h"

#include "engine/cost_model.h"
#include "service/booking_cache.h"
#include "service/tokens.h"

#include <algorithm>
#include <cstdint>

namespace peerslot::service {

namespace {

Plan plan_of(const Scenario& scenario, const Calendar& calendar, std::vector<Assignment> bookings) {
  Plan plan;
  plan.assignments = std::move(bookings);
  std::sort(plan.assignments.begin(), plan.assignments.end(),
            [](const Assignment& a, const Assignment& b) { return a.request < b.request; });
  std::set<std::string> booked;
  for (const Assignment& a : plan.assignments) booked.insert(a.request);
  for (const Request& r : scenario.requests)
    if (!booked.count(r.id)) plan.unscheduled.push_back({r.id, {{"not_booked", "", "Not booked yet", ""}}});
  plan.cost = compute_cost(scenario, calendar, plan);
  return plan;
}

}  // namespace

State make_state(Scenario scenario, std::vector<Assignment> bookings, Acceptances accepted, Acceptances approved) {
  State state;
  auto owned = std::make_shared<const Scenario>(std::move(scenario));
  state.problem = std::make_shared<const Problem>(*owned);
  state.scenario = std::move(owned);
  return with_bookings(state, std::move(bookings), std::move(accepted), std::move(approved));
}

State with_bookings(const State& base, std::vector<Assignment> bookings, Acceptances accepted, Acceptances approved) {
  State state;
  state.scenario = base.scenario;
  state.problem = base.problem;
  state.plan = plan_of(*state.scenario, state.problem->calendar(), std::move(bookings));
  state.accepted = std::move(accepted);
  state.approved = std::move(approved);
  state.booking_cache = std::make_shared<BookingCache>();
  return state;
}

const Assignment* find_booking(const State& state, const std::string& request_id) {
  auto it = std::lower_bound(state.plan.assignments.begin(), state.plan.assignments.end(), request_id,
                             [](const Assignment& a, const std::string& id) { return a.request < id; });
  return it != state.plan.assignments.end() && it->request == request_id ? &*it : nullptr;
}

bool holds_seat(const Acceptances& seats, const std::string& request_id, const std::string& peer_id) {
  auto it = seats.find(request_id);
  return it != seats.end() && it->second.count(peer_id);
}

bool has_accepted(const State& state, const std::string& request_id, const std::string& peer_id) {
  return holds_seat(state.accepted, request_id, peer_id);
}

bool has_approved(const State& state, const std::string& request_id, const std::string& peer_id) {
  return holds_seat(state.approved, request_id, peer_id);
}

std::vector<Violation> violations(const State& state) {
  return find_violations(*state.scenario, state.plan);
}

std::string booking_reference(const std::string& request_id, Date week) {
  static const char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::uint64_t bits = std::stoull(sha256_hex(request_id + "@" + to_iso(week)).substr(0, 10), nullptr, 16);
  std::string code;
  for (int shift = 35; shift >= 0; shift -= 5) code += kCrockford[(bits >> shift) & 31];
  return code.substr(0, 4) + "-" + code.substr(4);
}

nlohmann::json booking_json(const State& state, const Assignment& booking) {
  nlohmann::json peers = nlohmann::json::array();
  for (const std::string& p : booking.peers) {
    nlohmann::json seat = {{"id", p}, {"status", has_accepted(state, booking.request, p) ? "accepted" : "proposed"}};
    if (has_approved(state, booking.request, p)) seat["approved"] = true;
    peers.push_back(seat);
  }
  return {{"week", to_iso(booking.week)}, {"peers", peers}};
}

}  // namespace peerslot::service
