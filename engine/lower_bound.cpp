// Design: price lazily, couple by a small flow, certify by duality.
//
// 1. Options. In each week a request's team costs at least its floor there
//    (TeamFloor: the cheapest peers who could take it, by travel, and what
//    its party and focus requirements add at least). Its weeks are taken by preference + floor; each is priced by
//    one TeamMatcher call on an empty ScheduleState until that estimate
//    reaches the cheapest option found: no week left can be cheaper. The
//    weeks not priced keep their estimate. Options (and estimates) costing
//    at least the unscheduled penalty are dropped: staying unscheduled is as
//    cheap and frees the week, so they never improve the relaxation. Every
//    figure used, priced or estimated, is a lower bound on what the request
//    adds to a real plan in that week, so the relaxation stays valid.
// 2. Coupling by H11. Each request at its cheapest option is optimal but for
//    the weeks over capacity. Their excess is moved out by a min-cost flow on
//    the exchange network (Boost's successive_shortest_path_nonnegative_
//    weights): overfull week -> request there (1, 0) -> another of its weeks
//    (1, extra cost) or unscheduled (1, penalty - cost); week -> sink (spare
//    capacity, 0); unscheduled -> sink. Each request's cheapest option is
//    where its costs start, so every edge cost is >= 0, as that algorithm
//    needs; it augments once per excess challenge, not once per request.
// 3. Certificate. From the flow's choices, each week's price p(w) is the
//    least cost of freeing one place in it (moving its requests on: shortest
//    paths on the weeks, by Bellman-Ford), 0 with spare capacity. For
//    any prices >= 0 (Lagrangian of H11, weak duality)
//        L(p) = sum_r min(penalty_r, min_w c(r, w) + p(w)) - capacity x sum_w p(w)
//    is a lower bound on the relaxation, here with the lower estimates for
//    weeks not priced. When L(p) equals the choices' cost and they fit the
//    capacity, that cost is the relaxation's exact optimum. Otherwise the
//    weeks whose estimate beats their request's value under p are priced and
//    the flow is solved again; if none is left (which would be a bug), the
//    capacity-free bound is returned, flagged incomplete.
//
// Boost and its infinite distances: after each Dijkstra, the flow algorithm
// adds every vertex's distance to its potential; an unreachable vertex has
// distance numeric_limits<long>::max(), and adding that twice overflows (the
// UBSan report that made the team matcher drop its flow). So every vertex
// is kept reachable: a super source feeds the source with the total excess,
// and the source has an edge of cost `never` (more than any real path) to
// every vertex. The flow is capped by the excess and a real path of cost <=
// the largest penalty always remains until it is all routed, so those edges
// never carry flow (checked). The round after the last augmentation finds
// the super source's edge saturated and stops before adding anything.
#include "engine/lower_bound.h"

#include "engine/internal/seat_load.h"
#include "engine/internal/team_matcher.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace peerslot {

