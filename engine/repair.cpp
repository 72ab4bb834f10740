// Design: load the old plan into a ScheduleState over the changed scenario,
// find the assignments the change breaks (a peer no longer available, a
// week no longer usable, a declined or cancelled request), take them all
// out, then mend them one by one, highest priority first, with the least
// disruptive step that works (see repair.h). Steps 1-3 are single
// TeamMatcher / placement calls. Step 4 tries, in order of the broken request's preference cost,
// weeks where some other challenge could make way: the other is taken out,
// the broken one placed, and the other re-placed at its cheapest; the first
// few successes are compared on cost. Finally the moves are read off by
// comparing the new state with the old plan, so the report is exactly what
// changed. A decline is applied to the scenario (the peer joins the
// request's `declined`), so the Problem makes the peer ineligible for that
// request (H7) and no step proposes it there again; an assignment whose team
// holds a peer that is no longer eligible is broken, and mending it keeps
// the rest of its team and fills the vacated seat.
#include "engine/repair.h"

#include "engine/cost_model.h"
#include "engine/internal/explainer.h"
#include "engine/internal/placement.h"
#include "engine/words.h"

#include <algorithm>
#include <map>
#include <span>

namespace peerslot {

namespace greg = boost::gregorian;

Result<Scenario> apply_change(const Scenario& scenario, const RepairChange& change) {
  Scenario changed = scenario;
  switch (change.kind) {
    case RepairChange::Kind::kWithdrawPeer: {
      auto it = changed.peer_index.find(change.peer);
      if (it == changed.peer_index.end()) return Status::not_found("unknown peer " + change.peer);
      Date from = change.from.value_or(changed.window.start);
      std::vector<DateRange> kept;
      for (DateRange range : changed.peers[it->second].available) {
        if (range.start >= from) continue;
        range.end = std::min(range.end, from - greg::days(1));
        kept.push_back(range);
      }
      changed.peers[it->second].available = kept;
      break;
    }
    case RepairChange::Kind::kDeclineChallenge: {
      if (!changed.find_peer(change.peer)) return Status::not_found("unknown peer " + change.peer);
      auto it = changed.request_index.find(change.request);
      if (it == changed.request_index.end()) return Status::not_found("unknown request " + change.request);
      std::vector<std::string>& declined = changed.requests[it->second].declined;
      if (std::find(declined.begin(), declined.end(), change.peer) == declined.end()) declined.push_back(change.peer);
      break;
    }
    case RepairChange::Kind::kCancelRequest:
      if (!changed.find_request(change.request)) return Status::not_found("unknown request " + change.request);
      break;
    case RepairChange::Kind::kBlockWeek: {
      auto it = changed.council_index.find(change.council);
      if (it == changed.council_index.end()) return Status::not_found("unknown council " + change.council);
      if (!is_monday(change.monday)) return Status::invalid(to_iso(change.monday) + " is not a Monday");
      changed.councils[it->second].blackouts.push_back({change.monday, change.monday + greg::days(6)});
      break;
    }
  }
  return changed;
}

namespace {

class Repairer {
 public:
  Repairer(const Problem& problem, const RepairChange& change)
      : problem_(problem), change_(change), state_(problem), matcher_(problem) {}

  Status run(const Plan& old_plan, RepairResult* result) {
    Status loaded = state_.load(old_plan);
    if (!loaded.is_ok()) return loaded;
    old_ = state_.snapshot();
    if (declined() != kNoIndex) {
      Status seat = require_decliner_seated();
      if (!seat.is_ok()) return seat;
    }
    std::vector<int> broken = find_broken();
    result->broken = static_cast<int>(broken.size());
    for (int r : broken) state_.unassign(r);
    std::stable_sort(broken.begin(), broken.end(),
                     [&](int a, int b) { return problem_.request(a).priority > problem_.request(b).priority; });
    for (int r : broken)
      if (r != cancelled()) mend(r);
    mend_follow_ups();
    if (declined() == kNoIndex) fill_free_capacity();
    report(result);
    return Status::ok();
  }

 private:
  int cancelled() const {
    return change_.kind == RepairChange::Kind::kCancelRequest ? problem_.request_index(change_.request) : kNoIndex;
  }

  int declined() const {
    return change_.kind == RepairChange::Kind::kDeclineChallenge ? problem_.request_index(change_.request) : kNoIndex;
  }

  // The decliner must sit on the declined request in the old plan.
  Status require_decliner_seated() const {
    int p = problem_.peer_index(change_.peer);
    std::span<const int> team = state_.team(declined());
    if (!state_.scheduled(declined()) || std::find(team.begin(), team.end(), p) == team.end())
      return Status::not_found(change_.peer + " has no assignment in " + change_.request);
    return Status::ok();
  }

