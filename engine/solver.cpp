// Design
// ------
// Construction. Pinned requests are placed first, in their pinned week with
// their pinned peers (a pinned follow-up's followed request just before
// it); a pin that cannot be honoured is recorded and never placed. The
// others are placed one by one, hardest first: followed requests before
// their follow-ups, then higher priority, fewer usable weeks, larger teams.
// Each takes the cheapest placement among its first few feasible weeks in
// order of preference cost (ties broken by a seeded hash, which spreads
// requests with no preference over the calendar); if none of those weeks
// work, every usable week is tried. The result is feasible by
// construction: each step is a TeamMatcher answer in a week placement.h
// allows (H11, H12, H13).
//
// Improvement. Late-acceptance hill climbing (Burke & Bykov): a move is
// accepted if the new total is no worse than the current one or than the
// total L iterations ago, and if it leaves no follow-up without the request
// it follows. When no new best has been found for a while, the history is
// refilled 0.5% above the current cost ("reheat") so the search can leave
// the local optimum; the best plan is kept as a snapshot anyway. Moves, all
// evaluated incrementally on the ScheduleState and undone exactly when
// rejected; which one is tried next is chosen by a MoveChooser from its
// gain per team search so far:
//   - insert: an unscheduled request takes its cheapest placement, or
//     takes a week by an ejection chain (the one it displaces goes to its
//     cheapest placement or displaces another, up to three links);
//   - move: a challenge tries the best of two random usable weeks;
//   - guided move (only when the weekly cap binds in the first plan, and
//     the programme is small enough for the guide, see kGuideOptions): a
//     request goes to the week a transportation problem of requests into
//     weeks by preference alone gives it (lower_bound.h, preferred_weeks),
//     and if that week is full, the lower-priority of two of its
//     challenges that belong elsewhere makes way, to its own such week or
//     its cheapest placement;
//   - repick: a challenge's team is chosen again in its own week;
//   - re-team: every challenge of a week gets its team at once, by a
//     min-cost flow (team_flow.h);
//   - re-team span: the same over two to four weeks, for the challenges
//     that load their peers alike (same days in one financial year), so
//     that peers trade whole challenges across weeks with the load priced
//     exactly;
//   - pair: two challenges are re-teamed in their own weeks in reverse
//     order, which lets them trade peers;
//   - join week: a challenge moves to a random week and that week's
//     challenges are all re-teamed together in random order;
//   - ruin and recreate: two to four challenges are taken out and put
//     back, in random order, each at its cheapest placement over all weeks.
// Taking a request out takes its scheduled follow-ups with it; they are put
// back at their cheapest once the move is done. Pinned challenges never
// move. The final plan gets leftover insertions and one re-team pass over
// every week, kept where it lowers the cost.
//
// Threads run independent searches from the same first plan with seeds
// seed..seed+T-1; the lowest cost wins, ties to the lowest seed.
#include "engine/solver.h"

#include "engine/cost_model.h"
#include "engine/internal/explainer.h"
#include "engine/internal/move_chooser.h"
#include "engine/internal/placement.h"
#include "engine/internal/team_flow.h"
#include "engine/lower_bound.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <thread>
#include <utility>

namespace peerslot {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Undo {
  int request;
  int week;  // kNoIndex: was unscheduled
  std::vector<int> peers;
};

// Records the old placement of every request it touches, to undo a move.
// Removing a request takes its scheduled follow-ups (not pinned ones) out
// with it, so no move leaves a follow-up behind its followed request
// (H13); they, and the unscheduled follow-ups of a request placed, wait in
// pending() to be placed again once the move is done.
class Journal {
 public:
  explicit Journal(ScheduleState& state) : state_(state) {}
  void remove(int r) {
    if (!state_.scheduled(r)) return;  // already taken out with the request it follows
    for (int f : state_.problem().request(r).followers) {
      if (!state_.scheduled(f) || state_.problem().request(f).pinned) continue;
      pending_.push_back(f);
      remove(f);
    }
    remember(r);
    state_.unassign(r);
  }
  void place(int r, const Placement& placement) {
    remember(r);
    state_.assign(r, placement.week, placement.peers);
    for (int f : state_.problem().request(r).followers)
      if (!state_.scheduled(f) && !state_.problem().request(f).pinned) pending_.push_back(f);
  }
  // Takes r out to be put back in the same week (so its follow-ups stay).
  void take_out(int r) {
    remember(r);
    state_.unassign(r);
  }
  // Follow-ups to place again, followed requests before their follow-ups.
  std::vector<int> take_pending() { return std::exchange(pending_, {}); }
  void undo() {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
      if (state_.scheduled(it->request)) state_.unassign(it->request);
    for (const Undo& u : entries_)
      if (u.week != kNoIndex && !state_.scheduled(u.request)) state_.assign(u.request, u.week, u.peers);
    entries_.clear();
    pending_.clear();
  }
  void commit() {
    entries_.clear();
    pending_.clear();
  }

