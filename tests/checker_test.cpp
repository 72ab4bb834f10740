// For every rule H1..H12: the base fixture plan keeps it, and a minimal edit
// breaks it, and the checker names exactly that rule. Cost terms are checked
// against values computed by hand.
#include "engine/checker.h"
#include "engine/cost_model.h"
#include "tests/test_scenarios.h"
#include "tests/test_support.h"

#include <catch2/catch.hpp>

using namespace peerslot;
using namespace peerslot::test;
using nlohmann::json;

namespace {

struct Fixture {
  json scenario = load_fixture("rules_scenario.json");
  json plan = load_fixture("rules_plan.json");
  json& r1() { return plan["assignments"][0]; }
  json& r3() { return plan["assignments"][1]; }
  void assign_r2(const std::string& week, const std::string& peer) {
    plan["unscheduled"] = json::array();
    plan["assignments"].push_back({{"request", "R2"}, {"week", week}, {"peers", {peer}}});
  }
  std::set<std::string> rules() { return broken_rules(scenario, plan); }
};

const std::set<std::string> kNone;

}  // namespace

TEST_CASE("the base plan keeps every rule and states its cost", "[checker]") {
  Fixture f;
  Scenario s = scenario_of(f.scenario);
  CheckReport report = check_plan(s, plan_of(f.plan, s));
  for (const Violation& v : report.violations) UNSCOPED_INFO(v.line());
  CHECK(report.violations.empty());
  CHECK(report.cost_matches);
  CHECK(report.ok());
}

TEST_CASE("H1: a request is assigned at most once", "[checker]") {
  Fixture f;
  f.plan["assignments"].push_back({{"request", "R1"}, {"week", "2011-09-26"}, {"peers", {"M1", "X1", "O2"}}});
  CHECK(f.rules().count("H1"));
}

TEST_CASE("H2: a Monday with enough working days inside window and earliest..latest", "[checker]") {
  Fixture f;
  SECTION("not a Monday") {
    f.r1()["week"] = "2011-09-13";
    CHECK(f.rules() == std::set<std::string>{"H2"});
  }
  SECTION("too few working days: Easter week 2011 has three, R1 needs three, R3 fine") {
    f.scenario["requests"][0]["days"] = 4;
    f.scenario["requests"][0]["earliest"] = "2011-04-01";
    f.r1()["week"] = "2011-04-25";
    CHECK(f.rules().count("H2"));
  }
  SECTION("before earliest") {
    f.r1()["week"] = "2011-05-23";
    CHECK(f.rules() == std::set<std::string>{"H2"});
  }
  SECTION("outside the window") {
    f.scenario["requests"][0].erase("latest");
    f.scenario["councils"][0]["blackouts"] = json::array();
    f.scenario["peers"][0]["available"][0]["end"] = "2012-12-31";
    f.scenario["peers"][2]["available"][0]["end"] = "2012-12-31";
    f.scenario["peers"][3]["available"][0]["end"] = "2012-12-31";
    f.r1()["week"] = "2012-04-02";
    CHECK(f.rules() == std::set<std::string>{"H2"});
  }
  SECTION("a holiday inside the week moves the on-site days, which stay valid") {
    f.r1()["week"] = "2011-08-29";  // summer bank holiday: on site Tue..Thu
    CHECK(f.rules() == kNone);
  }
}

TEST_CASE("H3: blackouts and pre-election periods", "[checker]") {
  Fixture f;
  SECTION("blackout") {
    f.r1()["week"] = "2011-12-19";
    CHECK(f.rules() == std::set<std::string>{"H3"});
  }
  SECTION("pre-election period: 42 days ending on polling day 2011-06-30") {
    f.assign_r2("2011-05-23", "O2");  // 2011-05-20..2011-06-30
    CHECK(f.rules() == std::set<std::string>{"H3"});
  }
  SECTION("the day after polling day is free") {
    f.assign_r2("2011-07-04", "O2");
    CHECK(f.rules() == kNone);
  }
  SECTION("the day before the period starts is free") {
    f.scenario["councils"][1]["elections"] = {"2011-06-29"};  // period 2011-05-19..2011-06-29
    f.scenario["requests"][1]["days"] = 3;                    // on site 16, 17, 18 May
    f.assign_r2("2011-05-16", "O2");
    CHECK(f.rules() == kNone);
    f.scenario["requests"][1]["days"] = 4;  // now also 19 May
    CHECK(f.rules() == std::set<std::string>{"H3"});
  }
}

