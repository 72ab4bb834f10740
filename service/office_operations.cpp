// office_operations.cpp — imports go through the engine's reader, so an
// imported programme is exactly as valid as a scenario file.
#include "service/office_operations.h"

#include "engine/json_text.h"
#include "engine/scenario_json.h"
#include "engine/words.h"
#include "service/access.h"
#include "service/group_view.h"

#include <algorithm>
#include <map>
#include <set>

namespace peerslot::service {

namespace {

// The first pinned request that `bookings` do not book in its pinned week.
Status pins_kept(const Scenario& scenario, const std::vector<Assignment>& bookings) {
  std::map<std::string, Date> weeks;
  for (const Assignment& a : bookings) weeks[a.request] = a.week;
  for (const Request& r : scenario.requests) {
    if (!r.pinned) continue;
    auto booked = weeks.find(r.id);
    if (booked != weeks.end() && booked->second == r.pinned->week) continue;
    const Council* council = scenario.find_council(r.council);
    return Status::conflict("plan", capitalised(kind_words(r.kind)) + " of " + (council ? council->name : r.council) +
                                        " is pinned to " + week_words(r.pinned->week) +
                                        " but the plan does not book it then: send the plan exported with the scenario")
        .with_reason("pinned", "H12");
  }
  return Status::ok();
}

}  // namespace

Status import_scenario(Draft& d, const User& who, const Scenario& scenario, const std::vector<Assignment>& bookings) {
  Status office = require_office(who, "import a scenario");
  if (!office.is_ok()) return office;
  Status pins = pins_kept(scenario, bookings);
  if (!pins.is_ok()) return pins;
  d.replace_scenario(scenario);
  d.replace_bookings(bookings);
  return Status::ok();
}

Status import_entities(Draft& d, const User& who, const std::string& table, const nlohmann::json& entities, int* added) {
  Status office = require_office(who, "import " + table);
  if (!office.is_ok()) return office;
  nlohmann::json doc = scenario_to_json(d.scenario());
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < doc[table].size(); ++i) position[doc[table][i]["id"].get<std::string>()] = i;
  *added = 0;
  for (const nlohmann::json& entity : entities) {
    auto found = entity.contains("id") ? position.find(entity["id"].get<std::string>()) : position.end();
    if (found != position.end()) doc[table][found->second] = entity;
    else doc[table].push_back(entity), ++*added;
  }
  auto scenario = scenario_from_json(doc);
  if (!scenario.is_ok()) return scenario.status();
  d.replace_scenario(std::move(scenario).value());
  return Status::ok();
}

namespace {

// The control in force at `council` on `date` (the contract's rule: the
// last change on or before it, else the control at the window's start).
std::string control_on(const Council& council, Date date) {
  std::string control = council.control;
  for (const ControlChange& change : council.control_changes)
    if (change.date <= date) control = change.control;
  return control;
}

Status check_control_change(const Scenario& s, const Council& council, Date date, const std::string& control, int days) {
  if (date <= s.window.start || date > s.window.end)
    return Status::invalid("date", to_iso(date) + " is outside the programme, after " + to_iso(s.window.start) + " to " +
                                       to_iso(s.window.end));
  if (!council.control_changes.empty() && date <= council.control_changes.back().date)
    return Status::invalid("date", to_iso(date) + " is not after the council's last recorded change of control, on " +
                                       to_iso(council.control_changes.back().date));
  if (control.empty()) return Status::invalid("control", "the party in control (or NOC) is missing");
  if (days < 0 || days > 5) return Status::invalid("support_days", std::to_string(days) + " is out of range 0..5");
  return Status::ok();
}

}  // namespace

