// Reasons that are always true (issue 11): for each kind of request that no
// plan could place, the reason says so and names the missing kind of peer;
// for each kind the plan blocks, it blames the plan. Each case is one
// request R1 needing one officer (plus what the case adds), in a window of
// two weeks, alone or beside R2, which holds the only other officer.
#include "engine/internal/explainer.h"

#include "tests/test_scenarios.h"

#include <catch2/catch.hpp>

using namespace peerslot;
using namespace peerslot::test;

namespace {

struct Case {
  Scenario scenario;
  std::vector<std::string> reasons;
};

// The reasons for R1 (request 0) with R2 (request 1, if any) placed in
// week 0 with peer 1 (O2).
std::vector<std::string> reasons_for(const Scenario& s, bool place_r2 = false) {
  Problem problem(s);
  ScheduleState state(problem);
  TeamMatcher matcher(problem);
  if (place_r2) state.assign(1, 0, std::vector<int>{1});
  return explain_unscheduled(state, matcher, 0);
}

ScenarioBuilder two_weeks() {
  ScenarioBuilder b("2012-04-16", "2012-04-27");
  b.council("C1", "NOC", 52, -1);
  b.council("C2", "NOC", 53, -1);
  b.peer("O1", Role::kOfficer, "C9", 52, -1, "", {"housing"});
  b.peer("O2", Role::kOfficer, "C9", 52, -1);
  return b;
}

}  // namespace

TEST_CASE("no plan could place it: the reason says so and names the missing peer", "[explain]") {
  SECTION("H6: nobody has the focus skill") {
    ScenarioBuilder b = two_weeks();
    b.request("R1", "C1", 1, {0, 0, 1, 0, 0}).focus = {"planning"};
    auto reasons = reasons_for(b.build());
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0] == "no peer with the skill \"planning\" is eligible and available in any of the 2 usable weeks "
                        "(2012-04-16..2012-04-23), whatever the rest of the plan (H6); the scenario has no peer with the skill \"planning\"");
  }
  SECTION("H7: every officer is excluded") {
    ScenarioBuilder b = two_weeks();
    b.request("R1", "C1", 1, {0, 0, 1, 0, 0}).declined = {"O1", "O2"};
    auto reasons = reasons_for(b.build());
    REQUIRE(reasons.size() == 1);
    CHECK_THAT(reasons[0], Catch::StartsWith("no officer peer is eligible and available in any of the 2 usable weeks"));
    CHECK_THAT(reasons[0], Catch::Contains("whatever the rest of the plan (H4); every officer peer is excluded (H7): O1 declined this challenge (H7)"));
  }
  SECTION("H8: the officer with the skill is away") {
    ScenarioBuilder b = two_weeks();
    b.request("R1", "C1", 1, {0, 0, 1, 0, 0}).focus = {"housing"};
    Scenario s = b.build();
    s.peers[0].available = {{day("2012-05-01"), day("2012-05-31")}};
    s.reindex();
    auto reasons = reasons_for(s);
    REQUIRE(reasons.size() == 1);
    CHECK_THAT(reasons[0], Catch::StartsWith("no peer with the skill \"housing\" is eligible and available in any of the 2 usable weeks"));
    CHECK_THAT(reasons[0], Catch::Contains("whatever the rest of the plan (H6); nearest: O1 (not available on 2012-04-16 (H8))"));
  }
  SECTION("H7: civil servants only where the council asked for them") {
    ScenarioBuilder b = two_weeks();
    b.peer("X1", Role::kExpert, "", 52, -1).sector = kCivilServiceSector;
    b.request("R1", "C1", 1, {0, 0, 0, 1, 0});
    auto reasons = reasons_for(b.build());
    REQUIRE(reasons.size() == 1);
    CHECK_THAT(reasons[0], Catch::Contains("every expert peer is excluded (H7): X1 is a civil servant and the council has not asked for civil servants (H7)"));
  }
}

TEST_CASE("the plan blocks it: the reason blames the plan", "[explain]") {
  ScenarioBuilder b = two_weeks();
  b.request("R1", "C1", 1, {0, 0, 1, 0, 0}).focus = {"housing"};
  b.request("R2", "C2", 1, {0, 0, 1, 0, 0});
  Scenario s = b.build();
  SECTION("H9 and H10: the only officer with the skill is on another challenge, and then at its cap") {
    s.peers[0].max_days_per_year = 1;
    Problem problem(s);
    ScheduleState state(problem);
    TeamMatcher matcher(problem);
    state.assign(1, 0, std::vector<int>{0});  // R2 takes O1 in week 0: busy then, capped after
    auto reasons = explain_unscheduled(state, matcher, 0);
    REQUIRE(reasons.size() == 1);
    CHECK_THAT(reasons[0], Catch::StartsWith("no peer with the skill \"housing\" is free in any of the 2 usable weeks"));
    CHECK_THAT(reasons[0], Catch::Contains("(H6); nearest: O1 ("));
    CHECK_THAT(reasons[0], !Catch::Contains("whatever the rest of the plan"));
    CHECK(explain_week(state, matcher, 0, 0) ==
          "fewer than 1 peer with the skill \"housing\" free (H6); nearest: O1 (already on R2 in the week of 2012-04-16 (H9))");
    CHECK(explain_week(state, matcher, 0, 1) ==
          "fewer than 1 peer with the skill \"housing\" free (H6); nearest: O1 (cap of 1 days in FY2012 reached (1 booked, H10))");
  }
}
