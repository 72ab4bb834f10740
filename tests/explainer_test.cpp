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

// The reasons for R1 (request 0) with R2 (request 1, if any) placed in
// week 0 with peer 1 (O2).
std::vector<Reason> reasons_for(const Scenario& s, bool place_r2 = false) {
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
    CHECK(reasons[0].text ==
          "No peer with planning skills is available in any of the 2 usable weeks (16 April to 23 April 2012), whatever else is booked");
    CHECK(reasons[0].detail == "the programme has no peer with planning skills");
    CHECK(reasons[0].code == "no_available_focus_peer");
    CHECK(reasons[0].rule == "H6");
  }
  SECTION("H7: every officer is excluded") {
    ScenarioBuilder b = two_weeks();
    b.request("R1", "C1", 1, {0, 0, 1, 0, 0}).declined = {"O1", "O2"};
    auto reasons = reasons_for(b.build());
    REQUIRE(reasons.size() == 1);
    CHECK_THAT(reasons[0].text, Catch::StartsWith("No officer peer is available in any of the 2 usable weeks"));
    CHECK(reasons[0].detail == "every officer peer is ruled out: O1 has declined this challenge; O2 has declined this challenge");
    CHECK(reasons[0].code == "no_available_role_peer");
    CHECK(reasons[0].with_rule() == reasons[0].text + ": " + reasons[0].detail + " (H4)");
  }
  SECTION("H8: the officer with the skill is away") {
    ScenarioBuilder b = two_weeks();
    b.request("R1", "C1", 1, {0, 0, 1, 0, 0}).focus = {"housing"};
    Scenario s = b.build();
    s.peers[0].available = {{day("2012-05-01"), day("2012-05-31")}};
    s.reindex();
    auto reasons = reasons_for(s);
    REQUIRE(reasons.size() == 1);
    CHECK_THAT(reasons[0].text, Catch::StartsWith("No peer with housing skills is available in any of the 2 usable weeks"));
    CHECK(reasons[0].detail == "the nearest is O1, who has not offered Monday 16 April 2012");
  }
  SECTION("H7: civil servants only where the council asked for them") {
    ScenarioBuilder b = two_weeks();
    b.peer("X1", Role::kExpert, "", 52, -1).sector = kCivilServiceSector;
    b.request("R1", "C1", 1, {0, 0, 0, 1, 0});
    auto reasons = reasons_for(b.build());
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0].detail == "every expert peer is ruled out: X1 is a civil servant, and the council has not asked for civil servants");
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
    CHECK_THAT(reasons[0].text, Catch::StartsWith("No peer with housing skills is free in any of the 2 usable weeks"));
    CHECK_THAT(reasons[0].detail, Catch::StartsWith("the nearest is O1, who "));
    CHECK_THAT(reasons[0].text, !Catch::Contains("whatever else is booked"));
    Reason busy = explain_week(state, matcher, 0, 0);
    CHECK(busy.text == "No peer with housing skills is free this week");
    CHECK(busy.detail == "the nearest is O1, who is already on a challenge at C2 that week");
    CHECK(busy.code == "no_free_focus_peer");
    CHECK(busy.rule == "H6");
    CHECK(explain_week(state, matcher, 0, 1).detail ==
          "the nearest is O1, who would pass the 1 day a year they give in 2012/13 (1 already booked)");
  }
}

TEST_CASE("calendar reasons name the day, the poll and the council's own dates in words", "[explain]") {
  ScenarioBuilder b("2011-04-25", "2011-05-13");
  b.council("C1", "NOC", 52, -1).elections = {day("2011-05-05")};
  b.scenario().pre_election_days = 3;
  b.scenario().bank_holidays = {day("2011-05-02")};
  b.peer("O1", Role::kOfficer, "C9", 52, -1);
  b.request("R1", "C1", 5, {0, 0, 1, 0, 0});
  b.request("R2", "C1", 3, {0, 0, 1, 0, 0});
  Scenario s = b.build();
  s.councils[0].blackouts = {{day("2011-05-10"), day("2011-05-12")}};
  s.reindex();
  Problem problem(s);
  ScheduleState state(problem);
  TeamMatcher matcher(problem);
  Reason holiday = explain_week(state, matcher, 0, 1);  // the week of the early May bank holiday
  CHECK(holiday.text == "Bank holiday on Monday 2 May 2011: this week has fewer than 5 working days");
  CHECK(holiday.code == "bank_holiday");
  Reason poll = explain_week(state, matcher, 1, 1);  // three days from Tuesday 3 May, up to polling day
  CHECK(poll.text == "Pre-election period before the poll on 5 May 2011");
  CHECK(poll.code == "pre_election");
  Reason blackout = explain_week(state, matcher, 0, 2);
  CHECK(blackout.text == "The council cannot host a challenge from 10 May to 12 May 2011");
  CHECK(blackout.code == "blackout");
  CHECK(blackout.rule == "H3");
}
