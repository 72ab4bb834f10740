// jobs.h — the programme office's full solve, run as a background job, as
// a preview that the office then applies.
//
// A job solves the programme as it stood when the job started, with every
// existing booking pinned (week and team), so it only places requests that
// are not booked: a solve never moves a booking. When done, the job keeps
// its solved plan and its status shows a preview: the bookings it would
// make for the requests that are unbooked now. Nothing changes until the
// office applies the job (apply()), as one ordinary change through the
// service's writer (apply_solve, office_operations.h): requests booked
// meanwhile keep their bookings, and a solved assignment that no longer
// fits is dropped (the checker decides), so a solve never blocks or
// overrides a booking. A job is applied at most once. One job runs at a
// time. Jobs live in memory: after a restart their history is gone (an
// applied result is in the database and the audit log).
//
// Cost: a done job holds its solved plan (O(requests × team)) until it is
// applied; status() of a done job builds its preview, O(plan × team).
// Thread-safety: every member function may be called from any thread; the
// destructor stops a running job and waits for it.
#pragma once

#include "engine/status.h"
#include "service/page.h"
#include "service/service.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace peerslot::service {

class Jobs {
 public:
  explicit Jobs(Service& service) : service_(service) {}
  ~Jobs();

  // Starts a solve of at most `seconds`; returns its id, or a conflict when
  // one is already running.
  Result<int> start_solve(double seconds);
  // {"id", "state": running|done|failed|applied, "progress": {...},
  //  "preview": null, or while done {"would_book": N, "bookings": [{"request",
  //  "reference", "council", "council_name", "week", "week_words", "peers":
  //  [team members]}]}, "result": null, or once applied {"booked", "dropped"},
  //  "error": words, when failed}.
  std::optional<nlohmann::json> status(int id) const;
  // The jobs, oldest first, in `state` (any when empty), each as status()
  // gives it but with "preview": null (status() builds it); invalid naming
  // "state" for a state no job can be in. Cost: O(jobs).
  Result<Page<nlohmann::json>> list(const std::string& state, const PageQuery& page) const;
  // Applies a done job's solved plan as one change by `actor`; returns
  // {"id", "state": "applied", "booked", "dropped"}. not_found when there is
  // no such job; a conflict, in words, while it runs, after it failed, once
  // it is applied, or when apply_solve finds no clean result.
  Result<nlohmann::json> apply(int id, const std::string& actor);

 private:
  struct Job {
    nlohmann::json status;
    std::shared_ptr<const Plan> solved;  // while done and not applied
  };

  // The worker thread's body: an exception fails the job, never the process.
  void run(int id, double seconds, StatePtr start);
  void solve(int id, double seconds, const State& start);
  void update(int id, const nlohmann::json& fields);
  // The plan apply() may apply, or why not.
  Result<std::shared_ptr<const Plan>> appliable(int id) const;

  Service& service_;
  mutable std::mutex mutex_;
  std::mutex applying_;  // one apply() at a time, so no job is applied twice
  std::map<int, Job> jobs_;
  int next_id_ = 1;
  bool running_ = false;
  std::atomic<bool> stop_{false};
  std::thread worker_;
};

}  // namespace peerslot::service