namespace {

// Above this many party + focus requirements TeamMatcher::best_team refuses
// the request (team_matcher.h); the bound then prices its seats without H5/H6.
constexpr int kMatcherRequirementLimit = 16;

struct Option {
  int week = kNoIndex;
  std::int64_t cost = 0;  // preference + travel + load
  std::int64_t preference = 0, travel = 0, load = 0;
};

// A week not priced yet, with a lower bound on its option's cost.
struct Estimate {
  int week = kNoIndex;
  std::int64_t lower = 0;  // preference + team floor
};

struct Candidates {
  std::int64_t penalty = 0;        // weights.unscheduled x priority
  std::vector<Option> options;     // priced, cost < penalty, cheapest first (ties: earlier week)
  std::vector<Estimate> unpriced;  // lower < penalty, not priced yet
};

constexpr int kUnscheduled = -1;
// A relaxed solution: per request an index into its options or kUnscheduled.
using Choices = std::vector<int>;

// ---- step 1: options ------------------------------------------------------

// The cheapest seats per role ignoring H5/H6, with the forced peers: a lower
// bound on any team for requests the matcher refuses.
std::optional<Team> cheapest_seats(const ScheduleState& empty, int r, int w, std::span<const int> forced) {
  const Problem& problem = empty.problem();
  TeamShape seats = problem.request(r).team;
  Team team;
  for (int p : forced) {
    if (std::find(team.peers.begin(), team.peers.end(), p) != team.peers.end() || !empty.can_take(p, r, w)) return std::nullopt;
    if (--seats[static_cast<int>(problem.peer(p).role)] < 0) return std::nullopt;
    team.peers.push_back(p);
  }
  for (int role = 0; role < kRoleCount; ++role) {
    std::vector<std::pair<std::int64_t, int>> costs;
    for (int p : problem.peers_with_role(static_cast<Role>(role)))
      if (std::find(forced.begin(), forced.end(), p) == forced.end() && empty.can_take(p, r, w))
        costs.push_back({empty.peer_cost(p, r, w), p});
    if (static_cast<int>(costs.size()) < seats[role]) return std::nullopt;
    std::partial_sort(costs.begin(), costs.begin() + seats[role], costs.end());
    for (int i = 0; i < seats[role]; ++i) team.peers.push_back(costs[i].second);
  }
  for (int p : team.peers) team.cost += empty.peer_cost(p, r, w);
  return team;
}

// Whether r's team must match a party in some week (H5).
bool has_party(const ProblemRequest& request) {
  return request.party != kNoIndex ||
         std::any_of(request.party_by_week.begin(), request.party_by_week.end(), [](int party) { return party != kNoIndex; });
}

// The same party in every week: the floor may count it as a requirement.
bool fixed_party(const ProblemRequest& request) { return request.party != kNoIndex && request.party_by_week.empty(); }

bool matcher_refuses(const ProblemRequest& request) {
  int requirements = (has_party(request) ? 1 : 0) + static_cast<int>(request.focus.size());
  return requirements > kMatcherRequirementLimit;
}

std::optional<Option> price(const ScheduleState& empty, TeamMatcher& matcher, const SeatLoad& loads, int r, int w) {
  const Problem& problem = empty.problem();
  const ProblemRequest& request = problem.request(r);
  std::optional<Team> team = matcher_refuses(request) ? cheapest_seats(empty, r, w, request.pinned_peers)
                                                      : matcher.best_team(empty, r, w, request.pinned_peers);
  if (!team) return std::nullopt;
  Option o;
  o.week = w;
  o.preference = problem.preference_cost(r, w);
  for (int p : team->peers) o.travel += problem.km(p, request.council) * problem.scenario().weights.travel_km;
  // In the empty plan every peer's load is its days alone, the same for
  // all, and a follow-up's every peer is new (continuity, >= 0, not part
  // of the bound): the team is the cheapest by travel, and its load is
  // the floor the SeatLoad gives.
  o.load = loads.team_load(request, problem.on_site(w, request.days));
  o.cost = o.preference + o.travel + o.load;
  return o;
}

void add_option(Candidates& c, const Option& o) {
  if (o.cost >= c.penalty) return;
  auto before = [](const Option& a, const Option& b) { return a.cost != b.cost ? a.cost < b.cost : a.week < b.week; };
  c.options.insert(std::upper_bound(c.options.begin(), c.options.end(), o, before), o);
}

// The peers eligible for a request in one role, cheapest travel first:
// only the first few are sorted until a walk goes past them (most stop
// after a handful), then all.
class PeersByTravel {
 public:
  struct Entry {
    std::int64_t km;
    int peer;
    unsigned mask;  // the request's requirements this peer meets (H5 bit 0, then focus areas)
    bool operator<(const Entry& o) const { return km != o.km ? km < o.km : peer < o.peer; }
  };
  void add(const Entry& e) { entries_.push_back(e); }
  std::size_t size() const { return entries_.size(); }
  const Entry& operator[](std::size_t i) {
    if (i >= sorted_) {
      std::size_t to = sorted_ == 0 ? std::min(entries_.size(), std::max<std::size_t>(i + 1, kFirst)) : entries_.size();
      std::partial_sort(entries_.begin() + sorted_, entries_.begin() + to, entries_.end());
      sorted_ = to;
    }
    return entries_[i];
  }

