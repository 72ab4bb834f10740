// Validation names the field path and the offending value; unknown fields
// warn; documents round-trip.
#include "engine/scenario_json.h"
#include "tests/test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

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
    CHECK(rejection(s) == "peers[0].available[0].end: \"2011-02-30\" is not a valid date between 1900-01-01 and 2100-12-31 (YYYY-MM-DD)");
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
    s["format"] = "peerslot-scenario/3";
    CHECK(rejection(s) == "format: \"peerslot-scenario/3\" is not \"peerslot-scenario/1\" or \"peerslot-scenario/2\"");
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

TEST_CASE("a scenario and a plan written piece by piece are the documents to_json gives", "[scenario]") {
  Scenario s = scenario_of(load_fixture("rules_scenario.json"));
  Plan p = plan_of(load_fixture("rules_plan.json"), s);
  std::string text;
  int pieces = 0;
  auto sink = [&](const std::string& piece) {
    text += piece;
    ++pieces;
  };
  write_scenario_json(s, sink);
  CHECK(json::parse(text) == scenario_to_json(s));
  CHECK(pieces > static_cast<int>(s.councils.size() + s.peers.size() + s.requests.size()));  // one element at a time
  text.clear();
  write_plan_json(p, sink);
  CHECK(json::parse(text) == plan_to_json(p));
  text.clear();
  write_plan_json(Plan{}, sink);
  CHECK(json::parse(text) == plan_to_json(Plan{}));
}

namespace {

// A version 1 scenario with every default spelled out, and the version 2
// document scenario_to_json() writes for it (keys sorted): the same
// content, with version 2's defaults (no manager seat, continuity weight
// 300, no civil servants).
const char* const kWrittenV1 =
    R"({"bank_holidays":[],"councils":[{"blackouts":[],"control":"NOC","elections":[],"id":"C1","name":"","region":"R",)"
    R"("type":"district"}],"exclude_same_region":false,"format":"peerslot-scenario/1","peers":[{"available":)"
    R"([{"end":"2012-04-27","start":"2012-04-02"}],"conflicts":[],"id":"P1","name":"","region":"R","role":"officer",)"
    R"("skills":[]}],"pre_election_days":42,"requests":[{"council":"C1","days":1,"focus":[],"id":"R1",)"
    R"("kind":"corporate","preferred":[],"priority":1,"team":{"chief_executive":0,"expert":0,"member":0,)"
    R"("officer":1}}],"weights":{"load":10,"preference":100,"travel_km":1,"unscheduled":1000000},)"
    R"("window":{"end":"2012-04-27","start":"2012-04-02"}})";
const char* const kWrittenV2 =
    R"({"bank_holidays":[],"councils":[{"blackouts":[],"control":"NOC","elections":[],"id":"C1","name":"","region":"R",)"
    R"("type":"district"}],"exclude_same_region":false,"format":"peerslot-scenario/2","peers":[{"available":)"
    R"([{"end":"2012-04-27","start":"2012-04-02"}],"conflicts":[],"id":"P1","name":"","region":"R","role":"officer",)"
    R"("skills":[]}],"pre_election_days":42,"requests":[{"civil_servants":false,"council":"C1","days":1,"focus":[],"id":"R1",)"
    R"("kind":"corporate","preferred":[],"priority":1,"team":{"chief_executive":0,"expert":0,"manager":0,"member":0,)"
    R"("officer":1}}],"weights":{"continuity":300,"load":10,"preference":100,"travel_km":1,"unscheduled":1000000},)"
    R"("window":{"end":"2012-04-27","start":"2012-04-02"}})";

std::string rewritten(const json& doc) { return scenario_to_json(scenario_of(doc)).dump(); }

}  // namespace

TEST_CASE("a version 1 scenario is read as before and written as version 2", "[scenario]") {
  CHECK(rewritten(json::parse(kWrittenV1)) == kWrittenV2);
  CHECK(rewritten(json::parse(kWrittenV2)) == kWrittenV2);
  json fixture = load_fixture("rules_scenario.json");
  json written = scenario_to_json(scenario_of(fixture));
  CHECK(written["format"] == "peerslot-scenario/2");
  CHECK(scenario_to_json(scenario_of(written)) == written);
  for (const json& request : written["requests"]) CHECK_FALSE(request.contains("declined"));
  SECTION("an empty declined list is not written") {
    json doc = json::parse(kWrittenV2);
    doc["requests"][0]["declined"] = json::array();
    CHECK(rewritten(doc) == kWrittenV2);
  }
}

