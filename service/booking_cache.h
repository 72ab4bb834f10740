// booking_cache.h — the booking options of one published State, computed
// once and shared by every reader of that State.
//
// The weeks page of a request (all its weeks: the ranked options and why
// each other week is blocked) is computed on first use and then served
// from memory until the State is replaced; a booking asks for one week
// only (place_in_week), answered from the cached page when it lists the
// week.
// The engine's BookingOptions is loaded with the State's plan on first use.
// The page as its caller renders it (the HTTP layer's JSON text) can be
// kept too, so a repeated read of the same page costs a lookup.
//
// Cost: the first weeks() of a request is one BookingOptions::options()
// (O(weeks × team matching) plus an explanation per blocked week), later
// ones a map lookup; option_in_week() is a lookup when the page is cached,
// otherwise one team matching; loading the plan is O(bookings × team) once
// per State.
//
// Thread-safety: every member function may be called from any thread; the
// engine (which edits its state during a question) is used under a mutex,
// cached pages are read under a shared lock.
#pragma once

#include "engine/booking_options.h"
#include "engine/status.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

namespace peerslot::service {

struct State;

class BookingCache {
 public:
  // REQUIRES: `state` is the State that owns this cache.
  Result<std::shared_ptr<const BookingAnswer>> weeks(const State& state, const std::string& request_id);
  // The weeks page as `render` writes it for one audience (e.g. a role:
  // the office reads more than a council), rendered once per State.
  // REQUIRES: `state` is the State that owns this cache, and every call for
  // one request and audience passes a `render` that gives the same text.
  using RenderPage = std::function<std::string(const BookingAnswer&)>;
  Result<std::shared_ptr<const std::string>> rendered_weeks(const State& state, const std::string& request_id,
                                                            const std::string& audience, const RenderPage& render);
  // The option of `week` for the request, or a conflict naming field "week"
  // and why the week is not possible.
  // REQUIRES: `state` is the State that owns this cache.
  Result<BookingOption> option_in_week(const State& state, const std::string& request_id, Date week);
  // Why the request is not booked (BookingOptions::why_not_booked), worked
  // out on each call. REQUIRES: `state` is the State that owns this cache.
  Result<std::vector<Reason>> why_not_booked(const State& state, const std::string& request_id);
  // Why the peer cannot sit on the request's team in `week`
  // (BookingOptions::why_peer_cannot_join). REQUIRES: as above.
  Result<Reason> why_peer_cannot_join(const State& state, const std::string& request_id, const std::string& peer_id,
                                      Date week);

 private:
  std::shared_ptr<const BookingAnswer> cached(const std::string& request_id);
  Status load(const State& state);  // REQUIRES: engine_mutex_ held

  std::mutex engine_mutex_;
  std::unique_ptr<BookingOptions> engine_;
  std::shared_mutex answers_mutex_;
  std::map<std::string, std::shared_ptr<const BookingAnswer>> answers_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const std::string>> rendered_;  // (request, audience), under answers_mutex_
};

}  // namespace peerslot::service
