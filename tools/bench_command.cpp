// `peerslot bench [--seconds S] [--parts national,small,tight,notices,x3,x10,x30]
//  [--small N] [--small-seconds S] [--tight-cap N]`:
// the scheduler's figures, computed by calling the engine directly.
//   - national (generate --scale 1) and x10: model build time, time to the
//     first feasible plan, best cost after 1 s, 10 s and S s of search, peak
//     RSS (getrusage ru_maxrss, so the x10 figure includes everything before);
//     next to each cost, its gap to the engine's own lower bound
//     (engine/lower_bound.h; stopped after 60 s, then flagged weaker), and
//     for the final plan also the gap without
//     the unscheduled penalty when plan and bound leave the same priority
//     unscheduled;
//   - booking options latency p50/p99/max over every request of the
//     national plan (prebuilt BookingOptions, as the service would hold);
//   - repair time for withdrawing each of the 5 busiest peers from
//     2012-10-01 (including building the changed model);
//   - tight: the national programme with a weekly cap of N (default 3),
//     seeds 1..5 at min(S, 10) s, against the bound's preference and
//     unscheduled count;
//   - notices: the mail of one change against the whole-plan check
//     (bench_notices.h), on the national plan;
//   - x3, x30 on request, like x10;
//   - N small scenarios (5 requests, ~40 peers, 13 weeks) solved exactly by
//     GLPK (glpsol, from glpk-utils) on the MILP of tools/exact_lp.h, and
//     by the solver with a small time limit: the gap; and the lower bound
//     against both; and N version 2 ones (three corporate challenges, each
//     with its progress review 36..40 weeks later).
// Results are printed as Markdown for docs/benchmarks.md.
#include "engine/booking_options.h"
#include "engine/checker.h"
#include "engine/lower_bound.h"
#include "engine/repair.h"
#include "engine/solver.h"
#include "tools/bench_notices.h"
#include "tools/commands.h"
#include "tools/exact_lp.h"
#include "tools/file_io.h"
#include "tools/generator.h"
#include "tools/reference_data.h"
#include "tools/scenario_files.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

namespace peerslot {

namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
  double seconds = 60;
  int small = 5;
  double small_seconds = 2;
  std::string work_dir = "/tmp";
  std::string parts = "national,small,tight,x10";
  int tight_cap = 3;
  bool has(const std::string& part) const { return parts.find(part) != std::string::npos; }
  // `part` as a whole item of the list ("x3" is not in "x30").
  bool has_exactly(const std::string& part) const { return ("," + parts + ",").find("," + part + ",") != std::string::npos; }
};

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

struct RunFigures {
  double build_seconds = 0, first_seconds = 0;
  std::int64_t first_cost = 0;
  std::vector<std::pair<double, std::int64_t>> samples;  // (elapsed, best)
  SolveResult result;
  LowerBound bound;
  double bound_seconds = 0;
  std::int64_t cost_at(double t) const {
    std::int64_t best = first_cost;
    for (const auto& [elapsed, cost] : samples)
      if (elapsed <= t + 0.3) best = std::min(best, cost);
    return best;
  }
};

// The lower bound, stopped after `budget` seconds if not done (then valid
// but weaker, flagged incomplete): at x30 its capacity coupling can take
// far longer than the benchmark.
LowerBound bound_within(const Problem& problem, double budget) {
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable done;
  bool finished = false;
  std::thread watcher([&] {
    std::unique_lock<std::mutex> lock(mutex);
    if (!done.wait_for(lock, std::chrono::duration<double>(budget), [&] { return finished; })) stop = true;
  });
  LowerBound bound = lower_bound(problem, {&stop});
  {
    std::lock_guard<std::mutex> lock(mutex);
    finished = true;
  }
  done.notify_one();
  watcher.join();
  return bound;
}

constexpr double kBoundBudgetSeconds = 60;

RunFigures run_solver(const Scenario& s, double seconds) {
  RunFigures f;
  Clock::time_point start = Clock::now();
  Problem problem(s);
  f.build_seconds = since(start);
  SolveOptions options;
  options.time_limit_seconds = seconds;
  options.progress = [&](const SolveProgress& p) {
    if (!p.constructing) f.samples.push_back({p.elapsed_seconds, p.best_cost});
  };
  f.result = solve(problem, options);
  f.first_seconds = f.build_seconds + f.result.first_feasible_seconds;
  f.first_cost = f.result.first_feasible_cost;
  f.samples.push_back({seconds, f.result.plan.cost.total});
  Clock::time_point bound_start = Clock::now();
  f.bound = bound_within(problem, kBoundBudgetSeconds);
  f.bound_seconds = since(bound_start);
  return f;
}