Status record_control_change(Draft& d, const User& who, const std::string& council_id, Date date, const std::string& control,
                             int support_days, std::string* support_request) {
  Status office = require_office(who, "record a change of control");
  if (!office.is_ok()) return office;
  const Council* council = d.scenario().find_council(council_id);
  if (!council) return Status::not_found("id", "council " + council_id + " does not exist");
  Status valid = check_control_change(d.scenario(), *council, date, control, support_days);
  if (!valid.is_ok()) return valid;
  bool changed = control_on(*council, date) != control;
  d.edit_council(council_id)->control_changes.push_back({date, control});
  support_request->clear();
  if (!changed || support_days == 0) return Status::ok();
  Request support;
  support.id = council_id + "-S" + boost::gregorian::to_iso_string(date);
  support.council = council_id;
  support.kind = "support";
  support.days = support_days;
  support.team[static_cast<int>(Role::kMember)] = 1;
  support.earliest = date;
  support.latest = std::min(d.scenario().window.end, date + boost::gregorian::months(6));
  *support_request = support.id;
  d.add_request(std::move(support));
  return Status::ok();
}

Status pin(Draft& d, const User& who, const std::string& request_id) {
  Status office = require_office(who, "pin a booking");
  if (!office.is_ok()) return office;
  if (!d.scenario().find_request(request_id)) return Status::not_found("id", "request " + request_id + " does not exist");
  const Assignment* booking = d.booking(request_id);
  if (!booking) return Status::conflict("booking", request_id + " is not booked; only a booking can be pinned");
  Pin pinned{booking->week, booking->peers};
  d.edit_request(request_id)->pinned = pinned;
  return Status::ok();
}

Status unpin(Draft& d, const User& who, const std::string& request_id) {
  Status office = require_office(who, "unpin a booking");
  if (!office.is_ok()) return office;
  Request* request = d.edit_request(request_id);
  if (!request) return Status::not_found("id", "request " + request_id + " does not exist");
  request->pinned.reset();
  return Status::ok();
}

namespace {

// The solved requests to drop for a violation: the one it names, when the
// solve added it; else, when it names a booking made meanwhile, those the
// solve added in that booking's week or with the peer it names.
void blame(const Violation& v, const Draft& d, const std::vector<const Assignment*>& added, std::set<std::string>* dropped) {
  bool named = std::any_of(added.begin(), added.end(), [&](const Assignment* a) { return a->request == v.request; });
  if (named) {
    dropped->insert(v.request);
    return;
  }
  const Assignment* booked = d.booking(v.request);
  for (const Assignment* a : added) {
    bool same_week = booked && monday_of(a->week) == monday_of(booked->week);
    bool same_peer = !v.peer.empty() && std::count(a->peers.begin(), a->peers.end(), v.peer);
    if (same_week || same_peer) dropped->insert(a->request);
  }
}

}  // namespace

Status apply_solve(Draft& d, const Plan& solved, AppliedSolve* applied) {
  std::set<std::string> dropped;
  for (int round = 0; round < 20; ++round) {
    Draft trial(d.base());
    std::vector<const Assignment*> added;
    int left_out = 0;
    for (const Assignment& a : solved.assignments) {
      if (d.booking(a.request) || !d.scenario().find_request(a.request)) continue;
      if (dropped.count(a.request)) {
        ++left_out;
        continue;
      }
      trial.book(a);
      added.push_back(&a);
    }
    std::vector<Violation> found = violations(trial.build());
    if (found.empty()) {
      for (const Assignment* a : added) d.book(*a);
      *applied = {static_cast<int>(added.size()), left_out};
      return Status::ok();
    }
    for (const Violation& v : found) blame(v, d, added, &dropped);
  }
  return Status::conflict("solve", "the result no longer fits the bookings made meanwhile");
}

Status check_new_user(const Scenario& scenario, const User& user) {
  if (user.role != "council" && user.role != "peer" && user.role != "group" && user.role != "office")
    return Status::invalid("role", quote_json(user.role) + " is not one of council, peer, group, office");
  if (user.role == "group") {
    std::vector<std::string> known = parties(scenario);
    if (std::find(known.begin(), known.end(), user.subject) == known.end())
      return Status::invalid("subject", quote_json(user.subject) + " is not the party of any councillor peer");
    return Status::ok();
  }
  bool known = user.role == "office" ? user.subject.empty()
               : user.role == "council" ? scenario.find_council(user.subject) != nullptr
                                        : scenario.find_peer(user.subject) != nullptr;
  if (!known) return Status::invalid("subject", quote_json(user.subject) + " is not a " + user.role + " id");
  return Status::ok();
}

}  // namespace peerslot::service