 private:
  void remember(int r) {
    for (const Undo& u : entries_)
      if (u.request == r) return;
    entries_.push_back({r, state_.week(r), state_.scheduled(r) ? std::vector<int>(state_.team(r).begin(), state_.team(r).end())
                                                             : std::vector<int>{}});
  }
  ScheduleState& state_;
  std::vector<Undo> entries_;
  std::vector<int> pending_;
};

// How many follows links lead up from r (0 for a request that follows none).
int follow_depth(const Problem& problem, int r) {
  int depth = 0;
  for (int at = problem.request(r).follows; at != kNoIndex; at = problem.request(at).follows) ++depth;
  return depth;
}

// The requests, followed ones before their follow-ups, otherwise in order.
std::vector<int> followed_first(const Problem& problem, std::vector<int> rs) {
  std::vector<int> depth(problem.request_count());
  for (int r : rs) depth[r] = follow_depth(problem, r);
  std::stable_sort(rs.begin(), rs.end(), [&](int a, int b) { return depth[a] < depth[b]; });
  return rs;
}

// Requests hardest first: followed requests before their follow-ups, then
// higher priority, fewer usable weeks, larger teams.
std::vector<int> hardest_first(const Problem& problem, std::vector<int> rs) {
  std::vector<int> depth(problem.request_count());
  for (int r : rs) depth[r] = follow_depth(problem, r);
  std::stable_sort(rs.begin(), rs.end(), [&](int a, int b) {
    const ProblemRequest& x = problem.request(a);
    const ProblemRequest& y = problem.request(b);
    if (depth[a] != depth[b]) return depth[a] < depth[b];
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.weeks.size() != y.weeks.size()) return x.weeks.size() < y.weeks.size();
    return x.team_size > y.team_size;
  });
  return rs;
}

class Constructor {
 public:
  Constructor(ScheduleState& state, TeamMatcher& matcher, std::uint64_t seed) : state_(state), matcher_(matcher), seed_(seed) {}

  std::vector<int> run(const SolveOptions& options, Clock::time_point start) {
    std::vector<int> broken;
    const Problem& problem = state_.problem();
    std::vector<int> pinned;
    for (int r = 0; r < problem.request_count(); ++r)
      if (problem.request(r).pinned) pinned.push_back(r);
    for (int r : followed_first(problem, pinned)) {
      place_leader_of(r);
      std::optional<Placement> placement = problem.request(r).pinned_week == kNoIndex
                                               ? std::nullopt
                                               : place_in_week(state_, matcher_, r, problem.request(r).pinned_week);
      if (placement) state_.assign(r, placement->week, placement->peers);
      else broken.push_back(r);
    }
    double next_report = options.progress_interval_seconds;
    for (int r : order()) {
      place(r);
      if (options.progress && seconds_since(start) >= next_report) {
        next_report = seconds_since(start) + options.progress_interval_seconds;
        options.progress({seconds_since(start), state_.total(), state_.unscheduled_count(), 0, true});
      }
    }
    return broken;
  }

 private:
  std::vector<int> order() const {
    const Problem& problem = state_.problem();
    std::vector<int> rs;
    for (int r = 0; r < problem.request_count(); ++r)
      if (!problem.request(r).pinned) rs.push_back(r);
    return hardest_first(problem, rs);
  }

  // A pinned follow-up needs the request it follows placed first, in a
  // week its pin can follow (placement's followers_ok sees the pin).
  void place_leader_of(int r) {
    int leader = state_.problem().request(r).follows;
    if (leader == kNoIndex || state_.scheduled(leader) || state_.problem().request(leader).pinned) return;
    place_leader_of(leader);
    if (std::optional<Placement> placement = best_placement(state_, matcher_, leader))
      state_.assign(leader, placement->week, placement->peers);
  }

