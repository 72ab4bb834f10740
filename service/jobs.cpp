// jobs.cpp — one worker thread per solve; the solver reports progress about
// four times a second into the job's JSON, which GET /jobs/{id} reads. The
// preview is built when read, against the bookings as they are then.
#include "service/jobs.h"

#include "engine/solver.h"
#include "engine/words.h"
#include "service/office_operations.h"
#include "service/representations.h"
#include "service/solve_summary.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace peerslot::service {

namespace {

// The scenario with every booking pinned, so the solver keeps them.
Scenario pinned_to_bookings(const State& state) {
  Scenario scenario = *state.scenario;
  for (const Assignment& a : state.plan.assignments)
    scenario.requests[scenario.request_index.at(a.request)].pinned = Pin{a.week, a.peers};
  return scenario;
}

nlohmann::json preview_booking(const State& now, const Request& request, const Assignment& a) {
  const Council* council = now.scenario->find_council(request.council);
  nlohmann::json peers = nlohmann::json::array();
  for (const std::string& p : a.peers) peers.push_back(team_member_json(*now.scenario, p));
  return {{"request", a.request},
          {"reference", booking_reference(a.request, a.week)},
          {"council", request.council},
          {"council_name", council ? council->name : request.council},
          {"week", to_iso(a.week)},
          {"week_words", week_words(a.week)},
          {"peers", peers}};
}

// The solved bookings of the requests that exist and are unbooked `now`,
// by week and then request.
nlohmann::json preview_json(const State& now, const Plan& solved) {
  std::vector<const Assignment*> wanted;
  for (const Assignment& a : solved.assignments)
    if (now.scenario->find_request(a.request) && !find_booking(now, a.request)) wanted.push_back(&a);
  std::sort(wanted.begin(), wanted.end(),
            [](const Assignment* x, const Assignment* y) { return std::tie(x->week, x->request) < std::tie(y->week, y->request); });
  nlohmann::json bookings = nlohmann::json::array();
  for (const Assignment* a : wanted) bookings.push_back(preview_booking(now, *now.scenario->find_request(a->request), *a));
  return {{"would_book", bookings.size()}, {"bookings", bookings}};
}

}  // namespace

Result<Page<nlohmann::json>> Jobs::list(const std::string& state, const PageQuery& page) const {
  static const std::vector<std::string> kStates = {"running", "done", "failed", "applied"};
  if (!state.empty() && std::find(kStates.begin(), kStates.end(), state) == kStates.end())
    return Status::invalid("state", "\"" + state + "\" is not one of running, done, failed, applied");
  std::vector<nlohmann::json> kept;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, job] : jobs_)
      if (state.empty() || job.status["state"] == state) kept.push_back(job.status);
  }
  return page_of(kept, [](const nlohmann::json& job) { return number_key(job["id"].get<std::int64_t>()); }, page);
}

Jobs::~Jobs() {
  stop_ = true;
  if (worker_.joinable()) worker_.join();
}

Result<int> Jobs::start_solve(double seconds) {
  std::lock_guard lock(mutex_);
  if (running_) return Status::conflict("solve", "a solve job is already running");
  if (worker_.joinable()) worker_.join();
  int id = next_id_++;
  jobs_[id].status = {{"id", id}, {"state", "running"}, {"progress", nlohmann::json::object()},
                      {"preview", nullptr}, {"result", nullptr}};
  running_ = true;
  worker_ = std::thread(&Jobs::run, this, id, seconds, service_.state());
  return id;
}

std::optional<nlohmann::json> Jobs::status(int id) const {
  std::unique_lock lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  nlohmann::json out = it->second.status;
  std::shared_ptr<const Plan> solved = it->second.solved;
  lock.unlock();
  if (solved) out["preview"] = preview_json(*service_.state(), *solved);
  return out;
}

Result<std::shared_ptr<const Plan>> Jobs::appliable(int id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return Status::not_found("id", "job " + std::to_string(id) + " does not exist");
  const std::string state = it->second.status["state"];
  if (state == "running") return Status::conflict("The solve is still running");
  if (state == "applied") return Status::conflict("This solve has already been applied");
  if (!it->second.solved) return Status::conflict("The solve failed, so there is nothing to apply");
  return it->second.solved;
}

Result<nlohmann::json> Jobs::apply(int id, const std::string& actor) {
  std::lock_guard one_at_a_time(applying_);
  auto solved = appliable(id);
  if (!solved.is_ok()) return solved.status();
  AppliedSolve applied;
  auto operation = [&](Draft& d) { return apply_solve(d, *solved.value(), &applied); };
  auto render = [&](const State&) { return Reply{200, {{"booked", applied.booked}, {"dropped", applied.dropped}}}; };
  auto changed = service_.change(actor, kApplySolveAction + std::to_string(id), operation, render);
  if (!changed.is_ok()) return changed.status();
  {
    std::lock_guard lock(mutex_);
    jobs_[id].status.update(nlohmann::json{{"state", "applied"}, {"result", changed.value().body}});
    jobs_[id].solved.reset();
  }
  nlohmann::json out = changed.value().body;
  out.update(nlohmann::json{{"id", id}, {"state", "applied"}});
  return out;
}

void Jobs::update(int id, const nlohmann::json& fields) {
  std::lock_guard lock(mutex_);
  jobs_[id].status.update(fields);
  if (fields.contains("state") && fields["state"] != "running") running_ = false;
}

void Jobs::run(int id, double seconds, StatePtr start) {
  try {
    solve(id, seconds, *start);
  } catch (const std::exception& e) {  // the job fails; the service lives on
    std::fprintf(stderr, "solve job %d failed: %s\n", id, e.what());
    update(id, {{"state", "failed"}, {"error", "the solve met an unexpected error; nothing was changed"}});
  }
}

void Jobs::solve(int id, double seconds, const State& start) {
  SolveOptions options;
  options.time_limit_seconds = seconds;
  options.stop = &stop_;
  options.progress = [&](const SolveProgress& p) {
    update(id, {{"progress", {{"elapsed_seconds", p.elapsed_seconds}, {"best_cost", p.best_cost},
                              {"unscheduled", p.unscheduled}, {"iterations", p.iterations},
                              {"constructing", p.constructing}}}});
  };
  auto solved = peerslot::solve(pinned_to_bookings(start), options);
  if (!solved.is_ok()) {
    update(id, {{"state", "failed"}, {"error", solved.status().message()}});
    return;
  }
  auto plan = std::make_shared<const Plan>(std::move(solved).value().plan);
  std::lock_guard lock(mutex_);
  jobs_[id].solved = std::move(plan);
  jobs_[id].status["state"] = "done";
  running_ = false;
}

}  // namespace peerslot::service
