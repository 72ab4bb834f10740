// Design: three steps, each exact.
//
// 1. Collect. Number the request's requirements: bit 0 the party in
//    control that week (H5) when there is one, then one bit per focus area (H6). Scan
//    every peer of a needed role once; a peer who can_take() the request
//    falls in the bucket (role, mask of requirements it meets), and each
//    bucket keeps only its seats[role] cheapest peers. This loses nothing:
//    in any team, a peer outside its bucket's cheapest seats[role] can be
//    swapped for a cheaper bucket-mate not in the team, which meets the same
//    requirements, so some optimal team uses bucket survivors only.
//    Not every peer is offered, and this is still exact. Peers come in
//    streams, one per role plus one for the members of the request's party
//    (H5): first the council's nearest-peer list (NearbyPeers) in km order,
//    then, if that runs out, every other peer of the group that is
//    available and free that week, cheapest bound first. Each stream has a
//    floor under the cost of any peer it has not offered: along a list, km
//    x travel weight + the least load term, weight x sum of n^2 over the
//    on-site days n per FY ((d+n)^2 - d^2 >= n^2); past it, the same with
//    the grid's lower bound on km and the peer's own load. Rounds: each
//    stream offers more (doubling), the search runs on the candidates; once
//    it finds a team of cost C, a stream may stop when its floor exceeds
//    C - rest, rest being the least the other seats can cost (the search
//    again, over the candidates plus "phantom" peers at each stream's floor
//    who meet every requirement that stream's peers can: the party only
//    members of the party). When every stream has stopped, any team with
//    a peer not offered costs more than C, the cheapest team among the
//    candidates; so the cheapest teams, and which of them the search meets
//    first, are exactly those of offering everyone: peers not offered, and
//    those they would have pushed out of a bucket, are in no cheapest team.
//    Which stream goes on first (the one whose cheapest candidates are not
//    settled yet) only changes how much is offered, never the answer.
//    Without a list (the council has no location) or with a negative
//    weight, a role offers all its peers, as before.
// 2. Cover. Depth-first search over "cover" choices: pick the lowest
//    uncovered requirement, branch on each surviving peer that meets it,
//    until every requirement is met; the rest of the seats are filled with
//    the cheapest remaining peers of each role. A branch is cut when its
//    cost plus the cheapest possible fill cannot beat the best team found.
// 3. Fill. Once every requirement is covered, a seat only asks for a peer
//    of its role, and each peer has one role, so the roles do not compete:
//    the cheapest fill takes, per role, the seats-left cheapest candidates
//    not already chosen (by_role_ is sorted by cost, then peer index).
#include "engine/internal/team_matcher.h"

#include <algorithm>
#include <climits>
#include <cstdint>

