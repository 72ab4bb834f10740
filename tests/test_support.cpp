#include "tests/test_support.h"

#include "engine/scenario_json.h"
#include "tools/file_io.h"

#include <catch2/catch.hpp>

namespace peerslot::test {

nlohmann::json load_fixture(const std::string& name) {
  auto text = read_file(std::string(PEERSLOT_TEST_DIR) + "/fixtures/" + name);
  REQUIRE(text.is_ok());
  return nlohmann::json::parse(text.value());
}

Scenario scenario_of(const nlohmann::json& doc) {
  auto scenario = scenario_from_json(doc);
  INFO(scenario.status().message());
  REQUIRE(scenario.is_ok());
  return scenario.value();
}

Plan plan_of(const nlohmann::json& doc, const Scenario& scenario) {
  auto plan = plan_from_json(doc, scenario);
  INFO(plan.status().message());
  REQUIRE(plan.is_ok());
  return plan.value();
}

std::set<std::string> broken_rules(const nlohmann::json& scenario_doc, const nlohmann::json& plan_doc) {
  Scenario scenario = scenario_of(scenario_doc);
  CheckReport report = check_plan(scenario, plan_of(plan_doc, scenario));
  std::set<std::string> rules;
  for (const Violation& v : report.violations) {
    UNSCOPED_INFO(v.line());
    rules.insert(v.rule);
  }
  return rules;
}

std::string rejection(const nlohmann::json& scenario) {
  auto result = scenario_from_json(scenario);
  return result.is_ok() ? "" : result.status().message();
}

}  // namespace peerslot::test