// (cost - bound) / bound as a percentage, e.g. "+0.79%".
std::string gap_percent(std::int64_t cost, std::int64_t bound) {
  if (bound <= 0) return "n/a (bound 0)";
  char text[32];
  std::snprintf(text, sizeof text, "%+.2f%%", 100.0 * static_cast<double>(cost - bound) / static_cast<double>(bound));
  return text;
}

// A cost with its gap to the bound: "2307885 (gap +0.79%)".
std::string with_gap(std::int64_t cost, const LowerBound& bound) {
  return std::to_string(cost) + " (gap " + gap_percent(cost, bound.cost.total) + ")";
}

// The gap of the cost without its unscheduled term to the bound without
// its own: a valid comparison only when both terms are equal.
std::string gap_without_unscheduled(const Cost& cost, int plan_unscheduled, const LowerBound& bound) {
  if (cost.unscheduled != bound.cost.unscheduled)
    return "n/a: the plan leaves " + std::to_string(plan_unscheduled) + " unscheduled (penalty " +
           std::to_string(cost.unscheduled) + "), the bound " + std::to_string(bound.unscheduled) + " (penalty " +
           std::to_string(bound.cost.unscheduled) + ")";
  std::int64_t rest = cost.total - cost.unscheduled, bound_rest = bound.cost.total - bound.cost.unscheduled;
  return std::to_string(rest) + " vs " + std::to_string(bound_rest) + ": " + gap_percent(rest, bound_rest);
}

std::string terms(const Cost& c) {
  return "unscheduled " + std::to_string(c.unscheduled) + ", preference " + std::to_string(c.preference) + ", travel " +
         std::to_string(c.travel) + ", load " + std::to_string(c.load);
}

void print_bound(const RunFigures& f) {
  const LowerBound& b = f.bound;
  std::printf("| lower bound (own relaxation, %.2f s%s) | %lld: %s; %d unscheduled (%d with no team even alone) |\n",
              f.bound_seconds, b.complete ? "" : ", STOPPED: weaker", static_cast<long long>(b.cost.total),
              terms(b.cost).c_str(), b.unscheduled, b.unschedulable);
  const Plan& plan = f.result.plan;
  std::printf("| final vs bound, without the unscheduled penalty | %s |\n",
              gap_without_unscheduled(plan.cost, static_cast<int>(plan.unscheduled.size()), b).c_str());
}

void print_run(const std::string& name, const Scenario& s, const RunFigures& f, double seconds) {
  CheckReport report = check_plan(s, f.result.plan);
  std::printf("### %s: %zu councils, %zu peers, %zu requests\n\n", name.c_str(), s.councils.size(), s.peers.size(),
              s.requests.size());
  std::printf("| figure | value |\n|---|---|\n");
  std::printf("| model build | %.2f s |\n| first feasible plan (build + construction) | %.2f s, cost %s |\n",
              f.build_seconds, f.first_seconds, with_gap(f.first_cost, f.bound).c_str());
  double shown = -1;
  for (double t : {1.0, 10.0, seconds})
    if (t <= seconds && t != shown) {
      std::printf("| best cost after %.0f s of search | %s |\n", t, with_gap(f.cost_at(t), f.bound).c_str());
      shown = t;
    }
  std::int64_t final_cost = f.result.plan.cost.total;
  std::printf("| final | %s: %s; %zu unscheduled, checker: %s, %lld iterations |\n", with_gap(final_cost, f.bound).c_str(),
              terms(f.result.plan.cost).c_str(), f.result.plan.unscheduled.size(), report.ok() ? "feasible" : "INVALID",
              static_cast<long long>(f.result.iterations));
  print_bound(f);
  if (seconds >= 10)
    std::printf("| cost at 10 s vs final | +%.3f%% |\n", 100.0 * (f.cost_at(10) - final_cost) / std::max<std::int64_t>(1, final_cost));
  std::printf("| peak RSS so far | %.0f MiB |\n\n", peak_rss_mib());
  std::fflush(stdout);
}