 private:
  static constexpr std::size_t kFirst = 32;
  std::vector<Entry> entries_;
  std::size_t sorted_ = 0;
};

// A lower bound on r's cheapest team in a week, from the peers who could
// take it there (can_take on the empty state: role, H7, H8, H10) by travel:
// per role the cheapest seats; then for each party or focus requirement
// (H5, H6) none of those meets, a team must hold some peer q meeting it, in
// some role, costing at least km(q) plus the cheapest seats - 1 of that
// role: the least such extra over the roles is added, the largest over the
// requirements. Each peer adds the week's load, the same for all.
class TeamFloor {
 public:
  TeamFloor(const ScheduleState& empty, const SeatLoad& loads, int r) : empty_(empty), loads_(loads), r_(r) {
    const Problem& problem = empty.problem();
    const ProblemRequest& request = problem.request(r);
    requirements_ = matcher_refuses(request) ? 0 : (fixed_party(request) ? 1 : 0) + static_cast<int>(request.focus.size());
    meeting_.resize(requirements_);
    for (int role = 0; role < kRoleCount; ++role) {
      if (request.team[role] == 0) continue;
      for (int p : problem.peers_with_role(static_cast<Role>(role))) {
        if (!problem.eligible(p, r)) continue;
        PeersByTravel::Entry e{problem.km(p, request.council) * problem.scenario().weights.travel_km, p, mask(p)};
        peers_[role].add(e);
        for (int q = 0; q < requirements_; ++q)
          if (e.mask >> q & 1) meeting_[q][role].add(e);
      }
    }
  }

  // Remembers a priced option, so that same_team() can spot the weeks where
  // its team is again the cheapest. Any team of travel <= the option's holds
  // only peers with km <= its travel - (the role-blind floor of the other
  // seats): those are the peers whose availability matters.
  void remember(const Option& priced) {
    remembered_ = priced;
    std::int64_t others = 0;  // the cheapest seats of every role, availability ignored
    for (int role = 0; role < kRoleCount; ++role)
      for (int i = 0; i < empty_.problem().request(r_).team[role]; ++i) others += peers_[role][i].km;
    for (int role = 0; role < kRoleCount; ++role) {
      int seats = empty_.problem().request(r_).team[role];
      relevant_[role].clear();
      if (seats == 0) continue;
      std::int64_t limit = priced.travel - others + peers_[role][seats - 1].km;
      for (std::size_t i = 0; i < peers_[role].size() && peers_[role][i].km <= limit; ++i)
        relevant_[role].push_back({peers_[role][i].peer, empty_.can_take(peers_[role][i].peer, r_, priced.week)});
    }
  }

  // Week w has exactly the remembered option's team cost: the same on-site
  // days per financial year (so the same load and H10) and the same
  // can_take for every peer that matters.
  std::optional<Option> same_team(int w) const {
    if (!remembered_) return std::nullopt;
    const Problem& problem = empty_.problem();
    const OnSite& here = problem.on_site(w, problem.request(r_).days);
    const OnSite& there = problem.on_site(remembered_->week, problem.request(r_).days);
    if (here.count[0] != there.count[0] || here.count[1] != there.count[1]) return std::nullopt;  // H10 may differ
    for (int role = 0; role < kRoleCount; ++role)
      for (const auto& [p, takes] : relevant_[role])
        if (empty_.can_take(p, r_, w) != takes) return std::nullopt;
    Option o = *remembered_;
    o.week = w;
    o.preference = problem.preference_cost(r_, w);
    o.load = loads_.team_load(problem.request(r_), here);
    o.cost = o.preference + o.travel + o.load;
    return o;
  }
  bool remembers() const { return remembered_.has_value(); }

  // nullopt: no team can exist in week w.
  std::optional<std::int64_t> at(int w) {
    const ProblemRequest& request = empty_.problem().request(r_);
    std::int64_t travel = 0;
    unsigned covered = 0;
    for (int role = 0; role < kRoleCount; ++role) {
      if (!cheapest_seats_of(role, w, &covered)) return std::nullopt;
      travel += sum_[role];
    }
    std::int64_t extra = 0;
    for (int q = 0; q < requirements_; ++q) {
      if (covered >> q & 1) continue;
      std::optional<std::int64_t> e = requirement_extra(q, w);
      if (!e) return std::nullopt;
      extra = std::max(extra, *e);
    }
    return travel + extra + loads_.team_load(request, empty_.problem().on_site(w, request.days));
  }

 private:
  unsigned mask(int p) const {
    const Problem& problem = empty_.problem();
    const ProblemRequest& request = problem.request(r_);
    unsigned m = 0;
    int bit = 0;
    if (fixed_party(request)) {
      if (problem.peer(p).role == Role::kMember && problem.peer(p).party == request.party) m |= 1u;
      bit = 1;
    }
    for (int skill : request.focus) {
      if (bit >= requirements_) break;
      if (problem.has_skill(p, skill)) m |= 1u << bit;
      ++bit;
    }
    return m;
  }

