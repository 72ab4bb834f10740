// Lower bound tests: never above a plan's cost (hand-made, random and
// generated programmes), exact where the optimum is known by hand, the
// capacity coupling against a brute force over the same relaxation, and a
// stop flag that still gives a valid bound.
#include "engine/lower_bound.h"

#include "engine/cost_model.h"
#include "engine/internal/team_matcher.h"
#include "engine/solver.h"
#include "tests/test_scenarios.h"
#include "tools/generator.h"
#include "tools/reference_data.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

using namespace peerslot;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;

namespace {

Plan solved(const Problem& problem, std::int64_t iterations = 2000) {
  SolveOptions options;
  options.iterations = iterations;
  return solve(problem, options).plan;
}

void require_consistent(const LowerBound& bound) {
  const Cost& c = bound.cost;
  CHECK(c.total == c.unscheduled + c.preference + c.travel + c.load);
  CHECK(c.unscheduled >= 0);
  CHECK(c.preference >= 0);
  CHECK(c.travel >= 0);
  CHECK(c.load >= 0);
}

// The same relaxation by brute force: c(r, w) from the matcher on an empty
// state, then every way of giving each request a week or none within the
// weekly capacity.
class BruteForce {
 public:
  explicit BruteForce(const Problem& problem) : problem_(problem), load_(problem.week_count(), 0) {
    ScheduleState empty(problem);
    TeamMatcher matcher(problem);
    for (int r = 0; r < problem.request_count(); ++r) {
      const ProblemRequest& request = problem.request(r);
      std::vector<std::pair<int, std::int64_t>> options;
      for (int w : request.weeks) {
        if (request.pinned && w != request.pinned_week) continue;
        auto team = matcher.best_team(empty, r, w, request.pinned_peers);
        if (team) options.push_back({w, problem.preference_cost(r, w) + team->cost});
      }
      std::sort(options.begin(), options.end(), [](auto& a, auto& b) { return a.second < b.second; });
      options_.push_back(options);
    }
  }

  std::int64_t optimum() {
    best_ = std::numeric_limits<std::int64_t>::max();
    search(0, 0);
    return best_;
  }

 private:
  void search(int r, std::int64_t cost) {
    if (cost >= best_) return;
    if (r == problem_.request_count()) {
      best_ = cost;
      return;
    }
    int capacity = problem_.scenario().max_challenges_per_week.value_or(problem_.request_count());
    for (const auto& [w, c] : options_[r]) {
      if (load_[w] >= capacity) continue;
      ++load_[w];
      search(r + 1, cost + c);
      --load_[w];
    }
    search(r + 1, cost + problem_.scenario().weights.unscheduled * problem_.request(r).priority);
  }

  const Problem& problem_;
  std::vector<std::vector<std::pair<int, std::int64_t>>> options_;
  std::vector<int> load_;
  std::int64_t best_ = 0;
};

}  // namespace

TEST_CASE("lower bound: two requests, one week each, capacity 1: the bound is the optimum") {
  ScenarioBuilder b("2012-04-02", "2012-04-13");
  b.scenario().max_challenges_per_week = 1;
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 52.0, -2.0);
  b.peer("A", Role::kMember, "X", 53.0, -2.0, "Labour");
  b.peer("B", Role::kMember, "X", 52.0, -2.0, "Labour");
  Request& r1 = b.request("R1", "C1", 2, {1, 0, 0, 0});
  r1.latest = day("2012-04-06");
  Request& r2 = b.request("R2", "C2", 3, {1, 0, 0, 0});
  r2.earliest = day("2012-04-09");
  Scenario s = b.build();
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.complete);
  CHECK(bound.unscheduled == 0);
  CHECK(bound.unschedulable == 0);
  // Each takes the peer on its doorstep: load 2^2 and 3^2 days, x 10.
  CHECK(bound.cost.travel == 0);
  CHECK(bound.cost.load == 130);
  CHECK(bound.cost.total == 130);
  CHECK(solved(problem).cost.total == bound.cost.total);
}

