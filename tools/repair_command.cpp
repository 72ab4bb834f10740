// `peerslot repair SCENARIO PLAN (--withdraw PEER [--from DATE] |
//  --decline REQUEST:PEER | --cancel REQUEST | --block-week COUNCIL:MONDAY)
//  -o NEW_PLAN`:
// mend a plan after a change, moving as few other challenges as possible,
// and print what moved and why. The new plan is valid for the original
// scenario (and for the changed one). Exit 0 when nothing is left
// unscheduled that was scheduled before, 1 when something had to be
// dropped, 2 on bad input.
#include "engine/checker.h"
#include "engine/repair.h"
#include "tools/commands.h"
#include "tools/scenario_files.h"

#include <chrono>
#include <iostream>
#include <memory>

namespace peerslot {

namespace {

struct RepairCommandOptions {
  std::string scenario_path;
  std::string plan_path;
  std::string output = "-";
  std::string withdraw;
  std::string from;
  std::string decline;
  std::string cancel;
  std::string block_week;
};

Result<RepairChange> decline_of(const std::string& text) {
  auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return Status::invalid("--decline: expected REQUEST:PEER, got " + text);
  RepairChange change;
  change.kind = RepairChange::Kind::kDeclineChallenge;
  change.request = text.substr(0, colon);
  change.peer = text.substr(colon + 1);
  return change;
}

Result<RepairChange> change_of(const RepairCommandOptions& o) {
  RepairChange change;
  int given = !o.withdraw.empty() + !o.decline.empty() + !o.cancel.empty() + !o.block_week.empty();
  if (given != 1) return Status::invalid("give exactly one of --withdraw, --decline, --cancel, --block-week");
  if (!o.withdraw.empty()) {
    change.kind = RepairChange::Kind::kWithdrawPeer;
    change.peer = o.withdraw;
    if (!o.from.empty()) {
      change.from = parse_iso_date(o.from);
      if (!change.from) return Status::invalid("--from: " + o.from + " is not a date YYYY-MM-DD");
    }
  } else if (!o.decline.empty()) {
    return decline_of(o.decline);
  } else if (!o.cancel.empty()) {
    change.kind = RepairChange::Kind::kCancelRequest;
    change.request = o.cancel;
  } else {
    auto colon = o.block_week.rfind(':');
    auto monday = colon == std::string::npos ? std::nullopt : parse_iso_date(o.block_week.substr(colon + 1));
    if (!monday) return Status::invalid("--block-week: expected COUNCIL:YYYY-MM-DD, got " + o.block_week);
    change.kind = RepairChange::Kind::kBlockWeek;
    change.council = o.block_week.substr(0, colon);
    change.monday = *monday;
  }
  return change;
}

std::string week_text(const std::optional<Date>& week) { return week ? to_iso(*week) : "unscheduled"; }

int run_repair(const RepairCommandOptions& o) {
  auto scenario = load_scenario_file(o.scenario_path);
  if (!scenario.is_ok()) return std::cerr << "error: " << scenario.status().message() << "\n", kExitBadInput;
  auto plan = load_plan_file(o.plan_path, scenario.value());
  if (!plan.is_ok()) return std::cerr << "error: " << plan.status().message() << "\n", kExitBadInput;
  auto change = change_of(o);
  if (!change.is_ok()) return std::cerr << "error: " << change.status().message() << "\n", kExitBadInput;
  auto start = std::chrono::steady_clock::now();
  auto result = repair(scenario.value(), plan.value(), change.value());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result.is_ok()) return std::cerr << "error: " << result.status().message() << "\n", kExitBadInput;
  const RepairResult& r = result.value();
  int dropped = 0;
  for (const RepairMove& m : r.moves) {
    std::cerr << m.request << ": " << week_text(m.old_week) << " -> " << week_text(m.new_week);
    if (m.new_week) {
      std::cerr << " team";
      for (const std::string& p : m.new_peers) std::cerr << " " << p;
    }
    std::cerr << " (" << m.why << ")\n";
    if (m.old_week && !m.new_week && m.why != "cancelled by the council") ++dropped;
  }
  std::cerr << r.broken << " assignment(s) broken by the change, " << r.others_moved << " other(s) moved, " << dropped
            << " dropped; new cost " << r.plan.cost.total << " (was " << plan.value().cost.total << "); " << seconds << " s\n";
  Status saved = save_plan_file(o.output, r.plan);
  if (!saved.is_ok()) return std::cerr << "error: " << saved.message() << "\n", kExitBadInput;
  // A request left unscheduled is an answer, not a broken rule (its reason
  // is in the plan); exit 1 only if the repaired plan broke a rule.
  std::vector<Violation> broken = find_violations(r.changed, r.plan);
  for (const Violation& v : broken) std::cerr << v.line() << "\n";
  return broken.empty() ? kExitOk : kExitRuleBroken;
}

}  // namespace

void add_repair_command(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<RepairCommandOptions>();
  CLI::App* cmd = app.add_subcommand("repair", "Mend a plan after a withdrawal, decline, cancellation or blocked week");
  cmd->add_option("scenario", o->scenario_path, "Scenario JSON (peerslot-scenario/1 or /2)")->required();
  cmd->add_option("plan", o->plan_path, "Current plan JSON")->required();
  cmd->add_option("-o,--output", o->output, "New plan JSON (default \"-\": stdout)");
  cmd->add_option("--withdraw", o->withdraw, "Peer id that withdraws");
  cmd->add_option("--from", o->from, "First day the peer is away (default: the whole window)");
  cmd->add_option("--decline", o->decline, "REQUEST:PEER, a peer that declines that one challenge");
  cmd->add_option("--cancel", o->cancel, "Request id the council cancels");
  cmd->add_option("--block-week", o->block_week, "COUNCIL:MONDAY, a week that becomes unavailable to the council");
  cmd->callback([o, exit_code] { *exit_code = run_repair(*o); });
}

}  // namespace peerslot
