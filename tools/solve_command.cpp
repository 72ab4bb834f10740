// `peerslot solve SCENARIO -o PLAN [--time-limit S] [--iterations N]
//  [--seed N] [--threads T]`: plan a programme.
// Prints a progress line to stderr about four times a second; Ctrl-C stops
// the search and writes the best plan found so far. Exit 0 when every pin
// was kept, 1 when some pin could not be kept (the plan is still written,
// with the reason, so the officer can see what to change), 2 on bad input.
#include "engine/solver.h"
#include "tools/commands.h"
#include "tools/scenario_files.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>

namespace peerslot {

namespace {

std::atomic<bool> g_stop{false};  // set by SIGINT; read by the solver

extern "C" void on_interrupt(int) { g_stop.store(true); }

struct SolveCommandOptions {
  std::string scenario_path;
  std::string plan_path;
  double time_limit = 10;
  std::int64_t iterations = -1;
  std::uint64_t seed = 1;
  int threads = 1;
  bool quiet = false;
};

void print_progress(const SolveProgress& p) {
  std::fprintf(stderr, "%s %7.2fs  best cost %lld  unscheduled %d  iterations %lld\n",
               p.constructing ? "[construct]" : "[search]   ", p.elapsed_seconds, static_cast<long long>(p.best_cost),
               p.unscheduled, static_cast<long long>(p.iterations));
}

int run_solve(const SolveCommandOptions& o) {
  auto scenario = load_scenario_file(o.scenario_path);
  if (!scenario.is_ok()) return report_bad_input(scenario.status());
  SolveOptions options;
  options.time_limit_seconds = o.time_limit;
  options.iterations = o.iterations;
  options.seed = o.seed;
  options.threads = o.threads;
  options.stop = &g_stop;
  if (!o.quiet) options.progress = print_progress;
  g_stop.store(false);
  auto previous = std::signal(SIGINT, on_interrupt);
  if (!o.quiet) std::fprintf(stderr, "[model]     building the model of %zu requests, %zu peers\n", scenario.value().requests.size(),
                             scenario.value().peers.size());
  Problem problem(scenario.value());
  SolveResult result = solve(problem, options);
  std::signal(SIGINT, previous);
  Status saved = save_plan_file(o.plan_path, result.plan);
  if (!saved.is_ok()) return report_bad_input(saved);
  const Cost& c = result.plan.cost;
  std::fprintf(stderr, "done: cost %s, %zu assigned, %zu unscheduled, first feasible after %.3fs\n", describe_cost(c).c_str(),
               result.plan.assignments.size(), result.plan.unscheduled.size(), result.first_feasible_seconds);
  for (const std::string& id : result.broken_pins)
    std::fprintf(stderr, "error: the pin of %s cannot be kept; see its reason in the plan's unscheduled list (H12)\n", id.c_str());
  return result.broken_pins.empty() ? kExitOk : kExitRuleBroken;
}

}  // namespace

void add_solve_command(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<SolveCommandOptions>();
  CLI::App* cmd = app.add_subcommand("solve", "Plan a programme: place every challenge it can, as cheaply as it can");
  cmd->add_option("scenario", o->scenario_path, "Scenario JSON (peerslot-scenario/1 or /2)")->required();
  cmd->add_option("-o,--output", o->plan_path, "Plan JSON to write (\"-\" for stdout)")->required();
  cmd->add_option("--time-limit", o->time_limit,
                  "Stop the search this many seconds after solving starts (once the model is built); building the "
                  "first plan counts and always completes; ignored with --iterations (default 10)");
  cmd->add_option("--iterations", o->iterations,
                  "Stop after this many search iterations per thread instead of a time limit (reproducible)");
  cmd->add_option("--seed", o->seed, "Random seed (default 1)");
  cmd->add_option("--threads", o->threads, "Independent searches in parallel (default 1)");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress lines");
  cmd->callback([o, exit_code] { *exit_code = run_solve(*o); });
}

}  // namespace peerslot