TEST_CASE("lower bound: one week of capacity 1 for three requests keeps the highest priority") {
  ScenarioBuilder b("2012-04-02", "2012-04-06");
  b.scenario().max_challenges_per_week = 1;
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("A", Role::kMember, "X", 53.0, -2.0, "Labour");
  b.peer("B", Role::kMember, "X", 53.0, -2.0, "Labour");
  b.peer("C", Role::kMember, "X", 53.0, -2.0, "Labour");
  b.request("R1", "C1", 1, {1, 0, 0, 0}).priority = 1;
  b.request("R2", "C1", 1, {1, 0, 0, 0}).priority = 3;
  b.request("R3", "C1", 1, {1, 0, 0, 0}).priority = 2;
  Scenario s = b.build();
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.complete);
  CHECK(bound.unscheduled == 2);
  CHECK(bound.unschedulable == 0);
  CHECK(bound.cost.unscheduled == s.weights.unscheduled * (1 + 2));
  CHECK(bound.cost.load == 10);
  CHECK(bound.cost.total == s.weights.unscheduled * 3 + 10);
  CHECK(solved(problem).cost.total == bound.cost.total);
}

TEST_CASE("lower bound: capacity moves the request that loses least out of the preferred week") {
  ScenarioBuilder b("2012-04-02", "2012-04-13");
  b.scenario().max_challenges_per_week = 1;
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 52.0, -2.0);
  b.peer("A", Role::kMember, "X", 53.0, -2.0, "Labour");
  b.peer("B", Role::kMember, "X", 52.0, -2.0, "Labour").available = {{day("2012-04-02"), day("2012-04-06")}};
  // Both prefer week 1. A week late, R1 loses 1 x 100; R2 loses 100 and,
  // B being away, 111 km of travel: R1 moves.
  b.request("R1", "C1", 1, {1, 0, 0, 0}).preferred = {{day("2012-04-02"), day("2012-04-06")}};
  b.request("R2", "C2", 1, {1, 0, 0, 0}).preferred = {{day("2012-04-02"), day("2012-04-06")}};
  Scenario s = b.build();
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.complete);
  CHECK(bound.unscheduled == 0);
  CHECK(bound.cost.preference == 100);
  CHECK(bound.cost.travel == 0);
  CHECK(bound.cost.total == 100 + 20);
  CHECK(solved(problem).cost.total == bound.cost.total);
}

TEST_CASE("lower bound: a request with no team in any week is unschedulable") {
  ScenarioBuilder b("2012-04-02", "2012-04-13");
  b.council("C1", "Labour", 53.0, -2.0);
  b.peer("A", Role::kMember, "X", 53.0, -2.0, "Conservative");
  b.request("R1", "C1", 2, {1, 0, 0, 0});     // H5: needs a Labour member
  b.request("R2", "C1", 2, {0, 1, 0, 0});     // no chief executive at all
  b.council("C2", "NOC", 53.0, -2.0);
  b.request("R3", "C2", 2, {1, 0, 0, 0}).priority = 2;
  Scenario s = b.build();
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.unschedulable == 2);
  CHECK(bound.unscheduled == 2);
  CHECK(bound.cost.unscheduled == 2 * s.weights.unscheduled);
  CHECK(bound.cost.total == 2 * s.weights.unscheduled + 40);
  CHECK(solved(problem).cost.total == bound.cost.total);
}

TEST_CASE("lower bound: a pin is priced in its week with its peers; an impossible pin is unscheduled") {
  ScenarioBuilder b("2012-04-02", "2012-04-13");
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("NEAR", Role::kMember, "X", 53.0, -2.0, "Labour");
  b.peer("FAR", Role::kMember, "X", 54.0, -2.0, "Labour");
  b.peer("AWAY", Role::kMember, "X", 53.0, -2.0, "Labour").available = {{day("2012-04-09"), day("2012-04-13")}};
  b.request("R1", "C1", 1, {1, 0, 0, 0}).pinned = Pin{day("2012-04-09"), {"FAR"}};
  b.request("R2", "C1", 1, {1, 0, 0, 0}).pinned = Pin{day("2012-04-02"), {"AWAY"}};  // not available then
  Scenario s = b.build();
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.complete);
  CHECK(bound.unscheduled == 1);
  CHECK(bound.unschedulable == 1);
  CHECK(bound.cost.travel == 111);
  CHECK(bound.cost.total == s.weights.unscheduled + 111 + 10);
  CHECK(solved(problem).cost.total == bound.cost.total);
}