  // Every peer of r's old team may still sit on it that week: eligible (H7,
  // so not one who declined it) and available (H8).
  bool team_still_fine(int r, int w, std::span<const int> team) const {
    return std::all_of(team.begin(), team.end(), [&](int p) {
      return problem_.eligible(p, r) && problem_.available(p, w, problem_.request(r).days);
    });
  }

  bool still_fine(int r) const {
    if (r == cancelled() || r == declined()) return false;
    int w = state_.week(r);
    return problem_.usable_position(r, w) != kNoIndex && team_still_fine(r, w, state_.team(r));
  }

  std::vector<int> find_broken() const {
    std::vector<int> broken;
    for (int r = 0; r < problem_.request_count(); ++r)
      if (state_.scheduled(r) && !still_fine(r)) broken.push_back(r);
    return broken;
  }

  // H13 after the broken ones are mended: a follow-up whose followed
  // request moved out of its gap, or is no longer scheduled, is mended in
  // turn (each mend keeps H13, so this ends).
  void mend_follow_ups() {
    for (bool again = true; again;) {
      again = false;
      for (int r = 0; r < problem_.request_count(); ++r) {
        if (!state_.scheduled(r) || state_.follows_ok(r, state_.week(r))) continue;
        state_.unassign(r);
        mend(r);
        again = true;
      }
    }
  }

  // Steps 1..5 of repair.h for one broken request; when nothing works with
  // its follow-ups where they are, they make way (and are mended after).
  void mend(int r) {
    if (mend_in_place(r)) return;
    std::vector<int> follow_ups;
    for (int f : problem_.request(r).followers)
      if (state_.scheduled(f) && !problem_.request(f).pinned) follow_ups.push_back(f);
    for (int f : follow_ups) state_.unassign(f);
    bool mended = !follow_ups.empty() && mend_in_place(r);
    if (!mended) why_[r] = "could not be re-placed: " + week_reason(r, old_.week[r]);
    for (int f : follow_ups) mend(f);
  }

  bool mend_in_place(int r) {
    int w = old_.week[r];
    if (w != kNoIndex && problem_.usable_position(r, w) != kNoIndex && try_keep_team(r, w)) return true;
    if (w != kNoIndex) {
      if (std::optional<Placement> same = place_in_week(state_, matcher_, r, w)) {
        state_.assign(r, w, same->peers);
        why_[r] = "new team in the same week";
        return true;
      }
    }
    if (std::optional<Placement> other = best_placement(state_, matcher_, r)) {
      state_.assign(r, other->week, other->peers);
      why_[r] = w == kNoIndex ? "placed again after the challenge it follows" : "moved: " + week_reason(r, w);
      return true;
    }
    return eject_for(r);
  }

  // "the corporate peer challenge at Hartlepool Borough Council".
  std::string challenge_words(int r) const {
    const Request& request = problem_.scenario().requests[r];
    const Council* council = problem_.scenario().find_council(request.council);
    return "the " + kind_words(request.kind) + " at " + (council && !council->name.empty() ? council->name : request.council);
  }

  std::string week_reason(int r, int w) {
    if (w == kNoIndex) return explain_unscheduled(state_, matcher_, r).front().sentence();
    Reason reason = explain_week(state_, matcher_, r, w);
    return week_words(problem_.monday(w)) + " is no longer possible" + (reason.code.empty() ? "" : ": " + reason.sentence());
  }

  bool try_keep_team(int r, int w) {
    std::vector<int> keep = problem_.request(r).pinned_peers;
    const int* first = old_.peers.data() + offset(r);
    for (int i = 0; i < problem_.request(r).team_size; ++i) {
      int p = first[i];
      if (problem_.available(p, w, problem_.request(r).days) && problem_.eligible(p, r) &&
          std::find(keep.begin(), keep.end(), p) == keep.end())
        keep.push_back(p);
    }
    if (problem_.request(r).pinned && w != problem_.request(r).pinned_week) return false;
    if (state_.week_full(w) || !state_.follows_ok(r, w) || !state_.followers_ok(r, w)) return false;
    std::optional<Team> team = matcher_.best_team(state_, r, w, keep);
    if (!team) return false;
    state_.assign(r, w, team->peers);
    why_[r] = "replacement in the same week";
    return true;
  }

  int offset(int r) const {
    int total = 0;
    for (int i = 0; i < r; ++i) total += problem_.request(i).team_size;
    return total;
  }

