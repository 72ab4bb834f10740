// jobs.h — the programme office's full solve, run as a background job.
//
// A job solves the programme as it stood when the job started, with every
// existing booking pinned (week and team), so it only places requests that
// are not booked. Its result is applied as one ordinary change through the
// service's writer (apply_solve, office_operations.h): requests booked
// meanwhile keep their bookings, and a solved assignment that no longer
// fits is dropped (the checker decides),
// so a solve never blocks or overrides a booking. One job runs at a time.
// Jobs live in memory: after a restart their history is gone (the applied
// result is in the database and the audit log).
//
// Thread-safety: every member function may be called from any thread; the
// destructor stops a running job and waits for it.
#pragma once

#include "engine/status.h"
#include "service/service.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace peerslot::service {

class Jobs {
 public:
  explicit Jobs(Service& service) : service_(service) {}
  ~Jobs();

  // Starts a solve of at most `seconds`; returns its id, or a conflict when
  // one is already running.
  Result<int> start_solve(double seconds, const std::string& actor);
  // {"id", "state": running|done|failed, "progress": {...}, "result": {...}}
  std::optional<nlohmann::json> status(int id) const;

 private:
  // The worker thread's body: an exception fails the job, never the process.
  void run(int id, double seconds, std::string actor, StatePtr start);
  void solve_and_apply(int id, double seconds, const std::string& actor, const State& start);
  void update(int id, const nlohmann::json& fields);

  Service& service_;
  mutable std::mutex mutex_;
  std::map<int, nlohmann::json> jobs_;
  int next_id_ = 1;
  bool running_ = false;
  std::atomic<bool> stop_{false};
  std::thread worker_;
};

}  // namespace peerslot::service