  // The cheapest seats of the role in week w: sum_ and last_; false if too few.
  bool cheapest_seats_of(int role, int w, unsigned* covered) {
    int seats = empty_.problem().request(r_).team[role];
    sum_[role] = last_[role] = 0;
    for (std::size_t i = 0; i < peers_[role].size() && seats > 0; ++i) {
      const PeersByTravel::Entry& e = peers_[role][i];
      if (!empty_.can_take(e.peer, r_, w)) continue;
      sum_[role] += e.km;
      last_[role] = e.km;
      *covered |= e.mask;
      --seats;
    }
    return seats == 0;
  }

  // The least extra over the roles of holding a peer meeting requirement q
  // (none of the cheapest seats does); nullopt if no peer free in w meets it.
  std::optional<std::int64_t> requirement_extra(int q, int w) {
    std::optional<std::int64_t> best;
    for (int role = 0; role < kRoleCount; ++role) {
      if (empty_.problem().request(r_).team[role] == 0) continue;
      for (std::size_t i = 0; i < meeting_[q][role].size(); ++i) {
        const PeersByTravel::Entry& e = meeting_[q][role][i];
        if (!empty_.can_take(e.peer, r_, w)) continue;
        if (!best || e.km - last_[role] < *best) best = e.km - last_[role];
        break;
      }
    }
    return best;
  }

  const ScheduleState& empty_;
  const SeatLoad& loads_;
  int r_;
  int requirements_ = 0;
  PeersByTravel peers_[kRoleCount];
  std::vector<std::array<PeersByTravel, kRoleCount>> meeting_;  // per requirement, the peers meeting it
  std::int64_t sum_[kRoleCount] = {};
  std::int64_t last_[kRoleCount] = {};
  std::optional<Option> remembered_;
  std::vector<std::pair<int, bool>> relevant_[kRoleCount];  // (peer, can_take in the remembered week)
};

// r's weeks (only its pin, when pinned) with lower bounds on their options,
// cheapest first; weeks that cannot beat staying unscheduled are left out.
std::vector<Estimate> estimates(const ScheduleState& empty, int r, std::int64_t penalty, TeamFloor& floor) {
  const Problem& problem = empty.problem();
  const ProblemRequest& request = problem.request(r);
  std::vector<Estimate> result;
  if (request.pinned) {
    if (request.pinned_week != kNoIndex && problem.usable_position(r, request.pinned_week) != kNoIndex)
      result.push_back({request.pinned_week, problem.preference_cost(r, request.pinned_week)});
    return result;
  }
  for (std::size_t i = 0; i < request.weeks.size(); ++i)
    if (std::optional<std::int64_t> team = floor.at(request.weeks[i]); team && request.preference[i] + *team < penalty)
      result.push_back({request.weeks[i], request.preference[i] + *team});
  std::stable_sort(result.begin(), result.end(), [](const Estimate& a, const Estimate& b) { return a.lower < b.lower; });
  return result;
}

// Prices r's weeks, lowest estimate first, until the estimates reach the
// cheapest option found: no week left can be cheaper than it. Weeks where
// the first team found is provably again the cheapest skip the matcher.
Candidates priced_request(const ScheduleState& empty, TeamMatcher& matcher, const SeatLoad& loads, int r) {
  const Problem& problem = empty.problem();
  Candidates c;
  c.penalty = problem.scenario().weights.unscheduled * problem.request(r).priority;
  TeamFloor floor(empty, loads, r);
  for (const Estimate& e : estimates(empty, r, c.penalty, floor)) {
    if (!c.options.empty() && e.lower >= c.options.front().cost) {
      c.unpriced.push_back(e);
      continue;
    }
    std::optional<Option> o = floor.same_team(e.week);
    if (!o && (o = price(empty, matcher, loads, r, e.week)) && !floor.remembers()) floor.remember(*o);
    if (o) add_option(c, *o);
  }
  return c;
}

// After a stop: every week at its preference cost alone (teams cost >= 0).
Candidates preference_only(const Problem& problem, int r) {
  Candidates c;
  c.penalty = problem.scenario().weights.unscheduled * problem.request(r).priority;
  const ProblemRequest& request = problem.request(r);
  for (std::size_t i = 0; i < request.weeks.size(); ++i) {
    int w = request.weeks[i];
    if (request.pinned && w != request.pinned_week) continue;
    add_option(c, Option{w, request.preference[i], request.preference[i], 0, 0});
  }
  return c;
}

std::vector<Candidates> all_candidates(const ScheduleState& empty, TeamMatcher& matcher, const SeatLoad& loads,
                                       const std::atomic<bool>* stop, bool* complete) {
  const Problem& problem = empty.problem();
  std::vector<Candidates> all;
  for (int r = 0; r < problem.request_count(); ++r) {
    if (stop && stop->load()) *complete = false;
    all.push_back(*complete ? priced_request(empty, matcher, loads, r) : preference_only(problem, r));
  }
  return all;
}

// ---- step 2: coupling by the weekly capacity ------------------------------

Choices cheapest_each(const std::vector<Candidates>& all) {
  Choices choices(all.size(), kUnscheduled);
  for (std::size_t r = 0; r < all.size(); ++r)
    if (!all[r].options.empty()) choices[r] = 0;
  return choices;
}

std::vector<int> week_loads(const std::vector<Candidates>& all, const Choices& choices, int weeks) {
  std::vector<int> load(weeks, 0);
  for (std::size_t r = 0; r < all.size(); ++r)
    if (choices[r] != kUnscheduled) ++load[all[r].options[choices[r]].week];
  return load;
}

bool fits(const std::vector<Candidates>& all, const Choices& choices, int weeks, int capacity) {
  std::vector<int> load = week_loads(all, choices, weeks);
  return std::all_of(load.begin(), load.end(), [&](int n) { return n <= capacity; });
}

using FlowTraits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowEdge = FlowTraits::edge_descriptor;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, FlowEdge,
                                                    boost::property<boost::edge_weight_t, long>>>>>;

// Moves the excess of overfull weeks out, from each request at its
// cheapest option; the optimal choices, or nullopt if the flow misbehaved.
class ExcessFlow {
 public:
  ExcessFlow(const std::vector<Candidates>& all, int weeks, int capacity)
      : all_(all), weeks_(weeks), capacity_(capacity), graph_(kFirstWeek + weeks) {}

