// test_support.h — shared helpers for the Catch2 tests: loading fixtures
// from tests/fixtures and checking plans with the referee.
#pragma once

#include "engine/checker.h"
#include "engine/scenario.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace peerslot::test {

nlohmann::json load_fixture(const std::string& name);
// Parses a scenario document, failing the test with the message if invalid.
Scenario scenario_of(const nlohmann::json& doc);
// Parses a plan document against a scenario, failing the test if invalid.
Plan plan_of(const nlohmann::json& doc, const Scenario& scenario);
// The rule ids of every violation the checker finds.
std::set<std::string> broken_rules(const nlohmann::json& scenario, const nlohmann::json& plan);
// The validation message for an invalid scenario ("" if it is valid).
std::string rejection(const nlohmann::json& scenario);

}  // namespace peerslot::test
