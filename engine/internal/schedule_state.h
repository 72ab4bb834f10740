// schedule_state.h — a mutable plan over a Problem, with the cost kept up to
// date incrementally as challenges are placed and removed.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// It records, per request, its week and team; per (peer, week) which request
// the peer sits on (H9); per (peer, financial year) the on-site days (H10
// and the load term); per week the number of challenges (H11); how many
// scheduled follow-ups have their followed request unscheduled (H13). Every
// cost term is kept as a running sum, and the marginal cost of adding one
// peer or one challenge is answered in O(1 + team sizes of the linked
// requests) from those tables, using the same whole-number arithmetic as
// compute_cost() (cost_model.h), so cost_terms() always equals
// compute_cost(to_plan()), whatever order requests are assigned in.
//
// Continuity: a follow-up's new_peers counts its peers not on the team of
// the request it follows (all of them while that one is unscheduled). The
// term is separable by peer, so peer_cost() carries it exactly: a peer on
// a follow-up costs `continuity` unless it sits on the followed team, and a
// peer on a followed request saves `continuity` per scheduled follow-up it
// also sits on.
//
// Guarantees: assign() keeps H9 and the week table consistent; it does not
// re-check H2..H8, H10 or H13 — callers place only teams the TeamMatcher
// found in weeks placement.h allows (or a plan the checker accepted);
// orphans() > 0 flags a state that breaks H13. to_plan() lists every
// request once.
// Thread-safety: not thread-safe; give each search thread its own copy.
#pragma once

#include "engine/problem.h"
#include "engine/status.h"

#include <cstdint>
#include <span>
#include <vector>

namespace peerslot {

class ScheduleState {
 public:
  explicit ScheduleState(const Problem& problem);

  const Problem& problem() const { return *problem_; }
  int week(int r) const { return week_[r]; }
  bool scheduled(int r) const { return week_[r] != kNoIndex; }
  std::span<const int> team(int r) const;
  // The request the peer sits on in that week, kNoIndex if free.
  int busy(int p, int w) const { return busy_[static_cast<std::size_t>(w) * peers_count_ + p]; }
  int year_days(int p, int year) const { return year_days_[static_cast<std::size_t>(p) * years_ + year]; }
  int week_load(int w) const { return week_load_[w]; }
  // H13 as things stand: r may sit in week w given the request it follows
  // (true when r follows none)...
  bool follows_ok(int r, int w) const;
  // ...and given its follow-ups: every scheduled one, and every pinned one
  // (whose week is fixed), stays the allowed gap after w.
  bool followers_ok(int r, int w) const;
  // Scheduled follow-ups whose followed request is unscheduled.
  int orphans() const { return orphans_; }
  bool week_full(int w) const { return capacity_ >= 0 && week_load_[w] >= capacity_; }
  int unscheduled_count() const { return unscheduled_count_; }

  // The peer could join request r in week w: eligible (role, H7, not in
  // r's `declined`), available (H8), free that week (H9) and under its
  // yearly cap (H10).
  bool can_take(int p, int r, int w) const;
  // Why can_take() is false for this peer (kOk if it is true); kDeclined is
  // the H7 case of a peer in r's `declined`, kIneligible every other one.
  enum class Block { kOk, kIneligible, kDeclined, kUnavailable, kBusy, kCap };
  Block block(int p, int r, int w) const;
  // Travel, marginal load and continuity of adding the peer to r in week w.
  std::int64_t peer_cost(int p, int r, int w) const;
  // Its part beyond travel (marginal load and continuity): peer_cost() less
  // km x travel weight.
  std::int64_t load_cost(int p, int r, int w) const;
  // Cost change of placing r in week w with this team (r unscheduled now).
  std::int64_t insertion_delta(int r, int w, std::span<const int> team) const;
  // Cost change of removing r (r scheduled now).
  std::int64_t removal_delta(int r) const;

  void assign(int r, int w, std::span<const int> team);
  void unassign(int r);

  std::int64_t total() const { return cost_.total; }
  const Cost& cost_terms() const { return cost_; }

  // The plan as the contract's document; unscheduled reasons left empty.
  Plan to_plan() const;
  // Replaces the state with a plan's assignments. Fails (naming the request)
  // on unknown ids, a week outside the window or a peer booked twice in a week.
  Status load(const Plan& plan);

  // A cheap copy of who is where, to return to later (the best plan so far).
  struct Snapshot {
    std::vector<int> week;
    std::vector<int> peers;
    std::int64_t total = 0;
  };
  Snapshot snapshot() const { return {week_, peers_, cost_.total}; }
  void restore(const Snapshot& snapshot);

 private:
  std::int64_t load_delta(int p, int r, int w, int sign) const;
  bool on_team(int p, int r) const;
  // Peers r's team would add to new_peers over all linked follow-ups.
  std::int64_t continuity_count(int r, std::span<const int> team) const;
  int orphans_of(int r) const;
  void retotal();
  void book(int p, int r, int w, int sign);

  const Problem* problem_;
  int weeks_;
  int years_;
  int capacity_;
  std::vector<int> week_;
  std::vector<int> offset_;  // request -> start in peers_
  std::vector<int> peers_;
  std::vector<int> busy_;  // week x peer: week-major, as the matcher scans peers
  std::size_t peers_count_;
  std::vector<int> year_days_;
  std::vector<int> week_load_;
  int unscheduled_count_ = 0;
  int orphans_ = 0;
  Cost cost_;
};

}  // namespace peerslot
