// scenario_json.h — read, validate and write `peerslot-scenario/1` and
// `peerslot-plan/1` documents (shared/spec/scenario-format.md).
//
// Reading is strict: every type and range in the contract is checked and the
// first problem is reported with its field path and the offending value, e.g.
//   requests[12].pinned.week: 2011-09-13 is not a Monday
//   peers[3].role: "mayor" is not one of member, chief_executive, officer, expert
// Unknown fields are accepted but reported as warnings, never silently.
// A plan is checked only for its shape here (types, known ids); whether it
// keeps the rules H1..H12 is the checker's job (checker.h).
//
// Thread-safety: pure functions.
#pragma once

#include "engine/scenario.h"
#include "engine/status.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace peerslot {

constexpr const char* kScenarioFormat = "peerslot-scenario/1";
constexpr const char* kPlanFormat = "peerslot-plan/1";

// Parses JSON text; a syntax error names the byte offset.
Result<nlohmann::json> parse_json_text(const std::string& text);

// Validates and converts a scenario document; warnings (unknown fields) are
// appended to *warnings when it is not null.
Result<Scenario> scenario_from_json(const nlohmann::json& doc, std::vector<std::string>* warnings = nullptr);
nlohmann::json scenario_to_json(const Scenario& scenario);

// Validates a plan's shape against its scenario: known request and peer ids,
// real dates, whole-number costs.
Result<Plan> plan_from_json(const nlohmann::json& doc, const Scenario& scenario,
                            std::vector<std::string>* warnings = nullptr);
nlohmann::json plan_to_json(const Plan& plan);
nlohmann::json cost_to_json(const Cost& cost);

}  // namespace peerslot