void bench_options(const Scenario& s, const Plan& plan) {
  Problem problem(s);
  BookingOptions booking(problem);
  if (!booking.load_plan(plan).is_ok()) return;
  std::vector<double> ms;
  for (const Request& r : s.requests) {
    Clock::time_point start = Clock::now();
    auto answer = booking.options(r.id, 5);
    ms.push_back(since(start) * 1000);
    if (!answer.is_ok()) std::printf("options failed for %s\n", r.id.c_str());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  std::printf("### Booking options (national plan, k = 5, every request)\n\n");
  std::printf("| p50 | p99 | max |\n|---|---|---|\n| %.2f ms | %.2f ms | %.2f ms |\n\n", pct(0.5), pct(0.99), ms.back());
}

void bench_repair(const Scenario& s, const Plan& plan) {
  std::map<std::string, int> load;
  for (const Assignment& a : plan.assignments)
    for (const std::string& p : a.peers) ++load[p];
  std::vector<std::pair<int, std::string>> busiest;
  for (const auto& [id, n] : load) busiest.push_back({-n, id});
  std::sort(busiest.begin(), busiest.end());
  std::printf("### Repair: withdraw a peer from 2012-10-01 (national plan)\n\n| peer | broken | others moved | time | checker |\n|---|---|---|---|---|\n");
  for (std::size_t i = 0; i < busiest.size() && i < 5; ++i) {
    RepairChange change;
    change.peer = busiest[i].second;
    change.from = Date(2012, 10, 1);
    Clock::time_point start = Clock::now();
    auto result = repair(s, plan, change);
    double seconds = since(start);
    if (!result.is_ok()) continue;
    std::printf("| %s | %d | %d | %.3f s | %s |\n", change.peer.c_str(), result.value().broken, result.value().others_moved,
                seconds, check_plan(s, result.value().plan).ok() ? "feasible" : "INVALID");
  }
  std::printf("\n");
}

// Peers for a small scenario: 36 drawn at random, plus two member peers of
// every party that controls one of its councils at some time, and two
// managers when a team has a manager's seat.
void add_small_peers(Scenario& s, const Scenario& national, std::mt19937_64& rng) {
  std::vector<int> order(national.peers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::shuffle(order.begin(), order.end(), rng);
  std::set<std::string> parties;
  for (const Council& c : s.councils) {
    parties.insert(c.control);
    for (const ControlChange& change : c.control_changes) parties.insert(change.control);
  }
  bool managers = std::any_of(s.requests.begin(), s.requests.end(),
                              [](const Request& r) { return r.team[static_cast<int>(Role::kManager)] > 0; });
  std::map<std::string, int> party_members;
  int manager_count = 0;
  for (int i : order) {
    const Peer& p = national.peers[i];
    bool wanted = s.peers.size() < 36;
    if (p.role == Role::kMember && parties.count(p.party) && party_members[p.party] < 2) wanted = true;
    if (p.role == Role::kManager && managers && manager_count < 2) wanted = true;
    if (!wanted) continue;
    if (p.role == Role::kMember) ++party_members[p.party];
    if (p.role == Role::kManager) ++manager_count;
    s.peers.push_back(p);
    s.peers.back().conflicts.clear();
  }
}

Scenario small_frame(const Scenario& national, DateRange window) {
  Scenario s;
  s.window = window;
  s.bank_holidays = national.bank_holidays;
  s.max_challenges_per_week = 2;
  s.weights = national.weights;
  return s;
}

void keep_councils(Scenario& s, const Scenario& national) {
  std::set<std::string> councils;
  for (const Request& r : s.requests) councils.insert(r.council);
  for (const Council& c : national.councils)
    if (councils.count(c.id)) s.councils.push_back(c);
}

Request small_request(Request r, DateRange span, std::mt19937_64& rng) {
  r.earliest = span.start;
  r.latest = span.end;
  r.pinned.reset();
  r.follows.reset();
  Date from = span.start + boost::gregorian::days(static_cast<long>(rng() % std::max<long>(1, (span.end - span.start).days() - 20)));
  r.preferred = {{from, from + boost::gregorian::days(13)}};
  return r;
}

// Five of the national scenario's requests (no follow-ups) at five councils,
// in three months.
Scenario small_scenario(const Scenario& national, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Scenario s = small_frame(national, {Date(2012, 9, 3), Date(2012, 11, 30)});
  std::set<std::string> councils;
  while (s.requests.size() < 5) {
    const Request& r = national.requests[rng() % national.requests.size()];
    if (r.kind == "review" || !councils.insert(r.council).second) continue;
    s.requests.push_back(small_request(r, s.window, rng));
  }
  keep_councils(s, national);
  add_small_peers(s, national, rng);
  s.reindex();
  return s;
}

// Version 2: three corporate challenges in April..June 2012, each followed
// by its progress review 36..40 weeks later (H13, continuity).
Scenario small_v2_scenario(const Scenario& national, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Scenario s = small_frame(national, {Date(2012, 4, 2), Date(2013, 3, 29)});
  std::set<std::string> councils;
  while (s.requests.size() < 6) {
    const Request& review = national.requests[rng() % national.requests.size()];
    if (!review.follows || !councils.insert(review.council).second) continue;
    const Request& corporate = *national.find_request(review.follows->request);
    s.requests.push_back(small_request(corporate, {Date(2012, 4, 2), Date(2012, 6, 29)}, rng));
    Request follow_up = review;
    follow_up.preferred.clear();
    follow_up.follows = Follows{corporate.id, 36, 40};
    s.requests.push_back(follow_up);
  }
  keep_councils(s, national);
  add_small_peers(s, national, rng);
  s.reindex();
  return s;
}

// Runs glpsol on the model; the optimal plan cost, or -1.
std::int64_t solve_exactly(const Problem& problem, const std::string& dir, int index, double* seconds) {
  ExactModel model = exact_model(problem);
  std::string lp = dir + "/peerslot_small_" + std::to_string(index) + ".lp";
  std::string out = dir + "/peerslot_small_" + std::to_string(index) + ".out";
  if (!write_file_atomically(lp, model.lp_text).is_ok()) return -1;
  Clock::time_point start = Clock::now();
  std::string command = "glpsol --lp " + lp + " --cuts --tmlim 120 -o " + out + " > " + out + ".log 2>&1";
  int status = std::system(command.c_str());
  *seconds = since(start);
  if (status != 0) return -1;
  auto text = read_file(out);
  if (!text.is_ok() || text.value().find("INTEGER OPTIMAL") == std::string::npos) return -1;
  auto at = text.value().find("obj = ");
  if (at == std::string::npos) return -1;
  double objective = std::atof(text.value().c_str() + at + 6);
  return static_cast<std::int64_t>(objective + (objective < 0 ? -0.5 : 0.5)) + model.constant;
}

void bench_small_one(const std::string& name, const Scenario& s, int index, const BenchOptions& o) {
  Status saved = save_scenario_file(o.work_dir + "/peerslot_" + name + ".json", s);
  if (!saved.is_ok()) std::fprintf(stderr, "could not keep %s: %s\n", name.c_str(), saved.message().c_str());
  Problem problem(s);
  double glpk_seconds = 0;
  std::int64_t exact = solve_exactly(problem, o.work_dir, index, &glpk_seconds);
  SolveOptions options;
  options.time_limit_seconds = o.small_seconds;
  SolveResult result = solve(problem, options);
  LowerBound bound = lower_bound(problem);
  std::int64_t cost = result.plan.cost.total;
  std::int64_t unscheduled_exact = exact < 0 ? -1 : exact / s.weights.unscheduled;
  std::int64_t unscheduled_solver = result.plan.cost.unscheduled / s.weights.unscheduled;
  std::printf("| %s | %zu | %lld | %.1f s | %lld | %lld / %lld | %s | %lld | %s | %s |\n", name.c_str(), s.peers.size(),
              static_cast<long long>(exact), glpk_seconds, static_cast<long long>(cost),
              static_cast<long long>(unscheduled_exact), static_cast<long long>(unscheduled_solver),
              exact < 0 ? "n/a (glpsol failed)" : gap_percent(cost, exact).c_str(),
              static_cast<long long>(bound.cost.total), exact < 0 ? "n/a" : gap_percent(exact, bound.cost.total).c_str(),
              gap_percent(cost, bound.cost.total).c_str());
  std::fflush(stdout);
}

void bench_small(const Scenario& national, const BenchOptions& o) {
  std::printf("### Small scenarios: solver (%.0f s) against the exact optimum (GLPK)\n\n", o.small_seconds);
  std::printf("| scenario | peers | exact optimum | glpsol time | solver cost | unscheduled priority (exact / solver) | gap "
              "| lower bound | optimum vs bound | solver vs bound |\n|---|---|---|---|---|---|---|---|---|---|\n");
  for (int i = 1; i <= o.small; ++i)
    bench_small_one("small-" + std::to_string(i), small_scenario(national, static_cast<std::uint64_t>(i)), i, o);
  for (int i = 1; i <= o.small; ++i)
    bench_small_one("small-v2-" + std::to_string(i), small_v2_scenario(national, static_cast<std::uint64_t>(i)), 100 + i, o);
  std::printf("\n");
}

// The national programme with a weekly cap of `cap`: seeds 1..5 at
// `seconds` each, against the bound's preference term and unscheduled count.
void bench_tight(const Scenario& national, int cap, double seconds) {
  Scenario s = national;
  s.max_challenges_per_week = cap;
  Problem problem(s);
  LowerBound bound = lower_bound(problem);
  std::int64_t penalty = std::max<std::int64_t>(1, s.weights.unscheduled);
  std::printf("### Tight weekly cap: the national programme with at most %d challenges a week, %.0f s per seed\n\n", cap, seconds);
  std::printf("| seed | unscheduled (priority) | preference | total | vs bound | checker |\n|---|---|---|---|---|---|\n");
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    SolveOptions options;
    options.time_limit_seconds = seconds;
    options.seed = seed;
    SolveResult result = solve(problem, options);
    const Cost& c = result.plan.cost;
    std::printf("| %llu | %zu (%lld) | %lld | %lld | %s | %s |\n", static_cast<unsigned long long>(seed), result.plan.unscheduled.size(),
                static_cast<long long>(c.unscheduled / penalty), static_cast<long long>(c.preference), static_cast<long long>(c.total),
                gap_percent(c.total, bound.cost.total).c_str(), check_plan(s, result.plan).ok() ? "feasible" : "INVALID");
    std::fflush(stdout);
  }
  std::printf("| bound | %d (%lld) | %lld | %lld | | |\n\n", bound.unscheduled, static_cast<long long>(bound.cost.unscheduled / penalty),
              static_cast<long long>(bound.cost.preference), static_cast<long long>(bound.cost.total));
}

int run_bench(const BenchOptions& o) {
  auto data = load_reference_data(default_data_dir());
  if (!data.is_ok()) return report_bad_input(data.status());
  Scenario national = generate_scenario(data.value(), {1, 1});
  if (o.has("national")) {
    RunFigures nat = run_solver(national, o.seconds);
    print_run("National (generate --scale 1 --seed 1)", national, nat, o.seconds);
    bench_options(national, nat.result.plan);
    bench_repair(national, nat.result.plan);
    std::printf("peak RSS after the national runs: %.0f MiB\n\n", peak_rss_mib());
    if (o.has("notices")) bench_notices(national, nat.result.plan);
  } else if (o.has("notices")) {
    bench_notices(national, run_solver(national, o.seconds).result.plan);
  }
  if (o.has("small") && o.small > 0) bench_small(national, o);
  if (o.has("tight")) bench_tight(national, o.tight_cap, std::min(o.seconds, 10.0));
  for (int scale : {3, 10, 30}) {
    std::string part = "x" + std::to_string(scale);
    if (!o.has_exactly(part)) continue;
    Scenario big = generate_scenario(data.value(), {scale, 1});
    RunFigures figures = run_solver(big, o.seconds);
    print_run(part + " (generate --scale " + std::to_string(scale) + " --seed 1)", big, figures, o.seconds);
  }
  return kExitOk;
}

}  // namespace

void add_bench_command(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure the scheduler: speed, quality, memory, options and repair latency");
  cmd->add_option("--seconds", o->seconds, "Search time for the national and x10 runs (default 60)");
  cmd->add_option("--parts", o->parts, "Comma-separated parts to run: national,small,tight,notices,x3,x10,x30 (default national,small,tight,x10)");
  cmd->add_option("--tight-cap", o->tight_cap, "Weekly cap of the tight part (default 3)");
  cmd->add_option("--small", o->small, "How many small scenarios to solve exactly with glpsol (default 5, 0 to skip)");
  cmd->add_option("--small-seconds", o->small_seconds, "Solver time limit on the small scenarios (default 2)");
  cmd->add_option("--work-dir", o->work_dir, "Where to write the LP files (default /tmp)");
  cmd->callback([o, exit_code] { *exit_code = run_bench(*o); });
}

}  // namespace peerslot