  void place(int r) {
    if (state_.scheduled(r)) return;  // placed as the leader of a pinned follow-up
    constexpr int kFeasibleWeeks = 3;
    const ProblemRequest& request = state_.problem().request(r);
    std::vector<std::pair<std::pair<std::int64_t, std::uint64_t>, int>> weeks;
    for (std::size_t i = 0; i < request.weeks.size(); ++i)
      weeks.push_back({{request.preference[i], mix(seed_ ^ mix(r * 100003ULL + request.weeks[i]))}, request.weeks[i]});
    std::sort(weeks.begin(), weeks.end());
    std::optional<Placement> best;
    int feasible = 0;
    for (const auto& [key, w] : weeks) {
      std::optional<Placement> here = place_in_week(state_, matcher_, r, w);
      if (!here) continue;
      if (!best || here->delta < best->delta) best = std::move(here);
      if (++feasible == kFeasibleWeeks) break;
    }
    if (best) state_.assign(r, best->week, best->peers);
  }

  ScheduleState& state_;
  TeamMatcher& matcher_;
  std::uint64_t seed_;
};

// The group re-teamed together through the journal (team_flow.h); false
// if the group is empty. *priced as in reteam_together().
bool reteam_group(ScheduleState& state, Journal& journal, const std::vector<Seating>& group, std::int64_t* priced) {
  if (group.empty()) return false;
  for (const Seating& s : group) journal.take_out(s.request);
  for (const Seating& s : reteam_together(state, group, priced)) journal.place(s.request, Placement{s.week, 0, s.peers});
  return true;
}

Seating seating_of(const ScheduleState& state, int r) {
  return {r, state.week(r), std::vector<int>(state.team(r).begin(), state.team(r).end())};
}

// The movable challenges of week w, re-teamed together; false if none.
bool reteam_whole_week(ScheduleState& state, Journal& journal, const std::vector<int>& movable, int w,
                       std::int64_t* priced = nullptr) {
  std::vector<Seating> group;
  for (int r : movable)
    if (state.week(r) == w) group.push_back(seating_of(state, r));
  return reteam_group(state, journal, group, priced);
}

// Every week re-teamed once, kept only where it lowers the cost.
void polish_teams(ScheduleState& state) {
  std::vector<int> movable;
  for (int r = 0; r < state.problem().request_count(); ++r)
    if (!state.problem().request(r).pinned) movable.push_back(r);
  Journal journal(state);
  for (int w = 0; w < state.problem().week_count(); ++w) {
    std::int64_t before = state.total();
    if (!reteam_whole_week(state, journal, movable, w)) continue;
    if (state.total() < before) journal.commit();
    else journal.undo();
  }
}

class LocalSearch {
 public:
  // `guide`: per request the week guided moves aim at (kNoIndex: none);
  // empty to make no guided moves.
  LocalSearch(ScheduleState state, std::uint64_t seed, std::vector<int> broken, const std::vector<int>& guide)
      : state_(std::move(state)),
        matcher_(state_.problem()),
        rng_(seed),
        journal_(state_),
        broken_(std::move(broken)),
        guide_(guide),
        chooser_(base_shares(state_.problem().request_count() <= 60, !guide.empty())) {
    const Problem& problem = state_.problem();
    for (int r = 0; r < problem.request_count(); ++r) {
      if (problem.request(r).pinned) continue;
      movable_.push_back(r);
    }
    best_ = state_.snapshot();
    history_.assign(kHistory, state_.total());
  }

  // Runs until a limit; `report` is called from this thread when given.
  void run(const SolveOptions& options, Clock::time_point start, std::atomic<std::int64_t>* shared_best,
           const std::function<void(std::int64_t)>& report) {
    double next_report = seconds_since(start) + options.progress_interval_seconds;
    while (options.iterations < 0 || iterations_ < options.iterations) {
      if (options.stop && options.stop->load()) break;
      if (options.iterations < 0 && seconds_since(start) >= options.time_limit_seconds) break;
      step();
      ++iterations_;
      if (iterations_ - last_best_ > kStall) reheat();
      if (state_.total() < best_.total) {
        last_best_ = iterations_;
        best_ = state_.snapshot();
        std::int64_t seen = shared_best->load();
        while (best_.total < seen && !shared_best->compare_exchange_weak(seen, best_.total)) {
        }
      }
      if (report && seconds_since(start) >= next_report) {
        next_report = seconds_since(start) + options.progress_interval_seconds;
        report(iterations_);
      }
    }
  }

