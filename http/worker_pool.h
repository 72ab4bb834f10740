// worker_pool.h — the connection workers of `peerslot serve`: a cpp-httplib
// TaskQueue that starts a thread for each connection waiting to be served,
// up to a ceiling, keeps a few threads warm and lets the others exit after
// an idle spell.
//
// Why: cpp-httplib 0.11 gives a connection one worker for its whole life
// (keep-alive included) and its default pool has max(8, cores - 1) threads,
// so a handful of idle or half-sent connections starve every other client.
// Here a held connection costs one thread (its stack is reserved, not
// resident) and the pool grows to `max_threads`; beyond that, connections
// wait in a FIFO queue and are served as workers free up.
//
// Guarantees: every enqueued job runs exactly once, on a pool thread;
// shutdown() lets the queued jobs run, then joins every thread. A job that
// throws is contained (the connection is dropped, the worker lives on).
// Cost: enqueue() is O(1) plus joining threads that have already exited.
// Thread-safety: enqueue() from any thread; shutdown() once, after the last
// enqueue() (cpp-httplib calls both from its accept loop).
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace peerslot::http {

struct WorkerPoolLimits {
  std::size_t max_threads = 512;
  std::size_t warm_threads = 8;  // never exit when idle
  std::chrono::milliseconds idle_exit{30000};
};

class WorkerPool : public httplib::TaskQueue {
 public:
  explicit WorkerPool(WorkerPoolLimits limits) : limits_(limits) {}
  ~WorkerPool() override { shutdown(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> job) override;
  void shutdown() override;

 private:
  using Threads = std::list<std::thread>;
  void work(Threads::iterator self);
  void join_finished();  // REQUIRES: mutex_ held

  const WorkerPoolLimits limits_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  Threads threads_;
  std::vector<Threads::iterator> finished_;  // exited, not yet joined
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace peerslot::http