namespace peerslot {

// The requirements some peer of the role may meet, as
// Problem::requirements_met() decides them: the party (H5) only a member, a
// focus area (H6) anyone. A superset is always safe (the scan only goes on
// longer); keep it in step with requirements_met().
unsigned TeamMatcher::role_mask(int role) const {
  unsigned mask = all_;
  if (party_ != kNoIndex && role != static_cast<int>(Role::kMember)) mask &= ~1u;
  return mask;
}

bool TeamMatcher::take_forced(const ScheduleState& state, int r, int w, std::span<const int> forced) {
  for (std::size_t i = 0; i < forced.size(); ++i) {
    int p = forced[i];
    if (std::find(forced.begin(), forced.begin() + i, p) != forced.begin() + i) return false;
    if (!state.can_take(p, r, w)) return false;
    int role = static_cast<int>(problem_->peer(p).role);
    if (--seats_[role] < 0) return false;
    chosen_.push_back(p);
  }
  return true;
}

namespace {

constexpr int kMember = static_cast<int>(Role::kMember);
constexpr std::int64_t kNoFloor = INT64_MAX / 4;  // "no peer left": above any team's cost
constexpr std::int64_t kNoTarget = INT64_MIN;      // a stream that is not to scan this round (limits can be < 0)

}  // namespace

int TeamMatcher::stream_role(int s) { return s == kPartyStream ? kMember : s; }

// The old scan loop's body: the peer joins its (role, mask) bucket if it can
// take the request and is among the bucket's cheapest. `km` is km(p,
// council) when the caller has it (a list entry), else -1.
void TeamMatcher::offer(const ScheduleState& state, int r, int w, int role, int p, std::span<const int> forced,
                        std::int64_t km) {
  if (std::find(forced.begin(), forced.end(), p) != forced.end() || !state.can_take(p, r, w)) return;
  unsigned masks = all_ + 1;
  std::int64_t cost = km >= 0 ? km * travel_weight_ + state.load_cost(p, r, w) : state.peer_cost(p, r, w);
  Candidate c{cost, p, problem_->requirements_met(p, r, w)};
  std::size_t bucket = static_cast<std::size_t>(role) * masks + c.mask;
  Candidate* slots = &buckets_[bucket * max_seats_];
  int& size = bucket_sizes_[bucket];
  if (size == seats_[role] && !(c < slots[size - 1])) return;
  int i = size < seats_[role] ? size++ : size - 1;
  for (; i > 0 && c < slots[i - 1]; --i) slots[i] = slots[i - 1];
  slots[i] = c;
}

// The peers on the teams of the requests r is linked to by follows: the only
// ones whose continuity is below the floor's (0 on a follow-up, a saving on
// a followed request), so they are offered before any stream.
void TeamMatcher::offer_linked_teams(const ScheduleState& state, int r, int w, std::span<const int> forced) {
  const ProblemRequest& request = problem_->request(r);
  auto offer_team = [&](int linked) {
    if (linked == kNoIndex || !state.scheduled(linked)) return;
    for (int p : state.team(linked)) {
      int role = static_cast<int>(problem_->peer(p).role);
      if (seats_[role] <= 0 || offered_[p] == stamp_) continue;
      offered_[p] = stamp_;
      offer(state, r, w, role, p, forced, -1);
    }
  };
  offer_team(request.follows);
  for (int f : request.followers) offer_team(f);
}

// Every peer of the role, as the matcher did before the lists: the fallback.
void TeamMatcher::scan_all(const ScheduleState& state, int r, int w, int role, std::span<const int> forced) {
  unsigned masks = all_ + 1;
  std::fill_n(bucket_sizes_.begin() + static_cast<std::size_t>(role) * masks, masks, 0);
  for (int p : problem_->peers_with_role(static_cast<Role>(role))) {
    offered_[p] = stamp_;
    offer(state, r, w, role, p, forced, -1);
  }
  whole_[role] = true;
  if (role == kMember) whole_[kPartyStream] = true;
}

// Offers a stream's peers while their cost floor is at most cost_limit and
// until `depth` have been looked at (a peer the other member stream offered
// is skipped): first its list, in km order; when the list runs out (and is
// not complete), the other peers of its group that are available (H8) and
// free (H9) that week, cheapest bound first: min_km x travel weight plus
// the peer's own marginal load. Those whose bound is above `relevant` (the
// stream's limit: nobody above it can be in a team as cheap as the best)
// are only counted in dropped_, and taken up again should the limit rise.
void TeamMatcher::scan_stream(const ScheduleState& state, int r, int w, int s, std::span<const int> forced,
                              std::size_t depth, std::int64_t cost_limit, std::int64_t relevant) {
  const NearbyPeers& nearby = problem_->nearby();
  int role = stream_role(s);
  std::span<const NearbyPeers::Entry> list = list_[s];
  std::size_t& next = next_[s];
  for (; next < list.size() && scanned_[s] < depth; ++next, ++scanned_[s]) {
    if (list[next].km * travel_weight_ + load_floor_ > cost_limit) return;
    int p = list[next].peer;
    if (offered_[p] == stamp_) continue;
    offered_[p] = stamp_;
    offer(state, r, w, role, p, forced, list[next].km);
  }
  if (next < list.size()) return;
  if (!past_list_[s] && nearby.complete(council_, group_[s])) {
    whole_[s] = true;
    return;
  }
  std::vector<std::pair<std::int64_t, int>>& rest = rest_[s];
  auto later = [](const std::pair<std::int64_t, int>& a, const std::pair<std::int64_t, int>& b) { return a > b; };
  if (!past_list_[s] || dropped_[s] <= relevant) {
    past_list_[s] = true;
    rest.clear();
    dropped_[s] = kNoFloor;
    int days = problem_->request(r).days;
    std::int64_t beyond = nearby.bound_km(council_, group_[s]);
    for (int p : nearby.members(group_[s])) {
      if (offered_[p] == stamp_ || !problem_->available(p, w, days) || state.busy(p, w) != kNoIndex) continue;
      std::int64_t bound = std::max(beyond, nearby.min_km(p, council_)) * travel_weight_ + state.load_cost(p, r, w);
      if (bound > relevant) dropped_[s] = std::min(dropped_[s], bound);
      else rest.push_back({bound, p});
    }
    std::make_heap(rest.begin(), rest.end(), later);
  }
  while (!rest.empty() && scanned_[s] < depth && rest.front().first <= cost_limit) {
    std::pop_heap(rest.begin(), rest.end(), later);
    int p = rest.back().second;
    rest.pop_back();
    if (offered_[p] == stamp_) continue;
    ++scanned_[s];
    offered_[p] = stamp_;
    offer(state, r, w, role, p, forced, -1);
  }
  if (rest.empty() && dropped_[s] == kNoFloor) whole_[s] = true;
}

void TeamMatcher::gather(int role) {
  unsigned masks = all_ + 1;
  by_role_[role].clear();
  for (unsigned m = 0; m < masks; ++m) {
    std::size_t bucket = static_cast<std::size_t>(role) * masks + m;
    for (int i = 0; i < bucket_sizes_[bucket]; ++i) by_role_[role].push_back(buckets_[bucket * max_seats_ + i]);
  }
  std::sort(by_role_[role].begin(), by_role_[role].end());
}

// The least cost of a peer the stream has not offered yet.
std::int64_t TeamMatcher::stream_floor(int s) const {
  if (whole_[s]) return kNoFloor;
  if (!past_list_[s]) return list_[s][next_[s]].km * travel_weight_ + load_floor_;
  return std::min(rest_[s].empty() ? kNoFloor : rest_[s].front().first, dropped_[s]);
}

// The kind of unscanned peer a stream stands for: its least cost and the
// requirements it may meet. With the party stream on, the member stream
// stands for members not of the party (who cannot meet it) and the party
// stream for those of the party, unscanned in both streams.
std::int64_t TeamMatcher::kind_floor(int s) const {
  if (whole_[s]) return kNoFloor;
  if (s == kPartyStream) return std::max(stream_floor(kMember), stream_floor(kPartyStream));
  return stream_floor(s);
}

unsigned TeamMatcher::kind_reach(int s) const {
  unsigned reach = role_mask(stream_role(s));
  if (s == kMember && party_stream_) reach &= ~1u;
  return reach;
}

// The least the team's seats other than one of `role` can cost, whatever
// the requirements.
std::int64_t TeamMatcher::others_floor(int role) const {
  std::int64_t total = 0;
  for (int other = 0; other < kRoleCount; ++other) {
    int need = seats_[other] - (other == role ? 1 : 0);
    std::int64_t floor = kind_floor(other);  // the member stream's floor is the least of both
    for (int i = 0; i < need; ++i) {
      std::int64_t cost = i < static_cast<int>(by_role_[other].size()) ? std::min(by_role_[other][i].cost, floor) : floor;
      total = std::min(kNoFloor, total + cost);
    }
  }
  return total;
}

// The least the team's other seats can cost when one seat goes to an
// unscanned peer of stream s's kind: the search over the candidates plus,
// per stream not scanned whole, seats "phantoms" standing for its unscanned
// peers (cost its floor, every requirement its kind may meet). Overwrites
// the search's result.
std::int64_t TeamMatcher::rest_floor(int s, unsigned covered) {
  unsigned reach = kind_reach(s);
  if ((covered | reach) == all_) return others_floor(stream_role(s));
  for (int other = 0; other < kStreams; ++other) {
    int role = stream_role(other);
    if (whole_[other] || seats_[role] <= 0) continue;
    Candidate phantom{kind_floor(other), 0, kind_reach(other)};
    for (int i = 0; i < seats_[role]; ++i) {
      phantom.peer = -1 - (other * 64 + i);  // never a peer index
      by_role_[role].push_back(phantom);
    }
    std::sort(by_role_[role].begin(), by_role_[role].end());
  }
  --seats_[stream_role(s)];
  found_ = false;
  search(covered | reach, 0);
  ++seats_[stream_role(s)];
  std::int64_t floor = found_ ? best_cost_ : kNoFloor;
  found_ = false;
  for (int role = 0; role < kRoleCount; ++role) gather(role);
  return floor;
}

// What a stream's candidates settle: the party stream, the cheapest member
// of the party; a role, its seats-th cheapest and, for each requirement only
// it can meet (the party when there is no party stream), its cheapest
// candidate meeting it. Until the stream's floor passes this, an unscanned
// peer could still undercut them, and the other limits stay loose. Decides
// only the order of the scan, never its result.
std::int64_t TeamMatcher::settled_cost(int s, unsigned covered) const {
  const std::vector<Candidate>& have = by_role_[stream_role(s)];
  auto cheapest_with = [&](unsigned bit) {
    auto it = std::find_if(have.begin(), have.end(), [&](const Candidate& c) { return c.mask & bit; });
    return it == have.end() ? kNoFloor : it->cost;
  };
  if (s == kPartyStream) return cheapest_with(1u);
  int role = stream_role(s);
  std::int64_t settled = have.size() >= static_cast<std::size_t>(seats_[role]) ? have[seats_[role] - 1].cost : kNoFloor;
  unsigned own = kind_reach(s) & ~covered;
  for (int other = 0; other < kStreams; ++other)
    if (other != s && seats_[stream_role(other)] > 0 && !(s == kMember && other == kPartyStream)) own &= ~kind_reach(other);
  for (unsigned bits = own; bits; bits &= bits - 1) settled = std::max(settled, cheapest_with(bits & (~bits + 1)));
  return settled;
}

void TeamMatcher::collect(const ScheduleState& state, int r, int w, std::span<const int> forced, unsigned covered) {
  const ProblemRequest& request = problem_->request(r);
  const Weights& weights = problem_->scenario().weights;
  const NearbyPeers& nearby = problem_->nearby();
  const OnSite& site = problem_->on_site(w, request.days);
  unsigned masks = all_ + 1;
  buckets_.resize(static_cast<std::size_t>(kRoleCount) * masks * max_seats_);
  bucket_sizes_.assign(static_cast<std::size_t>(kRoleCount) * masks, 0);
  council_ = request.council;
  travel_weight_ = weights.travel_km;
  // The least a peer can add beyond travel: the load of a peer with no
  // other days, plus, on a follow-up, the continuity of a new peer. The
  // peers continuity treats otherwise (on a linked team) are offered first.
  load_floor_ = weights.load * (static_cast<std::int64_t>(site.count[0]) * site.count[0] +
                                static_cast<std::int64_t>(site.count[1]) * site.count[1]) +
                (request.follows != kNoIndex ? weights.continuity : 0);
  bool ordered = !exhaustive_ && weights.travel_km >= 0 && weights.load >= 0;  // else no floor: offer everyone
  if (offered_.size() != static_cast<std::size_t>(problem_->peer_count())) offered_.assign(problem_->peer_count(), 0);
  if (++stamp_ == 0) {
    std::fill(offered_.begin(), offered_.end(), 0);
    stamp_ = 1;
  }
  for (int s = 0; s < kStreams; ++s) {
    list_[s] = {};
    next_[s] = 0;
    past_list_[s] = false;
    scanned_[s] = 0;
    whole_[s] = true;
    // The party stream's party is the one requirements_met() tests for bit
    // 0, that week's (party_): members not in the stream are taken to be
    // unable to meet it (kind_reach()).
    group_[s] = s < kRoleCount ? NearbyPeers::role_group(static_cast<Role>(s)) : nearby.party_group(party_);
  }
  for (int role = 0; role < kRoleCount; ++role) by_role_[role].clear();
  offer_linked_teams(state, r, w, forced);
  party_stream_ = false;
  bool open = false;
  for (int s = 0; s < kStreams; ++s) {
    int role = stream_role(s);
    if (seats_[role] <= 0 || group_[s] == NearbyPeers::kNoGroup) continue;
    if (ordered && nearby.has_list(council_, group_[s])) {
      if (s == kPartyStream && whole_[kMember]) continue;
      list_[s] = nearby.nearest(council_, group_[s]);
      whole_[s] = false;
      if (s == kPartyStream) party_stream_ = true;
      scan_stream(state, r, w, s, forced, 0, kNoFloor, kNoFloor);  // an empty list
      open = open || !whole_[s];
    } else if (s != kPartyStream) {
      scan_all(state, r, w, role, forced);
    }
  }
  // Rounds: each stream scans on to its target, at most doubling what it
  // has looked at, then the search runs on the candidates so far. Until a
  // team exists there is no target. Then a stream's limit is what a peer of
  // its kind must cost to be in a team as cheap as the best one (best -
  // rest_floor); while some stream is not settled, the others' limits are
  // loose, so only the unsettled ones scan, each no further than it settles.
  std::int64_t target[kStreams], limit[kStreams];
  std::fill(std::begin(target), std::end(target), kNoFloor);
  std::fill(std::begin(limit), std::end(limit), kNoFloor);
  while (open) {
    for (int s = 0; s < kStreams; ++s)
      if (!whole_[s] && target[s] != kNoTarget) {
        std::size_t depth = scanned_[s] + std::max<std::size_t>(8 * seats_[stream_role(s)], scanned_[s]);
        scan_stream(state, r, w, s, forced, depth, target[s], limit[s]);
      }
    for (int role = 0; role < kRoleCount; ++role) gather(role);
    found_ = false;
    search(covered, 0);
    open = false;
    if (!found_) {
      for (int s = 0; s < kStreams; ++s) open = open || !whole_[s];
      continue;
    }
    std::int64_t best = best_cost_;
    bool unsettled = false;
    std::int64_t settled[kStreams] = {};
    for (int s = 0; s < kStreams; ++s) {
      target[s] = kNoTarget;
      if (whole_[s]) continue;
      limit[s] = best - rest_floor(s, covered);
      std::int64_t floor = kind_floor(s);
      if (floor > limit[s]) continue;
      open = true;
      settled[s] = settled_cost(s, covered);
      target[s] = limit[s];
      if (floor <= settled[s]) {
        target[s] = std::min(limit[s], settled[s]);
        unsettled = true;
      }
    }
    if (unsettled)
      for (int s = 0; s < kStreams; ++s)
        if (target[s] != kNoTarget && kind_floor(s) > settled[s]) target[s] = kNoTarget;
  }
  for (int role = 0; role < kRoleCount; ++role) gather(role);
  found_ = false;
}

// The cheapest way to fill the remaining seats with peers not yet chosen,
// appended to `fill` when given; nullopt if some role has too few
// candidates. (A cost can be below 0: continuity a leader's peer saves.)
std::optional<std::int64_t> TeamMatcher::fill_cost(std::vector<int>* fill) const {
  std::int64_t total = 0;
  for (int role = 0; role < kRoleCount; ++role) {
    int need = seats_[role];
    for (const Candidate& c : by_role_[role]) {
      if (need == 0) break;
      if (std::find(chosen_.begin(), chosen_.end(), c.peer) != chosen_.end()) continue;
      total += c.cost;
      if (fill) fill->push_back(c.peer);
      --need;
    }
    if (need > 0) return std::nullopt;
  }
  return total;
}

void TeamMatcher::search(unsigned covered, std::int64_t cost) {
  if (covered == all_) {
    std::optional<std::int64_t> fill = fill_cost();
    if (!fill || (found_ && cost + *fill >= best_cost_)) return;
    found_ = true;
    best_cost_ = cost + *fill;
    best_cover_ = chosen_;
    return;
  }
  unsigned need = covered ^ all_;
  unsigned bit = need & (~need + 1);
  for (int role = 0; role < kRoleCount; ++role) {
    if (seats_[role] == 0) continue;
    for (const Candidate& c : by_role_[role]) {
      if (!(c.mask & bit) || std::find(chosen_.begin(), chosen_.end(), c.peer) != chosen_.end()) continue;
      if (found_ && cost + c.cost >= best_cost_) break;  // sorted by cost: no cheaper one follows
      --seats_[role];
      chosen_.push_back(c.peer);
      search(covered | c.mask, cost + c.cost);
      chosen_.pop_back();
      ++seats_[role];
    }
  }
}

std::optional<Team> TeamMatcher::best_team(const ScheduleState& state, int r, int w, std::span<const int> forced) {
  ++calls_;
  const ProblemRequest& request = problem_->request(r);
  party_ = problem_->party(r, w);
  int requirements = problem_->requirement_count(r, w);
  if (requirements > 16) return std::nullopt;  // beyond any real programme; refuse rather than blow up
  all_ = (1u << requirements) - 1;
  seats_ = request.team;
  chosen_.clear();
  found_ = false;
  if (!take_forced(state, r, w, forced)) return std::nullopt;
  max_seats_ = std::max(1, *std::max_element(seats_.begin(), seats_.end()));
  unsigned covered = 0;
  for (int p : chosen_) covered |= problem_->requirements_met(p, r, w);
  std::size_t forced_count = chosen_.size();
  collect(state, r, w, forced, covered);
  search(covered, 0);
  if (!found_) return std::nullopt;
  chosen_ = best_cover_;
  for (std::size_t i = forced_count; i < chosen_.size(); ++i) --seats_[static_cast<int>(problem_->peer(chosen_[i]).role)];
  Team team;
  team.peers = chosen_;
  fill_cost(&team.peers);  // appends the cheapest fill of the seats left
  for (int p : team.peers) team.cost += state.peer_cost(p, r, w);
  if (static_cast<int>(team.peers.size()) != request.team_size) return std::nullopt;
  return team;
}

}  // namespace peerslot
