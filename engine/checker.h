// checker.h — the referee: verifies a plan against every rule H1..H13 of the
// scenario contract and recomputes its cost.
//
// This is deliberately a direct, readable transcription of the spec, with no
// shortcuts shared with the solver (only the cost terms in cost_model.h and
// the calendar are shared). Every plan the solver, the repair or the service
// produces is judged by it in the tests.
//
// Besides H1..H13 it reports plan-shape problems under the id "PLAN": a
// request that is neither assigned nor unscheduled, or listed as both.
//
// Thread-safety: pure function.
#pragma once

#include "engine/calendar.h"
#include "engine/scenario.h"

#include <string>
#include <vector>

namespace peerslot {

struct Violation {
  std::string rule;     // "H1".."H12" or "PLAN"
  std::string request;  // request id
  std::string peer;     // peer id, empty when the rule is not about one peer
  std::string detail;   // what is wrong, with dates
  // "H8 R0012 P0031 not available on 2011-10-04"
  std::string line() const;
};

struct CheckReport {
  std::vector<Violation> violations;
  Cost recomputed;
  bool cost_matches = false;  // the plan's stated cost equals `recomputed`
  bool ok() const { return violations.empty() && cost_matches; }
};

CheckReport check_plan(const Scenario& scenario, const Plan& plan);
// The violations check_plan() reports, without recomputing the cost.
// Cost: O(assignments × team × on-site days).
std::vector<Violation> find_violations(const Scenario& scenario, const Plan& plan);

}  // namespace peerslot
