// round_thread.cpp — one thread waiting on a condition variable between rounds.
#include "mail/round_thread.h"

#include "service/utc_time.h"

#include <chrono>

namespace peerslot::mail {

std::int64_t SenderOptions::now() const { return clock ? clock() : service::unix_now(); }

void SenderOptions::report(const Status& status) const {
  if (!status.is_ok() && on_trouble) on_trouble(status.message());
}

RoundThread::~RoundThread() { stop(); }

void RoundThread::start(std::function<void()> round) {
  std::lock_guard<std::mutex> control(control_);
  if (thread_.joinable()) return;
  thread_ = std::thread([this, round = std::move(round)] { run(round); });
}

void RoundThread::stop() {
  std::lock_guard<std::mutex> control(control_);
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = false;  // rounds run by hand work again, and so does start()
}

void RoundThread::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

bool RoundThread::stopping() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

void RoundThread::run(const std::function<void()>& round) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    round();
    lock.lock();
    changed_.wait_for(lock, std::chrono::seconds(poll_seconds_), [this] { return stopping_ || woken_; });
  }
}

}  // namespace peerslot::mail
