// `peerslot options SCENARIO --request R [--plan PLAN] [-k 5] [--json]`:
// the k best weeks in which request R can be booked with the plan held fixed
// (each with a concrete team and its cost change), then every blocked week
// with its reason. Without --plan the programme is taken as empty.
// Exit 0 on an answer (even with no option), 2 on bad input.
#include "engine/booking_options.h"
#include "tools/commands.h"
#include "tools/scenario_files.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace peerslot {

namespace {

struct OptionsCommandOptions {
  std::string scenario_path;
  std::string plan_path;
  std::string request;
  int k = 5;
  bool json = false;
};

nlohmann::json to_json(const BookingAnswer& answer) {
  nlohmann::json doc;
  doc["request"] = answer.request;
  doc["current_week"] = answer.current_week ? nlohmann::json(to_iso(*answer.current_week)) : nlohmann::json(nullptr);
  doc["options"] = nlohmann::json::array();
  for (const BookingOption& o : answer.options)
    doc["options"].push_back({{"week", to_iso(o.week)}, {"delta", o.delta}, {"preference", o.preference}, {"peers", o.peers}});
  doc["blocked"] = nlohmann::json::array();
  for (const BlockedWeek& b : answer.blocked) doc["blocked"].push_back({{"week", to_iso(b.week)},
                              {"reason", b.reason.text},
                              {"detail", b.reason.detail},
                              {"code", b.reason.code},
                              {"rule", b.reason.rule}});
  return doc;
}

void print_text(const BookingAnswer& answer) {
  std::cout << answer.request << ": "
            << (answer.current_week ? "currently in the week of " + to_iso(*answer.current_week) : std::string("currently unscheduled"))
            << "\n";
  std::cout << (answer.options.empty() ? "no week is possible without moving other challenges\n" : "options, best first:\n");
  int n = 0;
  for (const BookingOption& o : answer.options) {
    std::cout << "  " << ++n << ". week of " << to_iso(o.week) << "  cost change " << o.delta << "  team";
    for (const std::string& p : o.peers) std::cout << " " << p;
    std::cout << "\n";
  }
  if (!answer.blocked.empty()) std::cout << "blocked weeks:\n";
  for (const BlockedWeek& b : answer.blocked) std::cout << "  " << to_iso(b.week) << "  " << b.reason.with_rule() << "\n";
}

int run_options(const OptionsCommandOptions& o) {
  auto scenario = load_scenario_file(o.scenario_path);
  if (!scenario.is_ok()) return report_bad_input(scenario.status());
  Problem problem(scenario.value());
  BookingOptions booking(problem);
  if (!o.plan_path.empty()) {
    auto plan = load_plan_file(o.plan_path, scenario.value());
    Status loaded = plan.is_ok() ? booking.load_plan(plan.value()) : plan.status();
    if (!loaded.is_ok()) return report_bad_input(loaded);
  }
  auto answer = booking.options(o.request, o.k);
  if (!answer.is_ok()) return report_bad_input(answer.status());
  if (o.json) std::cout << to_json(answer.value()).dump(1) << "\n";
  else print_text(answer.value());
  return kExitOk;
}

}  // namespace

void add_options_command(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<OptionsCommandOptions>();
  CLI::App* cmd = app.add_subcommand("options", "The best weeks to book one request into, with the plan held fixed");
  cmd->add_option("scenario", o->scenario_path, "Scenario JSON (peerslot-scenario/1 or /2)")->required();
  cmd->add_option("--request", o->request, "Request id")->required();
  cmd->add_option("--plan", o->plan_path, "Current plan JSON (default: nothing booked)");
  cmd->add_option("-k", o->k, "How many options (default 5)");
  cmd->add_flag("--json", o->json, "Answer as JSON");
  cmd->callback([o, exit_code] { *exit_code = run_options(*o); });
}

}  // namespace peerslot