TEST_CASE("H4: exactly the team's roles, each peer once", "[checker]") {
  Fixture f;
  SECTION("a missing officer") {
    f.r1()["peers"] = {"M1", "X1"};
    CHECK(f.rules().count("H4"));
  }
  SECTION("a role swapped for another") {
    f.r1()["peers"] = {"M1", "X1", "E1"};
    CHECK(f.rules().count("H4"));
  }
  SECTION("a peer twice") {
    f.scenario["requests"][0]["team"]["officer"] = 2;
    f.r1()["peers"] = {"M1", "X1", "O1", "O1"};
    CHECK(f.rules().count("H4"));
  }
}

TEST_CASE("H5: a member of the controlling party", "[checker]") {
  Fixture f;
  f.r1()["peers"] = {"M2", "X1", "O1"};  // Labour member for a Conservative council
  CHECK(f.rules() == std::set<std::string>{"H5"});
  f.scenario["councils"][0]["control"] = "NOC";
  CHECK(f.rules() == kNone);
}

TEST_CASE("H6: every focus area is covered", "[checker]") {
  Fixture f;
  f.scenario["requests"][0]["focus"] = {"finance", "housing", "planning"};
  CHECK(f.rules() == std::set<std::string>{"H6"});
}

TEST_CASE("H7: own council, declared conflicts, same region, declines", "[checker]") {
  Fixture f;
  SECTION("declared conflict") {
    f.r1()["peers"] = {"M1", "X1", "O2"};
    CHECK(f.rules() == std::set<std::string>{"H7"});
  }
  SECTION("own council") {
    f.scenario["peers"][5]["skills"] = {"housing"};
    f.r1()["peers"] = {"M1", "X1", "O3"};
    CHECK(f.rules() == std::set<std::string>{"H7"});
  }
  SECTION("same region only when excluded") {
    f.scenario["peers"][3]["region"] = "East Midlands";
    CHECK(f.rules() == kNone);
    f.scenario["exclude_same_region"] = true;
    CHECK(f.rules() == std::set<std::string>{"H7"});
  }
  SECTION("a peer who declined the request") {
    f.scenario["format"] = "peerslot-scenario/2";
    f.scenario["requests"][0]["declined"] = {"O1"};
    CHECK(f.rules() == std::set<std::string>{"H7"});
    Scenario s = scenario_of(f.scenario);
    CheckReport report = check_plan(s, plan_of(f.plan, s));
    REQUIRE(report.violations.size() == 1);
    CHECK(report.violations[0].line() == "H7 R1 O1 declined this challenge");
  }
  SECTION("a decline of another request does not count") {
    f.scenario["format"] = "peerslot-scenario/2";
    f.scenario["requests"][1]["declined"] = {"O1", "M1"};
    CHECK(f.rules() == kNone);
  }
}

TEST_CASE("H8: peers are available on every on-site day", "[checker]") {
  Fixture f;
  f.r1()["peers"] = {"M1", "X1", "O4"};  // O4 is free only until 2011-08-31
  CHECK(f.rules() == std::set<std::string>{"H8"});
  f.r1()["week"] = "2011-08-22";
  CHECK(f.rules() == kNone);
  f.r1()["week"] = "2011-08-29";  // Tue..Thu 30 Aug - 1 Sep: the last day is out
  CHECK(f.rules() == std::set<std::string>{"H8"});
}

TEST_CASE("H9: a peer is in at most one challenge per week", "[checker]") {
  Fixture f;
  f.scenario["peers"][3]["max_days_per_year"] = 10;
  f.assign_r2("2011-09-12", "O1");
  CHECK(f.rules() == std::set<std::string>{"H9"});
  f.plan["assignments"][2]["week"] = "2011-09-19";
  CHECK(f.rules() == kNone);
}

