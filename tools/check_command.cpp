// `peerslot check SCENARIO PLAN`: verify every rule H1..H13 and the cost.
// Prints one line per violation (rule id first), then the recomputed cost.
// Exit 0 when feasible and the stated cost is right, 1 otherwise, 2 when
// either file cannot be read or is not a valid document.
#include "engine/checker.h"
#include "engine/scenario_json.h"
#include "tools/commands.h"
#include "tools/scenario_files.h"

#include <iostream>
#include <memory>

namespace peerslot {

namespace {

struct CheckOptions {
  std::string scenario_path;
  std::string plan_path;
};

int run_check(const CheckOptions& options) {
  auto scenario = load_scenario_file(options.scenario_path);
  if (!scenario.is_ok()) return report_bad_input(scenario.status());
  auto plan = load_plan_file(options.plan_path, scenario.value());
  if (!plan.is_ok()) return report_bad_input(plan.status());
  CheckReport report = check_plan(scenario.value(), plan.value());
  for (const Violation& v : report.violations) std::cout << v.line() << "\n";
  if (!report.cost_matches)
    std::cout << "COST stated " << describe_cost(plan.value().cost) << " but recomputed " << describe_cost(report.recomputed)
              << "\n";
  std::cout << "cost: " << describe_cost(report.recomputed) << "\n";
  std::cout << (report.ok() ? "feasible" : "INVALID") << ": " << report.violations.size() << " violation(s), "
            << plan.value().assignments.size() << " assigned, " << plan.value().unscheduled.size() << " unscheduled\n";
  return report.ok() ? kExitOk : kExitRuleBroken;
}

}  // namespace

void add_check_command(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Verify a plan against every rule (H1..H13) and recompute its cost");
  cmd->add_option("scenario", options->scenario_path, "Scenario JSON (peerslot-scenario/1 or /2)")->required();
  cmd->add_option("plan", options->plan_path, "Plan JSON (peerslot-plan/1 or /2)")->required();
  cmd->callback([options, exit_code] { *exit_code = run_check(*options); });
}

}  // namespace peerslot
