// Design: covers first (greedy, from each old team), then one flow network
// for the whole group (team_flow.h). Arc costs are shifted so that none is
// negative: every unit of flow crosses exactly one challenge-to-peer arc,
// so the shift adds the same amount to every complete fill and the
// cheapest fill is unchanged. The flow is read back from the residual
// capacities of the challenge-to-peer arcs.
#include "engine/internal/team_flow.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include <algorithm>
#include <bit>
#include <map>
#include <set>

namespace peerslot {

namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, double>>>>>;
using Edge = Traits::edge_descriptor;

// A min-cost flow network with its reverse arcs.
class FlowNetwork {
 public:
  int add_vertex() { return static_cast<int>(boost::add_vertex(graph_)); }

  Edge add_arc(int from, int to, long capacity, double cost) {
    Edge arc = boost::add_edge(from, to, graph_).first;
    Edge back = boost::add_edge(to, from, graph_).first;
    auto capacities = boost::get(boost::edge_capacity, graph_);
    auto weights = boost::get(boost::edge_weight, graph_);
    auto reverses = boost::get(boost::edge_reverse, graph_);
    capacities[arc] = capacity;
    capacities[back] = 0;
    weights[arc] = cost;
    weights[back] = -cost;
    reverses[arc] = back;
    reverses[back] = arc;
    return arc;
  }

  void solve(int source, int sink) { boost::successive_shortest_path_nonnegative_weights(graph_, source, sink); }

  long flow(Edge arc) const {
    return boost::get(boost::edge_capacity, graph_)[arc] - boost::get(boost::edge_residual_capacity, graph_)[arc];
  }

 private:
  Graph graph_;
};

// The peers of `team` that r needs for its party and focus requirements in
// week w, most requirements first; *complete false if the team does not
// cover them.
std::vector<int> cover_of(const Problem& problem, int r, int w, const std::vector<int>& team, bool* complete) {
  unsigned all = (1u << problem.requirement_count(r, w)) - 1;
  std::vector<int> by_reach = team;
  std::stable_sort(by_reach.begin(), by_reach.end(), [&](int a, int b) {
    return std::popcount(problem.requirements_met(a, r, w)) > std::popcount(problem.requirements_met(b, r, w));
  });
  std::vector<int> cover;
  unsigned covered = 0;
  for (int p : by_reach) {
    unsigned met = problem.requirements_met(p, r, w);
    if ((met & ~covered) == 0) continue;
    cover.push_back(p);
    covered |= met;
  }
  *complete = covered == all;
  return cover;
}

struct Candidate {
  std::int64_t cost;
  int peer;
  bool operator<(const Candidate& o) const { return cost != o.cost ? cost < o.cost : peer < o.peer; }
};

class GroupFill {
 public:
  GroupFill(const ScheduleState& state, const std::vector<Seating>& group)
      : state_(state), problem_(state.problem()), group_(group), one_shape_(true) {
    for (const Seating& s : group_) one_shape_ = one_shape_ && same_load_shape(problem_, group_.front(), s);
  }

  // Fills every seat the covers in `teams` leave; false if some seat
  // cannot be filled.
  bool run(std::vector<std::vector<int>>& teams) {
    count_seats(teams);
    collect_candidates();
    return solve(teams);
  }

  // (peer, seat) pairs priced so far.
  std::int64_t priced() const { return priced_; }

 private:
  const OnSite& site(std::size_t i) const {
    return problem_.on_site(group_[i].week, problem_.request(group_[i].request).days);
  }

  int cover_days(int p, int fy) const {
    auto it = cover_days_.find({p, fy});
    return it == cover_days_.end() ? 0 : it->second;
  }

  void count_seats(const std::vector<std::vector<int>>& teams) {
    seats_.assign(group_.size(), TeamShape{});
    for (std::size_t i = 0; i < group_.size(); ++i) {
      seats_[i] = problem_.request(group_[i].request).team;
      for (int p : teams[i]) {
        --seats_[i][static_cast<int>(problem_.peer(p).role)];
        covers_in_week_.insert({p, group_[i].week});
        for (int k = 0; k < 2; ++k) cover_days_[{p, site(i).fy[k]}] += site(i).count[k];
      }
      for (int role = 0; role < kRoleCount; ++role) demand_[role] += seats_[i][role];
    }
  }

  // What p adds to seat i on its own, or nothing if p cannot take it.
  std::optional<std::int64_t> first_unit(int p, std::size_t i) const {
    int r = group_[i].request, w = group_[i].week;
    ScheduleState::Block block = state_.block(p, r, w);
    if (block != ScheduleState::Block::kOk && block != ScheduleState::Block::kCap) return std::nullopt;
    if (covers_in_week_.count({p, w})) return std::nullopt;
    int cap = problem_.peer(p).cap;
    std::int64_t extra = 0;
    for (int k = 0; k < 2; ++k) {
      int n = site(i).count[k], fy = site(i).fy[k];
      if (n == 0) continue;
      if (cap >= 0 && state_.year_days(p, fy) + cover_days(p, fy) + n > cap) return std::nullopt;
      extra += 2 * static_cast<std::int64_t>(n) * cover_days(p, fy);
    }
    return state_.peer_cost(p, r, w) + extra * problem_.scenario().weights.load;
  }