TEST_CASE("H10: financial-year day caps", "[checker]") {
  Fixture f;
  f.assign_r2("2011-09-19", "O1");  // 3 + 2 days > cap 4 in FY2011
  CHECK(f.rules() == std::set<std::string>{"H10"});
  SECTION("days in another financial year do not count") {
    f.scenario["window"]["end"] = "2013-03-31";
    f.scenario["peers"][3]["available"][0]["end"] = "2013-03-31";
    f.plan["assignments"][2]["week"] = "2012-04-16";
    CHECK(f.rules() == kNone);
  }
}

TEST_CASE("H11: weekly capacity", "[checker]") {
  Fixture f;
  f.assign_r2("2011-09-12", "O2");
  CHECK(f.rules() == kNone);  // two challenges, capacity two
  f.scenario["max_challenges_per_week"] = 1;
  CHECK(f.rules() == std::set<std::string>{"H11"});
  f.scenario.erase("max_challenges_per_week");  // default: unlimited
  CHECK(f.rules() == kNone);
}

TEST_CASE("H12: pinned week and peers", "[checker]") {
  Fixture f;
  SECTION("moved") {
    f.r3()["week"] = "2011-10-10";
    CHECK(f.rules() == std::set<std::string>{"H12"});
  }
  SECTION("pinned peer missing") {
    f.scenario["peers"].push_back({{"id", "X2"}, {"role", "chief_executive"}, {"region", "London"},
                                   {"available", {{{"start", "2011-04-01"}, {"end", "2012-03-31"}}}}});
    f.r3()["peers"] = {"X2"};
    CHECK(f.rules() == std::set<std::string>{"H12"});
  }
  SECTION("not assigned at all") {
    f.plan["assignments"].erase(1);
    f.plan["unscheduled"].push_back({{"request", "R3"}, {"reasons", {"no"}}});
    CHECK(f.rules() == std::set<std::string>{"H12"});
  }
}

TEST_CASE("every request is listed exactly once", "[checker]") {
  Fixture f;
  f.plan["unscheduled"] = json::array();
  CHECK(f.rules() == std::set<std::string>{"PLAN"});
  f.plan["unscheduled"] = {{{"request", "R2"}, {"reasons", json::array()}}, {{"request", "R1"}, {"reasons", json::array()}}};
  CHECK(f.rules() == std::set<std::string>{"PLAN"});
}

TEST_CASE("violation lines start with rule, request and peer", "[checker]") {
  Fixture f;
  f.r1()["peers"] = {"M1", "X1", "O4"};
  Scenario s = scenario_of(f.scenario);
  CheckReport report = check_plan(s, plan_of(f.plan, s));
  REQUIRE_FALSE(report.violations.empty());
  CHECK(report.violations.front().line() == "H8 R1 O4 not available on 2011-09-12");
}

TEST_CASE("cost terms on hand-computed examples", "[cost]") {
  Fixture f;
  Scenario s = scenario_of(f.scenario);
  Calendar calendar(s.bank_holidays);
  SECTION("the base plan: M1 travels 111 km (1 degree of latitude), loads 3,4,3 days") {
    Cost c = compute_cost(s, calendar, plan_of(f.plan, s));
    CHECK(c.unscheduled == 1000000);
    CHECK(c.preference == 0);
    CHECK(c.travel == 111);
    CHECK(c.load == 10 * (9 + 16 + 9));
    CHECK(c.total == 1000000 + 111 + 340);
  }
  SECTION("ten days after the preferred range is two weeks off") {
    f.r1()["week"] = "2011-10-10";
    CHECK(compute_cost(s, calendar, plan_of(f.plan, s)).preference == 200);
  }
  SECTION("one day before the preferred range is one week off") {
    f.scenario["requests"][0]["preferred"] = {{{"start", "2011-09-13"}, {"end", "2011-09-30"}}};
    Scenario s2 = scenario_of(f.scenario);
    CHECK(compute_cost(s2, calendar, plan_of(f.plan, s2)).preference == 100);
  }
  SECTION("unscheduled counts priority; a stated cost that differs is reported") {
    f.plan["assignments"].erase(0);
    f.plan["unscheduled"].push_back({{"request", "R1"}, {"reasons", json::array()}});
    CheckReport report = check_plan(s, plan_of(f.plan, s));
    CHECK(report.recomputed.unscheduled == 3000000);
    CHECK_FALSE(report.cost_matches);
    CHECK_FALSE(report.ok());
  }
  SECTION("great circle: halves round up, missing coordinates cost nothing") {
    CHECK(round_km(12.5) == 13);
    CHECK(round_km(12.4999) == 12);
    CHECK(round_km(0.5) == 1);
    CHECK(round_km(0.49) == 0);
    CHECK(round_km(261.5) == 262);
    CHECK(great_circle_km({52.0, -1.0}, {52.0, -1.0}) == 0);
    CHECK(great_circle_km({51.5074, -0.1278}, {53.4808, -2.2426}) == 262);  // London - Manchester
    Peer p;
    CHECK(travel_km(p, s.councils[0]) == 0);
  }
  SECTION("load is the sum of squares per financial year") {
    f.scenario["window"]["end"] = "2013-03-31";
    f.scenario["requests"][0].erase("latest");
    Scenario s2 = scenario_of(f.scenario);
    f.plan["unscheduled"] = json::array();
    f.plan["assignments"].push_back({{"request", "R2"}, {"week", "2012-04-16"}, {"peers", {"O1"}}});
    // O1: 3 days in FY2011 and 2 in FY2012 -> 9 + 4, not 25.
    Cost c = compute_cost(s2, calendar, plan_of(f.plan, s2));
    CHECK(c.load == 10 * (9 + 16 + 9 + 4));
  }
}

