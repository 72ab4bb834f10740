// scenario_json.h — read, validate and write scenario and plan documents
// (docs/scenario-format.md).
//
// Both versions of both documents are read; writers always write version 2.
// A version 1 document is read exactly as before version 2: its additions
// (the manager role, `sector`, `civil_servants`, `declined`, `follows`, the
// kind "review", `control_changes`, `weights.continuity`, `finance`) are
// not read from it, so there they are unknown fields (warnings) or, for a
// role or kind, refused values; a `peerslot-plan/1` is read with
// continuity 0. The scenario reader also checks the version 2 references:
// a `follows` names another request of the same council and no chain of
// follows is a cycle; control changes are in strictly increasing order.
//
// Reading is strict: every type and range in the contract is checked and the
// first problem is reported with its field path and the offending value, e.g.
//   requests[12].pinned.week: 2011-09-13 is not a Monday
//   requests[3].declined[0]: unknown peer "P9999"
//   peers[3].role: "mayor" is not one of member, chief_executive, officer, expert
// Unknown fields are accepted but reported as warnings, never silently.
// Strings are refused when they hold invalid UTF-8 or a control character
// (U+0000..U+001F, U+007F); numbers must be finite; the window is at most
// kMaxWindowDays long, so nothing downstream runs for minutes. Offending
// values are quoted with quote_json() (json_text.h): never more than 80
// characters, never invalid UTF-8.
// A plan is checked only for its shape here (types, known ids); whether it
// keeps the rules H1..H13 is the checker's job (checker.h).
//
// Thread-safety: pure functions.
#pragma once

#include "engine/json_text.h"  // parse_json_text(), for every reader of these documents
#include "engine/scenario.h"
#include "engine/status.h"

#include <nlohmann/json.hpp>

#include <functional>

#include <string>
#include <vector>

namespace peerslot {

constexpr const char* kScenarioFormatV1 = "peerslot-scenario/1";
constexpr const char* kScenarioFormatV2 = "peerslot-scenario/2";
constexpr const char* kPlanFormatV1 = "peerslot-plan/1";
constexpr const char* kPlanFormatV2 = "peerslot-plan/2";
// Ten years, counting the leap days: the longest window a scenario may have.
constexpr int kMaxWindowDays = 3653;

// Validates and converts a scenario document; warnings (unknown fields) are
// appended to *warnings when it is not null.
Result<Scenario> scenario_from_json(const nlohmann::json& doc, std::vector<std::string>* warnings = nullptr);
nlohmann::json scenario_to_json(const Scenario& scenario);

// Where a document is written piece by piece (an HTTP reply's chunks).
using TextSink = std::function<void(const std::string& piece)>;
// The document scenario_to_json() gives, as JSON text, one council, peer or
// request at a time: memory O(the largest one), not O(the document).
void write_scenario_json(const Scenario& scenario, const TextSink& write);

// Validates a plan's shape against its scenario: known request and peer ids,
// real dates, whole-number costs.
Result<Plan> plan_from_json(const nlohmann::json& doc, const Scenario& scenario,
                            std::vector<std::string>* warnings = nullptr);
nlohmann::json plan_to_json(const Plan& plan);
// plan_to_json() as JSON text, one assignment or unscheduled request at a time.
void write_plan_json(const Plan& plan, const TextSink& write);
nlohmann::json cost_to_json(const Cost& cost);

}  // namespace peerslot