  std::optional<Choices> solve() {
    if (!build()) return std::nullopt;
    boost::successive_shortest_path_nonnegative_weights(graph_, kSuperSource, kSink);
    return choices();
  }

 private:
  static constexpr int kSuperSource = 0, kSource = 1, kSink = 2, kUnscheduledVertex = 3, kFirstWeek = 4;

  FlowEdge add_edge(int from, int to, long capacity, long weight) {
    FlowEdge forward = boost::add_edge(from, to, graph_).first;
    FlowEdge backward = boost::add_edge(to, from, graph_).first;
    boost::put(boost::edge_capacity, graph_, forward, capacity);
    boost::put(boost::edge_capacity, graph_, backward, 0);
    boost::put(boost::edge_weight, graph_, forward, weight);
    boost::put(boost::edge_weight, graph_, backward, -weight);
    boost::put(boost::edge_reverse, graph_, forward, backward);
    boost::put(boost::edge_reverse, graph_, backward, forward);
    return forward;
  }

  // False when the costs are too large for the `never` edges.
  bool build() {
    std::vector<int> load = week_loads(all_, cheapest_each(all_), weeks_);
    long excess = 0;
    for (int w = 0; w < weeks_; ++w) excess += std::max(0, load[w] - capacity_);
    add_edge(kSuperSource, kSource, excess, 0);
    add_edge(kUnscheduledVertex, kSink, excess, 0);
    for (int w = 0; w < weeks_; ++w) {
      if (load[w] > capacity_) add_edge(kSource, kFirstWeek + w, load[w] - capacity_, 0);
      if (load[w] < capacity_) add_edge(kFirstWeek + w, kSink, capacity_ - load[w], 0);
    }
    for (std::size_t r = 0; r < all_.size(); ++r)
      if (!all_[r].options.empty()) add_request(static_cast<int>(r));
    return add_reachability(excess);
  }

