// Scheduler tests: hand-made scenarios with known optima, the checker as
// referee on every plan, explanations, determinism.
#include "engine/checker.h"
#include "engine/cost_model.h"
#include "engine/internal/explainer.h"
#include "engine/internal/placement.h"
#include "engine/scenario_json.h"
#include "engine/solver.h"
#include "engine/internal/team_matcher.h"
#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace peerslot;
using peerslot::test::day;
using peerslot::test::ScenarioBuilder;

namespace {

SolveResult solve_fixed(const Scenario& s, std::int64_t iterations = 2000, std::uint64_t seed = 1) {
  SolveOptions options;
  options.iterations = iterations;
  options.seed = seed;
  auto result = solve(s, options);
  REQUIRE(result.is_ok());
  return result.value();
}

// The referee: no violation at all and the stated cost recomputed.
void require_valid(const Scenario& s, const Plan& plan) {
  CheckReport report = check_plan(s, plan);
  for (const Violation& v : report.violations) INFO(v.line());
  CHECK(report.violations.empty());
  REQUIRE(report.cost_matches);
}

const Assignment* find_assignment(const Plan& plan, const std::string& id) {
  for (const Assignment& a : plan.assignments)
    if (a.request == id) return &a;
  return nullptr;
}

std::string all_reasons(const Plan& plan, const std::string& id) {
  std::string text;
  for (const Unscheduled& u : plan.unscheduled)
    if (u.request == id)
      for (const Reason& reason : u.reasons) text += reason.with_rule() + "\n";
  return text;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the only peer of the controlling party is chosen, at the hand-computed cost") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "Labour", 53.0, -2.0);
  b.peer("NEAR", Role::kMember, "X", 53.0, -2.0, "Conservative");
  b.peer("NEAR2", Role::kMember, "X", 53.01, -2.0, "Liberal Democrat");
  b.peer("FAR", Role::kMember, "X", 54.0, -2.0, "Labour");
  b.request("R1", "C1", 2, {1, 0, 0, 0});
  Scenario s = b.build();
  SolveResult result = solve_fixed(s);
  require_valid(s, result.plan);
  const Assignment* a = find_assignment(result.plan, "R1");
  REQUIRE(a);
  CHECK(a->peers == std::vector<std::string>{"FAR"});
  // travel: 1 degree of latitude = 111 km; load: 2 days in FY2012 -> 4 x 10.
  CHECK(result.plan.cost.travel == 111);
  CHECK(result.plan.cost.load == 40);
  CHECK(result.plan.cost.total == 151);
}

TEST_CASE("capacity forces one of two challenges out of the preferred week") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.scenario().max_challenges_per_week = 1;
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 53.0, -2.0);
  for (int i = 0; i < 4; ++i) b.peer("P" + std::to_string(i), Role::kOfficer, "X", 53.0, -2.0);
  DateRange preferred{day("2012-04-16"), day("2012-04-20")};
  b.request("R1", "C1", 1, {0, 0, 1, 0}).preferred = {preferred};
  b.request("R2", "C2", 1, {0, 0, 1, 0}).preferred = {preferred};
  Scenario s = b.build();
  SolveResult result = solve_fixed(s);
  require_valid(s, result.plan);
  REQUIRE(result.plan.assignments.size() == 2);
  CHECK(result.plan.assignments[0].week != result.plan.assignments[1].week);
  // The best one can do: one week off for one of them; peers spread so load is 1 each.
  CHECK(result.plan.cost.preference == 100);
  CHECK(result.plan.cost.load == 20);
  CHECK(result.plan.cost.total == 120);
}

TEST_CASE("a pinned request keeps its week and peer even when another is cheaper") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("NEAR", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("FAR", Role::kOfficer, "X", 54.0, -2.0);
  Request& r = b.request("R1", "C1", 1, {0, 0, 1, 0});
  r.preferred = {{day("2012-04-02"), day("2012-04-06")}};
  r.pinned = Pin{day("2012-04-23"), {"FAR"}};
  Scenario s = b.build();
  SolveResult result = solve_fixed(s);
  require_valid(s, result.plan);
  CHECK(result.broken_pins.empty());
  const Assignment* a = find_assignment(result.plan, "R1");
  REQUIRE(a);
  CHECK(a->week == day("2012-04-23"));
  CHECK(a->peers == std::vector<std::string>{"FAR"});
}

