// Re-teaming several challenges at once (engine/internal/team_flow.h): the
// flow finds the joint optimum that one-at-a-time choices miss, within one
// week and across weeks (where the convex load arcs must price a peer's
// second and third challenge exactly), keeps the peers a team needs for
// its requirements, and never returns a broken team.
#include "engine/internal/team_flow.h"

#include "engine/checker.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

#include <functional>
#include <random>

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

// Six 4-day challenges, two in each of three weeks of one financial year,
// needing one or two officers from five, two of them capped at one
// challenge a year; load weighs 25 (balance matters) or 1 (the nearest
// peers would take everything, but for the caps) per day squared.
Scenario three_weeks(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto coordinate = [&](double low, double high) { return std::uniform_real_distribution<double>(low, high)(rng); };
  ScenarioBuilder b("2012-04-16", "2012-05-04");
  for (int c = 0; c < 3; ++c) b.council("C" + std::to_string(c), "NOC", coordinate(51, 54), coordinate(-3, 0));
  for (int p = 0; p < 5; ++p) {
    Peer& peer = b.peer("O" + std::to_string(p), Role::kOfficer, "C9", coordinate(51, 54), coordinate(-3, 0));
    if (p % 2 == 1) peer.max_days_per_year = 4;
  }
  for (int r = 0; r < 6; ++r) b.request("R" + std::to_string(r), "C" + std::to_string(r % 3), 4, {0, 0, 1 + r % 2, 0, 0});
  Scenario s = b.build();
  s.weights.load = seed % 2 == 0 ? 25 : 1;
  return s;
}

// The cheapest total over every way of re-teaming the six challenges in
// their weeks (2r/7 is week r / 2), by brute force.
std::int64_t brute_force_optimum(const Problem& problem, ScheduleState& state, int r = 0) {
  if (r == problem.request_count()) return state.total();
  std::int64_t best = INT64_MAX;
  int w = r / 2, n = problem.peer_count();
  int size = problem.request(r).team_size;
  for (int a = 0; a < n; ++a)
    for (int b = size == 2 ? a + 1 : n; b < n || (size == 1 && b == n); ++b) {
      std::vector<int> team{a};
      if (size == 2) team.push_back(b);
      bool fits = std::all_of(team.begin(), team.end(), [&](int p) { return state.can_take(p, r, w); });
      if (!fits) continue;
      state.assign(r, w, team);
      best = std::min(best, brute_force_optimum(problem, state, r + 1));
      state.unassign(r);
      if (size == 1) break;
    }
  return best;
}

}  // namespace

TEST_CASE("a week is re-teamed to its joint optimum", "[reteam]") {
  Scenario s = two_challenges();
  Problem problem(s);
  ScheduleState state(problem);
  state.assign(0, 0, std::vector<int>{0});  // A with O1
  state.assign(1, 0, std::vector<int>{1});  // B with O2
  CHECK(state.cost_terms().travel == 56 + 111);
  std::vector<Seating> group = {{0, 0, {0}}, {1, 0, {1}}};
  state.unassign(0);
  state.unassign(1);
  std::vector<Seating> teams = reteam_together(state, group);
  REQUIRE(teams.size() == 2);
  CHECK(teams[0].peers == std::vector<int>{1});  // A with O2
  CHECK(teams[1].peers == std::vector<int>{0});  // B with O1
  for (const Seating& t : teams) state.assign(t.request, t.week, t.peers);
  CHECK(state.cost_terms().travel == 0 + 56);
  CHECK(find_violations(s, state.to_plan()).empty());
}

TEST_CASE("re-teaming keeps the peer a focus area needs", "[reteam]") {
  Scenario s = two_challenges();
  s.requests[1].focus = {"finance"};  // only O2 has it: B must keep O2
  s.reindex();
  Problem problem(s);
  ScheduleState state(problem);
  std::vector<Seating> teams = reteam_together(state, {{0, 0, {0}}, {1, 0, {1}}});
  CHECK(teams[0].peers == std::vector<int>{0});
  CHECK(teams[1].peers == std::vector<int>{1});
}

TEST_CASE("re-teaming across weeks prices each peer's load exactly", "[reteam]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    CAPTURE(seed);
    Scenario s = three_weeks(seed);
    Problem problem(s);
    ScheduleState state(problem);
    std::int64_t optimum = brute_force_optimum(problem, state);
    // Start from everyone on O0 (and O2 for the second seat), which loads
    // them well past the balance, and may break the caps of no one.
    std::vector<Seating> group;
    for (int r = 0; r < 6; ++r) {
      std::vector<int> team{0};
      if (problem.request(r).team_size == 2) team.push_back(2);
      group.push_back({r, r / 2, team});
    }
    for (std::size_t i = 1; i < group.size(); ++i) REQUIRE(same_load_shape(problem, group[0], group[i]));
    std::vector<Seating> teams = reteam_together(state, group);
    for (const Seating& t : teams) state.assign(t.request, t.week, t.peers);
    CHECK(state.total() == optimum);
    CHECK(find_violations(s, state.to_plan()).empty());
  }
}
