// Re-teaming a whole week at once (engine/internal/week_reteam.h): the
// flow finds the joint optimum that one-at-a-time choices miss, keeps the
// peers a team needs for its requirements, and never returns a broken team.
#include "engine/internal/week_reteam.h"

#include "engine/checker.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

using namespace peerslot;
using namespace peerslot::test;

namespace {

// A at 52N and B at 53N each need one officer in the same week: O1 sits
// between them (56 km from each), O2 at A (0 km from A, 111 km from B).
Scenario two_challenges() {
  ScenarioBuilder b("2012-04-16", "2012-04-20");
  b.council("CA", "NOC", 52.0, -1.0);
  b.council("CB", "NOC", 53.0, -1.0);
  b.peer("O1", Role::kOfficer, "C9", 52.5, -1.0);
  b.peer("O2", Role::kOfficer, "C9", 52.0, -1.0, "", {"finance"});
  b.request("A", "CA", 1, {0, 0, 1, 0, 0});
  b.request("B", "CB", 1, {0, 0, 1, 0, 0});
  return b.build();
}

}  // namespace

TEST_CASE("a week is re-teamed to its joint optimum", "[reteam]") {
  Scenario s = two_challenges();
  Problem problem(s);
  ScheduleState state(problem);
  state.assign(0, 0, std::vector<int>{0});  // A with O1
  state.assign(1, 0, std::vector<int>{1});  // B with O2
  CHECK(state.cost_terms().travel == 56 + 111);
  std::vector<std::vector<int>> old_teams = {{0}, {1}};
  state.unassign(0);
  state.unassign(1);
  std::vector<Reteam> teams = reteam_week(state, 0, {0, 1}, old_teams);
  REQUIRE(teams.size() == 2);
  CHECK(teams[0].peers == std::vector<int>{1});  // A with O2
  CHECK(teams[1].peers == std::vector<int>{0});  // B with O1
  for (const Reteam& t : teams) state.assign(t.request, 0, t.peers);
  CHECK(state.cost_terms().travel == 0 + 56);
  CHECK(find_violations(s, state.to_plan()).empty());
}

TEST_CASE("re-teaming keeps the peer a focus area needs", "[reteam]") {
  Scenario s = two_challenges();
  s.requests[1].focus = {"finance"};  // only O2 has it: B must keep O2
  s.reindex();
  Problem problem(s);
  ScheduleState state(problem);
  std::vector<std::vector<int>> old_teams = {{0}, {1}};
  std::vector<Reteam> teams = reteam_week(state, 0, {0, 1}, old_teams);
  CHECK(teams[0].peers == std::vector<int>{0});
  CHECK(teams[1].peers == std::vector<int>{1});
}