TEST_CASE("a pin that cannot be kept is reported, not silently moved") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("OWN", Role::kOfficer, "C1", 53.0, -2.0);
  b.peer("OTHER", Role::kOfficer, "X", 53.0, -2.0);
  b.request("R1", "C1", 1, {0, 0, 1, 0}).pinned = Pin{day("2012-04-16"), {"OWN"}};
  Scenario s = b.build();
  SolveResult result = solve_fixed(s);
  CHECK(result.broken_pins == std::vector<std::string>{"R1"});
  CHECK(find_assignment(result.plan, "R1") == nullptr);
  std::string reasons = all_reasons(result.plan, "R1");
  CHECK(contains(reasons, "H12"));
  CHECK(contains(reasons, "OWN"));
  CHECK(contains(reasons, "OWN (C1), fixed to its team, is from C1 itself"));
  CheckReport report = check_plan(s, result.plan);
  REQUIRE(report.violations.size() == 1);
  CHECK(report.violations[0].rule == "H12");
  CHECK(report.cost_matches);
}

TEST_CASE("explanations name the binding calendar rule with its dates") {
  ScenarioBuilder b("2013-02-01", "2013-05-31");
  Council& c = b.council("C1", "NOC", 53.0, -2.0);
  c.elections = {day("2013-05-02")};
  c.blackouts = {{day("2013-02-06"), day("2013-02-28")}};
  b.peer("P1", Role::kOfficer, "X", 53.0, -2.0);
  Request& r = b.request("R1", "C1", 3, {0, 0, 1, 0});
  r.earliest = day("2013-02-04");
  r.latest = day("2013-04-30");
  b.scenario().pre_election_days = 60;  // 2013-03-04..2013-05-02
  Scenario s = b.build();
  SolveResult result = solve_fixed(s);
  require_valid(s, result.plan);
  std::string reasons = all_reasons(result.plan, "R1");
  INFO(reasons);
  CHECK(contains(reasons, "No week between 4 February 2013 and 30 April 2013 can take 3 days on site"));
  CHECK(contains(reasons, "Pre-election period before the poll on 2 May 2013"));
  CHECK(contains(reasons, "The council cannot host a challenge from 6 February to 28 February 2013"));
}

TEST_CASE("explanations name a missing party and a reached cap") {
  ScenarioBuilder b("2012-04-02", "2012-05-25");
  b.council("GREEN", "Green", 53.0, -2.0);
  b.council("LAB1", "Labour", 53.0, -2.0);
  b.council("LAB2", "Labour", 53.0, -2.0);
  b.peer("CON", Role::kMember, "X", 53.0, -2.0, "Conservative");
  b.peer("LAB", Role::kMember, "X", 53.0, -2.0, "Labour").max_days_per_year = 4;
  b.request("RG", "GREEN", 2, {1, 0, 0, 0});
  b.request("RL1", "LAB1", 4, {1, 0, 0, 0});
  b.request("RL2", "LAB2", 4, {1, 0, 0, 0});
  Scenario s = b.build();
  SolveResult result = solve_fixed(s);
  require_valid(s, result.plan);
  std::string green = all_reasons(result.plan, "RG");
  INFO(green);
  CHECK(contains(green, "Green councillor peer"));
  CHECK(contains(green, "(H5)"));
  CHECK(contains(green, "the programme has no Green councillor peer"));
  REQUIRE(result.plan.unscheduled.size() == 2);  // RG and one of RL1/RL2
  std::string labour = all_reasons(result.plan, find_assignment(result.plan, "RL1") ? "RL2" : "RL1");
  INFO(labour);
  CHECK(contains(labour, "No Labour councillor peer is free"));
  CHECK(contains(labour, "the nearest is LAB, who would pass the 4 days a year they give in 2012/13"));
}

