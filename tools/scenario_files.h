// scenario_files.h — loading and saving scenario and plan documents for the
// command line, with warnings printed to stderr and errors naming the file.
#pragma once

#include "engine/scenario.h"
#include "engine/status.h"

#include <string>

namespace peerslot {

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitRuleBroken = 1;  // e.g. check found a violation
constexpr int kExitBadInput = 2;    // unreadable or invalid input

// Prints "error: MESSAGE" to stderr and returns kExitBadInput.
int report_bad_input(const Status& status);

Result<Scenario> load_scenario_file(const std::string& path);
Result<Plan> load_plan_file(const std::string& path, const Scenario& scenario);
// Writes the plan (pretty JSON) atomically; "-" writes to stdout.
Status save_plan_file(const std::string& path, const Plan& plan);
Status save_scenario_file(const std::string& path, const Scenario& scenario);

// "total 12 (unscheduled 0, preference 0, travel 2, load 10, continuity 0)"
std::string describe_cost(const Cost& cost);

}  // namespace peerslot