  // Step 4: make way by moving one other challenge; the cheapest of the
  // first few ways found.
  bool eject_for(int r) {
    constexpr int kTries = 12;
    const ProblemRequest& request = problem_.request(r);
    std::vector<std::pair<std::int64_t, int>> weeks;
    for (std::size_t i = 0; i < request.weeks.size(); ++i) weeks.push_back({request.preference[i], request.weeks[i]});
    std::sort(weeks.begin(), weeks.end());
    std::int64_t best = 0;
    int best_victim = kNoIndex, found = 0;
    for (const auto& [pref, w] : weeks) {
      for (int v = 0; v < problem_.request_count() && found < kTries; ++v) {
        if (state_.week(v) != w || problem_.request(v).pinned) continue;
        std::int64_t delta = 0;
        if (!try_eject(r, w, v, &delta, false)) continue;
        ++found;
        if (best_victim == kNoIndex || delta < best) best = delta, best_victim = v;
      }
      if (found >= kTries) break;
    }
    if (best_victim == kNoIndex) return false;
    std::int64_t ignored = 0;
    return try_eject(r, state_.week(best_victim), best_victim, &ignored, true);
  }

  // Take v out of week w, put r in, re-place v; keep it only if `apply`.
  bool try_eject(int r, int w, int v, std::int64_t* delta, bool apply) {
    std::int64_t before = state_.total();
    std::vector<int> v_team(state_.team(v).begin(), state_.team(v).end());
    state_.unassign(v);
    std::optional<Placement> in = place_in_week(state_, matcher_, r, w);
    std::optional<Placement> again;
    if (in) {
      state_.assign(r, w, in->peers);
      again = best_placement(state_, matcher_, v);
      if (again) state_.assign(v, again->week, again->peers);
    }
    bool ok = in && again;
    *delta = state_.total() - before;
    if (ok && apply) {
      why_[r] = "took " + week_words(problem_.monday(w)) + " after moving " + challenge_words(v);
      why_[v] = "moved to make way for " + challenge_words(r);
      return true;
    }
    if (again) state_.unassign(v);
    if (in) state_.unassign(r);
    state_.assign(v, w, v_team);
    return ok;
  }

  // Repeated while something is placed, so a follow-up can go in after the
  // request it follows.
  void fill_free_capacity() {
    for (bool again = true; again;) {
      again = false;
      for (int r = 0; r < problem_.request_count(); ++r) {
        if (state_.scheduled(r) || r == cancelled() || old_.week[r] != kNoIndex) continue;
        if (std::optional<Placement> placement = best_placement(state_, matcher_, r)) {
          state_.assign(r, placement->week, placement->peers);
          why_[r] = "placed in freed capacity";
          again = true;
        }
      }
    }
  }

  void report(RepairResult* result) {
    const Scenario& s = problem_.scenario();
    result->plan = state_.to_plan();
    for (Unscheduled& u : result->plan.unscheduled) {
      int r = problem_.request_index(u.request);
      u.reasons = r == cancelled() ? std::vector<Reason>{{"cancelled", "", "Cancelled by the council", ""}} : explain_unscheduled(state_, matcher_, r);
    }
    result->plan.cost = compute_cost(s, problem_.calendar(), result->plan);
    int at = 0;
    for (int r = 0; r < problem_.request_count(); ++r) {
      int size = problem_.request(r).team_size;
      std::vector<int> before(old_.peers.begin() + at, old_.peers.begin() + at + size);
      at += size;
      bool same = old_.week[r] == state_.week(r) &&
                  (old_.week[r] == kNoIndex || std::equal(before.begin(), before.end(), state_.team(r).begin()));
      if (same) continue;
      RepairMove move{s.requests[r].id, {}, {}, {}, {}, why_.count(r) ? why_[r] : ""};
      if (r == cancelled()) move.why = "cancelled by the council";
      if (old_.week[r] != kNoIndex) {
        move.old_week = problem_.monday(old_.week[r]);
        for (int p : before) move.old_peers.push_back(s.peers[p].id);
      }
      if (state_.scheduled(r)) {
        move.new_week = problem_.monday(state_.week(r));
        for (int p : state_.team(r)) move.new_peers.push_back(s.peers[p].id);
      }
      bool was_broken = old_.week[r] != kNoIndex && (r == cancelled() || broken_by_change(r, before));
      if (old_.week[r] != kNoIndex && !was_broken) ++result->others_moved;
      result->moves.push_back(std::move(move));
    }
  }

  bool broken_by_change(int r, const std::vector<int>& before) const {
    int w = old_.week[r];
    if (r == declined() || problem_.usable_position(r, w) == kNoIndex) return true;
    return !team_still_fine(r, w, before);
  }

  const Problem& problem_;
  const RepairChange& change_;
  ScheduleState state_;
  TeamMatcher matcher_;
  ScheduleState::Snapshot old_;
  std::map<int, std::string> why_;
};

}  // namespace

Result<RepairResult> repair(const Scenario& scenario, const Plan& plan, const RepairChange& change) {
  auto changed = apply_change(scenario, change);
  if (!changed.is_ok()) return changed.status();
  RepairResult result;
  result.changed = std::move(changed).value();
  Problem problem(result.changed);
  Status status = Repairer(problem, change).run(plan, &result);
  if (!status.is_ok()) return status;
  return result;
}

}  // namespace peerslot