  // Per (challenge, role) the demand_[role] cheapest peers who can take
  // it, and its old team's peers of that role.
  void collect_candidates() {
    candidates_.assign(group_.size() * kRoleCount, {});
    for (std::size_t i = 0; i < group_.size(); ++i) {
      for (int role = 0; role < kRoleCount; ++role) {
        if (seats_[i][role] <= 0) continue;
        std::vector<Candidate>& list = candidates_[i * kRoleCount + role];
        for (int p : problem_.peers_with_role(static_cast<Role>(role)))
          if (std::optional<std::int64_t> cost = first_unit(p, i)) list.push_back({*cost, p});
        priced_ += static_cast<std::int64_t>(problem_.peers_with_role(static_cast<Role>(role)).size());
        std::sort(list.begin(), list.end());
        std::vector<Candidate> kept;
        for (const Candidate& c : list) {
          bool old = std::find(group_[i].peers.begin(), group_[i].peers.end(), c.peer) != group_[i].peers.end();
          if (old || static_cast<int>(kept.size()) < demand_[role]) kept.push_back(c);
        }
        list = std::move(kept);
      }
    }
  }

  // How many challenges of the group p may take: one per week it is a
  // candidate in, within its yearly cap; one in all when the group mixes
  // load shapes (then all are in one week).
  long units_for(int p, const std::set<int>& weeks) const {
    if (!one_shape_) return 1;
    long units = static_cast<long>(weeks.size());
    int cap = problem_.peer(p).cap, d = site(0).count[0], fy = site(0).fy[0];
    if (cap >= 0) units = std::min<long>(units, (cap - state_.year_days(p, fy) - cover_days(p, fy)) / d);
    return units;
  }

  bool solve(std::vector<std::vector<int>>& teams) {
    FlowNetwork network;
    int source = network.add_vertex(), sink = network.add_vertex();
    std::int64_t lowest = 0;
    std::map<int, std::set<int>> weeks_of;  // peer -> weeks it is a candidate in
    for (std::size_t i = 0; i < group_.size(); ++i)
      for (int role = 0; role < kRoleCount; ++role)
        for (const Candidate& c : candidates_[i * kRoleCount + role]) {
          lowest = std::min(lowest, c.cost);
          weeks_of[c.peer].insert(group_[i].week);
        }
    std::map<int, int> peer_vertex;
    std::int64_t d = site(0).count[0], step = 2 * problem_.scenario().weights.load * d * d;  // used when one_shape_
    for (const auto& [p, weeks] : weeks_of) {
      int v = network.add_vertex();
      peer_vertex[p] = v;
      long units = units_for(p, weeks);
      for (long k = 1; k <= units; ++k) network.add_arc(v, sink, 1, static_cast<double>((k - 1) * step));
    }
    std::map<std::pair<int, int>, int> peer_week_vertex;
    std::vector<std::pair<Edge, std::pair<std::size_t, int>>> choices;  // arc -> (challenge, peer)
    long wanted = 0;
    for (std::size_t i = 0; i < group_.size(); ++i) {
      for (int role = 0; role < kRoleCount; ++role) {
        if (seats_[i][role] <= 0) continue;
        int seat = network.add_vertex();
        network.add_arc(source, seat, seats_[i][role], 0);
        wanted += seats_[i][role];
        for (const Candidate& c : candidates_[i * kRoleCount + role]) {
          auto [it, fresh] = peer_week_vertex.emplace(std::pair{c.peer, group_[i].week}, 0);
          if (fresh) {
            it->second = network.add_vertex();
            network.add_arc(it->second, peer_vertex[c.peer], 1, 0);
          }
          Edge arc = network.add_arc(seat, it->second, 1, static_cast<double>(c.cost - lowest));
          choices.push_back({arc, {i, c.peer}});
        }
      }
    }
    network.solve(source, sink);
    long filled = 0;
    std::vector<std::vector<int>> fill(group_.size());
    for (const auto& [arc, choice] : choices) {
      if (network.flow(arc) == 0) continue;
      ++filled;
      fill[choice.first].push_back(choice.second);
    }
    if (filled != wanted) return false;
    for (std::size_t i = 0; i < group_.size(); ++i) teams[i].insert(teams[i].end(), fill[i].begin(), fill[i].end());
    return true;
  }

  const ScheduleState& state_;
  const Problem& problem_;
  const std::vector<Seating>& group_;
  bool one_shape_;
  std::int64_t priced_ = 0;
  std::vector<TeamShape> seats_;
  TeamShape demand_{};
  std::set<std::pair<int, int>> covers_in_week_;    // (peer, week) of cover seats
  std::map<std::pair<int, int>, int> cover_days_;  // (peer, financial year) -> days on cover seats
  std::vector<std::vector<Candidate>> candidates_;  // (challenge, role)
};

}  // namespace

bool same_load_shape(const Problem& problem, const Seating& a, const Seating& b) {
  const OnSite& x = problem.on_site(a.week, problem.request(a.request).days);
  const OnSite& y = problem.on_site(b.week, problem.request(b.request).days);
  return x.count[1] == 0 && y.count[1] == 0 && x.fy[0] == y.fy[0] && x.count[0] == y.count[0];
}

std::vector<Seating> reteam_together(const ScheduleState& state, const std::vector<Seating>& group, std::int64_t* priced) {
  const Problem& problem = state.problem();
  std::vector<std::vector<int>> teams(group.size());
  bool covered = true;
  for (std::size_t i = 0; i < group.size(); ++i) {
    bool complete = false;
    teams[i] = cover_of(problem, group[i].request, group[i].week, group[i].peers, &complete);
    covered = covered && complete;
  }
  if (group.empty() || !covered) return group;
  GroupFill fill(state, group);
  bool filled = fill.run(teams);
  if (priced) *priced += fill.priced();
  if (!filled) return group;
  std::vector<Seating> result = group;
  for (std::size_t i = 0; i < group.size(); ++i) result[i].peers = teams[i];
  return result;
}

}  // namespace peerslot
