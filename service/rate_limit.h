// rate_limit.h — at most N attempts per key in any window of W seconds
// (a sliding log): what keeps anyone from filling a person's mailbox with
// sign-in links.
//
// Guarantees: allow() is true for the first N calls with a key in any W
// seconds and false after, until the oldest falls out of the window; keys
// whose attempts have all left the window are forgotten, so memory is
// bounded by the keys active in the last W seconds.
// Cost: allow() O(log keys + N). Thread-safety: every member may be called
// from any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace peerslot::service {

class RateLimit {
 public:
  // REQUIRES: attempts >= 1, window_seconds >= 1.
  RateLimit(int attempts, int window_seconds) : attempts_(attempts), window_(window_seconds) {}
  bool allow(const std::string& key, std::int64_t now);

 private:
  void forget_idle(std::int64_t now);  // REQUIRES: mutex_ held

  int attempts_;
  std::int64_t window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::int64_t>> seen_;
  std::int64_t last_sweep_ = 0;
};

}  // namespace peerslot::service
