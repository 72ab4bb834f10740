// Design: covers first (greedy, from each old team), then one flow network
// for the whole week: source -> (challenge, role) with capacity the seats
// of that role its cover leaves -> candidate peer (capacity 1, cost the
// peer's marginal cost, shifted so that no arc is negative) -> sink
// (capacity 1). Every unit of flow crosses exactly one challenge-to-peer
// arc, so the shift adds the same amount to every complete fill and the
// cheapest fill is unchanged. The flow is read back from the residual
// capacities of the challenge-to-peer arcs.
#include "engine/internal/week_reteam.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include <algorithm>
#include <bit>
#include <map>

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
// week w, most requirements first; empty with *complete false if the team
// does not cover them.
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

class WeekFill {
 public:
  WeekFill(const ScheduleState& state, int week, const std::vector<int>& requests)
      : state_(state), problem_(state.problem()), week_(week), requests_(requests) {}

  // Fills every seat the covers leave; false if some seat cannot be filled.
  bool run(std::vector<std::vector<int>>& teams) {
    count_seats(teams);
    collect_candidates();
    return solve(teams);
  }

 private:
  void count_seats(const std::vector<std::vector<int>>& teams) {
    seats_.assign(requests_.size(), TeamShape{});
    demand_ = TeamShape{};
    for (std::size_t i = 0; i < requests_.size(); ++i) {
      seats_[i] = problem_.request(requests_[i]).team;
      for (int p : teams[i]) {
        --seats_[i][static_cast<int>(problem_.peer(p).role)];
        reserved_.push_back(p);
      }
      for (int role = 0; role < kRoleCount; ++role) demand_[role] += seats_[i][role];
    }
    std::sort(reserved_.begin(), reserved_.end());
  }

  // Per (request, role) the demand_[role] cheapest peers who can take it;
  // more are never needed (one of them is always free to swap in).
  void collect_candidates() {
    candidates_.assign(requests_.size() * kRoleCount, {});
    for (std::size_t i = 0; i < requests_.size(); ++i) {
      int r = requests_[i];
      for (int role = 0; role < kRoleCount; ++role) {
        if (seats_[i][role] <= 0) continue;
        std::vector<Candidate>& list = candidates_[i * kRoleCount + role];
        for (int p : problem_.peers_with_role(static_cast<Role>(role)))
          if (!std::binary_search(reserved_.begin(), reserved_.end(), p) && state_.can_take(p, r, week_))
            list.push_back({state_.peer_cost(p, r, week_), p});
        std::size_t keep = std::min<std::size_t>(list.size(), demand_[role]);
        std::partial_sort(list.begin(), list.begin() + keep, list.end());
        list.resize(keep);
      }
    }
  }

  bool solve(std::vector<std::vector<int>>& teams) {
    FlowNetwork network;
    int source = network.add_vertex(), sink = network.add_vertex();
    std::int64_t lowest = 0;
    for (const std::vector<Candidate>& list : candidates_)
      for (const Candidate& c : list) lowest = std::min(lowest, c.cost);
    std::map<int, int> peer_vertex;
    std::vector<std::pair<Edge, std::pair<int, int>>> choices;  // arc -> (request slot, peer)
    long wanted = 0;
    for (std::size_t i = 0; i < requests_.size(); ++i) {
      for (int role = 0; role < kRoleCount; ++role) {
        if (seats_[i][role] <= 0) continue;
        int seat = network.add_vertex();
        network.add_arc(source, seat, seats_[i][role], 0);
        wanted += seats_[i][role];
        for (const Candidate& c : candidates_[i * kRoleCount + role]) {
          auto [it, fresh] = peer_vertex.emplace(c.peer, 0);
          if (fresh) {
            it->second = network.add_vertex();
            network.add_arc(it->second, sink, 1, 0);
          }
          Edge arc = network.add_arc(seat, it->second, 1, static_cast<double>(c.cost - lowest));
          choices.push_back({arc, {static_cast<int>(i), c.peer}});
        }
      }
    }
    network.solve(source, sink);
    long filled = 0;
    std::vector<std::vector<int>> fill(requests_.size());
    for (const auto& [arc, choice] : choices) {
      if (network.flow(arc) == 0) continue;
      ++filled;
      fill[choice.first].push_back(choice.second);
    }
    if (filled != wanted) return false;
    for (std::size_t i = 0; i < requests_.size(); ++i) teams[i].insert(teams[i].end(), fill[i].begin(), fill[i].end());
    return true;
  }

  const ScheduleState& state_;
  const Problem& problem_;
  int week_;
  const std::vector<int>& requests_;
  std::vector<TeamShape> seats_;
  TeamShape demand_{};
  std::vector<int> reserved_;  // cover peers: not to be used elsewhere
  std::vector<std::vector<Candidate>> candidates_;  // (request slot, role)
};

}  // namespace

std::vector<Reteam> reteam_week(const ScheduleState& state, int week, const std::vector<int>& requests,
                                const std::vector<std::vector<int>>& old_teams) {
  const Problem& problem = state.problem();
  std::vector<std::vector<int>> teams(requests.size());
  bool covered = true;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    bool complete = false;
    teams[i] = cover_of(problem, requests[i], week, old_teams[i], &complete);
    covered = covered && complete;
  }
  std::vector<Reteam> result;
  bool filled = covered && WeekFill(state, week, requests).run(teams);
  for (std::size_t i = 0; i < requests.size(); ++i) result.push_back({requests[i], filled ? teams[i] : old_teams[i]});
  return result;
}

}  // namespace peerslot