  void add_request(int r) {
    const Candidates& c = all_[r];
    int v = static_cast<int>(boost::add_vertex(graph_));
    long base = static_cast<long>(c.options.front().cost);
    add_edge(kFirstWeek + c.options.front().week, v, 1, 0);
    for (std::size_t i = 1; i < c.options.size(); ++i)
      moves_.push_back({r, static_cast<int>(i), add_edge(v, kFirstWeek + c.options[i].week, 1, c.options[i].cost - base)});
    moves_.push_back({r, kUnscheduled, add_edge(v, kUnscheduledVertex, 1, c.penalty - base)});
  }

  // An edge of cost `never` from the source to every other vertex (see the
  // design note). Until the excess is all routed, some real path costs at
  // most the largest penalty P; a path through a `never` edge costs at least
  // never - (the flow's cost so far, <= excess x P), as only the reverse
  // edges of the flow are negative. So never = (excess + 1) x P + 1 is
  // never the cheaper one.
  bool add_reachability(long excess) {
    long largest = 0;
    for (const Candidates& c : all_) largest = std::max<long>(largest, c.penalty);
    constexpr long kLimit = 1L << 60;  // potentials and reduced costs stay far from overflow
    if (largest > 0 && excess + 1 > (kLimit - 1) / largest) return false;
    long never = (excess + 1) * largest + 1;
    int vertices = static_cast<int>(boost::num_vertices(graph_));
    for (int v = kSink; v < vertices; ++v) reach_.push_back({kNoIndex, 0, add_edge(kSource, v, 1, never)});
    return true;
  }

  bool carries(const FlowEdge& e) const {
    return boost::get(boost::edge_residual_capacity, graph_, e) < boost::get(boost::edge_capacity, graph_, e);
  }

  std::optional<Choices> choices() const {
    for (const Arc& a : reach_)
      if (carries(a.edge)) return std::nullopt;
    Choices choices = cheapest_each(all_);
    for (const Arc& a : moves_)
      if (carries(a.edge)) choices[a.request] = a.option;
    return choices;
  }

