// round_thread.h — the thread behind the mail and webhook senders: it runs
// a round of work as it starts, then again after each poll interval or as
// soon as it is woken, until it is stopped.
//
// Guarantees: stop() lets the round in hand finish (a round checks
// stopping() between its items, so that is within one item), then returns
// once the thread has ended, never a whole poll interval later; after
// stop() the thread can be started again. A wake() during a round makes
// the next round start at once.
// Thread-safety: start(), stop(), wake() and stopping() may be called from
// any thread. The destructor stops the thread. SenderOptions is a plain
// value; its clock and on_trouble are called on the thread running a round.
#pragma once

#include "engine/status.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace peerslot::mail {

// How a sender built on a RoundThread runs (mail_sender.h, webhook_sender.h).
struct SenderOptions {
  int poll_seconds = 5;
  int batch = 20;                                      // items per round at most
  std::function<std::int64_t()> clock;                 // Unix seconds; the system clock when empty
  std::function<void(const std::string&)> on_trouble;  // the queue's failures, in words; ignored when empty

  std::int64_t now() const;
  // Passes a failed status's words to on_trouble; does nothing when ok.
  void report(const Status& status) const;
};

class RoundThread {
 public:
  explicit RoundThread(int poll_seconds) : poll_seconds_(poll_seconds) {}
  ~RoundThread();
  RoundThread(const RoundThread&) = delete;
  RoundThread& operator=(const RoundThread&) = delete;

  // Starts the thread running `round`; does nothing when it runs already.
  void start(std::function<void()> round);
  void stop();
  void wake();
  // Whether stop() is waiting for the round to end.
  bool stopping();

 private:
  void run(const std::function<void()>& round);

  int poll_seconds_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;  // guarded by mutex_
  bool woken_ = false;     // guarded by mutex_
  std::thread thread_;     // started and joined under control_
  std::mutex control_;     // serialises start() and stop()
};

}  // namespace peerslot::mail