TEST_CASE("a declined peer is never eligible for that request, and only that one") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.council("C2", "NOC", 53.0, -2.0);
  b.peer("NEAR", Role::kOfficer, "X", 53.0, -2.0);
  b.peer("FAR", Role::kOfficer, "X", 54.0, -2.0);
  b.request("R1", "C1", 1, {0, 0, 1, 0}).declined = {"NEAR"};
  b.request("R2", "C2", 1, {0, 0, 1, 0});
  Scenario s = b.build();
  Problem problem(s);
  int near = problem.peer_index("NEAR"), far = problem.peer_index("FAR");
  int r1 = problem.request_index("R1"), r2 = problem.request_index("R2");
  CHECK(problem.declined(near, r1));
  CHECK_FALSE(problem.eligible(near, r1));
  CHECK(problem.eligible(far, r1));
  CHECK_FALSE(problem.declined(near, r2));
  CHECK(problem.eligible(near, r2));
  ScheduleState state(problem);
  CHECK(state.block(near, r1, 0) == ScheduleState::Block::kDeclined);
  CHECK(explain_peer(state, near, r1, 0).text == "has declined this challenge");
  CHECK(explain_peer(state, near, r1, 0).rule == "H7");
  SolveResult result = solve_fixed(s);
  require_valid(s, result.plan);
  const Assignment* a1 = find_assignment(result.plan, "R1");
  REQUIRE(a1);
  CHECK(a1->peers == std::vector<std::string>{"FAR"});  // NEAR is nearer but declined
}

TEST_CASE("when only declined peers could fill a seat, the reason says they declined") {
  ScenarioBuilder b("2012-04-02", "2012-04-27");
  b.council("C1", "NOC", 53.0, -2.0);
  b.peer("ONLY", Role::kOfficer, "X", 53.0, -2.0);
  b.request("R1", "C1", 1, {0, 0, 1, 0}).declined = {"ONLY"};
  Scenario s = b.build();
  SolveResult result = solve_fixed(s);
  require_valid(s, result.plan);
  std::string reasons = all_reasons(result.plan, "R1");
  INFO(reasons);
  CHECK(contains(reasons, "every officer peer is ruled out: ONLY has declined this challenge"));
}

TEST_CASE("the model splits a week straddling 31 March by financial year, as the checker does") {
  // Monday 2011-03-28, no bank holidays, 5 days: 28..31 March in FY2010, 1 April in FY2011.
  for (int cap : {3, 4}) {
    ScenarioBuilder b("2011-03-01", "2011-04-30");
    b.council("C1", "NOC", 53.0, -2.0);
    b.peer("P1", Role::kOfficer, "X", 53.0, -2.0).max_days_per_year = cap;
    b.request("R1", "C1", 5, {0, 0, 1, 0});
    Scenario s = b.build();
    Problem problem(s);
    int w = problem.week_of(day("2011-03-28"));
    const OnSite& site = problem.on_site(w, 5);
    CHECK(problem.first_year() + site.fy[0] == 2010);
    CHECK(problem.first_year() + site.fy[1] == 2011);
    CHECK(site.count[0] == 4);
    CHECK(site.count[1] == 1);
    ScheduleState state(problem);
    INFO("cap " << cap);
    if (cap == 3) {
      CHECK(state.block(0, 0, w) == ScheduleState::Block::kCap);
      CHECK(contains(explain_peer(state, 0, 0, w).text, "would pass the 3 days a year they give in 2010/11"));
      continue;
    }
    REQUIRE(state.can_take(0, 0, w));
    state.assign(0, w, std::vector<int>{0});
    CHECK(state.cost_terms().load == 10 * (16 + 1));
    Plan plan = state.to_plan();
    CHECK(state.cost_terms() == compute_cost(s, problem.calendar(), plan));
    CHECK(check_plan(s, plan).ok());
  }
}

TEST_CASE("random programmes: every plan passes the checker, deterministic for a seed") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    test::RandomShape shape;
    shape.pins = 0;
    Scenario s = test::random_scenario(seed, shape);
    SolveResult first = solve_fixed(s, 3000, seed);
    INFO("seed " << seed);
    require_valid(s, first.plan);
    for (const Unscheduled& u : first.plan.unscheduled) CHECK(!u.reasons.empty());
    SolveResult again = solve_fixed(s, 3000, seed);
    CHECK(plan_to_json(again.plan) == plan_to_json(first.plan));
  }
}

TEST_CASE("random programmes with pins: only unkeepable pins break H12, and they are reported") {
  for (std::uint64_t seed = 20; seed <= 27; ++seed) {
    test::RandomShape shape;
    shape.pins = 3;
    Scenario s = test::random_scenario(seed, shape);
    SolveResult result = solve_fixed(s, 1000, seed);
    INFO("seed " << seed);
    CheckReport report = check_plan(s, result.plan);
    CHECK(report.cost_matches);
    for (const Violation& v : report.violations) {
      INFO(v.line());
      CHECK(v.rule == "H12");
      CHECK(std::count(result.broken_pins.begin(), result.broken_pins.end(), v.request) == 1);
      CHECK(contains(all_reasons(result.plan, v.request), "H12"));
    }
  }
}

