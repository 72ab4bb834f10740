// jobs.cpp — one worker thread per solve; the solver reports progress about
// four times a second into the job's JSON, which GET /jobs/{id} reads.
#include "service/jobs.h"

#include "engine/solver.h"
#include "service/office_operations.h"

#include <cstdio>

namespace peerslot::service {

namespace {

// The scenario with every booking pinned, so the solver keeps them.
Scenario pinned_to_bookings(const State& state) {
  Scenario scenario = *state.scenario;
  for (const Assignment& a : state.plan.assignments)
    scenario.requests[scenario.request_index.at(a.request)].pinned = Pin{a.week, a.peers};
  return scenario;
}

}  // namespace

Jobs::~Jobs() {
  stop_ = true;
  if (worker_.joinable()) worker_.join();
}

Result<int> Jobs::start_solve(double seconds, const std::string& actor) {
  std::lock_guard lock(mutex_);
  if (running_) return Status::conflict("solve", "a solve job is already running");
  if (worker_.joinable()) worker_.join();
  int id = next_id_++;
  jobs_[id] = {{"id", id}, {"state", "running"}, {"progress", nlohmann::json::object()}, {"result", nullptr}};
  running_ = true;
  worker_ = std::thread(&Jobs::run, this, id, seconds, actor, service_.state());
  return id;
}

std::optional<nlohmann::json> Jobs::status(int id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  return it == jobs_.end() ? std::nullopt : std::optional<nlohmann::json>(it->second);
}

void Jobs::update(int id, const nlohmann::json& fields) {
  std::lock_guard lock(mutex_);
  jobs_[id].update(fields);
  if (fields.contains("state") && fields["state"] != "running") running_ = false;
}

void Jobs::run(int id, double seconds, std::string actor, StatePtr start) {
  try {
    solve_and_apply(id, seconds, actor, *start);
  } catch (const std::exception& e) {  // the job fails; the service lives on
    std::fprintf(stderr, "solve job %d failed: %s\n", id, e.what());
    update(id, {{"state", "failed"}, {"error", "the solve met an unexpected error; nothing was changed"}});
  }
}

void Jobs::solve_and_apply(int id, double seconds, const std::string& actor, const State& start) {
  SolveOptions options;
  options.time_limit_seconds = seconds;
  options.stop = &stop_;
  options.progress = [&](const SolveProgress& p) {
    update(id, {{"progress", {{"elapsed_seconds", p.elapsed_seconds}, {"best_cost", p.best_cost},
                              {"unscheduled", p.unscheduled}, {"iterations", p.iterations},
                              {"constructing", p.constructing}}}});
  };
  auto solved = solve(pinned_to_bookings(start), options);
  if (!solved.is_ok()) {
    update(id, {{"state", "failed"}, {"error", solved.status().message()}});
    return;
  }
  int placed = 0;
  auto operation = [&](Draft& d) { return apply_solve(d, solved.value().plan, &placed); };
  auto render = [&](const State& s) {
    return Reply{200, {{"placed", placed}, {"booked", s.plan.assignments.size()}, {"cost", s.plan.cost.total}}};
  };
  auto applied = service_.change(actor, "apply solve job " + std::to_string(id), operation, render);
  if (applied.is_ok()) update(id, {{"state", "done"}, {"result", applied.value().body}});
  else update(id, {{"state", "failed"}, {"error", applied.status().message()}});
}

}  // namespace peerslot::service