  const ScheduleState::Snapshot& best() const { return best_; }
  int best_unscheduled() const {
    return static_cast<int>(std::count(best_.week.begin(), best_.week.end(), kNoIndex));
  }
  std::int64_t iterations() const { return iterations_; }

 private:
  static constexpr std::size_t kHistory = 400;

  static constexpr std::int64_t kStall = 20000;

  // A team flow's work in team searches, for the MoveChooser: at national
  // scale a flow over one week takes about as long as 50 TeamMatcher calls
  // (200 us against 4 us) and prices about 2,300 (peer, seat) pairs.
  static constexpr std::int64_t kPricedPerTeamSearch = 50;

  // Stuck: let the history accept up to 0.5% worse (of the cost without
  // unscheduled penalties, so no challenge is dropped for it) for a while.
  void reheat() {
    last_best_ = iterations_;
    std::int64_t slack = (state_.total() - state_.cost_terms().unscheduled) / 200;
    history_.assign(kHistory, state_.total() + slack);
  }

  int random(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

  enum Move { kInsert, kMove, kGuided, kRepick, kReteam, kReteamSpan, kPair, kJoinWeek, kRuin };

  // Base shares of the moves (MoveChooser adapts them). Small programmes
  // can afford more of the costly whole-calendar moves (join week, ruin and
  // recreate), which find the joint re-teaming their optimum often needs.
  static std::vector<double> base_shares(bool small, bool guided) {
    double guide = guided ? 10 : 0;
    if (small) return {25, 30, guide, 10, 6, 6, 8, 8, 7};
    return {25, 30, guide, 10, 6, 6, 15, 5, 3};
  }

  bool attempt(int kind) {
    switch (kind) {
      case kInsert: return state_.unscheduled_count() > static_cast<int>(broken_.size()) ? insert_or_eject() : move(pick_scheduled());
      case kMove: return move(pick_scheduled());
      case kGuided: return guided_move();
      case kRepick: return repick(pick_scheduled());
      case kReteam: return reteam(pick_scheduled());
      case kReteamSpan: return reteam_span(pick_scheduled());
      case kPair: return pair(pick_scheduled());
      case kJoinWeek: return join_week(pick_scheduled());
      default: return ruin_and_recreate();
    }
  }

  void step() {
    if (movable_.empty()) return;
    std::int64_t before = state_.total();
    std::int64_t calls = matcher_.calls(), priced = priced_;
    int kind = chooser_.choose(rng_());
    bool changed = attempt(kind);
    std::int64_t gain = 0;
    if (changed) {
      place_pending();
      std::int64_t after = state_.total();
      std::int64_t& past = history_[iterations_ % kHistory];
      if (state_.orphans() == 0 && (after <= before || after <= past)) {
        journal_.commit();
        gain = std::max<std::int64_t>(0, before - after);
      } else {
        journal_.undo();
      }
      past = state_.total();
    }
    chooser_.record(kind, gain, 1 + matcher_.calls() - calls + (priced_ - priced) / kPricedPerTeamSearch);
  }

  // Follow-ups the move took out or made possible, each at its cheapest.
  void place_pending() {
    for (int f : journal_.take_pending()) {
      if (state_.scheduled(f)) continue;
      if (std::optional<Placement> placement = best_placement(state_, matcher_, f)) journal_.place(f, *placement);
    }
  }

  int pick_scheduled() {
    for (int tries = 0; tries < 8; ++tries) {
      int r = movable_[random(static_cast<int>(movable_.size()))];
      if (state_.scheduled(r)) return r;
    }
    return kNoIndex;
  }

  int pick_unscheduled() {
    for (int tries = 0; tries < 32; ++tries) {
      int r = movable_[random(static_cast<int>(movable_.size()))];
      if (!state_.scheduled(r)) return r;
    }
    return kNoIndex;
  }

  bool insert_or_eject() {
    int u = pick_unscheduled();
    if (u == kNoIndex) return false;
    std::optional<Placement> placement = best_placement(state_, matcher_, u);
    if (placement) {
      journal_.place(u, *placement);
      return true;
    }
    return eject(u);
  }

  // An ejection chain: u takes a week (the better for it of two random
  // usable weeks) from one of that week's challenges, which goes to its
  // cheapest placement, or, failing that, takes a week from another in
  // turn, up to kChain links; the last one out may stay unscheduled.
  bool eject(int u) {
    constexpr int kChain = 3;
    int current = u;
    for (int link = 0; link < kChain; ++link) {
      int w = eject_week(current);
      int victim = w == kNoIndex ? kNoIndex : pick_in_week(w);
      if (victim == kNoIndex) return link > 0;
      journal_.remove(victim);
      std::optional<Placement> placement = place_in_week(state_, matcher_, current, w);
      if (!placement) {
        if (link == 0) {
          journal_.undo();
          return false;
        }
        if (std::optional<Placement> back = place_in_week(state_, matcher_, victim, w)) journal_.place(victim, *back);
        return true;
      }
      journal_.place(current, *placement);
      if (std::optional<Placement> again = best_placement(state_, matcher_, victim)) {
        journal_.place(victim, *again);
        return true;
      }
      current = victim;
    }
    return true;
  }

  // Of two random usable weeks of r, the one it prefers (kNoIndex if none).
  int eject_week(int r) {
    const ProblemRequest& request = state_.problem().request(r);
    if (request.weeks.empty()) return kNoIndex;
    int a = random(static_cast<int>(request.weeks.size())), b = random(static_cast<int>(request.weeks.size()));
    return request.weeks[request.preference[b] < request.preference[a] ? b : a];
  }

  // Of two random movable challenges of week w, the one of lower priority
  // (kNoIndex if the week has none): under a tight cap a week's place is
  // best taken from the challenge that matters least. `misplaced_only`:
  // only challenges whose guide week is another.
  int pick_in_week(int w, bool misplaced_only = false) {
    std::vector<int> in_week;
    for (int r : movable_)
      if (state_.week(r) == w && !(misplaced_only && guide_[r] == w)) in_week.push_back(r);
    if (in_week.empty()) return kNoIndex;
    int a = in_week[random(static_cast<int>(in_week.size()))], b = in_week[random(static_cast<int>(in_week.size()))];
    return state_.problem().request(b).priority < state_.problem().request(a).priority ? b : a;
  }

  bool move(int r) {
    if (r == kNoIndex) return false;
    const ProblemRequest& request = state_.problem().request(r);
    journal_.remove(r);
    std::optional<Placement> best;
    for (int i = 0; i < 2; ++i) {
      int w = request.weeks[random(static_cast<int>(request.weeks.size()))];
      std::optional<Placement> here = place_in_week(state_, matcher_, r, w);
      if (here && (!best || here->delta < best->delta)) best = std::move(here);
    }
    if (!best) {
      journal_.undo();
      return false;
    }
    journal_.place(r, *best);
    return true;
  }

  // A movable request, scheduled or not, away from its guide week.
  int pick_off_guide() {
    for (int tries = 0; tries < 16; ++tries) {
      int r = movable_[random(static_cast<int>(movable_.size()))];
      if (guide_[r] != kNoIndex && state_.week(r) != guide_[r]) return r;
    }
    return kNoIndex;
  }

  bool guided_move() {
    int r = pick_off_guide();
    if (r == kNoIndex) return false;
    int g = guide_[r];
    journal_.remove(r);
    int victim = state_.week_full(g) ? pick_in_week(g, true) : kNoIndex;
    if (victim != kNoIndex) journal_.remove(victim);
    std::optional<Placement> placement = place_in_week(state_, matcher_, r, g);
    if (!placement) {
      journal_.undo();
      return false;
    }
    journal_.place(r, *placement);
    if (victim == kNoIndex) return true;
    std::optional<Placement> next = guide_[victim] == kNoIndex ? std::nullopt : place_in_week(state_, matcher_, victim, guide_[victim]);
    if (!next) next = best_placement(state_, matcher_, victim);
    if (next) journal_.place(victim, *next);
    return true;
  }

  bool repick(int r) {
    if (r == kNoIndex) return false;
    int w = state_.week(r);
    journal_.remove(r);
    std::optional<Placement> placement = place_in_week(state_, matcher_, r, w);
    if (!placement) {
      journal_.undo();
      return false;
    }
    journal_.place(r, *placement);
    return true;
  }

  // Re-team every challenge in r's week at once (team_flow.h).
  bool reteam(int r) {
    if (r == kNoIndex) return false;
    return reteam_whole_week(state_, journal_, movable_, state_.week(r), &priced_);
  }

  // Re-team, at once, r and the challenges shaped like it (same_load_shape)
  // in a random span of two to four weeks around r's; a follow-up whose
  // followed request is in the group stays out of it.
  bool reteam_span(int r) {
    if (r == kNoIndex) return false;
    int length = 2 + random(3);
    int first = std::max(0, state_.week(r) - random(length));
    int last = std::min(state_.problem().week_count() - 1, first + length - 1);
    std::vector<Seating> group;
    Seating seed = seating_of(state_, r);
    for (int other : movable_) {
      if (!state_.scheduled(other) || state_.week(other) < first || state_.week(other) > last) continue;
      Seating candidate = seating_of(state_, other);
      if (same_load_shape(state_.problem(), seed, candidate)) group.push_back(std::move(candidate));
    }
    std::vector<Seating> unlinked;
    for (const Seating& s : group) {
      int leader = state_.problem().request(s.request).follows;
      bool linked = std::any_of(group.begin(), group.end(), [&](const Seating& o) { return o.request == leader; });
      if (!linked) unlinked.push_back(s);
    }
    if (unlinked.size() < 2) return false;
    return reteam_group(state_, journal_, unlinked, &priced_);
  }

  // Re-team r and another challenge in their own weeks, the other first,
  // which lets the two trade peers.
  bool pair(int r) {
    if (r == kNoIndex) return false;
    int other = pick_scheduled();
    if (other == kNoIndex || other == r) return false;
    int wr = state_.week(r), wo = state_.week(other);
    journal_.remove(r);
    journal_.remove(other);
    std::optional<Placement> first = place_in_week(state_, matcher_, other, wo);
    if (first) journal_.place(other, *first);
    std::optional<Placement> second = place_in_week(state_, matcher_, r, wr);
    if (!first || !second) {
      journal_.undo();
      return false;
    }
    journal_.place(r, *second);
    return true;
  }

  // Move r to a random usable week w and re-team everything in w together:
  // the challenges of w are taken out and all are put back into w in random
  // order (one that no longer fits in w goes to its cheapest week).
  bool join_week(int r) {
    if (r == kNoIndex) return false;
    const ProblemRequest& request = state_.problem().request(r);
    int w = request.weeks[random(static_cast<int>(request.weeks.size()))];
    std::vector<int> group{r};
    for (int other : movable_)
      if (other != r && state_.week(other) == w) group.push_back(other);
    for (int g : group) journal_.remove(g);
    for (std::size_t i = group.size(); i > 1; --i) std::swap(group[i - 1], group[random(static_cast<int>(i))]);
    for (int g : group) {
      std::optional<Placement> placement = place_in_week(state_, matcher_, g, w);
      if (!placement) placement = best_placement(state_, matcher_, g);
      if (placement) journal_.place(g, *placement);
    }
    return true;
  }

  // Take two to four challenges out and put each back at its cheapest
  // placement over all weeks, in random order (Schrimpf et al.'s ruin and
  // recreate): lets challenges trade weeks and peers in one step.
  bool ruin_and_recreate() {
    std::vector<int> ruined;
    int count = 2 + random(3);
    for (int i = 0; i < count; ++i) {
      int r = pick_scheduled();
      if (r != kNoIndex && std::find(ruined.begin(), ruined.end(), r) == ruined.end()) ruined.push_back(r);
    }
    if (ruined.empty()) return false;
    for (int r : ruined) journal_.remove(r);
    for (std::size_t i = ruined.size(); i > 1; --i) std::swap(ruined[i - 1], ruined[random(static_cast<int>(i))]);
    for (int r : ruined)
      if (std::optional<Placement> placement = best_placement(state_, matcher_, r)) journal_.place(r, *placement);
    return true;
  }

  ScheduleState state_;
  TeamMatcher matcher_;
  std::mt19937_64 rng_;
  Journal journal_;
  std::vector<int> broken_;
  const std::vector<int>& guide_;
  std::vector<int> movable_;
  ScheduleState::Snapshot best_;
  std::vector<std::int64_t> history_;
  std::int64_t iterations_ = 0;
  std::int64_t last_best_ = 0;
  std::int64_t priced_ = 0;  // (peer, seat) pairs the team flows priced
  MoveChooser chooser_;
};

// Places whatever still fits (cheap and deterministic), for the final plan;
// followed requests first, so their follow-ups can go in after them.
void insert_leftovers(ScheduleState& state, TeamMatcher& matcher, const std::vector<int>& broken) {
  std::vector<int> all(state.problem().request_count());
  for (int r = 0; r < state.problem().request_count(); ++r) all[r] = r;
  for (int r : followed_first(state.problem(), all)) {
    if (state.scheduled(r) || std::find(broken.begin(), broken.end(), r) != broken.end()) continue;
    std::optional<Placement> placement = best_placement(state, matcher, r);
    if (placement) state.assign(r, placement->week, placement->peers);
  }
}

// The guide's transportation problem costs one flow augmentation over all
// (request, usable week) pairs per challenge over capacity: 1.5 s at x3
// (144,000 pairs; a 10 s run then ended with a higher preference term than
// without it), 25 s at x10 (462,000), more than the search it guides.
// Above this many pairs (the national programme has 49,000) the search
// makes no guided moves.
constexpr std::int64_t kGuideOptions = 100000;

std::int64_t usable_weeks_total(const Problem& problem) {
  std::int64_t total = 0;
  for (int r = 0; r < problem.request_count(); ++r) total += static_cast<std::int64_t>(problem.request(r).weeks.size());
  return total;
}

bool any_week_full(const ScheduleState& state) {
  for (int w = 0; w < state.problem().week_count(); ++w)
    if (state.week_full(w)) return true;
  return false;
}

Plan finish(ScheduleState& state, TeamMatcher& matcher, const std::vector<int>& broken) {
  insert_leftovers(state, matcher, broken);
  polish_teams(state);
  Plan plan = state.to_plan();
  for (Unscheduled& u : plan.unscheduled) {
    int r = state.problem().request_index(u.request);
    u.reasons = explain_unscheduled(state, matcher, r);
  }
  plan.cost = compute_cost(state.problem().scenario(), state.problem().calendar(), plan);
  return plan;
}

}  // namespace

