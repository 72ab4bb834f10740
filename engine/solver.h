// solver.h — plan a whole programme: place as many challenges as possible,
// as cheaply as possible, never breaking a rule.
//
// solve() builds a first feasible plan greedily (pinned requests first, then
// the most constrained and highest-priority ones; this always runs to the
// end), then improves it by local search with late acceptance and returns
// the best plan seen. The search stops at the stop flag or, with an
// iteration limit, after that many iterations per thread (the time limit is
// then not looked at); without one, once time_limit_seconds have passed
// since solve() began, the first plan's construction included.
//
// Guarantees:
//   - the plan keeps H1..H11 and H13, and its `cost` equals compute_cost();
//   - pinned requests are placed in their pinned week with their pinned
//     peers; a pin that cannot be honoured (the week is unusable, a pinned
//     peer is not eligible/available/free, or no team completes it) is left
//     unscheduled with the reason and listed in `broken_pins` — the plan then
//     breaks H12 for it, and callers must report that (the CLI exits 1);
//   - every unscheduled request has at least one actionable reason
//     (engine/internal/explainer.h);
//   - deterministic for (scenario, seed, threads, iterations) when stopped by
//     the iteration limit; a time limit or the stop flag stops at a
//     machine-dependent point.
// Thread-safety: solve() is reentrant; with threads > 1 it runs independent
// searches (seeds seed..seed+threads-1) and keeps the best.
#pragma once

#include "engine/problem.h"
#include "engine/scenario.h"
#include "engine/status.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace peerslot {

struct SolveProgress {
  double elapsed_seconds = 0;
  std::int64_t best_cost = 0;
  int unscheduled = 0;
  std::int64_t iterations = 0;
  bool constructing = false;  // still building the first plan
};

struct SolveOptions {
  double time_limit_seconds = 10;  // since solve() began; only when iterations is -1
  std::int64_t iterations = -1;    // per thread; -1 to stop at the time limit instead
  std::uint64_t seed = 1;
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;  // set (e.g. by SIGINT) to stop early
  std::function<void(const SolveProgress&)> progress;  // about 4 times a second
  double progress_interval_seconds = 0.25;
};

struct SolveResult {
  Plan plan;
  std::vector<std::string> broken_pins;  // request ids whose pin could not be kept
  double first_feasible_seconds = 0;
  std::int64_t first_feasible_cost = 0;
  std::int64_t iterations = 0;  // summed over threads
};

SolveResult solve(const Problem& problem, const SolveOptions& options);
Result<SolveResult> solve(const Scenario& scenario, const SolveOptions& options);

}  // namespace peerslot