namespace {

// One officer on a 5-day challenge in the week of Monday 2011-03-28, with no
// bank holidays: on site 28..31 March (FY2010) and 1 April (FY2011).
struct StraddlingWeek {
  Scenario scenario;
  Plan plan;

  explicit StraddlingWeek(std::optional<int> cap) {
    ScenarioBuilder b("2011-03-01", "2011-04-30");
    b.council("C1", "NOC", 53.0, -2.0);
    b.peer("P1", Role::kOfficer, "X", 53.0, -2.0).max_days_per_year = cap;
    b.request("R1", "C1", 5, {0, 0, 1, 0});
    b.request("R2", "C1", 1, {0, 0, 1, 0});
    scenario = b.build();
    plan.assignments.push_back({"R1", day("2011-03-28"), {"P1"}});
    plan.unscheduled.push_back({"R2", {}});
    plan.cost = compute_cost(scenario, Calendar(scenario.bank_holidays), plan);
  }

  std::vector<std::string> violations() const {
    std::vector<std::string> lines;
    CheckReport report = check_plan(scenario, plan);
    CHECK(report.cost_matches);
    for (const Violation& v : report.violations) lines.push_back(v.line());
    return lines;
  }
};

}  // namespace

TEST_CASE("a week straddling 31 March splits load and caps by financial year", "[checker][cost]") {
  SECTION("load: 4 days in FY2010 and 1 in FY2011 cost 4^2 + 1^2, not 5^2") {
    StraddlingWeek week(std::nullopt);
    CHECK(week.plan.cost.load == 10 * (16 + 1));
    CHECK(week.plan.cost.total == 1000000 + 10 * 17);  // R2 unscheduled, no travel
    CHECK(week.violations().empty());
  }
  SECTION("a cap of 4 holds: neither year has more than 4 days") {
    CHECK(StraddlingWeek(4).violations().empty());
  }
  SECTION("a cap of 3 is broken in FY2010 only") {
    CHECK(StraddlingWeek(3).violations() ==
          std::vector<std::string>{"H10 R1 P1 4 on-site days in FY2010 exceed the cap of 3"});
  }
  SECTION("a day more in April breaks a cap of 1 in FY2011 too") {
    StraddlingWeek week(1);
    week.plan.unscheduled.clear();
    week.plan.assignments.push_back({"R2", day("2011-04-11"), {"P1"}});
    week.plan.cost = compute_cost(week.scenario, Calendar(week.scenario.bank_holidays), week.plan);
    CHECK(week.plan.cost.load == 10 * (16 + 4));
    CHECK(week.violations() == std::vector<std::string>{"H10 R1 P1 4 on-site days in FY2010 exceed the cap of 1",
                                                        "H10 R2 P1 2 on-site days in FY2011 exceed the cap of 1"});
  }
}