SolveResult solve(const Problem& problem, const SolveOptions& options) {
  Clock::time_point start = Clock::now();
  SolveResult result;
  ScheduleState state(problem);
  TeamMatcher matcher(problem);
  std::vector<int> broken = Constructor(state, matcher, options.seed).run(options, start);
  result.first_feasible_seconds = seconds_since(start);
  result.first_feasible_cost = state.total();
  if (options.progress) options.progress({seconds_since(start), state.total(), state.unscheduled_count(), 0, false});

  std::vector<int> guide;
  if (any_week_full(state) && usable_weeks_total(problem) <= kGuideOptions) guide = preferred_weeks(problem, {options.stop});
  int threads = std::max(1, options.threads);
  std::vector<std::unique_ptr<LocalSearch>> searches;
  for (int t = 0; t < threads; ++t) searches.push_back(std::make_unique<LocalSearch>(state, options.seed + t, broken, guide));
  std::atomic<std::int64_t> shared_best{state.total()};
  auto report = [&](std::int64_t iterations) {
    if (!options.progress) return;
    options.progress({seconds_since(start), shared_best.load(), searches[0]->best_unscheduled(), iterations * threads, false});
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t)
    workers.emplace_back([&, t] { searches[t]->run(options, start, &shared_best, nullptr); });
  searches[0]->run(options, start, &shared_best, report);
  for (std::thread& worker : workers) worker.join();

  const LocalSearch* winner = searches[0].get();
  for (const auto& s : searches) {
    result.iterations += s->iterations();
    if (s->best().total < winner->best().total) winner = s.get();
  }
  state.restore(winner->best());
  result.plan = finish(state, matcher, broken);
  for (int r : broken) result.broken_pins.push_back(problem.scenario().requests[r].id);
  return result;
}

Result<SolveResult> solve(const Scenario& scenario, const SolveOptions& options) {
  Problem problem(scenario);
  return solve(problem, options);
}

}  // namespace peerslot
