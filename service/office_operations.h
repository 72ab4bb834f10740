// office_operations.h — what only the programme office does: import the
// whole programme (a scenario with an optional plan) or councils and peers
// from CSV, pin and unpin bookings, apply a solve, record a change of
// political control (with its offer of member peer support), and vet a new
// user.
//
// Errors as in council_operations.h; each operation refuses any caller but
// the office (forbidden). Import replaces the whole programme in one change:
// the bookings become the plan sent with it (or none), and the Service's
// checker must accept the result. A scenario the office exported holds the
// pins of its bookings, so it imports back as it was only with the plan
// exported with it: a pinned request the bookings do not keep in its week
// is a conflict on "plan" that says so in words (code "pinned", rule H12).
// Thread-safety: operations touch only their Draft; run them in the writer.
#pragma once

#include "engine/scenario.h"
#include "engine/status.h"
#include "service/draft.h"
#include "service/records.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace peerslot::service {

Status import_scenario(Draft& draft, const User& who, const Scenario& scenario, const std::vector<Assignment>& bookings);
// Replaces (by id) or adds councils or peers given as contract documents
// (csv_import.h makes them); everything else stays. `table` is "councils"
// or "peers"; *added counts the new ones. Cost: serialises and reads back
// the whole scenario.
Status import_entities(Draft& draft, const User& who, const std::string& table, const nlohmann::json& entities,
                       int* added);

// Pins a booking to its week and team (H12), or lifts the pin.
Status pin(Draft& draft, const User& who, const std::string& request_id);
Status unpin(Draft& draft, const User& who, const std::string& request_id);

// What applying a solve did: `booked` solved assignments added, `dropped`
// those of requests still unbooked that no longer fitted.
struct AppliedSolve {
  int booked = 0;
  int dropped = 0;
};
// Applies a solve job's plan (jobs.h): adds the solved assignments of
// requests that exist and are still unbooked, dropping any the checker
// objects to (bookings made meanwhile win: when a rule names one, the solved
// assignments in its week or with the peer named are dropped) until the
// whole plan is clean.
// A conflict when no clean subset is found in 20 rounds. Cost: up to 20
// whole-plan checks.
Status apply_solve(Draft& draft, const Plan& solved, AppliedSolve* applied);

// Records a change of political control at a council from `date` on (an
// election result, a by-election, a coalition change), as the contract's
// `control_changes`: H5 then asks for a councillor peer of the new party
// from that date. When the control differs from what was in force, it also
// offers the council member peer support: a "support" request of
// `support_days` (1..5; 0 for none) on site with one councillor peer, from
// the date to six months on, whose id is set in *support_request.
// invalid: a date outside the programme or not after the council's last
// recorded change, an empty control, support days out of 0..5.
Status record_control_change(Draft& draft, const User& who, const std::string& council_id, Date date,
                             const std::string& control, int support_days, std::string* support_request);

// Whether `user` may be created: a known role, and a subject that names an
// existing council or peer for those roles, the party of a councillor peer
// for a group office (none for the office).
Status check_new_user(const Scenario& scenario, const User& user);

}  // namespace peerslot::service