TEST_CASE("declined: a version 2 field listing existing peers", "[scenario]") {
  json s = load_fixture("rules_scenario.json");
  s["format"] = "peerslot-scenario/2";
  s["requests"][1]["declined"] = {"O1", "E1"};
  SECTION("read in a /2 document, with no warning") {
    std::vector<std::string> warnings;
    auto parsed = scenario_from_json(s, &warnings);
    REQUIRE(parsed.is_ok());
    CHECK(parsed.value().requests[1].declined == std::vector<std::string>{"O1", "E1"});
    CHECK(parsed.value().requests[0].declined.empty());
    CHECK(warnings.empty());
  }
  SECTION("written back, with format /2, and read again the same") {
    json written = scenario_to_json(scenario_of(s));
    CHECK(written["format"] == "peerslot-scenario/2");
    CHECK(written["requests"][1]["declined"] == json{"O1", "E1"});
    CHECK_FALSE(written["requests"][0].contains("declined"));
    CHECK(scenario_to_json(scenario_of(written)) == written);
  }
  SECTION("an unknown peer") {
    s["requests"][1]["declined"][1] = "Z9";
    CHECK(rejection(s) == "requests[1].declined[1]: unknown peer \"Z9\"");
  }
  SECTION("not a list") {
    s["requests"][1]["declined"] = "O1";
    CHECK(rejection(s) == "requests[1].declined: \"O1\" is not an array");
  }
  SECTION("not a string") {
    s["requests"][1]["declined"] = {7};
    CHECK(rejection(s) == "requests[1].declined[0]: 7 is not a string");
  }
  SECTION("in a /1 document it is an unknown field: warned about and ignored") {
    s["format"] = "peerslot-scenario/1";
    s["requests"][1]["declined"] = {"Z9"};  // not even checked
    std::vector<std::string> warnings;
    auto parsed = scenario_from_json(s, &warnings);
    REQUIRE(parsed.is_ok());
    CHECK(parsed.value().requests[1].declined.empty());
    CHECK(warnings == std::vector<std::string>{"requests[1].declined: unknown field ignored"});
  }
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
          "assignments[0].week: \"next week\" is not a valid date between 1900-01-01 and 2100-12-31 (YYYY-MM-DD)");
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

namespace {

// The refusal of parse_json_text, checked to be in plain words.
std::string json_refusal(const std::string& text) {
  auto doc = parse_json_text(text);
  REQUIRE_FALSE(doc.is_ok());
  std::string message = doc.status().message();
  CHECK(message.rfind("not valid JSON: line ", 0) == 0);
  CHECK(message.find("json.exception") == std::string::npos);
  CHECK(message.find("parse_error") == std::string::npos);
  CHECK(message.find("syntax error while parsing") == std::string::npos);
  return message;
}

}  // namespace

TEST_CASE("parse_json_text refuses in plain words, naming line and column", "[scenario][json]") {
  CHECK(json_refusal("{\"a\": 1,\n \"b\": }") == "not valid JSON: line 2, column 7: unexpected \"}\"");
  CHECK(json_refusal("{\"format\": ") == "not valid JSON: line 1, column 12: the text ends before the value is complete");
  CHECK(json_refusal("") == "not valid JSON: line 1, column 1: the text is empty");
  CHECK(json_refusal("[1,\n 1e400]") == "not valid JSON: line 2, column 6: a number is out of range");
  CHECK(json_refusal("{\"lat\": -1e999}").find("a number is out of range") != std::string::npos);
  CHECK(json_refusal("[\"ok\", \"\xC3\x28\"]") == "not valid JSON: line 1, column 9: the text is not valid UTF-8");
  CHECK(json_refusal("\"\xED\xA0\x80\"") == "not valid JSON: line 1, column 2: the text is not valid UTF-8");  // a surrogate
}

TEST_CASE("parse_json_text refuses nesting deeper than 64 levels without recursing", "[scenario][json]") {
  std::string ok = std::string(64, '[') + std::string(64, ']');
  CHECK(parse_json_text(ok).is_ok());
  CHECK(json_refusal(std::string(65, '[') + std::string(65, ']')) ==
        "not valid JSON: line 1, column 65: the value is nested deeper than 64 levels");
  // 100,000 levels would overflow the stack of a recursive reader or dump().
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(json_refusal(deep).find("is nested deeper than 64 levels") != std::string::npos);
  // Brackets inside strings do not count.
  CHECK(parse_json_text("[\"" + std::string(100, '[') + "\"]").is_ok());
}

