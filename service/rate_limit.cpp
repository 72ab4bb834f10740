// rate_limit.cpp — see rate_limit.h. Idle keys are swept at most once a window.
#include "service/rate_limit.h"

namespace peerslot::service {

bool RateLimit::allow(const std::string& key, std::int64_t now) {
  std::lock_guard lock(mutex_);
  forget_idle(now);
  std::deque<std::int64_t>& times = seen_[key];
  while (!times.empty() && times.front() <= now - window_) times.pop_front();
  if (static_cast<int>(times.size()) >= attempts_) return false;
  times.push_back(now);
  return true;
}

void RateLimit::forget_idle(std::int64_t now) {
  if (now - last_sweep_ < window_) return;
  last_sweep_ = now;
  std::erase_if(seen_, [&](const auto& entry) { return entry.second.empty() || entry.second.back() <= now - window_; });
}

}  // namespace peerslot::service
