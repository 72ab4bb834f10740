// Version 2 of the contract (docs/scenario-format.md): what the reader takes
// and refuses, what the checker and the cost model make of it, and that
// solve, the explainer and repair keep its rules.
#include "engine/checker.h"
#include "engine/cost_model.h"
#include "engine/internal/explainer.h"
#include "engine/repair.h"
#include "engine/scenario_json.h"
#include "engine/solver.h"
#include "tests/test_scenarios.h"
#include "tests/test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace peerslot;
using namespace peerslot::test;
using nlohmann::json;

namespace {

// The rules fixture as a version 2 document: a review R4 follows R1, a
// manager peer and seat, a civil-servant expert, a change of control.
json v2_fixture() {
  json s = load_fixture("rules_scenario.json");
  s["format"] = "peerslot-scenario/2";
  s["window"]["end"] = "2013-03-31";
  for (json& peer : s["peers"]) peer["available"] = {{{"start", "2011-04-01"}, {"end", "2013-03-31"}}};
  s["weights"]["continuity"] = 300;
  s["peers"].push_back({{"id", "G1"}, {"role", "manager"}, {"region", "London"},
                        {"available", {{{"start", "2011-04-01"}, {"end", "2013-03-31"}}}}});
  s["peers"].push_back({{"id", "CS1"}, {"role", "expert"}, {"sector", "civil_service"}, {"region", "London"},
                        {"available", {{{"start", "2011-04-01"}, {"end", "2013-03-31"}}}}});
  s["requests"][0]["team"]["manager"] = 1;
  s["requests"].push_back({{"id", "R4"}, {"council", "C1"}, {"kind", "review"}, {"days", 1},
                           {"team", {{"chief_executive", 1}, {"manager", 1}}},
                           {"follows", {{"request", "R1"}, {"min_weeks", 36}, {"max_weeks", 56}}}});
  return s;
}

Plan solved(const Scenario& s, std::int64_t iterations = 2000) {
  SolveOptions options;
  options.iterations = iterations;
  SolveResult result = solve(s, options).value();
  return result.plan;
}

const Assignment* assignment(const Plan& plan, const std::string& id) {
  auto it = std::find_if(plan.assignments.begin(), plan.assignments.end(), [&](const Assignment& a) { return a.request == id; });
  return it == plan.assignments.end() ? nullptr : &*it;
}

bool has(const std::vector<std::string>& ids, const std::string& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

}  // namespace

TEST_CASE("version 2 fields are read, kept and written back", "[v2]") {
  json doc = v2_fixture();
  doc["councils"][0]["control_changes"] = {{{"date", "2012-05-03"}, {"control", "Labour"}}};
  doc["requests"][1]["civil_servants"] = true;
  doc["finance"] = {{"currency", "GBP"}, {"day_rate", {{"member", 300}, {"expert", 500}}},
                    {"mileage_pence_per_km", 28}, {"budgets", {{{"year", 2011}, {"amount", 2600000}}}}};
  std::vector<std::string> warnings;
  auto parsed = scenario_from_json(doc, &warnings);
  REQUIRE(parsed.is_ok());
  CHECK(warnings.empty());
  const Scenario& s = parsed.value();
  CHECK(s.peers[8].role == Role::kManager);
  CHECK(s.peers[9].sector == "civil_service");
  CHECK(s.requests[0].team[static_cast<int>(Role::kManager)] == 1);
  CHECK(s.requests[1].civil_servants);
  REQUIRE(s.requests[3].follows);
  CHECK(s.requests[3].follows->min_weeks == 36);
  CHECK(s.councils[0].control_on(day("2012-05-02")) == "Conservative");
  CHECK(s.councils[0].control_on(day("2012-05-03")) == "Labour");
  REQUIRE(s.finance);
  CHECK(s.finance->day_rate[static_cast<int>(Role::kExpert)] == 500);
  json written = scenario_to_json(s);
  CHECK(written["format"] == "peerslot-scenario/2");
  CHECK(scenario_to_json(scenario_of(written)) == written);
  CHECK(written["requests"][3]["follows"] == doc["requests"][3]["follows"]);
}

TEST_CASE("version 2 fields are refused with the field and the value", "[v2]") {
  json s = v2_fixture();
  SECTION("a follow-up of an unknown request") {
    s["requests"][3]["follows"]["request"] = "R9";
    CHECK(rejection(s) == "requests[3].follows.request: unknown request \"R9\"");
  }
  SECTION("a request following itself") {
    s["requests"][3]["follows"]["request"] = "R4";
    CHECK(rejection(s) == "requests[3].follows.request: \"R4\" is the request itself");
  }
  SECTION("a follow-up at another council") {
    s["requests"][3]["follows"]["request"] = "R2";
    CHECK(rejection(s) == "requests[3].follows.request: \"R2\" is a request of council \"C2\", not \"C1\"");
  }
  SECTION("a cycle of follows") {
    s["requests"][0]["follows"] = {{"request", "R4"}, {"min_weeks", 1}, {"max_weeks", 2}};
    CHECK(rejection(s) == "requests[0].follows.request: follows \"R4\", which leads back to \"R1\"");
  }
  SECTION("weeks out of range or the wrong way round") {
    s["requests"][3]["follows"]["max_weeks"] = 157;
    CHECK(rejection(s) == "requests[3].follows.max_weeks: 157 is out of range 1..156");
    s["requests"][3]["follows"]["max_weeks"] = 20;
    CHECK(rejection(s) == "requests[3].follows.max_weeks: 20 is less than min_weeks 36");
  }
  SECTION("control changes out of order") {
    s["councils"][0]["control_changes"] = {{{"date", "2012-05-03"}, {"control", "Labour"}},
                                           {{"date", "2012-05-03"}, {"control", "NOC"}}};
    CHECK(rejection(s) == "councils[0].control_changes[1].date: 2012-05-03 is not after the previous change's date 2012-05-03");
  }
  SECTION("an unknown sector") {
    s["peers"][9]["sector"] = "military";
    CHECK(rejection(s) == "peers[9].sector: \"military\" is not one of business, voluntary, public, civil_service");
  }
  SECTION("a negative amount") {
    s["finance"] = {{"budgets", {{{"year", 2011}, {"amount", -1}}}}};
    CHECK(rejection(s) == "finance.budgets[0].amount: -1 is out of range 0..1000000000000000");
  }
  SECTION("in a version 1 document the new role and kind are refused") {
    s["format"] = "peerslot-scenario/1";
    CHECK(rejection(s) == "peers[8].role: \"manager\" is not one of member, chief_executive, officer, expert");
    s["peers"].erase(8);
    CHECK(rejection(s) == "requests[3].kind: \"review\" is not one of corporate, subject, support");
  }
}

TEST_CASE("a version 1 document gives the same plan and cost read as version 2", "[v2]") {
  json v1 = load_fixture("rules_scenario.json");
  Scenario from_v1 = scenario_of(v1);
  Scenario from_v2 = scenario_of(scenario_to_json(from_v1));
  Plan a = solved(from_v1);
  Plan b = solved(from_v2);
  CHECK(plan_to_json(a) == plan_to_json(b));
  CHECK(a.cost.continuity == 0);
  Plan fixture_plan = plan_of(load_fixture("rules_plan.json"), from_v1);
  CHECK(fixture_plan.cost.continuity == 0);
  CHECK(check_plan(from_v2, fixture_plan).recomputed == check_plan(from_v1, fixture_plan).recomputed);
}

TEST_CASE("the checker applies H5 with the control in force, H7 to civil servants and H13", "[v2]") {
  json doc = v2_fixture();
  doc["councils"][0]["control_changes"] = {{{"date", "2011-09-06"}, {"control", "Labour"}}};
  Scenario s = scenario_of(doc);
  // R1 with a Conservative member: right before the change, wrong after it.
  Plan plan;
  plan.assignments = {{"R1", day("2011-09-05"), {"M1", "X1", "O1", "G1"}},
                      {"R4", day("2012-06-04"), {"X1", "G1"}}};
  plan.unscheduled = {{"R2", {}}, {"R3", {}}};
  auto rules = [&](const Plan& p) {
    std::set<std::string> ids;
    for (const Violation& v : find_violations(s, p)) ids.insert(v.rule);
    return ids;
  };
  CHECK(rules(plan) == std::set<std::string>{"H12"});  // R3 is pinned and left out
  plan.assignments[0].week = day("2011-09-12");
  CHECK(rules(plan).count("H5"));
  plan.assignments[0].week = day("2011-09-05");
  SECTION("a follow-up too soon, too late or without the challenge it follows") {
    plan.assignments[1].week = day("2012-05-07");  // 35 weeks
    CHECK(rules(plan).count("H13"));
    plan.assignments[1].week = day("2012-10-01");  // 56 weeks: allowed
    CHECK_FALSE(rules(plan).count("H13"));
    plan.assignments.erase(plan.assignments.begin());
    CHECK(rules(plan).count("H13"));
  }
  SECTION("a civil servant without the council's consent") {
    doc["requests"][1]["team"] = {{"expert", 1}};
    Scenario with_expert = scenario_of(doc);
    Plan p;
    p.assignments = {{"R2", day("2011-10-10"), {"CS1"}}};
    std::set<std::string> broken;
    for (const Violation& v : find_violations(with_expert, p)) broken.insert(v.rule + " " + v.peer);
    CHECK(broken.count("H7 CS1"));
    doc["requests"][1]["civil_servants"] = true;
    Scenario consenting = scenario_of(doc);
    broken.clear();
    for (const Violation& v : find_violations(consenting, p)) broken.insert(v.rule + " " + v.peer);
    CHECK_FALSE(broken.count("H7 CS1"));
  }
  SECTION("continuity counts the follow-up's peers not on the first team") {
    CHECK(check_plan(s, plan).recomputed.continuity == 0);
    Scenario other = s;
    other.peers.push_back(other.peers[8]);
    other.peers.back().id = "G2";
    other.reindex();
    plan.assignments[1].peers = {"X1", "G2"};
    CHECK(check_plan(other, plan).recomputed.continuity == 300);
  }
}

TEST_CASE("solve keeps H13, fills manager seats and keeps the team for a review", "[v2]") {
  // R1 needs X1 for its "leadership" focus; for the review, X2 (listed
  // first) is as cheap as X1 in every other term.
  json doc = v2_fixture();
  doc["requests"][0]["focus"].push_back("leadership");
  doc["peers"].insert(doc["peers"].begin(), json{{"id", "X2"}, {"role", "chief_executive"}, {"region", "London"},
                                             {"available", {{{"start", "2011-04-01"}, {"end", "2013-03-31"}}}}});
  Scenario s = scenario_of(doc);
  Plan plan = solved(s);
  CHECK(find_violations(s, plan).empty());
  CHECK(check_plan(s, plan).cost_matches);
  const Assignment* first = assignment(plan, "R1");
  const Assignment* review = assignment(plan, "R4");
  REQUIRE(first);
  REQUIRE(review);
  long weeks = (review->week - first->week).days() / 7;
  CHECK(weeks >= 36);
  CHECK(weeks <= 56);
  CHECK(has(first->peers, "G1"));
  CHECK(has(review->peers, "X1"));  // the same chief executive: no continuity cost
  CHECK(plan.cost.continuity == 0);
  SECTION("without a continuity weight the tie goes to the first peer listed") {
    s.weights.continuity = 0;
    Plan plain = solved(s);
    const Assignment* again = assignment(plain, "R4");
    REQUIRE(again);
    CHECK(has(again->peers, "X2"));
  }
}

TEST_CASE("a follow-up whose window no week can meet is explained as such", "[v2]") {
  json doc = v2_fixture();
  doc["requests"][3]["follows"] = {{"request", "R1"}, {"min_weeks", 100}, {"max_weeks", 120}};
  Scenario s = scenario_of(doc);
  Plan plan = solved(s);
  CHECK(find_violations(s, plan).empty());
  auto u = std::find_if(plan.unscheduled.begin(), plan.unscheduled.end(), [](const Unscheduled& x) { return x.request == "R4"; });
  REQUIRE(u != plan.unscheduled.end());
  CHECK_THAT(u->reasons.front().text, Catch::Contains("is 100 to 120 weeks after any week the corporate peer challenge could have"));
  CHECK(u->reasons.front().code == "follows_never");
  CHECK(u->reasons.front().rule == "H13");
}

TEST_CASE("reasons say what no plan could change before blaming the plan", "[v2][explain]") {
  // Two weeks, one challenge a week, both taken by R1 and R3; R2, at an
  // Independent-led council, needs a member: first with no Independent
  // member peer in the scenario (no plan could help), then with one (the
  // full weeks are to blame).
  ScenarioBuilder b("2012-04-02", "2012-04-13");
  b.council("C1", "Conservative", 52, -1);
  b.council("C2", "Independent", 53, -1);
  b.peer("M1", Role::kMember, "C9", 52, -1, "Conservative");
  b.peer("I1", Role::kMember, "C9", 52, -1, "Labour");
  b.peer("O1", Role::kOfficer, "C9", 52, -1);
  b.peer("O2", Role::kOfficer, "C9", 52, -1);
  b.request("R1", "C1", 1, {0, 0, 1, 0, 0});
  b.request("R2", "C2", 1, {1, 0, 1, 0, 0});
  b.scenario().max_challenges_per_week = 1;
  b.request("R3", "C1", 1, {0, 0, 1, 0, 0});
  // R2's reasons with R1 and R3 filling both weeks (officers O1, O2).
  auto reasons_when_full = [](const Scenario& s) {
    Problem problem(s);
    ScheduleState state(problem);
    TeamMatcher matcher(problem);
    state.assign(0, 0, std::vector<int>{2});
    state.assign(2, 1, std::vector<int>{3});
    return explain_unscheduled(state, matcher, 1);
  };
  // No Independent member at all.
  std::vector<Reason> reasons = reasons_when_full(b.build());
  REQUIRE(reasons.size() == 1);
  CHECK_THAT(reasons[0].text, Catch::StartsWith("No Independent councillor peer is available in any of the 2 usable weeks"));
  CHECK_THAT(reasons[0].text, Catch::EndsWith("whatever else is booked"));
  CHECK(reasons[0].detail == "the programme has no Independent councillor peer");
  CHECK(reasons[0].rule == "H5");
  // With an Independent member, the same weeks are the plan's doing: full.
  b.peer("I2", Role::kMember, "C9", 52, -1, "Independent");
  reasons = reasons_when_full(b.build());
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0].text == "Every challenge place is taken in any of the 2 usable weeks (2 April to 9 April 2012)");
  CHECK(reasons[0].code == "week_full");
}

TEST_CASE("repair moves a follow-up with the challenge it follows, and cancels it with it", "[v2][repair]") {
  Scenario s = scenario_of(v2_fixture());
  Plan plan = solved(s);
  REQUIRE(find_violations(s, plan).empty());
  const Assignment* first = assignment(plan, "R1");
  REQUIRE(first);
  SECTION("the followed challenge's week is blocked") {
    RepairChange change{RepairChange::Kind::kBlockWeek, "", {}, "", "C1", first->week};
    RepairResult result = repair(s, plan, change).value();
    CHECK(find_violations(result.changed, result.plan).empty());
    const Assignment* moved = assignment(result.plan, "R1");
    REQUIRE(moved);
    CHECK(moved->week != first->week);
    CHECK(assignment(result.plan, "R4"));
  }
  SECTION("the followed challenge is cancelled") {
    RepairChange change{RepairChange::Kind::kCancelRequest, "", {}, "R1", "", {}};
    RepairResult result = repair(s, plan, change).value();
    Plan without = result.plan;
    CHECK_FALSE(assignment(without, "R1"));
    CHECK_FALSE(assignment(without, "R4"));
  }
}