  struct Arc {
    int request;
    int option;
    FlowEdge edge;
  };
  const std::vector<Candidates>& all_;
  int weeks_;
  int capacity_;
  FlowGraph graph_;
  std::vector<Arc> moves_, reach_;
};

// ---- step 3: certificate --------------------------------------------------

constexpr long kNoPath = std::numeric_limits<long>::max();

struct PriceEdge {
  int from, to;
  long cost;
};

// Bellman-Ford from `root`; nullopt on a negative cycle. (Boost's version
// trips GCC 12's -Wmaybe-uninitialized inside its edge iterator; on a
// hundred-odd weeks this loop is all it takes.)
std::optional<std::vector<long>> distances_from(int vertices, int root, const std::vector<PriceEdge>& edges) {
  std::vector<long> d(vertices, kNoPath);
  d[root] = 0;
  for (int pass = 0; pass <= vertices; ++pass) {
    bool changed = false;
    for (const PriceEdge& e : edges)
      if (d[e.from] != kNoPath && d[e.from] + e.cost < d[e.to]) {
        d[e.to] = d[e.from] + e.cost;
        changed = true;
      }
    if (!changed) return d;
  }
  return std::nullopt;
}

// Least extra cost of moving one request of week `from` to `to` (a week or
// `weeks`, unscheduled), for every pair, given the choices.
std::vector<long> cheapest_moves(const std::vector<Candidates>& all, const Choices& choices, int weeks) {
  std::vector<long> move(static_cast<std::size_t>(weeks) * (weeks + 1), kNoPath);
  auto at = [&](int from, int to) -> long& { return move[static_cast<std::size_t>(from) * (weeks + 1) + to]; };
  for (std::size_t r = 0; r < all.size(); ++r) {
    if (choices[r] == kUnscheduled) continue;
    const Candidates& c = all[r];
    const Option& here = c.options[choices[r]];
    at(here.week, weeks) = std::min<long>(at(here.week, weeks), c.penalty - here.cost);
    for (const Option& o : c.options)
      if (o.week != here.week) at(here.week, o.week) = std::min<long>(at(here.week, o.week), o.cost - here.cost);
  }
  return move;
}

// Per week, the least cost of freeing one place in it given the choices (0
// with spare capacity); nullopt on a negative cycle (choices not optimal).
std::optional<std::vector<std::int64_t>> week_prices(const std::vector<Candidates>& all, const Choices& choices,
                                                     int weeks, int capacity) {
  // Vertices: weeks, then "unscheduled", then "a free place". Edges run
  // reversed (from the free place), so distances from it are costs to it.
  const int unscheduled = weeks, free_place = weeks + 1;
  std::vector<long> move = cheapest_moves(all, choices, weeks);
  std::vector<int> load = week_loads(all, choices, weeks);
  std::vector<PriceEdge> edges{{free_place, unscheduled, 0}};
  for (int w = 0; w < weeks; ++w) {
    if (load[w] < capacity) edges.push_back({free_place, w, 0});
    for (int to = 0; to <= weeks; ++to)
      if (long m = move[static_cast<std::size_t>(w) * (weeks + 1) + to]; m != kNoPath) edges.push_back({to, w, m});
  }
  std::optional<std::vector<long>> distance = distances_from(weeks + 2, free_place, edges);
  if (!distance) return std::nullopt;
  // No way to free a place: a full week holding nobody (capacity 0). Any
  // price then does, as capacity x price is 0: one no request would pay.
  std::int64_t closed = 0;
  for (const Candidates& c : all) closed = std::max(closed, c.penalty);
  std::vector<std::int64_t> prices(weeks, 0);
  for (int w = 0; w < weeks; ++w) prices[w] = (*distance)[w] == kNoPath ? closed : std::max<long>(0, (*distance)[w]);
  return prices;
}

// r's value under the prices over its priced options: min(penalty, c + p).
std::int64_t priced_value(const Candidates& c, const std::vector<std::int64_t>& prices) {
  std::int64_t best = c.penalty;
  for (const Option& o : c.options) best = std::min(best, o.cost + prices[o.week]);
  return best;
}

// L(p), with the weeks not priced at their lower estimates.
std::int64_t lagrangian(const std::vector<Candidates>& all, const std::vector<std::int64_t>& prices, int capacity) {
  std::int64_t total = 0;
  for (std::size_t r = 0; r < all.size(); ++r) {
    std::int64_t value = priced_value(all[r], prices);
    for (const Estimate& e : all[r].unpriced) value = std::min(value, e.lower + prices[e.week]);
    total += value;
  }
  for (std::int64_t p : prices) total -= capacity * p;
  return total;
}

std::int64_t solution_cost(const std::vector<Candidates>& all, const Choices& choices) {
  std::int64_t total = 0;
  for (std::size_t r = 0; r < all.size(); ++r)
    total += choices[r] == kUnscheduled ? all[r].penalty : all[r].options[choices[r]].cost;
  return total;
}

// Prices the unpriced weeks whose estimate plus price beats r's value under
// the prices, lowest first, until none is left below the value (which
// falls as options are found); false when there is none.
bool price_more(const ScheduleState& empty, TeamMatcher& matcher, const SeatLoad& loads, int r, Candidates& c,
                const std::vector<std::int64_t>& prices) {
  std::int64_t value = priced_value(c, prices);
  std::stable_sort(c.unpriced.begin(), c.unpriced.end(), [&](const Estimate& a, const Estimate& b) {
    return a.lower + prices[a.week] < b.lower + prices[b.week];
  });
  std::vector<Estimate> keep;
  bool priced = false;
  for (const Estimate& e : c.unpriced) {
    if (e.lower + prices[e.week] >= value) {
      keep.push_back(e);
      continue;
    }
    priced = true;
    if (std::optional<Option> o = price(empty, matcher, loads, r, e.week)) {
      add_option(c, *o);
      value = std::min(value, o->cost + prices[o->week]);
    }
  }
  c.unpriced = std::move(keep);
  return priced;
}

bool price_more(const ScheduleState& empty, TeamMatcher& matcher, const SeatLoad& loads, std::vector<Candidates>& all,
                const std::vector<std::int64_t>& prices) {
  bool priced = false;
  for (std::size_t r = 0; r < all.size(); ++r)
    priced = price_more(empty, matcher, loads, static_cast<int>(r), all[r], prices) || priced;
  return priced;
}

// The relaxation's optimum under the capacity, certified; nullopt when
// stopped (or if the certificate fails).
std::optional<Choices> capacity_coupled(const ScheduleState& empty, TeamMatcher& matcher, const SeatLoad& loads,
                                        std::vector<Candidates>& all, int capacity, const std::atomic<bool>* stop) {
  const Problem& problem = empty.problem();
  while (!(stop && stop->load())) {
    std::optional<Choices> choices = ExcessFlow(all, problem.week_count(), capacity).solve();
    if (!choices || !fits(all, *choices, problem.week_count(), capacity)) return std::nullopt;
    auto prices = week_prices(all, *choices, problem.week_count(), capacity);
    if (!prices) return std::nullopt;
    if (lagrangian(all, *prices, capacity) == solution_cost(all, *choices)) return choices;
    if (!price_more(empty, matcher, loads, all, *prices)) return std::nullopt;
  }
  return std::nullopt;
}

// The bound of the relaxed choices; `weeks` gets each request's week in
// them (kNoIndex: unscheduled).
LowerBound summarise(const std::vector<Candidates>& all, const Choices& choices, const SeatLoad& loads, bool complete,
                     std::vector<int>* weeks) {
  LowerBound bound;
  bound.complete = complete;
  bound.cost.load = -loads.constant();
  weeks->assign(all.size(), kNoIndex);
  for (std::size_t r = 0; r < all.size(); ++r) {
    const Candidates& c = all[r];
    if (c.options.empty() && c.unpriced.empty()) ++bound.unschedulable;
    if (choices[r] == kUnscheduled) {
      ++bound.unscheduled;
      bound.cost.unscheduled += c.penalty;
      continue;
    }
    const Option& o = c.options[choices[r]];
    (*weeks)[r] = o.week;
    bound.cost.preference += o.preference;
    bound.cost.travel += o.travel;
    bound.cost.load += o.load;
  }
  bound.cost.total = bound.cost.unscheduled + bound.cost.preference + bound.cost.travel + bound.cost.load;
  return bound;
}

// The relaxation with the given load floors, solved (coupled by the cap).
LowerBound relaxed(const ScheduleState& empty, TeamMatcher& matcher, const SeatLoad& loads, const LowerBoundOptions& options,
                   std::vector<int>* weeks) {
  const Problem& problem = empty.problem();
  bool complete = true;
  std::vector<Candidates> all = all_candidates(empty, matcher, loads, options.stop, &complete);
  std::optional<int> capacity = problem.scenario().max_challenges_per_week;
  Choices cheapest = cheapest_each(all);
  if (!capacity || !complete || fits(all, cheapest, problem.week_count(), *capacity))
    return summarise(all, cheapest, loads, complete, weeks);
  std::optional<Choices> coupled = capacity_coupled(empty, matcher, loads, all, *capacity, options.stop);
  if (!coupled) return summarise(all, cheapest_each(all), loads, false, weeks);
  return summarise(all, *coupled, loads, true, weeks);
}

}  // namespace