TEST_CASE("lower bound: a request beyond the matcher's 16 requirements is priced without them") {
  ScenarioBuilder b("2012-04-02", "2012-04-06");
  b.council("C1", "NOC", 53.0, -2.0);
  std::vector<std::string> skills;
  for (int i = 0; i < 17; ++i) skills.push_back("skill" + std::to_string(i));
  b.peer("ALL", Role::kMember, "X", 54.0, -2.0, "Labour", skills);
  b.request("R1", "C1", 2, {1, 0, 0, 0}).focus = skills;
  Scenario s = b.build();
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  // A feasible plan the solver cannot find (its matcher refuses the request).
  Plan plan;
  plan.assignments.push_back({"R1", day("2012-04-02"), {"ALL"}});
  Cost cost = compute_cost(s, problem.calendar(), plan);
  CHECK(cost.unscheduled == 0);
  CHECK(bound.cost.total == cost.total);
}

TEST_CASE("lower bound: never above the solver's cost on random programmes, and exact for the relaxation") {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    test::RandomShape shape{5, 30, 7, 2, static_cast<int>(seed % 3), static_cast<int>(seed % 2)};
    Scenario s = test::random_scenario(seed, shape);
    Problem problem(s);
    LowerBound bound = lower_bound(problem);
    INFO("seed " << seed);
    require_consistent(bound);
    CHECK(bound.complete);
    CHECK(bound.cost.total <= solved(problem, 3000).cost.total);
    LowerBound plain = lower_bound(problem, {nullptr, false});
    CHECK(plain.cost.total == BruteForce(problem).optimum());
    CHECK(bound.cost.total >= plain.cost.total);
  }
}

TEST_CASE("lower bound: tight capacity over many weeks needs the flow's later rounds") {
  for (std::uint64_t seed = 30; seed <= 35; ++seed) {
    // 7 requests, 1 per week over ~8 weeks: they crowd each other out.
    test::RandomShape shape{4, 30, 7, 2, 1, 0};
    Scenario s = test::random_scenario(seed, shape);
    for (Request& r : s.requests) r.preferred = {{day("2012-04-02"), day("2012-04-06")}};
    s.reindex();
    Problem problem(s);
    LowerBound bound = lower_bound(problem);
    INFO("seed " << seed);
    require_consistent(bound);
    CHECK(bound.complete);
    CHECK(bound.cost.total <= solved(problem, 3000).cost.total);
    LowerBound plain = lower_bound(problem, {nullptr, false});
    CHECK(plain.cost.total == BruteForce(problem).optimum());
    CHECK(bound.cost.total >= plain.cost.total);
  }
}

TEST_CASE("lower bound: a stop flag set before the call still gives a valid, weaker bound") {
  test::RandomShape shape{6, 40, 12, 3, 1, 1};
  Scenario s = test::random_scenario(4, shape);
  Problem problem(s);
  std::atomic<bool> stop{true};
  LowerBound stopped = lower_bound(problem, {&stop});
  LowerBound full = lower_bound(problem);
  require_consistent(stopped);
  CHECK_FALSE(stopped.complete);
  CHECK(full.complete);
  CHECK(stopped.cost.total <= full.cost.total);
  CHECK(stopped.cost.total <= solved(problem).cost.total);
  CHECK(stopped.cost.travel == 0);
  CHECK(stopped.cost.load == 0);
}

TEST_CASE("lower bound: never above the solver's cost on the generated national programme", "[generator]") {
  auto data = load_reference_data(default_data_dir());
  REQUIRE(data.is_ok());
  Scenario s = generate_scenario(data.value(), {1, 1});
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.complete);
  CHECK(bound.cost.total > 0);
  CHECK(bound.cost.total <= solved(problem, 1000).cost.total);
}

TEST_CASE("lower bound: a follow-up's continuity and a change of control never lift the bound above a plan") {
  // R2 reviews R1 with the same two peers (continuity 0 in the plan); C1
  // turns Labour before R2 can happen, and only a Labour member exists.
  ScenarioBuilder b("2012-04-02", "2013-03-29");
  b.council("C1", "Conservative", 52.0, -1.0).control_changes = {{day("2012-05-03"), "Labour"}};
  b.peer("M1", Role::kMember, "C9", 52.2, -1.0, "Labour");
  b.peer("G1", Role::kManager, "", 52.1, -1.0);
  Request& first = b.request("R1", "C1", 2, {0, 0, 0, 0, 1});
  first.latest = day("2012-06-29");
  Request& review = b.request("R2", "C1", 1, {1, 0, 0, 0, 1});
  review.follows = Follows{"R1", 36, 40};
  Scenario s = b.build();
  Problem problem(s);
  Plan plan = solved(problem);
  REQUIRE(plan.unscheduled.empty());
  CHECK(plan.cost.continuity == s.weights.continuity);  // M1 is new on the review
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.cost.total <= plan.cost.total);
  CHECK(bound.cost.continuity == 0);
}