TEST_CASE("two threads: a valid plan, the same one on every run with the same seed") {
  test::RandomShape shape;
  shape.pins = 0;
  Scenario s = test::random_scenario(5, shape);
  SolveOptions options;
  options.iterations = 500;
  options.threads = 2;
  SolveResult first = solve(s, options).value();
  require_valid(s, first.plan);  // no violation, and the stated cost is compute_cost()'s
  CHECK(first.iterations == 2 * 500);  // summed over the threads
  // solver.h: deterministic for (scenario, seed, threads, iterations).
  for (int run = 0; run < 3; ++run) CHECK(plan_to_json(solve(s, options).value().plan) == plan_to_json(first.plan));
}

// Brute force over every team of the candidate peers, to test the matcher.
namespace {

std::int64_t brute_force_best(const ScheduleState& state, int r, int w, std::vector<int> chosen, int next, bool* found) {
  const Problem& problem = state.problem();
  const ProblemRequest& request = problem.request(r);
  if (static_cast<int>(chosen.size()) == request.team_size) {
    TeamShape counts{};
    for (int p : chosen) ++counts[static_cast<int>(problem.peer(p).role)];
    if (counts != request.team) return -1;
    bool party = request.party == kNoIndex ||
                 std::any_of(chosen.begin(), chosen.end(), [&](int p) { return problem.peer(p).party == request.party && problem.peer(p).role == Role::kMember; });
    for (int skill : request.focus)
      party = party && std::any_of(chosen.begin(), chosen.end(), [&](int p) { return problem.has_skill(p, skill); });
    if (!party) return -1;
    *found = true;
    std::int64_t cost = 0;
    for (int p : chosen) cost += state.peer_cost(p, r, w);
    return cost;
  }
  std::int64_t best = -1;
  for (int p = next; p < problem.peer_count(); ++p) {
    if (!state.can_take(p, r, w)) continue;
    chosen.push_back(p);
    std::int64_t here = brute_force_best(state, r, w, chosen, p + 1, found);
    chosen.pop_back();
    if (here >= 0 && (best < 0 || here < best)) best = here;
  }
  return best;
}

}  // namespace

TEST_CASE("the team matcher finds the brute-force optimum") {
  int compared = 0;
  for (std::uint64_t seed = 100; seed < 112; ++seed) {
    test::RandomShape shape;
    shape.peers = 18;
    shape.requests = 6;
    shape.pins = 0;
    Scenario s = test::random_scenario(seed, shape);
    for (Request& r : s.requests) r.focus = {"finance", "leadership"};  // two focus areas plus party
    Problem problem(s);
    ScheduleState state(problem);
    TeamMatcher matcher(problem);
    for (int r = 0; r < problem.request_count(); ++r) {
      for (int w : problem.request(r).weeks) {
        bool found = false;
        std::int64_t brute = brute_force_best(state, r, w, {}, 0, &found);
        std::optional<Team> team = matcher.best_team(state, r, w);
        INFO("seed " << seed << " request " << r << " week " << w);
        REQUIRE(team.has_value() == found);
        if (team) {
          CHECK(team->cost == brute);
          ++compared;
        }
      }
      // Book the request somewhere so later requests see busy peers and loads.
      std::optional<Placement> placement = best_placement(state, matcher, r);
      if (placement) state.assign(r, placement->week, placement->peers);
    }
  }
  CHECK(compared > 50);
}

TEST_CASE("the running cost equals compute_cost after many assignments and removals") {
  Scenario s = test::random_scenario(7);
  Problem problem(s);
  ScheduleState state(problem);
  TeamMatcher matcher(problem);
  for (int round = 0; round < 3; ++round) {
    for (int r = 0; r < problem.request_count(); ++r) {
      if (state.scheduled(r) && (r + round) % 2 == 0) {
        state.unassign(r);
        continue;
      }
      if (state.scheduled(r)) continue;
      std::optional<Placement> placement = best_placement(state, matcher, r);
      if (!placement) continue;
      std::int64_t before = state.total();
      state.assign(r, placement->week, placement->peers);
      CHECK(state.total() - before == placement->delta);
    }
    Plan plan = state.to_plan();
    CHECK(state.cost_terms() == compute_cost(s, problem.calendar(), plan));
  }
}
