#include "tools/scenario_files.h"

#include "engine/scenario_json.h"
#include "tools/file_io.h"

#include <iostream>

namespace peerslot {

namespace {

Result<nlohmann::json> load_json(const std::string& path) {
  auto text = read_file(path);
  if (!text.is_ok()) return text.status();
  auto doc = parse_json_text(text.value());
  if (!doc.is_ok()) return Status::invalid(path + ": " + doc.status().message());
  return doc;
}

void print_warnings(const std::string& path, const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::cerr << path << ": warning: " << w << "\n";
}

Status save_json(const std::string& path, const nlohmann::json& doc) {
  std::string text = doc.dump(1) + "\n";
  if (path == "-") {
    std::cout << text;
    return Status::ok();
  }
  return write_file_atomically(path, text);
}

}  // namespace

int report_bad_input(const Status& status) {
  std::cerr << "error: " << status.message() << "\n";
  return kExitBadInput;
}

Result<Scenario> load_scenario_file(const std::string& path) {
  auto doc = load_json(path);
  if (!doc.is_ok()) return doc.status();
  std::vector<std::string> warnings;
  auto scenario = scenario_from_json(doc.value(), &warnings);
  print_warnings(path, warnings);
  if (!scenario.is_ok()) return Status::invalid(path + ": " + scenario.status().message());
  return scenario;
}

Result<Plan> load_plan_file(const std::string& path, const Scenario& scenario) {
  auto doc = load_json(path);
  if (!doc.is_ok()) return doc.status();
  std::vector<std::string> warnings;
  auto plan = plan_from_json(doc.value(), scenario, &warnings);
  print_warnings(path, warnings);
  if (!plan.is_ok()) return Status::invalid(path + ": " + plan.status().message());
  return plan;
}

Status save_plan_file(const std::string& path, const Plan& plan) { return save_json(path, plan_to_json(plan)); }

Status save_scenario_file(const std::string& path, const Scenario& scenario) {
  return save_json(path, scenario_to_json(scenario));
}

std::string describe_cost(const Cost& c) {
  return "total " + std::to_string(c.total) + " (unscheduled " + std::to_string(c.unscheduled) + ", preference " +
         std::to_string(c.preference) + ", travel " + std::to_string(c.travel) + ", load " + std::to_string(c.load) +
         ", continuity " + std::to_string(c.continuity) + ")";
}

}  // namespace peerslot
