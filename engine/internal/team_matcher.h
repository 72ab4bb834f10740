// team_matcher.h — the cheapest feasible team for one request in one week,
// given who is already booked.
//
// Internal to the engine: not part of its public API. Only engine .cpp files
// and engine unit tests include it; public headers never do.
//
// A team has exactly team[role] peers per role (H4), each of whom can_take()
// the request that week (H7..H10); it includes a member of the party in
// control on the first on-site day when there is a member seat (H5), and
// covers every focus area (H6);
// it contains any `forced` peers (pins, H12, or peers repair keeps).
// Its cost is the sum over its peers of ScheduleState::peer_cost() (travel,
// marginal load and continuity), exactly the change in the plan's cost.
//
// Guarantees: exact. If any feasible team exists, best_team() returns one of
// least cost (ties broken by peer index, so results are deterministic).
// Peers are not all looked at: each role is scanned from the council's
// nearest-peer lists (NearbyPeers) in km order, members of the request's
// party also on their own, and past a list in order of a lower bound on
// cost; the scan stops once no peer left can be in a team as cheap as the
// best one found (a peer's cost is at least km x travel weight plus a load
// term of at least weight x n^2; the team's other seats at least what the
// search finds for them over the candidates and such bounds). A council
// without a location, or a negative weight, falls back to the scan of every
// peer. Nothing in this is a heuristic: the team returned, ties included,
// and whether one exists at all are exactly those of the scan of every peer
// (so the explainer's reasons are unchanged); only the work done depends on
// the lists. `exhaustive` turns the lists off (tests compare the two).
// The one rule of the cost model this relies on beyond weights >= 0: only a
// member of the request's party meets the party requirement (role_mask()
// and the party stream follow requirement_mask(); change them together).
// Limit: a request with more than 16 requirements (party + focus areas) is
// refused (no team) rather than searched; no real request comes close.
// Thread-safety: holds scratch buffers; use one TeamMatcher per thread.
#pragma once

#include "engine/internal/nearby_peers.h"
#include "engine/internal/schedule_state.h"

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace peerslot {

struct Team {
  std::int64_t cost = 0;  // travel + marginal load of its peers
  std::vector<int> peers;
};

class TeamMatcher {
 public:
  explicit TeamMatcher(const Problem& problem, bool exhaustive = false) : problem_(&problem), exhaustive_(exhaustive) {}

  std::optional<Team> best_team(const ScheduleState& state, int r, int w, std::span<const int> forced = {});
  // How many times best_team() has been called: a measure of work.
  std::int64_t calls() const { return calls_; }

 private:
  struct Candidate {
    std::int64_t cost;
    int peer;
    unsigned mask;  // requirements this peer satisfies
    bool operator<(const Candidate& o) const { return cost != o.cost ? cost < o.cost : peer < o.peer; }
  };

  unsigned role_mask(int role) const;
  bool take_forced(const ScheduleState& state, int r, int w, std::span<const int> forced);
  void collect(const ScheduleState& state, int r, int w, std::span<const int> forced, unsigned covered);
  void offer(const ScheduleState& state, int r, int w, int role, int p, std::span<const int> forced, std::int64_t km);
  void offer_linked_teams(const ScheduleState& state, int r, int w, std::span<const int> forced);
  void scan_all(const ScheduleState& state, int r, int w, int role, std::span<const int> forced);
  void scan_stream(const ScheduleState& state, int r, int w, int s, std::span<const int> forced, std::size_t depth,
                   std::int64_t cost_limit, std::int64_t relevant);
  void gather(int role);
  static int stream_role(int s);
  std::int64_t stream_floor(int s) const;
  std::int64_t kind_floor(int s) const;
  unsigned kind_reach(int s) const;
  std::int64_t others_floor(int role) const;
  std::int64_t rest_floor(int s, unsigned covered);
  std::int64_t settled_cost(int s, unsigned covered) const;
  void search(unsigned covered, std::int64_t cost);
  std::optional<std::int64_t> fill_cost(std::vector<int>* fill = nullptr) const;

  const Problem* problem_;
  bool exhaustive_ = false;
  // Per-call scratch.
  unsigned all_ = 0;
  TeamShape seats_{};  // seats still to fill per role
  std::vector<Candidate> buckets_;        // (role, mask) -> best seats[role] candidates
  std::vector<int> bucket_sizes_;
  std::vector<Candidate> by_role_[kRoleCount];  // union of buckets, sorted
  std::vector<int> chosen_;               // cover peers on the current search path
  std::vector<int> best_cover_;
  std::int64_t best_cost_ = 0;
  bool found_ = false;
  int max_seats_ = 0;
  std::int64_t calls_ = 0;
  int party_ = kNoIndex;  // the party a member seat must match this week (H5)
  // Per-call state of the scan in km order, per stream: one per role, and
  // kPartyStream for the members of the request's party (H5).
  static constexpr int kPartyStream = kRoleCount;
  static constexpr int kStreams = kRoleCount + 1;
  int council_ = 0;
  std::int64_t travel_weight_ = 0;
  std::int64_t load_floor_ = 0;                      // least non-travel cost of any peer for (r, w)
  int group_[kStreams] = {};                         // NearbyPeers group
  std::span<const NearbyPeers::Entry> list_[kStreams];
  std::size_t next_[kStreams] = {};                  // first list entry not yet offered
  bool past_list_[kStreams] = {};                    // the list is used up: rest_ holds the others
  std::vector<std::pair<std::int64_t, int>> rest_[kStreams];  // heap of (cost bound, peer)
  std::int64_t dropped_[kStreams] = {};              // least bound of those left out of rest_
  bool party_stream_ = false;                        // the party stream was started this call
  std::size_t scanned_[kStreams] = {};               // list entries and grid peers looked at
  bool whole_[kStreams] = {};                        // nothing left to offer
  std::vector<std::uint32_t> offered_;               // peer -> stamp_ once offered this call
  std::uint32_t stamp_ = 0;
};

}  // namespace peerslot
