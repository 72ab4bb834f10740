// worker_pool.cpp — a grow-on-demand thread pool. A thread is started only
// when more jobs wait than threads are idle, so a burst of connections gets
// as many workers as it needs (up to the ceiling) and a quiet server shrinks
// back to its warm threads.
#include "http/worker_pool.h"

#include <cstdio>
#include <exception>

namespace peerslot::http {

void WorkerPool::enqueue(std::function<void()> job) {
  std::lock_guard lock(mutex_);
  join_finished();
  queue_.push_back(std::move(job));
  if (queue_.size() > idle_ && threads_.size() < limits_.max_threads) {
    threads_.emplace_back();
    auto self = std::prev(threads_.end());
    *self = std::thread(&WorkerPool::work, this, self);
  } else {
    wake_.notify_one();
  }
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();  // no enqueue() runs any more: threads_ is stable
  threads_.clear();
  finished_.clear();
}

void WorkerPool::join_finished() {
  for (Threads::iterator t : finished_) {
    t->join();  // it has left work() or is about to: the join is immediate
    threads_.erase(t);
  }
  finished_.clear();
}

void WorkerPool::work(Threads::iterator self) {
  std::unique_lock lock(mutex_);
  for (;;) {
    ++idle_;
    bool woken = wake_.wait_for(lock, limits_.idle_exit, [&] { return stopping_ || !queue_.empty(); });
    --idle_;
    if (queue_.empty()) {
      if (stopping_ || (!woken && threads_.size() - finished_.size() > limits_.warm_threads)) break;
      continue;
    }
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    try {
      job();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "connection worker: dropped a connection: %s\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "connection worker: dropped a connection\n");
    }
    lock.lock();
  }
  if (!stopping_) finished_.push_back(self);
}

}  // namespace peerslot::http
