// Validation names the field path and the offending value; unknown fields
// warn; documents round-trip.
#include "engine/scenario_json.h"
#include "tests/test_support.h"

#include <catch2/catch.hpp>

using namespace peerslot;
using namespace peerslot::test;
using nlohmann::json;

TEST_CASE("rejections name the field and the value", "[scenario]") {
  json s = load_fixture("rules_scenario.json");
  SECTION("days out of range") {
    s["requests"][1]["days"] = 7;
    CHECK(rejection(s) == "requests[1].days: 7 is out of range 1..5");
  }
  SECTION("pinned week not a Monday") {
    s["requests"][2]["pinned"]["week"] = "2011-10-04";
    CHECK(rejection(s) == "requests[2].pinned.week: 2011-10-04 is not a Monday");
  }
  SECTION("bad date") {
    s["peers"][0]["available"][0]["end"] = "2011-02-30";
    CHECK(rejection(s) == "peers[0].available[0].end: \"2011-02-30\" is not a valid date (YYYY-MM-DD)");
  }
  SECTION("range backwards") {
    s["window"]["end"] = "2010-01-01";
    CHECK(rejection(s) == "window.end: 2010-01-01 is before start 2011-04-01");
  }
  SECTION("unknown role") {
    s["peers"][2]["role"] = "mayor";
    CHECK(rejection(s) == "peers[2].role: \"mayor\" is not one of member, chief_executive, officer, expert");
  }
  SECTION("member without party") {
    s["peers"][0].erase("party");
    CHECK(rejection(s) == "peers[0].party: is required");
  }
  SECTION("duplicate id") {
    s["peers"][1]["id"] = "M1";
    CHECK(rejection(s) == "peers[1].id: duplicate id \"M1\"");
  }
  SECTION("unknown council") {
    s["requests"][0]["council"] = "E99999999";
    CHECK(rejection(s) == "requests[0].council: unknown council \"E99999999\"");
  }
  SECTION("unknown pinned peer") {
    s["requests"][2]["pinned"]["peers"] = {"X9"};
    CHECK(rejection(s) == "requests[2].pinned.peers[0]: unknown peer \"X9\"");
  }
  SECTION("wrong type") {
    s["requests"][0]["team"]["officer"] = "two";
    CHECK(rejection(s) == "requests[0].team.officer: \"two\" is not a whole number");
  }
  SECTION("fractional weight") {
    s["weights"]["load"] = 2.5;
    CHECK(rejection(s) == "weights.load: 2.5 is not a whole number");
  }
  SECTION("latitude out of range") {
    s["councils"][0]["lat"] = 95;
    CHECK(rejection(s) == "councils[0].lat: 95 is out of range -90..90");
  }
  SECTION("wrong format") {
    s["format"] = "peerslot-scenario/2";
    CHECK(rejection(s) == "format: \"peerslot-scenario/2\" is not \"peerslot-scenario/1\"");
  }
  SECTION("missing list") {
    s.erase("requests");
    CHECK(rejection(s) == "requests: is required");
  }
  SECTION("unknown kind") {
    s["requests"][0]["kind"] = "review";
    CHECK(rejection(s) == "requests[0].kind: \"review\" is not one of corporate, subject, support");
  }
}

TEST_CASE("defaults follow the contract", "[scenario]") {
  json s = load_fixture("rules_scenario.json");
  s.erase("pre_election_days");
  s.erase("max_challenges_per_week");
  s.erase("exclude_same_region");
  s.erase("weights");
  Scenario parsed = scenario_of(s);
  CHECK(parsed.pre_election_days == 42);
  CHECK_FALSE(parsed.max_challenges_per_week);
  CHECK_FALSE(parsed.exclude_same_region);
  CHECK(parsed.weights.unscheduled == 1000000);
  CHECK(parsed.weights.preference == 100);
  CHECK(parsed.weights.travel_km == 1);
  CHECK(parsed.weights.load == 10);
  CHECK(parsed.requests[1].priority == 1);
  CHECK(parsed.requests[1].team == TeamShape{0, 0, 1, 0});
  CHECK_FALSE(parsed.peers[2].max_days_per_year);
}

TEST_CASE("unknown fields are warned about, not rejected", "[scenario]") {
  json s = load_fixture("rules_scenario.json");
  s["colour"] = "blue";
  s["requests"][0]["team"]["mayor"] = 1;
  std::vector<std::string> warnings;
  REQUIRE(scenario_from_json(s, &warnings).is_ok());
  CHECK(warnings == std::vector<std::string>{"requests[0].team.mayor: unknown field ignored",
                                             "colour: unknown field ignored"});
}

TEST_CASE("scenarios and plans round-trip through JSON", "[scenario]") {
  Scenario s = scenario_of(load_fixture("rules_scenario.json"));
  Scenario again = scenario_of(scenario_to_json(s));
  CHECK(scenario_to_json(again) == scenario_to_json(s));
  Plan p = plan_of(load_fixture("rules_plan.json"), s);
  CHECK(plan_to_json(plan_of(plan_to_json(p), s)) == plan_to_json(p));
}

TEST_CASE("plans are checked for shape", "[scenario]") {
  Scenario s = scenario_of(load_fixture("rules_scenario.json"));
  json p = load_fixture("rules_plan.json");
  SECTION("unknown peer") {
    p["assignments"][0]["peers"][1] = "Z9";
    CHECK(plan_from_json(p, s).status().message() == "assignments[0].peers[1]: unknown peer \"Z9\"");
  }
  SECTION("bad week") {
    p["assignments"][0]["week"] = "next week";
    CHECK(plan_from_json(p, s).status().message() ==
          "assignments[0].week: \"next week\" is not a valid date (YYYY-MM-DD)");
  }
  SECTION("missing cost") {
    p.erase("cost");
    CHECK(plan_from_json(p, s).status().message() == "cost: is required");
  }
}

TEST_CASE("JSON syntax errors are reported", "[scenario]") {
  auto doc = parse_json_text("{\"format\": ");
  REQUIRE_FALSE(doc.is_ok());
  CHECK(doc.status().message().rfind("not valid JSON", 0) == 0);
}
