// booking_cache.cpp — double-checked: a miss takes the engine's mutex,
// looks again (another reader may have computed the page meanwhile), then
// computes and publishes the page under the answers' exclusive lock.
#include "service/booking_cache.h"

#include "service/state.h"

#include <algorithm>

namespace peerslot::service {

std::shared_ptr<const BookingAnswer> BookingCache::cached(const std::string& request_id) {
  std::shared_lock lock(answers_mutex_);
  auto it = answers_.find(request_id);
  return it == answers_.end() ? nullptr : it->second;
}

Status BookingCache::load(const State& state) {
  if (engine_) return Status::ok();
  auto engine = std::make_unique<BookingOptions>(*state.problem);
  Status loaded = engine->load_plan(state.plan);
  if (loaded.is_ok()) engine_ = std::move(engine);
  return loaded;
}

Result<std::shared_ptr<const BookingAnswer>> BookingCache::weeks(const State& state, const std::string& request_id) {
  if (auto page = cached(request_id)) return page;
  std::lock_guard engine_lock(engine_mutex_);
  if (auto page = cached(request_id)) return page;
  Status loaded = load(state);
  if (!loaded.is_ok()) return loaded;
  auto answer = engine_->options(request_id, state.problem->week_count());
  if (!answer.is_ok()) return answer.status();
  auto page = std::make_shared<const BookingAnswer>(std::move(answer).value());
  std::unique_lock lock(answers_mutex_);
  answers_[request_id] = page;
  return page;
}

Result<std::shared_ptr<const std::string>> BookingCache::rendered_weeks(const State& state, const std::string& request_id,
                                                                       const std::string& audience, const RenderPage& render) {
  auto key = std::make_pair(request_id, audience);
  {
    std::shared_lock lock(answers_mutex_);
    auto it = rendered_.find(key);
    if (it != rendered_.end()) return it->second;
  }
  auto page = weeks(state, request_id);
  if (!page.is_ok()) return page.status();
  auto text = std::make_shared<const std::string>(render(*page.value()));
  std::unique_lock lock(answers_mutex_);
  return rendered_.emplace(key, text).first->second;  // a text rendered meanwhile wins; both are equal
}

Result<BookingOption> BookingCache::option_in_week(const State& state, const std::string& request_id, Date week) {
  if (auto page = cached(request_id)) {
    auto option = std::find_if(page->options.begin(), page->options.end(), [&](const BookingOption& o) { return o.week == week; });
    if (option != page->options.end()) return *option;
    auto blocked = std::find_if(page->blocked.begin(), page->blocked.end(), [&](const BlockedWeek& b) { return b.week == week; });
    if (blocked != page->blocked.end()) return booking_refusal(week, blocked->reason);
  }
  std::lock_guard engine_lock(engine_mutex_);
  Status loaded = load(state);
  if (!loaded.is_ok()) return loaded;
  return engine_->place_in_week(request_id, week);
}

Result<std::vector<Reason>> BookingCache::why_not_booked(const State& state, const std::string& request_id) {
  std::lock_guard engine_lock(engine_mutex_);
  Status loaded = load(state);
  if (!loaded.is_ok()) return loaded;
  return engine_->why_not_booked(request_id);
}

Result<Reason> BookingCache::why_peer_cannot_join(const State& state, const std::string& request_id,
                                                  const std::string& peer_id, Date week) {
  std::lock_guard engine_lock(engine_mutex_);
  Status loaded = load(state);
  if (!loaded.is_ok()) return loaded;
  return engine_->why_peer_cannot_join(request_id, peer_id, week);
}

}  // namespace peerslot::service