TEST_CASE("quote_json never throws and stays short", "[scenario][json]") {
  json bad_utf8 = std::string("caf\xC3");
  CHECK(quote_json(bad_utf8) == "\"caf\xEF\xBF\xBD\"");
  std::string quoted = quote_json(json(std::string(500, 'x')));
  CHECK(quoted.size() == 80);
  CHECK(quoted.substr(77) == "...");
  // A cut never splits a character: 100 two-octet characters keep 77 whole.
  std::string welsh;
  for (int i = 0; i < 100; ++i) welsh += "\xC5\xB5";  // U+0175
  CHECK(is_valid_utf8(quote_json(json(welsh))));
  CHECK(shorten("ab\xFF") == "ab\xEF\xBF\xBD");
}

TEST_CASE("ids, names and other strings refuse control characters and bad UTF-8", "[scenario]") {
  json s = load_fixture("rules_scenario.json");
  SECTION("a line feed in a council name") {
    s["councils"][0]["name"] = "Blue\nshire";
    CHECK(rejection(s) == "councils[0].name: \"Blue\\nshire\" contains a control character");
  }
  SECTION("a NUL in a peer id") {
    s["peers"][0]["id"] = std::string("M\0" "1", 3);
    CHECK(rejection(s) == "peers[0].id: \"M\\u00001\" contains a control character");
  }
  SECTION("DEL in a skill") {
    s["peers"][0]["skills"][0] = "fin\x7F" "ance";
    CHECK(rejection(s) == "peers[0].skills[0]: \"fin\x7F" "ance\" contains a control character");
  }
  SECTION("invalid UTF-8 in a region") {
    s["councils"][1]["region"] = "North \xC3";
    CHECK(rejection(s) == "councils[1].region: \"North \xEF\xBF\xBD\" is not valid UTF-8");
  }
  SECTION("a long id is quoted short") {
    s["requests"][0]["council"] = std::string(1000, 'C');
    std::string message = rejection(s);
    CHECK(message.rfind("requests[0].council: unknown council \"CCC", 0) == 0);
    CHECK(message.size() < 130);
  }
}

TEST_CASE("numbers must be finite", "[scenario]") {
  json s = load_fixture("rules_scenario.json");
  SECTION("NaN latitude") {
    s["councils"][0]["lat"] = std::nan("");
    CHECK(rejection(s) == "councils[0].lat: NaN is not a finite number");
  }
  SECTION("infinite longitude") {
    s["peers"][0]["lon"] = -std::numeric_limits<double>::infinity();
    CHECK(rejection(s) == "peers[0].lon: -Infinity is not a finite number");
  }
  SECTION("longitude out of range") {
    s["peers"][0]["lon"] = 180.5;
    CHECK(rejection(s) == "peers[0].lon: 180.5 is out of range -180..180");
  }
  SECTION("NaN weight") {
    s["weights"]["load"] = std::nan("");
    CHECK(rejection(s) == "weights.load: null is not a whole number");
  }
}

TEST_CASE("dates are 1900-01-01..2100-12-31 and the window at most 10 years", "[scenario]") {
  json s = load_fixture("rules_scenario.json");
  SECTION("year 1400") {
    s["window"]["start"] = "1400-01-01";
    CHECK(rejection(s) == "window.start: \"1400-01-01\" is not a valid date between 1900-01-01 and 2100-12-31 (YYYY-MM-DD)");
  }
  SECTION("year 9999") {
    s["requests"][0]["latest"] = "9999-12-31";
    CHECK(rejection(s) == "requests[0].latest: \"9999-12-31\" is not a valid date between 1900-01-01 and 2100-12-31 (YYYY-MM-DD)");
  }
  SECTION("eleven years") {
    s["window"] = {{"start", "2011-04-01"}, {"end", "2022-03-31"}};
    CHECK(rejection(s) == "window.end: 2022-03-31 is more than 10 years after start 2011-04-01");
  }
  SECTION("ten years exactly is accepted") {
    s["window"] = {{"start", "2011-04-01"}, {"end", "2021-04-01"}};
    CHECK(rejection(s) == "");
  }
}

TEST_CASE("a plan week of 9999-12-31 is refused before the checker sees it", "[scenario]") {
  Scenario s = scenario_of(load_fixture("rules_scenario.json"));
  json p = load_fixture("rules_plan.json");
  p["assignments"][0]["week"] = "9999-12-31";
  CHECK(plan_from_json(p, s).status().message() ==
        "assignments[0].week: \"9999-12-31\" is not a valid date between 1900-01-01 and 2100-12-31 (YYYY-MM-DD)");
  p["assignments"][0]["week"] = "2100-12-27";  // the last Monday: checked, not thrown
  CheckReport report = check_plan(s, plan_of(p, s));
  CHECK_FALSE(report.ok());
}