// Alone first; then pooled where the alone solution's days are crowded
// (seat_load.h), kept if it is the stronger. Both are valid bounds.
LowerBound lower_bound(const Problem& problem, const LowerBoundOptions& options) {
  ScheduleState empty(problem);
  TeamMatcher matcher(problem);
  std::vector<int> weeks;
  LowerBound alone = relaxed(empty, matcher, SeatLoad(problem), options, &weeks);
  if (!options.pool_crowded_roles || !alone.complete) return alone;
  SeatLoad pooled = SeatLoad::pooled_for(problem, weeks);
  if (!pooled.any_pooled()) return alone;
  LowerBound better = relaxed(empty, matcher, pooled, options, &weeks);
  return better.complete && better.cost.total > alone.cost.total && better.cost.load >= 0 ? better : alone;
}

std::vector<int> preferred_weeks(const Problem& problem, const LowerBoundOptions& options) {
  std::vector<Candidates> all;
  for (int r = 0; r < problem.request_count(); ++r) all.push_back(preference_only(problem, r));
  std::optional<int> capacity = problem.scenario().max_challenges_per_week;
  Choices choices = cheapest_each(all);
  if (capacity && !fits(all, choices, problem.week_count(), *capacity)) {
    ScheduleState empty(problem);  // not read: preference-only candidates leave nothing to price
    TeamMatcher matcher(problem);
    if (std::optional<Choices> coupled = capacity_coupled(empty, matcher, SeatLoad(problem), all, *capacity, options.stop))
      choices = *coupled;
  }
  std::vector<int> weeks(all.size(), kNoIndex);
  for (std::size_t r = 0; r < all.size(); ++r)
    if (choices[r] != kUnscheduled) weeks[r] = all[r].options[choices[r]].week;
  return weeks;
}

}  // namespace peerslot