TEST_CASE("lower bound: a capacity of 0 leaves every request unscheduled") {
  test::RandomShape shape{4, 30, 5, 2, 1, 0};
  Scenario s = test::random_scenario(8, shape);
  s.max_challenges_per_week = 0;
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.complete);
  CHECK(bound.unscheduled == 5);
  std::int64_t priorities = 0;
  for (const Request& r : s.requests) priorities += r.priority;
  CHECK(bound.cost.total == s.weights.unscheduled * priorities);
}

// Hidden (run with "[.stress]"): many small programmes against the brute
// force (the plain relaxation) and the solver (the pooled bound).
TEST_CASE("lower bound: stress against the brute force", "[.stress]") {
  for (std::uint64_t seed = 100; seed < 1100; ++seed) {
    int v = static_cast<int>(seed);
    test::RandomShape shape{3 + v % 4, 20 + v % 20, 4 + v % 4, 1 + v % 2, v % 4, v % 3};
    Scenario s = test::random_scenario(seed, shape);
    if (seed % 5 == 0)
      for (Request& r : s.requests) r.preferred = {{day("2012-04-02"), day("2012-04-13")}};
    s.reindex();
    Problem problem(s);
    LowerBound bound = lower_bound(problem);
    INFO("seed " << seed);
    require_consistent(bound);
    CHECK(bound.complete);
    LowerBound plain = lower_bound(problem, {nullptr, false});
    CHECK(plain.cost.total == BruteForce(problem).optimum());
    CHECK(bound.cost.total >= plain.cost.total);
    CHECK(bound.cost.total <= solved(problem, 2000).cost.total);
  }
}

TEST_CASE("preferred weeks: the weekly cap sends the request with more room elsewhere, the lowest priority out") {
  ScenarioBuilder b("2012-04-02", "2012-04-13");
  b.scenario().max_challenges_per_week = 1;
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("A", Role::kMember, "X", 53.0, -2.0, "Labour");
  DateRange first_week{day("2012-04-02"), day("2012-04-06")};
  // All three prefer week 1; R2 can only use week 1, R1 and R3 both
  // weeks, R3 at the lowest priority: R2 keeps week 1, R1 takes week 2,
  // R3 is left out (one challenge a week, two weeks).
  b.request("R1", "C1", 1, {1, 0, 0, 0}).preferred = {first_week};
  Request& r2 = b.request("R2", "C1", 1, {1, 0, 0, 0});
  r2.preferred = {first_week};
  r2.latest = day("2012-04-06");
  b.request("R3", "C1", 1, {1, 0, 0, 0}).preferred = {first_week};
  b.scenario().requests[0].priority = 2;
  b.scenario().requests[1].priority = 2;
  Scenario s = b.build();
  Problem problem(s);
  CHECK(preferred_weeks(problem) == std::vector<int>{1, 0, kNoIndex});
  s.max_challenges_per_week.reset();  // no cap: each its cheapest week
  Problem uncapped(s);
  CHECK(preferred_weeks(uncapped) == std::vector<int>{0, 0, 0});
}

TEST_CASE("lower bound: days crowded onto a small pool of peers are priced by the pool floor") {
  // Two officers at the council, four one-officer one-day challenges in
  // four weeks of one financial year: the optimum gives each officer two
  // (load 10 x (2^2 + 2^2) = 80); each challenge alone would say 40.
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("O1", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("O2", Role::kOfficer, "X", 53.0, -2.0);
  const char* weeks[4][2] = {{"2012-04-02", "2012-04-06"}, {"2012-04-09", "2012-04-13"},
                             {"2012-04-16", "2012-04-20"}, {"2012-04-23", "2012-04-27"}};
  for (int i = 0; i < 4; ++i) {
    Request& r = b.request("R" + std::to_string(i), "C1", 1, {0, 0, 1, 0, 0});
    r.earliest = day(weeks[i][0]);
    r.latest = day(weeks[i][1]);
  }
  Scenario s = b.build();
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  require_consistent(bound);
  CHECK(bound.complete);
  CHECK(bound.cost.load == 80);
  CHECK(bound.cost.total == 80);
  CHECK(solved(problem).cost.total == 80);
}
